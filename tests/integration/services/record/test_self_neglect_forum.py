"""A self-neglect concern can go to a multi-agency high-risk forum instead of, or before, the
Section 42 decision (Care and Support Statutory Guidance 14.17: self-neglect may not prompt a
section 42 enquiry; decide case by case), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from risk_app.domain.errors import InvalidInput, NotPermitted, StaleEdit
from risk_app.domain.record.concern_lifecycle import ConcernState, Step
from risk_app.domain.roles import Role
from risk_app.services.record import concern_steps, safeguarding, safeguarding_oversight
from tests import factories

REASONS = "Hoarding blocks the exits; she has capacity and refuses help; agencies to agree a plan"


@pytest.fixture
def north(store):
    return factories.actor(store, username="practitioner")


@pytest.fixture
def manager(store):
    return factories.actor(store, Role.TEAM_MANAGER, username="manager")


@pytest.fixture
def lead(store):
    return factories.actor(store, Role.SAFEGUARDING_LEAD, username="lead")


def _self_neglect(store, by, person, **fields):
    return safeguarding.raise_concern(
        store,
        by=by,
        person_id=person.id,
        abuse_types=["AB-SN"],
        person_wants="To stay at home with her things",
        **fields,
    )


def _refer(store, by, c, reasons=REASONS):
    return concern_steps.refer_to_forum(
        store, by=by, concern_id=c.id, expected_version=c.version, reasons=reasons
    )


def test_a_self_neglect_concern_is_routed_to_the_forum_as_well_as_section_42(store, north):
    c = _self_neglect(store, north, factories.person(store))
    assert {"RT3", "RT4"} <= set(c.route_when_raised)
    assert "TP23" in [t.id for t in c.screening.touchpoints]
    assert "14.17" in c.forum_note and "case by case" in c.forum_note
    assert c.next_steps == (Step.DECIDE, Step.REFER_TO_FORUM)


def test_a_self_neglect_concern_goes_to_the_forum_and_the_record_says_so(store, north, manager):
    c = _refer(store, manager, _self_neglect(store, north, factories.person(store)))
    assert c.state is ConcernState.FORUM
    assert c.forum_reasons == REASONS
    assert c.history[-1].step is Step.REFER_TO_FORUM and c.history[-1].by == "manager"
    assert c.s42 is None
    assert c.next_steps == (Step.DECIDE_AFTER_FORUM, Step.CLOSE_AFTER_FORUM)
    again = safeguarding.concerns_for(store, by=north, person_id=c.person_id)[0]
    assert again.state is ConcernState.FORUM and again.forum_reasons == REASONS


def test_a_concern_at_the_forum_is_never_a_late_section_42_decision(store, north, lead):
    person = factories.person(store)
    long_ago = datetime.now(UTC) - timedelta(days=21)
    at_forum = _refer(store, lead, _self_neglect(store, north, person, raised_at=long_ago))
    waiting = safeguarding.raise_concern(
        store,
        by=north,
        person_id=person.id,
        abuse_types=["AB-FIN"],
        person_wants="To keep her money",
        raised_at=long_ago,
    )
    listed = {w.concern_id for w in safeguarding_oversight.waiting_s42_decisions(store, by=lead)}
    assert at_forum.id not in listed and waiting.id in listed
    counts = {c.state: c for c in safeguarding_oversight.concern_counts(store, by=lead)}
    assert counts[ConcernState.FORUM].count == 1
    assert counts[ConcernState.FORUM].late_decisions == 0
    assert counts[ConcernState.RAISED].late_decisions == 1


def test_a_concern_that_is_not_self_neglect_cannot_go_to_the_forum(store, north, manager):
    c = safeguarding.raise_concern(
        store,
        by=north,
        person_id=factories.person(store).id,
        abuse_types=["AB-FIN"],
        person_wants="To keep her money",
    )
    with pytest.raises(InvalidInput, match="Only a self-neglect concern"):
        _refer(store, manager, c)
    assert safeguarding.concerns_for(store, by=north, person_id=c.person_id)[0].state is (
        ConcernState.RAISED
    )


def test_a_practitioner_cannot_send_a_concern_to_the_forum(store, north):
    c = _self_neglect(store, north, factories.person(store))
    with pytest.raises(NotPermitted):
        _refer(store, north, c)


def test_the_forum_needs_reasons(store, north, manager):
    c = _self_neglect(store, north, factories.person(store))
    with pytest.raises(InvalidInput, match="reasons"):
        _refer(store, manager, c, reasons="   ")


def test_a_stale_referral_is_refused_and_loses_nothing(store, north, manager, lead):
    c = _self_neglect(store, north, factories.person(store))
    _refer(store, lead, c)
    with pytest.raises(StaleEdit):
        _refer(store, manager, c, reasons="Another view")
    now = safeguarding.concerns_for(store, by=north, person_id=c.person_id)[0]
    assert now.forum_reasons == REASONS


def test_after_the_forum_the_section_42_decision_can_follow(store, north, manager):
    c = _refer(store, manager, _self_neglect(store, north, factories.person(store)))
    c = concern_steps.decide_s42(
        store,
        by=manager,
        concern_id=c.id,
        expected_version=c.version,
        needs=True,
        abuse_or_risk=True,
        unable_to_protect=True,
        reasons="She can no longer protect herself: the forum's plan has not held",
    )
    assert c.state is ConcernState.S42_DECIDED
    assert [e.step for e in c.history] == [Step.RAISE, Step.REFER_TO_FORUM, Step.DECIDE_AFTER_FORUM]
    assert c.forum_reasons == REASONS


def test_after_the_forum_the_concern_can_close_with_the_forums_plan(store, north, manager):
    c = _refer(store, manager, _self_neglect(store, north, factories.person(store)))
    c = concern_steps.close_after_forum(
        store,
        by=manager,
        concern_id=c.id,
        expected_version=c.version,
        follow_up="early_review",
        note="Fire service visit; weekly nurse visit; review in four weeks",
    )
    assert c.state is ConcernState.CLOSED and c.review_request_id is not None
    assert c.history[-1].step is Step.CLOSE_AFTER_FORUM
    assert c.closing_note.startswith("Fire service")


def test_closing_after_the_forum_needs_the_review_and_what_was_agreed(store, north, manager):
    c = _refer(store, manager, _self_neglect(store, north, factories.person(store)))
    with pytest.raises(InvalidInput, match="review takes this up"):
        concern_steps.close_after_forum(
            store,
            by=manager,
            concern_id=c.id,
            expected_version=c.version,
            follow_up=None,
            note="",
        )
