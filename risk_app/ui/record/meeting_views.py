"""Multi-agency risk meetings on a shared screen: who is there, what was discussed and decided,
and who will do what by when, followed through to closure. Pages call these; these call services."""

from __future__ import annotations

from datetime import date

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput, StaleEdit
from risk_app.domain.record.meetings import ItemKind, MeetingStatus, MeetingView
from risk_app.domain.record.ownership import OwnerKind, ownership_table
from risk_app.services.record import meetings, risks
from risk_app.ui import defaults, text
from risk_app.ui.autosave import AutosavedForm
from risk_app.ui.record import minutes_views
from risk_app.ui.text import show_error

ATTENDEE_ROWS = 6


def render(store: Store, actor: Actor, person_id: int) -> None:
    held = meetings.meetings_for(store, by=actor, person_id=person_id)
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
        _meeting(
            store, actor, person_id, meetings.meeting(store, by=actor, meeting_id=int(chosen or 0))
        )
    _open_form(store, actor, person_id)


def _meeting(store: Store, actor: Actor, person_id: int, m: MeetingView) -> None:
    text.heading(f"{m.title}, {words.day(m.held_on)}")
    text.fields(
        [
            ("Chair", m.chair),
            ("Purpose", m.purpose or "—"),
            ("How the person was heard", m.person_voice.value.replace("_", " ")),
            ("The person's view", m.person_view or "—"),
            ("Next meeting", words.day_or(m.next_meeting, "—")),
        ]
    )
    text.table(
        [
            {
                "Name": a.name,
                "Agency": a.agency,
                "Role": a.role.label,
                "Present": "Yes" if a.present else "No",
            }
            for a in m.attendees
        ]
    )
    if m.items:
        text.table(
            [
                {
                    "Kind": i.kind.value.capitalize(),
                    "About": i.risk_activity or "—",
                    "Who": i.party or "—",
                    "Recorded": i.text,
                }
                for i in m.items
            ]
        )
    st.markdown("**Who does what, by when**")
    if m.actions:
        text.table(ownership_table(m.actions))
    else:
        st.caption("No actions agreed yet.")
    if m.status is MeetingStatus.OPEN:
        _item_form(store, actor, person_id, m)
        _action_form(store, actor, person_id, m)
        _close_form(store, actor, m)
    minutes_views.render_minutes(store, actor, m)


def _person_risks(store: Store, actor: Actor, person_id: int) -> dict[int, str]:
    assessments = risks.assessments_for(store, by=actor, person_id=person_id)
    return {r.id: r.activity for r in (assessments[0].risks if assessments else ())}


def _item_form(store: Store, actor: Actor, person_id: int, m: MeetingView) -> None:
    risk_choices = _person_risks(store, actor, person_id)
    with st.form(f"meeting_item_{m.id}"):
        st.markdown("**Record what was discussed or decided**")
        kind = st.selectbox(
            "What kind of record", list(ItemKind), format_func=lambda k: k.value.capitalize()
        )
        risk = st.selectbox(
            "Risk (for a risk item)",
            [None, *risk_choices],
            format_func=lambda r: "—" if r is None else risk_choices[r],
        )
        party = st.text_input("Who (for dissent)", max_chars=200)
        words = st.text_area("What was said or decided", max_chars=4000)
        if st.form_submit_button("Add to the record"):
            try:
                meetings.add_item(
                    store,
                    by=actor,
                    meeting_id=m.id,
                    kind=kind or ItemKind.NOTE,
                    text=words,
                    risk_id=risk,
                    party=party,
                )
            except InvalidInput as exc:
                show_error(exc)
            else:
                st.rerun()


def _action_form(store: Store, actor: Actor, person_id: int, m: MeetingView) -> None:
    risk_choices = _person_risks(store, actor, person_id)
    with st.form(f"meeting_action_{m.id}"):
        st.markdown("**Agree an action**")
        description = st.text_area(
            "What will be done", key=f"meeting_action_{m.id}_what", max_chars=4000
        )
        owner = st.text_input(
            "Who owns it (name)", key=f"meeting_action_{m.id}_owner", max_chars=200
        )
        kind = st.selectbox(
            "Their role",
            list(OwnerKind),
            key=f"meeting_action_{m.id}_role",
            format_func=lambda k: k.label,
        )
        due = st.date_input("By when", value=None, format="DD/MM/YYYY")
        risk = st.selectbox(
            "For which risk",
            [None, *risk_choices],
            format_func=lambda r: "—" if r is None else risk_choices[r],
        )
        if st.form_submit_button("Agree action"):
            try:
                meetings.agree_action(
                    store,
                    by=actor,
                    meeting_id=m.id,
                    description=description,
                    owner_name=owner,
                    owner_kind=kind or "",
                    due=due,
                    risk_id=risk,
                )
            except InvalidInput as exc:
                show_error(exc)
            else:
                st.rerun()


def _close_form(store: Store, actor: Actor, m: MeetingView) -> None:
    with st.form(f"meeting_close_{m.id}"):
        nxt = st.date_input("Next meeting", value=None, format="DD/MM/YYYY")
        if st.form_submit_button("Close the meeting"):
            try:
                closed = meetings.close_meeting(
                    store, by=actor, meeting_id=m.id, expected_version=m.version, next_meeting=nxt
                )
            except (InvalidInput, StaleEdit) as exc:
                show_error(exc)
            else:
                st.success(
                    f"Closed. {len(closed.open_actions)} action(s) stay open on the person's record."
                )


def _open_form(store: Store, actor: Actor, person_id: int) -> None:
    """Keyed widgets that save themselves as a draft, so a dropped connection loses nothing."""
    prefix = f"meeting_open_{person_id}_"
    form = AutosavedForm(
        store, actor, "meeting", person_id, prefix, frozenset({"start"}), _decode_field
    )
    form.restore()
    state = st.session_state
    state.setdefault(form.key("title"), "Multi-agency risk meeting")
    state.setdefault(form.key("held_on"), date.today())
    save, key = form.save, form.key
    with st.expander("Start a multi-agency risk meeting"):
        form.notice("start the meeting")
        st.text_input("Title", key=key("title"), on_change=save, max_chars=200)
        defaults.filled_in("Title", "a usual title", "the meeting has a name of its own")
        st.date_input("Date", key=key("held_on"), on_change=save, format="DD/MM/YYYY")
        defaults.today_filled_in("Date", "the meeting was held")
        st.text_input("Chair", key=key("chair"), on_change=save, max_chars=200)
        st.text_area("Purpose", key=key("purpose"), on_change=save, max_chars=4000)
        st.markdown("**Who is here** (include the person, or who speaks for them)")
        defaults.filled_in(
            "Present and role",
            "present, as the person",
            "someone was absent or came in another role",
        )
        for n in range(ATTENDEE_ROWS):
            state.setdefault(key(f"present_{n}"), True)
            a, b, c, d = st.columns([3, 3, 2, 1])
            a.text_input(f"Name {n + 1}", key=key(f"name_{n}"), on_change=save, max_chars=200)
            b.text_input(f"Agency {n + 1}", key=key(f"agency_{n}"), on_change=save, max_chars=200)
            c.selectbox(
                f"Role {n + 1}",
                list(OwnerKind),
                key=key(f"role_{n}"),
                on_change=save,
                format_func=lambda k: k.label,
            )
            d.checkbox(f"Present {n + 1}", key=key(f"present_{n}"), on_change=save)
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
            args=(form,),
        )


def _decode_field(name: str, value: object) -> object:
    return OwnerKind(str(value)) if name.startswith("role_") else value


def _start_meeting(form: AutosavedForm) -> None:
    state = st.session_state

    def get(name: str) -> object:
        return state.get(form.key(name))

    attendees = [
        {
            "name": get(f"name_{n}"),
            "agency": get(f"agency_{n}") or "",
            "role": get(f"role_{n}"),
            "present": bool(get(f"present_{n}")),
        }
        for n in range(ATTENDEE_ROWS)
        if str(get(f"name_{n}") or "").strip()
    ]
    held_on = get("held_on")
    try:
        meetings.open_meeting(
            form.store,
            by=form.actor,
            person_id=form.person_id,
            held_on=held_on if isinstance(held_on, date) else date.today(),
            title=str(get("title") or ""),
            purpose=str(get("purpose") or ""),
            chair=str(get("chair") or ""),
            attendees=attendees,
            person_view=str(get("view") or ""),
        )
    except InvalidInput as exc:
        state[form.key("_problem")] = str(exc)
    else:
        form.discard()
