"""`risk-app export`: print a person's whole record as JSON or as an HL7 FHIR R4 Bundle
(audited as an export)."""

from __future__ import annotations

import typer

from risk_app.cli import shared
from risk_app.cli.shared import PersonOption

app = typer.Typer(no_args_is_help=True, help="Export a person's whole record.")


@app.command("json")
def as_json(person: PersonOption) -> None:
    """Print a person's whole record as JSON (audited as an export)."""
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
