"""The literal path (risk_app.ui.text): whatever goes in comes out as the same words, no markup."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from risk_app.ui import text
from tests.literal_html import read

MARKDOWN_CONSTRUCTS = {
    "autolink": "https://evil.example/x",
    "angle autolink": "<https://evil.example>",
    "www link": "www.evil.example",
    "email": "someone@evil.example",
    "setext heading": "Title\n=====",
    "atx heading": "# Big",
    "image": "![x](http://127.0.0.1:9/p.png)",
    "link": "[click](http://127.0.0.1:9)",
    "material icon": ":material/home:",
    "streamlit logo": ":streamlit:",
    "emphasis": "**bold** _it_",
    "html": "<b>x</b><img src=x onerror=alert(1)>",
    "script": "<script>alert(1)</script>",
    "latex": "$x^2$",
    "colour directive": ":red[x]",
    "emoji shortcode": ":smile:",
    "arrow": "a -> b -- c >= d",
    "table": "| a | b |\n|---|---|\n| 1 | 2 |",
    "list": "- one\n1. two",
    "code fence": "```\ncode\n```",
    "entity": "&amp; &lt;b&gt; &#58;",
    "spaces": "  two  spaces\tand a tab  ",
    "blank lines": "first\n\n\nlast",
}
CONSTRUCTS = sorted(MARKDOWN_CONSTRUCTS.items())


@pytest.mark.parametrize(("name", "typed"), CONSTRUCTS)
def test_a_paragraph_shows_each_markdown_construct_as_typed_with_no_markup(name, typed):
    block = read(text.paragraph_html(typed))[0]
    assert block.text == typed, name
    assert block.tags == ["div"], name


@pytest.mark.parametrize(("name", "typed"), CONSTRUCTS)
def test_a_heading_and_an_alert_show_each_construct_as_typed(name, typed):
    [heading] = read(text.heading_html(typed, level=2))
    assert (heading.kind, heading.text, heading.tags) == ("heading", typed, ["h2"])
    for kind in ("error", "warning", "info", "success"):
        [alert] = read(text.alert_html(kind, typed))  # type: ignore[arg-type]
        assert (alert.kind, alert.text, alert.tags) == (kind, typed, ["div"])


@pytest.mark.parametrize(("name", "typed"), CONSTRUCTS)
def test_a_table_shows_each_construct_in_its_cells_and_headers_as_typed(name, typed):
    [table] = read(text.table_html([{"Said": typed, typed: "plain"}, {"Said": None}]))
    assert table.header == ["Said", typed]
    assert table.rows == [[typed, "plain"], ["", ""]]
    assert set(table.tags) == {"div", "table", "thead", "tbody", "tr", "th", "td"}


def test_fields_and_bullets_keep_labels_and_values_apart_and_literal():
    typed = MARKDOWN_CONSTRUCTS["image"]
    [fields] = read(text.fields_html([(typed, MARKDOWN_CONSTRUCTS["html"])]))
    assert fields.text == typed + MARKDOWN_CONSTRUCTS["html"]
    assert fields.tags == ["dl", "dt", "dd"]
    [bullets] = read(text.bullets_html([typed, "# Big"]))
    assert (bullets.text, bullets.tags) == (typed + "# Big", ["ul", "li", "li"])


def test_an_error_is_announced_and_a_success_is_a_polite_status():
    assert 'role="alert"' in text.alert_html("error", "x")
    assert 'role="status"' in text.alert_html("success", "x")


def test_a_heading_level_outside_one_to_six_is_refused():
    with pytest.raises(ValueError, match="no heading level 7"):
        text.heading_html("x", level=7)


def test_line_endings_become_newlines_and_a_lone_surrogate_cannot_break_the_page():
    assert read(text.paragraph_html("a\r\nb\rc"))[0].text == "a\nb\nc"
    assert read(text.paragraph_html("x\ud800y"))[0].text == "x\ufffdy"


def test_chart_text_cannot_make_a_plotly_link_or_bold():
    shown = text.chart_text('<a href="http://127.0.0.1:9">x</a><b>y</b>')
    assert "<" not in shown and ">" not in shown and "&lt;a href=" in shown


@given(st.text())
def test_any_text_comes_back_exactly_from_every_block(typed: str):
    expected = typed.replace("\r\n", "\n").replace("\r", "\n")
    expected = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in expected)
    assert read(text.paragraph_html(typed))[0].text == expected
    [table] = read(text.table_html([{"A": typed}]))
    assert table.rows == [[expected]]


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_table_column_without_a_name_is_refused(blank):
    with pytest.raises(ValueError, match="needs a name"):
        text.table_html([{blank: "What the person gains", "Recorded": "Seeing friends"}])


def test_an_error_above_its_control_carries_the_id_the_control_is_described_by():
    made = text.field_error_html("Tick the <b>box</b>", element_id='flow_error"x')
    assert 'id="flow_error&quot;x"' in made
    assert "Tick the &lt;b&gt;box&lt;/b&gt;" in made and "<b>" not in made
    assert ">Error: </span>" in made, "said as an error by a screen reader"
