"""The safeguarding lead's concerns page: every concern not yet closed across the organisation (by
record number and team), and one opened on its own to decide on the duty under its nation's law
(England's Section 42, Scotland's duty to inquire, Wales's Section 126) or take its
next step, with the same forms as the person's page. The lead reads the concern only: the person's
name and team, what was raised, the decision, enquiry and outcome, and the history; nothing else
of the person's record."""

from __future__ import annotations

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.errors import NotPermitted
from risk_app.services.record import concern_reading
from risk_app.services.record.concern_reading import ConcernToAct
from risk_app.ui import text
from risk_app.ui.record import concern_step_views, safeguarding_views

CHOSEN = "lead_concern"
"""The session key of the concern opened (also set from the address: ?concern=N)."""


def _next(c: ConcernToAct) -> str:
    return "; or ".join(s.label_in(c.words) for s in c.steps) or "—"


def _label(c: ConcernToAct) -> str:
    # a selectbox option: plain text of our words, a number, a team name and a state
    return f"Concern {c.concern_id} ({c.team}): {c.state.label_in(c.words)}"


def _preselect(listed: dict[int, ConcernToAct]) -> None:
    """Open the concern the address names (a link from the home page), once; forget a concern
    that has closed since it was opened."""
    asked = st.query_params.get("concern")
    if asked is not None and asked.isdigit() and int(asked) in listed:
        st.session_state[CHOSEN] = int(asked)
        del st.query_params["concern"]
    chosen = st.session_state.get(CHOSEN)
    if chosen is not None and chosen not in listed:
        del st.session_state[CHOSEN]
        st.success(f"Concern {chosen} is closed: it no longer waits for anything.")


def render(store: Store, actor: Actor) -> None:
    st.title("Safeguarding concerns", anchor=False)
    st.caption(
        "Every concern not yet closed, across the organisation. Open one to decide whether the "
        "safeguarding duty arises under the law of the person's nation, or to take its next "
        "step. You see the concern itself and whom it is about; the rest of the person's record "
        "stays with their team."
    )
    listed = {c.concern_id: c for c in concern_reading.concerns_to_act_on(store, by=actor)}
    if not listed:
        text.show("No concern is open.")
        return
    text.table(
        [
            {
                "Concern": c.concern_id,
                "Team": c.team,
                "Where it stands": c.state.label_in(c.words),
                "Raised": words.day(c.raised_on),
                "Next": _next(c),
            }
            for c in listed.values()
        ]
    )
    _preselect(listed)
    chosen = st.selectbox(
        "Open a concern",
        list(listed),
        index=None,
        placeholder="Choose a concern",
        format_func=lambda i: _label(listed[i]),
        key=CHOSEN,
    )
    if chosen is not None:
        _concern(store, actor, int(chosen))


def _concern(store: Store, actor: Actor, concern_id: int) -> None:
    try:
        case = concern_reading.concern_case(store, by=actor, concern_id=concern_id)
    except NotPermitted as exc:
        text.show_error(exc)
        return
    c = case.concern
    st.header(f"Concern {c.id}", anchor=False)
    text.fields([("About", case.person_name), ("Team", case.team)])
    text.fields(safeguarding_views.concern_fields(c))
    safeguarding_views.concern_history(c)
    concern_step_views.render_next_step(store, actor, c)
