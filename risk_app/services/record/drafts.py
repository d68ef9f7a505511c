"""Autosaved drafts: a half-finished form survives a reload, a dropped connection or a restart.

A draft belongs to one user and one form about one person. It is working copy, not a record:
saving it is not audited, but reading it back re-checks access to the person, so a draft never
outlives the right to see what it is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import DraftRow
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput
from risk_app.domain.inputs import FormName, JsonDocument, RecordId
from risk_app.services import audit
from risk_app.services.boundary import checked
from risk_app.services.record.people import load_for

MAX_DRAFT_CHARS = 64_000


@dataclass(frozen=True)
class Draft:
    payload: dict[str, Any]
    updated_at: datetime


def _key(form: str, person_id: int) -> str:
    return f"{form}:{person_id}"


@checked
def save(
    store: Store, *, by: Actor, form: FormName, person_id: RecordId, payload: JsonDocument
) -> None:
    if sum(len(str(v)) for v in payload.values()) > MAX_DRAFT_CHARS:
        raise InvalidInput("This draft is too long to keep; please shorten it.")
    with audit.transaction(store, by) as session:
        load_for(session, by, person_id, edit=True)
        row = session.scalar(
            select(DraftRow).where(
                DraftRow.user_id == by.user_id, DraftRow.form_key == _key(form, person_id)
            )
        )
        if row is None:
            row = DraftRow(user_id=by.user_id, form_key=_key(form, person_id))
            session.add(row)
        row.payload = dict(payload)
        row.updated_at = datetime.now(UTC)


@checked
def load(store: Store, *, by: Actor, form: FormName, person_id: RecordId) -> Draft | None:
    with audit.transaction(store, by) as session:
        load_for(session, by, person_id, edit=True)
        row = session.scalar(
            select(DraftRow).where(
                DraftRow.user_id == by.user_id, DraftRow.form_key == _key(form, person_id)
            )
        )
        return None if row is None else Draft(dict(row.payload), row.updated_at)


@checked
def discard(store: Store, *, by: Actor, form: FormName, person_id: RecordId) -> None:
    with store.write() as session:
        session.execute(
            delete(DraftRow).where(
                DraftRow.user_id == by.user_id, DraftRow.form_key == _key(form, person_id)
            )
        )
