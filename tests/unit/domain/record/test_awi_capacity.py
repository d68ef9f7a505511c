"""Incapacity under the Adults with Incapacity (Scotland) Act 2000: s1(6) (five abilities, then the
causal question) and the s1(2)-(5) principles in place of best interests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from risk_app.domain.record.awi_capacity import (
    AwiAbility,
    AwiCause,
    AwiPrinciple,
    AwiRecord,
    assess,
    principles_gaps,
    recording_gaps,
)
from risk_app.domain.record.capacity import CapacityOutcome, Finding
from risk_app.domain.record.who_decides import (
    WHAT_WAS_DECIDED,
    Authority,
    DecisionMaker,
    authorities_for,
    decision_maker,
)

AT = datetime(2026, 12, 6, 10, tzinfo=UTC)
ABLE = dict.fromkeys(AwiAbility, Finding.ABLE)


def _record(**changes) -> AwiRecord:
    values = {
        "decision": "Walking to the harbour alone",
        "assessed_at": AT,
        "reason_to_doubt": "Lost her way twice this month",
        "practicable_steps": ("Communication aid",),
        "abilities": {**ABLE, AwiAbility.MAKING: Finding.UNABLE},
        "evidence": {AwiAbility.MAKING: "Could not choose either way"},
        "cause": AwiCause.MENTAL_DISORDER,
        "condition": "Vascular dementia",
        "relevant_information": "The road, the tide and the dark",
        "balance_of_probabilities": True,
        "assessor_name": "Ann Ross",
        "assessor_role": "Mental health officer",
    }
    return AwiRecord(**{**values, **changes})


def _said(*texts: str) -> str:
    return " ".join(texts).lower()


def test_awi_s1_6_an_inability_by_reason_of_mental_disorder_is_incapacity_never_best_interests():
    found = assess(_record(), presumed="")
    assert found.outcome is CapacityOutcome.LACKS_CAPACITY
    said = _said(*found.reasons)
    assert "s1(6)" in said and "s1 principles" in said
    assert "best interests" not in said and "best-interests" not in said


def test_awi_s1_6_no_doubt_presumes_capacity_with_the_words_given():
    found = assess(_record(reason_to_doubt=" "), presumed="Nobody intervenes.")
    assert (found.outcome, found.reasons) == (CapacityOutcome.PRESUMED, ("Nobody intervenes.",))


@pytest.mark.parametrize(
    "ability", [pytest.param(a, id=f"AWISA-2000-s1(6)-{a.value}") for a in AwiAbility]
)
def test_awi_s1_6_an_unanswered_ability_refuses_a_conclusion_and_names_it(ability: AwiAbility):
    abilities = {a: f for a, f in ABLE.items() if a is not ability}
    found = assess(_record(abilities=abilities, evidence={}, cause=None), presumed="")
    assert found.outcome is CapacityOutcome.INCOMPLETE
    assert ability.label in " ".join(found.reasons)


def test_awi_s1_6_an_unanswered_cause_refuses_and_asks_the_causal_question():
    found = assess(_record(cause=None), presumed="")
    assert found.outcome is CapacityOutcome.INCOMPLETE
    assert any("causal question" in r and "s1(6)" in r for r in found.reasons)


def test_awi_s1_6_an_inability_by_neither_cause_is_not_incapacity():
    found = assess(_record(cause=AwiCause.NEITHER, condition=None), presumed="")
    assert found.outcome is CapacityOutcome.HAS_CAPACITY


def test_awi_s1_6_an_inability_needs_its_evidence_the_help_given_and_the_condition_named():
    found = assess(_record(evidence={}, practicable_steps=(), condition=" "), presumed="")
    said = " ".join(found.reasons)
    assert found.outcome is CapacityOutcome.INCOMPLETE
    assert "evidence" in said and "help given" in said and "mental disorder or physical" in said


def test_awi_our_recording_rules_ask_the_information_the_standard_and_who_assessed():
    gaps = recording_gaps(
        _record(relevant_information=None, balance_of_probabilities=None, assessor_name=None)
    )
    assert len(gaps) == 3 and all("s3(4)" not in g and "s2(4)" not in g for g in gaps)


def test_awi_s1_2_to_s1_5_every_principle_must_be_answered():
    assert principles_gaps({}) == list(AwiPrinciple)
    some = {AwiPrinciple.BENEFIT: "Keeps her walking", AwiPrinciple.ENCOURAGE_SKILLS: " "}
    assert principles_gaps(some) == [
        AwiPrinciple.LEAST_RESTRICTIVE,
        AwiPrinciple.WISHES_AND_VIEWS,
        AwiPrinciple.ENCOURAGE_SKILLS,
    ]
    cited = [p.question for p in AwiPrinciple]
    assert all(q.endswith(f"(s1({n}))") for q, n in zip(cited, range(2, 6), strict=True))


def test_awi_s16_s64_s53_without_an_authority_the_decision_follows_the_principles():
    lacks = CapacityOutcome.LACKS_CAPACITY
    assert decision_maker(lacks, False, awi=True) is DecisionMaker.AWI_PRINCIPLES
    assert decision_maker(lacks, True, awi=True) is DecisionMaker.AUTHORITY
    assert decision_maker(lacks, False) is DecisionMaker.BEST_INTERESTS  # MCA 2005 s4
    assert "best interests" not in WHAT_WAS_DECIDED[DecisionMaker.AWI_PRINCIPLES].lower()
    assert authorities_for("scotland") == (
        Authority.WELFARE_ATTORNEY,
        Authority.GUARDIAN,
        Authority.INTERVENTION_ORDER,
    )
    assert Authority.WELFARE_ATTORNEY not in authorities_for("england")
    assert "s16" in Authority.WELFARE_ATTORNEY.label and "s64" in Authority.GUARDIAN.label
