"""The people around the person: their circle as a table with a form to add someone, and a
picker that other forms (actions, acknowledgements, attendees, signatories) use to choose the
person themself, someone in the circle, or someone new.

No answer is assumed: the picker and the role start with nothing chosen. A likely duplicate is
shown before anyone new is added, with "Use them" and "Add as a different person". The add form
clears after adding (its widgets are keyed, and `clear` resets them before the rerun).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput, NotPermitted, StaleEdit
from risk_app.domain.record.circle import MEMBER_KINDS, CircleMember, LikelyDuplicate
from risk_app.domain.record.ownership import OwnerKind
from risk_app.services.record import circle
from risk_app.ui import runtime, text
from risk_app.ui.record import circle_correct
from risk_app.ui.text import show_error

SECTION = "The people around the person"
PERSON = "person"
"""The picker's value for the person themself."""
NEW = "new"
"""The picker's value for someone new."""
SOMEONE_NEW = "Someone new…"
THE_PERSON = "The person themself"
ROLES = MEMBER_KINDS
"""The roles someone in the circle may have (the person is not in their own circle)."""
FIELDS = ("who", "name", "relationship", "role", "agency", "contact", "account", "which")
"""The suffixes of a picker's or form's widget keys (`clear` resets them all)."""


@dataclass(frozen=True, slots=True)
class CirclePick:
    """What a picker gave: the person themself, a member by id, or someone new's details (to be
    checked by the service the caller passes them to)."""

    person: bool = False
    member_id: int | None = None
    name: str = ""
    kind: OwnerKind | None = None
    relationship: str = ""
    agency: str = ""

    @property
    def is_new(self) -> bool:
        return not self.person and self.member_id is None

    def action_owner(self, *, confirmed_new: bool = False) -> dict[str, Any]:
        """The owner arguments of `risks.add_action` for this pick."""
        if self.member_id is not None:
            return {"owner_member_id": self.member_id}
        if self.person:
            return {"owner_name": "", "owner_kind": OwnerKind.PERSON}
        return {
            "owner_name": self.name,
            "owner_kind": self.kind,
            "owner_relationship": self.relationship,
            "owner_agency": self.agency,
            "owner_confirmed_new": confirmed_new,
        }


def clear(key: str) -> None:
    """Reset a picker's or the add form's widgets (call before `st.rerun`)."""
    for field in FIELDS:
        st.session_state.pop(f"{key}_{field}", None)
    st.session_state.pop(_pending_key(key), None)


def members_or_none(store: Store, actor: Actor, person_id: int) -> list[CircleMember] | None:
    """The person's current circle, or None when the actor may not see it (the person's own
    account)."""
    try:
        return circle.members_for(store, by=actor, person_id=person_id)
    except NotPermitted:
        return None


def pick(
    store: Store,
    actor: Actor,
    person_id: int,
    *,
    key: str,
    label: str,
    include_person: bool = True,
    members: Sequence[CircleMember] | None = None,
) -> CirclePick | None:
    """A choice of who, from the person's circle: nothing chosen at first; "Someone new…" shows
    name, relationship, role (none chosen) and agency. None while nothing is chosen. `members`:
    the circle as the caller read it in this run (read here when not given)."""
    if members is None:
        members = members_or_none(store, actor, person_id) or []
    labels: dict[str | int, str] = {}
    if include_person:
        labels[PERSON] = THE_PERSON
    labels.update({m.id: m.label for m in members})
    labels[NEW] = SOMEONE_NEW
    chosen = st.selectbox(
        label,
        list(labels),
        index=None,
        placeholder="Choose someone…",
        format_func=labels.__getitem__,
        key=f"{key}_who",
    )
    if chosen is None:
        return None
    if chosen == PERSON:
        return CirclePick(person=True)
    if chosen != NEW:
        return CirclePick(member_id=int(chosen))
    return CirclePick(**_new_person_inputs(key))


def _new_person_inputs(key: str, *, contact: bool = False) -> dict[str, Any]:
    details: dict[str, Any] = {
        "name": st.text_input("Name", max_chars=200, key=f"{key}_name"),
        "relationship": st.text_input(
            "Relationship to the person (optional)",
            max_chars=200,
            key=f"{key}_relationship",
            help="For example sister, neighbour, GP, housing officer.",
        ),
        "kind": st.selectbox(
            "Their role",
            ROLES,
            index=None,
            placeholder="Choose a role…",
            format_func=lambda k: k.label,
            key=f"{key}_role",
        ),
        "agency": st.text_input(
            "Agency or organisation (optional)", max_chars=200, key=f"{key}_agency"
        ),
    }
    if contact:
        details["contact"] = st.text_input(
            "How to contact them (optional)", max_chars=200, key=f"{key}_contact"
        )
        details["username"] = st.text_input(
            "Their account in this app, if they have one (optional)",
            max_chars=100,
            key=f"{key}_account",
        )
    return details


def _pending_key(key: str) -> str:
    return f"{key}_pending_duplicate"


def hold_duplicate(key: str, refused: LikelyDuplicate, attempt: Mapping[str, Any]) -> None:
    """Keep a likely duplicate and what was being done, to offer the choice on the next run."""
    st.session_state[_pending_key(key)] = {
        "matches": [(m.id, m.label) for m in refused.matches],
        "attempt": dict(attempt),
    }


def offer_duplicate(
    key: str,
    *,
    use: Callable[[int, Mapping[str, Any]], None],
    add_new: Callable[[Mapping[str, Any]], None],
) -> bool:
    """If a likely duplicate is held for `key`, show who is already in the circle and offer to
    use them or to add a different person; run the choice (`use(member_id, attempt)` or
    `add_new(attempt)`), clear `key` and rerun. True while the choice is being offered.

    Names are shown literally (button labels render markdown, so they hold only our words; with
    several matches, which one is chosen from a select box, whose options are plain text)."""
    pending = st.session_state.get(_pending_key(key))
    if not pending:
        return False
    matches: list[tuple[int, str]] = pending["matches"]
    attempt: dict[str, Any] = pending["attempt"]
    labels = dict(matches)
    one = len(matches) == 1
    text.show_warning(
        "; ".join(labels.values())
        + (" is" if one else " are")
        + " already in the person's circle. "
        + ("Is this them?" if one else "Is this one of them?")
    )
    if one:
        chosen: int | None = matches[0][0]
    else:
        chosen = st.selectbox(
            "Which of them is it?",
            list(labels),
            index=None,
            placeholder="Choose who it is…",
            format_func=lambda member_id: f"Use {labels[member_id]}",
            key=f"{key}_which",
        )
    if st.button("Use them" if one else "Use the one chosen", key=f"{key}_use"):
        if chosen is None:
            show_error("Choose which of them it is, or add a different person.")
        else:
            _run(key, functools.partial(use, chosen, attempt))
    if st.button("Add as a different person", key=f"{key}_different"):
        _run(key, functools.partial(add_new, attempt))
    if st.button("Cancel", key=f"{key}_cancel"):
        st.session_state.pop(_pending_key(key), None)
        runtime.rerun()
    return True


def _run(key: str, action: Callable[[], None]) -> None:
    try:
        action()
    except (InvalidInput, StaleEdit) as exc:
        st.session_state.pop(_pending_key(key), None)
        show_error(exc)
        return
    clear(key)
    runtime.rerun()


def circle_table(members: Iterable[CircleMember]) -> list[dict[str, str]]:
    """Rows of the circle's table, in the order given."""
    return [
        {
            "Name": m.name,
            "Relationship or agency": ", ".join(p for p in (m.relationship, m.agency) if p) or "—",
            "Role": m.kind.label,
            "How to contact": m.contact or "—",
            "Has an account": f"Yes: {m.username}" if m.username else "No",
        }
        for m in members
    ]


def left_table(members: Iterable[CircleMember]) -> list[dict[str, str]]:
    """Rows for those who have left the circle: who, and why (kept, never deleted)."""
    return [
        {
            "Name": m.label,
            "Left on": m.left_at.strftime("%d/%m/%Y") if m.left_at else "—",
            "Why": m.left_reason,
        }
        for m in members
    ]


def render(store: Store, actor: Actor, person_id: int) -> None:
    """The person's circle: who is in it, and a form to add someone (a likely duplicate is
    offered first)."""
    text.heading(SECTION, level=4)
    members = _listing(store, actor, person_id)
    if members is None:
        return
    key = f"circle_add_{person_id}"
    notice = st.session_state.pop(f"{key}_added", None)
    if notice:
        text.show_success(notice)

    def add(attempt: Mapping[str, Any], *, confirmed_new: bool) -> None:
        made = circle.add_member(
            store, by=actor, person_id=person_id, confirmed_new=confirmed_new, **attempt
        )
        st.session_state[f"{key}_added"] = f"Added {made.label} to the circle."

    def use(member_id: int, attempt: Mapping[str, Any]) -> None:
        chosen = next((m for m in members or [] if m.id == member_id), None)
        name = chosen.label if chosen else "them"
        st.session_state[f"{key}_added"] = f"{name} is already in the circle: nothing was added."

    with st.expander("Add someone to the circle"):
        if offer_duplicate(key, use=use, add_new=lambda a: add(a, confirmed_new=True)):
            return
        details = _new_person_inputs(key, contact=True)
        if st.button("Add to the circle", key=f"{key}_submit"):
            attempt = details | {"username": details["username"].strip() or None}
            try:
                add(attempt, confirmed_new=False)
            except LikelyDuplicate as refused:
                hold_duplicate(key, refused, attempt)
                runtime.rerun()
            except InvalidInput as exc:
                show_error(exc)
            else:
                clear(key)
                runtime.rerun()


def _listing(store: Store, actor: Actor, person_id: int) -> list[CircleMember] | None:
    """The circle's table, those who have left, and the form to record someone leaving; the
    current members, or None when the actor may not see the circle."""
    try:
        everyone = circle.members_for(store, by=actor, person_id=person_id, include_left=True)
    except NotPermitted:
        st.caption("The person's circle is kept by staff.")
        return None
    members = [m for m in everyone if m.in_circle]
    if members:
        text.table(circle_table(members))
    else:
        st.caption("Nobody is recorded yet: add family, friends, PAs, providers and agencies.")
    if gone := [m for m in everyone if not m.in_circle]:
        with st.expander("People who have left the circle"):
            text.table(left_table(gone))
    if members:
        circle_correct.render(store, actor, person_id, members)
        _leave_form(store, actor, person_id, members)
    return members


def _leave_form(store: Store, actor: Actor, person_id: int, members: list[CircleMember]) -> None:
    """Record that someone is no longer part of the circle (kept, with the reason)."""
    shown = {m.id: m for m in members}
    with (
        st.expander("Someone is no longer part of the circle"),
        st.form(f"circle_leave_{person_id}", clear_on_submit=True),
    ):
        chosen = st.selectbox(
            "Who",
            list(shown),
            index=None,
            placeholder="Choose someone…",
            format_func=lambda member_id: shown[member_id].label,
        )
        reason = st.text_area("Why they are no longer part of it", max_chars=4000)
        if st.form_submit_button("Record that they have left"):
            if chosen is None:
                show_error("Choose who is no longer part of the circle.")
                return
            try:
                circle.leave_circle(
                    store,
                    by=actor,
                    member_id=chosen,
                    expected_version=shown[chosen].version,
                    reason=reason,
                )
            except (InvalidInput, StaleEdit) as exc:
                show_error(exc)
            else:
                runtime.rerun()
