"""Person-centred risk assessment and shared ownership, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from risk_app.adapters.db import Store
from risk_app.domain.errors import InvalidInput, NotPermitted, StaleEdit
from risk_app.domain.record.ownership import ActionStatus
from risk_app.services.record import risks
from risk_app.services.record.risks import RiskInput
from tests import factories

MOTORBIKE = RiskInput(
    activity="Riding my motorbike to see my grandson on Sundays",
    likelihood=3,
    impact=5,
    benefits="Independence; time with my grandson; I feel like myself",
    harm_to_self="A fall or crash if I am tired after my medication",
    harm_from_others="",
    person_view="I have ridden for forty years. I know my limits.",
    person_likelihood=2,
    person_impact=4,
    strengths="Grandson rides with me; bike serviced monthly",
    residual_likelihood=2,
    residual_impact=5,
)


@pytest.fixture
def north(store: Store):
    return factories.actor(store, username="practitioner")


@pytest.fixture
def david(store: Store):
    return factories.person(store, "David Price", preferred="Dave", stage="ST6")


def test_a_risk_is_recorded_with_benefits_and_three_ratings(store: Store, north, david):
    assessment = risks.start_assessment(store, by=north, person_id=david.id)
    risks.add_risk(store, by=north, assessment_id=assessment, data=MOTORBIKE)
    [found] = risks.assessments_for(store, by=north, person_id=david.id)
    assert (found.stage, found.scale_name) == ("ST6", "NHS 5x5") or found.scale_name
    [risk] = found.risks
    assert risk.benefits.startswith("Independence")
    assert (risk.view.before.score, risk.view.before.band) == (15, "High")
    assert risk.view.person_rating and risk.view.person_rating.score == 8
    assert risk.view.after and risk.view.after.score == 10
    assert risk.ratings_differ is False  # person 8 (Medium) and residual 10 (Medium) agree
    assert risk.high is False


def test_a_risk_left_high_after_mitigation_is_flagged(store: Store, north, david):
    assessment = risks.start_assessment(store, by=north, person_id=david.id)
    high = RiskInput(
        activity="Living alone without a pendant alarm",
        likelihood=4,
        impact=5,
        residual_likelihood=4,
        residual_impact=4,
        person_likelihood=1,
        person_impact=2,
    )
    risks.add_risk(store, by=north, assessment_id=assessment, data=high)
    [risk] = risks.assessments_for(store, by=north, person_id=david.id)[0].risks
    assert risk.high and risk.ratings_differ


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"activity": "  "}, "in the person's words"),
        ({"likelihood": 6}, "likelihood"),
        ({"person_likelihood": 2, "person_impact": None}, "both likelihood and impact"),
        ({"abuse_types": ("AB-NOPE",)}, "Unknown type of abuse"),
    ],
)
def test_a_bad_risk_gets_a_clear_message(store: Store, north, david, change, message):
    from dataclasses import replace

    assessment = risks.start_assessment(store, by=north, person_id=david.id)
    with pytest.raises(InvalidInput, match=message):
        risks.add_risk(store, by=north, assessment_id=assessment, data=replace(MOTORBIKE, **change))


def test_a_stale_risk_edit_is_refused_and_the_newer_kept(store: Store, north, david):
    from dataclasses import replace

    assessment = risks.start_assessment(store, by=north, person_id=david.id)
    risk_id = risks.add_risk(store, by=north, assessment_id=assessment, data=MOTORBIKE)
    newer = risks.update_risk(
        store,
        by=north,
        risk_id=risk_id,
        expected_version=1,
        data=replace(MOTORBIKE, strengths="Grandson and a neighbour"),
    )
    with pytest.raises(StaleEdit):
        risks.update_risk(
            store,
            by=north,
            risk_id=risk_id,
            expected_version=1,
            data=replace(MOTORBIKE, strengths="Older text"),
        )
    [risk] = risks.assessments_for(store, by=north, person_id=david.id)[0].risks
    assert (risk.strengths, risk.version) == ("Grandson and a neighbour", newer)


def test_owners_without_accounts_acknowledge_and_overdue_actions_surface(
    store: Store, north, david
):
    assessment = risks.start_assessment(store, by=north, person_id=david.id)
    risk_id = risks.add_risk(store, by=north, assessment_id=assessment, data=MOTORBIKE)
    late = risks.add_action(
        store,
        by=north,
        person_id=david.id,
        risk_id=risk_id,
        description="Check the bike's brakes each month",
        owner_name="Leo Price",
        owner_kind="family_or_friend",
        due=date.today() - timedelta(days=3),
    )
    risks.add_action(
        store,
        by=north,
        person_id=david.id,
        risk_id=risk_id,
        description="Review medication timing",
        owner_name="Dr Shah (GP)",
        owner_kind="health",
        due=date.today() + timedelta(days=30),
    )
    risks.acknowledge(store, by=north, action_id=late, acknowledged_by="Leo Price", method="phone")
    [risk] = risks.assessments_for(store, by=north, person_id=david.id)[0].risks
    assert [a.acknowledged for a in risk.actions] == [True, False]
    overdue = risks.overdue_for_team(store, by=north)
    assert [(o.person_name, o.action.owner_name) for o in overdue] == [("David Price", "Leo Price")]
    risks.set_action_status(
        store, by=north, action_id=late, expected_version=1, status=ActionStatus.DONE
    )
    assert risks.overdue_for_team(store, by=north) == []


def test_another_team_cannot_read_or_add_to_a_persons_risks(store: Store, north, david):
    south = factories.actor(store, team=factories.SOUTH, username="practitioner.south")
    with pytest.raises(NotPermitted):
        risks.start_assessment(store, by=south, person_id=david.id)
    with pytest.raises(NotPermitted):
        risks.assessments_for(store, by=south, person_id=david.id)
    with pytest.raises(InvalidInput, match="kind of owner"):
        risks.add_action(
            store,
            by=north,
            person_id=david.id,
            description="x",
            owner_name="Y",
            owner_kind="wizard",
            due=None,
        )


def test_a_council_that_names_the_npsa_2008_scale_gets_its_four_bands():
    from risk_app.domain.record.risk import NPSA_2008, THREE_BAND_5X5

    assert risks.current_scale("npsa-2008") is NPSA_2008
    assert risks.current_scale(None) is THREE_BAND_5X5
