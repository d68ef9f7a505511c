"""`risk-app agreement`: write a risk agreement's evidence pack and PDF, check a pack offline,
and print the organisation's public seal key for pinning."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from risk_app.adapters.files import MAX_EVIDENCE_PACK_BYTES, read_bounded_json
from risk_app.cli import shared
from risk_app.cli.shared import PersonOption
from risk_app.domain.errors import RiskAppError

app = typer.Typer(
    no_args_is_help=True, help="Risk agreements: evidence packs and checking them offline."
)


@app.command("pack")
def pack(
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
        shared.store(), by=accounts.SYSTEM, person_id=person, version=version, with_pdf=pdf
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


@app.command("verify")
def verify(
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

    pinned = shared.pinned_key(public_key) if public_key else None
    raw = read_bounded_json(file, MAX_EVIDENCE_PACK_BYTES, what="an evidence pack")
    report = verify_pack(raw, pinned_key=pinned)
    if report.verdict is Verdict.UNUSABLE:
        raise RiskAppError(report.integrity_line().removeprefix("UNUSABLE: "))
    typer.echo("\n".join(report.lines()))
    raise typer.Exit(report.verdict.exit_code)


@app.command("public-key")
def public_key() -> None:
    """Print the organisation's public seal key (PEM) and its fingerprint, for pinning."""
    from risk_app.adapters.seal_keys import seal_key
    from risk_app.services.agreements import evidence

    info = evidence.public_key(seal_key(shared.settings()))
    sys.stdout.write(info.pem)
    typer.echo(f"Fingerprint (SHA-256 of the raw key): {info.fingerprint}")
