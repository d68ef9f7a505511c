"""How the `risk-app` command fails: one line on stderr and an exit code, never a traceback.

- 2: the command was used wrongly (an unknown option, a value an option cannot take): the line
  names the option and the value, e.g. ``error: Invalid value for '--format': 'xml' is not one
  of 'json', 'csv', 'text'.``
- 1: the input cannot be used (a missing file, a file over its limit, a refusal from a service:
  ``RiskAppError`` and ``FrameworkError``), or an unexpected failure (named by its type only).
- 130: cancelled (Ctrl+C).

Typer vendors Click, so its usage errors are ``typer.TyperException`` (not ``click``'s classes).
The root group's ``main`` catches them, so the installed command and ``CliRunner`` behave alike.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from framework import FrameworkError
from risk_app.domain.errors import RiskAppError

USAGE_EXIT = 2
"""The command was used wrongly (an unknown option, a value an option cannot take)."""


class OneLineErrors(TyperGroup):
    """The root command: every failure is one line on stderr and an exit code, never a traceback.

    Usage errors exit 2 naming the option and the value; input that cannot be used (a missing
    file, a file over its limit, a refusal from a service) exits 1; Ctrl+C exits 130."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = _run_reporting_errors(self, args, prog_name or "risk-app", complete_var, extra)
        if standalone_mode:
            sys.exit(code)
        return code


def _run_reporting_errors(
    group: TyperGroup,
    args: Sequence[str] | None,
    prog_name: str,
    complete_var: str | None,
    extra: dict[str, Any],
) -> int:
    try:
        # Without standalone mode Click returns the exit code of typer.Exit instead of raising it.
        code = TyperGroup.main(group, args, prog_name, complete_var, standalone_mode=False, **extra)
        return code if isinstance(code, int) else 0
    except typer.Exit as exc:
        return exc.exit_code
    except (FrameworkError, RiskAppError) as exc:
        typer.echo(f"error: {exc}", err=True)
        return 1
    except (typer.Abort, KeyboardInterrupt, EOFError):
        typer.echo("error: cancelled", err=True)
        return 130
    except typer.TyperException as exc:  # Click's usage errors (vendored by Typer)
        return _usage_error(exc)
    except Exception as exc:  # noqa: BLE001 - the unexpected: one line, no traceback
        typer.echo(
            f"error: unexpected failure ({type(exc).__name__}); nothing further was changed.",
            err=True,
        )
        return 1


def _usage_error(exc: typer.TyperException) -> int:
    ctx = getattr(exc, "ctx", None)
    code = int(getattr(exc, "exit_code", USAGE_EXIT))
    if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
        typer.echo(ctx.get_help(), err=True)  # a group named without a command: its help
        return code
    message = " ".join(exc.format_message().replace("Value error, ", "").split())
    given = _value_given(exc)
    if given is not None and given not in message:
        head, sep, tail = message.partition(": ")
        tail = f"{given}{tail[5:]}" if tail.startswith("Input ") else f"{given}: {tail}"
        message = f"{head}{sep}{tail}" if sep else f"{message} ({given})"
    where = f" (see: {ctx.command_path} --help)" if ctx is not None else ""
    typer.echo(f"error: {message}{where}", err=True)
    return code


class UsageProblem(typer.BadParameter):
    """A usage error found by a command itself (options that do not go together): exit 2."""

    def format_message(self) -> str:
        return self.message


def _value_given(exc: BaseException) -> str | None:
    """The value a conversion refused, quoted, when Typer's message leaves it out."""
    errors = getattr(exc.__cause__, "errors", None)  # a pydantic ValidationError from Typer
    if not callable(errors):
        return None
    try:
        value = errors()[0].get("input")
    except (IndexError, TypeError, AttributeError):
        return None
    return repr(value)[:80] if isinstance(value, str) else None
