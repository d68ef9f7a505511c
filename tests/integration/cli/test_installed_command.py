"""The installed `risk-app` command in real processes: the entry point, `python -m risk_app.cli`,
and a real command on a fresh data directory.

Every other command-line test runs the command inside the test process (tests/command_line.py);
these few prove that what a user starts from a shell is the same command.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.main import get_command

from risk_app.cli import app
from tests.command_line import UMASK

INSTALLED = Path(sys.executable).with_name("risk-app")
"""The console script pip installs beside this Python (pyproject's [project.scripts])."""


def in_a_process(*command: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RISK_APP_DATA_DIR": str(data_dir)}
    env.pop("RISK_APP_DATABASE_URL", None)
    return subprocess.run(
        command, check=False, capture_output=True, text=True, env=env, timeout=120
    )


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def test_the_installed_command_shows_its_help_naming_every_command(tmp_path: Path):
    result = in_a_process(str(INSTALLED), "--help", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Usage: risk-app" in result.stdout and result.stderr == ""
    for command in get_command(app).commands:
        assert f" {command} " in result.stdout, command


def test_a_usage_error_from_the_installed_command_is_one_line_and_exit_2(tmp_path: Path):
    result = in_a_process(
        sys.executable,
        "-m",
        "risk_app.cli",
        *("audit", "cases", "x.csv", "--format", "xml"),
        data_dir=tmp_path,
    )
    assert result.returncode == 2
    assert one_line(result.stderr) == (
        "error: Invalid value for '--format': 'xml' is not one of 'json', 'csv', 'text'. "
        "(see: risk-app audit cases --help)"
    )


def test_init_from_the_installed_command_makes_a_data_directory_only_its_owner_can_read(
    tmp_path: Path,
):
    data = tmp_path / "data"
    result = in_a_process(str(INSTALLED), "init", data_dir=data)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Database ready (sqlite): ")
    assert "Seal key created" in result.stdout and result.stderr == ""
    for made in (data, data / "risk-app.sqlite3", data / "seal-key.pem"):
        assert made.stat().st_mode & UMASK == 0, made
