"""`risk-app audit-log`: verify the hash-chained audit log, and seal checkpoints of its head."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from risk_app.cli import shared

app = typer.Typer(no_args_is_help=True, help="The hash-chained audit log.")


@app.command("verify")
def verify(
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
        report = audit.verify(shared.store())
        typer.echo(report.summary(), err=not report.ok)
        raise typer.Exit(0 if report.ok else 1)
    key = shared.pinned_key(public_key) if public_key else None
    check, chain = checkpoints.check_file(
        shared.store(), checkpoint, public_key=key, settings=shared.settings()
    )
    if chain is not None and chain.ok:
        typer.echo(chain.summary())
    typer.echo(check.message, err=check.outcome.exit_code != 0)
    raise typer.Exit(check.outcome.exit_code)


@app.command("checkpoint")
def checkpoint(
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

    settings = shared.settings()
    written = checkpoints.write_checkpoint(
        shared.store(),
        seal_key(settings),
        folder=checkpoints.checkpoint_dir(settings),
        out=out,
    )
    made = written.checkpoint
    typer.echo(
        f"Checkpoint written to {written.path}: event {made.seq}, hash {made.head_hash}, "
        f"at {made.made_at}. Keep a copy off this server."
    )
