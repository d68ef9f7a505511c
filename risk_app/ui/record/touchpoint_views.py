"""Where safeguarding links in at one stage: each touchpoint with how we know its status (the
record that evidences it, or who set it by hand and why), and the form for a status by hand."""

from __future__ import annotations

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.journey import StageJourney, TouchpointLine
from risk_app.domain.record.people import TouchpointState
from risk_app.domain.record.stage_visits import record_sentence
from risk_app.services.record import journey
from risk_app.ui import runtime, text
from risk_app.ui.charts import provenance_words
from risk_app.ui.text import show_error

STATE_WORDS = {
    TouchpointState.OUTSTANDING: "Outstanding",
    TouchpointState.DONE: "Done",
    TouchpointState.NOT_APPLICABLE: "Not applicable",
}
NOT_REACHED = "Not reached yet"


def status_words(line: TouchpointLine) -> str:
    if not line.reached:
        return NOT_REACHED
    done_by = " by a record" if line.evidence is not None else ""
    if line.required_by_local_policy:
        required = " (required by local policy)"
    else:
        required = " (required)" if line.required else ""
    return STATE_WORDS[line.state] + done_by + required


def how_we_know(line: TouchpointLine) -> str:
    """The evidencing record and where to find it, or who set the status and why."""
    if not line.reached:
        return "The person has not reached this stage."
    if line.evidence is not None:
        said = line.conflict or record_sentence(line.evidence)
        return f"{said}. See {line.evidence.where}."
    if line.manual is not None:
        why = f": {line.manual.note}" if line.manual.note else ""
        return f"Set by {line.manual.by} on {words.day(line.manual.at)}{why}"
    return "Nothing recorded yet."


def required_words(line: TouchpointLine) -> str:
    """Why an outstanding touchpoint is required: an answer, or the council's local policy."""
    what = f"{line.node.id} {line.node.label}"
    if line.local_policy is not None:
        return f"Required by local policy: {what}. {line.local_policy.caption}"
    return f"Required because of the answer to {', '.join(line.triggered_by)}: {what}"


def render_touchpoints(store: Store, actor: Actor, person_id: int, current: StageJourney) -> None:
    for line in current.required_outstanding:
        text.show_warning(required_words(line))
    for line in current.touchpoints:
        if line.conflict:
            text.show_info(f"{line.node.id}: {line.conflict}.")
    text.table(
        [
            {
                "Touchpoint": f"{t.node.id}: {t.node.label}",
                "Status": status_words(t),
                "How we know": how_we_know(t),
                "Provenance": provenance_words(t.node.provenance.status),
            }
            for t in current.touchpoints
        ]
    )
    _touchpoint_form(store, actor, person_id, current)


def _touchpoint_form(store: Store, actor: Actor, person_id: int, current: StageJourney) -> None:
    # A touchpoint a record evidences is not typed again: the record says it, and wins.
    open_lines = [t for t in current.touchpoints if t.reached and t.evidence is None]
    if not open_lines:
        st.caption("Every touchpoint at this stage is evidenced by a record.")
        return
    # A status recorded moves the form to fresh widgets (nothing of it is left to be recorded
    # again by mistake, e.g. at the next stage); a refusal keeps everything as typed.
    generation = f"touchpoint_generation_{person_id}"
    made = int(st.session_state.get(generation, 0))
    with st.form(f"touchpoint_form_{person_id}_{made}", clear_on_submit=False):
        st.markdown("**Record a touchpoint**")
        st.caption(
            "Touchpoints a record already evidences are not listed: the record says they are done."
        )
        ids = [t.node.id for t in open_lines]
        labels = {t.node.id: f"{t.node.id}: {t.node.label}" for t in open_lines}
        # Neither the touchpoint nor its status is chosen for the practitioner: nothing is assumed.
        chosen = st.selectbox(
            "Touchpoint", ids, index=None, format_func=labels.__getitem__, placeholder="Choose"
        )
        state = st.radio(
            "Status",
            list(TouchpointState),
            format_func=STATE_WORDS.__getitem__,
            horizontal=True,
            index=None,
        )
        note = st.text_area("Note (say why, if it does not apply)", max_chars=4000)
        if st.form_submit_button("Record touchpoint"):
            if chosen is None or state is None:
                pairs = (("the touchpoint", chosen), ("the status", state))
                show_error(f"Choose {words.all_of(w for w, v in pairs if v is None)} to record.")
                return
            try:
                journey.record_touchpoint(
                    store,
                    by=actor,
                    person_id=person_id,
                    touchpoint_id=chosen,
                    state=state,
                    note=note,
                    stage=current.stage.id,
                )
            except InvalidInput as exc:
                show_error(exc)
            else:
                st.session_state[generation] = made + 1
                runtime.rerun()
