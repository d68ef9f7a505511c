from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from risk_app.ui.text import literal


def test_markdown_images_links_and_html_are_neutralised():
    hostile = "![x](http://127.0.0.1:9/p.png) [a](javascript:alert(1)) <img src=x onerror=alert(1)> **bold**"
    escaped = literal(hostile)
    for i, ch in enumerate(escaped):
        if ch in "![]()<>*`_#|":
            assert escaped[i - 1] == "\\", f"unescaped {ch!r} at {i} in {escaped!r}"


@given(st.text())
def test_escaping_keeps_every_character_of_the_original(text: str):
    escaped = literal(text)
    assert escaped.replace("\\", "").replace("  \n", "\n") == text.replace("\\", "")
