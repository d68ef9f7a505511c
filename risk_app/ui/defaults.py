"""Values filled in for convenience are said to be defaults before anything is saved.

No answer is assumed (issue 12): a legal or assessment question starts unanswered. Some values are
still filled in to save typing (today's date, the organisation's risk scale, a due date four weeks
away); each such field carries a caption, worded here once, saying the value was filled in and how
to change it, so nobody saves a default believing they chose it. Captions render markdown, so they
hold only our words.
"""

from __future__ import annotations

import streamlit as st

FILLED_IN = "{what}: {value}, filled in for you — change it if {otherwise}."


def filled_in(what: str, value: str, otherwise: str) -> None:
    """A caption under a prefilled field: what it is, the value filled in, when to change it."""
    st.caption(FILLED_IN.format(what=what, value=value, otherwise=otherwise))


def today_filled_in(what: str, event: str) -> None:
    """A caption under a date prefilled with today: change it if ``event`` was on another day."""
    filled_in(what, "today", f"{event} on another day")
