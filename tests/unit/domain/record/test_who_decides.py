"""Who decides when a person lacks capacity: an attorney, a deputy or an advance decision is asked
about before best interests (Mental Capacity Act 2005 s6(6), ss9-11, s16, ss24-26)."""

from __future__ import annotations

import pytest

from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.capacity import CapacityOutcome
from risk_app.domain.record.council_response import CouncilResponse
from risk_app.domain.record.who_decides import (
    Authority,
    DecisionMaker,
    applies_mca,
    authority_gaps,
    decision_maker,
    who_decides_wording,
)


@pytest.mark.parametrize(
    ("outcome", "covers", "maker"),
    [
        (CapacityOutcome.PRESUMED, None, DecisionMaker.PERSON),
        (CapacityOutcome.HAS_CAPACITY, None, DecisionMaker.PERSON),
        (CapacityOutcome.LACKS_CAPACITY, None, DecisionMaker.NOT_ANSWERED),
        (CapacityOutcome.LACKS_CAPACITY, True, DecisionMaker.AUTHORITY),
        (CapacityOutcome.LACKS_CAPACITY, False, DecisionMaker.BEST_INTERESTS),
    ],
    ids=["s1(2) presumed", "has capacity", "s6(6) unanswered", "s6(6) covered", "s4 applies"],
)
def test_who_decides_follows_the_capacity_conclusion_and_the_authority_answer(
    outcome, covers, maker
):
    assert decision_maker(outcome, covers) is maker


@pytest.mark.parametrize("jurisdiction", ["england", "wales"])
def test_the_mca_wording_is_used_in_england_and_wales_and_cites_section_6(jurisdiction):
    """The MCA 2005 extends to England and Wales (s6(6) on legislation.gov.uk)."""
    wording = who_decides_wording(jurisdiction)
    assert wording is not None and applies_mca(jurisdiction)
    assert "https://www.legislation.gov.uk/ukpga/2005/9/section/6" in wording.why
    assert "advance decision" in wording.question


def test_a_scottish_person_is_asked_about_awi_authorities_not_the_mca():
    """AWI(S)A 2000 s16 (welfare attorney), s64 (guardian), s53 (intervention order)."""
    wording = who_decides_wording("scotland")
    assert wording is not None and not applies_mca("scotland")
    assert "welfare attorney" in wording.question and "intervention order" in wording.question
    every = f"{wording.question} {wording.why} {wording.authority_decides}".lower()
    assert "best interests" not in every and "best-interests" not in every
    assert "https://www.legislation.gov.uk/asp/2000/4/section/16" in wording.why
    assert "https://www.legislation.gov.uk/asp/2000/4/section/64" in wording.why


def test_an_authoritys_record_names_everything_still_missing():
    assert len(authority_gaps(None, " ", None, "")) == 4
    assert authority_gaps(Authority.DEPUTY, "Jo", "Order of 2025 covers care", "Stay home") == ()


def test_the_councils_response_is_not_the_persons_decision_and_can_be_not_funded():
    assert CouncilResponse.parse("not_funded").label == "Not funded"
    with pytest.raises(InvalidInput, match="council's response"):
        CouncilResponse.parse("")
