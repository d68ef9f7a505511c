"""The check at the top of every page: signed in, and allowed to open this page."""

from __future__ import annotations

import streamlit as st

from risk_app.domain.access import Actor, Page, can_open_page
from risk_app.services import audit
from risk_app.ui import runtime


def require(page: Page) -> Actor:
    """Return the signed-in actor, or stop the page with nothing shown."""
    actor = runtime.current_actor()
    if actor is None:
        st.error("Please sign in to use risk-app.")
        st.stop()
    if not can_open_page(actor, page):
        audit.record_denial(runtime.store(), actor, "page", page.value)
        st.error("You do not have access to this page.")
        st.stop()
    return actor
