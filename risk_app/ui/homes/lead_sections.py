"""Sections of the safeguarding lead's home. Across the organisation the lead sees counts and
ages, never names or case content (`domain/access.py`): each table here is built from services
that return numbers per team only."""

from __future__ import annotations

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain import access
from risk_app.domain.access import Actor, Page
from risk_app.domain.record.late_bands import LATE_BANDS
from risk_app.domain.record.ownership import DUE_SOON_DAYS
from risk_app.services import audit
from risk_app.services.agreements import waiting
from risk_app.services.record import organisation_counts
from risk_app.services.record.organisation_counts import LateWork, TeamCounts
from risk_app.ui import nav, text
from risk_app.ui.homes import late_chart


def _days(value: int | None) -> str:
    return "—" if value is None else str(value)


def _team_row(row: TeamCounts) -> dict[str, object]:
    return {
        "Team": row.team,
        "Actions overdue": row.actions.overdue,
        "Longest overdue action (days)": _days(row.actions.longest_late_days),
        f"Actions due in the next {DUE_SOON_DAYS} days": row.actions.due_soon,
        "Reviews overdue": row.reviews.overdue,
        "Longest overdue review (days)": _days(row.reviews.longest_late_days),
        "Reviews due in the next four weeks": row.reviews.due_soon,
    }


def _band_rows(actions: LateWork, reviews: LateWork) -> list[dict[str, object]]:
    return [
        {
            "How late": band.label,
            "Actions": actions.by_band.get(band.label, 0),
            "Reviews": reviews.by_band.get(band.label, 0),
        }
        for band in LATE_BANDS
    ]


def late_work_across_the_organisation(store: Store, actor: Actor) -> None:
    st.header("Late and soon-due work across the organisation", anchor=False)
    if not access.can_see_organisation_counts(actor):
        st.error("Only the safeguarding lead sees the organisation's counts.")
        return
    counts = organisation_counts.organisation_counts(store, by=actor)
    st.write(
        "Counts for each team, with how late the oldest item is. No person is named here: "
        "the team's manager sees the people behind each number."
    )
    text.table([*(_team_row(t) for t in counts.teams), _team_row(counts.total)])
    st.subheader("How late the overdue work is", anchor=False)
    rows = _band_rows(counts.total.actions, counts.total.reviews)
    st.plotly_chart(late_chart.late_work_figure(rows), width="stretch")
    st.caption("The same figures as a table:")
    text.table(rows)


def agreements_waiting_across_the_organisation(store: Store, actor: Actor) -> None:
    st.header("Risk agreements waiting for signatures", anchor=False)
    if not access.can_see_organisation_counts(actor):
        st.error("Only the safeguarding lead sees the organisation's counts.")
        return
    listed = waiting.waiting_by_team(store, by=actor)
    if not listed:
        st.write("Every current risk agreement in the organisation is fully signed.")
        return
    text.table(
        [
            {
                "Team": w.team,
                "Agreements waiting": w.waiting,
                "Longest wait (days)": _days(w.longest_days),
            }
            for w in listed
        ]
    )


def audits(store: Store, actor: Actor) -> None:
    st.header("Audits", anchor=False)
    st.write(
        "Two questions: does our local process link into safeguarding at the stages where the "
        "framework graph places each touchpoint, and do our real cases actually do it? Those "
        "placements are our synthesis, not the framework's own text."
    )
    for page, label, icon in (
        (Page.CASE_AUDIT, "Audit real cases against the framework", ":material/rule:"),
        (Page.PROCESS_AUDIT, "Compare our local process with the framework", ":material/schema:"),
    ):
        st.page_link(nav.page(page), label=label, icon=icon)


def the_framework(store: Store, actor: Actor) -> None:
    st.header("The framework", anchor=False)
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


def audit_log(store: Store, actor: Actor) -> None:
    st.header("Audit log", anchor=False)
    st.write(
        f"The audit log holds **{audit.count_events(store)}** events. Check that none has been "
        "changed, removed or reordered from the audit log page."
    )
    st.page_link(nav.page(Page.AUDIT_LOG), label="Open the audit log", icon=":material/fact_check:")
