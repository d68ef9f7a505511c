"""`risk-app export`: a person's whole record as JSON or as an accessible PDF (what a subject
access request needs), the record's main parts as JSON, or as an HL7 FHIR R4 Bundle. Every export
is audited."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from risk_app.cli import shared
from risk_app.cli.shared import PersonOption

app = typer.Typer(no_args_is_help=True, help="Export a person's record.")


@app.command("json")
def as_json(person: PersonOption) -> None:
    """Print a person's whole record, every table of it, as JSON (audited as an export).

    Its format is "risk-app whole record". Until issue 12 this command printed the record's main
    parts ("risk-app person record"), which `export summary` prints now."""
    from risk_app.services import accounts
    from risk_app.services.record import whole_record

    record = whole_record.whole_record(shared.store(), by=accounts.SYSTEM, person_id=person)
    shared.print_json(record)


@app.command("pdf")
def as_pdf(
    person: PersonOption,
    out: Annotated[Path, typer.Option("--out", help="The PDF file to write (a new file).")],
) -> None:
    """Write a person's whole record as an accessible (tagged PDF/UA-1) PDF (audited as an
    export). The file is readable by its owner only, and an existing file is never replaced."""
    from risk_app.domain.errors import RiskAppError
    from risk_app.services import accounts
    from risk_app.services.record import whole_record

    if out.exists():
        raise RiskAppError(f"{out} already exists: name a new file.")
    pdf = whole_record.whole_record_pdf(shared.store(), by=accounts.SYSTEM, person_id=person)
    try:
        with out.open("xb") as file:  # the command runs with umask 077: owner only
            file.write(pdf)
    except OSError as exc:
        raise RiskAppError(f"Cannot write to {out}: {exc.strerror}.") from None
    typer.echo(f"Wrote {out}.")


@app.command("summary")
def as_summary(person: PersonOption) -> None:
    """Print the record's main parts as JSON, in the words the app shows them ("risk-app person
    record", the shape the FHIR bundle is made from; audited as an export)."""
    from risk_app.services import accounts
    from risk_app.services.record import exports, risks

    scale = risks.current_scale(shared.settings().risk_scale_path)
    record = exports.person_record(
        shared.store(), by=accounts.SYSTEM, person_id=person, scale=scale
    )
    shared.print_json(record)


@app.command("fhir")
def as_fhir(person: PersonOption) -> None:
    """Print a person's record as an HL7 FHIR R4 Bundle (audited as an export)."""
    from risk_app.services import accounts
    from risk_app.services.record import exports, risks

    scale = risks.current_scale(shared.settings().risk_scale_path)
    bundle = exports.person_fhir_bundle(
        shared.store(), by=accounts.SYSTEM, person_id=person, scale=scale
    )
    shared.print_json(bundle)
