"""The root of the `risk-app` command: the top-level commands and every command group joined
under one Typer application, and the installed entry point."""

from __future__ import annotations

import os

import typer

from risk_app.cli import (
    agreement,
    audit,
    audit_log,
    backup,
    db,
    export,
    first_run,
    framework,
    people,
    serve,
    users,
)
from risk_app.cli.errors import OneLineErrors

HELP = "The `risk-app` command. Every failure prints one clear line on stderr and exits non-zero."

app = typer.Typer(cls=OneLineErrors, add_completion=False, no_args_is_help=True, help=HELP)
app.add_typer(users.app, name="users")
app.add_typer(framework.app, name="framework")
app.add_typer(db.app, name="db")
app.add_typer(audit_log.app, name="audit-log")
app.add_typer(people.app, name="people")
app.add_typer(export.app, name="export")
app.add_typer(agreement.app, name="agreement")
app.add_typer(audit.app, name="audit")
app.command("run")(serve.run)
app.command("init")(first_run.init)
app.command("demo")(first_run.demo)
app.command("backup")(backup.backup)


def main() -> None:
    os.umask(0o077)  # the database, its WAL and backups are readable by this account only
    app(prog_name="risk-app")
