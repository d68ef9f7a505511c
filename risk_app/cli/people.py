"""`risk-app people`: list everyone's records (as the operator; audited)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from risk_app.cli import shared

app = typer.Typer(no_args_is_help=True, help="People's records (as the operator).")


class ListFormat(StrEnum):
    json = "json"
    text = "text"


@app.command("list")
def list_people(
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.text,
) -> None:
    """List everyone's id, name, stage and team (audited)."""
    from risk_app.services import accounts
    from risk_app.services.record import exports

    listed = exports.people_list(shared.store(), by=accounts.SYSTEM)
    if fmt is ListFormat.json:
        shared.print_json(listed)
        return
    for person in listed:
        stage = person["stage"]
        preferred = f" ({person['preferred_name']})" if person["preferred_name"] else ""
        typer.echo(
            f"{person['id']}\t{stage['id']}\t{person['team'] or '-'}\t{person['name']}{preferred}"
            f"\t{stage['label']}"
        )
