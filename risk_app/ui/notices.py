"""A confirmation shown where a change was made, on the run after it.

Not `st.toast`: Streamlit's toast is an unnamed `alertdialog` in a corner that goes after a few
seconds, before some people have read it and away from where they were looking. This one sits by
the button that made the change, as a status message a screen reader says politely, and stays
until the next thing is done.
"""

from __future__ import annotations

import streamlit as st

from risk_app.ui import text


def confirm(key: str, message: str) -> None:
    """Say `message` by the control `key` names, on the next run (call before rerunning)."""
    st.session_state[f"notice_{key}"] = message


def show(key: str) -> None:
    """The confirmation waiting for `key`, once, where this is called."""
    message = st.session_state.pop(f"notice_{key}", None)
    if message:
        text.show_success(message)
