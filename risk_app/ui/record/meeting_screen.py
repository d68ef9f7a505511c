"""One meeting on a shared screen, in the order it is held: its header (status first), who is
there, how the person's voice was heard, then a section per risk of the person and a general one
(`meeting_sections`), then withdrawing what was recorded by mistake, closing, and the minutes.

Every form here moves to fresh, empty widgets once it has done its work, and no question with
categories starts with an answer chosen. Closing reruns the page, so the header and the list of
meetings say Closed at once.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput, NotPermitted, StaleEdit
from risk_app.domain.record.circle import CircleMember
from risk_app.domain.record.meetings import MeetingStatus, MeetingView
from risk_app.domain.record.ownership import ActionStatus
from risk_app.services.record import meeting_undo, meetings
from risk_app.ui import runtime, text
from risk_app.ui.editing import fresh, renew
from risk_app.ui.record import meeting_people, minutes_views
from risk_app.ui.record.meeting_sections import (
    GENERAL,
    Owner,
    flash,
    section,
    show_flash,
)
from risk_app.ui.text import show_error


def show(
    store: Store,
    actor: Actor,
    m: MeetingView,
    *,
    person_name: str,
    members: Sequence[CircleMember],
    risks: dict[int, str],
) -> None:
    """The whole meeting: header, people, one section per risk and a general one, then the rest."""
    status = "Open" if m.status is MeetingStatus.OPEN else "Closed"
    text.heading(f"{m.title}, {words.day(m.held_on)} ({status})")
    show_flash(f"meeting_{m.id}")
    text.fields(
        [
            ("Status", status),
            ("Chair", m.chair),
            ("Purpose", m.purpose or "—"),
            ("How the person was heard", m.person_voice.label),
            ("The person's view", m.person_view or "—"),
            ("Next meeting", words.day_or(m.next_meeting, "—")),
        ]
    )
    _attendees(store, actor, m, members)
    owners = [
        Owner("person", f"{person_name} (the person)", None, person_name),
        *(Owner(f"m{c.id}", c.label, c.id, c.name) for c in members),
    ]
    sections = dict(risks)
    for item in m.items:  # a risk of an earlier assessment still has its own section
        if item.risk_id is not None and item.risk_id not in sections:
            sections[item.risk_id] = item.risk_activity
    for risk_id in m.action_risks.values():
        if risk_id is not None and risk_id not in sections:
            sections[risk_id] = "A risk of an earlier assessment"
    for risk_id, activity in sections.items():
        section(store, actor, m, risk_id, activity, owners)
    section(store, actor, m, None, GENERAL, owners)
    if m.status is MeetingStatus.OPEN:
        _withdraw_form(store, actor, m)
        _close_form(store, actor, m)
    minutes_views.render_minutes(store, actor, m)


def _attendees(store: Store, actor: Actor, m: MeetingView, members: Sequence[CircleMember]) -> None:
    text.heading("Who is here", level=4)
    text.table(
        [
            {
                "Name": a.name,
                "Agency": a.agency or "—",
                "Role": a.role.label,
                "Attendance": "Present" if a.present else "Apologies",
                "Withdrawn": f"Withdrawn: {a.withdrawn.reason}" if a.withdrawn else "",
            }
            for a in m.attendees
        ],
        caption="Attendees",
    )
    if m.status is MeetingStatus.OPEN:
        here = {a.member_id for a in m.current_attendees if a.member_id is not None}
        meeting_people.add_attendee_form(store, actor, m, [c for c in members if c.id not in here])


def _withdraw_form(store: Store, actor: Actor, m: MeetingView) -> None:
    """One place to withdraw anything recorded by mistake while the meeting is open, with a
    reason: it stays on the record, marked "Withdrawn: reason"."""
    base = f"meeting_{m.id}_withdraw"
    key = fresh(base)
    choices: dict[str, str] = {}
    for n, item in enumerate(m.items, start=1):
        if item.withdrawn is None:
            about = f" ({item.risk_activity})" if item.risk_activity else ""
            choices[f"i{item.id}"] = f"Entry {n}, {item.kind.value}{about}: {_short(item.text)}"
    for a in m.current_attendees:
        choices[f"a{a.id}"] = f"Attendee: {a.name}"
    for action in m.actions:
        if action.status is not ActionStatus.WITHDRAWN:
            choices[f"x{action.id}"] = f"Action: {_short(action.description)} ({action.owner_name})"
    if not choices:
        return
    with st.expander("Withdraw something recorded by mistake"):
        with st.form(key("form"), border=False):
            target = st.selectbox(
                "What to withdraw",
                list(choices),
                index=None,
                placeholder="Choose what to withdraw",
                format_func=choices.__getitem__,
                key=key("what"),
            )
            reason = st.text_area(
                "Why it is withdrawn", key=key("reason"), max_chars=4000, height=68
            )
            go = st.form_submit_button("Withdraw")
        if not go:
            return
        try:
            if target is None:
                raise InvalidInput("Choose what to withdraw.")
            _withdraw(store, actor, m, target, reason)
        except (InvalidInput, NotPermitted) as exc:
            show_error(exc)
        else:
            renew(base)
            flash(f"meeting_{m.id}", "Withdrawn. It stays on the record, marked as withdrawn.")
            runtime.rerun()


def _withdraw(store: Store, actor: Actor, m: MeetingView, target: str, reason: str) -> None:
    kind, number = target[0], int(target[1:])
    if kind == "i":
        meeting_undo.withdraw_item(store, by=actor, meeting_id=m.id, item_id=number, reason=reason)
    elif kind == "a":
        meeting_undo.withdraw_attendee(
            store, by=actor, meeting_id=m.id, attendee_id=number, reason=reason
        )
    else:
        meeting_undo.withdraw_action(
            store, by=actor, meeting_id=m.id, action_id=number, reason=reason
        )


def _short(words_: str, limit: int = 50) -> str:
    line = " ".join(words_.split())
    return line if len(line) <= limit else f"{line[: limit - 1]}…"


def _close_form(store: Store, actor: Actor, m: MeetingView) -> None:
    key = fresh(f"meeting_{m.id}_close")
    with st.form(key("form")):
        text.heading("Close the meeting", level=4)
        nxt = st.date_input("Next meeting", value=None, format="DD/MM/YYYY", key=key("next"))
        closing = st.form_submit_button("Close the meeting")
    if not closing:
        return
    try:
        closed = meetings.close_meeting(
            store, by=actor, meeting_id=m.id, expected_version=m.version, next_meeting=nxt
        )
    except (InvalidInput, StaleEdit) as exc:
        show_error(exc)
    else:
        flash(
            f"meeting_{m.id}",
            f"Closed. {len(closed.open_actions)} action(s) stay open on the person's record.",
        )
        runtime.rerun()
