"""The sign-in page: local accounts, and single sign-on when it is configured."""

from __future__ import annotations

import streamlit as st

from risk_app.domain.errors import RiskAppError
from risk_app.domain.sessions import sso_email
from risk_app.services import accounts, demo
from risk_app.ui import nav, runtime, text
from risk_app.ui.text import show_error


def _sso_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all: SSO is simply not configured
        return False


def render() -> None:
    st.title("Sign in to risk-app")
    st.write(
        "Decision support for person-centred risk, shared risk ownership and safeguarding "
        "in Self-Directed Support."
    )
    if notice := runtime.pop_notice():
        st.info(notice)
    if _sso_configured():
        _single_sign_on()
    with st.form("login_form", enter_to_submit=True):
        username = st.text_input("Username", key="login_username", autocomplete="username")
        password = st.text_input(
            "Password", type="password", key="login_password", autocomplete="current-password"
        )
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        if not username.strip() or not password:
            st.error("Enter your username and your password.")
        else:
            try:
                actor = accounts.authenticate(
                    runtime.store(), username, password, policy=runtime.settings().policy
                )
            except RiskAppError as exc:
                show_error(exc)
            else:
                runtime.sign_in(actor)
                st.rerun()
    st.page_link(
        nav.sign_with_code_page(),
        label="Asked to sign a risk agreement with a code? Sign with a code here.",
    )
    if runtime.settings().demo:
        _demo_accounts()


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
    runtime.sign_in(actor)
    st.rerun()


def _demo_accounts() -> None:
    st.subheader("Demo accounts")
    st.caption("Demo mode only. Everyone in the demo organisation is fictional.")
    text.table(
        [
            {"Role": a.role.label, "Username": a.username, "Password": a.password}
            for a in demo.DEMO_ACCOUNTS
        ]
    )
