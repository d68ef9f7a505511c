"""One next review: the record, the agreement, the person's own account and the staff lists all
show the same date, and say where it comes from."""

from __future__ import annotations

from datetime import timedelta

import pytest

from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.agreements.agreement_words import screens
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.next_review import SourceKind
from risk_app.domain.record.plan import PlanOutcome, ReviewKind, ValidationCheck, add_months
from risk_app.services.agreements import issuing
from risk_app.services.record import plan_validation, reviews
from tests import factories

TODAY = factories.TODAY


def test_a_panel_date_before_the_twelve_month_rule_is_the_one_date_everyone_sees(store: Store):
    made = factories.review_dates_agreed(store)
    by = made.practitioner
    plan = reviews.review_plan(store, by=by, person_id=made.person.id)
    assert plan.due == factories.PANEL_REVIEW
    assert plan.source is not None and plan.source.kind is SourceKind.PANEL
    assert (plan.source.record_id, plan.source.agreed_on) == (made.panel.id, TODAY)
    assert [s.kind for s in plan.sources] == [
        SourceKind.PANEL,
        SourceKind.MEETING,
        SourceKind.LIGHT_TOUCH,
        SourceKind.SCHEDULED,
    ]
    light_touch = plan.sources[-2]
    assert (light_touch.window_from, light_touch.due) == (
        TODAY + timedelta(weeks=6),
        TODAY + timedelta(weeks=8),
    ), "CSSG para 13.32: a light-touch review 6 to 8 weeks after sign-off"
    assert plan.sources[-1].due == add_months(TODAY, 12)

    content = issuing.draft(store, by=by, person_id=made.person.id).content
    assert content.review.due == factories.PANEL_REVIEW
    assert content.review.source == plan.source.plain
    said = [line.text for screen in screens(content, version=1) for line in screen.lines]
    assert (
        f"We will look at this agreement again by {words.day(factories.PANEL_REVIEW)}. "
        f"This date was agreed at a panel meeting about you on {words.day(TODAY)}."
    ) in said

    own = reviews.review_plan(store, by=made.individual, person_id=made.person.id)
    assert own.due == factories.PANEL_REVIEW
    team = reviews.next_reviews_for_team(store, by=by)
    assert team[made.person.id].due == factories.PANEL_REVIEW
    due = reviews.due_for_team(store, by=by)
    assert [(d.person_id, d.plan.due) for d in due] == [(made.person.id, factories.PANEL_REVIEW)]


def test_a_review_held_after_the_panel_and_meeting_meets_their_dates(store: Store):
    made = factories.review_dates_agreed(store)
    reviews.record_review(
        store,
        by=made.practitioner,
        person_id=made.person.id,
        held_on=TODAY,
        kind=ReviewKind.SCHEDULED,
    )
    plan = reviews.review_plan(store, by=made.practitioner, person_id=made.person.id)
    assert plan.source is not None and plan.source.kind is SourceKind.SCHEDULED
    assert {s.kind for s in plan.met} == {SourceKind.PANEL, SourceKind.MEETING}
    assert reviews.due_for_team(store, by=made.practitioner) == []


def test_an_early_review_asked_for_comes_before_a_later_agreed_date(store: Store):
    made = factories.review_dates_agreed(store)
    soon = TODAY + timedelta(days=5)
    reviews.request_review(
        store,
        by=made.practitioner,
        person_id=made.person.id,
        trigger="capacity_changed",
        due_by=soon,
    )
    plan = reviews.review_plan(store, by=made.practitioner, person_id=made.person.id)
    assert (plan.due, plan.kind) == (soon, ReviewKind.TRIGGERED)
    assert plan.source is not None and plan.source.kind is SourceKind.REQUEST
    content = issuing.draft(store, by=made.practitioner, person_id=made.person.id).content
    assert content.review.due == soon


def _checks():
    return {check: (True, f"{check.value} checked") for check in ValidationCheck}


def test_a_review_date_agreed_with_the_plans_conditions_counts_and_says_so(store: Store):
    someone = factories.person(store, "Lee Chan", stage="ST4")
    by = factories.actor(store)
    agreed = TODAY + timedelta(weeks=6)
    validation = plan_validation.validate_plan(
        store,
        by=by,
        person_id=someone.id,
        checks=_checks(),
        requested=PlanOutcome.AGREED_WITH_CONDITIONS,
        conditions="Look again in six weeks",
        review_date=agreed,
    )
    assert validation.review_date == agreed
    plan = reviews.review_plan(store, by=by, person_id=someone.id)
    assert plan.due == agreed
    assert plan.source is not None and plan.source.kind is SourceKind.PLAN_CONDITIONS
    assert plan.source.agreed_by == by.username


def test_a_review_date_agreed_with_the_plan_cannot_be_in_the_past(store: Store):
    someone = factories.person(store, "Lee Chan", stage="ST4")
    with pytest.raises(InvalidInput, match="cannot be in the past"):
        plan_validation.validate_plan(
            store,
            by=factories.actor(store),
            person_id=someone.id,
            checks=_checks(),
            requested=PlanOutcome.AGREED,
            review_date=TODAY - timedelta(days=1),
        )


def test_a_review_date_agreed_with_a_decision_counts_and_cannot_precede_it(store: Store):
    someone = factories.person(store, "Lee Chan")
    by = factories.actor(store)
    with pytest.raises(InvalidInput, match="before the decision was made"):
        factories.decision(store, someone, by=by, review_date=TODAY - timedelta(days=1))
    made = factories.decision(store, someone, by=by, review_date=TODAY + timedelta(days=9))
    assert made.review_date == TODAY + timedelta(days=9)
    plan = reviews.review_plan(store, by=by, person_id=someone.id)
    assert plan.due == TODAY + timedelta(days=9)
    assert plan.source is not None and plan.source.kind is SourceKind.DECISION
    assert plan.source.record_id == made.id


def test_a_person_with_no_plan_and_no_agreed_date_has_no_next_review(store: Store):
    someone = factories.person(store, "Lee Chan")
    plan = reviews.review_plan(store, by=factories.actor(store), person_id=someone.id)
    assert (plan.due, plan.source, plan.sources) == (None, None, ())
