"""'Other, or not sure' as a type of abuse or neglect (Care and Support Statutory Guidance 14.16:
the list must not limit what counts), and Making Safeguarding Personal outcomes at the enquiry's
close: every combination the screen offers is kept as given, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.concern_lifecycle import ConcernState, OutcomesAchieved, RiskAfter
from risk_app.domain.roles import Role
from risk_app.services.record import concern_steps, safeguarding
from tests import factories

HOSTILE = "**Not sure** <b>what</b> is [happening](http://x) `here` # at all"


@pytest.fixture
def north(store):
    return factories.actor(store, username="practitioner")


@pytest.fixture
def manager(store):
    return factories.actor(store, Role.TEAM_MANAGER, username="manager")


def test_other_or_not_sure_alone_with_a_description_is_kept_word_for_word(store, north):
    c = safeguarding.raise_concern(
        store,
        by=north,
        person_id=factories.person(store).id,
        abuse_types=["AB-OTHER"],
        other_or_not_sure=HOSTILE,
        person_wants="She wants it to stop",
    )
    assert c.abuse_other == HOSTILE
    assert [a.id for a in c.screening.abuse_types] == ["AB-OTHER"]
    assert c.route_when_raised[0] == "RT3"
    again = safeguarding.concerns_for(store, by=north, person_id=c.person_id)[0]
    assert again.abuse_other == HOSTILE


def test_other_or_not_sure_without_a_description_is_refused(store, north):
    with pytest.raises(InvalidInput, match="describe what may be happening"):
        safeguarding.raise_concern(
            store,
            by=north,
            person_id=factories.person(store).id,
            abuse_types=["AB-OTHER"],
            other_or_not_sure="  ",
            person_wants="She wants it to stop",
        )


def test_a_description_beside_a_listed_type_adds_other_or_not_sure(store, north):
    c = safeguarding.raise_concern(
        store,
        by=north,
        person_id=factories.person(store).id,
        abuse_types=["AB-FIN"],
        other_or_not_sure="Also a new friend who visits late at night",
        person_wants="She wants to keep her money",
    )
    assert [a.id for a in c.screening.abuse_types] == ["AB-FIN", "AB-OTHER"]


ASKED = [
    pytest.param(True, achieved, risk, id=f"asked-{achieved.value}-{risk.value}")
    for achieved in OutcomesAchieved
    for risk in RiskAfter
] + [pytest.param(False, None, risk, id=f"not-asked-{risk.value}") for risk in RiskAfter]


@pytest.mark.parametrize("risk", list(RiskAfter), ids=lambda r: f"asked-said-nothing-{r.value}")
def test_a_person_asked_who_expressed_no_outcome_is_kept_as_such(store, north, manager, risk):
    """MSP: asked, but no outcomes expressed; nothing to achieve, the risk still recorded."""
    c = factories.concern_at(store, factories.person(store), "enquiry", by=manager)
    concern_steps.record_outcome(
        store,
        by=north,
        concern_id=c.id,
        expected_version=c.version,
        outcomes_asked=True,
        outcomes_expressed=False,
        desired_outcomes="",
        achieved=None,
        risk_after=risk,
    )
    kept = safeguarding.concerns_for(store, by=north, person_id=c.person_id)[0]
    assert (kept.outcomes_asked, kept.outcomes_expressed, kept.desired_outcomes) == (
        True,
        False,
        "",
    )
    assert kept.outcomes_achieved is None and kept.risk_after is risk


@pytest.mark.parametrize(("asked", "achieved", "risk"), ASKED)
def test_every_making_safeguarding_personal_outcome_the_screen_offers_is_kept(
    store, north, manager, asked, achieved, risk
):
    """MSP at closure: asked (yes/no), the words, achieved fully/partly/not (only if asked); the
    risk removed/reduced/remains (the SAC return's categories)."""
    c = factories.concern_at(store, factories.person(store), "enquiry", by=manager)
    assert (c.outcomes_asked, c.outcomes_achieved, c.risk_after) == (None, None, None)
    words = "To feel safe at home <and> keep seeing *him*" if asked else ""
    c = concern_steps.record_outcome(
        store,
        by=north,
        concern_id=c.id,
        expected_version=c.version,
        outcomes_asked=asked,
        desired_outcomes=words,
        achieved=achieved,
        risk_after=risk,
    )
    kept = safeguarding.concerns_for(store, by=north, person_id=c.person_id)[0]
    assert kept.state is ConcernState.OUTCOME
    assert kept.outcomes_asked is asked
    assert kept.outcomes_expressed is (True if asked else None)
    assert kept.desired_outcomes == words
    assert kept.outcomes_achieved is achieved
    assert kept.risk_after is risk
