"""Panels waiting, on a home page: referrals with no date yet and panels with no outcome yet.

The lead wires `render_panels_waiting` into the team manager's home (and may into the safeguarding
lead's: the service gives the lead teams and dates, never names)."""

from __future__ import annotations

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.record.panel_lifecycle import PanelState
from risk_app.services.record.panels_waiting import PanelWaiting, panels_waiting
from risk_app.ui import text


def _when(w: PanelWaiting) -> str:
    if w.scheduled_for is None or w.days_to_panel is None:
        return "No date set yet"
    when = words.day(w.scheduled_for)
    if w.days_to_panel > 0:
        return f"{when} (in {words.count(w.days_to_panel, 'day')})"
    if w.days_to_panel == 0:
        return f"{when} (today)"
    return f"{when} (passed {words.count(-w.days_to_panel, 'day')} ago, no outcome recorded)"


def render_panels_waiting(store: Store, actor: Actor) -> None:
    st.header("Panels waiting", anchor=False)
    waiting = panels_waiting(store, by=actor)
    if not waiting:
        st.write("No panel referral is waiting for a date or an outcome.")
        return
    unscheduled = sum(1 for w in waiting if w.state is PanelState.REFERRED)
    st.write(
        f"{words.count(unscheduled, 'referral')} with no date yet; "
        f"{words.count(len(waiting) - unscheduled, 'panel')} with a date and no outcome yet."
    )
    text.table(
        [
            {
                **({"Team": w.team_name} if w.person_name is None else {"Person": w.person_name}),
                "Route": w.route_label,
                "Where it is up to": w.state.label,
                "Referred": words.day(w.referred_on),
                "Waiting": words.count(w.days_since_referral, "day"),
                "Panel date": _when(w),
            }
            for w in waiting
        ]
    )
