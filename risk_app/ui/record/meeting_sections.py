"""The sections of a meeting's screen: one per risk of the person, and a general one for what is
about no single risk. Each section shows what was recorded under it (withdrawn entries marked
"Withdrawn: reason", corrections beside the entry they correct) and, while the meeting is open,
its own form, bound to that risk: nothing is chosen for the next entry from the last one.

A section's form records, in one go, any of a decision, a disagreement (with who holds it), a note
and an action (what, who from the person's circle, by when). Everything typed is checked before
anything is stored, so an error stores nothing and keeps what was typed; once added, the form
moves to fresh empty widgets, so a second click cannot add the same thing twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput, NotPermitted, StaleEdit
from risk_app.domain.record.meetings import (
    ItemKind,
    MeetingItem,
    MeetingStatus,
    MeetingView,
)
from risk_app.domain.record.ownership import ActionView, ownership_table
from risk_app.services.record import meeting_sections, meeting_undo
from risk_app.ui import runtime, text
from risk_app.ui.editing import fresh, renew
from risk_app.ui.text import show_error

GENERAL = "General"
"""The heading of the section for entries about no single risk."""

_KIND_WORDS = {
    ItemKind.RISK: "Discussed",
    ItemKind.DECISION: "Decision",
    ItemKind.NOTE: "Note",
    ItemKind.DISSENT: "Disagreement",
}


@dataclass(frozen=True, slots=True)
class Owner:
    """Someone who can own an action: the person, or a member of their circle."""

    key: str
    label: str
    member_id: int | None
    """Their place in the circle; None for the person themself."""
    name: str


def flash(key: str, message: str) -> None:
    """Say `message` once, on the next run (after the rerun that shows what changed)."""
    st.session_state[f"{key}_flash"] = message


def show_flash(key: str) -> None:
    if message := st.session_state.pop(f"{key}_flash", None):
        text.show_success(message)


def _short(words_: str, limit: int = 60) -> str:
    line = " ".join(words_.split())
    return line if len(line) <= limit else f"{line[: limit - 1]}…"


def _withdrawn(w: object) -> str:
    reason = getattr(w, "reason", None)
    return f"Withdrawn: {reason}" if reason is not None else ""


def _item_rows(m: MeetingView, items: Sequence[MeetingItem]) -> list[dict[str, str]]:
    """The section's entries in order, each correction straight after the entry it corrects."""
    numbers = {i.id: n for n, i in enumerate(m.items, start=1)}
    rows: list[dict[str, str]] = []
    for item in (i for i in items if i.corrects_item_id is None):
        for shown in (item, *m.corrections_of(item.id)):
            fixes = shown.corrects_item_id
            rows.append(
                {
                    "No.": str(numbers[shown.id]),
                    "Kind": _KIND_WORDS[shown.kind],
                    "Who": shown.party or "—",
                    "Recorded": shown.text,
                    "Note": _withdrawn(shown.withdrawn)
                    or (f"Corrects entry {numbers[fixes]}" if fixes in numbers else ""),
                }
            )
    return rows


def action_rows(m: MeetingView, actions: Sequence[ActionView]) -> list[dict[str, str]]:
    rows = ownership_table(actions)
    for row, action in zip(rows, actions, strict=True):
        row["Withdrawn"] = _withdrawn(m.action_withdrawals.get(int(action.id)))
    return rows


def section(
    store: Store,
    actor: Actor,
    m: MeetingView,
    risk_id: int | None,
    title: str,
    owners: Sequence[Owner],
) -> None:
    """One section: its heading, what it holds, and its form (or, once closed, corrections)."""
    base = f"meeting_{m.id}_section_{risk_id or 'general'}"
    with st.container(border=True):
        text.heading(title if risk_id is None else f"Risk: {title}", level=4)
        items = [i for i in m.items if i.risk_id == risk_id]
        actions = [a for a in m.actions if m.action_risks.get(int(a.id)) == risk_id]
        if items:
            text.table(_item_rows(m, items), caption="Recorded")
        if actions:
            text.table(action_rows(m, actions), caption="Who does what, by when")
        if not items and not actions:
            text.show_small("Nothing recorded here yet.")
        show_flash(base)
        if m.status is MeetingStatus.OPEN:
            _add_form(store, actor, m, risk_id, base, owners)
        elif items:
            _correction_form(store, actor, m, base, items)


def _add_form(
    store: Store,
    actor: Actor,
    m: MeetingView,
    risk_id: int | None,
    base: str,
    owners: Sequence[Owner],
) -> None:
    key = fresh(base)
    by_key = {o.key: o for o in owners}
    with st.form(key("form"), border=False):
        decision = st.text_area("Decision", key=key("decision"), max_chars=4000, height=68)
        party = st.text_input("Who disagrees", key=key("party"), max_chars=200)
        dissent = st.text_area(
            "Their disagreement, in their words", key=key("dissent"), max_chars=4000, height=68
        )
        note = st.text_area("Note", key=key("note"), max_chars=4000, height=68)
        what = st.text_area("Action agreed", key=key("action"), max_chars=4000, height=68)
        owner = st.selectbox(
            "Who will do it",
            list(by_key),
            index=None,
            placeholder="Choose from the person's circle",
            format_func=lambda k: by_key[k].label,
            key=key("owner"),
        )
        due = st.date_input("By when", value=None, format="DD/MM/YYYY", key=key("due"))
        added = st.form_submit_button("Add to the record")
    if not added:
        return
    try:
        chosen = by_key.get(owner or "")
        count = meeting_sections.add_in_section(  # all of it in one go, or nothing
            store,
            by=actor,
            meeting_id=m.id,
            risk_id=risk_id,
            decision=decision,
            party=party,
            dissent=dissent,
            note=note,
            action=what,
            owner_member_id=None if chosen is None else chosen.member_id,
            owner_is_the_person=chosen is not None and chosen.member_id is None,
            due=due,
        )
    except (InvalidInput, NotPermitted) as exc:
        show_error(exc)
    else:
        renew(base)
        flash(base, f"Added {count} {'entry' if count == 1 else 'entries'}.")
        runtime.rerun()


def _correction_form(
    store: Store, actor: Actor, m: MeetingView, base: str, items: Sequence[MeetingItem]
) -> None:
    key = fresh(f"{base}_correct")
    standing = {
        i.id: f"{_KIND_WORDS[i.kind]}: {_short(i.text)}" for i in items if i.withdrawn is None
    }
    if not standing:
        return
    with st.form(key("form"), border=False):
        target = st.selectbox(
            "Which entry does this correct",
            list(standing),
            index=None,
            placeholder="Choose an entry",
            format_func=standing.__getitem__,
            key=key("target"),
        )
        party = st.text_input("Who disagrees (for a disagreement)", key=key("party"))
        words_ = st.text_area("The correction", key=key("text"), max_chars=4000, height=68)
        done = st.form_submit_button("Record the correction")
    if not done:
        return
    try:
        if target is None:
            raise InvalidInput("Choose the entry this corrects.")
        meeting_undo.correct_item(
            store, by=actor, meeting_id=m.id, corrects_item_id=target, text=words_, party=party
        )
    except (InvalidInput, NotPermitted, StaleEdit) as exc:
        show_error(exc)
    else:
        renew(f"{base}_correct")
        flash(base, "Correction recorded beside the entry it corrects.")
        runtime.rerun()
