"""`risk-app users`: add, list, disable, enable and unlock accounts (as the system)."""

from __future__ import annotations

import getpass
import os
from typing import Annotated

import typer

from risk_app.cli import shared
from risk_app.domain.roles import Role

app = typer.Typer(no_args_is_help=True, help="Manage accounts.")


@app.command("add")
def add(
    username: str,
    role: Annotated[Role, typer.Option(help="The account's role.")],
    name: Annotated[str, typer.Option(help="Display name.")],
    team: Annotated[str | None, typer.Option(help="Team (practitioners and managers).")] = None,
    person_id: Annotated[int | None, typer.Option(help="Person (individual accounts).")] = None,
    sso_only: Annotated[
        bool, typer.Option(help="No password: sign in through single sign-on.")
    ] = False,
) -> None:
    """Add an account. The password is read from RISK_APP_NEW_PASSWORD or asked for (never an argument)."""
    from risk_app.services import accounts

    password: str | None = None
    if not sso_only:
        password = os.environ.get("RISK_APP_NEW_PASSWORD") or getpass.getpass("Password: ")
    user = accounts.create_user(
        shared.store(),
        by=accounts.SYSTEM,
        username=username,
        display_name=name,
        role=role,
        password=password,
        team=team,
        person_id=person_id,
    )
    typer.echo(f"Added {user.username} ({user.role.label}).")


@app.command("list")
def list_users() -> None:
    """List accounts."""
    from risk_app.services import accounts

    for user in accounts.list_users(shared.store(), by=accounts.SYSTEM):
        state = "disabled" if user.disabled else "active"
        typer.echo(
            f"{user.username}\t{user.role.value}\t{user.team or '-'}\t{state}\t{user.display_name}"
        )


@app.command("disable")
def disable(username: str) -> None:
    """Disable an account: it loses access at its next interaction."""
    from risk_app.services import accounts

    accounts.set_disabled(shared.store(), by=accounts.SYSTEM, username=username, disabled=True)
    typer.echo(f"Disabled {username}.")


@app.command("enable")
def enable(username: str) -> None:
    """Enable a disabled account."""
    from risk_app.services import accounts

    accounts.set_disabled(shared.store(), by=accounts.SYSTEM, username=username, disabled=False)
    typer.echo(f"Enabled {username}.")


@app.command("unlock")
def unlock(username: str) -> None:
    """Clear an account's failed sign-ins from every address, so it can sign in at once."""
    from risk_app.services import accounts

    cleared = accounts.unlock(shared.store(), by=accounts.SYSTEM, username=username)
    tries = "try" if cleared == 1 else "tries"
    typer.echo(f"Unlocked {username} ({cleared} failed {tries} cleared).")
