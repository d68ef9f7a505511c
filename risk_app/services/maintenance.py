"""Backups. SQLite is copied online (readers and writers carry on) and the copy is checked."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from risk_app.adapters.db import Store
from risk_app.domain.audit import ChainReport
from risk_app.domain.errors import InvalidInput
from risk_app.services import audit
from risk_app.services.boundary import checked


@dataclass(frozen=True)
class BackupResult:
    path: Path
    bytes: int
    integrity: str
    chain: ChainReport


@checked
def backup(store: Store, target: Path) -> BackupResult:
    url = make_url(store.url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise InvalidInput(
            "Online backup here is for the embedded SQLite database. "
            "For PostgreSQL use pg_dump or your provider's point-in-time recovery."
        )
    target = target.expanduser().resolve()
    if target.exists():
        raise InvalidInput(
            f"{target} already exists; choose a new file name so nothing is overwritten."
        )
    if not target.parent.is_dir():
        raise InvalidInput(f"The folder {target.parent} does not exist.")
    source = sqlite3.connect(url.database, timeout=15)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest, pages=1024)
            integrity = dest.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dest.close()
    finally:
        source.close()
    copy = Store(f"sqlite:///{target}")
    try:
        report = audit.verify(copy)
    finally:
        copy.dispose()
    return BackupResult(target, target.stat().st_size, integrity, report)
