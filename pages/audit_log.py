"""Audit log: who viewed or changed what, and whether the hash chain still holds."""

from __future__ import annotations

import csv
import io

import streamlit as st

from risk_app.domain.access import Page
from risk_app.services import audit
from risk_app.ui import guard, runtime

actor = guard.require(Page.AUDIT_LOG)
store = runtime.store()

st.title("Audit log", anchor=False)
st.write(
    "Every view, change, sign-in and signature is chained to the one before it, so a changed, "
    "deleted or reordered entry shows up at its position when the chain is checked. Record the "
    "head hash outside risk-app (for example in your board minutes) so the whole log cannot be "
    "silently rebuilt."
)
if st.button("Check the whole audit log now", key="audit_verify"):
    report = audit.verify_as(store, actor)
    if report.ok:
        st.success(report.summary())
    else:
        st.error(report.summary())

limit = st.selectbox("Show the newest", [50, 200, 1000], index=1, key="audit_limit")
events = audit.recent_events(store, actor, limit=limit)
actions = sorted({e.action for e in events})
chosen = st.multiselect("Actions", actions, default=actions, key="audit_actions")
rows = [
    {
        "#": e.seq,
        "When (UTC)": e.at,
        "Who": e.actor,
        "Role": e.actor_role,
        "Action": e.action,
        "Record": f"{e.object_type} {e.object_id}".strip(),
        "Version": e.object_version,
        "Detail": e.detail,
    }
    for e in events
    if e.action in chosen
]
st.dataframe(rows, hide_index=True, width="stretch")

buffer = io.StringIO()
if rows:
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
st.download_button(
    "Download these rows as CSV",
    buffer.getvalue(),
    "audit-log.csv",
    "text/csv",
    on_click=audit.record_export,
    args=(store, actor, "audit_log"),
    kwargs={"rows": len(rows)},
)
