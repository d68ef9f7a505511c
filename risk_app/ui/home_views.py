"""What each role sees first. Pages stay thin: these read services and render."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor, Page
from risk_app.domain.record.ownership import ownership_table
from risk_app.domain.roles import Role
from risk_app.services import accounts, audit
from risk_app.services import framework as framework_service
from risk_app.services.agreements import reading
from risk_app.services.record import people, reviews, risks
from risk_app.ui import charts, nav, runtime, text
from risk_app.ui.record import shared_views, whole_record_views


def individual(actor: Actor) -> None:
    """Plain language, one thing at a time, for the person or their representative."""
    me = people.my_record(_store(), by=actor)
    graph = framework_service.current()
    stage = graph.node(me.current_stage)
    text.heading(f"Hello {me.called}", level=1)
    st.header("Where you are now")
    text.show(f"You are at this step: {charts.plain_stage_name(stage)}.")
    text.show(charts.plain_stage_explanation(stage))
    next_ids = [s.id for s in graph.next_stages(stage.id)]
    if next_ids:
        nxt = graph.node(next_ids[0])
        st.header("What happens next")
        text.show(f"The next step is: {charts.plain_stage_name(nxt)}.")
    st.header("When we will look at your plan again")
    plan = reviews.review_plan(_store(), by=actor, person_id=me.id)
    if plan.due is None or plan.source is None:
        st.write("We will agree a date to look at your plan again.")
    else:
        text.show(f"We will look at your plan again by {words.day(plan.due)}.")
        text.show(plan.source.plain)
    st.header("Your risk agreement")
    if reading.versions(_store(), by=actor, person_id=me.id):
        st.write("Your risk agreement says who will help, and how.")
        st.page_link(nav.page(Page.MY_AGREEMENT), label="Read your risk agreement")
    else:
        st.write("There is no agreement for you to read yet.")
    shared_views.shared_with_you(_store(), actor)
    whole_record_views.render(_store(), actor, me.id, own=True)
    st.header("If you feel unsafe")
    st.write(
        "You can tell your worker, someone you trust, or the council at any time. "
        "If you are in danger now, call 999."
    )
    st.header("Your steps so far")
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
    caseload = people.caseload(_store(), by=actor)
    graph = framework_service.current()
    st.title("Home")
    st.write(f"Your team has **{len(caseload)}** people allocated.")
    counts = Counter(person.current_stage for person in caseload)
    rows = [
        {"Stage": f"{stage.order}. {stage.label}", "People": counts.get(stage.id, 0)}
        for stage in graph.stages()
    ]
    st.header("People at each stage")
    st.plotly_chart(charts.people_by_stage_figure(rows), width="stretch")
    st.caption("The same figures as a table:")
    text.table(rows)
    st.page_link(nav.page(Page.CASELOAD), label="Open your team's people", icon=":material/groups:")
    st.header("Reviews due")
    due = reviews.due_for_team(_store(), by=actor)
    if not due:
        st.write("No review is due in the next four weeks or overdue.")
    else:
        text.table(
            [
                {
                    "Person": d.person_name,
                    "Due by": words.day_or(d.plan.due, ""),
                    "Status": "Overdue" if d.plan.days_overdue else "Due soon",
                    "Where the date comes from": d.plan.source.kind.label if d.plan.source else "",
                }
                for d in due
            ]
        )
    st.header("Overdue actions")
    late = risks.overdue_for_team(_store(), by=actor)
    if not late:
        st.write("No action for your team's people is overdue.")
    else:
        st.warning(f"{len(late)} action{'s are' if len(late) != 1 else ' is'} overdue.")
        text.table(
            [
                {"Person": item.person_name, **row}
                for item, row in zip(late, ownership_table(a.action for a in late), strict=True)
            ]
        )
    st.header("Risk agreements waiting for signatures")
    waiting = reading.awaiting_signatures(_store(), by=actor)
    if not waiting:
        st.write("Every current agreement for your team's people is fully signed.")
    else:
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
    if actor.role is Role.TEAM_MANAGER:
        shared_views.accounts_created(_store(), actor)


def safeguarding_lead(actor: Actor) -> None:
    st.title("Home")
    st.header("Audits")
    st.write(
        "Two questions: does our local process link into safeguarding where the framework says "
        "it should, and do our real cases actually do it?"
    )
    for page, label, icon in (
        (Page.CASE_AUDIT, "Audit real cases against the framework", ":material/rule:"),
        (Page.PROCESS_AUDIT, "Compare our local process with the framework", ":material/schema:"),
    ):
        st.page_link(nav.page(page), label=label, icon=icon)
    st.header("The framework")
    st.write(
        "The framework is a live document: explore it item by item, or upload a revised version, "
        "check the difference and make it the version in use."
    )
    for page, label, icon in (
        (Page.FRAMEWORK_MAP, "Open the framework map", ":material/account_tree:"),
        (Page.FRAMEWORK_EXPLORER, "Explore every item and its sources", ":material/manage_search:"),
        (Page.FRAMEWORK_VERSIONS, "Upload or activate a framework version", ":material/history:"),
    ):
        st.page_link(nav.page(page), label=label, icon=icon)
    st.header("Audit log")
    st.write(
        f"The audit log holds **{audit.count_events(_store())}** events. Check that none has been "
        "changed, removed or reordered from the audit log page."
    )
    st.page_link(nav.page(Page.AUDIT_LOG), label="Open the audit log", icon=":material/fact_check:")


def administrator(actor: Actor) -> None:
    users = accounts.list_users(_store(), by=actor)
    st.title("Home")
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
