"""Issue 13's missing rules as they reach a person's journey: Care Act 2014 s11(2) (assess despite
a refusal) and ss67-68 (independent advocacy), both England only, read from the framework graph."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from framework import load_framework
from risk_app.domain.record.journey import journey_map, stage_journey
from risk_app.domain.record.stage_visits import PersonRecord, Visit

GRAPH = load_framework()
AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
ALL_STAGES = PersonRecord(
    visits=tuple(Visit(i + 1, s.id, AT + timedelta(days=i)) for i, s in enumerate(GRAPH.stages()))
)

NOT_REFUSED = "not refused"
REFUSED_WITH_CAPACITY = "refused; has capacity to refuse; no abuse or neglect suspected"
LACKS_CAPACITY_BEST_INTERESTS = (
    "refused; lacks capacity to refuse; assessment in their best interests"
)
LACKS_CAPACITY_NOT_BEST_INTERESTS = (
    "refused; lacks capacity to refuse; assessment not in their best interests"
)
ABUSE_OR_NEGLECT = "refused; experiencing or at risk of abuse or neglect"

NO_DIFFICULTY = "no substantial difficulty"
APPROPRIATE_PERSON = "substantial difficulty; an appropriate person can support them"
NO_APPROPRIATE_PERSON = "substantial difficulty; no appropriate person"


def _line(stage: str, touchpoint: str, answers: dict[str, str], jurisdiction: str | None):
    journey = stage_journey(
        GRAPH,
        stage,
        budget_option=None,
        answers=answers,
        record=ALL_STAGES,
        jurisdiction=jurisdiction,
    )
    return next((t for t in journey.touchpoints if t.node.id == touchpoint), None)


def test_the_answers_the_tests_use_are_the_prompts_own_options():
    assert set(GRAPH.node("RA11").options or ()) == {
        NOT_REFUSED,
        REFUSED_WITH_CAPACITY,
        LACKS_CAPACITY_BEST_INTERESTS,
        LACKS_CAPACITY_NOT_BEST_INTERESTS,
        ABUSE_OR_NEGLECT,
    }
    assert set(GRAPH.node("RA12").options or ()) == {
        NO_DIFFICULTY,
        APPROPRIATE_PERSON,
        NO_APPROPRIATE_PERSON,
    }


@pytest.mark.parametrize(
    ("answer", "applies"),
    [
        pytest.param(NOT_REFUSED, False, id="s11(1)-no-refusal"),
        pytest.param(REFUSED_WITH_CAPACITY, False, id="s11(1)-capacitous-refusal-ends-the-duty"),
        pytest.param(LACKS_CAPACITY_BEST_INTERESTS, True, id="s11(2)(a)-lacks-capacity"),
        pytest.param(LACKS_CAPACITY_NOT_BEST_INTERESTS, False, id="s11(2)(a)-not-best-interests"),
        pytest.param(ABUSE_OR_NEGLECT, True, id="s11(2)(b)-abuse-or-neglect"),
    ],
)
def test_a_refusal_makes_the_assessment_a_duty_only_on_a_limb_of_care_act_s11_2(answer, applies):
    """Care Act 2014 s11(2): a refusal does not end the duty to assess where (a) the adult lacks
    capacity to refuse and an assessment is in their best interests, or (b) abuse or neglect."""
    line = _line("ST1", "TP21", {"RA11": answer}, "england")
    assert line is not None
    assert line.required is applies
    assert line.triggered_by == (("RA11",) if applies else ())


def test_an_unanswered_refusal_question_makes_nothing_required():
    line = _line("ST1", "TP21", {}, "england")
    assert line is not None and not line.required


@pytest.mark.parametrize("stage", ["ST1", "ST3", "ST8"])
@pytest.mark.parametrize(
    ("answer", "applies"),
    [
        pytest.param(NO_DIFFICULTY, False, id="s67(4)-no-substantial-difficulty"),
        pytest.param(APPROPRIATE_PERSON, False, id="s67(5)-an-appropriate-person"),
        pytest.param(NO_APPROPRIATE_PERSON, True, id="s67(4)+(5)-both-limbs"),
    ],
)
def test_an_advocate_is_a_duty_only_when_both_limbs_of_care_act_s67_are_met(stage, answer, applies):
    """Care Act 2014 s67 (assessment, planning, review): substantial difficulty being involved
    AND no appropriate person; either limb alone is not enough."""
    line = _line(stage, "TP22", {"RA12": answer}, "england")
    assert line is not None
    assert line.required is applies


@pytest.mark.parametrize("stage", ["ST1", "ST3", "ST8"])
def test_an_unanswered_advocacy_question_never_makes_the_advocate_required(stage):
    line = _line(stage, "TP22", {}, "england")
    assert line is not None and not line.required


def test_the_advocate_applies_in_a_safeguarding_enquiry_too():
    """Care Act 2014 s68: the same test for a s42 enquiry (and a safeguarding adults review)."""
    assert "SG3" in {n.id for n in GRAPH.stages_of("TP22")}


@pytest.mark.parametrize("jurisdiction", ["scotland", "wales"])
def test_a_scottish_or_welsh_person_gets_none_of_the_england_only_items(jurisdiction):
    """s11(2) and ss67-68 extend to England: RA11, RA12, TP21 and TP22 are left out elsewhere,
    even with the answers that would trigger them in England."""
    answers = {"RA11": ABUSE_OR_NEGLECT, "RA12": NO_APPROPRIATE_PERSON}
    for stage in ("ST1", "ST3", "ST8"):
        journey = stage_journey(
            GRAPH,
            stage,
            budget_option=None,
            answers=answers,
            record=ALL_STAGES,
            jurisdiction=jurisdiction,
        )
        shown = {t.node.id for t in journey.touchpoints}
        asked = {p.node.id for p in journey.assessment_prompts}
        assert not shown & {"TP21", "TP22"}
        assert not asked & {"RA11", "RA12"}
    lines = journey_map(
        GRAPH,
        current="ST1",
        budget_option=None,
        answers=answers,
        record=ALL_STAGES,
        jurisdiction=jurisdiction,
    )
    for line in lines:
        assert not {"TP21", "TP22"} & {*line.outstanding, *line.required_outstanding}


def test_an_english_person_is_asked_both_questions_at_assessment():
    journey = stage_journey(
        GRAPH, "ST1", budget_option=None, answers={}, record=ALL_STAGES, jurisdiction="england"
    )
    assert {"RA11", "RA12"} <= {p.node.id for p in journey.assessment_prompts}
