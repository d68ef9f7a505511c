"""Limits on the shape of structured text read from files: nesting depth, aliases, number size.

Stated once, here in the lowest layer, so that framework files, local process files (YAML) and
evidence packs (JSON) are held to the same limits. Nothing the app reads needs more: a framework
file nests about six levels deep and its largest number is a year.

- **Depth**: mappings and lists nested at most ``MAX_DEPTH`` levels.
- **Aliases** (YAML ``&name`` ... ``*name``): an alias repeats a part of the document without
  repeating its text, so a file of a few kilobytes can stand for gigabytes ("billion laughs").
  Aliases are allowed (PyYAML writes them for repeated values) as long as the document, with
  every alias written out, has at most ``MAX_EXPANDED_NODES`` values.
- **Numbers**: integers of at most ``MAX_INT_DIGITS`` digits; no infinite or not-a-number
  floats (``.inf``, ``.nan``, JSON ``Infinity``, ``NaN``, ``1e999``), which no field accepts.

Each check raises :class:`LimitExceeded` naming the limit and, for YAML, the line.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import yaml

MAX_DEPTH = 50
MAX_INT_DIGITS = 30
MAX_EXPANDED_NODES = 2_000_000
"""Values in a YAML document with its aliases written out (the bundled framework has ~8,000)."""

_Loader: type[yaml.SafeLoader | yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_DIGITS = re.compile(r"[0-9a-fA-F]")
_RESOLVER = yaml.resolver.Resolver()
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")


class LimitExceeded(ValueError):
    """A file's structure goes past a limit; the message says which, and where."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.line = line
        super().__init__(message)


def _depth_message(line: int | None = None) -> str:
    where = f" (line {line})" if line is not None else ""
    return f"it nests lists and mappings more than {MAX_DEPTH} levels deep{where}"


def _number_problem(text: str, tag: str) -> str | None:
    if tag == _INT_TAG:
        digits = len(_DIGITS.findall(text.replace("_", "").lstrip("+-").removeprefix("0x")))
        if digits > MAX_INT_DIGITS:
            return f"a number has {digits} digits, more than the {MAX_INT_DIGITS} allowed"
    elif tag == _FLOAT_TAG:
        lowered = text.strip().lower()
        if "inf" in lowered or "nan" in lowered:
            return f"{text.strip()!r} is not a finite number"
        try:
            finite = math.isfinite(float(lowered.replace("_", "")))
        except ValueError:
            return None
        if not finite:
            return f"{text.strip()!r} is too large a number"
    return None


def check_yaml(text: str) -> None:
    """Refuse YAML text that nests too deeply, expands too far through aliases, or holds an
    oversized or infinite number. Text that is not valid YAML passes (the loader then says what
    is wrong with it)."""
    sizes: dict[str, int] = {}
    """Anchor -> values under it, aliases written out."""
    open_: list[tuple[str | None, int]] = [(None, 0)]
    """Collections being read: their anchor and how many values they hold so far."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1 if event.start_mark is not None else None
            if isinstance(event, yaml.CollectionStartEvent):
                open_.append((event.anchor, 1))
                if len(open_) - 1 > MAX_DEPTH:
                    raise LimitExceeded(_depth_message(line), line)
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                anchor, count = open_.pop()
                if anchor is not None:
                    sizes[anchor] = count
            elif isinstance(event, yaml.AliasEvent):
                count = sizes.get(event.anchor or "", 1)
            elif isinstance(event, yaml.ScalarEvent):
                _check_scalar(event, line)
                count = 1
                if event.anchor is not None:
                    sizes[event.anchor] = 1
            else:
                continue
            anchor, held = open_[-1]
            open_[-1] = (anchor, held + count)
            if held + count > MAX_EXPANDED_NODES:
                raise LimitExceeded(
                    f"with its aliases (*name) written out it holds more than "
                    f"{MAX_EXPANDED_NODES:,} values (line {line})",
                    line,
                )
    except (yaml.YAMLError, UnicodeError):
        return


def _check_scalar(event: yaml.ScalarEvent, line: int | None) -> None:
    if event.tag in (None, "!"):
        plain = event.implicit[0] and not event.style
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, (plain, False))  # type: ignore[no-untyped-call]
    else:
        tag = event.tag
    problem = _number_problem(event.value, tag)
    if problem is not None:
        raise LimitExceeded(f"{problem} (line {line})", line)


def _int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise LimitExceeded(f"a number has {digits} digits, more than the {MAX_INT_DIGITS} allowed")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise LimitExceeded(f"{text!r} is too large a number")
    return value


def _constant(text: str) -> Any:
    raise LimitExceeded(f"{text} is not a number JSON allows")


def check_json(raw: bytes | str) -> None:
    """Refuse JSON that nests too deeply or holds an oversized or infinite number. Text that is
    not valid JSON passes (its reader then says what is wrong with it)."""
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    # A cheap first bound: nesting is at most the number of brackets, so most files need no walk.
    if text.count("[") + text.count("{") > MAX_DEPTH:
        _check_json_depth(text)
    try:
        json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except RecursionError:
        raise LimitExceeded(_depth_message()) from None
    except (ValueError, TypeError) as exc:
        if isinstance(exc, LimitExceeded):
            raise
        return


def _check_json_depth(text: str) -> None:
    """Depth of brackets outside strings, without recursion."""
    depth = 0
    for bracket in _BRACKETS.finditer(_STRINGS.sub("", text)):
        if bracket.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise LimitExceeded(_depth_message())
        else:
            depth -= 1
