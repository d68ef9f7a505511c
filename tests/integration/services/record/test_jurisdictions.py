"""The nation a person lives in, through the services: who can be recorded, and the review date
their nation's law gives (or does not give) their direct payment and plan.

Table-driven per jurisdiction; each row names the section it checks in its id.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from framework.law import NOT_SUPPORTED
from risk_app.adapters.db import Store
from risk_app.adapters.tables import PersonRow
from risk_app.domain.errors import InvalidInput, StaleEdit
from risk_app.domain.record.next_review import SourceKind
from risk_app.domain.record.plan import add_months
from risk_app.domain.record.review_rules import NO_INTERVAL
from risk_app.services import accounts
from risk_app.services.record import decisions, people, reviews
from tests import factories

TODAY = datetime.now(UTC).date()
NI_MESSAGE = NOT_SUPPORTED["northern_ireland"]


@pytest.fixture
def north(store: Store):
    return factories.actor(store, username="practitioner")


def test_a_welsh_person_can_be_recorded_and_their_record_reads_wales(store: Store, north):
    """SSWB(W)A 2014: a Welsh person is recorded as Welsh, never as English."""
    beth = factories.person(store, "Bethan Griffiths", jurisdiction="wales")
    assert people.get_person(store, by=north, person_id=beth.id).jurisdiction == "wales"
    assert [p.jurisdiction for p in people.caseload(store, by=north)] == ["wales"]


@pytest.mark.parametrize("nation", ["northern_ireland", " Northern_Ireland "])
def test_a_person_in_northern_ireland_is_refused_with_a_clear_message(store: Store, nation: str):
    with pytest.raises(InvalidInput) as refused:
        people.create_person(
            store,
            by=accounts.SYSTEM,
            display_name="Ciara Byrne",
            team=factories.NORTH,
            jurisdiction=nation,
        )
    assert str(refused.value) == NI_MESSAGE
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(PersonRow)) == 0


def test_moving_a_person_to_northern_ireland_is_refused_and_nothing_changes(store: Store, north):
    amina = factories.person(store, "Amina Okafor")
    with pytest.raises(InvalidInput, match="Northern Ireland"):
        people.save_changes(
            store,
            by=north,
            person_id=amina.id,
            expected_version=amina.version,
            changes=people.PersonChanges(jurisdiction="northern_ireland", preferred_name="Ami"),
        )
    kept = people.get_person(store, by=north, person_id=amina.id)
    assert (kept.jurisdiction, kept.preferred_name, kept.version) == ("england", "", amina.version)


def test_moving_a_person_to_wales_is_saved_and_a_stale_move_is_refused(store: Store, north):
    amina = factories.person(store, "Amina Okafor")
    moved = people.save_changes(
        store,
        by=north,
        person_id=amina.id,
        expected_version=amina.version,
        changes=people.PersonChanges(jurisdiction="wales"),
    )
    assert moved.jurisdiction == "wales"
    with pytest.raises(StaleEdit):
        people.save_changes(
            store,
            by=north,
            person_id=amina.id,
            expected_version=amina.version,
            changes=people.PersonChanges(jurisdiction="scotland"),
        )


def test_a_budget_option_of_another_nation_is_refused_when_the_nation_changes(store: Store, north):
    """SDS(S)A 2013 s4: an English direct payment (BO-DP) is not one of Scotland's options."""
    dave = factories.person(store, "David Price", stage="ST6", budget_option="BO-DP")
    with pytest.raises(InvalidInput, match="not offered in Scotland"):
        people.save_changes(
            store,
            by=north,
            person_id=dave.id,
            expected_version=dave.version,
            changes=people.PersonChanges(jurisdiction="scotland"),
        )
    moved = people.save_changes(
        store,
        by=north,
        person_id=dave.id,
        expected_version=dave.version,
        changes=people.PersonChanges(jurisdiction="scotland", budget_option="SC-OPT1"),
    )
    assert (moved.jurisdiction, moved.budget_option) == ("scotland", "SC-OPT1")


# ---------------------------------------------------------------------- reviews
DIRECT_PAYMENTS = [
    pytest.param(
        "england", "BO-DP", SourceKind.FIRST_DIRECT_PAYMENT, id="england-DP-Regs-2014-reg-7"
    ),
    pytest.param("scotland", "SC-OPT1", None, id="scotland-SDS-SA-2013-option-1-no-reg-7"),
    pytest.param("wales", "", None, id="wales-SSWBWA-2014-s50-no-reg-7"),
]


@pytest.mark.parametrize(("nation", "option", "rule"), DIRECT_PAYMENTS)
def test_only_an_english_direct_payment_gets_a_reg_7_review_date(
    store: Store, north, nation: str, option: str, rule: SourceKind | None
):
    started = TODAY - timedelta(days=30)
    person = factories.person(
        store,
        "Direct Payment",
        stage="ST6",
        jurisdiction=nation,
        budget_option=option,
        direct_payment_start=started,
    )
    plan = reviews.review_plan(store, by=north, person_id=person.id)
    if rule is None:
        assert plan.due is None and plan.sources == ()
        assert plan.no_interval is not None and plan.no_interval.startswith(NO_INTERVAL)
        team = reviews.next_reviews_for_team(store, by=north)
        assert team[person.id].due is None
    else:
        assert plan.source is not None and plan.source.kind is rule
        assert plan.due == add_months(started, 6)
        assert "reg 7" in plan.source.described and plan.no_interval is None


@pytest.mark.parametrize(
    "nation", [pytest.param(n, id=f"{n}-agreed-date") for n in ("scotland", "wales")]
)
def test_outside_england_the_date_agreed_with_the_person_is_their_next_review(
    store: Store, north, nation: str
):
    """AWI/SDS (Scotland), SSWB(W)A 2014 s54 (Wales): the review is by the date agreed."""
    person = factories.person(
        store,
        "Agreed Date",
        stage="ST6",
        jurisdiction=nation,
        direct_payment_start=TODAY - timedelta(days=100),
    )
    agreed = TODAY + timedelta(days=70)
    decisions.record_decision(
        store,
        by=north,
        person_id=person.id,
        data=decisions.DecisionInput(
            decision="I want to pay my neighbour's son to take me swimming.",
            options=[decisions.DecisionOption("Pay him from my direct payment")],
            support_given=[],
            decided="I will pay him to take me swimming.",
            outcome="agreed",
            review_date=agreed,
        ),
    )
    plan = reviews.review_plan(store, by=north, person_id=person.id)
    assert plan.due == agreed
    assert [s.kind for s in plan.sources] == [SourceKind.DECISION]


def test_an_english_plan_signed_off_gets_a_light_touch_review_six_to_eight_weeks_on(
    store: Store, north
):
    """CSSG para 13.32: a light-touch review 6 to 8 weeks after the plan is signed off."""
    ravi = factories.person(store, "Ravi Shah", stage="ST4")
    factories.agreed_plan(store, ravi, by=north)
    plan = reviews.review_plan(store, by=north, person_id=ravi.id)
    assert plan.source is not None and plan.source.kind is SourceKind.LIGHT_TOUCH
    assert (plan.source.window_from, plan.due) == (
        TODAY + timedelta(weeks=6),
        TODAY + timedelta(weeks=8),
    )
    assert "para 13.32" in plan.source.described


def test_a_scottish_plan_signed_off_gets_no_light_touch_review(store: Store):
    """CSSG para 13.32 is English statutory guidance: not applied in Scotland."""
    south = factories.actor(store, team=factories.SOUTH)
    eilidh = factories.person(
        store, "Eilidh MacLeod", team=factories.SOUTH, stage="ST4", jurisdiction="scotland"
    )
    factories.agreed_plan(store, eilidh, by=south)
    plan = reviews.review_plan(store, by=south, person_id=eilidh.id)
    assert plan.due is None and plan.no_interval is not None


def test_a_scottish_person_with_nothing_to_review_yet_is_not_asked_for_a_date(store: Store):
    """SDS(S)A 2013: no plan agreed and no direct payment, so there is nothing to review yet."""
    south = factories.actor(store, team=factories.SOUTH)
    eilidh = factories.person(
        store, "Eilidh MacLeod", team=factories.SOUTH, jurisdiction="scotland"
    )
    plan = reviews.review_plan(store, by=south, person_id=eilidh.id)
    assert (plan.due, plan.no_interval) == (None, None)
