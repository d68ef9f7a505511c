"""Easy-read pictures on screen (the drawings are in `adapters.pictures`, shared with the PDF).

Each picture is shown as an image with its text alternative (`Picture.alt`); the words beside it
carry the meaning on their own, so the picture only helps.
"""

from __future__ import annotations

import html

import streamlit as st

from risk_app.adapters.pictures import data_uri
from risk_app.domain.agreements.agreement_words import Picture, Screen
from risk_app.ui import text


def show(picture: Picture) -> None:
    """The picture as an image with its text alternative (static, trusted markup only)."""
    st.html(
        f'<img src="{data_uri(picture)}" alt="{html.escape(picture.alt)}" width="96" height="96">'
    )


EASY_READ_CSS = """<style>
[data-easy-read="point"] { display: flex; gap: 1rem; align-items: flex-start; margin: 0 0 1.25rem; }
[data-easy-read="point"] img { flex: none; width: 72px; height: 72px; }
[data-easy-read="point"] div { font-size: 1.75rem; line-height: 1.4; overflow-wrap: anywhere; }
[data-easy-read="point"] div p { margin: 0; white-space: pre-wrap; }
@media (max-width: 400px) {
  [data-easy-read="point"] img { width: 56px; height: 56px; }
  [data-easy-read="point"] div { font-size: 1.5rem; }
}
[data-easy-read="heading"] { font-size: 2.25rem; line-height: 1.25; }
</style>"""
"""Easy read: about 28 px words (1.75rem) beside a picture for every point, side by side down to
320 px (static, trusted)."""


def point_html(picture: Picture, words: str, quote: str = "") -> str:
    """One easy-read point: its picture, then our words and anyone's own words, all escaped."""
    said = f"<p>{text.escape(quote)}</p>" if quote else ""
    return (
        f'<div data-easy-read="point"><img src="{data_uri(picture)}" '
        f'alt="{html.escape(picture.alt)}" width="72" height="72">'
        f'<div data-literal="text"><p>{text.escape(words)}</p>{said}</div></div>'
    )


def show_points(screen: Screen, *, heading_level: int = 2) -> None:
    """A screen in easy read: its heading, then each point with its own picture beside it."""
    st.html(EASY_READ_CSS)
    text.heading(screen.title, level=heading_level)
    if not screen.lines:  # a question or a check: its picture beside the heading's words
        show(screen.picture)
    for picture, line in screen.points():
        st.html(point_html(picture, line.text, line.quote))
