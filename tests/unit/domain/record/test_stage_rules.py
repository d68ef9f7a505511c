"""Moving through the stages: reached stages, where a prompt is answered, and what leaving a stage
with touchpoints outstanding asks for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from framework import Node, load_framework
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.journey import stage_journey
from risk_app.domain.record.people import TouchpointState
from risk_app.domain.record.stage_visits import ManualStatus, PersonRecord, Visit
from risk_app.domain.record.stages import (
    Outstanding,
    outstanding_on_leaving,
    reached,
    reason_to_move,
    stage_for_answer,
)

GRAPH = load_framework()
ORDER = [s.id for s in GRAPH.stages()]


@dataclass(frozen=True)
class Line:
    node: Node
    required: bool
    outstanding: bool


def _line(node_id: str, *, required: bool = False, outstanding: bool = True) -> Line:
    return Line(GRAPH.node(node_id), required, outstanding)


def test_reached_stages_follow_the_framework_order_whatever_order_they_were_visited_in():
    assert reached(ORDER, ["ST4", "ST1", "ST4", "ST2"]) == ("ST1", "ST2", "ST4")


def test_a_stage_never_visited_is_not_reached():
    assert "ST3" not in reached(ORDER, ["ST0", "ST1", "ST2", "ST4"])


def test_a_prompt_is_answered_at_the_current_stage_when_the_current_stage_asks_it():
    assert stage_for_answer(["ST3", "ST4"], ("ST0", "ST3", "ST4"), "ST4") == "ST4"


def test_a_prompt_of_an_earlier_stage_is_answered_at_the_latest_reached_stage_that_asks_it():
    assert stage_for_answer(["ST3", "ST5"], ("ST0", "ST3", "ST5", "ST6"), "ST6") == "ST5"


def test_a_prompt_of_no_reached_stage_is_refused_naming_where_it_is_asked():
    with pytest.raises(InvalidInput, match="not reached yet \\(ST3 or ST5\\)"):
        stage_for_answer(["ST3", "ST5"], ("ST0", "ST1"), "ST1")


def test_outstanding_touchpoints_list_required_ones_first_each_group_in_framework_order():
    lines = [
        _line("TP01"),
        _line("TP02", outstanding=False),
        _line("TP03", required=True),
        _line("TP05"),
        _line("TP13", required=True),
    ]
    found = outstanding_on_leaving(lines)
    assert [o.id for o in found] == ["TP03", "TP13", "TP01", "TP05"]
    assert found[0] == Outstanding("TP03", GRAPH.node("TP03").label, True)
    assert found[0].words.endswith("(required)") and not found[2].words.endswith("(required)")


def test_done_touchpoints_are_not_outstanding_on_leaving():
    assert outstanding_on_leaving([_line("TP01", outstanding=False)]) == ()


def test_the_derived_journey_lines_are_read_as_they_are():
    at = datetime(2026, 12, 1, 9, tzinfo=UTC)
    visits = (Visit(1, "ST6", at),)
    journey = stage_journey(
        GRAPH,
        "ST6",
        budget_option="BO-DP",
        answers={"RA07": "yes"},
        record=PersonRecord(visits=visits),
        jurisdiction="england",
    )
    assert outstanding_on_leaving(journey.touchpoints)[0].id == "TP13"
    seen = ManualStatus(1, "TP13", TouchpointState.DONE, "Seen", at, "sam")
    journey = stage_journey(
        GRAPH,
        "ST6",
        budget_option="BO-DP",
        answers={"RA07": "yes"},
        record=PersonRecord(visits=visits, manual=(seen,)),
        jurisdiction="england",
    )
    assert "TP13" not in {o.id for o in outstanding_on_leaving(journey.touchpoints)}


def test_moving_on_with_something_outstanding_and_no_reason_is_refused_naming_every_one():
    outstanding = outstanding_on_leaving([_line("TP13", required=True), _line("TP01")])
    with pytest.raises(InvalidInput) as refused:
        reason_to_move("ST6", "ST7", outstanding, "   \n ")
    message = str(refused.value)
    assert message.startswith("2 touchpoints of ST6 are still outstanding")
    assert "TP13" in message and "(required)" in message and "TP01" in message
    assert message.index("TP13") < message.index("TP01")


def test_moving_on_with_something_outstanding_keeps_the_reason_given():
    outstanding = outstanding_on_leaving([_line("TP01")])
    assert reason_to_move("ST1", "ST2", outstanding, "  Visit booked  ") == "Visit booked"


def test_moving_on_with_nothing_outstanding_needs_no_reason():
    assert reason_to_move("ST1", "ST2", (), "") == ""


def test_moving_to_the_stage_the_person_is_at_is_refused():
    with pytest.raises(InvalidInput, match="already at ST2"):
        reason_to_move("ST2", "ST2", (), "Because")
