"""Which nation's safeguarding law a concern follows, read from the law book.

A concern follows the law of the nation the person lived in when it was raised (stored on the
concern as ``law_applied``); its decision records that nation's test, each condition's answer and
the law book version, so moving the person later changes neither. A person in a nation risk-app
does not hold (Northern Ireland) is refused with the law book's message.
"""

from __future__ import annotations

from dataclasses import dataclass

from framework.law import UnsupportedJurisdiction, law_book
from framework.law.schema import SafeguardingLaw
from risk_app.adapters.tables import SafeguardingConcernRow
from risk_app.domain.errors import InvalidInput
from risk_app.domain.inputs import Code
from risk_app.domain.record.concern_words import ConcernWords, words_for
from risk_app.domain.record.safeguarding_law import LawApplied
from risk_app.services.boundary import checked


@dataclass(frozen=True)
class ConcernLaw:
    """A nation's safeguarding law with the lifecycle's words for it."""

    name: str
    """The nation ("Scotland")."""
    law: SafeguardingLaw
    words: ConcernWords
    version: str
    """The law book's version."""


@checked
def law_for(jurisdiction: Code) -> ConcernLaw:
    """The safeguarding law of `jurisdiction`, or InvalidInput saying the nation is not held."""
    book = law_book()
    try:
        entry = book.law_for(jurisdiction)
    except UnsupportedJurisdiction as exc:
        raise InvalidInput(str(exc)) from None
    return ConcernLaw(entry.name, entry.safeguarding, words_for(jurisdiction), book.version)


def law_of(row: SafeguardingConcernRow) -> tuple[LawApplied, ConcernLaw]:
    """The law a stored concern follows (inside a caller's transaction)."""
    applied = LawApplied.from_stored(row.law_applied)
    return applied, law_for(applied.jurisdiction.value)
