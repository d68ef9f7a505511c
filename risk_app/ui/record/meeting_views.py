"""Multi-agency risk meetings on a shared screen: who is there, what was discussed and decided,
and who will do what by when, followed through to closure. Pages call these; these call services.

The list of the person's meetings, the meeting chosen (`meeting_screen`), and the form that starts
one, its attendees picked from the person's circle (`meeting_people`). Nothing is chosen for
anyone: the pickers start empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput, NotPermitted
from risk_app.domain.record.circle import CircleMember
from risk_app.services.record import circle, meetings, people, risks
from risk_app.ui import defaults, lazy, text
from risk_app.ui.autosave import AutosavedForm
from risk_app.ui.record import meeting_people, meeting_screen


def render(store: Store, actor: Actor, person_id: int, *, person_name: str | None = None) -> None:
    """The section; `person_name` as the record page already read it (read again when not given,
    one audited read more on every run)."""
    held = meetings.meetings_for(store, by=actor, person_id=person_id)
    if person_name is None:
        person_name = people.get_person(store, by=actor, person_id=person_id).display_name
    try:
        members = circle.members_for(store, by=actor, person_id=person_id)
    except NotPermitted:  # the person's own account is not shown their circle's details
        members = []
    if held:
        text.table(
            [
                {
                    "Held": words.day(m.held_on),
                    "Meeting": m.title,
                    "Status": m.status.value.capitalize(),
                    "Open actions": m.open_action_count,
                }
                for m in held
            ]
        )
        titles = {m.id: f"{words.day(m.held_on)}: {m.title}" for m in held}
        chosen = st.selectbox(
            "Open a meeting",
            list(titles),
            format_func=titles.__getitem__,
            key=f"meeting_choice_{person_id}",
        )
        meeting_screen.show(
            store,
            actor,
            meetings.meeting(store, by=actor, meeting_id=int(chosen or 0)),
            person_name=person_name,
            members=members,
            risks=_person_risks(store, actor, person_id),
        )
    _open_form(store, actor, person_id, person_name, members, started=bool(held))


def _person_risks(store: Store, actor: Actor, person_id: int) -> dict[int, str]:
    assessments = risks.assessments_for(store, by=actor, person_id=person_id)
    return {r.id: r.activity for r in (assessments[0].risks if assessments else ())}


def _open_form(
    store: Store,
    actor: Actor,
    person_id: int,
    person_name: str,
    members: Sequence[CircleMember],
    *,
    started: bool,
) -> None:
    """Keyed widgets that save themselves as a draft, so a dropped connection loses nothing."""
    prefix = f"meeting_open_{person_id}_"
    form = AutosavedForm(store, actor, "meeting", person_id, prefix, frozenset({"start"}))
    form.restore()
    state = st.session_state
    state.setdefault(form.key("title"), "Multi-agency risk meeting")
    state.setdefault(form.key("held_on"), date.today())
    everyone = meeting_people.options(person_name, members)
    with lazy.expander(
        "Start a multi-agency risk meeting",
        key=f"meeting_start_{person_id}",
        keep=(form.prefix.rstrip("_"),),
        expanded=not started or bool(st.session_state.get(form.key("_restored"))),
    ) as shown:
        if shown:
            _open_fields(form, person_name, everyone)
    meeting_people.new_member_form(store, actor, person_id, f"meeting_open_{person_id}_new")


def _open_fields(form: AutosavedForm, person_name: str, everyone: dict[str, str]) -> None:
    save, key = form.save, form.key
    form.notice("start the meeting")
    st.text_input("Title", key=key("title"), on_change=save, max_chars=200)
    defaults.filled_in("Title", "a usual title", "the meeting has a name of its own")
    st.date_input("Date", key=key("held_on"), on_change=save, format="DD/MM/YYYY")
    defaults.today_filled_in("Date", "the meeting was held")
    st.text_input("Chair", key=key("chair"), on_change=save, max_chars=200)
    st.text_area("Purpose", key=key("purpose"), on_change=save, max_chars=4000)
    st.multiselect(
        "Who is here (the person, or who speaks for them, and the agencies)",
        list(everyone),
        format_func=everyone.__getitem__,
        placeholder="Choose from the person's circle",
        key=key("present"),
        on_change=save,
    )
    st.multiselect(
        "Who sent apologies",
        [k for k in everyone if k != meeting_people.PERSON],
        format_func=everyone.__getitem__,
        placeholder="Choose from the person's circle",
        key=key("apologies"),
        on_change=save,
    )
    st.text_area(
        "The person's view (if they are not here, or to record it)",
        key=key("view"),
        on_change=save,
        max_chars=4000,
    )
    st.button(
        "Start the meeting",
        type="primary",
        key=key("start"),
        on_click=_start_meeting,
        args=(form, person_name, tuple(everyone)),
    )


def _start_meeting(form: AutosavedForm, person_name: str, known: tuple[str, ...]) -> None:
    state = st.session_state

    def chosen(name: str) -> list[str]:
        value = state.get(form.key(name)) or []
        return [k for k in value if k in known]

    present, apologies = chosen("present"), chosen("apologies")
    attendees = [meeting_people.attendee(k, person_name, True) for k in present] + [
        meeting_people.attendee(k, person_name, False) for k in apologies if k not in present
    ]
    held_on = state.get(form.key("held_on"))
    try:
        meetings.open_meeting(
            form.store,
            by=form.actor,
            person_id=form.person_id,
            held_on=held_on if isinstance(held_on, date) else date.today(),
            title=str(state.get(form.key("title")) or ""),
            purpose=str(state.get(form.key("purpose")) or ""),
            chair=str(state.get(form.key("chair")) or ""),
            attendees=attendees,
            person_view=str(state.get(form.key("view")) or ""),
        )
    except InvalidInput as exc:
        state[form.key("_problem")] = str(exc)
    else:
        form.discard()
