"""How long `risk-app backup` takes on a large SQLite database, idle and under steady writes.

  .venv/bin/python bench/backup_under_load.py                      # ~300 MB, idle, 5/s, 20/s
  .venv/bin/python bench/backup_under_load.py --mb 50 --rates 0 20 # quicker
  .venv/bin/python bench/backup_under_load.py --json out.json

Builds a database with the app's schema and a valid audit chain (events with sizeable details,
as a busy council's log would be), then for each write rate starts a separate writer process that
saves through the service layer (one transaction and one audit event per write, like a practitioner
saving a form) at that steady rate, and times `services.maintenance.backup` (copy, integrity check
and audit chain walk of the copy). Also reports how many writes were made while the backup ran and
the slowest write, to show writers were not held up.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import sqlite3
import sys
import tempfile
import time
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from risk_app.adapters import migrate
from risk_app.adapters.db import Store
from risk_app.domain.audit import GENESIS_HASH, AuditAction, AuditEvent, chain
from risk_app.services import audit, maintenance

DETAIL_FIELDS = 24  # about 900 bytes of detail per event


def build(db_file: Path, megabytes: int) -> int:
    """A migrated database filled with a valid audit chain to about `megabytes`; its events."""
    store = Store(f"sqlite:///{db_file}")
    migrate.upgrade(store)
    store.dispose()
    connection = sqlite3.connect(db_file)
    connection.execute("PRAGMA journal_mode=WAL")
    last = connection.execute(
        "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    seq, prev = last if last else (0, GENESIS_HASH)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    detail = {f"field_{i:02}": f"changed-{'x' * 24}" for i in range(DETAIL_FIELDS)}
    batch: list[tuple[object, ...]] = []
    while db_file.stat().st_size < megabytes * 1_000_000:
        for _ in range(5000):
            seq += 1
            event = chain(
                AuditEvent(
                    AuditAction.CHANGE,
                    f"practitioner{seq % 40}",
                    "practitioner",
                    "person",
                    str(seq % 5000),
                    seq % 7,
                    detail,
                    start + timedelta(seconds=seq),
                ),
                seq=seq,
                prev_hash=prev,
            )
            prev = event.hash
            batch.append(tuple(asdict(event).values()))
        connection.executemany(
            "INSERT INTO audit_events (seq, at, actor, actor_role, action, object_type, "
            "object_id, object_version, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            batch,
        )
        connection.commit()
        batch.clear()
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return seq


def writer(url: str, rate: float, stop: mp.synchronize.Event, out: mp.Queue) -> None:  # type: ignore[type-arg]
    """Save `rate` times a second through the service layer until told to stop."""
    store = Store(url)
    done, slowest, errors = 0, 0.0, 0
    interval = 1.0 / rate
    next_at = time.perf_counter()
    while not stop.is_set():
        began = time.perf_counter()
        try:
            with store.write() as session:
                audit.record(
                    session, None, AuditAction.CHANGE, "person", done % 100, None, bench=True
                )
            done += 1
        except Exception:  # noqa: BLE001 - counted and reported
            errors += 1
        slowest = max(slowest, time.perf_counter() - began)
        next_at += interval
        time.sleep(max(0.0, next_at - time.perf_counter()))
    store.dispose()
    out.put({"writes": done, "slowest_write_s": round(slowest, 3), "write_errors": errors})


def timed_backup(db_file: Path, rate: float, timeout_s: float) -> dict[str, object]:
    url = f"sqlite:///{db_file}"
    target = db_file.parent / f"backup-{int(rate)}-per-s-{time.time_ns()}.sqlite3"
    stop, out = mp.Event(), mp.Queue()
    process = None
    if rate > 0:
        process = mp.Process(target=writer, args=(url, rate, stop, out))
        process.start()
        time.sleep(2)  # let the writes settle into their rhythm
    store = Store(url)
    began = time.perf_counter()
    try:
        result = maintenance.backup(store, target)
        seconds = time.perf_counter() - began
        outcome = {
            "finished": True,
            "seconds": round(seconds, 1),
            "copy_seconds": round(result.copy_seconds, 1),
            "backup_mb": round(result.bytes / 1e6, 1),
            "integrity": result.integrity,
            "chain": "intact" if result.chain.ok else result.chain.summary(),
            "events_in_copy": result.chain.checked,
        }
    except Exception as exc:  # noqa: BLE001 - reported as not finished
        outcome = {"finished": False, "error": f"{type(exc).__name__}: {exc}"}
    finally:
        store.dispose()
        if process is not None:
            stop.set()
            outcome.update(out.get(timeout=timeout_s))
            process.join(timeout=30)
        target.unlink(missing_ok=True)
    leftovers = list(db_file.parent.glob(f"{maintenance.TEMP_PREFIX}*"))
    return {"writes_per_s": rate, **outcome, "temp_files_left": len(leftovers)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=300, help="database size to build (MB)")
    parser.add_argument("--rates", type=float, nargs="+", default=[0, 5, 20])
    parser.add_argument("--dir", type=Path, default=None, help="where to build (default: temp)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="risk-app-backup-bench-", dir=args.dir) as folder:
        db_file = Path(folder) / "risk-app.sqlite3"
        began = time.perf_counter()
        events = build(db_file, args.mb)
        size = db_file.stat().st_size / 1e6
        print(f"built {size:.0f} MB, {events} audit events in {time.perf_counter() - began:.0f} s")
        results = []
        for rate in args.rates:
            result = timed_backup(db_file, rate, timeout_s=600)
            results.append(result)
            print(json.dumps(result))
    if args.json:
        args.json.write_text(json.dumps({"database_mb": round(size), "runs": results}, indent=2))


if __name__ == "__main__":
    main()
