"""What each role sees first. Pages stay thin: these read services and render."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor, Page
from risk_app.domain.agreements.agreement_words import safety_lines
from risk_app.domain.roles import Role
from risk_app.services import accounts
from risk_app.services import framework as framework_service
from risk_app.services.agreements import reading
from risk_app.services.record import people, reviews
from risk_app.ui import charts, nav, runtime, text
from risk_app.ui.homes import lead, manager, practitioner
from risk_app.ui.record import shared_views, whole_record_views


def individual(actor: Actor) -> None:
    """Plain language, one thing at a time, for the person or their representative."""
    me = people.my_record(_store(), by=actor)
    graph = framework_service.current()
    stage = graph.node(me.current_stage)
    text.heading(f"Hello {me.called}", level=1)
    st.header("Where you are now", anchor=False)
    text.show(f"You are at this step: {charts.plain_stage_name(stage)}.")
    text.show(charts.plain_stage_explanation(stage))
    next_ids = [s.id for s in graph.next_stages(stage.id)]
    if next_ids:
        nxt = graph.node(next_ids[0])
        st.header("What happens next", anchor=False)
        text.show(f"The next step is: {charts.plain_stage_name(nxt)}.")
    st.header("When we will look at your plan again", anchor=False)
    plan = reviews.review_plan(_store(), by=actor, person_id=me.id)
    if plan.due is None or plan.source is None:
        st.write("We will agree a date to look at your plan again.")
    else:
        text.show(f"We will look at your plan again by {words.day(plan.due)}.")
        text.show(plan.source.plain)
    st.header("Your risk agreement", anchor=False)
    if reading.versions(_store(), by=actor, person_id=me.id):
        st.write("Your risk agreement says who will help, and how.")
        st.page_link(nav.page(Page.MY_AGREEMENT), label="Read your risk agreement")
    else:
        st.write("There is no agreement for you to read yet.")
    shared_views.shared_with_you(_store(), actor)
    whole_record_views.render(_store(), actor, me.id, own=True)
    st.header("If you feel unsafe", anchor=False)
    st.write("You can tell your worker, someone you trust, or the council at any time.")
    for line in safety_lines(runtime.settings().safeguarding_phone):
        st.write(line.text)
    st.header("Your steps so far", anchor=False)
    text.table(
        [
            {
                "Step": charts.plain_stage_name(graph.node(visit.stage)),
                "Date": words.day(visit.entered_at),
            }
            for visit in me.history
        ]
    )


def staff(actor: Actor) -> None:
    """A practitioner's or a team manager's home (see risk_app.ui.homes)."""
    if actor.role is Role.TEAM_MANAGER:
        manager.render(_store(), actor)
    else:
        practitioner.render(_store(), actor)


def safeguarding_lead(actor: Actor) -> None:
    """Counts across the organisation, audits and the framework (see risk_app.ui.homes.lead)."""
    lead.render(_store(), actor)


def administrator(actor: Actor) -> None:
    users = accounts.list_users(_store(), by=actor)
    st.title("Home", anchor=False)
    counts = Counter(user.role.label for user in users if not user.disabled)
    st.write(
        f"**{sum(counts.values())}** active accounts, "
        f"**{sum(1 for user in users if user.disabled)}** disabled."
    )
    text.table([{"Role": role, "Active accounts": n} for role, n in sorted(counts.items())])
    st.page_link(
        nav.page(Page.ACCOUNTS), label="Manage accounts", icon=":material/manage_accounts:"
    )


def _store() -> Store:
    return runtime.store()
