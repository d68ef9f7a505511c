"""Canonical JSON: the one byte form that digests and seals are computed over.

Object keys sorted, no whitespace between tokens, non-ASCII characters written as themselves,
UTF-8, and no floating-point numbers (so every reader recomputes the same bytes). Agreements,
signatures, evidence packs and audit checkpoints all use it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

from risk_app.domain.errors import InvalidInput


def canonical_json(data: object) -> bytes:
    """The canonical bytes of JSON-ready data (see the module docstring)."""
    _refuse_floats(data)
    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def _refuse_floats(data: object) -> None:
    if isinstance(data, float):
        raise InvalidInput("The canonical form holds no numbers with fractions.")
    if isinstance(data, Mapping):
        for value in data.values():
            _refuse_floats(value)
    elif isinstance(data, list | tuple):
        for value in data:
            _refuse_floats(value)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
