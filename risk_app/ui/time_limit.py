"""A warning before a time limit ends, with "I need more time" (WCAG 2.2.1).

Shown in a fragment that checks every WATCH_SECONDS on its own, without counting as activity,
pinned to the top of the page so it is seen wherever the person has scrolled to, and announced
(an alert). Pressing "I need more time" is the one simple action that extends the time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import streamlit as st

from risk_app.domain.errors import RiskAppError
from risk_app.domain.time_limits import time_left, warn
from risk_app.ui import text

WATCH_SECONDS = 20
"""How often the time left is checked: a warning shows within this long of its time."""
MORE_TIME = "I need more time"

STICKY_CSS = """<style>
[class*="st-key-time_limit_"] { position: sticky; top: 0; z-index: 990; background: #ffffff; }
</style>"""
"""Static and trusted: the warning stays in sight at the top of the page as it scrolls."""


def warning(
    key: str,
    *,
    ends_at: datetime,
    what_ends: str,
    more_time: Callable[[], None],
    when_ended: str,
) -> None:
    """Inside a fragment: nothing while there is time; from WARN_BEFORE the end, a warning that
    says how long is left and what will happen (`what_ends`: "you will be signed out") with the
    button; after the end, `when_ended`."""
    now = datetime.now(UTC)
    if not warn(ends_at, now):
        return
    st.html(STICKY_CSS)
    with st.container(key=f"time_limit_{key}", border=True):
        if now >= ends_at:
            text.show_warning(when_ended)
            return
        text.show_warning(f"In {time_left(ends_at, now)} {what_ends}. Do you need more time?")
        if st.button(MORE_TIME, key=f"time_limit_{key}_more", type="primary"):
            try:
                more_time()
            except RiskAppError as exc:
                text.show_error(exc)
                return
            st.rerun(scope="fragment")


def watch_grant(
    grant_key: str,
    *,
    extend: Callable[[str], Any],
    what_ends: str,
    when_ended: str,
) -> None:
    """A code's grant kept in the session under `grant_key` (with `token` and `expires_at`):
    checked on its own every WATCH_SECONDS, warned about before it ends; "I need more time"
    keeps what `extend(token)` returns, the same grant ending later."""

    def more_time() -> None:
        st.session_state[grant_key] = extend(st.session_state[grant_key].token)

    @st.fragment(run_every=WATCH_SECONDS)
    def watch() -> None:
        held = st.session_state.get(grant_key)
        if held is None:
            return
        warning(
            grant_key,
            ends_at=held.expires_at,
            what_ends=what_ends,
            more_time=more_time,
            when_ended=when_ended,
        )

    watch()
