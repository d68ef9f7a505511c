"""Reading back what risk_app.ui.text drew: its blocks carry ``data-literal="<kind>"``.

The standard library's HTML parser reads them as a browser would (entities decoded, tags apart
from text), so a test sees the words on screen and every tag around them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pandas as pd

CONSTRUCTS = (  # markdown a person may type: none of it may ever render
    "https://evil.example/x",
    "<https://evil.example>",
    "![x](http://127.0.0.1:9/p.png)",
    "[click](http://127.0.0.1:9)",
    ":material/home:",
    "**bold** _it_",
    "<b>x</b><img src=x onerror=alert(1)>",
    "$x^2$",
    ":red[x]",
    ":smile:",
)


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
