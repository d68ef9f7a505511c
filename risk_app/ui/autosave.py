"""Forms that save themselves: every change keeps a draft on the server, so a reload, a dropped
connection or a restart loses nothing typed. Pages give each widget `on_change=form.save`.

A draft is the form's widget values under one key prefix, per user, form and person (see
`risk_app.services.record.drafts`, which re-checks access whenever a draft is read back). Dates are
stored as ISO text and enum members as their values; `decode` turns a stored value back into what
the widget expects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput
from risk_app.services.record import drafts
from risk_app.ui.text import show_error

_CONTROL = ("_restored", "_problem")
"""Suffixes of the form's own bookkeeping keys, never part of a draft."""


def _encode(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value


def _decode(value: object) -> object:
    if isinstance(value, dict) and set(value) == {"date"}:
        return date.fromisoformat(str(value["date"]))
    return value


def generation(base: str) -> int:
    """Which set of widgets the form is on. Clearing a form moves it to fresh widgets: deleting a
    widget's state does not clear what the browser shows, which would then be sent again."""
    return int(st.session_state.get(f"{base}generation", 0))


def form_prefix(base: str) -> str:
    """The key prefix of the form's current widgets."""
    return f"{base}g{generation(base)}_"


@dataclass(frozen=True)
class AutosavedForm:
    store: Store
    actor: Actor
    form: str
    """Which form this is (one draft per user, form and person)."""
    person_id: int
    base: str
    """Every widget key of the form starts with this, then the generation (see `form_prefix`)."""
    skip: frozenset[str] = frozenset()
    """Key suffixes not to keep (buttons: Streamlit refuses to set a button's state)."""
    decode: Callable[[str, object], object] = field(default=lambda _name, value: value)
    """Turns a stored value back into the widget's value, given the key suffix."""
    generations: bool = True
    """False for a form whose keys already change once it is saved (`risk_app.ui.editing`)."""

    @property
    def prefix(self) -> str:
        return form_prefix(self.base) if self.generations else self.base

    def key(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def _fields(self) -> Iterable[str]:
        prefix = self.prefix
        for key in list(st.session_state):
            name = str(key)
            if not name.startswith(prefix):
                continue
            suffix = name[len(prefix) :]
            if suffix in self.skip or name.endswith(_CONTROL) or name == f"{self.base}loaded":
                continue
            yield suffix

    def save(self, extra: dict[str, Any] | None = None) -> None:
        """Keep the form's current values (and any `extra` the form needs) as a draft."""
        payload = {name: _encode(st.session_state[self.key(name)]) for name in self._fields()}
        try:
            drafts.save(
                self.store,
                by=self.actor,
                form=self.form,
                person_id=self.person_id,
                payload={"fields": payload, **(extra or {})},
            )
        except InvalidInput as exc:
            st.session_state[self.key("_problem")] = str(exc)

    def restore(self) -> dict[str, Any] | None:
        """Once per session: put a saved draft back into the widgets. Returns the draft's extras."""
        loaded = f"{self.base}loaded"
        if st.session_state.get(loaded):
            return None
        st.session_state[loaded] = True
        draft = drafts.load(self.store, by=self.actor, form=self.form, person_id=self.person_id)
        if draft is None:
            return None
        fields = draft.payload.get("fields", {})
        for name, value in fields.items():
            if value is not None and name not in self.skip:
                st.session_state[self.key(name)] = self.decode(name, _decode(value))
        st.session_state[self.key("_restored")] = words.moment(draft.updated_at, utc=True)
        return {k: v for k, v in draft.payload.items() if k != "fields"}

    def notice(self, until: str) -> None:
        """Say that typing is kept, whether a draft was restored, and any autosave problem."""
        if restored := st.session_state.get(self.key("_restored")):
            st.info(f"Your unsaved draft from {restored} has been restored.")
        st.caption(f"What you type is saved as a draft as you go, until you {until}.")
        if problem := st.session_state.pop(self.key("_problem"), None):
            show_error(problem)

    def discard(self) -> None:
        """The form was submitted: forget the draft and move to fresh, empty widgets."""
        drafts.discard(self.store, by=self.actor, form=self.form, person_id=self.person_id)
        prefix = self.prefix
        for key in [k for k in st.session_state if str(k).startswith(prefix)]:
            if not str(key).endswith("loaded"):
                del st.session_state[key]
        if self.generations:
            st.session_state[f"{self.base}generation"] = generation(self.base) + 1
