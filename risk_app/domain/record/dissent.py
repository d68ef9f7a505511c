"""Dissent: a view that differs from an outcome, kept in the words of the party who holds it.

Decisions, panels and meetings all record dissent; one set of checks keeps it the same shape
everywhere (who disagrees, and what they said, never blank).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from risk_app.domain.errors import InvalidInput
from risk_app.domain.text import clean_long_text, clean_short_text


@dataclass(frozen=True, slots=True)
class Dissent:
    """A view that differs from the outcome, in the words of the party who holds it."""

    party: str
    words: str


def clean_dissent(party: str, words: str, *, position: int | None = None) -> Dissent:
    """One dissenting view with who holds it, or InvalidInput saying what is missing."""
    which = f" (dissent {position})" if position is not None else ""
    who = clean_short_text(party, f"name of who disagrees{which}", required=True)
    said = clean_long_text(words, f"dissenting view{which}")
    if not said:
        raise InvalidInput(f"Record the dissenting view of {who} in their own words.")
    return Dissent(who, said)


def clean_dissents(raw: Iterable[Dissent | Mapping[str, str]]) -> list[Dissent]:
    """Every dissenting view given as `Dissent` or a mapping of party and words, checked."""
    cleaned: list[Dissent] = []
    for position, item in enumerate(raw, start=1):
        if isinstance(item, Dissent):
            party, words = item.party, item.words
        elif isinstance(item, Mapping):
            party, words = item.get("party", ""), item.get("words", "")
        else:
            raise InvalidInput(f"Dissent {position} needs who disagrees and what they said.")
        if not isinstance(party, str) or not isinstance(words, str):
            raise InvalidInput(f"Dissent {position} must be written as text.")
        cleaned.append(clean_dissent(party, words, position=position))
    return cleaned


def stored(dissents: Iterable[Dissent]) -> list[dict[str, str]]:
    """The stored (JSON) form of dissenting views."""
    return [{"party": d.party, "words": d.words} for d in dissents]


def from_stored(rows: Iterable[Mapping[str, str]]) -> tuple[Dissent, ...]:
    return tuple(Dissent(r["party"], r["words"]) for r in rows)
