"""The formats a person needs information in, recorded on their record so every screen and copy
made for them uses them without being asked again.

This follows the Accessible Information Standard (NHS England, DCB1605, made under the Health and
Social Care Act 2012 s250), which adult social care must follow where it is publicly funded:
identify, record, flag, share and meet a person's information and communication needs. The
formats here are the two our copies can meet; anything else is written in "How they
communicate".
"""

from __future__ import annotations

from collections.abc import Iterable

from risk_app.domain.errors import InvalidInput

EASY_READ = "easy_read"
LARGE_PRINT = "large_print"
NEEDS: dict[str, str] = {
    EASY_READ: "Easy read (pictures beside short sentences)",
    LARGE_PRINT: "Large print",
}
"""Each need the record can hold, with how it is shown to staff."""
QUESTION = "Information they need (Accessible Information Standard)"
HELP = (
    "Their screens and copies of their agreement are then made this way, without being asked "
    "again. They can still change it on their own screen. Write any other need in “How they "
    "communicate”."
)


def clean_needs(codes: Iterable[str]) -> tuple[str, ...]:
    """The needs given, known ones only, each once, in a fixed order."""
    given = set(codes)
    unknown = given - set(NEEDS)
    if unknown:
        raise InvalidInput(f"Unknown information need: {min(unknown)!r}.")
    return tuple(code for code in NEEDS if code in given)
