"""Raising a safeguarding concern: screening against the abuse types leads, through the framework
graph, to the route to follow; the Section 42 three-part test is recorded with its outcome; and
what the person wants to happen is asked first (Making Safeguarding Personal)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import SafeguardingConcernRow
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.disclosure import RecordPart
from risk_app.domain.errors import InvalidInput
from risk_app.domain.inputs import Code, RecordId
from risk_app.domain.record.safeguarding import (
    S42Outcome,
    S42Test,
    Screening,
    s42_outcome,
    screen_concern,
)
from risk_app.domain.text import clean_long_text
from risk_app.services import audit, disclosure
from risk_app.services import framework as framework_service
from risk_app.services.boundary import checked
from risk_app.services.record.people import load_for
from risk_app.services.record.risks import check_risks_belong


@dataclass(frozen=True)
class ConcernView:
    id: int
    raised_at: datetime
    raised_by: str
    screening: Screening
    s42: S42Outcome
    person_wants: str
    immediate_action: str
    risk_id: int | None
    route_when_raised: tuple[str, ...]
    """Route node ids as the framework gave them when the concern was raised."""


@checked
def screen(abuse_type_ids: list[Code]) -> Screening:
    """What the framework says to do about these abuse types (nothing is recorded)."""
    return screen_concern(framework_service.current(), abuse_type_ids)


@checked
def raise_concern(
    store: Store,
    *,
    by: Actor,
    person_id: RecordId,
    abuse_types: list[Code],
    person_wants: str,
    immediate_action: str = "",
    needs: bool | None = None,
    abuse_or_risk: bool | None = None,
    unable_to_protect: bool | None = None,
    risk_id: RecordId | None = None,
) -> ConcernView:
    screening = screen(abuse_types)
    if not screening.positive:
        raise InvalidInput("Choose at least one type of abuse or neglect that may be happening.")
    wants = clean_long_text(person_wants, "what the person wants to happen")
    if not wants:
        raise InvalidInput(
            "Record what the person wants to happen (or why they could not be asked): "
            "Making Safeguarding Personal asks this first."
        )
    action = clean_long_text(immediate_action, "immediate action")
    now = datetime.now(UTC)
    test = S42Test(
        needs, abuse_or_risk, unable_to_protect, recorded_at=now, recorded_by=by.username
    )
    outcome = s42_outcome(test)
    with audit.transaction(store, by) as session:
        load_for(session, by, person_id, edit=True)
        check_risks_belong(session, person_id, [risk_id])
        row = SafeguardingConcernRow(
            person_id=person_id,
            risk_id=risk_id,
            abuse_types=[a.id for a in screening.abuse_types],
            route=[r.id for r in screening.route],
            needs=needs,
            abuse_or_risk=abuse_or_risk,
            unable_to_protect=unable_to_protect,
            s42_result=outcome.result.value,
            person_wants=wants,
            immediate_action=action,
            raised_at=now,
            raised_by=by.username,
            framework_version=framework_service.version(),
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.CREATE,
            AuditObject.SAFEGUARDING_CONCERN,
            row.id,
            person=person_id,
            s42=outcome.result.value,
        )
        return ConcernView(
            row.id, now, by.username, screening, outcome, wants, action, risk_id, tuple(row.route)
        )


@checked
def concerns_for(store: Store, *, by: Actor, person_id: RecordId) -> list[ConcernView]:
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=False)
        rows = list(
            session.scalars(
                select(SafeguardingConcernRow)
                .where(SafeguardingConcernRow.person_id == person_id)
                .order_by(SafeguardingConcernRow.raised_at.desc(), SafeguardingConcernRow.id.desc())
            )
        )
        # The person's own account reads only the concerns shared with it (ADR 0010).
        rows = disclosure.readable(
            session, by, person, RecordPart.SAFEGUARDING_CONCERN, rows, lambda r: r.id
        )
        audit.record_person_view(
            session, by, person, "safeguarding", concerns=",".join(str(r.id) for r in rows)
        )
    return [concern_view(row) for row in rows]


def concern_view(row: SafeguardingConcernRow) -> ConcernView:
    return ConcernView(
        row.id,
        row.raised_at,
        row.raised_by,
        screen(list(row.abuse_types)),
        s42_outcome(
            S42Test(
                row.needs,
                row.abuse_or_risk,
                row.unable_to_protect,
                recorded_at=row.raised_at,
                recorded_by=row.raised_by,
            )
        ),
        row.person_wants,
        row.immediate_action,
        row.risk_id,
        tuple(row.route),
    )
