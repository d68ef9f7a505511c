"""Case audit: do real cases link into safeguarding at the stages where the framework graph places
each touchpoint (our synthesis unless marked as the framework's own text)?"""

from __future__ import annotations

import streamlit as st

from risk_app.domain.access import Page
from risk_app.domain.errors import InvalidInput
from risk_app.services import framework as framework_service
from risk_app.ui import guard, runtime, text
from risk_app.ui.assurance import board_report_views, case_audit_views

actor = guard.require(Page.CASE_AUDIT)
store = runtime.store()
graph = framework_service.current()

st.title("Case audit", anchor=False)
text.show(
    "Check real cases against the framework: which safeguarding touchpoint was missed, at which "
    "stage, in which case; what was done out of order; which reviews are late. The rules come "
    f"from the framework in use ({graph.title}, version "
    f"{graph.version}). An imported file is read, judged and forgotten: nothing "
    "from it is stored."
)

source = st.radio(
    "What to audit",
    ["app", "file"],
    format_func=lambda s: {
        "app": "The journeys recorded in this app",
        "file": "An event log exported from another system",
    }[s],
    key="case_source",
)
events = mapping = None
encoding = "auto"
if source == "file":
    st.write(
        "A CSV file with at least the columns case_id, activity and timestamp (ISO 8601, such as "
        "2026-05-03 or 2026-05-03T14:30), or an XES file. Activities are framework ids (such as "
        "TP05) or your own names listed in a mapping file with the columns "
        "local_activity,framework_id. See docs/case-audit.md for the details."
    )
    events = st.file_uploader(
        "Event log (CSV or XES)", type=["csv", "xes", "txt"], key="case_events", max_upload_size=100
    )
    mapping = st.file_uploader(
        "Activity mapping (CSV), if your activity names are your own",
        type=["csv", "txt"],
        key="case_mapping",
        max_upload_size=10,
    )
    encoding = st.selectbox(
        "Character encoding of the event log",
        list(case_audit_views.ENCODINGS),
        format_func=case_audit_views.ENCODINGS.__getitem__,
        key="case_encoding",
    )

origin = case_audit_views.origin_choice()

if st.button("Run the audit", key="case_run", type="primary"):
    try:
        if source == "app":
            case_audit_views.run_from_app(store, actor, origin)
        elif events is None:
            st.error("Choose an event log file first.")
        else:
            case_audit_views.run_from_file(store, actor, events, mapping, encoding, origin)
    except InvalidInput as exc:  # the file or mapping cannot be used at all
        case_audit_views.forget()
        text.show_error(exc)
        st.caption("Nothing was audited. Your files are still chosen above.")

found = case_audit_views.finished()
if found is not None:
    case_audit_views.show(store, actor, found)
board_report_views.section(store, actor, "case")
