"""A small check of plain-language copy written for the person (and tested, page by page).

Rules, from Easy Read and plain-English guidance (Department of Health 2010 "Making written
information easier to understand"; Mencap "Am I making myself clear?"; GOV.UK style): short
sentences of at most 15 words, everyday words rather than service jargon, no semicolons, and no
words in capitals for emphasis. It checks copy we write, not what people say in their own words.
"""

from __future__ import annotations

import re

MAX_SENTENCE_WORDS = 15

JARGON: dict[str, str] = {
    "mitigation": "what will make it safer",
    "mitigations": "what will make it safer",
    "mitigate": "make safer",
    "contingency": "back-up plan",
    "residual": "what is left",
    "likelihood": "how likely",
    "facilitate": "help",
    "utilise": "use",
    "commence": "start",
    "prior": "before",
    "subsequently": "later",
    "aforementioned": "this",
    "hereby": "(leave out)",
    "stakeholder": "the people involved",
    "stakeholders": "the people involved",
    "signatory": "the person signing",
    "signatories": "the people signing",
    "digest": "check code",
    "cryptographic": "(leave out)",
    "authenticate": "check who you are",
    "escalate": "pass on",
    "escalation": "passing it on",
}
"""Words to avoid in copy for the person, with a plainer choice."""

ALLOWED_CAPITALS = frozenset({"NHS", "GP", "PA", "DBS", "LPA", "OK", "PDF", "ID", "UK"})

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


def sentences(text: str) -> list[str]:
    """Sentences, counting each line (a heading or list item) as a sentence of its own."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def plain_language_problems(text: str, *, max_words: int = MAX_SENTENCE_WORDS) -> list[str]:
    """What stops `text` being plain language, one finding each; an empty list when it passes."""
    problems: list[str] = []
    for number, sentence in enumerate(sentences(text), start=1):
        words = _WORD.findall(sentence)
        if len(words) > max_words:
            problems.append(
                f"Sentence {number} has {len(words)} words (at most {max_words}): "
                f"{_start(sentence)}"
            )
        if ";" in sentence:
            problems.append(f"Sentence {number} uses a semicolon; split it in two.")
        for word in words:
            plain = JARGON.get(word.lower())
            if plain:
                problems.append(f"Sentence {number} uses {word!r}: try {plain!r}.")
            elif (
                len(word) >= 3
                and word.isupper()
                and word.isalpha()
                and word not in (ALLOWED_CAPITALS)
            ):
                problems.append(
                    f"Sentence {number} has {word!r} in capitals: use bold or plain words."
                )
    return problems


def _start(sentence: str) -> str:
    words = sentence.split()
    head = " ".join(words[:8])
    return f"“{head}…”" if len(words) > 8 else f"“{head}”"
