"""Sections of a staff home about the signed-in person's own work: what they issued or recorded
that is still open, and the agreements waiting for the signature their job gives."""

from __future__ import annotations

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.services.agreements import waiting
from risk_app.services.agreements.waiting import WaitingAgreement
from risk_app.services.record import actions_due
from risk_app.ui import text
from risk_app.ui.homes.team_sections import action_rows


def _agreement_rows(listed: list[WaitingAgreement]) -> list[dict[str, object]]:
    return [
        {
            "Person": w.person_name,
            "Version": w.version,
            "Issued": words.day(w.issued_at.date()),
            "Issued by": w.issued_by,
            "Days waiting": w.days_waiting,
            "Still to sign": "; ".join(m.label for m in w.missing),
            "Asked to talk first": "; ".join(m.label for m in w.asked_to_talk) or "—",
        }
        for w in listed
    ]


def your_waiting_items(store: Store, actor: Actor) -> None:
    """A practitioner's own loose ends: agreements they issued that still need signatures, and
    the open actions they recorded or that name them as owner."""
    st.header("Your own waiting items", anchor=False)
    issued = waiting.issued_by_me(store, by=actor)
    mine = actions_due.open_of_mine(store, by=actor)
    st.subheader("Agreements you issued that are waiting for signatures", anchor=False)
    if issued:
        text.table(_agreement_rows(issued))
    else:
        st.write("Every agreement you issued is fully signed, or you have issued none.")
    st.subheader("Open actions you recorded or own", anchor=False)
    if mine:
        st.write("Overdue first, then by date; actions with no date set come last.")
        text.table(action_rows(mine))
    else:
        st.write("No action you recorded or own is open.")


def agreements_waiting_for_your_signature(store: Store, actor: Actor) -> None:
    """The agreements a team manager still has to sign (oldest first), with who else must."""
    st.header("Agreements waiting for your signature", anchor=False)
    listed = waiting.waiting_for_my_signature(store, by=actor)
    if not listed:
        st.write("No current agreement in your team is waiting for your signature.")
        return
    st.write(
        f"{words.count(len(listed), 'agreement')} waiting for you to sign, the oldest first. "
        "Open the person from your team's people to read and sign it."
    )
    text.table(_agreement_rows(listed))
