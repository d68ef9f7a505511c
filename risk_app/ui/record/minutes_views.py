"""The minutes of a meeting, ready to send: prepared on request (each form made is audited as an
export) and offered as an accessible PDF, a Word document and an HTML page, all from the same
minutes document. Below them, one-time codes for action owners without an account."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain.access import Actor
from risk_app.domain.errors import RiskAppError
from risk_app.domain.record.meetings import MeetingView
from risk_app.services.record import meetings
from risk_app.ui.record import action_code_views
from risk_app.ui.text import show_error


@dataclass(frozen=True, slots=True)
class Download:
    label: str
    fmt: str
    extension: str
    mime: str


DOWNLOADS = (
    Download("Download the minutes (PDF)", "pdf", "pdf", "application/pdf"),
    Download(
        "Download the minutes (Word)",
        "docx",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    Download("Download the minutes (HTML)", "html", "html", "text/html"),
)
"""The forms offered, in order: the PDF to send, the Word document to edit, the HTML page."""


def render_minutes(store: Store, actor: Actor, meeting: MeetingView) -> None:
    """The minutes' downloads for `meeting`, and codes for owners to acknowledge their actions."""
    # The button's key stays the same as the meeting changes (a click made just after closing
    # still counts); the minutes kept are offered only for the meeting as it stood when made.
    key = f"meeting_minutes_{meeting.id}"
    stands = as_it_stands(meeting)
    st.markdown("**Minutes**")
    if st.button("Prepare the minutes", key=f"{key}_prepare"):
        try:
            st.session_state[key] = (
                stands,
                {
                    d.fmt: meetings.export_minutes(
                        store,
                        by=actor,
                        meeting_id=meeting.id,
                        fmt=d.fmt,  # type: ignore[arg-type]
                    )
                    for d in DOWNLOADS
                },
            )
        except RiskAppError as exc:
            st.session_state.pop(key, None)
            show_error(exc)
    made_from, prepared = st.session_state.get(key, (None, None))
    if prepared and made_from == stands:
        columns = st.columns(len(DOWNLOADS))
        for column, d in zip(columns, DOWNLOADS, strict=True):
            column.download_button(
                d.label,
                prepared[d.fmt],
                f"minutes-{meeting.held_on:%Y-%m-%d}.{d.extension}",
                d.mime,
                key=f"{key}_{meeting.version}_{d.fmt}",
            )
    action_code_views.render_codes(store, actor, f"meeting_{meeting.id}", meeting.current_actions)


def as_it_stands(m: MeetingView) -> tuple[object, ...]:
    """What the minutes depend on, so minutes prepared before a change are not offered after."""
    return (
        m.version,
        m.status,
        tuple((i.id, i.withdrawn is None) for i in m.items),
        tuple((a.id, a.withdrawn is None) for a in m.attendees),
        tuple((a.id, a.status) for a in m.actions),
    )
