"""Audit-head checkpoints: written outside the database, on request, at intervals and with each
board report; and the log checked against one (see `risk_app.domain.checkpoints`).

Each checkpoint is a new file in the checkpoint folder (`<data dir>/checkpoints/` unless another
is given), created exclusively and made read-only: the folder only ever grows, and nothing in the
database can rewrite it. Councils should also copy the files off the server (to the board's
minutes, a ticket, a write-once store) so that someone with control of the whole server cannot
quietly replace them either.
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow
from risk_app.config import Settings
from risk_app.domain.audit import GENESIS_HASH, ChainReport, utc_iso
from risk_app.domain.checkpoints import (
    Agreement,
    Checkpoint,
    CheckpointCheck,
    CheckpointUnusable,
    checkpoint_json,
    compare,
    make_checkpoint,
    read_checkpoint,
)
from risk_app.domain.errors import InvalidInput, RiskAppError
from risk_app.domain.sealing import SealKey
from risk_app.services import audit
from risk_app.services.boundary import checked

DEFAULT_EVERY = timedelta(hours=24)
FOLDER_NAME = "checkpoints"
PREFIX = "audit-checkpoint-"
MAX_BYTES = 64 * 1024
"""A checkpoint is under 1 kB; nothing larger is read."""

RETRY_AFTER = timedelta(minutes=10)
"""After a failed attempt, `checkpoint_if_due` waits this long before trying (and warning) again."""

_log = logging.getLogger(__name__)
_failed_at: dict[Path, float] = {}


@dataclass(frozen=True, slots=True)
class WrittenCheckpoint:
    path: Path
    checkpoint: Checkpoint


@checked
def checkpoint_dir(settings: Settings) -> Path:
    return settings.data_dir / FOLDER_NAME


def _head(store: Store) -> tuple[int, str]:
    with store.read() as session:
        last = session.execute(
            select(AuditEventRow.seq, AuditEventRow.hash)
            .order_by(AuditEventRow.seq.desc())
            .limit(1)
        ).first()
    return (last.seq, last.hash) if last else (0, GENESIS_HASH)


def _write_once(target: Path, text: str) -> None:
    """Create `target` (never replacing a file), read-only once written."""
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise InvalidInput(f"{target} already exists; a checkpoint never replaces one.") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError:
        with contextlib.suppress(OSError):
            target.unlink()
        raise
    os.chmod(target, 0o400)


@checked
def write_checkpoint(
    store: Store,
    key: SealKey,
    *,
    folder: Path | None = None,
    out: Path | None = None,
    now: datetime | None = None,
) -> WrittenCheckpoint:
    """Seal the log's current head and write it to `out`, or as a new file in `folder`."""
    seq, head = _head(store)
    made_at = utc_iso(now or datetime.now(UTC))
    data = make_checkpoint(seq, head, made_at, key)
    if out is None:
        if folder is None:
            raise InvalidInput("Say where the checkpoint goes.")
        stamp = made_at.replace("-", "").replace(":", "").replace(".", "")
        out = folder / f"{PREFIX}{seq:012d}-{stamp}.json"
    try:
        _write_once(out.expanduser(), checkpoint_json(data))
    except OSError as exc:
        raise RiskAppError(f"The checkpoint cannot be written to {out}: {exc.strerror}.") from None
    return WrittenCheckpoint(out, Checkpoint(seq, head, made_at, key.fingerprint))


def _newest(folder: Path) -> tuple[int, float] | None:
    """(sequence number, modification time) of the newest checkpoint in `folder`."""
    try:
        names = [p for p in folder.glob(f"{PREFIX}*.json") if p.is_file()]
    except OSError:
        return None
    if not names:
        return None
    newest = max(names, key=lambda p: p.stat().st_mtime)
    try:
        seq = int(newest.name[len(PREFIX) :].split("-")[0])
    except ValueError:
        seq = -1
    return seq, newest.stat().st_mtime


@checked
def checkpoint_if_due(
    store: Store,
    *,
    every: timedelta = DEFAULT_EVERY,
    settings: Settings | None = None,
    key: SealKey | None = None,
    now: datetime | None = None,
) -> WrittenCheckpoint | None:
    """Write a checkpoint to the checkpoint folder if none was written in the last `every` and
    the log has grown since the newest one. Cheap when nothing is due (one folder listing).

    For the app to call at the start of a run or on a timer: it never raises (a missing seal key
    or an unwritable folder is logged as a warning, at most every RETRY_AFTER, and returns None)."""
    moment = now or datetime.now(UTC)
    folder = None
    try:
        settings = settings or Settings.from_env()
        folder = checkpoint_dir(settings)
        failed = _failed_at.get(folder)
        if failed is not None and moment.timestamp() - failed < RETRY_AFTER.total_seconds():
            return None
        newest = _newest(folder)
        if newest is not None and moment.timestamp() - newest[1] < every.total_seconds():
            return None
        seq, _ = _head(store)
        if newest is not None and newest[0] == seq:
            return None
        if key is None:
            from risk_app.adapters.seal_keys import seal_key

            key = seal_key(settings)
        return write_checkpoint(store, key, folder=folder, now=moment)
    except (RiskAppError, OSError, ValueError) as exc:
        if folder is not None:
            _failed_at[folder] = moment.timestamp()
        _log.warning("No audit checkpoint was written: %s", exc)
        return None


@checked
def for_report(
    store: Store, *, settings: Settings | None = None, key: SealKey | None = None
) -> tuple[WrittenCheckpoint | None, str]:
    """A fresh checkpoint for a report, or None and why there is none."""
    try:
        settings = settings or Settings.from_env()
        if key is None:
            from risk_app.adapters.seal_keys import seal_key

            key = seal_key(settings)
        return write_checkpoint(store, key, folder=checkpoint_dir(settings)), ""
    except (RiskAppError, OSError, ValueError) as exc:
        return None, str(exc)


@checked
def read_file(path: Path) -> bytes:
    """A checkpoint file's bytes, refused unread when it is too large to be one."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InvalidInput(f"{path} is too large to be a checkpoint.")
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror}.") from None
    if len(raw) > MAX_BYTES:
        raise InvalidInput(f"{path} is too large to be a checkpoint.")
    return raw


@checked
def check_file(
    store: Store, path: Path, *, public_key: bytes | None = None, settings: Settings | None = None
) -> tuple[CheckpointCheck, ChainReport | None]:
    """Judge the log against the checkpoint file at `path`, sealed by `public_key` (default: the
    configured seal key's). An unusable checkpoint is an outcome, not an error."""
    raw = read_file(path)
    if public_key is None:
        from risk_app.adapters.seal_keys import seal_key

        public_key = seal_key(settings).public_key
    try:
        _, report, check = verify_against(store, raw, public_key)
    except CheckpointUnusable as exc:
        message = f"Checkpoint {path} NOT USABLE: {exc}."
        return CheckpointCheck(Agreement.UNUSABLE_CHECKPOINT, message), None
    return check, report


@checked
def verify_against(
    store: Store, raw: bytes, public_key: bytes
) -> tuple[Checkpoint, ChainReport, CheckpointCheck]:
    """Walk the log and judge it against a checkpoint sealed by `public_key`.

    Raises CheckpointUnusable when the file is not a checkpoint sealed by that key."""
    checkpoint = read_checkpoint(raw, expected_key=public_key)
    report = audit.verify(store)
    with store.read() as session:
        at_seq = session.scalar(
            select(AuditEventRow.hash).where(AuditEventRow.seq == checkpoint.seq)
        )
    return checkpoint, report, compare(checkpoint, report, at_seq)
