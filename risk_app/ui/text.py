"""The one way text that anyone typed or uploaded reaches the screen: literally.

Streamlit renders markdown almost everywhere: st.markdown, st.write, st.caption, headings, alert
bodies, st.table cells and headers, expander, tab and widget labels, help, radio options, toasts
and metrics. That markdown cannot be escaped completely: after backslash escapes are undone its
plugins still turn a web address into a link, ``:streamlit:`` into an image and ``->`` into an
arrow, and a line of ``=`` under text makes a heading. So user or uploaded text (case records,
names, framework labels and titles, file names, error messages that quote input) never goes
through markdown. It goes through this module, which escapes every character as HTML and hands
the result to ``st.html`` (which sanitises it again and renders no markdown); plain paragraphs may
also use ``st.text``, which renders none either. Our own fixed words may still use markdown.

Each block carries ``data-literal="<kind>"`` so tests (and people) can find it. The builders are
pure functions returning HTML, tested on their own; the ``show_*`` functions put them on screen.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

import streamlit as st

Kind = Literal["error", "warning", "info", "success"]

_SURROGATES = re.compile("[\ud800-\udfff]")
_LINE_ENDS = re.compile(r"\r\n?")

_PRE_WRAP = "white-space:pre-wrap;overflow-wrap:anywhere;"
_ALERT_STYLE: dict[str, str] = {
    "error": "background:rgba(255,43,43,0.09);border-left:4px solid rgb(255,43,43);",
    "warning": "background:rgba(255,227,18,0.12);border-left:4px solid rgb(250,202,43);",
    "info": "background:rgba(28,131,225,0.1);border-left:4px solid rgb(28,131,225);",
    "success": "background:rgba(33,195,84,0.1);border-left:4px solid rgb(33,195,84);",
}
_CELL = "padding:0.25rem 0.5rem;text-align:left;vertical-align:top;" + _PRE_WRAP
_RULE = "border-bottom:1px solid rgba(128,128,128,0.3);"


def escape(value: object) -> str:
    """Every character of ``value`` as HTML text: nothing in it can become markup.

    Line endings become ``\\n`` (as a browser form sends them); a lone surrogate, which cannot be
    sent to the browser at all, becomes U+FFFD.
    """
    text = _SURROGATES.sub("\ufffd", _LINE_ENDS.sub("\n", str(value)))
    return html.escape(text, quote=True)


def chart_text(value: object) -> str:
    """Text for a plotly label or hover: plotly renders some HTML (even links), entities decoded."""
    return escape(value)


# ---------------------------------------------------------------------------- pure builders


def paragraph_html(value: object, *, small: bool = False) -> str:
    size = "font-size:0.875rem;opacity:0.75;" if small else ""
    return f'<div data-literal="text" style="{_PRE_WRAP}{size}margin:0">{escape(value)}</div>'


def heading_html(value: object, *, level: int = 3) -> str:
    if level not in range(1, 7):
        raise ValueError(f"no heading level {level}")
    return f'<h{level} data-literal="heading" style="{_PRE_WRAP}">{escape(value)}</h{level}>'


def alert_html(kind: Kind, message: object) -> str:
    role = "alert" if kind in ("error", "warning") else "status"
    style = f"{_ALERT_STYLE[kind]}padding:0.75rem 1rem;border-radius:0.5rem;{_PRE_WRAP}"
    return f'<div data-literal="{kind}" role="{role}" style="{style}">{escape(message)}</div>'


def field_error_html(message: object, *, element_id: str) -> str:
    """An error shown above the control it is about, in GOV.UK's style (a bold red line with a
    red bar), with an id for the control's `aria-describedby`. Announced when focus moves to the
    control, so it is not an alert itself."""
    style = "color:#d4351c;font-weight:700;border-left:5px solid #d4351c;padding-left:0.75rem;"
    return (
        f'<p data-literal="error" id="{escape(element_id)}" style="{style}{_PRE_WRAP}margin:0">'
        f'<span style="position:absolute;width:1px;height:1px;overflow:hidden;'
        f'clip-path:inset(50%)">Error: </span>{escape(message)}</p>'
    )


def fields_html(fields: Iterable[tuple[str, object]]) -> str:
    """Label and value pairs (a definition list): the label on its own line, then the words."""
    parts = [
        f'<dt style="font-weight:600;margin-top:0.5rem">{escape(label)}</dt>'
        f'<dd style="margin:0;{_PRE_WRAP}">{escape(value)}</dd>'
        for label, value in fields
    ]
    return f'<dl data-literal="fields" style="margin:0">{"".join(parts)}</dl>'


def bullets_html(lines: Iterable[object]) -> str:
    items = "".join(f'<li style="{_PRE_WRAP}">{escape(line)}</li>' for line in lines)
    return f'<ul data-literal="list">{items}</ul>'


def table_html(rows: Iterable[Mapping[str, object]], *, caption: str | None = None) -> str:
    """An HTML table (read well by screen readers): every header and cell escaped."""
    rows = list(rows)
    columns: list[str] = []
    for row in rows:
        columns += [key for key in row if key not in columns]
    if any(not str(column).strip() for column in columns):  # a header a screen reader can name
        raise ValueError("Every column of a table needs a name.")
    head = "".join(
        f'<th scope="col" style="{_CELL}{_RULE}font-weight:600">{escape(c)}</th>' for c in columns
    )
    body = "".join(
        "<tr>"
        + "".join(f'<td style="{_CELL}{_RULE}">{_cell(row.get(c))}</td>' for c in columns)
        + "</tr>"
        for row in rows
    )
    title = f"<caption style='text-align:left'>{escape(caption)}</caption>" if caption else ""
    return (
        '<div data-literal="table" style="overflow-x:auto">'
        f'<table style="border-collapse:collapse;width:100%;font-size:0.875rem">{title}'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _cell(value: object) -> str:
    return "" if value is None else escape(value)


# ---------------------------------------------------------------------------- on screen


def show(value: object) -> None:
    """A paragraph of someone's words, exactly as typed (spaces and line breaks kept)."""
    st.html(paragraph_html(value))


def show_small(value: object) -> None:
    """Like ``show``, smaller and quieter: in place of st.caption for text that holds user data."""
    st.html(paragraph_html(value, small=True))


def heading(value: object, *, level: int = 3) -> None:
    """A heading holding user or uploaded text (st.header=2, st.subheader=3)."""
    st.html(heading_html(value, level=level))


def fields(pairs: Mapping[str, object] | Sequence[tuple[str, object]]) -> None:
    items = list(pairs.items()) if isinstance(pairs, Mapping) else list(pairs)
    st.html(fields_html(items))


def bullets(lines: Iterable[object]) -> None:
    lines = list(lines)
    if lines:
        st.html(bullets_html(lines))


def table(rows: Iterable[Mapping[str, object]], *, caption: str | None = None) -> None:
    """A real HTML table (good for screen readers) that shows its text literally."""
    rows = list(rows)
    if rows:
        st.html(table_html(rows, caption=caption))


def alert(kind: Kind, message: object) -> None:
    st.html(alert_html(kind, message))


def show_field_error(message: object, *, element_id: str) -> None:
    st.html(field_error_html(message, element_id=element_id))


def show_error(message: object) -> None:
    """An error shown literally: a service's message may quote what someone typed or uploaded."""
    alert("error", message)


def show_warning(message: object) -> None:
    alert("warning", message)


def show_info(message: object) -> None:
    alert("info", message)


def show_success(message: object) -> None:
    alert("success", message)
