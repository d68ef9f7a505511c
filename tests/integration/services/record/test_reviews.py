"""Review dates: six months after a direct payment starts, then twelve; triggered reviews sooner."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from risk_app.adapters.db import Store
from risk_app.domain.errors import InvalidInput, NotPermitted
from risk_app.domain.record.plan import ReviewKind, ReviewStatus
from risk_app.domain.roles import Role
from risk_app.services.record import people, reviews
from tests import factories

TODAY = datetime.now(UTC).date()


@pytest.fixture
def north(store: Store):
    return factories.actor(store, username="practitioner")


def _david_with_dp(store: Store, actor, start: date):
    david = factories.person(store, "David Price", preferred="Dave", stage="ST6")
    return people.save_changes(
        store,
        by=actor,
        person_id=david.id,
        expected_version=david.version,
        changes=people.PersonChanges(budget_option="BO-DP", direct_payment_start=start),
    )


def test_nothing_is_due_before_a_plan_is_agreed_or_a_direct_payment_starts(store, north):
    tomasz = factories.person(store, "Tomasz Nowak")
    plan = reviews.review_plan(store, by=north, person_id=tomasz.id)
    assert (plan.due, plan.status) == (None, None)


def test_a_direct_payment_is_first_reviewed_within_six_months_then_every_twelve(store, north):
    start = TODAY - timedelta(days=200)
    david = _david_with_dp(store, north, start)
    plan = reviews.review_plan(store, by=north, person_id=david.id)
    assert plan.kind is ReviewKind.FIRST_DIRECT_PAYMENT and plan.status is ReviewStatus.OVERDUE
    assert [d.person_name for d in reviews.due_for_team(store, by=north)] == ["David Price"]
    reviews.record_review(
        store,
        by=north,
        person_id=david.id,
        held_on=TODAY,
        kind=ReviewKind.FIRST_DIRECT_PAYMENT,
        notes="Going well",
    )
    plan = reviews.review_plan(store, by=north, person_id=david.id)
    assert plan.kind is ReviewKind.SCHEDULED and plan.status is ReviewStatus.NOT_DUE
    assert plan.due and plan.due.year == TODAY.year + 1
    assert reviews.due_for_team(store, by=north) == []


def test_a_triggered_review_brings_the_date_forward_until_it_is_held(store, north):
    david = _david_with_dp(store, north, TODAY - timedelta(days=10))
    reviews.request_review(
        store,
        by=north,
        person_id=david.id,
        trigger="safety_or_welfare_compromised",
        notes="A fall at home",
    )
    plan = reviews.review_plan(store, by=north, person_id=david.id)
    assert plan.kind is ReviewKind.TRIGGERED and plan.status is ReviewStatus.DUE_SOON
    assert [str(t) for t in plan.open_requests] == ["safety_or_welfare_compromised"]
    reviews.record_review(
        store,
        by=north,
        person_id=david.id,
        held_on=TODAY,
        kind="triggered",
        trigger="safety_or_welfare_compromised",
    )
    plan = reviews.review_plan(store, by=north, person_id=david.id)
    assert plan.open_requests == () and plan.kind is ReviewKind.SCHEDULED


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "triggered"}, "triggered"),
        ({"kind": "monthly"}, "kind of review"),
        ({"kind": "scheduled", "held_on": TODAY + timedelta(days=3)}, "future"),
    ],
)
def test_bad_reviews_get_a_clear_message(store, north, kwargs, message):
    david = _david_with_dp(store, north, TODAY)
    with pytest.raises(InvalidInput, match=message):
        reviews.record_review(store, by=north, person_id=david.id, **{"held_on": TODAY, **kwargs})


def test_other_teams_and_individuals_cannot_list_or_record_reviews(store, north):
    david = _david_with_dp(store, north, TODAY)
    south = factories.actor(store, team=factories.SOUTH, username="practitioner.south")
    with pytest.raises(NotPermitted):
        reviews.record_review(store, by=south, person_id=david.id, held_on=TODAY, kind="scheduled")
    amina = factories.actor(store, Role.INDIVIDUAL, person=factories.person(store))
    with pytest.raises(NotPermitted):
        reviews.due_for_team(store, by=amina)


def test_every_review_held_or_asked_for_is_listed_newest_first_with_its_notes(store, north):
    david = _david_with_dp(store, north, TODAY)
    notes = "Title\n=====\nhttps://evil.example <b>x</b> kept exactly"
    reviews.request_review(
        store,
        by=north,
        person_id=david.id,
        trigger="safety_or_welfare_compromised",
        notes="Fell twice",
    )
    reviews.record_review(
        store, by=north, person_id=david.id, held_on=TODAY, kind="scheduled", notes=notes
    )
    listed = reviews.reviews_for(store, by=north, person_id=david.id)
    assert [(r.status, r.notes) for r in listed] == [("held", notes), ("met", "Fell twice")]
    assert listed[0].recorded_by == "practitioner" and listed[0].held_on == TODAY
    south = factories.actor(store, team=factories.SOUTH, username="practitioner.south")
    with pytest.raises(NotPermitted):
        reviews.reviews_for(store, by=south, person_id=david.id)
