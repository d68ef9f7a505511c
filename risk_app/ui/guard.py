"""The check at the top of every page: signed in, and allowed to open this page."""

from __future__ import annotations

import streamlit as st

from risk_app.domain.access import Actor, Page, can_open_page
from risk_app.domain.audit import AuditObject
from risk_app.domain.errors import NotPermitted
from risk_app.services import audit
from risk_app.ui import runtime


def require(page: Page) -> Actor:
    """Return the signed-in actor, or stop the page with nothing shown."""
    actor = runtime.current_actor()
    if actor is None:
        st.error("Please sign in to use risk-app.")
        st.stop()
    try:
        audit.require(
            runtime.store(),
            actor,
            lambda who: can_open_page(who, page),
            AuditObject.PAGE,
            page.value,
        )
    except NotPermitted:
        st.error("You do not have access to this page.")
        st.stop()
    return actor


def recheck(page: Page) -> Actor:
    """For a fragment's own rerun, which skips the page's top: the same check, and when it fails
    the whole page is drawn again (so it shows sign-in or the refusal, not a stale record)."""
    actor = runtime.current_actor()
    if actor is not None and can_open_page(actor, page):
        return actor
    st.rerun(scope="app")
