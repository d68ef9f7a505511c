"""The `risk-app` command line: one module per command group, assembled in `root`.

`main` is the installed entry point; `app` is the Typer application (tests invoke it directly).
Each group module holds its commands; `shared` holds what they all use; `errors` decides how any
command fails (one line on stderr and an exit code).
"""

from risk_app.cli.root import app, main

__all__ = ["app", "main"]
