"""`risk-app db`: the database schema."""

from __future__ import annotations

import typer

from risk_app.cli import shared

app = typer.Typer(no_args_is_help=True, help="Database schema.")


@app.command("upgrade")
def upgrade() -> None:
    """Apply pending migrations."""
    from risk_app.services.bootstrap import schema_status

    current, head = schema_status(shared.store())
    typer.echo(f"Database schema at revision {current} (newest {head}).")
