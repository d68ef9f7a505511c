"""The sign-in page: local accounts, and single sign-on when it is configured."""

from __future__ import annotations

import streamlit as st

from risk_app.domain.sessions import sso_email
from risk_app.services import accounts
from risk_app.ui import nav, runtime


def _sso_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all: SSO is simply not configured
        return False


SIGN_IN_LINK = (
    '<p><a href="/account/signin" target="_self">Sign in with your username and password</a></p>'
)
"""Our own constant HTML (no user text): a plain link, so it opens in this tab."""


def render() -> None:
    """Shown when this browser is not signed in: where to sign in (the form is a plain HTTP page,
    so the session cookie can be HttpOnly; see ADR 0009)."""
    st.title("Sign in to risk-app", anchor=False)
    st.write(
        "Decision support for person-centred risk, shared risk ownership and safeguarding "
        "in Self-Directed Support."
    )
    if notice := runtime.pop_notice():
        st.info(notice)
    if _sso_configured():
        _single_sign_on()
    st.html(SIGN_IN_LINK)
    st.page_link(
        nav.sign_with_code_page(),
        label=(
            "Asked to sign a risk agreement, or to acknowledge an action, with a code? "
            "Use your code here."
        ),
    )


def _single_sign_on() -> None:
    user = st.user
    if not user.get("is_logged_in"):
        st.button("Sign in with your organisation account", on_click=st.login)
        st.divider()
        return
    email = sso_email(user.to_dict(), trusted_issuer=runtime.settings().sso_trusted_issuer)
    actor = accounts.sign_in_sso(runtime.store(), email)
    if actor is None:
        st.error(
            "You signed in with your organisation, but risk-app cannot match that to an active "
            "account (or your organisation has not confirmed your email address). "
            "Ask your administrator."
        )
        st.button("Sign out of single sign-on", on_click=st.logout)
        return
    runtime.sign_in_sso(actor)
    st.rerun()
