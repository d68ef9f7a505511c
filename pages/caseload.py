"""People allocated to your team, and where each is in their Self-Directed Support journey."""

from __future__ import annotations

import streamlit as st

from risk_app.domain.access import Page
from risk_app.domain.errors import InvalidInput, StaleEdit
from risk_app.services import framework as framework_service
from risk_app.services import people
from risk_app.ui import guard, runtime, stage_detail
from risk_app.ui.text import literal

actor = guard.require(Page.CASELOAD)
store = runtime.store()
graph = framework_service.current()
stage_label = {s.id: f"{s.order}. {s.label}" for s in graph.stages()}

st.title("People")
caseload = people.caseload(store, by=actor)
if not caseload:
    st.info("Nobody is allocated to your team yet.")
    st.stop()

st.dataframe(
    [
        {
            "Name": p.display_name,
            "Preferred name": p.preferred_name,
            "Stage": stage_label.get(p.current_stage, p.current_stage),
            "Jurisdiction": p.jurisdiction.title(),
            "Last changed": p.updated_at.strftime("%d %b %Y %H:%M"),
        }
        for p in caseload
    ],
    hide_index=True,
    width="stretch",
)

names = {p.id: p.display_name for p in caseload}
person_id = st.selectbox(
    "Open a person's record", list(names), format_func=names.__getitem__, key="caseload_person"
)
person = people.get_person(store, by=actor, person_id=person_id)

# The version this form was made from: a save is refused if the record moved on since.
version_key = f"caseload_version_{person.id}"
st.session_state.setdefault(version_key, person.version)

st.header(literal(person.display_name))
st.write(
    f"Currently at stage **{literal(stage_label.get(person.current_stage, person.current_stage))}** "
    f"(record version {person.version}, framework {literal(person.framework_version)})."
)

st.subheader("Journey so far")
st.table(
    [
        {
            "Stage": stage_label.get(v.stage, v.stage),
            "Entered": v.entered_at.strftime("%d %b %Y %H:%M"),
            "Recorded by": v.recorded_by,
            "Framework version": v.framework_version,
        }
        for v in person.history
    ]
)

with st.form(f"caseload_edit_{person.id}"):
    st.subheader("Update")
    preferred = st.text_input("Preferred name", value=person.preferred_name, max_chars=200)
    stages = list(stage_label)
    new_stage = st.selectbox(
        "Stage",
        stages,
        index=stages.index(person.current_stage),
        format_func=stage_label.__getitem__,
    )
    saved = st.form_submit_button("Save changes", type="primary")

if saved:
    expected = int(st.session_state[version_key])
    try:
        updated = person
        if preferred != person.preferred_name:
            updated = people.update_details(
                store,
                by=actor,
                person_id=person.id,
                expected_version=expected,
                preferred_name=preferred,
            )
            expected = updated.version
        if new_stage != person.current_stage:
            updated = people.move_to_stage(
                store, by=actor, person_id=person.id, expected_version=expected, stage=new_stage
            )
    except StaleEdit as exc:
        st.session_state[version_key] = exc.current
        st.error(str(exc))
        st.button("Show the newer version", key="caseload_reload")
    except InvalidInput as exc:
        st.error(str(exc))
    else:
        st.session_state[version_key] = updated.version
        st.success("Saved.")
        st.rerun()

st.divider()
stage_detail.render(graph, person.current_stage)
