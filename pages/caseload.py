"""People allocated to your team, and where each is in their Self-Directed Support journey."""

from __future__ import annotations

import streamlit as st

from risk_app.domain import words
from risk_app.domain.access import Page
from risk_app.services import framework as framework_service
from risk_app.services.record import people, reviews
from risk_app.ui import guard, runtime, text
from risk_app.ui.agreements import agreement_views
from risk_app.ui.record import (
    check_views,
    circle_views,
    decision_views,
    meeting_views,
    person_views,
    risk_views,
    safeguarding_views,
    shared_views,
    stage_detail,
    whole_record_views,
)

actor = guard.require(Page.CASELOAD)
store = runtime.store()
graph = framework_service.current()
stage_label = {s.id: f"{s.order}. {s.label}" for s in graph.stages()}

st.title("People")
caseload = people.caseload(store, by=actor)
if not caseload:
    st.info("Nobody is allocated to your team yet.")
    st.stop()

next_reviews = reviews.next_reviews_for_team(store, by=actor)
nations = people.jurisdictions()


def _next_review(person_id: int) -> str:
    """The next review date; where the nation's law sets no interval and none is agreed, that one
    is to be agreed (never a made-up date)."""
    plan = next_reviews.get(person_id)
    if plan is None or plan.due is None:
        return "To be agreed" if plan is not None and plan.no_interval else "—"
    return words.day(plan.due)


st.dataframe(
    [
        {
            "Name": p.display_name,
            "Preferred name": p.preferred_name,
            "Stage": stage_label.get(p.current_stage, p.current_stage),
            "Next review": _next_review(p.id),
            "Nation": nations.get(p.jurisdiction, p.jurisdiction),
            "Last changed": words.moment(p.updated_at),
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

text.heading(person.display_name, level=2)
text.show(
    f"Currently at stage {stage_label.get(person.current_stage, person.current_stage)} "
    f"(record version {person.version}, framework {person.framework_version})."
)
nation = people.jurisdictions().get(person.jurisdiction, person.jurisdiction)
text.show(f"Lives in {nation}: the law of {nation} applies to this record.")

st.subheader("Journey so far")
text.table(
    [
        {
            "Stage": stage_label.get(v.stage, v.stage),
            "Entered": words.moment(v.entered_at),
            "Recorded by": v.recorded_by,
            "Framework version": v.framework_version,
            "Reason to move on with touchpoints outstanding": v.reason or "—",
        }
        for v in person.history
    ]
)

(
    journey_tab,
    risks_tab,
    decisions_tab,
    meetings_tab,
    agreement_tab,
    concern_tab,
    sharing_tab,
    details_tab,
    framework_tab,
) = st.tabs(
    [
        "Where safeguarding links in",
        "Risks and who owns what",
        "Decisions and panels",
        "Multi-agency meetings",
        "Risk agreement",
        "Safeguarding concern",
        "What the person can read",
        "Details and About Me",
        "The framework at this stage",
    ]
)
with journey_tab:
    person_views.render_journey(store, actor, graph, person.id)
    check_views.render(store, actor, person.id, person.jurisdiction)
with risks_tab:
    risk_views.render_risks(store, actor, graph, person.id)
    circle_views.render(store, actor, person.id)
with decisions_tab:
    decision_views.render_decisions(store, actor, graph, person)
with meetings_tab:
    meeting_views.render(store, actor, person.id)
with agreement_tab:
    agreement_views.render_staff(store, actor, person)
with concern_tab:
    safeguarding_views.render(store, actor, graph, person.id, jurisdiction=person.jurisdiction)
with sharing_tab:
    shared_views.render_sharing(store, actor, person.id)
with details_tab:
    person_views.render_details(store, actor, graph, person)
    whole_record_views.render(store, actor, person.id)
with framework_tab:
    stage_detail.render(
        graph,
        person.current_stage,
        budget_option=person.budget_option or None,
        jurisdiction=person.jurisdiction,
    )
