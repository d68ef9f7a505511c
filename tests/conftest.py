"""Shared fixtures: a real store on SQLite and, where configured, on PostgreSQL.

PostgreSQL tests run when RISK_APP_TEST_PG_URL names a server; CI sets RISK_APP_REQUIRE_PG=1 so a
missing server fails the run instead of skipping. Each test gets a fresh schema of its own.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from risk_app.adapters import migrate
from risk_app.adapters.db import Store

PG_URL = os.environ.get("RISK_APP_TEST_PG_URL", "")
REQUIRE_PG = os.environ.get("RISK_APP_REQUIRE_PG") == "1"


def _pg_available() -> bool:
    if not PG_URL:
        return False
    try:
        engine = create_engine(PG_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except Exception:  # noqa: BLE001 - any failure means: not available
        return False


PG_AVAILABLE = _pg_available()


def _skip_or_fail_without_pg() -> None:
    if PG_AVAILABLE:
        return
    message = f"PostgreSQL not reachable at RISK_APP_TEST_PG_URL={PG_URL or '(unset)'}"
    if REQUIRE_PG:
        pytest.fail(message + " and RISK_APP_REQUIRE_PG=1")
    pytest.skip(message)


def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'risk-app.sqlite3'}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL for a brand-new, empty PostgreSQL schema, dropped afterwards."""
    _skip_or_fail_without_pg()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same integration test runs against SQLite and PostgreSQL."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path)
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def empty_store(database_url: str) -> Iterator[Store]:
    store = Store(database_url)
    yield store
    store.dispose()


@pytest.fixture
def store(empty_store: Store) -> Store:
    migrate.upgrade(empty_store)
    return empty_store


@pytest.fixture
def demo_store(store: Store) -> Store:
    from risk_app.services import demo

    demo.load(store)
    return store


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from tests.chromium import CHROMIUM, CHROMIUM_ARGS

    if CHROMIUM is None:
        if os.environ.get("RISK_APP_REQUIRE_BROWSER") == "1":
            pytest.fail("No Chromium found; install Debian's chromium package (make system-deps)")
        pytest.skip("No Chromium found; install Debian's chromium package (make system-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
