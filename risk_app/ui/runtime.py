"""Per-process resources and per-session state, in one place.

The store (an engine pool) is cached once per process: it holds no personal data. Person-level
data is never put in a Streamlit cache; it is read through services on each run.
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.config import Settings
from risk_app.domain.access import Actor
from risk_app.domain.sessions import session_expired
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store

USER_ID = "auth_user_id"
SIGNED_IN_AT = "auth_signed_in_at"
LAST_SEEN = "auth_last_seen"
NOTICE = "auth_notice"


def settings() -> Settings:
    return Settings.from_env()


@st.cache_resource(show_spinner="Opening the database…")
def _store(url: str) -> Store:
    return open_store(settings())


def store() -> Store:
    """The process-wide store, migrated on first use. Failures are not cached, so a retry works."""
    return _store(settings().database_url)


def sign_in(actor: Actor) -> None:
    """Start a fresh session: nothing from a previous user in this tab survives."""
    st.session_state.clear()
    now = datetime.now(UTC)
    st.session_state[USER_ID] = actor.user_id
    st.session_state[SIGNED_IN_AT] = now
    st.session_state[LAST_SEEN] = now


def sign_out(notice: str | None = None) -> None:
    """End the session here and, if there is one, at the identity provider too."""
    st.session_state.clear()
    if notice:
        st.session_state[NOTICE] = notice
    if st.user.get("is_logged_in"):
        st.logout()


def pop_notice() -> str | None:
    notice = st.session_state.pop(NOTICE, None)
    return notice if isinstance(notice, str) else None


def _expired(now: datetime) -> bool:
    signed_in_at = st.session_state.get(SIGNED_IN_AT, now)
    last_seen = st.session_state.get(LAST_SEEN, now)
    return session_expired(
        signed_in_at=signed_in_at, last_seen=last_seen, now=now, policy=settings().policy
    )


def idle_expired() -> bool:
    """For the background check: has this session run out, without counting the check as activity."""
    return isinstance(st.session_state.get(USER_ID), int) and _expired(datetime.now(UTC))


def current_actor() -> Actor | None:
    """The signed-in actor, re-read from the store on every run; applies the idle timeout."""
    user_id = st.session_state.get(USER_ID)
    if not isinstance(user_id, int):
        return None
    the_store = store()
    now = datetime.now(UTC)
    actor = accounts.refresh(the_store, user_id)
    if actor is None:
        accounts.end_session(the_store, user_id, reason="account_disabled")
        sign_out("Your account is no longer active, so you have been signed out.")
        return None
    if _expired(now):
        accounts.record_logout(the_store, actor, reason="idle_timeout")
        minutes = int(settings().policy.idle_timeout.total_seconds() // 60)
        sign_out(
            f"You were signed out after {minutes} minutes without activity. Please sign in again."
        )
        return None
    st.session_state[LAST_SEEN] = now
    return actor
