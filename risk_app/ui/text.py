"""Show user-entered text literally: never as markdown or HTML."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def literal(text: str) -> str:
    """Escape text for st.markdown/st.write so it shows exactly as typed (no links, images or HTML)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text).replace("\n", "  \n")
