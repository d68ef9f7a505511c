"""The nation a person lives in decides which law risk-app applies to them.

The choices are the nations the law book holds (England, Scotland, Wales). A nation the book
does not hold (Northern Ireland) is refused with the book's own message, so a person there is
never recorded under another nation's law. The question has no default: the practitioner
chooses, because a wrong nation gives the person the wrong law.
"""

from __future__ import annotations

from framework.law import NOT_SUPPORTED, LawBook, UnsupportedJurisdiction
from risk_app.domain import words
from risk_app.domain.errors import InvalidInput

QUESTION = "Which nation does the person live in?"
HELP = "This decides whose law applies: safeguarding, capacity, checks, budgets and reviews."


def choices(book: LawBook) -> dict[str, str]:
    """The nations a person may be recorded in, as {stored value: name}, in the book's order."""
    return {nation.value: book.law_for(nation).name for nation in book.jurisdictions()}


def checked_nation(book: LawBook, value: str) -> str:
    """``value`` if the book holds that nation's law; otherwise a clear refusal."""
    value = (value or "").strip().lower()
    if value in NOT_SUPPORTED:
        raise InvalidInput(NOT_SUPPORTED[value])
    try:
        return book.law_for(value).jurisdiction.value
    except UnsupportedJurisdiction:
        names = words.either(choices(book).values())
        raise InvalidInput(f"Choose the nation the person lives in: {names}.") from None
