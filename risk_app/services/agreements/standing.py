"""The representative's standing as recorded now, read for the signing rule
(`risk_app.domain.agreements.who_may_sign`): the person's nation, the representative's authority
and its answers, and the capacity records about agreeing to the agreement. Read at signing time,
inside the caller's transaction, because capacity and authority can change after a version is
issued."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters.tables import DecisionRow, PersonRow
from risk_app.domain.agreements.who_may_sign import (
    CapacityRecordSeen,
    Standing,
    capacity_to_agree,
)
from risk_app.domain.record.people import RepresentativeAuthority


def standing_of(session: Session, person: PersonRow) -> Standing | None:
    """The standing of the person's recorded representative, or None when none is recorded."""
    if person.representative_authority == RepresentativeAuthority.NONE.value:
        return None
    if not person.representative_name.strip():
        return None
    rows = session.execute(
        select(DecisionRow.decision, DecisionRow.decided_at, DecisionRow.capacity_outcome).where(
            DecisionRow.person_id == person.id
        )
    ).all()
    seen = [CapacityRecordSeen(decision, at, outcome) for decision, at, outcome in rows]
    return Standing(
        jurisdiction=person.jurisdiction,
        name=person.representative_name,
        authority=person.representative_authority,
        order_covers_welfare=person.representative_order_covers_welfare,
        registered=person.representative_registered,
        capacity=capacity_to_agree(seen),
    )
