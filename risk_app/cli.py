"""The `risk-app` command. Every failure prints one clear line on stderr and exits non-zero."""

from __future__ import annotations

import getpass
import os
import subprocess
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from framework import FrameworkGraph, load_framework_bytes
from framework import export as framework_export
from framework.loader import BUNDLED_FRAMEWORK
from framework.loader import MAX_BYTES as MAX_FRAMEWORK_BYTES
from risk_app.adapters.db import Store
from risk_app.adapters.files import (
    MAX_EVIDENCE_PACK_BYTES,
    MAX_KEY_FILE_BYTES,
    read_bounded,
    read_bounded_json,
)
from risk_app.cli_errors import OneLineErrors, UsageProblem
from risk_app.config import Settings
from risk_app.domain.errors import RiskAppError
from risk_app.domain.roles import Role
from risk_app.domain.sealing import SealKey

app = typer.Typer(cls=OneLineErrors, add_completion=False, no_args_is_help=True, help=__doc__)
users_app = typer.Typer(no_args_is_help=True, help="Manage accounts.")
framework_app = typer.Typer(
    no_args_is_help=True, help="Check and export the framework graph; upload and activate versions."
)
db_app = typer.Typer(no_args_is_help=True, help="Database schema.")
audit_app = typer.Typer(no_args_is_help=True, help="The hash-chained audit log.")
people_app = typer.Typer(no_args_is_help=True, help="People's records (as the operator).")
export_app = typer.Typer(no_args_is_help=True, help="Export a person's whole record.")
agreement_app = typer.Typer(
    no_args_is_help=True, help="Risk agreements: evidence packs and checking them offline."
)
app.add_typer(users_app, name="users")
app.add_typer(framework_app, name="framework")
app.add_typer(db_app, name="db")
app.add_typer(audit_app, name="audit-log")
app.add_typer(people_app, name="people")
app.add_typer(export_app, name="export")
app.add_typer(agreement_app, name="agreement")
conformance_app = typer.Typer(no_args_is_help=True, help="Audit practice against the framework.")
app.add_typer(conformance_app, name="audit")

ENTRYPOINT = Path(__file__).resolve().parent / "ui" / "app.py"
SERVER = Path(__file__).resolve().parent / "web" / "server.py"
"""What `run` serves: the entrypoint inside our sign-in routes and edge middleware (ADR 0009)."""

# Safe server defaults, also in .streamlit/config.toml (a test keeps the two in step). Passed as
# flags so that they hold wherever `risk-app run` is started from.
SERVER_FLAGS: dict[str, str] = {
    "server.headless": "true",
    "server.address": "127.0.0.1",
    "server.enableXsrfProtection": "true",
    "server.enableCORS": "true",
    "server.maxUploadSize": "100",
    "server.maxMessageSize": "50",
    "server.enableStaticServing": "false",
    "server.runOnSave": "false",
    "server.fileWatcherType": "none",
    "client.showErrorDetails": "none",
    "client.toolbarMode": "viewer",
    "browser.gatherUsageStats": "false",
    "theme.base": "light",
    "theme.primaryColor": "#005EB8",
    "theme.textColor": "#0B0C0C",
    "theme.grayTextColor": "#505A5F",
    "theme.linkColor": "#1D70B8",
}


class ExportFormat(StrEnum):
    json = "json"
    graphml = "graphml"
    mermaid = "mermaid"


class ListFormat(StrEnum):
    json = "json"
    text = "text"


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except ValueError as exc:
        raise RiskAppError(str(exc)) from exc


def _store() -> Store:
    from risk_app.services.bootstrap import open_store

    return open_store(_settings())


@app.command()
def run(
    port: Annotated[int, typer.Option(help="Port to serve on (loopback only).")] = 8501,
    address: Annotated[
        str, typer.Option(help="Address to bind; keep loopback behind a proxy.")
    ] = "127.0.0.1",
    demo: Annotated[
        bool, typer.Option(help="Demo mode: show demo passwords on the sign-in page.")
    ] = False,
) -> None:
    """Start the web app (migrating the database first)."""
    if not 1 <= port <= 65535:
        raise RiskAppError(f"Port must be between 1 and 65535, not {port}.")
    _store().dispose()
    env = dict(os.environ)
    if demo:
        env["RISK_APP_DEMO"] = "1"
    flags = {**SERVER_FLAGS, "server.port": str(port), "server.address": address}
    command = [sys.executable, "-m", "streamlit", "run", str(SERVER)]
    command += [f"--{key}={value}" for key, value in flags.items()]
    typer.echo(f"risk-app: serving on http://{address}:{port}  (Ctrl+C to stop)")
    try:
        raise typer.Exit(subprocess.call(command, env=env))
    except KeyboardInterrupt:
        raise typer.Exit(0) from None


def _seal_key_ready() -> SealKey:
    """The organisation's seal key, created in the data directory if none is configured yet."""
    from risk_app.adapters.seal_keys import ensure_seal_key
    from risk_app.domain.sealing import short_fingerprint

    settings = _settings()
    key, created = ensure_seal_key(settings)
    where = "from RISK_APP_SEAL_KEY" if settings.seal_key_pem else str(settings.seal_key_path)
    state = "created" if created else "in use"
    typer.echo(f"Seal key {state} ({where}), fingerprint {short_fingerprint(key.fingerprint)}.")
    return key


@app.command()
def init() -> None:
    """Create the database (if needed) and migrate it, and create the organisation's seal key."""
    store = _store()
    typer.echo(f"Database ready ({store.dialect}): {_settings().database_url.split('@')[-1]}")
    _seal_key_ready()


@app.command()
def demo() -> None:
    """Load the fictional demo organisation into an empty database."""
    from risk_app.services import demo as demo_service

    store = _store()
    key = _seal_key_ready()
    if demo_service.load(store, seal_key=key):
        typer.echo(
            "Demo organisation loaded: 2 teams, 8 people, one account per role; "
            "Amina's risk agreement is issued and partly signed."
        )
    else:
        typer.echo("The database already has accounts; the demo organisation was not loaded again.")


@users_app.command("add")
def users_add(
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
        _store(),
        by=accounts.SYSTEM,
        username=username,
        display_name=name,
        role=role,
        password=password,
        team=team,
        person_id=person_id,
    )
    typer.echo(f"Added {user.username} ({user.role.label}).")


@users_app.command("list")
def users_list() -> None:
    """List accounts."""
    from risk_app.services import accounts

    for user in accounts.list_users(_store(), by=accounts.SYSTEM):
        state = "disabled" if user.disabled else "active"
        typer.echo(
            f"{user.username}\t{user.role.value}\t{user.team or '-'}\t{state}\t{user.display_name}"
        )


@users_app.command("disable")
def users_disable(username: str) -> None:
    """Disable an account: it loses access at its next interaction."""
    from risk_app.services import accounts

    accounts.set_disabled(_store(), by=accounts.SYSTEM, username=username, disabled=True)
    typer.echo(f"Disabled {username}.")


@users_app.command("enable")
def users_enable(username: str) -> None:
    """Enable a disabled account."""
    from risk_app.services import accounts

    accounts.set_disabled(_store(), by=accounts.SYSTEM, username=username, disabled=False)
    typer.echo(f"Enabled {username}.")


@users_app.command("unlock")
def users_unlock(username: str) -> None:
    """Clear an account's failed sign-ins from every address, so it can sign in at once."""
    from risk_app.services import accounts

    cleared = accounts.unlock(_store(), by=accounts.SYSTEM, username=username)
    tries = "try" if cleared == 1 else "tries"
    typer.echo(f"Unlocked {username} ({cleared} failed {tries} cleared).")


def _framework_file(path: Path | None) -> FrameworkGraph:
    """A framework file given on the command line (default: the bundled one), read bounded."""
    file = path or BUNDLED_FRAMEWORK
    raw = read_bounded(file, MAX_FRAMEWORK_BYTES, what="a framework file")
    return load_framework_bytes(raw, file.name or str(file))


@framework_app.command("check")
def framework_check(
    path: Annotated[Path | None, typer.Argument(help="A framework YAML file.")] = None,
) -> None:
    """Validate a framework file (default: the bundled framework)."""
    graph = _framework_file(path)
    nodes = len(graph.nodes())
    links = len(graph.links())
    typer.echo(
        f"OK: {path or 'bundled framework'} is valid: version {graph.version}, {nodes} nodes, {links} links."
    )


@framework_app.command("export")
def framework_export_cmd(
    fmt: Annotated[
        ExportFormat, typer.Option("--format", help="Output format.")
    ] = ExportFormat.json,
    path: Annotated[
        Path | None, typer.Option(help="A framework YAML file (default: bundled).")
    ] = None,
) -> None:
    """Print the framework graph as node-link JSON, GraphML or Mermaid."""
    graph = _framework_file(path)
    writer = {
        ExportFormat.json: framework_export.to_json,
        ExportFormat.graphml: framework_export.to_graphml,
        ExportFormat.mermaid: framework_export.to_mermaid,
    }[fmt]
    sys.stdout.write(writer(graph))
    sys.stdout.write("\n")


def _when(moment: object) -> str:
    return "-" if moment is None else f"{moment:%Y-%m-%d %H:%M} UTC"


@framework_app.command("versions")
def framework_versions() -> None:
    """List the framework version in use and every uploaded version (as the operator)."""
    from risk_app.services import accounts
    from risk_app.services import framework as framework_service

    listed = framework_service.versions(_store(), accounts.SYSTEM)
    info = framework_service.current_info()
    where = "packaged with the app" if info.stored_id is None else f"upload {info.stored_id}"
    typer.echo(f"In use: version {info.version} ({where}), SHA-256 {info.sha256[:12]}.")
    if not listed:
        typer.echo("No framework file has been uploaded.")
        return
    typer.echo("upload\tversion\tsha256\tfile\tuploaded\tlast activated\tin use")
    for v in listed:
        activated = f"{v.activated_by} {_when(v.activated_at)}" if v.activated_at else "-"
        typer.echo(
            f"{v.id}\t{v.version}\t{v.sha256[:12]}\t{v.source_name}\t"
            f"{v.uploaded_by} {_when(v.uploaded_at)}\t{activated}\t{'yes' if v.active else 'no'}"
        )


@framework_app.command("upload")
def framework_upload(
    file: Annotated[Path, typer.Argument(help="A revised framework YAML file.")],
) -> None:
    """Store a revised framework file and print how it differs (not used until activated)."""
    from framework.diff import render_diff_text
    from risk_app.services import accounts
    from risk_app.services import framework as framework_service

    data = read_bounded(file, MAX_FRAMEWORK_BYTES, what="a framework file")
    diff, version_id = framework_service.upload(_store(), accounts.SYSTEM, data, file.name)
    sys.stdout.write(render_diff_text(diff))
    typer.echo(
        f"Stored as upload {version_id} (version {diff.new_version}); not in use yet. To make "
        f"every new record use it: risk-app framework activate {version_id}"
    )


@framework_app.command("activate")
def framework_activate(
    version_id: Annotated[int, typer.Argument(metavar="ID", help="The upload id to use.")],
) -> None:
    """Make an uploaded framework version the one every new record uses (going back included)."""
    from risk_app.services import accounts
    from risk_app.services import framework as framework_service

    done = framework_service.activate(_store(), accounts.SYSTEM, version_id)
    typer.echo(
        f"Version {done.version} (upload {done.id}) is now in use: activated by "
        f"{done.activated_by} at {_when(done.activated_at)}. Records made earlier keep the "
        "framework version they were made under."
    )


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply pending migrations."""
    from risk_app.services.bootstrap import schema_status

    current, head = schema_status(_store())
    typer.echo(f"Database schema at revision {current} (newest {head}).")


@app.command()
def backup(
    path: Path,
    drill: Annotated[
        bool,
        typer.Option(
            "--drill",
            help="Then restore the copy to a scratch folder and compare it with the live "
            "database (integrity, audit chain, rows per table); run it when the app is quiet.",
        ),
    ] = False,
) -> None:
    """Copy the SQLite database online to PATH (a new file) and check the copy.

    The copy is made in one step while the app goes on writing, and appears at PATH only when it
    is complete. Exit 0: copied and checked; 1: not copied, or the copy or the drill failed."""
    from risk_app.services import maintenance

    store = _store()
    result = maintenance.backup(store, path)
    typer.echo(
        f"Backup written to {result.path} ({result.bytes} bytes); integrity {result.integrity}; "
        f"{result.chain.summary()}"
    )
    if result.integrity != "ok" or not result.chain.ok:
        raise typer.Exit(1)
    if drill:
        drilled = maintenance.restore_drill(result.path, store)
        typer.echo("\n".join(drilled.lines()))
        if not drilled.ok:
            raise typer.Exit(1)


@audit_app.command("verify")
def audit_verify(
    checkpoint: Annotated[
        Path | None,
        typer.Option(
            "--checkpoint",
            help="A checkpoint file (from `audit-log checkpoint`): the log must still reach its "
            "event with its hash.",
        ),
    ] = None,
    public_key: Annotated[
        str | None,
        typer.Option(
            "--public-key",
            help="The key the checkpoint was sealed with, if not the configured seal key.",
        ),
    ] = None,
) -> None:
    """Walk the hash chain and report the first event that does not hold; with --checkpoint, also
    check the log against a sealed checkpoint of its head.

    Exit 0: intact (and matching the checkpoint); 1: the chain is broken, or input is unusable;
    3: events after the checkpoint's were deleted (tail deleted); 4: the chain was rebuilt (the
    checkpoint's event has another hash); 5: the checkpoint is altered or not sealed by the key."""
    from risk_app.services import audit, checkpoints

    if checkpoint is None:
        report = audit.verify(_store())
        typer.echo(report.summary(), err=not report.ok)
        raise typer.Exit(0 if report.ok else 1)
    key = _pinned_key(public_key) if public_key else None
    check, chain = checkpoints.check_file(
        _store(), checkpoint, public_key=key, settings=_settings()
    )
    if chain is not None and chain.ok:
        typer.echo(chain.summary())
    typer.echo(check.message, err=check.outcome.exit_code != 0)
    raise typer.Exit(check.outcome.exit_code)


@audit_app.command("checkpoint")
def audit_checkpoint(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Write to this new file (default: a new file in the checkpoint folder)."
        ),
    ] = None,
) -> None:
    """Seal the audit log's head (event number and hash) with the organisation's key and write
    it outside the database: by default a new read-only file in <data dir>/checkpoints/. Copy
    checkpoints off the server too; `audit-log verify --checkpoint FILE` checks the log later."""
    from risk_app.adapters.seal_keys import seal_key
    from risk_app.services import checkpoints

    settings = _settings()
    written = checkpoints.write_checkpoint(
        _store(),
        seal_key(settings),
        folder=checkpoints.checkpoint_dir(settings),
        out=out,
    )
    made = written.checkpoint
    typer.echo(
        f"Checkpoint written to {written.path}: event {made.seq}, hash {made.head_hash}, "
        f"at {made.made_at}. Keep a copy off this server."
    )


def _print_json(data: object) -> None:
    import json

    sys.stdout.write(json.dumps(data, indent=2))
    sys.stdout.write("\n")


@people_app.command("list")
def people_list(
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.text,
) -> None:
    """List everyone's id, name, stage and team (audited)."""
    from risk_app.services import accounts
    from risk_app.services.record import exports

    listed = exports.people_list(_store(), by=accounts.SYSTEM)
    if fmt is ListFormat.json:
        _print_json(listed)
        return
    for person in listed:
        stage = person["stage"]
        preferred = f" ({person['preferred_name']})" if person["preferred_name"] else ""
        typer.echo(
            f"{person['id']}\t{stage['id']}\t{person['team'] or '-'}\t{person['name']}{preferred}"
            f"\t{stage['label']}"
        )


PersonOption = Annotated[int, typer.Option("--person", help="The person's id (see `people list`).")]


@export_app.command("json")
def export_json(person: PersonOption) -> None:
    """Print a person's whole record as JSON (audited as an export)."""
    from risk_app.services import accounts
    from risk_app.services.record import exports, risks

    scale = risks.current_scale(_settings().risk_scale_path)
    _print_json(exports.person_record(_store(), by=accounts.SYSTEM, person_id=person, scale=scale))


@export_app.command("fhir")
def export_fhir(person: PersonOption) -> None:
    """Print a person's record as an HL7 FHIR R4 Bundle (audited as an export)."""
    from risk_app.services import accounts
    from risk_app.services.record import exports, risks

    scale = risks.current_scale(_settings().risk_scale_path)
    bundle = exports.person_fhir_bundle(_store(), by=accounts.SYSTEM, person_id=person, scale=scale)
    _print_json(bundle)


@agreement_app.command("pack")
def agreement_pack(
    person: PersonOption,
    out: Annotated[Path, typer.Option("--out", help="Folder to write the files into.")],
    version: Annotated[
        int | None, typer.Option("--version", help="Version number (default: the latest).")
    ] = None,
    pdf: Annotated[bool, typer.Option(help="Write the PDF as well as the JSON pack.")] = True,
) -> None:
    """Write a version's evidence pack (JSON) and its accessible PDF (audited as an export)."""
    from risk_app.services import accounts
    from risk_app.services.agreements import evidence

    files = evidence.evidence(
        _store(), by=accounts.SYSTEM, person_id=person, version=version, with_pdf=pdf
    )
    try:
        out.mkdir(mode=0o700, parents=True, exist_ok=True)
        written = [out / f"{files.file_stem}.json"]
        written[0].write_text(files.json_text, encoding="utf-8")
        if files.pdf is not None:
            written.append(out / f"{files.file_stem}.pdf")
            written[1].write_bytes(files.pdf)
    except OSError as exc:
        raise RiskAppError(f"Cannot write to {out}: {exc.strerror}.") from None
    typer.echo(f"Wrote {', '.join(str(p) for p in written)} (digest {files.digest}).")


def _pinned_key(value: str) -> bytes:
    from risk_app.domain.sealing import parse_public_key

    path = Path(value)
    if not path.is_file():
        return parse_public_key(value)
    try:
        text = read_bounded(path, MAX_KEY_FILE_BYTES, what="a public key").decode("utf-8")
    except UnicodeDecodeError:
        raise RiskAppError(f"The public key file {value} is not UTF-8 text.") from None
    return parse_public_key(text)


@agreement_app.command("verify")
def agreement_verify(
    file: Annotated[Path, typer.Argument(help="An evidence pack (JSON).")],
    public_key: Annotated[
        str | None,
        typer.Option(
            "--public-key",
            help="The organisation's public key to pin: a PEM file, PEM text or base64 of the key.",
        ),
    ] = None,
) -> None:
    """Check an evidence pack offline: integrity (INTACT or ALTERED: field), completeness
    (COMPLETE or INCOMPLETE: who is still to sign) and proof (NOT PROVEN without --public-key).

    Exit 0: intact, complete and sealed by the key given; 4: intact but not everyone has signed;
    5: altered; 6: not proven (no --public-key); 1: not a usable pack; 2: usage error."""
    from risk_app.domain.agreements.evidence_verify import Verdict, verify_pack

    pinned = _pinned_key(public_key) if public_key else None
    raw = read_bounded_json(file, MAX_EVIDENCE_PACK_BYTES, what="an evidence pack")
    report = verify_pack(raw, pinned_key=pinned)
    if report.verdict is Verdict.UNUSABLE:
        raise RiskAppError(report.integrity_line().removeprefix("UNUSABLE: "))
    typer.echo("\n".join(report.lines()))
    raise typer.Exit(report.verdict.exit_code)


@agreement_app.command("public-key")
def agreement_public_key() -> None:
    """Print the organisation's public seal key (PEM) and its fingerprint, for pinning."""
    from risk_app.adapters.seal_keys import seal_key
    from risk_app.services.agreements import evidence

    info = evidence.public_key(seal_key(_settings()))
    sys.stdout.write(info.pem)
    typer.echo(f"Fingerprint (SHA-256 of the raw key): {info.fingerprint}")


class ReportFormat(StrEnum):
    json = "json"
    csv = "csv"
    text = "text"


AUDIT_DEVIATIONS_EXIT = 3
AUDIT_SKIPPED_EXIT = 4


@conformance_app.command("cases")
def audit_cases(
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
    store = _store()
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


@conformance_app.command("process")
def audit_process(
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
    output, code = run_process_audit(file, fmt.value, store=_store())
    sys.stdout.write(output)
    if code:
        raise typer.Exit(code)


def main() -> None:
    os.umask(0o077)  # the database, its WAL and backups are readable by this account only
    app(prog_name="risk-app")


if __name__ == "__main__":
    main()
