from __future__ import annotations

from datetime import UTC, datetime, timedelta

from framework import load_framework
from risk_app.domain.record.journey import journey_map, stage_journey
from risk_app.domain.record.people import TouchpointState
from risk_app.domain.record.stage_visits import ManualStatus, PersonRecord, Visit

GRAPH = load_framework()
AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
ALL_STAGES = PersonRecord(
    visits=tuple(Visit(i + 1, s.id, AT + timedelta(days=i)) for i, s in enumerate(GRAPH.stages()))
)
"""A person who has been through every stage once (stage ST<n> is visit n + 1)."""


def test_a_stage_shows_its_touchpoints_and_prompts_from_the_framework():
    journey = stage_journey(GRAPH, "ST1", budget_option=None, answers={}, record=ALL_STAGES)
    assert {t.node.id for t in journey.touchpoints} >= {"TP01", "TP02", "TP03", "TP05"}
    assert {p.node.id for p in journey.assessment_prompts} >= {"RA01", "RA07"}
    assert all(t.state is TouchpointState.OUTSTANDING for t in journey.touchpoints)


def test_children_in_the_home_make_the_dbs_check_required_when_organising_support():
    journey = stage_journey(
        GRAPH, "ST6", budget_option="BO-DP", answers={"RA07": "yes"}, record=ALL_STAGES
    )
    dbs = next(t for t in journey.touchpoints if t.node.id == "TP13")
    assert dbs.required and dbs.triggered_by == ("RA07",)
    assert dbs in journey.required_outstanding


def test_a_no_answer_triggers_nothing():
    journey = stage_journey(
        GRAPH, "ST6", budget_option="BO-DP", answers={"RA07": "no"}, record=ALL_STAGES
    )
    assert not journey.required_outstanding


def test_a_recorded_touchpoint_is_no_longer_outstanding():
    seen = ManualStatus(
        7, "TP13", TouchpointState.DONE, "Enhanced check with barred lists seen", AT, "sam"
    )
    record = PersonRecord(visits=ALL_STAGES.visits, manual=(seen,))
    journey = stage_journey(
        GRAPH, "ST6", budget_option="BO-DP", answers={"RA07": "yes"}, record=record
    )
    dbs = next(t for t in journey.touchpoints if t.node.id == "TP13")
    assert not dbs.outstanding and dbs.note.startswith("Enhanced")
    assert journey.done == 1 and not journey.required_outstanding


def test_prompts_for_direct_payments_only_appear_for_a_direct_payment():
    with_dp = stage_journey(GRAPH, "ST3", budget_option="BO-DP", answers={}, record=ALL_STAGES)
    without = stage_journey(GRAPH, "ST3", budget_option="BO-PRO", answers={}, record=ALL_STAGES)
    assert "RM03" in {p.node.id for p in with_dp.management_prompts}
    assert "RM03" not in {p.node.id for p in without.management_prompts}


def test_the_journey_map_covers_every_stage_and_marks_where_the_person_is():
    visits = (Visit(1, "ST0", AT), Visit(2, "ST1", AT + timedelta(days=1)))
    tp01 = ManualStatus(2, "TP01", TouchpointState.DONE, "", AT + timedelta(days=2), "sam")
    lines = journey_map(
        GRAPH,
        current="ST1",
        budget_option=None,
        answers={"RA07": "yes"},
        record=PersonRecord(visits=visits, manual=(tp01,)),
    )
    assert [line.stage.id for line in lines] == [s.id for s in GRAPH.stages()]
    st1 = next(line for line in lines if line.stage.id == "ST1")
    assert st1.current and st1.visited and "TP01" in st1.done and "TP02" in st1.outstanding
    st5 = next(line for line in lines if line.stage.id == "ST5")
    assert not st5.visited and st5.done == () and st5.outstanding == ()
    st6 = next(line for line in lines if line.stage.id == "ST6")
    assert st6.required_outstanding == ("TP13",)  # what an answer will require there, foreseen
