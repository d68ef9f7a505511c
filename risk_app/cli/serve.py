"""`risk-app run`: serve the web app on loopback with safe server settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from risk_app.cli import shared
from risk_app.domain.errors import RiskAppError

SERVER = Path(__file__).resolve().parents[1] / "web" / "server.py"
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
    # Streamlit runs a full garbage collection after every script run: with the framework graph,
    # SQLAlchemy and plotly loaded that took 100-400 ms a click on a 2-core machine, while the
    # browser waited (bench/README.md). Python's own collector still runs as memory is used.
    "runner.postScriptGC": "false",
    "client.showErrorDetails": "none",
    "client.toolbarMode": "viewer",
    "browser.gatherUsageStats": "false",
    "theme.base": "light",
    "theme.primaryColor": "#005EB8",
    "theme.textColor": "#0B0C0C",
    "theme.grayTextColor": "#505A5F",
    "theme.linkColor": "#1D70B8",
    "theme.borderColor": "#505A5F",
    "theme.showWidgetBorder": "true",
}


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
    shared.store().dispose()
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
