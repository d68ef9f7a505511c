"""The database engine and transactions.

Writes are serialised on purpose, on both backends: SQLite's `BEGIN IMMEDIATE` takes the write lock
when the transaction starts (so the busy timeout applies and a read-then-write cannot lose an
update), and on PostgreSQL each write transaction first takes one transaction-level advisory lock.
That keeps optimistic-lock checks and the audit hash chain simple and correct; a council's
write rate is far below what one writer at a time can serve (see bench/ and docs/adr/0003).
"""

from __future__ import annotations

import importlib.util
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session

from risk_app.domain.errors import StoreUnavailable

WRITE_LOCK_KEY = 7_240_117  # any constant; names the app's single writer lock on PostgreSQL
SQLITE_BUSY_TIMEOUT_S = 15


def make_engine(url: str, *, busy_timeout_s: float = SQLITE_BUSY_TIMEOUT_S) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database, busy_timeout_s)
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() in ("", "psycopg2"):
        url = str(parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False))
        parsed = make_url(url)
    if parsed.get_driver_name() == "psycopg" and importlib.util.find_spec("psycopg") is None:
        raise StoreUnavailable(
            "PostgreSQL needs its driver, which is an optional part of risk-app: install it with "
            "`pip install 'risk-app[postgres]'` (or use SQLite, the default)."
        )
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


def _sqlite_engine(url: str, database: str | None, busy_timeout_s: float) -> Engine:
    if database and database != ":memory:":
        Path(database).expanduser().parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": busy_timeout_s})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Take transaction control away from pysqlite so that we can emit our own BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get("risk_app_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Store:
    """One per process. Hands out short transactions; never cache a Session or ORM object."""

    def __init__(self, url: str, *, busy_timeout_s: float = SQLITE_BUSY_TIMEOUT_S) -> None:
        self.url = url
        self.busy_timeout_s = busy_timeout_s
        self.engine = make_engine(url, busy_timeout_s=busy_timeout_s)
        self._writer = self.engine.execution_options(risk_app_write=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        with (
            _friendly_errors(),
            Session(self.engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction: commits on success, rolls back on any error."""
        with (
            _friendly_errors(),
            Session(self._writer, expire_on_commit=False) as session,
            session.begin(),
        ):
            if self.dialect == "postgresql":
                # Wait for the writer lock as long as SQLite would, then say "busy" (never hang).
                timeout_ms = int(self.busy_timeout_s * 1000)
                session.execute(text(f"SET LOCAL lock_timeout = '{timeout_ms}ms'"))
                session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK_KEY})
            yield session

    def check(self) -> None:
        """Raise StoreUnavailable with a clear message if the database cannot be reached."""
        with self.read() as session:
            session.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def _friendly_errors() -> Iterator[None]:
    try:
        yield
    except PoolTimeout as exc:
        raise StoreUnavailable(
            "The database is busy right now. Nothing was saved. Please try again in a moment."
        ) from exc
    except OperationalError as exc:
        raise StoreUnavailable(_explain(exc)) from exc
    except DBAPIError as exc:
        if exc.connection_invalidated:
            raise StoreUnavailable(_explain(exc)) from exc
        raise


def _explain(exc: DBAPIError) -> str:
    message = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
    if "locked" in message or "busy" in message or "lock timeout" in message:
        return "The database is busy right now. Nothing was saved. Please try again in a moment."
    if "unable to open" in message or "readonly" in message or "read-only" in message:
        return (
            "The database file cannot be opened or written. Nothing was saved. "
            "Check RISK_APP_DATA_DIR and its permissions."
        )
    if "disk" in message and "full" in message:
        return "The disk is full. Nothing was saved. Ask your administrator to free space."
    return (
        "The database cannot be reached. Nothing was saved. "
        "Check that it is running and that RISK_APP_DATABASE_URL is right."
    )
