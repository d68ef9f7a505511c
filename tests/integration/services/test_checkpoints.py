"""Audit-head checkpoints on SQLite and PostgreSQL: written outside the database, due at
intervals, and catching a log whose newest events were deleted or that was rebuilt."""

from __future__ import annotations

import stat
from dataclasses import asdict, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from risk_app.adapters.db import Store
from risk_app.config import Settings
from risk_app.domain.audit import GENESIS_HASH, AuditAction, event_hash
from risk_app.domain.checkpoints import Agreement, CheckpointUnusable
from risk_app.domain.sealing import SealKey
from risk_app.services import audit, checkpoints
from tests.command_line import CommandRun, run_command

KEY = SealKey.generate()


def _drop_append_only_guard(store: Store) -> None:
    """What an attacker with database access would do first."""
    with store.engine.begin() as connection:
        if store.dialect == "sqlite":
            connection.exec_driver_sql("DROP TRIGGER audit_events_no_update")
            connection.exec_driver_sql("DROP TRIGGER audit_events_no_delete")
        else:
            connection.exec_driver_sql("DROP TRIGGER audit_events_append_only ON audit_events")


def _check(store: Store, written: checkpoints.WrittenCheckpoint):
    return checkpoints.verify_against(store, written.path.read_bytes(), KEY.public_key)[2]


def _grow(store: Store, n: int = 3) -> None:
    with store.write() as session:
        for i in range(n):
            audit.record(session, None, AuditAction.VIEW, "person", i)


def test_a_checkpoint_is_a_new_read_only_file_and_the_grown_log_matches_it(demo_store, tmp_path):
    written = checkpoints.write_checkpoint(demo_store, KEY, folder=tmp_path / "cp")
    assert written.path.parent == tmp_path / "cp"
    assert stat.S_IMODE(written.path.stat().st_mode) == 0o400
    assert written.checkpoint.seq == audit.verify(demo_store).checked
    _grow(demo_store)
    check = _check(demo_store, written)
    assert check.outcome is Agreement.MATCHES


def test_deleting_the_newest_events_is_caught_by_a_checkpoint(demo_store, tmp_path):
    written = checkpoints.write_checkpoint(demo_store, KEY, folder=tmp_path)
    seq = written.checkpoint.seq
    _drop_append_only_guard(demo_store)
    with demo_store.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_events WHERE seq > :s"), {"s": seq - 3})
    assert audit.verify(demo_store).ok  # the chain alone still holds
    check = _check(demo_store, written)
    assert check.outcome is Agreement.TAIL_DELETED
    assert f"ends at event {seq - 3}" in check.message


def test_a_chain_rebuilt_after_an_edit_is_caught_by_a_checkpoint(demo_store, tmp_path):
    written = checkpoints.write_checkpoint(demo_store, KEY, folder=tmp_path)
    _drop_append_only_guard(demo_store)
    with demo_store.read() as session:
        from sqlalchemy import select

        from risk_app.adapters.tables import AuditEventRow

        events = [
            audit.to_event(r)
            for r in session.scalars(select(AuditEventRow).order_by(AuditEventRow.seq))
        ]
    prev, rebuilt = GENESIS_HASH, []
    for event in events:
        edited = replace(event, actor="mallory" if event.seq == 3 else event.actor, prev_hash=prev)
        edited = replace(edited, hash=event_hash(edited))
        rebuilt.append(edited)
        prev = edited.hash
    with demo_store.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_events"))
        connection.execute(
            text(
                "INSERT INTO audit_events (seq, at, actor, actor_role, action, object_type, "
                "object_id, object_version, detail, prev_hash, hash) VALUES (:seq, :at, :actor, "
                ":actor_role, :action, :object_type, :object_id, :object_version, :detail, "
                ":prev_hash, :hash)"
            ),
            [asdict(e) for e in rebuilt],
        )
    assert audit.verify(demo_store).ok  # rebuilt: it holds together
    check = _check(demo_store, written)
    assert check.outcome is Agreement.REBUILT
    assert f"event {written.checkpoint.seq} now has hash" in check.message


def test_a_checkpoint_checked_against_another_key_is_refused(demo_store, tmp_path):
    written = checkpoints.write_checkpoint(demo_store, KEY, folder=tmp_path)
    with pytest.raises(CheckpointUnusable, match="not by the organisation's key"):
        checkpoints.verify_against(
            demo_store, written.path.read_bytes(), SealKey.generate().public_key
        )


def _settings(tmp_path: Path) -> Settings:
    return Settings.from_env({"RISK_APP_DATA_DIR": str(tmp_path)})


def test_checkpoints_are_written_when_due_and_only_when_the_log_has_grown(demo_store, tmp_path):
    settings = _settings(tmp_path)
    every = timedelta(hours=1)
    now = datetime.now(UTC)
    first = checkpoints.checkpoint_if_due(demo_store, every=every, settings=settings, key=KEY)
    assert first is not None and first.path.parent == tmp_path / "checkpoints"
    again = checkpoints.checkpoint_if_due(demo_store, every=every, settings=settings, key=KEY)
    assert again is None  # not due yet
    later = now + timedelta(hours=2)
    same = checkpoints.checkpoint_if_due(
        demo_store, every=every, settings=settings, key=KEY, now=later
    )
    assert same is None  # due, but nothing happened since
    _grow(demo_store)
    grown = checkpoints.checkpoint_if_due(
        demo_store, every=every, settings=settings, key=KEY, now=later
    )
    assert grown is not None and grown.checkpoint.seq == first.checkpoint.seq + 3
    assert len(list((tmp_path / "checkpoints").iterdir())) == 2


def test_a_checkpoint_that_cannot_be_made_never_stops_the_app(demo_store, tmp_path, caplog):
    settings = _settings(tmp_path)  # no seal key set up in this data directory
    assert checkpoints.checkpoint_if_due(demo_store, settings=settings) is None
    assert "No audit checkpoint was written" in caplog.text
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the data directory should be")
    assert checkpoints.checkpoint_if_due(demo_store, settings=_settings(blocked), key=KEY) is None


def _cli(*args: str, data_dir: Path) -> CommandRun:
    unset = ("RISK_APP_DATABASE_URL", "RISK_APP_SEAL_KEY", "RISK_APP_SEAL_KEY_FILE")
    return run_command(*args, data_dir=data_dir, unset=unset)


def test_the_audit_log_commands_write_a_checkpoint_and_exit_by_what_they_find(tmp_path):
    assert _cli("demo", data_dir=tmp_path).returncode == 0
    made = _cli("audit-log", "checkpoint", data_dir=tmp_path)
    assert made.returncode == 0, made.stderr
    [path] = (tmp_path / "checkpoints").iterdir()
    assert str(path) in made.stdout and "Keep a copy off this server" in made.stdout
    out = tmp_path / "elsewhere.json"
    assert _cli("audit-log", "checkpoint", "--out", str(out), data_dir=tmp_path).returncode == 0
    again = _cli("audit-log", "checkpoint", "--out", str(out), data_dir=tmp_path)
    assert again.returncode == 1 and "never replaces" in again.stderr
    ok = _cli("audit-log", "verify", "--checkpoint", str(path), data_dir=tmp_path)
    assert ok.returncode == 0 and "matches the checkpoint" in ok.stdout

    forged = tmp_path / "forged.json"
    forged.write_text(path.read_text().replace('"seq": ', '"seq": 1'))
    refused = _cli("audit-log", "verify", "--checkpoint", str(forged), data_dir=tmp_path)
    assert refused.returncode == 5 and "NOT USABLE" in refused.stderr

    store = Store(f"sqlite:///{tmp_path / 'risk-app.sqlite3'}")
    _drop_append_only_guard(store)
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_events WHERE seq > 10"))
    store.dispose()
    plain = _cli("audit-log", "verify", data_dir=tmp_path)
    assert plain.returncode == 0  # without a checkpoint the cut is invisible
    cut = _cli("audit-log", "verify", "--checkpoint", str(path), data_dir=tmp_path)
    assert cut.returncode == 3 and "TAIL DELETED" in cut.stderr and "Traceback" not in cut.stderr


def test_after_a_failed_checkpoint_the_app_is_not_warned_again_on_every_run(
    demo_store, tmp_path, caplog
):
    settings = _settings(tmp_path)  # no seal key: fails
    assert checkpoints.checkpoint_if_due(demo_store, settings=settings) is None
    assert caplog.text.count("No audit checkpoint was written") == 1
    assert checkpoints.checkpoint_if_due(demo_store, settings=settings) is None
    assert caplog.text.count("No audit checkpoint was written") == 1
    later = datetime.now(UTC) + checkpoints.RETRY_AFTER + timedelta(seconds=1)
    written = checkpoints.checkpoint_if_due(demo_store, settings=settings, key=KEY, now=later)
    assert written is not None
