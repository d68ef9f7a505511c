"""What the command groups share: the settings and store a command works on, JSON output, the
`--person` option, and a public key given on the command line to pin."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from risk_app.adapters.db import Store
from risk_app.adapters.files import MAX_KEY_FILE_BYTES, read_bounded
from risk_app.config import Settings
from risk_app.domain.errors import RiskAppError

PersonOption = Annotated[int, typer.Option("--person", help="The person's id (see `people list`).")]


def settings() -> Settings:
    """The settings from the environment; a bad value fails as one line, like any input."""
    try:
        return Settings.from_env()
    except ValueError as exc:
        raise RiskAppError(str(exc)) from exc


def store() -> Store:
    """The store the settings name, created if need be and migrated to the current schema."""
    from risk_app.services.bootstrap import open_store

    return open_store(settings())


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, indent=2))
    sys.stdout.write("\n")


def pinned_key(value: str) -> bytes:
    """The public key given to pin: a PEM file, PEM text or base64 of the raw key."""
    from risk_app.domain.sealing import parse_public_key

    path = Path(value)
    if not path.is_file():
        return parse_public_key(value)
    try:
        text = read_bounded(path, MAX_KEY_FILE_BYTES, what="a public key").decode("utf-8")
    except UnicodeDecodeError:
        raise RiskAppError(f"The public key file {value} is not UTF-8 text.") from None
    return parse_public_key(text)
