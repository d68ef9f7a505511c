"""Screening for abuse leads through the framework to a route; the concern waits for its Section 42 decision."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow
from risk_app.domain.errors import InvalidInput, NotPermitted
from risk_app.domain.record.concern_lifecycle import ConcernState, Step
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


def test_raising_records_the_concern_waiting_for_its_section_42_decision(store, north):
    margaret = _margaret(store)
    concern = safeguarding.raise_concern(
        store,
        by=north,
        person_id=margaret.id,
        abuse_types=["AB-FIN"],
        person_wants="For her nephew to stop taking money, but to keep seeing him",
        immediate_action="Bank card cancelled with her agreement",
    )
    assert concern.state is ConcernState.RAISED and concern.s42 is None
    assert [e.step for e in concern.history] == [Step.RAISE]
    [listed] = safeguarding.concerns_for(store, by=north, person_id=margaret.id)
    assert listed.person_wants.startswith("For her nephew") and "RT3" in listed.route_when_raised
    with store.read() as session:
        event = session.scalars(
            select(AuditEventRow).where(AuditEventRow.object_type == "safeguarding_concern")
        ).one()
    assert "nephew" not in event.detail


def test_other_or_not_sure_can_be_raised_with_a_description_and_no_listed_type(store, north):
    margaret = _margaret(store)
    concern = safeguarding.raise_concern(
        store,
        by=north,
        person_id=margaret.id,
        abuse_types=[],
        other_or_not_sure="Bruises nobody explains; not sure what is happening",
        person_wants="She says she wants to stay at home",
    )
    assert concern.abuse_other.startswith("Bruises")
    # CSSG 14.16: the list does not limit what counts; "other, or not sure" has a route too
    assert [a.id for a in concern.screening.abuse_types] == ["AB-OTHER"]
    assert "TP11" in [t.id for t in concern.screening.touchpoints]
    assert concern.route_when_raised[:2] == ("RT3", "SG1")


def test_the_persons_wishes_and_at_least_one_abuse_type_are_required(store, north):
    margaret = _margaret(store)
    with pytest.raises(InvalidInput, match="Making Safeguarding Personal"):
        safeguarding.raise_concern(
            store, by=north, person_id=margaret.id, abuse_types=["AB-FIN"], person_wants=" "
        )
    with pytest.raises(InvalidInput, match="other / not sure"):
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
