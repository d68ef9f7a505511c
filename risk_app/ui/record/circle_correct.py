"""Correcting someone's details in the person's circle (a name misspelt, a new phone number, a
role recorded wrongly). The form opens on their details as recorded, nobody chosen at first; a
save made on an older version is refused with the typing kept; a correction that would make them
look like someone else already in the circle is refused, since one person must stay one
signatory. Actions, attendances and signatures that name them follow, as they name the member."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput, NotPermitted, StaleEdit
from risk_app.domain.record.circle import MEMBER_KINDS, CircleMember, LikelyDuplicate
from risk_app.services.record import circle
from risk_app.ui import editing, lazy, runtime, text
from risk_app.ui.editing import fresh, renew
from risk_app.ui.text import show_error

TITLE = "Correct someone's details"


def render(store: Store, actor: Actor, person_id: int, members: Sequence[CircleMember]) -> None:
    base = f"circle_correct_{person_id}"
    if notice := st.session_state.pop(f"{base}_done", None):
        text.show_success(notice)
    with lazy.expander(TITLE, key=f"{base}_shown", keep=(base,)) as shown:
        if not shown:
            return
        key = fresh(base)
        by_id = {m.id: m for m in members}
        chosen = st.selectbox(
            "Whose details",
            list(by_id),
            index=None,
            placeholder="Choose someone…",
            format_func=lambda member_id: by_id[member_id].label,
            key=key("who"),
        )
        if chosen is None:
            return
        member = by_id[chosen]
        opened = editing.open_form(
            st.session_state,
            f"{base}_m{member.id}",
            member.version,
            {
                "name": member.name,
                "relationship": member.relationship,
                "kind": member.kind,
                "agency": member.agency,
                "contact": member.contact,
                "account": member.username or "",
            },
        )
        name = st.text_input("Name", max_chars=200, key=opened.key("name"))
        relationship = st.text_input(
            "Relationship to the person (optional)", max_chars=200, key=opened.key("relationship")
        )
        kind = st.selectbox(
            "Their role", MEMBER_KINDS, format_func=lambda k: k.label, key=opened.key("kind")
        )
        agency = st.text_input(
            "Agency or organisation (optional)", max_chars=200, key=opened.key("agency")
        )
        contact = st.text_input(
            "How to contact them (optional)", max_chars=200, key=opened.key("contact")
        )
        account = st.text_input(
            "Their account in this app, if they have one (optional)",
            max_chars=100,
            key=opened.key("account"),
        )
        if not st.button("Save the corrected details", key=opened.key("save")):
            return
        try:
            made = circle.correct_member(
                store,
                by=actor,
                member_id=member.id,
                expected_version=opened.version,
                name=name,
                kind=kind,
                relationship=relationship,
                agency=agency,
                contact=contact,
                username=account.strip() or None,
            )
        except LikelyDuplicate as exc:
            others = " and ".join(m.label for m in exc.matches)
            show_error(
                f"{others} is already in the person's circle with that name and relationship. "
                "One person must be recorded once: check the details, or record that the "
                "duplicate has left the circle."
            )
        except StaleEdit as exc:
            show_error(exc)
            st.info(
                "What you typed is still in the form. Reopen the page to see the newer version."
            )
        except (InvalidInput, NotPermitted) as exc:
            show_error(exc)
        else:
            opened.reset()
            renew(base)
            st.session_state[f"{base}_done"] = f"Corrected the details of {made.label}."
            runtime.rerun()
