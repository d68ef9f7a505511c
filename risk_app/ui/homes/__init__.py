"""Each staff role's home as an ordered list of sections: one function per section, each taking
the store and the signed-in actor and rendering one `st.header` with what it found. A role's home
is the tuple `SECTIONS` in its module (`practitioner`, `manager`, `lead`); adding a section is one
line in that tuple. No section caches anything: every list is read fresh through a service."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain.access import Actor

Section = Callable[[Store, Actor], None]
"""One section of a home: renders its own header and what it found."""


def render(sections: Iterable[Section], store: Store, actor: Actor) -> None:
    """The home's title, then each section in order."""
    st.title("Home", anchor=False)
    for section in sections:
        section(store, actor)
