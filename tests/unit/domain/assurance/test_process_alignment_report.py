"""The alignment report: which touchpoints a local process covers, misses or does at the wrong
stage, what it adds of its own, how coverage is counted, and the data for the overlay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framework import FrameworkGraph, Link, LinkType, Provenance, ProvenanceStatus, load_framework
from risk_app.domain.assurance.local_process import LocalProcess, LocalProcessError
from risk_app.domain.assurance.local_process_reading import parse_process_yaml, process_from_rows
from risk_app.domain.assurance.process_alignment import (
    AlignmentReport,
    Coverage,
    ExtraKind,
    Need,
    PlacementStatus,
    StageStatus,
    align,
    render_text,
    touchpoint_condition,
)

EXAMPLE = Path(__file__).resolve().parents[4] / "docs" / "examples" / "local-process.yaml"


@pytest.fixture(scope="module")
def graph() -> FrameworkGraph:
    return load_framework()


def process(graph: FrameworkGraph, *stages: tuple[str, str, str]) -> LocalProcess:
    """Rows of (local stage, maps to, implements)."""
    rows = [{"local_stage": s, "maps_to": m, "implements": i} for s, m, i in stages]
    return process_from_rows(rows, graph, title="Test council")


def placement(report: AlignmentReport, stage_id: str, tp_id: str):  # type: ignore[no-untyped-def]
    stage = next(s for s in report.stages if s.stage_id == stage_id)
    return next(p for p in stage.placements if p.touchpoint_id == tp_id)


def complete_rows(graph: FrameworkGraph) -> list[tuple[str, str, str]]:
    """A local process that does every touchpoint exactly where the framework puts it."""
    return [
        (f"Local {stage.label}", stage.id, tp.id)
        for stage in graph.stages()
        for tp in graph.touchpoints_for(stage.id)
    ]


@pytest.fixture(scope="module")
def example_report(graph: FrameworkGraph) -> AlignmentReport:
    text = EXAMPLE.read_text(encoding="utf-8")
    return align(parse_process_yaml(text, EXAMPLE.name, graph), graph)


# --------------------------------------------------------------------------- statuses


def test_a_touchpoint_done_at_a_local_stage_mapped_to_its_framework_stage_is_covered(
    graph: FrameworkGraph,
) -> None:
    report = align(process(graph, ("Planning meeting", "ST3", "TP07")), graph)
    result = placement(report, "ST3", "TP07")
    assert result.status is PlacementStatus.COVERED
    assert result.done_at == ("Planning meeting",)
    assert "is done at local stage 'Planning meeting'" in result.sentence


def test_a_touchpoint_done_at_another_stage_is_misplaced_in_words_a_lead_understands(
    graph: FrameworkGraph,
) -> None:
    report = align(
        process(graph, ("Support planning", "ST3", "TP08"), ("Finance review", "ST5", "TP07")),
        graph,
    )
    result = placement(report, "ST3", "TP07")
    assert result.status is PlacementStatus.MISPLACED
    assert result.sentence == (
        "Stage 3 'Support planning and brokerage': TP07 'Plan covers risks to, from and by the "
        "person, with a contingency' is implemented at local stage 'Finance review', which maps "
        "to ST5; our synthesis (not the framework's own text) places it at ST3."
    )
    [extra] = next(s for s in report.stages if s.stage_id == "ST5").extras
    assert extra.kind is ExtraKind.OTHER_STAGE_TOUCHPOINT
    assert extra.item == "TP07" and extra.framework_places_at == ("ST3",)


def test_a_touchpoint_done_only_at_a_local_stage_outside_the_framework_is_misplaced(
    graph: FrameworkGraph,
) -> None:
    report = align(process(graph, ("Annual check-in", "none", "TP18")), graph)
    result = placement(report, "ST8", "TP18")
    assert result.status is PlacementStatus.MISPLACED
    assert "'Annual check-in', which maps to no framework stage" in result.sentence
    [outside] = report.outside_framework
    assert outside.name == "Annual check-in" and outside.implements == ("TP18",)


def test_a_touchpoint_done_nowhere_is_missing_and_says_whether_the_stage_is_mapped(
    graph: FrameworkGraph,
) -> None:
    report = align(process(graph, ("Assessment", "ST1", "TP02")), graph)
    assert placement(report, "ST1", "TP05").status is PlacementStatus.MISSING
    assert "no local stage mapped to ST1 implements it" in placement(report, "ST1", "TP05").sentence
    assert "no local stage maps to ST2" in placement(report, "ST2", "TP06").sentence
    statuses = {s.stage_id: s.status for s in report.stages}
    assert statuses["ST1"] is StageStatus.GAPS and statuses["ST2"] is StageStatus.NOT_MAPPED


def test_a_touchpoint_the_framework_places_at_two_stages_must_be_done_at_both(
    graph: FrameworkGraph,
) -> None:
    # TP01 (screening) belongs at first contact and at assessment; doing it at assessment only
    # leaves first contact missing, not misplaced: the assessment is a right place for it.
    report = align(process(graph, ("Front door", "ST0", "TP11"), ("Assess", "ST1", "TP01")), graph)
    assert placement(report, "ST1", "TP01").status is PlacementStatus.COVERED
    assert placement(report, "ST0", "TP01").status is PlacementStatus.MISSING


def test_a_touchpoint_done_in_the_right_place_and_also_elsewhere_is_covered_plus_an_extra(
    graph: FrameworkGraph,
) -> None:
    report = align(process(graph, ("Planning", "ST3", "TP07"), ("Finance", "ST5", "TP07")), graph)
    assert placement(report, "ST3", "TP07").status is PlacementStatus.COVERED
    st5 = next(s for s in report.stages if s.stage_id == "ST5")
    assert [e.item for e in st5.extras] == ["TP07"]


def test_a_safeguarding_process_touchpoint_done_at_a_local_stage_is_a_local_extra(
    graph: FrameworkGraph,
) -> None:
    report = align(process(graph, ("Review", "ST8", "TP19")), graph)
    [extra] = next(s for s in report.stages if s.stage_id == "ST8").extras
    assert extra.framework_places_at == ("SG1", "SG5")
    assert "safeguarding process (SG1 and SG5)" in extra.sentence


def test_the_councils_own_checks_are_local_extras_of_their_framework_stage(
    example_report: AlignmentReport,
) -> None:
    st6 = next(s for s in example_report.stages if s.stage_id == "ST6")
    [extra] = st6.extras
    assert extra.kind is ExtraKind.LOCAL_CHECK
    assert extra.local_stage == "Arranging support"
    assert "adds its own check 'Referral offered for a home fire safety visit'" in extra.sentence


# --------------------------------------------------------------------------- required vs conditional


def test_conditional_touchpoints_come_from_the_framework_graph(graph: FrameworkGraph) -> None:
    conditional = {tp.id for tp in graph.nodes("touchpoint") if touchpoint_condition(graph, tp.id)}
    assert conditional == {"TP13", "TP-PVG", "TP16", "TP17"}
    assert touchpoint_condition(graph, "TP16") == "only for direct payment"
    # Employing a PA: a direct payment (or an arrangement paying someone for the person); never
    # "required" by an answer (SVGA 2006 Sch 4: children in the home are not regulated activity).
    tp13 = touchpoint_condition(graph, "TP13")
    assert tp13 is not None and tp13.startswith("only for direct payment, a mix of these ways")
    assert "required" not in tp13


def test_a_touchpoint_made_specific_to_a_budget_option_becomes_conditional(
    graph: FrameworkGraph,
) -> None:
    link = Link(
        source="TP14",
        type=LinkType.SPECIFIC_TO,
        target="BO-DP",
        provenance=Provenance(status=ProvenanceStatus.INFERRED),
    )
    changed = FrameworkGraph(
        graph.document.model_copy(update={"links": (*graph.document.links, link)})
    )
    report = align(process(changed, ("Arranging", "ST6", "TP14")), changed)
    assert placement(report, "ST6", "TP14").need is Need.CONDITIONAL
    assert placement(align(process(graph, ("A", "ST6", "TP14")), graph), "ST6", "TP14").need is (
        Need.REQUIRED
    )


def test_a_conditional_gap_says_when_the_touchpoint_applies(graph: FrameworkGraph) -> None:
    report = align(process(graph, ("Review", "ST8", "TP18")), graph)
    result = placement(report, "ST8", "TP17")
    assert result.need is Need.CONDITIONAL
    assert result.sentence.endswith("(Conditional: only for direct payment.)")


# --------------------------------------------------------------------------- coverage


def test_coverage_counts_placements_and_splits_required_from_conditional(
    example_report: AlignmentReport, graph: FrameworkGraph
) -> None:
    total = sum(len(graph.touchpoints_for(s.id, jurisdiction="england")) for s in graph.stages())
    c = example_report.coverage
    assert c.total == total == 27
    assert (c.covered, c.missing, c.misplaced) == (21, 5, 1)
    assert example_report.required_coverage.total == 24
    assert example_report.conditional_coverage.model_dump() == {
        "covered": 2,
        "misplaced": 0,
        "missing": 1,
        "total": 3,
        "percent": 66,
    }
    assert c.percent == 77  # 21 / 27 = 77.8 %, rounded down
    assert not example_report.aligned


def test_coverage_rounds_down_and_is_full_when_there_is_nothing_to_cover() -> None:
    assert Coverage(covered=199, misplaced=0, missing=1, total=200).percent == 99
    assert Coverage(covered=0, misplaced=0, missing=0, total=0).percent == 100


def test_a_process_that_does_everything_in_place_is_aligned(graph: FrameworkGraph) -> None:
    report = align(process(graph, *complete_rows(graph)), graph)
    assert report.aligned
    assert report.coverage.percent == 100
    assert all(s.status is StageStatus.ALIGNED for s in report.stages)
    assert report.summary().endswith("Nothing is missing or misplaced.")


# --------------------------------------------------------------------------- renderings


def test_every_report_names_the_framework_version_it_was_judged_against(
    example_report: AlignmentReport, graph: FrameworkGraph
) -> None:
    data = json.loads(json.dumps(example_report.to_json()))
    assert data["framework"]["version"] == graph.version
    assert f"framework {graph.version}" in render_text(example_report)
    assert example_report.overlay()["framework_version"] == graph.version


def test_a_process_mapped_against_another_framework_version_gets_a_note(
    graph: FrameworkGraph,
) -> None:
    text = "framework_version: '2025.1.0'\nstages:\n  - {name: A, maps_to: ST0}\n"
    report = align(parse_process_yaml(text, "p.yaml", graph), graph)
    assert "mapped against framework 2025.1.0" in report.notes[0]
    assert "Note: The process says" in render_text(report)


@pytest.mark.parametrize(
    ("jurisdiction", "placed", "not_placed"),
    [
        pytest.param("england", "TP13", "TP-PVG", id="england-SVGA-2006"),
        pytest.param("wales", "TP13", "TP-PVG", id="wales-SVGA-2006"),
        pytest.param("scotland", "TP-PVG", "TP13", id="scotland-Disclosure-Scotland-Act-2020"),
    ],
)
def test_a_process_is_judged_against_the_touchpoints_of_its_jurisdiction(
    graph: FrameworkGraph, jurisdiction: str, placed: str, not_placed: str
) -> None:
    text = f"jurisdiction: {jurisdiction}\nstages:\n  - {{name: Arranging, maps_to: ST6}}\n"
    report = align(parse_process_yaml(text, "p.yaml", graph), graph)
    st6 = next(s for s in report.stages if s.stage_id == "ST6")
    found = {p.touchpoint_id for p in st6.placements}
    assert placed in found and not_placed not in found
    assert not [n for n in report.notes if "jurisdiction" in n]


def test_a_process_that_does_not_say_its_jurisdiction_is_judged_as_english_with_a_note(
    graph: FrameworkGraph,
) -> None:
    text = "stages:\n  - {name: Arranging, maps_to: ST6}\n"
    report = align(parse_process_yaml(text, "p.yaml", graph), graph)
    st6 = next(s for s in report.stages if s.stage_id == "ST6")
    assert "TP-PVG" not in {p.touchpoint_id for p in st6.placements}
    assert any("judged against the touchpoints that apply in England" in n for n in report.notes)


def test_a_process_naming_an_unknown_jurisdiction_is_refused(graph: FrameworkGraph) -> None:
    text = "jurisdiction: northern ireland\nstages:\n  - {name: A, maps_to: ST6}\n"
    with pytest.raises(LocalProcessError, match="england, scotland or wales"):
        parse_process_yaml(text, "p.yaml", graph)


def test_the_json_report_has_the_documented_shape(example_report: AlignmentReport) -> None:
    data = example_report.to_json()
    assert set(data) == {
        "report",
        "format",
        "ok",
        "framework",
        "process",
        "aligned",
        "summary",
        "coverage",
        "stages",
        "outside_framework",
        "notes",
        "origin_filter",
        "placements_by_origin",
        "provenance",
    }
    stage = data["stages"][3]
    assert set(stage) == {
        "stage_id",
        "order",
        "label",
        "local_stages",
        "status",
        "placements",
        "extras",
    }
    misplaced = next(p for p in stage["placements"] if p["status"] == "misplaced")
    assert misplaced["found_at"] == [{"local_stage": "Finance review", "maps_to": "ST5"}]


def test_the_overlay_gives_every_stage_and_placement_a_status_and_the_local_stage_names(
    example_report: AlignmentReport, graph: FrameworkGraph
) -> None:
    overlay = example_report.overlay()
    assert list(overlay["stages"]) == [s.id for s in graph.stages()]
    assert overlay["stages"]["ST7"] == {
        "label": "Living life",
        "status": "not_mapped",
        "local_stages": [],
    }
    assert overlay["stages"]["ST8"]["local_stages"] == ["Six-week check", "Annual review"]
    assert len(overlay["placements"]) == example_report.coverage.total
    assert {
        "stage_id": "ST3",
        "touchpoint_id": "TP07",
        "status": "misplaced",
        "need": "required",
        "origin": "synthesis",
    } in (overlay["placements"])
    names = [entry["name"] for entry in overlay["local_stages"]]
    assert names[0] == "Front door (Adult Social Care Direct)"
    assert names[-1] == "Carers' check-in"
    assert set(overlay["extras"]) == {"ST5", "ST6"}


def test_the_table_alternative_has_a_row_per_placement_and_per_extra(
    example_report: AlignmentReport,
) -> None:
    rows = example_report.table_rows()
    assert len(rows) == example_report.coverage.total + example_report.extras_count
    assert {r["Status"] for r in rows} == {"covered", "missing", "misplaced", "local extra"}
    misplaced = next(r for r in rows if r["Status"] == "misplaced")
    assert misplaced["Done at"] == "Finance review (ST5)"


def test_the_text_report_lists_gaps_under_their_stage(example_report: AlignmentReport) -> None:
    text = render_text(example_report)
    st3 = text.index("Stage 3 'Support planning and brokerage' (ST3)")
    st4 = text.index("Stage 4 ")
    assert "MISPLACED TP07" in text[st3:st4]
    assert "Local stages outside the framework" in text
    assert text.endswith("\n")


# --------------------------------------------------------------------------- origin (issue 13)


def test_every_placement_is_labelled_as_our_synthesis_not_the_framework_s_text(
    example_report: AlignmentReport,
) -> None:
    """Law review row 12: no stage-to-touchpoint link cites the framework's own text."""
    placements = [p for s in example_report.stages for p in s.placements]
    assert {p.origin.value for p in placements} == {"synthesis"}
    data = example_report.to_json()
    assert data["placements_by_origin"] == {
        "framework_text": 0,
        "synthesis": len(placements),
        "local_policy": 0,
    }
    assert "Placements marked as our synthesis are ours" in data["provenance"]
    assert "not the framework's own text" in data["provenance"]
    text = render_text(example_report)
    assert "Placements marked as our synthesis are ours" in text
    assert "the framework places" not in text
    assert "the framework says" not in text
    rows = example_report.table_rows()
    assert {r["Whose placement"] for r in rows if r["Need"]} == {
        "our synthesis, not the framework's text"
    }


def test_judging_only_the_framework_s_own_text_judges_no_placement(
    graph: FrameworkGraph,
) -> None:
    report = align(
        process(graph, ("Planning meeting", "ST3", "TP07")), graph, origin="framework_text"
    )
    assert report.coverage.total == 0
    assert report.origin_filter is not None
    assert "Only placements that are the framework's own text were judged" in (
        report.provenance_sentence()
    )
    # a touchpoint done where it is placed is not turned into a local extra by the filter
    assert not next(s for s in report.stages if s.stage_id == "ST3").extras


def test_an_unknown_origin_is_refused(graph: FrameworkGraph) -> None:
    with pytest.raises(ValueError):
        align(process(graph, ("Planning meeting", "ST3", "TP07")), graph, origin="the framework")
