"""Streamlit entrypoint: the frame and router. Run with `risk-app run`.

Order matters: resolve who is signed in (re-checked against the store on every run), then build
navigation from their role. Anonymous visitors get only the sign-in page and the page for signing
an agreement with a one-time code, so any other deep link lands on sign-in; each page also checks
access itself at the top.
"""

from __future__ import annotations

import os

import streamlit as st

from risk_app.domain.errors import RiskAppError
from risk_app.services import checkpoints
from risk_app.services import framework as framework_service
from risk_app.ui import login, nav, page_style, runtime, time_limit
from risk_app.ui.assets import FAVICON
from risk_app.ui.text import show_error

st.set_page_config(page_title="risk-app", page_icon=str(FAVICON), layout="wide")
os.umask(0o077)  # files we create (database, backups) are readable by this account only
page_style.apply()  # focus you can see, on every page, signed in or not

try:
    # The framework in use: one small query, so an activation made in another process (another
    # server, or `risk-app framework activate`) applies from this run on.
    framework_service.refresh(runtime.store())
    # A sealed audit-head checkpoint once a day (a folder listing when none is due; never raises).
    checkpoints.checkpoint_if_due(runtime.store(), settings=runtime.settings())
    actor = runtime.current_actor()
    if actor is None:
        sign_in_page = st.Page(
            login.render, title="Sign in", icon=":material/login:", url_path="signin"
        )
        shown = st.navigation(
            [
                sign_in_page,
                nav.sign_with_code_page(),
                *nav.signing_in_at_every_address(login.render),
            ],
            position="hidden",
        )
        page_style.title(shown.title)
        shown.run()
        st.stop()
except (RiskAppError, ValueError) as exc:  # unreachable database, bad settings
    st.title("risk-app is unavailable", anchor=False)
    show_error(exc)
    st.caption("Nothing has been changed. Try again, or ask your administrator.")
    st.stop()


@st.fragment(run_every=time_limit.WATCH_SECONDS)
def _time_limit() -> None:
    """Checks on its own (not counted as activity), so an unattended screen, or the screen of an
    account disabled or signed out elsewhere, does not keep showing a person's record; and warns
    before the idle sign-out, with a button for more time."""
    ends_at = runtime.session_ends_at()
    if ends_at is None:
        st.rerun(scope="app")  # the page then shows sign-in and why
    time_limit.warning(
        "session",
        ends_at=ends_at,
        what_ends="you will be signed out, because nothing has been done for a while",
        more_time=runtime.more_time,
        when_ended="You have been signed out.",
    )


navigation = st.navigation(nav.pages_for_role(actor.role))
with st.sidebar:
    st.caption("Signed in as")
    st.text(f"{actor.username} ({actor.role.label})")
    if st.button("Sign out", key="sign_out"):
        runtime.sign_out("You have signed out.")
        st.rerun()
_time_limit()  # at the top of the page, where a warning is seen at any width

page_style.title(navigation.title)
try:
    navigation.run()
except RiskAppError as exc:  # a service refused or the store failed: say so plainly, lose nothing
    show_error(exc)
