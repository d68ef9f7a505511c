"""Downloading a person's whole record: on the person's page for staff allocated to them (all
of it), and on the person's own home page (what ADR 0010 lets their account read).

Preparing a download exports the record (see `risk_app.services.record.whole_record`), which is
audited then; the download button then hands over exactly what was prepared.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain.access import Actor
from risk_app.domain.errors import RiskAppError
from risk_app.services.record import whole_record
from risk_app.ui import text
from risk_app.ui.text import show_error

FORMATS: dict[str, tuple[str, str]] = {
    "json": ("JSON", "application/json"),
    "pdf": ("PDF", "application/pdf"),
}
"""Each format: its name on the buttons and its media type."""


def state_key(person_id: int, fmt: str) -> str:
    """Where a prepared download of this person's record in `fmt` is kept for the session."""
    return f"whole_record_{fmt}_{person_id}"


def _makers(store: Store, actor: Actor, person_id: int) -> dict[str, Callable[[], bytes]]:
    def as_json() -> bytes:
        record = whole_record.whole_record(store, by=actor, person_id=person_id)
        return json.dumps(record, indent=2, ensure_ascii=False).encode("utf-8")

    def as_pdf() -> bytes:
        return whole_record.whole_record_pdf(store, by=actor, person_id=person_id)

    return {"json": as_json, "pdf": as_pdf}


STAFF_WORDS = (
    "Download the whole record",
    (
        "Everything the app holds about this person, every kind of record with every field, for "
        "a subject access request. Preparing a download is recorded in the audit log. Read it "
        "before you disclose it: it holds restricted parts and other people's words."
    ),
)
OWN_WORDS = (
    "Download your record",
    (
        "A copy of everything in your record that you can read here, to keep or to show someone. "
        "Some parts are shown to you only when your worker shares them; the copy says how many "
        "are not shared yet. To ask for all of it, ask your worker or the council (a subject "
        "access request)."
    ),
)


def render(store: Store, actor: Actor, person_id: int, *, own: bool = False) -> None:
    """Prepare and download the person's record as JSON or as an accessible PDF: the whole record
    for staff, or with `own` (the person's own home page) the words for the person."""
    heading, explanation = OWN_WORDS if own else STAFF_WORDS
    st.subheader(heading, anchor=False)
    text.show(explanation)
    makers = _makers(store, actor, person_id)
    for column, (fmt, (name, media_type)) in zip(st.columns(2), FORMATS.items(), strict=True):
        key = state_key(person_id, fmt)
        if column.button(f"Prepare {_what(own)} ({name})", key=f"{key}_prepare"):
            try:
                st.session_state[key] = makers[fmt]()
            except RiskAppError as exc:
                with column:
                    show_error(exc)
        prepared = st.session_state.get(key)
        if prepared is not None:
            column.download_button(
                f"Download {_what(own)} ({name})",
                prepared,
                f"record-{person_id}.{fmt}",
                media_type,
                key=f"{key}_download",
            )


def _what(own: bool) -> str:
    return "your record" if own else "the whole record"
