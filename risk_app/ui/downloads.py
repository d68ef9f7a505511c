"""Download buttons for tables: CSV that spreadsheets show as text, each download logged."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain.access import Actor
from risk_app.domain.text import spreadsheet_safe
from risk_app.services import audit


def csv_text(rows: Sequence[Mapping[str, object]]) -> str:
    """Rows as CSV with a header; text cells that look like formulas are quoted as text."""
    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(list(rows[0]))
    for row in rows:
        writer.writerow([_cell(v) for v in row.values()])
    return buffer.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, str):
        return spreadsheet_safe(value)
    return "" if value is None else value


Rows = Sequence[Mapping[str, object]]


def csv_button(
    label: str,
    rows: Rows | Callable[[], Rows],
    filename: str,
    *,
    key: str,
    store: Store,
    actor: Actor,
    what: str,
    count: int | None = None,
) -> None:
    """A button that downloads ``rows`` as CSV; the download is logged as an export of ``what``
    with the number of rows only. For a long table pass a function making the rows, and
    ``count``: the rows are then made only when the button is clicked."""
    if callable(rows):
        make, n = rows, count or 0
    else:
        table = rows
        make, n = (lambda: table), len(table)
    st.download_button(
        label,
        lambda: csv_text(make()),  # made only when clicked: some tables have 100,000 rows
        filename,
        "text/csv",
        key=key,
        on_click=audit.record_export,
        args=(store, actor, what),
        kwargs={"rows": n},
        disabled=not n,
    )
