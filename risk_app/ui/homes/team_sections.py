"""Sections of a practitioner's and a team manager's home about the whole team: people at each
stage, actions due soon and overdue, reviews due, and agreements still waiting for signatures."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor, Page
from risk_app.domain.record.ownership import DUE_SOON_DAYS, Timing, when_due_in_words
from risk_app.services import framework as framework_service
from risk_app.services.agreements import reading
from risk_app.services.record import actions_due, people, reviews
from risk_app.services.record.actions_due import ActionDue
from risk_app.ui import charts, nav, text


def team_by_stage(store: Store, actor: Actor) -> None:
    caseload = people.caseload(store, by=actor)
    graph = framework_service.current()
    st.write(f"Your team has **{len(caseload)}** people allocated.")
    counts = Counter(person.current_stage for person in caseload)
    rows = [
        {"Stage": f"{stage.order}. {stage.label}", "People": counts.get(stage.id, 0)}
        for stage in graph.stages()
    ]
    st.header("People at each stage", anchor=False)
    st.plotly_chart(charts.people_by_stage_figure(rows), width="stretch")
    st.caption("The same figures as a table:")
    text.table(rows)
    st.page_link(nav.page(Page.CASELOAD), label="Open your team's people", icon=":material/groups:")


def action_rows(listed: list[ActionDue]) -> list[dict[str, str]]:
    """One row per action: whose, what, who does it, by when, and how long is left or how late."""
    return [
        {
            "Person": d.person_name,
            "Action": d.action.description,
            "Owner": f"{d.action.owner_name} ({d.action.owner_kind.label.lower()})",
            "By when": words.day_or(d.action.due, "No date set"),
            "Days left or late": when_due_in_words(d.days_to_go),
            "Status": d.timing.label,
        }
        for d in listed
    ]


def actions_due_soon_and_overdue(store: Store, actor: Actor) -> None:
    st.header("Actions due soon and overdue", anchor=False)
    listed = actions_due.due_for_team(store, by=actor)
    if not listed:
        st.write(
            f"No action for your team's people is overdue or due in the next {DUE_SOON_DAYS} days."
        )
        return
    late = sum(1 for d in listed if d.timing is Timing.OVERDUE)
    if late:
        st.warning(f"{words.count(late, 'action')} {'is' if late == 1 else 'are'} overdue.")
    st.write(
        f"{words.count(late, 'action')} overdue and {words.count(len(listed) - late, 'action')} "
        f"due in the next {DUE_SOON_DAYS} days, the longest overdue first."
    )
    text.table(action_rows(listed))


def reviews_due(store: Store, actor: Actor) -> None:
    st.header("Reviews due", anchor=False)
    due = reviews.due_for_team(store, by=actor)
    if not due:
        st.write("No review is due in the next four weeks or overdue.")
        return
    text.table(
        [
            {
                "Person": d.person_name,
                "Due by": words.day_or(d.plan.due, ""),
                "Status": "Overdue" if d.plan.days_overdue else "Due soon",
                "Where the date comes from": d.plan.source.described if d.plan.source else "",
            }
            for d in due
        ]
    )


def team_agreements_waiting(store: Store, actor: Actor) -> None:
    st.header("Risk agreements waiting for signatures", anchor=False)
    waiting = reading.awaiting_signatures(store, by=actor)
    if not waiting:
        st.write("Every current agreement for your team's people is fully signed.")
        return
    text.table(
        [
            {
                "Person": w.person_name,
                "Version": w.version,
                "Still to sign": "; ".join(m.label for m in w.missing),
                "Asked to talk first": "; ".join(m.label for m in w.asked_to_talk) or "—",
            }
            for w in waiting
        ]
    )
