"""`risk-app backup`: copy the live SQLite database, check the copy, and optionally drill a
restore of it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from risk_app.cli import shared


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

    store = shared.store()
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
