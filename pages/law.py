"""The law by nation: what risk-app applies in England, Scotland and Wales, each rule cited."""

from __future__ import annotations

import streamlit as st

from framework import Jurisdiction
from framework.law import law_book
from risk_app.domain.access import Page
from risk_app.ui import guard, law_views, text

guard.require(Page.LAW)
book = law_book()

st.title("The law by nation")
st.caption(
    f"Law book version {book.version}. Each person's record follows the law of the nation they "
    "live in. This is decision support in our own words, not legal advice: the cited texts are "
    "the law. Northern Ireland is not covered yet."
)
nation = st.radio(
    "Nation",
    list(book.jurisdictions()),
    format_func=lambda j: Jurisdiction(j).label,
    horizontal=True,
    key="law_nation",
)
for heading, introduction, rows in law_views.sections(book, book.law_for(nation)):
    st.subheader(heading)
    text.show(introduction)
    text.table(rows, caption=heading)
