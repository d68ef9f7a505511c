from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from framework import load_framework, load_framework_text
from framework.loader import BUNDLED_FRAMEWORK
from risk_app.domain.record.journey import journey_map, stage_journey
from risk_app.domain.record.people import TouchpointState
from risk_app.domain.record.stage_visits import ManualStatus, PersonRecord, Visit

GRAPH = load_framework()
AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
ALL_STAGES = PersonRecord(
    visits=tuple(Visit(i + 1, s.id, AT + timedelta(days=i)) for i, s in enumerate(GRAPH.stages()))
)
"""A person who has been through every stage once (stage ST<n> is visit n + 1)."""
_TRIGGER = 'target: TP13, when: "yes", provenance'
REQUIRING = load_framework_text(
    BUNDLED_FRAMEWORK.read_text(encoding="utf-8").replace(
        _TRIGGER, 'target: TP13, when: "yes", required: true, provenance'
    ),
    "local-policy.yaml",
)
"""The framework as a council might revise it, making RA07 "yes" require TP13 (local policy):
the bundled file marks no link required."""


def test_a_stage_shows_its_touchpoints_and_prompts_from_the_framework():
    journey = stage_journey(
        GRAPH, "ST1", budget_option=None, answers={}, record=ALL_STAGES, jurisdiction="england"
    )
    assert {t.node.id for t in journey.touchpoints} >= {"TP01", "TP02", "TP03", "TP05"}
    assert {p.node.id for p in journey.assessment_prompts} >= {"RA01", "RA07"}
    assert all(t.state is TouchpointState.OUTSTANDING for t in journey.touchpoints)


def test_children_in_the_home_make_nothing_required_in_the_bundled_framework():
    """SVGA 2006 Sch 4: a child in the home does not make a PA's work regulated activity."""
    journey = stage_journey(
        GRAPH,
        "ST6",
        budget_option="BO-DP",
        answers={"RA07": "yes"},
        record=ALL_STAGES,
        jurisdiction="england",
    )
    dbs = next(t for t in journey.touchpoints if t.node.id == "TP13")
    assert not dbs.required and dbs.triggered_by == ()
    assert not journey.required_outstanding


def test_a_link_marked_required_makes_its_touchpoint_required_when_organising_support():
    journey = stage_journey(
        REQUIRING,
        "ST6",
        budget_option="BO-DP",
        answers={"RA07": "yes"},
        record=ALL_STAGES,
        jurisdiction="england",
    )
    dbs = next(t for t in journey.touchpoints if t.node.id == "TP13")
    assert dbs.required and dbs.triggered_by == ("RA07",)
    assert dbs in journey.required_outstanding


def test_a_no_answer_triggers_nothing():
    journey = stage_journey(
        REQUIRING,
        "ST6",
        budget_option="BO-DP",
        answers={"RA07": "no"},
        record=ALL_STAGES,
        jurisdiction="england",
    )
    assert not journey.required_outstanding


def test_a_recorded_touchpoint_is_no_longer_outstanding():
    seen = ManualStatus(
        7, "TP13", TouchpointState.DONE, "Enhanced check with barred lists seen", AT, "sam"
    )
    record = PersonRecord(visits=ALL_STAGES.visits, manual=(seen,))
    journey = stage_journey(
        REQUIRING,
        "ST6",
        budget_option="BO-DP",
        answers={"RA07": "yes"},
        record=record,
        jurisdiction="england",
    )
    dbs = next(t for t in journey.touchpoints if t.node.id == "TP13")
    assert not dbs.outstanding and dbs.note.startswith("Enhanced")
    assert journey.done == 1 and not journey.required_outstanding


def test_prompts_for_direct_payments_only_appear_for_a_direct_payment():
    with_dp = stage_journey(
        GRAPH, "ST3", budget_option="BO-DP", answers={}, record=ALL_STAGES, jurisdiction="england"
    )
    without = stage_journey(
        GRAPH, "ST3", budget_option="BO-PRO", answers={}, record=ALL_STAGES, jurisdiction="england"
    )
    assert "RM03" in {p.node.id for p in with_dp.management_prompts}
    assert "RM03" not in {p.node.id for p in without.management_prompts}


def test_the_journey_map_covers_every_stage_and_marks_where_the_person_is():
    visits = (Visit(1, "ST0", AT), Visit(2, "ST1", AT + timedelta(days=1)))
    tp01 = ManualStatus(2, "TP01", TouchpointState.DONE, "", AT + timedelta(days=2), "sam")
    lines = journey_map(
        REQUIRING,
        current="ST1",
        budget_option=None,
        answers={"RA07": "yes"},
        record=PersonRecord(visits=visits, manual=(tp01,)),
        jurisdiction="england",
    )
    assert [line.stage.id for line in lines] == [s.id for s in REQUIRING.stages()]
    st1 = next(line for line in lines if line.stage.id == "ST1")
    assert st1.current and st1.visited and "TP01" in st1.done and "TP02" in st1.outstanding
    st5 = next(line for line in lines if line.stage.id == "ST5")
    assert not st5.visited and st5.done == () and st5.outstanding == ()
    st6 = next(line for line in lines if line.stage.id == "ST6")
    assert st6.required_outstanding == ("TP13",)  # what an answer will require there, foreseen


@pytest.mark.parametrize(
    ("jurisdiction", "option", "shown", "hidden"),
    [
        pytest.param("england", "BO-DP", {"TP13", "TP14"}, {"TP-PVG"}, id="england-SVGA-2006-Sch4"),
        pytest.param("wales", "WA-DP", {"TP13", "TP14"}, {"TP-PVG"}, id="wales-SVGA-2006-Sch4"),
        pytest.param(
            "scotland", "SC-OPT1", {"TP-PVG", "TP14"}, {"TP13"}, id="scotland-Disclosure-Act-2020"
        ),
    ],
)
def test_a_person_at_organising_support_sees_the_disclosure_check_of_their_jurisdiction(
    jurisdiction, option, shown, hidden
):
    journey = stage_journey(
        GRAPH,
        "ST6",
        budget_option=option,
        answers={"RA07": "yes"},
        record=ALL_STAGES,
        jurisdiction=jurisdiction,
    )
    found = {t.node.id for t in journey.touchpoints}
    assert shown <= found and not hidden & found
    assert not journey.required_outstanding


def test_a_scottish_person_under_a_council_arranged_option_is_not_asked_about_employing_a_pa():
    """SDS (Scotland) Act 2013 option 3: the council arranges support; no PA is employed."""
    journey = stage_journey(
        GRAPH,
        "ST6",
        budget_option="SC-OPT3",
        answers={},
        record=ALL_STAGES,
        jurisdiction="scotland",
    )
    assert {"TP13", "TP-PVG"}.isdisjoint({t.node.id for t in journey.touchpoints})
    assert "RM03" not in {p.node.id for p in journey.management_prompts}


def test_the_journey_map_of_a_scottish_person_never_lists_the_dbs_touchpoint():
    lines = journey_map(
        REQUIRING,
        current="ST6",
        budget_option=None,
        answers={"RA07": "yes"},
        record=ALL_STAGES,
        jurisdiction="scotland",
    )
    st6 = next(line for line in lines if line.stage.id == "ST6")
    assert "TP13" not in st6.outstanding + st6.done + st6.required_outstanding
    assert "TP-PVG" in st6.outstanding
