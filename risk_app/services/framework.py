"""The framework the app works under. Reference data, not personal data: loaded once per process.

Until a safeguarding lead activates an uploaded version, that is the framework packaged with the
app. A lead can :func:`upload` a revised file (checked, stored with its SHA-256, and shown as a
difference against the version in use) and :func:`activate` it; who and when are recorded on the
row and in the audit log, which holds ids and digests only. Records keep the framework version
they were made under (each stores ``framework_version``); reports name the version they judged
against.

:func:`current` is called everywhere, so it reads no database: it returns the graph held in this
process. :func:`refresh` (called when the store is opened, and after each activation) loads the
active version from the database. Another process of the same deployment picks up an activation
at its next :func:`refresh`.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from framework import FrameworkError, FrameworkGraph, load_framework, load_framework_text
from framework.diff import FrameworkDiff, diff_frameworks
from framework.loader import BUNDLED_FRAMEWORK, load_framework_bytes
from risk_app.adapters.db import Store
from risk_app.adapters.tables import FrameworkVersionRow
from risk_app.domain import access
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import InvalidInput
from risk_app.domain.inputs import Code, RecordId
from risk_app.services import audit
from risk_app.services.boundary import checked


@dataclass(frozen=True)
class _Active:
    graph: FrameworkGraph
    row_id: int | None
    """The stored version's id; ``None`` for the packaged file."""
    sha256: str


_lock = threading.Lock()
_active: _Active | None = None
_unusable: tuple[int, str] | None = None
"""The stored version marked active that does not load (id, SHA-256), if any: the checks grew
stricter since it was activated. The app goes on with the framework it held (or the packaged
one) rather than locking everyone out, and the versions page says so."""
_log = logging.getLogger(__name__)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _packaged() -> _Active:
    text = BUNDLED_FRAMEWORK.read_text(encoding="utf-8-sig")
    return _Active(graph=load_framework(), row_id=None, sha256=_sha256(text))


def _held() -> _Active:
    global _active
    held = _active
    if held is not None:
        return held
    with _lock:
        if _active is None:
            _active = _packaged()
        return _active


def current() -> FrameworkGraph:
    """The framework in use in this process (the packaged file until a version is activated)."""
    return _held().graph


def version() -> str:
    return current().version


@dataclass(frozen=True)
class CurrentInfo:
    """Which framework is in use: its version, digest and stored id (``None``: packaged)."""

    version: str
    sha256: str
    stored_id: int | None


def current_info() -> CurrentInfo:
    held = _held()
    return CurrentInfo(version=held.graph.version, sha256=held.sha256, stored_id=held.row_id)


def _use(active: _Active | None) -> None:
    global _active
    with _lock:
        _active = active


def use_packaged() -> None:
    """Go back to the packaged framework in this process (tests; the database is unchanged)."""
    _use(None)
    _mark_unusable(None)


def _active_row(session: Session) -> FrameworkVersionRow | None:
    return session.scalars(
        select(FrameworkVersionRow)
        .where(FrameworkVersionRow.activated_at.is_not(None))
        .order_by(FrameworkVersionRow.activated_at.desc(), FrameworkVersionRow.id.desc())
        .limit(1)
    ).first()


@checked
def refresh(store: Store) -> FrameworkGraph:
    """Load the most recently activated version from the database into this process.

    Cheap when nothing changed (one small query). With no activated version, the packaged file.
    """
    with store.read() as session:
        row = session.execute(
            select(FrameworkVersionRow.id, FrameworkVersionRow.sha256)
            .where(FrameworkVersionRow.activated_at.is_not(None))
            .order_by(FrameworkVersionRow.activated_at.desc(), FrameworkVersionRow.id.desc())
            .limit(1)
        ).first()
        held = _active
        if row is None:
            if held is not None and held.row_id is not None:
                _use(None)
            if _unusable is not None:
                _mark_unusable(None)
            return current()
        if held is not None and held.row_id == row.id:
            return held.graph
        if _unusable == (row.id, row.sha256):
            return current()
        content = session.scalars(
            select(FrameworkVersionRow.content).where(FrameworkVersionRow.id == row.id)
        ).one()
    try:
        graph = load_framework_text(content, f"stored framework version {row.id}")
    except FrameworkError as exc:
        _mark_unusable((row.id, row.sha256), exc)
        return current()
    _use(_Active(graph=graph, row_id=row.id, sha256=row.sha256))
    if _unusable is not None:
        _mark_unusable(None)
    return graph


def _mark_unusable(version: tuple[int, str] | None, exc: FrameworkError | None = None) -> None:
    global _unusable
    with _lock:
        _unusable = version
    if version is not None:
        _log.error(
            "Framework upload %s is active but no longer passes the checks; still using %s. %s",
            version[0],
            current().version,
            exc,
        )


def unusable_active_version() -> int | None:
    """The id of the stored version marked active that cannot be loaded (see ``_unusable``)."""
    found = _unusable
    return found[0] if found is not None else None


# --------------------------------------------------------------------------- upload and activate


@dataclass(frozen=True)
class FrameworkVersionInfo:
    """A stored framework version, for listing (no content)."""

    id: int
    version: str
    sha256: str
    source_name: str
    uploaded_by: str
    uploaded_at: datetime
    activated_by: str | None
    activated_at: datetime | None
    active: bool


def _info(row: FrameworkVersionRow, active_id: int | None) -> FrameworkVersionInfo:
    return FrameworkVersionInfo(
        id=row.id,
        version=row.version,
        sha256=row.sha256,
        source_name=row.source_name,
        uploaded_by=row.uploaded_by,
        uploaded_at=row.uploaded_at,
        activated_by=row.activated_by,
        activated_at=row.activated_at,
        active=row.id == active_id,
    )


def _decoded(data: bytes, source_name: str) -> tuple[FrameworkGraph, str]:
    graph = load_framework_bytes(data, source_name)  # FrameworkError lists every problem
    return graph, data.decode("utf-8-sig")


def _check_version_number(session: Session, graph: FrameworkGraph, sha256: str) -> None:
    """A version number names one content: records made under it must mean one thing."""
    packaged = _packaged()
    if graph.version == packaged.graph.version and sha256 != packaged.sha256:
        raise InvalidInput(
            f"Version {graph.version} is the version packaged with the app, with different "
            "content. Raise the version number in the file and upload it again."
        )
    clash = session.scalars(
        select(FrameworkVersionRow).where(
            FrameworkVersionRow.version == graph.version, FrameworkVersionRow.sha256 != sha256
        )
    ).first()
    if clash is not None:
        raise InvalidInput(
            f"Version {graph.version} was already uploaded (upload {clash.id}) with different "
            "content. Raise the version number in the file and upload it again."
        )


@checked
def upload(
    store: Store, by: Actor, data: bytes, source_name: str = "framework.yaml"
) -> tuple[FrameworkDiff, int]:
    """Check and store an uploaded framework file; the difference from the version in use, and
    the stored id to :func:`activate`. Uploading the same content again returns the same id.

    Raises FrameworkError (every problem in the file, with lines), InvalidInput (a version
    number already used for other content) or NotPermitted (not the safeguarding lead).
    """
    source_name = source_name.replace("\\", "/").rsplit("/", 1)[-1][:200] or "framework.yaml"
    _check_lead(store, by)
    with audit.transaction(store, by) as session:
        graph, text = _decoded(data, source_name)
        sha256 = _sha256(text)
        diff = diff_frameworks(current(), graph)
        existing = session.scalars(
            select(FrameworkVersionRow).where(FrameworkVersionRow.sha256 == sha256)
        ).first()
        if existing is not None:
            return diff, existing.id
        _check_version_number(session, graph, sha256)
        row = FrameworkVersionRow(
            version=graph.version,
            sha256=sha256,
            content=text,
            source_name=source_name,
            uploaded_by=by.username,
            uploaded_at=datetime.now(UTC),
        )
        session.add(row)
        session.flush()
        audit.record(
            session, by, AuditAction.CREATE, AuditObject.FRAMEWORK_VERSION, row.id, 1, sha256=sha256
        )
        return diff, row.id


@checked
def activate(store: Store, by: Actor, version_id: RecordId) -> FrameworkVersionInfo:
    """Make a stored version the framework in use from now on, recording who and when.

    Earlier records keep the version they were made under. Activating an earlier upload again
    (to go back) is allowed and recorded the same way.
    """
    _check_lead(store, by, version_id)
    with audit.transaction(store, by) as session:
        row = session.get(FrameworkVersionRow, version_id)
        if row is None:
            raise InvalidInput(f"There is no uploaded framework version {version_id}.")
        try:
            graph = load_framework_text(row.content, row.source_name)
        except FrameworkError as exc:  # the checks may have grown stricter since the upload
            raise InvalidInput(
                f"Upload {version_id} no longer passes the framework checks, so it cannot be "
                f"activated:\n{exc}"
            ) from exc
        previous = _active_row(session)
        row.activated_by = by.username
        row.activated_at = datetime.now(UTC)
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.CHANGE,
            AuditObject.FRAMEWORK_VERSION,
            row.id,
            row.version_id,
            activated=True,
            sha256=row.sha256,
            previous_id=previous.id if previous is not None else None,
        )
        info = _info(row, row.id)
    _use(_Active(graph=graph, row_id=info.id, sha256=info.sha256))
    _mark_unusable(None)
    return info


def _check_lead(store: Store, by: Actor, object_id: object = "") -> None:
    """Refuse (and log the refusal) unless ``by`` may manage the framework."""
    audit.require(
        store,
        by,
        access.can_manage_framework,
        AuditObject.FRAMEWORK_VERSION,
        object_id,
        message="Only the safeguarding lead can upload or activate a framework version.",
    )


@checked
def versions(store: Store, by: Actor) -> list[FrameworkVersionInfo]:
    """Every uploaded version, newest upload first (safeguarding lead only)."""
    _check_lead(store, by)
    with store.read() as session:
        active = _active_row(session)
        rows = session.scalars(
            select(FrameworkVersionRow).order_by(FrameworkVersionRow.id.desc())
        ).all()
        return [_info(row, active.id if active else None) for row in rows]


@checked
def difference(store: Store, by: Actor, version_id: RecordId) -> FrameworkDiff:
    """How a stored version differs from the framework in use (safeguarding lead only)."""
    _check_lead(store, by, version_id)
    with store.read() as session:
        row = session.get(FrameworkVersionRow, version_id)
        if row is None:
            raise InvalidInput(f"There is no uploaded framework version {version_id}.")
        content, name = row.content, row.source_name
    return diff_frameworks(current(), load_framework_text(content, name))


# --------------------------------------------------------------------------- lookups


@checked
def route_id(route: Code) -> str:
    """The id of an escalation route in the current framework, or InvalidInput listing them."""
    graph = current()
    try:
        node = graph.node(route)
    except KeyError:
        node = None
    if node is None or str(node.type) != "route":
        known = ", ".join(f"{n.id} ({n.label})" for n in graph.nodes(type="route"))
        raise InvalidInput(f"{route!r} is not a route in the framework. Choose one of: {known}.")
    return node.id


@checked
def route_label(route: Code) -> str:
    """A route's label, or its stored id if a later framework version retired it."""
    try:
        return current().node(route).label
    except KeyError:
        return route


def escalation_routes() -> frozenset[str]:
    """Routes that count for a risk still high after mitigation: those another route escalates
    to (in the framework, a light-touch agreement escalates to a panel, and so on)."""
    graph = current()
    routes = {n.id for n in graph.nodes(type="route")}
    return frozenset(
        link.target
        for link in graph.links(type="escalates_to")
        if link.source in routes and link.target in routes
    )


@checked
def stage_label(stage_id: Code) -> str:
    try:
        return current().node(stage_id).label
    except KeyError:
        return stage_id
