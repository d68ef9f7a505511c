"""Who is at a meeting, picked from the person's circle: the pickers for starting a meeting and for
someone who joins once it has started, and adding someone new to the circle (a likely duplicate
is offered first, so "Grace Okafor (sister)" and "Grace Okafor" do not become two people).

Nothing is chosen for anyone: attendance (present or apologies) starts unanswered.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput, NotPermitted
from risk_app.domain.record.circle import CircleMember, LikelyDuplicate
from risk_app.domain.record.meetings import MeetingView
from risk_app.domain.record.ownership import OwnerKind
from risk_app.services.record import circle, meetings
from risk_app.ui import runtime, text
from risk_app.ui.editing import fresh, renew
from risk_app.ui.record.meeting_sections import flash, show_flash
from risk_app.ui.text import show_error

PERSON = "person"
"""The option that stands for the person themself (they are not a member of their own circle)."""

PRESENT, APOLOGIES = "present", "apologies"
ATTENDANCE = {PRESENT: "Present", APOLOGIES: "Sent apologies"}


def options(person_name: str, members: Sequence[CircleMember]) -> dict[str, str]:
    """Everyone who can be at the meeting, by key: the person, then their circle."""
    return {PERSON: f"{person_name} (the person)", **{f"m{c.id}": c.label for c in members}}


def attendee(key: str, person_name: str, present: bool) -> dict[str, object]:
    """An attendee for `meetings.open_meeting`, from a picker's key."""
    if key == PERSON:
        return {"name": person_name, "agency": "", "role": "person", "present": present}
    return {"member_id": int(key[1:]), "present": present}


def add_attendee_form(
    store: Store, actor: Actor, m: MeetingView, members: Sequence[CircleMember]
) -> None:
    """Someone who joins (or sends apologies) once the meeting has started."""
    base = f"meeting_{m.id}_attendee"
    key = fresh(base)
    show_flash(base)
    with st.expander("Someone else is here, or sent apologies"):
        if members:
            by_key = {f"m{c.id}": c for c in members}
            with st.form(key("form"), border=False):
                who = st.selectbox(
                    "Who",
                    list(by_key),
                    index=None,
                    placeholder="Choose from the person's circle",
                    format_func=lambda k: by_key[k].label,
                    key=key("who"),
                )
                came = st.radio(
                    "Attendance",
                    list(ATTENDANCE),
                    index=None,
                    format_func=ATTENDANCE.__getitem__,
                    horizontal=True,
                    key=key("came"),
                )
                adding = st.form_submit_button("Add attendee")
            if adding:
                try:
                    if who is None or came is None:
                        raise InvalidInput("Choose who, and whether they are here.")
                    meetings.add_attendee(
                        store,
                        by=actor,
                        meeting_id=m.id,
                        member_id=by_key[who].id,
                        present=came == PRESENT,
                    )
                except (InvalidInput, NotPermitted) as exc:
                    show_error(exc)
                else:
                    renew(base)
                    flash(base, "Attendee added.")
                    runtime.rerun()
        new_member_form(store, actor, m.person_id, f"{base}_new")


def new_member_form(store: Store, actor: Actor, person_id: int, base: str) -> None:
    """Add someone to the person's circle, so they can be picked. A likely duplicate is named
    first; adding them anyway needs a tick to say they are someone else."""
    key = fresh(base)
    show_flash(base)
    pending = st.session_state.get(f"{base}_duplicate")
    with st.form(key("form")):
        text.heading("Someone not in the person's circle yet", level=5)
        name = st.text_input("Their name", key=key("name"), max_chars=200)
        kind = st.selectbox(
            "Who they are",
            [k for k in OwnerKind if k is not OwnerKind.PERSON],
            index=None,
            placeholder="Choose one",
            format_func=lambda k: k.label,
            key=key("kind"),
        )
        relationship = st.text_input(
            "Relationship to the person (or their role)", key=key("relationship"), max_chars=200
        )
        agency = st.text_input("Agency or organisation", key=key("agency"), max_chars=200)
        different = False
        if pending:
            text.show_warning(pending)
            different = st.checkbox(
                "This is a different person from the one already in the circle",
                key=key("different"),
            )
        adding = st.form_submit_button("Add to the circle")
    if not adding:
        return
    try:
        circle.add_member(
            store,
            by=actor,
            person_id=person_id,
            name=name,
            kind=kind,
            relationship=relationship,
            agency=agency,
            confirmed_new=different,
        )
    except LikelyDuplicate as exc:
        st.session_state[f"{base}_duplicate"] = str(exc)
        runtime.rerun()
    except (InvalidInput, NotPermitted) as exc:
        show_error(exc)
    else:
        st.session_state.pop(f"{base}_duplicate", None)
        renew(base)
        flash(base, "Added to the person's circle: choose them above.")
        runtime.rerun()
