"""Append to and read the hash-chained audit log, and the transaction every service reads and
changes records in.

One vocabulary: each event names an `AuditAction` and an `AuditObject`. A refusal is logged one
way: `require` checks the actor before a service starts, and `transaction` logs a refusal
(`NotPermitted`) raised inside it, such as a record the actor may not see.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow, PersonRow
from risk_app.domain import access
from risk_app.domain.access import Actor
from risk_app.domain.audit import (
    GENESIS_HASH,
    AuditAction,
    AuditEvent,
    AuditObject,
    ChainedEvent,
    ChainReport,
    DetailValue,
    chain,
    verify_chain,
)
from risk_app.domain.errors import NotPermitted
from risk_app.domain.inputs import Key, ListLimit
from risk_app.services.boundary import checked


def append(session: Session, event: AuditEvent) -> ChainedEvent:
    """Chain `event` after the current head. Call inside `Store.write()`, which serialises writers."""
    last = session.execute(
        select(AuditEventRow.seq, AuditEventRow.hash).order_by(AuditEventRow.seq.desc()).limit(1)
    ).first()
    seq, prev = (last.seq + 1, last.hash) if last else (1, GENESIS_HASH)
    chained = chain(event, seq=seq, prev_hash=prev)
    session.add(AuditEventRow(**asdict(chained)))
    session.flush()
    return chained


def record(
    session: Session,
    actor: Actor | None,
    action: AuditAction,
    object_type: AuditObject,
    object_id: object = "",
    object_version: int | None = None,
    **detail: DetailValue,
) -> ChainedEvent:
    """Shorthand used by services: who (or the system) did what to which record and version."""
    return _record(session, actor, action, object_type, object_id, object_version, **detail)


def _record(
    session: Session,
    actor: Actor | None,
    action: AuditAction,
    object_type: str,
    object_id: object = "",
    object_version: int | None = None,
    **detail: DetailValue,
) -> ChainedEvent:
    return append(
        session,
        AuditEvent(
            action=action,
            actor=actor.username if actor else "system",
            actor_role=str(actor.role) if actor else "system",
            object_type=object_type,
            object_id=str(object_id),
            object_version=object_version,
            detail=detail,
        ),
    )


@contextmanager
def transaction(store: Store, actor: Actor | None) -> Iterator[Session]:
    """The transaction a service reads or changes records in, logging what it does: a read is
    logged as much as a change, so it is a write transaction whatever the service does.

    A refusal (NotPermitted) raised inside is itself logged. The refused transaction rolls back,
    so the refusal is written in a transaction of its own.
    """
    try:
        with store.write() as session:
            yield session
    except NotPermitted as denied:
        _log_refusal(store, actor, denied)
        raise


@checked
def require(
    store: Store,
    actor: Actor,
    allowed: Callable[[Actor], bool],
    object_type: AuditObject,
    object_id: object = "",
    *,
    message: str | None = None,
) -> None:
    """Refuse (NotPermitted, with ``message`` if given), and log the refusal, unless
    ``allowed(actor)``: a check of the actor alone, made before the service opens its
    transaction (a refusal found inside one is logged by `transaction`)."""
    if allowed(actor):
        return
    denied = (
        NotPermitted(message, object_type=object_type, object_id=object_id)
        if message is not None
        else NotPermitted(object_type=object_type, object_id=object_id)
    )
    _log_refusal(store, actor, denied)
    raise denied


def _log_refusal(store: Store, actor: Actor | None, denied: NotPermitted) -> None:
    with store.write() as session:
        record(session, actor, AuditAction.ACCESS_DENIED, denied.object_type, denied.object_id)


def record_person_view(
    session: Session, actor: Actor, person: PersonRow, part: str, **detail: DetailValue
) -> ChainedEvent:
    """Log that `actor` viewed one part of a person's record, at the record's current version."""
    return record(
        session,
        actor,
        AuditAction.VIEW,
        AuditObject.PERSON,
        person.id,
        person.version_id,
        part=part,
        **detail,
    )


def _rows(session: Session) -> Iterator[ChainedEvent]:
    result = session.execute(select(AuditEventRow).order_by(AuditEventRow.seq)).yield_per(2000)
    for row in result.scalars():
        yield _to_event(row)


def to_event(row: AuditEventRow) -> ChainedEvent:
    """A stored audit row as the chain's value type."""
    return _to_event(row)


def _to_event(row: AuditEventRow) -> ChainedEvent:
    return ChainedEvent(
        seq=row.seq,
        at=row.at,
        actor=row.actor,
        actor_role=row.actor_role,
        action=row.action,
        object_type=row.object_type,
        object_id=row.object_id,
        object_version=row.object_version,
        detail=row.detail,
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


@checked
def verify(store: Store) -> ChainReport:
    """Walk the whole chain (for the operator's command line and backups)."""
    with store.read() as session:
        return verify_chain(_rows(session))


@checked
def verify_as(store: Store, actor: Actor) -> ChainReport:
    """Walk the whole chain on a safeguarding lead's request; the check itself is logged."""
    require(store, actor, access.can_view_audit, AuditObject.AUDIT_LOG)
    report = verify(store)
    with store.write() as session:
        record(
            session,
            actor,
            AuditAction.VERIFY,
            AuditObject.AUDIT_LOG,
            checked=report.checked,
            ok=report.ok,
            first_bad_seq=report.first_bad_seq,
        )
    return report


@checked
def count_events(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEventRow)) or 0)


@checked
def record_export(store: Store, actor: Actor, object_type: Key, **detail: DetailValue) -> None:
    """Log a download: ``object_type`` is an `AuditObject` or the name of the table downloaded."""
    with store.write() as session:
        _record(session, actor, AuditAction.EXPORT, object_type, "", None, **detail)


@checked
def recent_events(store: Store, actor: Actor, *, limit: ListLimit = 200) -> list[ChainedEvent]:
    """The newest events, for safeguarding leads. Looking at the log is itself logged."""
    require(store, actor, access.can_view_audit, AuditObject.AUDIT_LOG)
    with transaction(store, actor) as session:
        record(session, actor, AuditAction.VIEW, AuditObject.AUDIT_LOG, limit=limit)
        rows = session.execute(
            select(AuditEventRow).order_by(AuditEventRow.seq.desc()).limit(limit)
        ).scalars()
        return [_to_event(row) for row in rows]
