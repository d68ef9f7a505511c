"""Moving the person to another stage, from the journey tab: what is still outstanding at the
stage being left is listed first (required touchpoints first), and with anything outstanding a
reason to move on anyway is asked for and recorded. Nothing typed is lost on a refusal."""

from __future__ import annotations

import streamlit as st

from framework import FrameworkGraph
from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput, StaleEdit
from risk_app.services.record import stages
from risk_app.ui import notices, runtime, text
from risk_app.ui.text import show_error


def generation(person_id: int) -> int:
    """Counts the moves made in this session: widgets keyed on it start afresh after a move."""
    return int(st.session_state.get(f"move_generation_{person_id}", 0))


def render(store: Store, actor: Actor, graph: FrameworkGraph, person_id: int) -> None:
    st.subheader("Move to another stage", anchor=False)
    leaving = stages.leaving(store, by=actor, person_id=person_id)
    stage_words = {s.id: f"{s.order}. {s.label}" for s in graph.stages()}
    prefix = f"move_{person_id}_{generation(person_id)}"
    to_key, reason_key, version_key = f"{prefix}_to", f"{prefix}_reason", f"{prefix}_version"
    state = st.session_state
    # The version the practitioner saw is the one they started the move on: until they choose
    # or type something, the form follows the record.
    if not state.get(to_key) and not (state.get(reason_key) or "").strip():
        state[version_key] = leaving.version
    seen = int(state.get(version_key, leaving.version))
    if seen != leaving.version:
        text.show_warning(
            "The record was saved again since you started this move. What you typed is kept: "
            "check what is outstanding now, then move on from the newer version."
        )
        if st.button("Move on from the newer version", key=f"{prefix}_newer"):
            state[version_key] = leaving.version
            runtime.rerun()
    outstanding = leaving.outstanding
    if outstanding:
        text.show_warning(
            f"Still outstanding at {stage_words.get(leaving.stage, leaving.stage)} for this person "
            f"({words.count(len(outstanding), 'touchpoint')}, required ones first). Record them "
            "above, or give a reason to move on anyway:"
        )
        text.bullets(o.words for o in outstanding)
    else:
        text.show(
            f"Nothing is outstanding at {stage_words.get(leaving.stage, leaving.stage)} for this "
            "person: no reason is needed to move on."
        )
    notices.show(f"{prefix}_moved")
    with st.form(f"{prefix}_form", clear_on_submit=False):
        # Every stage is offered, worded the same whoever moved the person, so a choice made
        # survives someone else's move (moving to where they already are is refused by name).
        to_stage = st.selectbox(
            "Move to stage",
            list(stage_words),
            index=None,
            format_func=stage_words.__getitem__,
            placeholder="Choose",
            key=to_key,
        )
        reason = st.text_area(
            "Reason to move on with touchpoints outstanding"
            + ("" if outstanding else " (not needed: nothing is outstanding)"),
            max_chars=4000,
            key=reason_key,
        )
        if not st.form_submit_button("Move to this stage"):
            return
    if to_stage is None:
        show_error("Choose the stage to move to.")
        return
    try:
        stages.move_stage(
            store,
            by=actor,
            person_id=person_id,
            to_stage=to_stage,
            reason=reason,
            expected_version=seen,
        )
    except StaleEdit as exc:
        show_error(exc)
        st.info("What you typed is still in the form.")
    except InvalidInput as exc:
        show_error(exc)
    else:
        state[f"move_generation_{person_id}"] = generation(person_id) + 1
        notices.confirm(f"{prefix}_moved", f"Moved to {stage_words.get(to_stage, to_stage)}.")
        runtime.rerun()
