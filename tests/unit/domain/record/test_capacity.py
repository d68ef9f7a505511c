from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.capacity import (
    ORDER_NOTE,
    UNWISE_DECISION_REMINDER,
    BestInterestsItem,
    BestInterestsRecord,
    CapacityOutcome,
    CapacityRecord,
    Finding,
    FunctionalAbility,
    answers_without_doubt,
    assess,
    best_interests_gaps,
    best_interests_required,
    recording_gaps,
)

AT = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
DECISION = "Whether to let her nephew manage her direct payment account"
ALL_ABLE = dict.fromkeys(FunctionalAbility, Finding.ABLE)
STEPS = ("Explained with an easy-read leaflet, at home, with her sister present",)


def _record(**changes: object) -> CapacityRecord:
    fields: dict[str, object] = {
        "decision": DECISION,
        "assessed_at": AT,
        "reason_to_doubt": "Recent diagnosis of dementia; forgot last week's conversation",
        "practicable_steps": STEPS,
        "functional": ALL_ABLE,
        "evidence": {},
        "impairment": None,
        "inability_because_of_impairment": None,
    }
    fields.update(changes)
    return CapacityRecord(**fields)  # type: ignore[arg-type]


def _lacks(**changes: object) -> CapacityRecord:
    base: dict[str, object] = {
        "functional": {**ALL_ABLE, FunctionalAbility.USE_OR_WEIGH: Finding.UNABLE},
        "evidence": {
            FunctionalAbility.USE_OR_WEIGH: "Could repeat the risks but not weigh them against "
            "her wish to help him, on three visits"
        },
        "impairment": "Alzheimer's disease",
        "inability_because_of_impairment": True,
    }
    base.update(changes)
    return _record(**base)


def test_capacity_is_presumed_when_no_reason_to_doubt_is_recorded():
    conclusion = assess(_record(reason_to_doubt=None, functional={}, practicable_steps=()))
    assert conclusion.outcome is CapacityOutcome.PRESUMED
    assert "s1(2)" in conclusion.reasons[0]


def test_a_blank_reason_to_doubt_still_leaves_capacity_presumed():
    assert assess(_record(reason_to_doubt="   ")).outcome is CapacityOutcome.PRESUMED


def test_answers_given_without_a_reason_to_doubt_are_each_named():
    stray = answers_without_doubt(_lacks(reason_to_doubt="  "))
    abilities = [f"whether they can {a.label}" for a in FunctionalAbility]
    assert stray == (
        *abilities,
        "the impairment",
        "whether the inability is because of the impairment",
    )


def test_with_a_reason_to_doubt_or_no_answers_nothing_is_stray():
    assert answers_without_doubt(_lacks()) == ()
    assert answers_without_doubt(_record(reason_to_doubt=None, functional={})) == ()
    unanswered = dict.fromkeys(FunctionalAbility, Finding.NOT_ASSESSED)
    assert answers_without_doubt(_record(reason_to_doubt="", functional=unanswered)) == ()


def test_an_unwise_choice_alone_does_not_make_someone_lack_capacity():
    record = _record(reason_to_doubt="Wants to give a large sum to a new friend; seems unwise")
    conclusion = assess(record)
    assert conclusion.outcome is CapacityOutcome.HAS_CAPACITY
    assert UNWISE_DECISION_REMINDER in conclusion.reasons
    assert "s1(4)" in UNWISE_DECISION_REMINDER


def test_someone_able_in_all_four_respects_has_capacity():
    assert assess(_record()).outcome is CapacityOutcome.HAS_CAPACITY


def test_an_assessment_without_practicable_steps_is_incomplete():
    conclusion = assess(_lacks(practicable_steps=()))
    assert conclusion.outcome is CapacityOutcome.INCOMPLETE
    assert any("practicable steps" in r for r in conclusion.reasons)


def test_blank_practicable_steps_do_not_count():
    assert assess(_lacks(practicable_steps=("  ",))).outcome is CapacityOutcome.INCOMPLETE


def test_someone_able_in_every_respect_has_capacity_even_without_recorded_support_steps():
    able = {ability: Finding.ABLE for ability in FunctionalAbility}
    conclusion = assess(_record(functional=able, practicable_steps=()))
    assert conclusion.outcome is CapacityOutcome.HAS_CAPACITY


def test_abilities_not_yet_assessed_leave_the_assessment_incomplete():
    functional = {FunctionalAbility.UNDERSTAND: Finding.ABLE}
    conclusion = assess(_record(functional=functional))
    assert conclusion.outcome is CapacityOutcome.INCOMPLETE
    expected = (
        "Assess whether the person can retain that information, use or weigh that information "
        "or communicate the decision (s3(1))."
    )
    assert conclusion.reasons == (expected,)


def test_an_unable_finding_without_evidence_is_incomplete():
    conclusion = assess(_lacks(evidence={}))
    assert conclusion.outcome is CapacityOutcome.INCOMPLETE
    assert any("evidence that the person cannot use or weigh" in r for r in conclusion.reasons)


def test_an_unable_finding_without_an_impairment_is_incomplete():
    conclusion = assess(_lacks(impairment=" "))
    assert conclusion.outcome is CapacityOutcome.INCOMPLETE
    assert any("Name the impairment" in r for r in conclusion.reasons)


def test_an_unable_finding_without_the_causal_link_is_incomplete():
    conclusion = assess(_lacks(inability_because_of_impairment=None))
    assert conclusion.outcome is CapacityOutcome.INCOMPLETE
    assert any("because of that impairment" in r for r in conclusion.reasons)


def test_someone_lacks_capacity_only_when_every_element_is_recorded():
    conclusion = assess(_lacks())
    assert conclusion.outcome is CapacityOutcome.LACKS_CAPACITY
    assert "use or weigh" in conclusion.reasons[0]
    assert "Alzheimer's disease" in conclusion.reasons[0]
    assert best_interests_required(conclusion)


def test_one_inability_is_enough_even_if_other_abilities_were_not_assessed():
    functional = {FunctionalAbility.UNDERSTAND: Finding.UNABLE}
    evidence = {FunctionalAbility.UNDERSTAND: "Could not say what the account is for"}
    conclusion = assess(_lacks(functional=functional, evidence=evidence))
    assert conclusion.outcome is CapacityOutcome.LACKS_CAPACITY


def test_an_inability_not_caused_by_an_impairment_means_the_test_is_not_met():
    conclusion = assess(_lacks(inability_because_of_impairment=False))
    assert conclusion.outcome is CapacityOutcome.HAS_CAPACITY
    assert "the Act's test is not met" in conclusion.reasons[0]
    assert not best_interests_required(conclusion)


def test_the_order_note_puts_the_functional_question_before_the_impairment():
    assert ORDER_NOTE.index("s3") < ORDER_NOTE.index("s2")
    assert "JB" in ORDER_NOTE


def test_a_capacity_record_must_name_the_specific_decision():
    with pytest.raises(InvalidInput, match="specific decision"):
        _record(decision="  ")


def test_a_capacity_record_needs_an_aware_time():
    with pytest.raises(InvalidInput, match="time zone"):
        _record(assessed_at=datetime(2026, 3, 2, 10, 30))


findings = st.dictionaries(st.sampled_from(list(FunctionalAbility)), st.sampled_from(list(Finding)))


@given(
    functional=findings,
    has_steps=st.booleans(),
    has_evidence=st.booleans(),
    impairment=st.sampled_from([None, "", "Learning disability"]),
    link=st.sampled_from([None, True, False]),
)
def test_lacking_capacity_is_never_concluded_without_every_element(
    functional, has_steps, has_evidence, impairment, link
):
    evidence = dict.fromkeys(functional, "Observed on two visits") if has_evidence else {}
    record = _record(
        functional=functional,
        practicable_steps=STEPS if has_steps else (),
        evidence=evidence,
        impairment=impairment,
        inability_because_of_impairment=link,
    )
    outcome = assess(record).outcome
    if outcome is CapacityOutcome.LACKS_CAPACITY:
        assert has_steps and has_evidence and impairment and link is True
        assert Finding.UNABLE in functional.values()
    assert outcome is not CapacityOutcome.PRESUMED


def _best_interests(**answers: str) -> BestInterestsRecord:
    return BestInterestsRecord(
        decider_name="Sam Okafor",
        decider_role="Social worker",
        decision="Move the direct payment to a managed account",
        answers={BestInterestsItem(k): v for k, v in answers.items()},
    )


def test_best_interests_gaps_are_the_unanswered_checklist_items_in_order():
    record = _best_interests(
        participation="Met twice with pictures; she chose the provider",
        less_restrictive_option="  ",
    )
    gaps = best_interests_gaps(record)
    assert BestInterestsItem.PARTICIPATION not in gaps
    assert BestInterestsItem.LESS_RESTRICTIVE_OPTION in gaps
    assert gaps == [i for i in BestInterestsItem if i is not BestInterestsItem.PARTICIPATION]


def test_a_complete_best_interests_record_has_no_gaps():
    record = _best_interests(
        **{item.value: "Considered and recorded" for item in BestInterestsItem}
    )
    assert best_interests_gaps(record) == []


def test_the_checklist_includes_the_less_restrictive_option_and_attorneys_views():
    assert len(BestInterestsItem) == 9
    assert BestInterestsItem.LESS_RESTRICTIVE_OPTION in BestInterestsItem
    assert BestInterestsItem.VIEWS_OF_ATTORNEY_OR_DEPUTY in BestInterestsItem


def test_best_interests_apply_only_when_someone_lacks_capacity():
    assert not best_interests_required(assess(_record(reason_to_doubt=None)))
    assert not best_interests_required(assess(_record(practicable_steps=())))
    assert not best_interests_required(assess(_record()))


def test_a_best_interests_record_names_the_decision_maker():
    with pytest.raises(InvalidInput, match="who is making"):
        BestInterestsRecord(decider_name=" ", decider_role="Social worker", decision="Move")


# ---------------------------------------------------------------------- issue 13 (row 18)
def _doubted(**overrides) -> CapacityRecord:
    values = {
        "decision": "Whether to manage her own direct payment",
        "assessed_at": datetime(2026, 12, 1, 10, tzinfo=UTC),
        "reason_to_doubt": "Mixed up the rent twice",
        "relevant_information": "What the money is for, and what happens if bills go unpaid",
        "balance_of_probabilities": True,
        "assessor_name": "Sam Carter",
        "assessor_role": "Social worker",
    } | overrides
    return CapacityRecord(**values)


def test_a_complete_capacity_record_has_no_recording_gaps():
    assert recording_gaps(_doubted()) == ()


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"relevant_information": "  "}, "s3(4)"),
        ({"balance_of_probabilities": None}, "has not been answered"),
        ({"balance_of_probabilities": False}, "cannot be recorded"),
        ({"assessor_name": None}, "who assessed"),
        ({"assessor_role": ""}, "who assessed"),
    ],
    ids=["s3(4) relevant information", "s2(4) unanswered", "s2(4) refused", "name", "role"],
)
def test_a_doubted_capacity_record_names_each_missing_part(overrides, named):
    [gap] = recording_gaps(_doubted(**overrides))
    assert named in gap


def test_a_presumption_of_capacity_needs_no_assessment_record():
    """MCA 2005 s1(2): with no reason to doubt, no assessor or standard of proof is asked."""
    presumed = CapacityRecord(
        decision="Go to the match", assessed_at=datetime(2026, 12, 1, tzinfo=UTC)
    )
    assert recording_gaps(presumed) == ()


def test_assessment_answers_without_a_doubt_are_named_as_contradicting_the_presumption():
    stray = answers_without_doubt(_doubted(reason_to_doubt=None))
    assert {"the information relevant to the decision", "the balance of probabilities"} <= set(
        stray
    )
    assert "who assessed" in stray


def test_the_best_interests_checklist_asks_the_other_factors_the_person_would_consider():
    """MCA 2005 s4(6)(c)."""
    assert "other factors" in BestInterestsItem.OTHER_FACTORS.question
