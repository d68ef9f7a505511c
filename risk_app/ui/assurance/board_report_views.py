"""The PDF audit report for the Safeguarding Adults Board, from the audits run in this session.

It combines the latest case audit and the latest process alignment the lead has run in this
browser session (either may be missing). It is made on request, so a failure (no PDF library on
the server) is shown as a message rather than a broken download.
"""

from __future__ import annotations

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain.access import Actor
from risk_app.domain.assurance.process_alignment import AlignmentReport
from risk_app.domain.errors import RiskAppError
from risk_app.services.assurance import board_report
from risk_app.ui.assurance import case_audit_views
from risk_app.ui.text import show_error

ALIGNMENT = "process_audit_result"
"""Where the process alignment page keeps its latest report in the session."""
ALIGNMENT_TOKEN = "process_audit_token"
PDF = "board_report_pdf"


def latest_alignment() -> AlignmentReport | None:
    found = st.session_state.get(ALIGNMENT)
    return found if isinstance(found, AlignmentReport) else None


def section(store: Store, actor: Actor, key: str) -> None:
    """Explain what the board report will hold, make it on request, then offer the download."""
    found = case_audit_views.finished()
    alignment = latest_alignment()
    parts = [
        *(["the case audit"] if found is not None else []),
        *(["the process alignment"] if alignment is not None else []),
    ]
    # Each run has its own token, so a PDF made from earlier runs is never offered for later ones.
    made_from = (found.token if found is not None else None, st.session_state.get(ALIGNMENT_TOKEN))
    st.subheader("Report for the Safeguarding Adults Board (PDF)", anchor=False)
    if not parts:
        st.write("Run a case audit or a process alignment first: the report is made from them.")
        return
    other = "" if len(parts) == 2 else " Run the other audit too to include it."
    st.write(
        f"Made from {' and '.join(parts)} you ran in this session. It gives figures only, no "
        f"case references.{other}"
    )
    if st.button("Make the board report", key=f"{key}_board_make"):
        try:
            pdf = board_report.board_report(
                store,
                actor,
                case_audit=found.audit if found is not None else None,
                alignment=alignment,
            )
        except RiskAppError as exc:
            show_error(exc)
            return
        st.session_state[PDF] = (made_from, pdf)
    made = st.session_state.get(PDF)
    if made is not None and made[0] == made_from:
        st.download_button(
            "Download the board report (PDF)",
            made[1],
            "safeguarding-audit-report.pdf",
            "application/pdf",
            key=f"{key}_board_download",
        )
