"""Backups and the restore drill for the embedded SQLite database.

A backup copies every page in one step (`sqlite3_backup_step(-1)`): one read transaction from
start to end. In WAL mode a reader does not block writers, so the app goes on saving while the copy
is made, and the copy is one consistent moment. (Copying a few pages at a time, as before, restarts
whenever another connection writes between steps, so under steady writes it never finished.)

The copy is written to a hidden temporary file in the target's folder and linked into place only
when it is complete and flushed to disk, so PATH is either absent or a whole database: a full
disk, an error or a killed process never leaves a partial file at PATH. The copy is then checked
(`PRAGMA integrity_check` and the audit chain). `restore_drill` opens a backup as a restore would
and compares it with the live database.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from risk_app.adapters.db import Store
from risk_app.domain.audit import ChainReport
from risk_app.domain.errors import InvalidInput, RiskAppError
from risk_app.services import audit
from risk_app.services.boundary import checked

TEMP_PREFIX = ".risk-app-backup-"
"""Names the temporary copy (`.risk-app-backup-<random>.partial`) in the target's folder."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    bytes: int
    integrity: str
    chain: ChainReport
    copy_seconds: float = 0.0
    """How long the copy itself took (the one read transaction); checks come after."""


def _sqlite_file(store: Store) -> str:
    url = make_url(store.url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise InvalidInput(
            "Online backup here is for the embedded SQLite database. "
            "For PostgreSQL use pg_dump or your provider's point-in-time recovery."
        )
    return url.database


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy(source_file: str, temp: Path, busy_timeout_s: float) -> str:
    """Copy every page into `temp` under one read transaction; return its integrity check."""
    source = sqlite3.connect(source_file, timeout=busy_timeout_s)
    try:
        dest = sqlite3.connect(temp)
        try:
            # No rollback journal beside the copy: a kill mid-copy leaves only the hidden `.partial`
            # (which is never published), not a `.partial-journal` as well.
            dest.execute("PRAGMA journal_mode=OFF")
            source.backup(dest, pages=-1)  # all pages in one step: never restarted by writers
            integrity = str(dest.execute("PRAGMA integrity_check").fetchone()[0])
        finally:
            dest.close()
    finally:
        source.close()
    return integrity


def _publish(temp: Path, target: Path) -> None:
    """Put the finished copy at `target`, atomically, never replacing a file that is there."""
    try:
        os.link(temp, target)  # fails if target exists, unlike rename
    except FileExistsError:
        raise InvalidInput(
            f"{target} already exists; choose a new file name so nothing is overwritten."
        ) from None
    except OSError:  # a file system without hard links: rename (same folder, so still atomic)
        if target.exists():
            raise InvalidInput(
                f"{target} already exists; choose a new file name so nothing is overwritten."
            ) from None
        os.rename(temp, target)
    with contextlib.suppress(OSError):
        _fsync(target.parent)


@checked
def backup(store: Store, target: Path) -> BackupResult:
    """Copy the live SQLite database to `target` (a new file) and check the copy."""
    source_file = _sqlite_file(store)
    target = target.expanduser().resolve()
    if target.exists():
        raise InvalidInput(
            f"{target} already exists; choose a new file name so nothing is overwritten."
        )
    if not target.parent.is_dir():
        raise InvalidInput(f"The folder {target.parent} does not exist.")
    temp = target.parent / f"{TEMP_PREFIX}{uuid.uuid4().hex}.partial"
    try:
        began = time.perf_counter()
        try:
            integrity = _copy(source_file, temp, store.busy_timeout_s)
            copy_seconds = time.perf_counter() - began
            _fsync(temp)
        except (sqlite3.Error, OSError) as exc:
            raise RiskAppError(
                f"The backup could not be written to {target.parent} ({exc}); nothing was left "
                "at the target. Check the free space and permissions there."
            ) from None
        _publish(temp, target)
    finally:
        for leftover in (temp, *(Path(f"{temp}{end}") for end in ("-journal", "-wal", "-shm"))):
            with contextlib.suppress(OSError):
                leftover.unlink()
    copy = Store(f"sqlite:///{target}")
    try:
        report = audit.verify(copy)
    finally:
        copy.dispose()
    return BackupResult(target, target.stat().st_size, integrity, report, copy_seconds)


# ---------------------------------------------------------------------------- restore drill
@dataclass(frozen=True)
class DrillResult:
    """A backup opened as a restore would: its checks, and its row counts beside the live ones."""

    integrity: str
    chain: ChainReport
    counts: dict[str, tuple[int, int]]
    """Table name -> (rows in the backup, rows in the live database)."""

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and self.chain.ok and not self.differing

    @property
    def differing(self) -> list[str]:
        return [name for name, (copy, live) in self.counts.items() if copy != live]

    def lines(self) -> list[str]:
        total = sum(copy for copy, _ in self.counts.values())
        out = [
            f"Integrity check: {self.integrity}.",
            self.chain.summary(),
            f"{len(self.counts)} tables, {total} rows in the backup.",
        ]
        out += [
            f"Table {name}: {copy} rows in the backup, {live} in the live database."
            for name in self.differing
            for copy, live in [self.counts[name]]
        ]
        out.append("RESTORE DRILL PASSED." if self.ok else "RESTORE DRILL FAILED.")
        return out


def _counts(store: Store) -> dict[str, int]:
    with store.read() as session:
        names = sorted(inspect(session.connection()).get_table_names())
        return {
            name: int(session.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one())
            for name in names
        }


@checked
def restore_drill(backup_file: Path, live: Store | None = None) -> DrillResult:
    """Restore `backup_file` into a scratch folder (the backup itself is never opened for writing)
    and check the restored copy: integrity, the audit chain, and (given the live store, quiet at
    the time) that every table holds as many rows as the live one."""
    backup_file = backup_file.expanduser()
    if not backup_file.is_file():
        raise InvalidInput(f"There is no backup file at {backup_file}.")
    with tempfile.TemporaryDirectory(prefix="risk-app-restore-drill-") as scratch:
        restored = Path(scratch) / "restored.sqlite3"
        shutil.copyfile(backup_file, restored)
        try:
            check = sqlite3.connect(restored)
            try:
                integrity = str(check.execute("PRAGMA integrity_check").fetchone()[0])
            finally:
                check.close()
        except sqlite3.DatabaseError as exc:
            raise InvalidInput(
                f"{backup_file} is not a readable SQLite database ({exc})."
            ) from None
        copy = Store(f"sqlite:///{restored}")
        try:
            chain = audit.verify(copy)
            copied = _counts(copy)
        finally:
            copy.dispose()
    live_counts = _counts(live) if live is not None else copied
    names = sorted(set(copied) | set(live_counts))
    counts = {name: (copied.get(name, -1), live_counts.get(name, -1)) for name in names}
    return DrillResult(integrity, chain, counts)
