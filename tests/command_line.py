"""Run the `risk-app` command inside the test process, as a user would run it from a shell.

Starting Python for every command made the command-line tests slow; here each run goes through
Typer's `CliRunner` instead, with the same program name, environment, umask and exit codes, and
stdout and stderr kept apart. `tests/integration/cli/test_installed_command.py` keeps the
installed entry point proven in real processes.

A new process starts with none of the app's per-process caches (the framework in use, the seal
key, risk scales), so each run clears them before it starts and again when it ends, so that
neither an earlier test nor the run itself leaves state behind.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from risk_app.adapters import risk_scales, seal_keys
from risk_app.cli import app
from risk_app.services import framework as framework_service

PROG_NAME = "risk-app"
UMASK = 0o077
"""What `risk_app.cli.main` sets before it runs a command."""


@dataclass(frozen=True)
class CommandRun:
    """What one run of the command gave: its exit code and what it wrote to each stream."""

    returncode: int
    stdout: str
    stderr: str


def run_command(
    *args: str,
    data_dir: Path,
    env: Mapping[str, str | None] | None = None,
    unset: tuple[str, ...] = ("RISK_APP_DATABASE_URL",),
) -> CommandRun:
    """Run `risk-app ARGS` on the data directory `data_dir`.

    The environment is this process's, with RISK_APP_DATA_DIR set, the names in `unset` removed
    (by default the database URL, so the data directory's SQLite database is used) and `env` on
    top (a value of None removes the name). Standard input is empty. An exception escaping the
    command fails the test, as the traceback a real process would print fails the tests' checks.
    """
    overrides: dict[str, str | None] = {name: None for name in unset}
    overrides["RISK_APP_DATA_DIR"] = str(data_dir)
    overrides.update(env or {})
    with _as_a_new_process():
        result = CliRunner().invoke(
            app, list(args), env=overrides, catch_exceptions=False, prog_name=PROG_NAME
        )
    return CommandRun(returncode=result.exit_code, stdout=result.stdout, stderr=result.stderr)


@contextmanager
def _as_a_new_process() -> Iterator[None]:
    _forget_process_state()
    umask = os.umask(UMASK)
    try:
        yield
    finally:
        os.umask(umask)
        _forget_process_state()


def _forget_process_state() -> None:
    framework_service.use_packaged()
    seal_keys._cached_key.cache_clear()
    risk_scales.load_scale.cache_clear()
