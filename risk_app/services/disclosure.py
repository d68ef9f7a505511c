"""The disclosure gate every service that returns a restricted part goes through (ADR 0010).

The rule itself is `risk_app.domain.disclosure.can_read_part`; this module looks up which items
are shared with the person's account and applies the rule inside the caller's transaction. A
refusal is a NotPermitted, which `audit.transaction` logs in a transaction of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters.tables import (
    DecisionRow,
    MeetingRow,
    PanelRow,
    PersonRow,
    SafeguardingConcernRow,
    SharedItemRow,
)
from risk_app.domain.access import Actor, PersonScope
from risk_app.domain.audit import AuditObject
from risk_app.domain.disclosure import RESTRICTED_FROM_PERSON, RecordPart, can_read_part
from risk_app.domain.errors import NotPermitted

T = TypeVar("T")

ITEM_TABLES: dict[RecordPart, type[SafeguardingConcernRow | MeetingRow | DecisionRow | PanelRow]]
ITEM_TABLES = {
    RecordPart.SAFEGUARDING_CONCERN: SafeguardingConcernRow,
    RecordPart.MEETING_RECORD: MeetingRow,
    RecordPart.CAPACITY_ASSESSMENT: DecisionRow,
    RecordPart.THIRD_PARTY: PanelRow,
}
"""Where the items of each restricted part are stored (each row has an id and a person_id)."""


def _scope(person: PersonRow) -> PersonScope:
    return PersonScope(person_id=person.id, team_id=person.team_id)


def shared_ids(session: Session, person_id: int, part: RecordPart) -> set[int]:
    """Ids of the items of `part` currently shared with the person's account."""
    return set(
        session.scalars(
            select(SharedItemRow.item_id).where(
                SharedItemRow.person_id == person_id,
                SharedItemRow.part == part.value,
                SharedItemRow.shared.is_(True),
            )
        )
    )


def reads_all(by: Actor, person: PersonRow, part: RecordPart) -> bool:
    """The actor reads every item of this part without any sharing (allocated staff)."""
    return can_read_part(by, _scope(person), part, shared=False)


def check_item(
    session: Session, by: Actor, person: PersonRow, part: RecordPart, item_id: int
) -> None:
    """Refuse (NotPermitted) one item the actor may not read."""
    if reads_all(by, person, part):
        return
    shared = item_id in shared_ids(session, person.id, part)
    if not can_read_part(by, _scope(person), part, shared=shared):
        raise NotPermitted(object_type=AuditObject(part), object_id=item_id)


def readable(
    session: Session,
    by: Actor,
    person: PersonRow,
    part: RecordPart,
    items: Sequence[T],
    item_id: Callable[[T], int],
) -> list[T]:
    """The items of a listed part the actor may read. Staff get them all; the person's account gets
    only the shared ones, and is refused (NotPermitted) when none of this part is shared."""
    if reads_all(by, person, part):
        return list(items)
    shared = shared_ids(session, person.id, part)
    scope = _scope(person)
    kept = [i for i in items if can_read_part(by, scope, part, shared=item_id(i) in shared)]
    if not kept:
        raise NotPermitted(object_type=AuditObject(part), object_id=person.id)
    return kept


def withheld_counts(session: Session, by: Actor, person: PersonRow) -> list[tuple[RecordPart, int]]:
    """For each restricted part, how many of the person's items this actor may not read (only
    parts with at least one), in the order of `RecordPart`. Counts only, never content."""
    out: list[tuple[RecordPart, int]] = []
    for part in (p for p in RecordPart if p in RESTRICTED_FROM_PERSON):
        if reads_all(by, person, part):
            continue
        table = ITEM_TABLES[part]
        ids: Iterable[int] = session.scalars(select(table.id).where(table.person_id == person.id))
        shared = shared_ids(session, person.id, part)
        count = sum(1 for i in ids if i not in shared)
        if count:
            out.append((part, count))
    return out
