"""The app shell through Streamlit's AppTest: sign-in, role navigation, page guards, timeouts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from risk_app.config import Settings
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.ui import runtime
from tests.ui import shown
from tests.ui.conftest import ENTRYPOINT, ROOT, new_app, sign_in

PAGE_FILES = {
    "home": "pages/home.py",
    "concerns": "pages/concerns.py",
    "caseload": "pages/caseload.py",
    "framework_map": "pages/framework_map.py",
    "framework_explorer": "pages/framework_explorer.py",
    "law": "pages/law.py",
    "framework_versions": "pages/framework_versions.py",
    "case_audit": "pages/case_audit.py",
    "process_audit": "pages/process_audit.py",
    "audit_log": "pages/audit_log.py",
    "accounts": "pages/accounts.py",
}
ROLE_PAGES = {
    "practitioner": {"home", "caseload", "framework_map", "framework_explorer", "law"},
    "manager": {"home", "caseload", "framework_map", "framework_explorer", "law"},
    "lead": {
        "home",
        "concerns",
        "framework_map",
        "framework_explorer",
        "law",
        "framework_versions",
        "case_audit",
        "process_audit",
        "audit_log",
    },
    "amina": {"home"},
    "admin": {"home", "framework_map", "framework_explorer", "law", "accounts"},
}


def texts(at: AppTest) -> str:
    parts = [
        e.value for e in (*at.title, *at.header, *at.markdown, *at.error, *at.info, *at.success)
    ]
    parts += [str(e.value) for e in at.text]
    return "\n".join(str(p) for p in [*parts, *shown.texts(at)])


def test_the_entrypoint_does_not_sit_beside_a_pages_folder():
    # A pages/ folder next to the entrypoint switches Streamlit to legacy multipage mode, in which a
    # cold deep link runs the page without the sign-in gate.
    assert not (ENTRYPOINT.parent / "pages").exists()
    assert (ROOT / "pages").is_dir()


def test_anonymous_visitors_see_only_a_link_to_the_sign_in_form(data_dir: Path):
    at = new_app().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Sign in to risk-app"]
    assert not at.text_input  # credentials never travel over the Streamlit connection
    assert any('href="/account/signin"' in h.proto.body for h in at.get("html"))
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("../../pages/accounts.py")


@pytest.mark.parametrize("page", sorted(PAGE_FILES))
def test_a_page_opened_directly_without_signing_in_shows_nothing_but_a_sign_in_message(
    data_dir: Path, page: str
):
    at = AppTest.from_file(str(ROOT / PAGE_FILES[page]), default_timeout=30).run()
    assert [e.value for e in at.error] == ["Please sign in to use risk-app."]
    assert not at.title and not at.dataframe and not at.table and not at.html


def test_a_browser_with_a_forged_or_ended_cookie_sees_only_the_sign_in_page(
    data_dir: Path, browser
):
    browser.cookie = "forged.value"
    at = new_app().run()
    assert [t.value for t in at.title] == ["Sign in to risk-app"]
    at = sign_in(new_app(), "practitioner")
    at.sidebar.button(key="sign_out").click().run()
    again = new_app().run()  # a new tab sends the same (now ended) cookie
    assert [t.value for t in again.title] == ["Sign in to risk-app"]


def test_a_session_opened_by_one_user_forgets_everything_when_another_cookie_arrives(
    signed_in, browser
):
    at = signed_in("practitioner")
    at.session_state["risk_draft_probe"] = "Amina's notes"
    first = browser.cookie
    sign_in(new_app(), "lead")
    browser.replace_everywhere(browser.cookie)  # the same browser now carries the lead's cookie
    assert browser.cookie != first
    at.run()
    assert "risk_draft_probe" not in at.session_state
    assert "lead" in str([t.value for t in at.sidebar.text])


@pytest.mark.parametrize("username", sorted(ROLE_PAGES))
def test_each_role_sees_exactly_its_pages(signed_in: Callable[[str], AppTest], username: str):
    at = signed_in(username)
    for page, path in PAGE_FILES.items():
        if page in ROLE_PAGES[username]:
            at.switch_page(f"../../{path}").run()
            assert not at.exception, (page, at.exception)
            assert not [e for e in shown.errors(at) if "access" in e], page
        else:
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page(f"../../{path}")


@pytest.mark.parametrize(
    ("username", "forbidden"),
    [
        ("practitioner", "accounts"),
        ("amina", "caseload"),
        ("admin", "audit_log"),
        ("manager", "case_audit"),
        ("practitioner", "process_audit"),
        ("admin", "framework_versions"),
        ("manager", "concerns"),
    ],
)
def test_a_page_outside_the_role_refuses_even_when_run_directly(
    signed_in: Callable[[str], AppTest], username: str, forbidden: str
):
    signed_in(username)
    page = AppTest.from_file(str(ROOT / PAGE_FILES[forbidden]), default_timeout=30)
    # The page runs in the same browser: it sends the same session cookie.
    page.run()
    assert [e.value for e in page.error] == ["You do not have access to this page."]
    assert not page.dataframe and not page.table and not page.html


def test_the_practitioner_home_shows_their_team_by_stage_with_a_table_alternative(signed_in):
    at = signed_in("practitioner")
    assert "Your team has **4** people allocated." in texts(at)
    assert at.get("plotly_chart")
    rows = shown.tables(at)[0]
    assert sum(int(n) for n in rows["People"]) == 4


def test_the_individual_home_is_in_plain_language_and_shows_only_their_own_record(signed_in):
    at = signed_in("amina")
    page = texts(at)
    assert "Hello Amina" in page
    assert "If you feel unsafe" in page
    assert "Okafor" not in page or "Amina" in page
    for other in ("David", "Margaret", "Ravi"):
        assert other not in page


def test_an_idle_session_is_signed_out_with_an_explanation(signed_in, data_dir: Path):
    at = signed_in("practitioner")
    _age_sessions(timedelta(minutes=16))
    at.run()
    assert [t.value for t in at.title] == ["Sign in to risk-app"]
    assert any("without activity" in i.value for i in at.info)


def _age_sessions(by: timedelta) -> None:
    """Move every open session's last activity back in time, as if nobody had clicked."""
    from sqlalchemy import update

    from risk_app.adapters.tables import WebSessionRow

    store = open_store(Settings.from_env())
    with store.write() as session:
        session.execute(update(WebSessionRow).values(last_seen_at=datetime.now(UTC) - by))
    store.dispose()


def test_a_disabled_account_loses_access_at_its_next_interaction(signed_in, data_dir: Path):
    at = signed_in("practitioner")
    store = open_store(Settings.from_env())
    accounts.set_disabled(store, by=accounts.SYSTEM, username="practitioner", disabled=True)
    store.dispose()
    at.run()
    assert [t.value for t in at.title] == ["Sign in to risk-app"]
    assert any("no longer active" in i.value for i in at.info)


def test_signing_out_returns_to_the_sign_in_page(signed_in):
    at = signed_in("lead")
    at.sidebar.button(key="sign_out").click().run()
    assert [t.value for t in at.title] == ["Sign in to risk-app"]


def test_an_unreachable_database_shows_a_clear_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setenv(
        "RISK_APP_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2"
    )
    at = new_app().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["risk-app is unavailable"]
    assert "cannot be reached" in shown.errors(at)[0]


SSO_SECRETS = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "a-test-cookie-secret-that-is-long-enough",
        "client_id": "risk-app",
        "client_secret": "not-a-real-secret",
        "server_metadata_url": "http://127.0.0.1:1/.well-known/openid-configuration",
    }
}


@pytest.fixture
def sso_lead(data_dir: Path) -> str:
    """A safeguarding lead who signs in only through single sign-on."""
    store = open_store(Settings.from_env())
    accounts.create_user(
        store,
        by=accounts.SYSTEM,
        username="chris.morgan@example.org",
        display_name="Chris Morgan",
        role="safeguarding_lead",
        password=None,
    )
    store.dispose()
    return "chris.morgan@example.org"


def _with_sso(email: str | None, *, verified: bool = True) -> AppTest:
    at = new_app()
    for key, value in SSO_SECRETS.items():
        at.secrets[key] = value
    claims = {"email": email, "email_verified": verified} if email else {}
    at.user = {"is_logged_in": email is not None, **claims}
    return at.run()


def test_single_sign_on_maps_the_email_to_our_own_account_and_role(sso_lead: str):
    at = _with_sso("Chris.Morgan@example.org")
    assert not at.exception
    assert "chris.morgan@example.org (Safeguarding lead)" in [t.value for t in at.sidebar.text]


def test_single_sign_on_without_a_local_account_gets_no_access(data_dir: Path):
    at = _with_sso("stranger@example.org")
    assert any("cannot match that to an active account" in e.value for e in at.error)
    assert not at.sidebar.text


def test_single_sign_on_with_an_unverified_email_gets_no_access(sso_lead: str):
    at = _with_sso("chris.morgan@example.org", verified=False)
    assert any("cannot match that to an active account" in e.value for e in at.error)
    assert not at.sidebar.text


def test_an_idle_single_sign_on_session_also_ends_at_the_identity_provider(sso_lead: str):
    at = _with_sso("chris.morgan@example.org")
    assert at.sidebar.text, "signed in through single sign-on"
    at.session_state[runtime.LAST_SEEN] = datetime.now(UTC) - timedelta(minutes=16)
    at.run()
    assert not at.user.get("is_logged_in"), "the identity provider session must end too"
    assert not at.sidebar.text


def test_the_sign_in_page_offers_single_sign_on_only_when_configured(data_dir: Path):
    offered = _with_sso(None)
    assert any("organisation account" in b.label for b in offered.button)
    plain = new_app().run()
    assert not any("organisation account" in b.label for b in plain.button)
