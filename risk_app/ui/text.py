"""Show user-entered text literally: never as markdown or HTML."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import streamlit as st

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def literal(text: str) -> str:
    """Escape text for st.markdown/st.write so it shows exactly as typed (no links, images or HTML)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text).replace("\n", "  \n")


def literal_rows(rows: Iterable[Mapping[str, object]]) -> list[dict[str, object]]:
    """Rows for st.table, whose cells Streamlit renders as markdown: every text cell escaped."""
    return [
        {key: literal(value) if isinstance(value, str) else value for key, value in row.items()}
        for row in rows
    ]


def table(rows: Iterable[Mapping[str, object]]) -> None:
    """A real HTML table (good for screen readers) that shows its text literally."""
    st.table(literal_rows(rows))


def show_error(message: object) -> None:
    """An error shown literally: a service's message may quote what someone typed or uploaded."""
    st.error(literal(str(message)))
