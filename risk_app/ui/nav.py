"""Which page files exist, and the navigation each role gets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from risk_app.domain.access import Page, pages_for
from risk_app.domain.roles import Role

# Pages live in the top-level pages/ folder, which deliberately does NOT sit beside the entrypoint
# (risk_app/ui/app.py): Streamlit treats a pages/ folder next to the entrypoint as a legacy
# multipage app, and a cold deep link would then run a page without the sign-in gate.
PAGES_DIR = Path(__file__).resolve().parents[2] / "pages"

PAGE_FILES: dict[Page, tuple[str, str, str]] = {
    Page.HOME: ("home.py", "Home", ":material/home:"),
    Page.CONCERNS: ("concerns.py", "Safeguarding concerns", ":material/shield_person:"),
    Page.MY_AGREEMENT: ("my_agreement.py", "Your agreement", ":material/handshake:"),
    Page.CASELOAD: ("caseload.py", "People", ":material/groups:"),
    Page.FRAMEWORK_MAP: ("framework_map.py", "Framework map", ":material/account_tree:"),
    Page.FRAMEWORK_EXPLORER: (
        "framework_explorer.py",
        "Framework explorer",
        ":material/manage_search:",
    ),
    Page.LAW: ("law.py", "The law by nation", ":material/gavel:"),
    Page.CASE_AUDIT: ("case_audit.py", "Case audit", ":material/rule:"),
    Page.PROCESS_AUDIT: ("process_audit.py", "Process alignment", ":material/schema:"),
    Page.FRAMEWORK_VERSIONS: ("framework_versions.py", "Framework versions", ":material/history:"),
    Page.AUDIT_LOG: ("audit_log.py", "Audit log", ":material/fact_check:"),
    Page.ACCOUNTS: ("accounts.py", "Accounts", ":material/manage_accounts:"),
}


def page(p: Page) -> st.Page:
    filename, title, icon = PAGE_FILES[p]
    return st.Page(
        _pages_dir() / filename,
        title=title,
        icon=icon,
        url_path=p.value,
        default=p is Page.HOME,
    )


def sign_with_code_page() -> st.Page:
    """The one page open without an account: signing an agreement with a one-time code."""
    return st.Page(
        _pages_dir() / "sign_with_code.py",
        title="Sign with a code",
        icon=":material/password:",
        url_path="sign",
    )


def signing_in_at_every_address(render: Callable[[], None]) -> list[st.Page]:
    """For a visitor not signed in: every page's address shows sign-in (never "Page not found"),
    so a deep link or a refresh keeps its address, and once signed in the same address opens
    the page asked for (a page is known by its address)."""
    return [
        st.Page(render, title="Sign in", icon=":material/login:", url_path=p.value)
        for p in PAGE_FILES
        if p is not Page.HOME
    ]


def _pages_dir() -> Path:
    if not PAGES_DIR.is_dir():
        raise RuntimeError(
            f"The pages folder {PAGES_DIR} is missing: run risk-app from a checkout installed with "
            "`pip install -e .` (make run does this)."
        )
    return PAGES_DIR


def pages_for_role(role: Role) -> list[st.Page]:
    return [page(p) for p in pages_for(role)]
