"""What the HTTP routes and middleware share: settings, one store, the cookie signer."""

from __future__ import annotations

from functools import cached_property

from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection

from risk_app.adapters.db import Store
from risk_app.adapters.session_cookie import COOKIE_NAME, CookieAttributes, SessionCookies
from risk_app.config import Settings
from risk_app.domain.access import Actor
from risk_app.services import web_sessions
from risk_app.services.bootstrap import open_store


class WebContext:
    def __init__(self, settings: Settings | None = None, store: Store | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self._store = store

    @property
    def store(self) -> Store:
        """Opened (and migrated) on first use, so the server starts even if the database is late."""
        if self._store is None:
            self._store = open_store(self.settings)
        return self._store

    @cached_property
    def cookies(self) -> SessionCookies:
        return SessionCookies(self.settings)

    @cached_property
    def sso_configured(self) -> bool:
        """Single sign-on is set up in Streamlit's secrets (an [auth] table)."""
        import streamlit as st

        try:
            return "auth" in st.secrets
        except Exception:  # noqa: BLE001 - no secrets file at all: SSO is simply not configured
            return False

    def cookie_attributes(self, request: HTTPConnection) -> CookieAttributes:
        """Secure whenever the browser reached us over TLS (the proxy says so)."""
        secure = request.url.scheme in {"https", "wss"}
        seconds = int(self.settings.policy.absolute_timeout.total_seconds())
        return CookieAttributes(secure=secure, max_age_seconds=seconds)

    def token(self, request: HTTPConnection) -> str | None:
        return self.cookies.token_from(request.cookies.get(COOKIE_NAME))

    async def actor(self, request: HTTPConnection) -> Actor | None:
        """Who this request's cookie signs in, without counting it as activity."""
        token = self.token(request)
        if token is None:
            return None
        check = await run_in_threadpool(
            web_sessions.check, self.store, token, policy=self.settings.policy, touch=False
        )
        return check.actor


def client_address(request: HTTPConnection) -> str:
    """The client's address as uvicorn resolved it (X-Forwarded-For only from a trusted proxy)."""
    return request.client.host if request.client else ""
