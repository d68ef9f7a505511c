"""AppTest fixtures: the real entrypoint over a real SQLite database holding the demo organisation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from risk_app.adapters.seal_keys import ensure_seal_key
from risk_app.adapters.session_cookie import SessionCookies
from risk_app.config import Settings
from risk_app.services import accounts, demo, web_sessions
from risk_app.services.bootstrap import open_store
from risk_app.ui import runtime
from tests.ui.browser_cookie import BROWSER, Browser

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = ROOT / "risk_app" / "ui" / "app.py"
PASSWORDS = {a.username: a.password for a in demo.DEMO_ACCOUNTS}


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("RISK_APP_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("RISK_APP_DATABASE_URL", raising=False)
    monkeypatch.setenv("RISK_APP_DEMO", "1")
    settings = Settings.from_env()
    key, _ = ensure_seal_key(settings)
    store = open_store(settings)
    demo.load(store, seal_key=key)
    store.dispose()
    yield tmp_path


@pytest.fixture(autouse=True)
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Browser]:
    BROWSER.reset()
    monkeypatch.setattr(runtime, "browser_cookie", BROWSER.sent_by_this_session)
    yield BROWSER
    BROWSER.reset()


def new_app() -> AppTest:
    return AppTest.from_file(str(ENTRYPOINT), default_timeout=30)


def sign_in(at: AppTest, username: str, password: str | None = None) -> AppTest:
    """Sign in as the sign-in endpoint does (risk_app.web.signin), then open the app."""
    settings = Settings.from_env()
    store = open_store(settings)
    try:
        actor = accounts.authenticate(store, username, password or PASSWORDS[username])
        token = web_sessions.start(store, actor, method="password")
    finally:
        store.dispose()
    BROWSER.cookie = SessionCookies(settings).value_for(token)
    at.run()
    return at


@pytest.fixture
def signed_in(data_dir: Path) -> Callable[[str], AppTest]:
    def _sign_in(username: str) -> AppTest:
        at = sign_in(new_app(), username)
        assert not at.exception, at.exception
        return at

    return _sign_in
