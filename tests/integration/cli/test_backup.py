"""Backups of the live SQLite database: made while the app writes, never left half-written, and
restored in a drill that checks integrity, the audit chain and every table's rows."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from risk_app.adapters import migrate
from risk_app.adapters.db import Store
from risk_app.domain.audit import AuditAction
from risk_app.domain.errors import InvalidInput
from risk_app.services import audit, demo, maintenance
from tests.command_line import CommandRun, run_command

ROOT = Path(__file__).resolve().parents[3]


def _padding(store: Store, events: int) -> None:
    """Enough audit events (with sizeable details) to make the database a few MB."""
    with store.write() as session:
        for n in range(events):
            audit.record(session, None, AuditAction.CHANGE, "person", n, None, note="x" * 900)


@pytest.fixture(scope="module")
def live_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo organisation and a few MB of audit events, built once; each test gets a copy."""
    path = tmp_path_factory.mktemp("live-template") / "risk-app.sqlite3"
    store = Store(f"sqlite:///{path}")
    migrate.upgrade(store)
    demo.load(store)
    _padding(store, 3000)
    store.dispose()
    return path


@pytest.fixture
def live(live_database: Path, tmp_path: Path) -> Store:
    path = tmp_path / "live" / "risk-app.sqlite3"
    path.parent.mkdir(mode=0o700)
    source, copy = sqlite3.connect(live_database), sqlite3.connect(path)
    source.backup(copy)
    source.close()
    copy.close()
    store = Store(f"sqlite:///{path}")
    yield store
    store.dispose()


def _leftovers(folder: Path) -> list[Path]:
    return list(folder.glob(f"{maintenance.TEMP_PREFIX}*"))


def test_a_backup_made_while_the_app_keeps_writing_finishes_with_an_intact_chain(
    live: Store, tmp_path: Path
):
    stop = threading.Event()
    written: list[int] = []

    def keep_writing() -> None:
        while not stop.is_set():
            with live.write() as session:
                audit.record(session, None, AuditAction.CHANGE, "person", 1, None, n=len(written))
            written.append(1)
            time.sleep(0.005)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        time.sleep(0.2)
        results = [maintenance.backup(live, tmp_path / f"copy-{n}.sqlite3") for n in range(3)]
    finally:
        stop.set()
        writer.join()
    assert len(written) > 20, "the writer should have been writing throughout"
    for result in results:
        assert result.integrity == "ok"
        assert result.chain.ok, result.chain.summary()
        assert result.chain.checked > 3000
    assert _leftovers(tmp_path) == []


def test_a_backup_never_overwrites_an_existing_file(live: Store, tmp_path: Path):
    target = tmp_path / "there.sqlite3"
    target.write_bytes(b"keep me")
    with pytest.raises(InvalidInput, match="already exists"):
        maintenance.backup(live, target)
    assert target.read_bytes() == b"keep me"
    assert _leftovers(tmp_path) == []


def test_a_backup_into_a_missing_folder_is_refused_with_its_name(live: Store, tmp_path: Path):
    with pytest.raises(InvalidInput, match="does not exist"):
        maintenance.backup(live, tmp_path / "nowhere" / "copy.sqlite3")


def _backup_in_child(database: Path, target: Path, *, file_size_limit: int | None) -> str:
    """Python source that backs `database` up to `target`, optionally unable to write files past
    `file_size_limit` bytes (a full disk, as the process sees it)."""
    limit = (
        f"signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({file_size_limit}, {file_size_limit}))\n"
        if file_size_limit
        else ""
    )
    return (
        textwrap.dedent(
            f"""
        import resource, signal, sys
        from pathlib import Path
        from risk_app.adapters.db import Store
        from risk_app.domain.errors import RiskAppError
        from risk_app.services import maintenance
        store = Store("sqlite:///{database}")
        store.check()
        """
        )
        + limit
        + textwrap.dedent(
            f"""
        try:
            maintenance.backup(store, Path("{target}"))
        except RiskAppError as exc:
            print(exc)
            sys.exit(1)
        """
        )
    )


def test_a_backup_that_runs_out_of_space_half_way_leaves_no_file_at_the_target(
    live: Store, tmp_path: Path
):
    database = Path(str(live.engine.url.database))
    assert database.stat().st_size > 1_000_000
    target = tmp_path / "full-disk.sqlite3"
    done = subprocess.run(
        [sys.executable, "-c", _backup_in_child(database, target, file_size_limit=256_000)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "could not be written" in done.stdout and "nothing was left" in done.stdout
    assert "Traceback" not in done.stderr
    assert not target.exists()
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("after_s", [0.05, 0.2, 0.5])
def test_a_backup_killed_at_any_moment_leaves_nothing_or_a_whole_database_at_the_target(
    live: Store, tmp_path: Path, after_s: float
):
    database = Path(str(live.engine.url.database))
    target = tmp_path / f"killed-{after_s}.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", _backup_in_child(database, target, file_size_limit=None)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(after_s)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    if target.exists():  # it finished before the kill: then it is a whole, checked database
        check = sqlite3.connect(target)
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        check.close()
    # A kill leaves at most the hidden temporary copy, never a partial file at PATH.
    assert all(p.name.endswith(".partial") for p in _leftovers(tmp_path))


def test_the_restore_drill_passes_for_a_fresh_backup_with_every_row_and_the_chain(
    live: Store, tmp_path: Path
):
    result = maintenance.backup(live, tmp_path / "drill.sqlite3")
    drilled = maintenance.restore_drill(result.path, live)
    assert drilled.ok, drilled.lines()
    assert drilled.integrity == "ok" and drilled.chain.ok
    assert drilled.counts["audit_events"][0] == result.chain.checked
    assert drilled.counts["people"][0] == drilled.counts["people"][1] > 0
    assert drilled.lines()[-1] == "RESTORE DRILL PASSED."


def test_the_restore_drill_fails_when_the_live_database_has_rows_the_backup_lacks(
    live: Store, tmp_path: Path
):
    result = maintenance.backup(live, tmp_path / "stale.sqlite3")
    _padding(live, 2)
    drilled = maintenance.restore_drill(result.path, live)
    assert not drilled.ok and drilled.differing == ["audit_events"]
    assert any("Table audit_events:" in line for line in drilled.lines())
    assert drilled.lines()[-1] == "RESTORE DRILL FAILED."


def test_the_restore_drill_finds_a_backup_whose_audit_chain_was_cut(live: Store, tmp_path: Path):
    result = maintenance.backup(live, tmp_path / "cut.sqlite3")
    copy = sqlite3.connect(result.path)
    copy.execute("DROP TRIGGER audit_events_no_delete")
    copy.execute("DELETE FROM audit_events WHERE seq = 5")
    copy.commit()
    copy.close()
    drilled = maintenance.restore_drill(result.path)
    assert not drilled.ok and not drilled.chain.ok
    assert "event 5 is missing" in drilled.chain.summary()


def test_the_restore_drill_refuses_a_file_that_is_not_a_database(tmp_path: Path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(InvalidInput, match="not a readable SQLite database"):
        maintenance.restore_drill(junk)
    with pytest.raises(InvalidInput, match="no backup file"):
        maintenance.restore_drill(tmp_path / "absent.sqlite3")


def test_the_backup_command_with_drill_copies_restores_and_compares(tmp_path: Path):
    def cli(*args: str) -> CommandRun:
        return run_command(*args, data_dir=tmp_path / "data")

    assert cli("demo").returncode == 0
    done = cli("backup", str(tmp_path / "nightly.sqlite3"), "--drill")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "integrity ok" in done.stdout and "Integrity check: ok." in done.stdout
    assert done.stdout.rstrip().endswith("RESTORE DRILL PASSED.")
