"""One-time codes for action owners without an account: staff make one for an action's owner
(shown once, to pass on by phone or letter) and cancel it; the owner, on the code page, sees
their action (what, by when, for whom) and acknowledges it."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.errors import RiskAppError
from risk_app.domain.record.action_codes import action_in_words
from risk_app.domain.record.ownership import ActionStatus, ActionView
from risk_app.services.record import action_codes
from risk_app.ui import lazy, runtime, text, time_limit
from risk_app.ui.text import show_error

_STATES = {
    "waiting": "Waiting",
    "redeemed": "Code entered, not acknowledged yet",
    "signed": "Acknowledged",
    "expired": "Ran out of time",
    "locked": "Locked after wrong tries",
    "revoked": "Cancelled",
    "superseded": "Action no longer open",
}


def render_codes(store: Store, actor: Actor, place: str, actions: Sequence[ActionView]) -> None:
    """Make or cancel a code for the owner of one of these open actions; `place` (such as
    "meeting_3" or "risk_5") keeps the widgets of each place apart."""
    waiting = {a.id: a for a in actions if a.status is ActionStatus.OPEN}
    if not waiting:
        return
    key = f"ack_codes_{place}"
    with lazy.expander(
        "Codes for owners without an account to acknowledge their action",
        key=f"{key}_shown",
        keep=(f"{key}_action",),
    ) as shown:
        if shown:
            _codes(store, actor, key, waiting)


def _codes(store: Store, actor: Actor, key: str, waiting: dict[int | str, ActionView]) -> None:
    chosen = st.selectbox(
        "Action for a one-time code",
        list(waiting),
        index=None,
        placeholder="Choose the action",
        format_func=lambda i: f"{waiting[i].owner_name}: {waiting[i].description}",
        key=f"{key}_action",
    )
    if chosen is None:
        return
    action_id = int(chosen)
    if st.button("Make a one-time code for the owner", key=f"{key}_make_{action_id}"):
        try:
            made = action_codes.issue_ack_code(store, by=actor, action_id=action_id)
        except RiskAppError as exc:
            show_error(exc)
        else:
            text.show_success(
                f"Give {made.owner_name} this reference and code. The code is shown only "
                f"now. It works once, until {words.moment(made.expires_at, utc=True)}."
            )
            st.code(
                f"Reference: {made.reference}\nCode: {made.code}\nWhere: the app's "
                "“Sign with a code” page",
                language=None,
            )
    try:
        codes = action_codes.ack_codes_for(store, by=actor, action_id=action_id)
    except RiskAppError as exc:
        show_error(exc)
        return
    if codes:
        text.table(
            [
                {
                    "Reference": c.reference,
                    "For": c.owner_name,
                    "Until": words.moment(c.expires_at, utc=True),
                    "Wrong tries": f"{c.failed_attempts} of {c.max_attempts}",
                    "State": _STATES.get(c.state, c.state),
                }
                for c in codes
            ],
            caption="Codes made for this action",
        )
        live = [c.reference for c in codes if c.state in ("waiting", "redeemed")]
        if live and st.button(f"Cancel code {live[0]}", key=f"{key}_cancel_{action_id}"):
            try:
                action_codes.revoke_ack_code(
                    store, by=actor, action_id=action_id, reference=live[0]
                )
            except RiskAppError as exc:
                show_error(exc)
            else:
                runtime.rerun()


def acknowledge_step(store: Store, grant: action_codes.AckGrant, grant_key: str) -> None:
    """The owner's step on the code page: their action, and a button to acknowledge it."""
    done_key = f"{grant_key}_done"
    if st.session_state.get(done_key):
        text.show_success("Thank you. Your acknowledgement has been recorded.")
        return
    try:
        action = action_codes.action_for_grant(store, grant=grant.token)
    except RiskAppError as exc:
        st.session_state.pop(grant_key, None)
        show_error(exc)
        return
    _time(store, grant_key)
    text.heading("Your action", level=2)
    text.show(f"For {action.owner_name}.")
    text.bullets(action_in_words(action.description, action.due, action.person_name))
    if st.button("I acknowledge this action", type="primary", key=f"{grant_key}_ack"):
        try:
            action_codes.acknowledge_with_grant(store, grant=grant.token)
        except RiskAppError as exc:
            st.session_state.pop(grant_key, None)
            show_error(exc)
        else:
            st.session_state[done_key] = True
            runtime.rerun()


def _time(store: Store, grant_key: str) -> None:
    """The grant's time limit: a warning before it ends, with "I need more time"."""
    time_limit.watch_grant(
        grant_key,
        extend=lambda token: action_codes.extend_grant(store, grant=token),
        what_ends="your time to acknowledge the action ends",
        when_ended="Your time has run out. Ask for a new code to acknowledge the action.",
    )
