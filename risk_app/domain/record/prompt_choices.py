"""How a choice prompt's stored answer is put into words.

Answers are stored as the prompt's option values, which never change (stored answers must still
read); the words shown can. RM01's `suitable_person_or_nominee` was named with the Welsh term: in
England someone receiving a direct payment for the person is a nominated person (Care Act 2014
s31) or an authorised person (s32); in Wales a suitable person (Social Services and Well-being
(Wales) Act 2014 s50).
"""

from __future__ import annotations

CHOICE_WORDS = {
    "suitable_person_or_nominee": (
        "someone for you (in England a nominated or authorised person; in Wales a suitable person)"
    ),
}
"""Option value → the words shown; any other value is shown as it is."""


def choice_words(value: str) -> str:
    """The words for a stored option value."""
    return CHOICE_WORDS.get(value, value)
