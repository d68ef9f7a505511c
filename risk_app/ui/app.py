"""Streamlit entrypoint: the frame and router. Run with `risk-app run`.

Order matters: resolve who is signed in (re-checked against the store on every run), then build
navigation from their role. Anonymous visitors get only the sign-in page, so any deep link lands
there; each page also checks access itself at the top.
"""

from __future__ import annotations

import streamlit as st

from risk_app.domain.errors import RiskAppError
from risk_app.ui import login, nav, runtime

st.set_page_config(page_title="risk-app", page_icon=":material/shield_person:", layout="wide")

try:
    runtime.store()
    actor = runtime.current_actor()
except RiskAppError as exc:
    st.title("risk-app is unavailable")
    st.error(str(exc))
    st.caption("Nothing has been changed. Try again, or ask your administrator.")
    st.stop()

if actor is None:
    st.navigation(
        [st.Page(login.render, title="Sign in", icon=":material/login:", url_path="signin")],
        position="hidden",
    ).run()
    st.stop()

navigation = st.navigation(nav.pages_for_role(actor.role))
with st.sidebar:
    st.caption("Signed in as")
    st.text(f"{actor.username} ({actor.role.label})")
    if st.button("Sign out", key="sign_out"):
        from risk_app.services import accounts

        accounts.record_logout(runtime.store(), actor, reason="user")
        runtime.sign_out("You have signed out.")
        if st.user.get(
            "is_logged_in"
        ):  # also end the single sign-on session, or it would sign us back in
            st.logout()
        st.rerun()

try:
    navigation.run()
except RiskAppError as exc:  # a service refused or the store failed: say so plainly, lose nothing
    st.error(str(exc))
