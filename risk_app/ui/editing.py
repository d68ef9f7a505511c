"""Edit forms that cannot silently lose or overwrite work.

A form remembers the record version and values it was opened on. Its widgets are keyed on that
snapshot, so when someone else saves a newer version the user's typing stays put, the save is
refused as stale by the service layer, and the user chooses to reload.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

import streamlit as st


@dataclass(frozen=True)
class OpenedForm:
    prefix: str
    version: int
    values: dict[str, Any]
    _state: MutableMapping[str, Any]

    def key(self, field: str) -> str:
        return f"{self.prefix}_v{self.version}_{field}"

    def reset(self) -> None:
        """Forget the snapshot and the typed values: the next run opens the current version."""
        for name in [k for k in self._state if str(k).startswith(f"{self.prefix}_")]:
            del self._state[name]


def open_form(state: Any, prefix: str, version: int, values: dict[str, Any]) -> OpenedForm:
    """The snapshot for this form, taking the given version and values only if none is open yet.

    `state` is st.session_state (or any mutable mapping, in tests).
    """
    snapshot_key = f"{prefix}_opened"
    if snapshot_key not in state:
        state[snapshot_key] = (version, dict(values))
    opened_version, opened_values = state[snapshot_key]
    form = OpenedForm(prefix, opened_version, opened_values, state)
    for field, value in opened_values.items():
        state.setdefault(form.key(field), value)
    return form


def fresh(base: str) -> Callable[[str], str]:
    """Keys of a form's current widgets; `renew(base)` moves the form to fresh, empty ones (a
    widget's value cannot be cleared once drawn, so it is replaced)."""
    n = int(st.session_state.get(f"{base}_n", 0))
    return lambda name: f"{base}_{n}_{name}"


def renew(base: str) -> None:
    st.session_state[f"{base}_n"] = int(st.session_state.get(f"{base}_n", 0)) + 1
