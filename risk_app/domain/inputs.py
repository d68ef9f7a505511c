"""The kinds of value a service accepts from its callers, each rule stated once.

Service signatures use these types (for example ``person_id: RecordId``); the services' boundary
check (`risk_app.services.boundary`) enforces them in strict mode, so a wrong type, an
impossible date, a number out of range or text that cannot be stored is refused with a message
naming the field before anything reaches the database. Strict means no guessing: "3" is not the
number 3, 1.0 is not 1, True is not 1, "2024-02-29" is not a date and a datetime is not a date.

The text types only *check*; the services still trim and clean with `risk_app.domain.text`, whose
`text_problem` is the one rule for what text can be stored and shown as typed.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Annotated, Any, TypeAlias

from pydantic import AfterValidator, Field, StringConstraints

from risk_app.domain.text import LONG_TEXT_MAX, SHORT_TEXT_MAX, text_problem

MAX_RECORD_ID = 2**31 - 1
"""The largest number a record (or a record's version) can have. Records are numbered by the
database's ``integer`` column, 32 bits on PostgreSQL: a larger number cannot name a record, and
PostgreSQL refuses to even compare one with a record number ("integer out of range")."""

MAX_TEXT = 64_000
"""No single piece of text the app accepts is longer (the longest kind: a saved draft)."""


def _one_line(value: str) -> str:
    if problem := text_problem(value, line_breaks=False):
        raise ValueError(problem)
    return value


def _multi_line(value: str) -> str:
    if problem := text_problem(value, line_breaks=True):
        raise ValueError(problem)
    return value


def _named(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("must not be blank")
    return value


RecordId: TypeAlias = Annotated[int, Field(strict=True, ge=1, le=MAX_RECORD_ID)]
"""A record's number (person, risk, meeting, account...): a whole number from 1 to 2**31 - 1."""

Version: TypeAlias = RecordId
"""A record's version (it starts at 1 and goes up by one at each change)."""

Day: TypeAlias = Annotated[date, Field(strict=True)]
"""A calendar date: a `date`, never a datetime, text or a number."""

ShortText: TypeAlias = Annotated[
    str, StringConstraints(strict=True, max_length=SHORT_TEXT_MAX), AfterValidator(_one_line)
]
"""One line of text (a name, a title, a choice): no control characters, at most 200 characters."""

LongText: TypeAlias = Annotated[
    str, StringConstraints(strict=True, max_length=LONG_TEXT_MAX), AfterValidator(_multi_line)
]
"""Free text (notes, reasons, views): line breaks and tabs allowed, at most 4000 characters."""

Code: TypeAlias = Annotated[
    str, StringConstraints(strict=True, max_length=SHORT_TEXT_MAX), AfterValidator(_one_line)
]
"""A code, reference, key or identifier someone typed or pasted (checked against records later)."""

Key: TypeAlias = Annotated[
    str, StringConstraints(strict=True, min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")
]
"""A name from the app's own vocabulary, such as a kind of record: a-z, 0-9 and _, up to 40."""

FormName: TypeAlias = Annotated[
    str, StringConstraints(strict=True, max_length=100), AfterValidator(_one_line)
]
"""The name of a form whose draft is kept (stored with the record's number: 200 characters)."""

Secret: TypeAlias = Annotated[str, StringConstraints(strict=True, max_length=1024)]
"""A password: any characters (it is hashed, never stored or shown), at most 1024 of them."""

TeamName: TypeAlias = Annotated[
    str,
    StringConstraints(strict=True, max_length=SHORT_TEXT_MAX),
    AfterValidator(_one_line),
    AfterValidator(_named),
]
"""A team's name: one line, not blank, surrounding spaces removed (" Team A " is "Team A")."""


MAX_JSON_DEPTH = 32
"""Form contents are shallow; anything deeper is not a form."""


def _storable_json(value: dict[str, Any]) -> dict[str, Any]:
    """JSON as it will read back: text that can be stored, finite numbers (PostgreSQL's JSON has
    no NaN), yes/no, nothing, and lists and mappings of those with text keys, not too deep."""
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise ValueError("is nested too deeply")
        if isinstance(item, str):
            if problem := text_problem(item, line_breaks=True):
                raise ValueError(problem)
        elif isinstance(item, float) and not math.isfinite(item):
            raise ValueError("contains a number that is not finite")
        elif isinstance(item, dict):
            for key in item:
                if not isinstance(key, str):
                    raise ValueError("has a name that is not text")  # noqa: TRY004 - pydantic reports ValueError
                if problem := text_problem(key, line_breaks=False):
                    raise ValueError(problem)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
        elif item is not None and not isinstance(item, bool | int | float):
            raise ValueError("contains something that is not text, a number, yes/no or a list")
    return value


JsonDocument: TypeAlias = Annotated[dict[str, Any], AfterValidator(_storable_json)]
"""Form contents kept as JSON (a draft): text, finite numbers, yes/no, lists and mappings."""


ListLimit: TypeAlias = Annotated[int, Field(strict=True, ge=1, le=10_000)]
"""How many items a list shows: from 1 to 10,000."""
