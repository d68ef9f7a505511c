"""What an AppTest run put on screen through risk_app.ui.text (the literal path), read back.

Those blocks are st.html elements carrying ``data-literal="<kind>"``. This reads them with the
standard library's HTML parser, as a browser would: entities decoded, tags kept apart from text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pandas as pd
from streamlit.testing.v1 import AppTest


@dataclass
class Block:
    kind: str
    text: str = ""
    tags: list[str] = field(default_factory=list)
    """Every tag inside the block, in order (the block's own tag first)."""
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)

    @property
    def table(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=self.header)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._depth = 0
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = dict(attrs).get("data-literal")
        if kind is not None and self._depth == 0:
            self.blocks.append(Block(kind))
        if not self.blocks:
            return
        if self._depth or kind is not None:
            self._depth += 1
            self.blocks[-1].tags.append(tag)
        if tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if not self._depth:
            return
        self._depth -= 1
        block = self.blocks[-1]
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            (block.header.extend if self._in_head else block.rows.append)(self._row)
            self._row = None
        elif tag == "thead":
            self._in_head = False

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.blocks[-1].text += data
            if self._cell is not None:
                self._cell.append(data)


def read(body: str) -> list[Block]:
    reader = _Reader()
    reader.feed(body)
    reader.close()
    return reader.blocks


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
