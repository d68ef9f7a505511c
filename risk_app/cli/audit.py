"""`risk-app audit`: audit practice against the framework, case by case from an event log or
the journeys recorded in the app, and a local SDS process against the framework's stages."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from risk_app.adapters.files import read_bounded
from risk_app.cli import shared
from risk_app.cli.errors import UsageProblem

app = typer.Typer(no_args_is_help=True, help="Audit practice against the framework.")


class ReportFormat(StrEnum):
    json = "json"
    csv = "csv"
    text = "text"


AUDIT_DEVIATIONS_EXIT = 3
AUDIT_SKIPPED_EXIT = 4


@app.command("cases")
def cases(
    events: Annotated[Path | None, typer.Argument(help="An event log (CSV or XES).")] = None,
    mapping: Annotated[
        Path | None, typer.Option(help="CSV of local_activity,framework_id for the log.")
    ] = None,
    from_app: Annotated[
        bool, typer.Option("--from-app", help="Audit the journeys recorded in the app.")
    ] = False,
    fmt: Annotated[ReportFormat, typer.Option("--format", help="Output format.")] = (
        ReportFormat.text
    ),
    as_of: Annotated[
        str | None,
        typer.Option(help="Judge reviews due by this date (default: latest event, or today)."),
    ] = None,
    encoding: Annotated[str, typer.Option(help="The log's encoding (default: detected).")] = "auto",
    drill_down: Annotated[
        bool, typer.Option(help="JSON: list the cases behind each bucket.")
    ] = True,
) -> None:
    """Audit cases against the framework (docs/case-audit.md). Exit 0: every case conforms;
    3: deviations found; 4: rows were skipped; 1: the input cannot be audited."""
    import csv
    from datetime import date

    from risk_app.domain.assurance import conformance_output as output
    from risk_app.services import accounts
    from risk_app.services.assurance import case_audit

    if from_app == (events is not None) or (from_app and mapping is not None):
        raise UsageProblem("Give an event log file (with --mapping if needed), or --from-app.")
    try:
        when = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise typer.BadParameter(
            f"{as_of!r} is not a date such as 2026-11-22", param_hint="'--as-of'"
        ) from None
    store = shared.store()
    if events is None:
        done = case_audit.audit_recorded_journeys(store, by=accounts.SYSTEM, as_of=when)
    else:
        done = case_audit.audit_event_log(
            store, by=accounts.SYSTEM, events=events, mapping=mapping, encoding=encoding, as_of=when
        )
    report, skipped = done.report, len(done.source.skipped)
    if fmt is ReportFormat.json:
        output.write_report_json(sys.stdout, report, done.rules, done.source, drill_down=drill_down)
    elif fmt is ReportFormat.csv:
        csv.writer(sys.stdout, lineterminator="\n").writerows(
            output.report_csv_rows(report, done.rules)
        )
    else:
        typer.echo("\n".join(output.report_text(report, done.rules, done.source)))
    if skipped and fmt is not ReportFormat.text:
        typer.echo(f"warning: {skipped} rows skipped (listed in --format text or json)", err=True)
    if skipped:
        raise typer.Exit(AUDIT_SKIPPED_EXIT)
    if report.deviation_count:
        raise typer.Exit(AUDIT_DEVIATIONS_EXIT)


@app.command("process")
def process(
    file: Annotated[Path, typer.Argument(help="A local SDS process (YAML or CSV).")],
    fmt: Annotated[ReportFormat, typer.Option("--format", help="json or text.")] = (
        ReportFormat.text
    ),
) -> None:
    """Check a local SDS process against the framework (docs/process-audit.md). Exit 0: aligned;
    3: touchpoints missing or misplaced; 1: the file cannot be used."""
    from risk_app.adapters.process_files import MAX_PROCESS_BYTES
    from risk_app.services.assurance.process_audit import run_process_audit

    if fmt is ReportFormat.csv:
        raise typer.BadParameter(
            "'csv': the process audit is given as json or text", param_hint="'--format'"
        )
    # A file that cannot be read at all (missing, a device, a pipe, too large) is one line on
    # stderr; what is wrong inside a file is the report itself, in the format asked for.
    read_bounded(file, MAX_PROCESS_BYTES, what="a local process file")
    output, code = run_process_audit(file, fmt.value, store=shared.store())
    sys.stdout.write(output)
    if code:
        raise typer.Exit(code)
