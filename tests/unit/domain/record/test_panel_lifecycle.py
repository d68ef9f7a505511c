"""A panel's lifecycle: the transition table is complete, and each step's rules refuse what would
make a false record (a date before the referral, a review before the panel, an outcome with no
recommendation, a question left unanswered)."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

import pytest

from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.dissent import Dissent
from risk_app.domain.record.panel_lifecycle import (
    FINAL,
    START,
    TRANSITIONS,
    WAITING,
    WITH_OUTCOME,
    Closure,
    Outcome,
    PanelFacts,
    PanelState,
    Referral,
    Rescheduling,
    Scheduling,
    Step,
    Withdrawal,
    step_of,
    steps_from,
    transition,
)

REFERRED_ON = date(2026, 11, 2)
TODAY = date(2026, 12, 1)
REFERRED = PanelFacts(PanelState.REFERRED, REFERRED_ON)
SCHEDULED = PanelFacts(PanelState.SCHEDULED, REFERRED_ON, scheduled_for=date(2026, 11, 20))


def outcome(**changes: object) -> Outcome:
    values: dict[str, object] = {
        "held_on": date(2026, 11, 20),
        "person_attended": False,
        "options": ["Go ahead", "Go with support"],
        "recommendation": "Go ahead with a weekly call",
        "review_date": date(2027, 2, 20),
    } | changes
    return Outcome(**values)  # type: ignore[arg-type]


# ---------------------------------------------------------------------- the table
def test_every_state_is_reachable_from_the_referral():
    reached = {START}
    while True:
        more = {t.target for t in TRANSITIONS if t.source in reached} - reached
        if not more:
            break
        reached |= more
    assert reached == set(PanelState)


def test_every_state_that_is_not_final_has_a_way_out_and_final_states_have_none():
    for state in PanelState:
        leaving = [t for t in TRANSITIONS if t.source is state and t.target is not state]
        assert bool(leaving) is (state not in FINAL), state


def test_every_transition_has_its_own_input_type_and_one_row_per_state_and_step():
    for t in TRANSITIONS:
        assert dataclasses.is_dataclass(t.command), t
    keys = [(t.source, t.step) for t in TRANSITIONS]
    assert len(keys) == len(set(keys))
    assert {t.step for t in TRANSITIONS} == set(Step)
    for step in Step:
        assert len({t.command for t in TRANSITIONS if t.step is step}) == 1, step


def test_the_referral_is_the_only_way_in_and_starts_the_lifecycle():
    [entry] = [t for t in TRANSITIONS if t.source is None]
    assert (entry.step, entry.target, entry.command) == (Step.REFER, START, Referral)


def test_each_command_names_its_step():
    commands = [
        Referral("RT2", "r", "q", [], "v"),
        Scheduling(TODAY),
        Rescheduling(TODAY, "r"),
        outcome(),
        Closure(),
        Withdrawal("r"),
    ]
    assert [step_of(c) for c in commands] == [
        Step.REFER,
        Step.SCHEDULE,
        Step.RESCHEDULE,
        Step.RECORD_OUTCOME,
        Step.CLOSE,
        Step.WITHDRAW,
    ]


def test_outcome_and_waiting_states_do_not_overlap_and_say_what_helper_lists_need():
    assert WITH_OUTCOME == {PanelState.OUTCOME, PanelState.CLOSED}
    assert WAITING == {PanelState.REFERRED, PanelState.SCHEDULED}
    assert not WITH_OUTCOME & WAITING


def test_an_outcome_cannot_be_recorded_before_a_date_is_set_and_the_message_says_what_can():
    with pytest.raises(InvalidInput) as refused:
        transition(PanelState.REFERRED, Step.RECORD_OUTCOME)
    message = str(refused.value)
    assert "record the panel's outcome" in message
    assert "set the panel's date" in message and "withdraw the referral" in message


def test_nothing_follows_a_closed_or_withdrawn_referral():
    for state in FINAL:
        assert steps_from(state) == ()
        with pytest.raises(InvalidInput, match="Nothing more can be done"):
            transition(state, Step.WITHDRAW)


def test_a_panel_with_an_outcome_cannot_be_withdrawn_only_closed():
    assert steps_from(PanelState.OUTCOME) == (Step.CLOSE,)


# ---------------------------------------------------------------------- the rules of each step
def test_a_referral_needs_a_reason_a_question_and_the_persons_view_or_an_advocate():
    good = Referral("RT2", " Risk stays high ", "Can Dave ride?", [3], "My bike, my life", "")
    assert good.cleaned().reason == "Risk stays high"
    with pytest.raises(InvalidInput, match="why"):
        dataclasses.replace(good, reason="   ").cleaned()
    with pytest.raises(InvalidInput, match="question"):
        dataclasses.replace(good, question="").cleaned()
    with pytest.raises(InvalidInput, match="advocate"):
        dataclasses.replace(good, person_view=" ", advocate="").cleaned()
    through_advocate = dataclasses.replace(good, person_view="", advocate="Sam (IMCA)").cleaned()
    assert through_advocate.advocate == "Sam (IMCA)"


def test_a_panel_date_cannot_be_before_the_referral():
    assert Scheduling(REFERRED_ON).cleaned(REFERRED).on == REFERRED_ON
    with pytest.raises(InvalidInput, match="before the referral"):
        Scheduling(REFERRED_ON - timedelta(days=1)).cleaned(REFERRED)


def test_moving_a_panel_needs_a_new_date_and_a_reason():
    moved = Rescheduling(date(2026, 11, 27), " Chair ill ").cleaned(SCHEDULED)
    assert moved.reason == "Chair ill"
    with pytest.raises(InvalidInput, match="already set"):
        Rescheduling(date(2026, 11, 20), "Chair ill").cleaned(SCHEDULED)
    with pytest.raises(InvalidInput, match="why"):
        Rescheduling(date(2026, 11, 27), "").cleaned(SCHEDULED)
    with pytest.raises(InvalidInput, match="before the referral"):
        Rescheduling(date(2026, 10, 1), "Earlier").cleaned(SCHEDULED)


def test_an_outcome_must_name_a_recommendation():
    with pytest.raises(InvalidInput, match="recommended"):
        outcome(recommendation=" \n ").cleaned(SCHEDULED, TODAY)


def test_the_review_date_must_be_after_the_panel_met():
    with pytest.raises(InvalidInput, match="after the panel met"):
        outcome(review_date=date(2026, 11, 20)).cleaned(SCHEDULED, TODAY)
    with pytest.raises(InvalidInput, match="after the panel met"):
        outcome(review_date=date(2026, 11, 1)).cleaned(SCHEDULED, TODAY)
    assert outcome(review_date=None).cleaned(SCHEDULED, TODAY).review_date is None


def test_whether_the_person_attended_starts_unanswered_and_must_be_answered():
    with pytest.raises(InvalidInput, match="did the person attend"):
        outcome(person_attended=None).cleaned(SCHEDULED, TODAY)


def test_an_outcome_cannot_be_for_a_panel_yet_to_meet_or_before_the_referral():
    with pytest.raises(InvalidInput, match="has met"):
        outcome(held_on=TODAY + timedelta(days=1)).cleaned(SCHEDULED, TODAY)
    with pytest.raises(InvalidInput, match="before the referral"):
        outcome(held_on=REFERRED_ON - timedelta(days=1)).cleaned(SCHEDULED, TODAY)


def test_an_outcome_keeps_dissent_in_each_partys_words_and_needs_an_option():
    kept = outcome(dissent=[{"party": "Her sister", "words": "Too risky at night"}]).cleaned(
        SCHEDULED, TODAY
    )
    assert kept.dissent == [Dissent("Her sister", "Too risky at night")]
    with pytest.raises(InvalidInput, match="Her sister"):
        outcome(dissent=[{"party": "Her sister", "words": " "}]).cleaned(SCHEDULED, TODAY)
    with pytest.raises(InvalidInput, match="option"):
        outcome(options=["", "  "]).cleaned(SCHEDULED, TODAY)


def test_a_withdrawal_needs_a_reason_and_a_closing_note_is_optional():
    with pytest.raises(InvalidInput, match="withdrawn"):
        Withdrawal("  ").cleaned()
    assert Closure("").cleaned().note == ""


def test_the_glossarys_state_diagram_is_the_transition_table():
    glossary = (Path(__file__).resolve().parents[4] / "docs" / "glossary.md").read_text()
    diagram = glossary[
        glossary.index("stateDiagram-v2") : glossary.index("```", glossary.index("stateDiagram-v2"))
    ]
    drawn = {line.strip() for line in diagram.splitlines()[1:] if line.strip()}
    expected = {
        f"{t.source.value if t.source else '[*]'} --> {t.target.value}: "
        f"{t.step.value.replace('_', ' ')}"
        for t in TRANSITIONS
    } | {f"{state.value} --> [*]" for state in FINAL}
    assert drawn == expected
