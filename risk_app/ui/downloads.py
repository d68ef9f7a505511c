"""Download buttons for tables: CSV that spreadsheets show as text, each download logged."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

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


def csv_button(
    label: str,
    rows: Sequence[Mapping[str, object]],
    filename: str,
    *,
    key: str,
    store: Store,
    actor: Actor,
    what: str,
) -> None:
    """A button that downloads ``rows`` as CSV; the download is logged as an export of ``what``
    with the number of rows only."""
    st.download_button(
        label,
        lambda: csv_text(rows),  # made only when clicked: some tables have 100,000 rows
        filename,
        "text/csv",
        key=key,
        on_click=audit.record_export,
        args=(store, actor, what),
        kwargs={"rows": len(rows)},
        disabled=not rows,
    )
