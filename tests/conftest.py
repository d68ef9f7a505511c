"""Shared fixtures: a real store on SQLite and, where configured, on PostgreSQL.

PostgreSQL tests run when RISK_APP_TEST_PG_URL names a server; CI sets RISK_APP_REQUIRE_PG=1 so a
missing server fails the run instead of skipping. Each test gets a fresh database of its own: on
SQLite a copy of one migrated (or demo-loaded) once per test process, on PostgreSQL a new schema,
migrated. Passwords are hashed at Argon2id's cheapest cost throughout (the app's own cost is
checked in tests/unit/services/test_password_hashing.py).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher, profiles
from sqlalchemy import create_engine, text

from risk_app.adapters import migrate
from risk_app.adapters.db import Store
from risk_app.services import accounts

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


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing() -> Iterator[None]:
    """Argon2id at its cheapest: a hash at the app's cost takes a large part of a second."""
    accounts.use_hasher(PasswordHasher.from_parameters(profiles.CHEAPEST))
    yield
    accounts.use_hasher(accounts.DEFAULT_HASHER)


class SqliteTemplates:
    """SQLite databases made once per test process (migrated; migrated with the demo loaded) and
    copied for each test: a file copy takes a fraction of a millisecond, migrating far longer."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made: dict[bool, Path] = {}

    def copy_to(self, target: Path, *, demo: bool) -> None:
        shutil.copyfile(self.made.get(demo) or self._make(demo), target)

    def _make(self, demo: bool) -> Path:
        path = self.folder / ("demo.sqlite3" if demo else "migrated.sqlite3")
        store = Store(f"sqlite:///{path}")
        migrate.upgrade(store)
        if demo:
            from risk_app.services import demo as demo_organisation

            demo_organisation.load(store)
        with store.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        store.dispose()
        assert not Path(f"{path}-wal").exists() or not Path(f"{path}-wal").stat().st_size
        self.made[demo] = path
        return path


@pytest.fixture(scope="session")
def sqlite_templates(tmp_path_factory: pytest.TempPathFactory) -> SqliteTemplates:
    return SqliteTemplates(tmp_path_factory.mktemp("templates"))


@pytest.fixture
def empty_store(database_url: str) -> Iterator[Store]:
    """A database with no schema at all (for the tests of the migrations themselves)."""
    store = Store(database_url)
    yield store
    store.dispose()


@pytest.fixture
def store(
    request: pytest.FixtureRequest, database_url: str, sqlite_templates: SqliteTemplates
) -> Iterator[Store]:
    """A migrated database of the test's own. On SQLite it is a copy of a template, holding the
    demo organisation already when the test also asks for `demo_store`."""
    if database_url.startswith("sqlite:///"):
        target = Path(database_url.removeprefix("sqlite:///"))
        sqlite_templates.copy_to(target, demo="demo_store" in request.fixturenames)
        store = Store(database_url)
    else:
        store = Store(database_url)
        migrate.upgrade(store)
    yield store
    store.dispose()


@pytest.fixture
def demo_store(store: Store) -> Store:
    """The store with the demo organisation loaded (risk_app.services.demo)."""
    from risk_app.services import demo

    if store.dialect != "sqlite":
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
