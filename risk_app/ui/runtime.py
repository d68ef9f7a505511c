"""Per-process resources and per-session state, in one place.

The store (an engine pool) and the cookie signer are cached once per process: they hold no
personal data. Person-level data is never put in a Streamlit cache; it is read through services
on each run. Who is signed in comes from the browser's HttpOnly cookie on every run (ADR 0009).
"""

from __future__ import annotations

import functools
import hashlib
from datetime import UTC, datetime
from typing import NoReturn

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from risk_app.adapters.db import Store
from risk_app.adapters.session_cookie import COOKIE_NAME, SessionCookies
from risk_app.config import Settings
from risk_app.domain.access import Actor
from risk_app.domain.sessions import session_ends_at as session_ends_at_rule
from risk_app.domain.sessions import session_expired
from risk_app.services import accounts, web_sessions
from risk_app.services.bootstrap import open_store

BOUND_TO = "auth_bound_to"
"""The signed-in browser this Streamlit session belongs to (its cookie, as we last saw it)."""
SSO_USER_ID = "auth_sso_user_id"
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


@functools.lru_cache(maxsize=4)
def _cookies(data_dir: str) -> SessionCookies:
    """The cookie signer for this data directory's session key (no personal data)."""
    return SessionCookies(settings())


def browser_cookie() -> str | None:
    """The session cookie this browser sent when it connected (HttpOnly: no script can read it)."""
    value = st.context.cookies.get(COOKIE_NAME)
    return value if isinstance(value, str) else None


def _token() -> str | None:
    return _cookies(str(settings().data_dir)).token_from(browser_cookie())


def sign_in_sso(actor: Actor) -> None:
    """Single sign-on: the identity provider's cookie binds the session (see current_actor)."""
    st.session_state.clear()
    now = datetime.now(UTC)
    st.session_state[SSO_USER_ID] = actor.user_id
    st.session_state[SIGNED_IN_AT] = now
    st.session_state[LAST_SEEN] = now


def sign_out(notice: str | None = None) -> None:
    """Forget everything this tab held and end the browser's session everywhere."""
    token = _token()
    if token is not None:
        web_sessions.end(store(), token, reason="user")
    _forget(notice)
    if st.user.get("is_logged_in"):
        st.logout()


def _forget(notice: str | None) -> None:
    st.session_state.clear()
    if notice:
        st.session_state[NOTICE] = notice


def pop_notice() -> str | None:
    notice = st.session_state.pop(NOTICE, None)
    return notice if isinstance(notice, str) else None


ENDED = {
    "idle_timeout": "You were signed out after {minutes} minutes without activity. Please sign in again.",
    "absolute_timeout": "You have been signed in for a long time, so you were signed out. Please sign in again.",
    "account_disabled": "Your account is no longer active, so you have been signed out.",
}


def _sso_actor(now: datetime) -> Actor | None:
    """A single sign-on session: still bound to the identity provider's cookie, and not idle."""
    user_id = st.session_state.get(SSO_USER_ID)
    if not isinstance(user_id, int):
        return None
    if not st.user.get("is_logged_in"):  # this connection does not carry the provider's cookie
        _forget(None)
        return None
    actor = accounts.refresh(store(), user_id)
    if actor is None:
        accounts.end_session(store(), user_id, reason="account_disabled")
        _forget(ENDED["account_disabled"])
        return None
    signed_in_at = st.session_state.get(SIGNED_IN_AT, now)
    last_seen = st.session_state.get(LAST_SEEN, now)
    if session_expired(
        signed_in_at=signed_in_at, last_seen=last_seen, now=now, policy=settings().policy
    ):
        accounts.record_logout(store(), actor, reason="idle_timeout")
        sign_out(_ended_notice("idle_timeout"))
        return None
    st.session_state[LAST_SEEN] = now
    return actor


def _ended_notice(reason: str) -> str:
    minutes = int(settings().policy.idle_timeout.total_seconds() // 60)
    return ENDED.get(reason, "Your session has ended. Please sign in again.").format(
        minutes=minutes
    )


def current_actor(*, touch: bool = True) -> Actor | None:
    """The signed-in actor for this run, from the browser's HttpOnly cookie, checked in the store.

    The Streamlit session id is not trusted: a connection that brings a session id but not the
    cookie (or another user's cookie) has everything this tab held forgotten before anything is
    drawn. `touch=False` is for the background check, which must not count as activity.
    """
    now = datetime.now(UTC)
    if SSO_USER_ID in st.session_state:
        return _sso_actor(now)
    token = _token()
    bound = st.session_state.get(BOUND_TO)
    fingerprint = hashlib.sha256(token.encode()).hexdigest() if token else None
    if bound is not None and bound != fingerprint:
        _forget(None)  # another browser, or another user, on this session: start clean
    check = web_sessions.check(store(), token, policy=settings().policy, touch=touch)
    if check.actor is None:
        if bound is not None or check.ended:
            _forget(_ended_notice(check.ended or ""))
        return None
    st.session_state[BOUND_TO] = fingerprint
    return check.actor


def session_ends_at(*, touch: bool = False) -> datetime | None:
    """For the background check: when this session ends without more activity, or None if it
    has ended (idle, disabled, signed out elsewhere). `touch=True` counts as activity: "I need
    more time"."""
    now = datetime.now(UTC)
    if SSO_USER_ID in st.session_state:
        last_seen = st.session_state.get(LAST_SEEN)
        signed_in_at = st.session_state.get(SIGNED_IN_AT)
        user_id = st.session_state.get(SSO_USER_ID)
        if (
            not isinstance(last_seen, datetime)
            or not isinstance(signed_in_at, datetime)
            or not isinstance(user_id, int)
            or session_expired(
                signed_in_at=signed_in_at, last_seen=last_seen, now=now, policy=settings().policy
            )
            or accounts.refresh(store(), user_id) is None
        ):
            return None
        if touch:
            st.session_state[LAST_SEEN] = last_seen = now
        return session_ends_at_rule(
            signed_in_at=signed_in_at, last_seen=last_seen, policy=settings().policy
        )
    check = web_sessions.check(store(), _token(), policy=settings().policy, touch=touch)
    return check.ends_at if check.actor is not None else None


def more_time() -> None:
    """ "I need more time": count now as activity, so the idle clock starts again (if the session
    ended meanwhile, the whole page is drawn again: it then shows sign-in and why)."""
    if session_ends_at(touch=True) is None:
        st.rerun(scope="app")


def client_identity() -> dict[str, str]:
    """Who is trying, for throttling: the client's address and this browser session (hashed, as
    the session id must not be written anywhere readable)."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    session = hashlib.sha256(ctx.session_id.encode()).hexdigest()[:32] if ctx else ""
    address = st.context.ip_address
    return {"client": address if isinstance(address, str) else "", "session": session}


def in_fragment_rerun() -> bool:
    """Is this run a fragment's own rerun (the rest of the page kept as it was drawn)?"""
    ctx = get_script_run_ctx()
    return bool(ctx is not None and ctx.fragment_ids_this_run)


def rerun() -> NoReturn:
    """Draw again after a save: the fragment that made it when this run is that fragment's own
    (the part of the page around it checks on its own whether it still tells the truth: see
    `person_record`), else the whole page."""
    if in_fragment_rerun():
        st.rerun(scope="fragment")
    st.rerun()
