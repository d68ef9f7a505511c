"""Every `risk-app` command, from the Typer app itself: help, a bad option value, an unusable file.

The table must name every command and subcommand: a new command without a row fails
`test_the_table_names_every_command`, so its errors get decided, not left to chance.
Each row: the arguments of a usage error (exit 2, one line naming the option and the value) and,
for commands that read or write a file, the arguments of an unusable one (exit 1, one line).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

from risk_app.cli import app
from tests.command_line import run_command

MISSING = "/nonexistent/risk-app-test/missing"


class Row(NamedTuple):
    bad: tuple[str, ...]
    """Arguments after the command path that misuse an option."""
    named: tuple[str, ...]
    """What the usage error must name (the option, and the value given)."""
    unusable: tuple[str, ...] | None = None
    """Arguments giving a file that cannot be used; None when the command takes no file."""


NO_SUCH = Row(("--bogus",), ("--bogus",))
TABLE: dict[str, Row] = {
    "run": Row(("--port", "eighty"), ("--port", "'eighty'")),
    "init": NO_SUCH,
    "demo": NO_SUCH,
    "backup": Row(("--bogus", "x"), ("--bogus",), (f"{MISSING}/backup.sqlite3",)),
    "users add": Row(("someone", "--role", "emperor", "--name", "X"), ("--role", "'emperor'")),
    "users list": NO_SUCH,
    "users disable": Row(("someone", "--bogus"), ("--bogus",)),
    "users enable": Row(("someone", "--bogus"), ("--bogus",)),
    "users unlock": Row(("someone", "--bogus"), ("--bogus",)),
    "framework check": Row(("--bogus",), ("--bogus",), ("/dev/zero",)),
    "framework export": Row(("--format", "xml"), ("--format", "'xml'"), ("--path", MISSING)),
    "framework versions": NO_SUCH,
    "framework upload": Row(("x.yaml", "--bogus"), ("--bogus",), ("/dev/zero",)),
    "framework activate": Row(("latest",), ("ID", "'latest'")),
    "db upgrade": NO_SUCH,
    "audit-log verify": Row(("--bogus",), ("--bogus",), ("--checkpoint", MISSING)),
    "audit-log checkpoint": Row(("--bogus",), ("--bogus",)),
    "people list": Row(("--format", "yaml"), ("--format", "'yaml'")),
    "export json": Row(("--person", "Amina"), ("--person", "'Amina'")),
    "export fhir": Row(("--person", "1.5"), ("--person", "'1.5'")),
    "export summary": Row(("--person", "Amina"), ("--person", "'Amina'")),
    "export pdf": Row(
        ("--person", "two", "--out", "x.pdf"),
        ("--person", "'two'"),
        ("--person", "1", "--out", "/dev/null/record.pdf"),
    ),
    "agreement pack": Row(
        ("--person", "1", "--out", "x", "--version", "latest"),
        ("--version", "'latest'"),
        ("--person", "1", "--out", "/dev/null/packs"),
    ),
    "agreement verify": Row(("pack.json", "--bogus"), ("--bogus",), ("/dev/zero",)),
    "agreement public-key": NO_SUCH,
    "audit cases": Row(("x.csv", "--format", "xml"), ("--format", "'xml'"), ("/dev/zero",)),
    "audit process": Row(("x.yaml", "--format", "html"), ("--format", "'html'"), ("/dev/zero",)),
}


def commands(group: object = None, path: tuple[str, ...] = ()) -> Iterator[str]:
    command = group or get_command(app)
    for name, sub in getattr(command, "commands", {}).items():
        if getattr(sub, "commands", None):
            yield from commands(sub, (*path, name))
        else:
            yield " ".join((*path, name))


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> CliRunner:
    data = tmp_path_factory.mktemp("data")
    return CliRunner(env={"RISK_APP_DATA_DIR": str(data), "RISK_APP_DATABASE_URL": None})


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def test_the_table_names_every_command():
    assert set(commands()) == set(TABLE)


@pytest.mark.parametrize("command", sorted(TABLE))
def test_help_exits_0(runner: CliRunner, command: str):
    result = runner.invoke(app, [*command.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.stdout


@pytest.mark.parametrize("command", sorted(TABLE))
def test_a_bad_option_value_exits_2_with_one_line_naming_the_option_and_value(
    runner: CliRunner, command: str
):
    row = TABLE[command]
    result = runner.invoke(app, [*command.split(), *row.bad])
    assert result.exit_code == 2, (result.exit_code, result.output)
    line = one_line(result.stderr)
    assert line.startswith("error: ") and result.stdout == ""
    for word in row.named:
        assert word in line, line


@pytest.mark.parametrize("command", sorted(c for c, row in TABLE.items() if row.unusable))
def test_an_unusable_file_exits_1_with_one_line(runner: CliRunner, command: str):
    unusable = TABLE[command].unusable
    assert unusable is not None
    result = runner.invoke(app, [*command.split(), *unusable])
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert one_line(result.stderr).startswith("error: ")


def test_an_unexpected_failure_is_one_line_without_a_traceback(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
):
    from risk_app.cli import shared

    def broken(*_: object, **__: object) -> None:
        raise KeyError("internal detail")

    monkeypatch.setattr(shared, "settings", broken)
    result = runner.invoke(app, ["users", "list"])
    assert result.exit_code == 1
    assert one_line(result.stderr) == (
        "error: unexpected failure (KeyError); nothing further was changed."
    )


def test_a_group_without_its_command_shows_its_help_and_exits_2(runner: CliRunner):
    result = runner.invoke(app, ["users"])
    assert result.exit_code == 2 and "Usage" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ("framework", "check", "/dev/zero"),
        ("audit", "cases", "/dev/zero"),
        ("audit", "process", "/dev/zero"),
    ],
)
def test_dev_zero_is_refused_at_once_with_one_line(tmp_path: Path, args: tuple[str, ...]):
    result = run_command(*args, data_dir=tmp_path)
    assert result.returncode == 1
    assert "it is a device, not a file" in one_line(result.stderr)


def test_the_typer_exception_base_is_what_the_cli_catches():
    # Typer vendors Click: its usage errors are typer.TyperException, not click's classes.
    assert issubclass(typer.BadParameter, typer.TyperException)
