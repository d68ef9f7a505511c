"""Raising a safeguarding concern from a person's record: the route comes from the framework."""

from __future__ import annotations

import streamlit as st

from framework import FrameworkGraph
from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput
from risk_app.services.record import safeguarding
from risk_app.ui import text
from risk_app.ui.text import show_error

ANSWERS = {"Not known yet": None, "Yes": True, "No": False}


def render(store: Store, actor: Actor, graph: FrameworkGraph, person_id: int) -> None:
    earlier = safeguarding.concerns_for(store, by=actor, person_id=person_id)
    if earlier:
        st.subheader("Concerns raised")
        text.table(
            [
                {
                    "Raised": f"{words.day(c.raised_at)} by {c.raised_by}",
                    "Types": ", ".join(a.label for a in c.screening.abuse_types),
                    "Section 42": c.s42.result.value.replace("_", " ").capitalize(),
                    "What the person wants": c.person_wants,
                    "Immediate action taken": c.immediate_action or "—",
                    "Route when raised": " → ".join(c.route_when_raised),
                }
                for c in earlier
            ]
        )
    st.subheader("Raise a safeguarding concern")
    st.caption("If someone is in immediate danger, act first: call 999.")
    types = {n.id: n.label for n in graph.nodes(type="abuse_type")}
    chosen = st.multiselect(
        "What may be happening",
        list(types),
        format_func=types.__getitem__,
        key=f"sg_types_{person_id}",
    )
    if chosen:
        screening = safeguarding.screen(chosen)
        st.markdown("**Where this leads in the framework**")
        text.table(
            [
                {"Step": f"{n}. {item.label}", "Kind": item.type.replace("_", " "), "ID": item.id}
                for n, item in enumerate((*screening.touchpoints, *screening.route), start=1)
            ]
        )
    with st.form(f"sg_form_{person_id}"):
        wants = st.text_area("What does the person want to happen? (ask first)", max_chars=4000)
        action = st.text_area("Immediate action taken to keep people safe", max_chars=4000)
        st.markdown("**Section 42: is there reasonable cause to suspect that the adult…**")
        needs = st.radio("…has needs for care and support?", list(ANSWERS), horizontal=True)
        abuse = st.radio(
            "…is experiencing, or at risk of, abuse or neglect?", list(ANSWERS), horizontal=True
        )
        unable = st.radio(
            "…because of those needs, cannot protect themselves?", list(ANSWERS), horizontal=True
        )
        if st.form_submit_button("Raise the concern", type="primary"):
            try:
                concern = safeguarding.raise_concern(
                    store,
                    by=actor,
                    person_id=person_id,
                    abuse_types=list(chosen),
                    person_wants=wants,
                    immediate_action=action,
                    needs=ANSWERS[str(needs)],
                    abuse_or_risk=ANSWERS[str(abuse)],
                    unable_to_protect=ANSWERS[str(unable)],
                )
            except InvalidInput as exc:
                show_error(exc)
            else:
                st.success(concern.s42.explanation)
