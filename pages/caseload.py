"""People allocated to your team, and where each is in their Self-Directed Support journey."""

from __future__ import annotations

import streamlit as st

from risk_app.domain.access import Page
from risk_app.domain.errors import InvalidInput, StaleEdit
from risk_app.services import framework as framework_service
from risk_app.services import people
from risk_app.ui import editing, guard, runtime, stage_detail, text
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

# What the form was opened on: a save names this version and is refused if the record moved on.
# Widgets are keyed on it, so a newer record never silently replaces what the user typed.
opened = editing.open_form(
    st.session_state,
    f"caseload_{person.id}",
    person.version,
    {"preferred_name": person.preferred_name, "stage": person.current_stage},
)

st.header(literal(person.display_name))
st.write(
    f"Currently at stage **{literal(stage_label.get(person.current_stage, person.current_stage))}** "
    f"(record version {person.version}, framework {literal(person.framework_version)})."
)

st.subheader("Journey so far")
text.table(
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
    preferred = st.text_input("Preferred name", key=opened.key("preferred_name"), max_chars=200)
    new_stage = st.selectbox(
        "Stage", list(stage_label), key=opened.key("stage"), format_func=stage_label.__getitem__
    )
    saved = st.form_submit_button("Save changes", type="primary")

if saved:
    try:
        people.save_changes(
            store,
            by=actor,
            person_id=person.id,
            expected_version=opened.version,
            preferred_name=preferred if preferred != opened.values["preferred_name"] else None,
            stage=new_stage if new_stage != opened.values["stage"] else None,
        )
    except StaleEdit as exc:
        st.error(str(exc))
        st.info(
            "Your unsaved changes are still in the form above. The saved version now says: "
            f"preferred name {literal(person.preferred_name or '(none)')}, stage "
            f"{literal(stage_label.get(person.current_stage, person.current_stage))}."
        )
    except InvalidInput as exc:
        st.error(str(exc))
    else:
        opened.reset()
        st.toast("Saved.")
        st.rerun()

if opened.version != person.version and st.button(
    "Discard my changes and load the newer version", key="caseload_reload"
):
    opened.reset()
    st.rerun()

st.divider()
stage_detail.render(graph, person.current_stage)
