"""One demo organisation per database for the whole hostile-input suite (setting one up takes
seconds; thousands of payloads share it), and a tally printed at the end of the run: payloads
tried, refused, round-tripped and crashed, per database."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from risk_app.adapters import migrate
from risk_app.adapters.db import Store
from tests.conftest import PG_URL, _skip_or_fail_without_pg, sqlite_url
from tests.hostile.world import World, build_world

TALLY: dict[str, Counter[str]] = {}
"""Outcomes per database ("sqlite", "postgresql"): tried, refused, round_trip, read_only..."""


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    """A migrated store with the demo organisation and a record of each kind to aim at."""
    admin = None
    schema = ""
    if request.param == "sqlite":
        url = sqlite_url(Path(tmp_path_factory.mktemp("hostile")))
    else:
        _skip_or_fail_without_pg()
        schema = f"h_{uuid.uuid4().hex[:12]}"
        admin = create_engine(PG_URL)
        with admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        sep = "&" if "?" in PG_URL else "?"
        url = f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    store = Store(url)
    try:
        migrate.upgrade(store)
        yield build_world(store, request.param, TALLY.setdefault(request.param, Counter()))
    finally:
        store.dispose()
        if admin is not None:
            with admin.begin() as connection:
                connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            admin.dispose()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for database, counts in sorted(TALLY.items()):
        if not counts:
            continue
        terminalreporter.write_line(
            f"hostile inputs on {database}: {counts['tried']} tried, {counts['refused']} refused "
            f"with a message, {counts['round_trip']} round-tripped exactly, "
            f"{counts['read_only']} accepted by a query that stores nothing, "
            f"{counts['crash']} tracebacks, {counts['changed']} silently changed"
        )
