"""Screening for abuse leads through the framework to a route; the Section 42 test is recorded."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow
from risk_app.domain.errors import InvalidInput, NotPermitted
from risk_app.domain.record.safeguarding import S42Result
from risk_app.services.record import safeguarding
from tests import factories


@pytest.fixture
def north(store: Store):
    return factories.actor(store, username="practitioner")


def _margaret(store: Store):
    return factories.person(store, "Margaret Hughes", preferred="Peggy", stage="ST8")


def test_financial_abuse_screening_leads_to_raising_a_concern_and_the_safeguarding_route(
    store, north
):
    screening = safeguarding.screen(["AB-FIN"])
    assert screening.touchpoints[0].id == "TP11"
    assert "RT3" in [r.id for r in screening.route]
    assert any(r.type == "safeguarding_step" for r in screening.route)


def test_all_three_conditions_met_records_the_duty_to_enquire(store, north):
    margaret = _margaret(store)
    concern = safeguarding.raise_concern(
        store,
        by=north,
        person_id=margaret.id,
        abuse_types=["AB-FIN"],
        person_wants="For her nephew to stop taking money, but to keep seeing him",
        immediate_action="Bank card cancelled with her agreement",
        needs=True,
        abuse_or_risk=True,
        unable_to_protect=True,
    )
    assert concern.s42.result is S42Result.DUTY_TO_ENQUIRE
    [listed] = safeguarding.concerns_for(store, by=north, person_id=margaret.id)
    assert listed.person_wants.startswith("For her nephew") and "RT3" in listed.route_when_raised
    with store.read() as session:
        event = session.scalars(
            select(AuditEventRow).where(AuditEventRow.object_type == "safeguarding_concern")
        ).one()
    assert "nephew" not in event.detail


def test_a_condition_not_met_is_recorded_with_other_responses(store, north):
    margaret = _margaret(store)
    concern = safeguarding.raise_concern(
        store,
        by=north,
        person_id=margaret.id,
        abuse_types=["AB-SN"],
        person_wants="To be left to manage her garden",
        needs=True,
        abuse_or_risk=True,
        unable_to_protect=False,
    )
    assert concern.s42.result is S42Result.NOT_MET
    assert concern.s42.explanation


def test_the_persons_wishes_and_at_least_one_abuse_type_are_required(store, north):
    margaret = _margaret(store)
    with pytest.raises(InvalidInput, match="Making Safeguarding Personal"):
        safeguarding.raise_concern(
            store, by=north, person_id=margaret.id, abuse_types=["AB-FIN"], person_wants=" "
        )
    with pytest.raises(InvalidInput, match="at least one"):
        safeguarding.raise_concern(
            store, by=north, person_id=margaret.id, abuse_types=[], person_wants="x"
        )
    with pytest.raises(InvalidInput):
        safeguarding.raise_concern(
            store, by=north, person_id=margaret.id, abuse_types=["AB-NONE"], person_wants="x"
        )


def test_another_team_cannot_raise_or_read_concerns(store, north):
    margaret = _margaret(store)
    south = factories.actor(store, team=factories.SOUTH, username="practitioner.south")
    with pytest.raises(NotPermitted):
        safeguarding.raise_concern(
            store, by=south, person_id=margaret.id, abuse_types=["AB-FIN"], person_wants="x"
        )
    with pytest.raises(NotPermitted):
        safeguarding.concerns_for(store, by=south, person_id=margaret.id)
