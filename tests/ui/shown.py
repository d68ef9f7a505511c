"""What an AppTest run put on screen through risk_app.ui.text (the literal path), read back.

Those blocks are st.html elements carrying ``data-literal="<kind>"`` (read by tests.literal_html).
"""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.literal_html import Block, read


def blocks(at: AppTest, kind: str | None = None) -> list[Block]:
    found = [b for element in at.html for b in read(element.value)]
    return [b for b in found if kind is None or b.kind == kind]


def texts(at: AppTest, kind: str | None = None) -> list[str]:
    return [b.text for b in blocks(at, kind)]


def errors(at: AppTest) -> list[str]:
    """Every error on screen: Streamlit's own (our fixed words) and literal ones."""
    return [e.value for e in at.error] + texts(at, "error")


def warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning] + texts(at, "warning")


def infos(at: AppTest) -> list[str]:
    return [i.value for i in at.info] + texts(at, "info")


def successes(at: AppTest) -> list[str]:
    return [s.value for s in at.success] + texts(at, "success")


def tables(at: AppTest) -> list[pd.DataFrame]:
    return [b.table for b in blocks(at, "table")]


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    return next(t for t in tables(at) if column in t.columns)


def all_text(at: AppTest) -> str:
    """All the words on screen from text elements, markdown, alerts and literal blocks."""
    parts = [
        str(e.value)
        for e in (
            *at.title,
            *at.header,
            *at.subheader,
            *at.markdown,
            *at.caption,
            *at.text,
            *at.error,
            *at.warning,
            *at.info,
            *at.success,
        )
    ]
    return "\n".join([*parts, *texts(at)])
