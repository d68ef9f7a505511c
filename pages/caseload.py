"""People allocated to your team, and where each is in their Self-Directed Support journey.

The address names the record and its section (`?person=12&section=meetings`), so a refresh, a
bookmark or the link back after signing in opens the same place."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from risk_app.domain.access import Page
from risk_app.services import framework as framework_service
from risk_app.services.record import caseload, people
from risk_app.ui import guard, lazy, person_record, runtime
from risk_app.ui.record import caseload_table

actor = guard.require(Page.CASELOAD)
store = runtime.store()
graph = framework_service.current()
stage_label = {s.id: f"{s.order}. {s.label}" for s in graph.stages()}
today = datetime.now(UTC).date()

st.title("People", anchor=False)
entries = caseload.overview(store, by=actor)
asked = caseload_table.asked_person()
chosen = person_record.parse_person(asked)
if not entries and asked is None:
    st.info("Nobody is allocated to your team yet.")
    st.stop()

caseload_table.render_picker(entries, chosen)
if asked is None:
    caseload_table.render_table(
        entries, stage_label=stage_label, nations=people.jurisdictions(), today=today
    )
    st.stop()

with lazy.expander(
    "Find someone else on the caseload", key="caseload_find", keep=caseload_table.FILTER_KEYS
) as shown:
    if shown:
        caseload_table.render_table(
            entries, stage_label=stage_label, nations=people.jurisdictions(), today=today
        )
person = person_record.load(store, actor, asked)
if person is not None:
    person_record.render(
        store,
        actor,
        graph,
        person,
        stage_label=stage_label,
        entry=next((e for e in entries if e.id == person.id), None),
    )
