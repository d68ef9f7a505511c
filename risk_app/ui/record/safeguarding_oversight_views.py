"""Safeguarding oversight sections for the home pages: a team manager's safeguarding decisions
waiting and open enquiries, and the safeguarding lead's view across the organisation (counts and
ages per state, then the waiting decisions and open enquiries by record number only)."""

from __future__ import annotations

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor, Page
from risk_app.domain.record.local_policy import PolicyId
from risk_app.services.record import local_policy
from risk_app.services.record import safeguarding_oversight as oversight
from risk_app.ui import nav, text


def _left(days: int) -> str:
    if days < 0:
        return f"{-days} working day{'s' if days != -1 else ''} late"
    if days == 0:
        return "Due today"
    return f"{days} working day{'s' if days != 1 else ''} left"


def _who(name: str | None, person_id: int) -> str:
    return name if name is not None else f"Person {person_id}"


def _waiting(store: Store, actor: Actor, *, links: bool = False) -> None:
    waiting = oversight.waiting_s42_decisions(store, by=actor)
    st.subheader("Safeguarding decisions waiting", anchor=False)
    if not waiting:
        text.show("No concern is waiting for its safeguarding decision.")
        return
    text.table(
        [
            {
                "Concern": w.concern_id,
                "Person": _who(w.person_name, w.person_id),
                "Team": w.team,
                "Decision": w.words.decision,
                "Raised": f"{words.day(w.raised_on)} by {w.raised_by}",
                "Decision due": words.day(w.due),
                "Time left": _left(w.working_days_left),
            }
            for w in waiting
        ]
    )
    s42 = local_policy.policies(store, by=actor)[PolicyId.S42_DECISION_WORKING_DAYS]
    text.show_small(f"Decision due dates follow the {s42.caption[0].lower()}{s42.caption[1:]}")
    if links:
        # the lead decides from the concerns page, which opens the concern alone
        for w in waiting:
            st.page_link(
                nav.page(Page.CONCERNS),
                label=f"Decide on concern {w.concern_id}",
                icon=":material/gavel:",
                query_params={"concern": str(w.concern_id)},
            )


def _enquiries(store: Store, actor: Actor) -> None:
    enquiries = oversight.open_enquiries(store, by=actor)
    st.subheader("Open enquiries", anchor=False)
    if not enquiries:
        text.show("No enquiry is open.")
        return
    text.table(
        [
            {
                "Concern": e.concern_id,
                "Person": _who(e.person_name, e.person_id),
                "Team": e.team,
                "Enquiry": e.kind.label_in(e.words),
                "Led by": e.lead,
                "Started": words.day(e.started_on),
                "Days open": e.days_open,
            }
            for e in enquiries
        ]
    )


def render_for_manager(store: Store, actor: Actor) -> None:
    """The team's safeguarding decisions waiting (with working days left) and open enquiries."""
    st.header("Safeguarding in your team", anchor=False)
    _waiting(store, actor)
    _enquiries(store, actor)


def render_for_lead(store: Store, actor: Actor) -> None:
    """Concerns across the organisation: counts and ages per state, then what is waiting."""
    st.header("Safeguarding concerns across the organisation", anchor=False)
    counts = oversight.concern_counts(store, by=actor)
    text.table(
        [
            {
                "Where they stand": c.state.label,
                "Concerns": c.count,
                "Oldest (days since raised)": "—" if c.oldest_days is None else c.oldest_days,
                "Median (days)": "—" if c.median_days is None else f"{c.median_days:g}",
                "Decisions late": c.late_decisions if c.state.value == "raised" else "—",
            }
            for c in counts
        ]
    )
    _waiting(store, actor, links=True)
    _enquiries(store, actor)
    st.page_link(
        nav.page(Page.CONCERNS),
        label="Open any concern to decide or take its next step",
        icon=":material/shield_person:",
    )
