from __future__ import annotations

from framework import load_framework
from risk_app.ui import charts

GRAPH = load_framework()


def test_clicking_a_stage_or_its_touchpoint_chooses_that_stage():
    assert charts.stage_for_point(GRAPH, "ST6") == "ST6"
    assert charts.stage_for_point(GRAPH, "TP13") in {s.id for s in GRAPH.stages_of("TP13")}
    assert charts.stage_for_point(GRAPH, "RT2") is None
    assert charts.stage_for_point(GRAPH, "no-such-node") is None
    assert charts.stage_for_point(GRAPH, None) is None


def test_the_map_shows_every_stage_and_marks_the_chosen_one():
    figure = charts.framework_map_figure(GRAPH, selected_stage="ST4")
    stage_trace = next(t for t in figure.data if t.name == "Stage")
    assert list(stage_trace.customdata) == [s.id for s in GRAPH.stages()]
    widths = dict(zip(stage_trace.customdata, stage_trace.marker.line.width, strict=True))
    assert widths["ST4"] > widths["ST3"]


def test_items_are_drawn_by_origin_filled_only_for_the_framework_s_own_text():
    figure = charts.framework_map_figure(GRAPH)
    for trace in figure.data:
        if trace.customdata is None:
            continue
        for node_id, colour in zip(trace.customdata, trace.marker.color, strict=True):
            origin = str(GRAPH.node(node_id).provenance.origin)
            assert (colour == "white") == (origin == "synthesis"), node_id


def test_placements_that_are_our_synthesis_are_drawn_dashed_with_a_legend():
    figure = charts.framework_map_figure(GRAPH)
    lines = [t for t in figure.data if t.mode == "lines"]
    assert {t.name for t in lines} == {"Links: Our synthesis, not the framework's text"}
    assert {t.line.dash for t in lines} == {"dash"}
    legend = {t.name for t in figure.data if t.legendgroup == "origin"}
    assert legend == set(charts.ORIGIN_WORDS.values())


def test_the_map_filtered_to_the_framework_s_own_text_places_no_touchpoint():
    """No stage-to-touchpoint placement cites the framework's text (law review row 12)."""
    figure = charts.framework_map_figure(GRAPH, origin="framework_text")
    assert not [t for t in figure.data if t.name == "Safeguarding touchpoint"]
    assert charts.framework_map_rows(GRAPH, origin="framework_text") == []
    rows = charts.framework_map_rows(GRAPH, origin="synthesis")
    assert rows == charts.framework_map_rows(GRAPH)
    assert {r["Placement at this stage"] for r in rows} == {
        "Our synthesis, not the framework's text"
    }


def test_the_table_alternative_lists_every_touchpoint_shown_in_the_map():
    figure = charts.framework_map_figure(GRAPH)
    shown = set(next(t for t in figure.data if t.name == "Safeguarding touchpoint").customdata)
    listed = {row["Touchpoint"].split(":")[0] for row in charts.framework_map_rows(GRAPH)}
    assert shown == listed


def test_labels_from_a_framework_file_cannot_inject_markup_into_hover_text():
    node = GRAPH.node("ST1").model_copy(update={"label": "<img src=x onerror=alert(1)>"})
    assert "<img" not in charts._hover(node, GRAPH)


def test_the_risk_matrix_places_each_risk_before_and_after_with_a_table_twin():
    from types import SimpleNamespace

    from risk_app.domain.record.risk import NHS_5X5, RiskView

    risk = SimpleNamespace(
        activity="Riding my motorbike",
        view=RiskView(
            before=NHS_5X5.rate(3, 5), after=NHS_5X5.rate(2, 5), person_rating=NHS_5X5.rate(2, 4)
        ),
    )
    figure = charts.risk_matrix_figure(NHS_5X5, [risk])
    points = [(t.name, t.x[-1], t.y[-1]) for t in figure.data if t.name]
    assert ("Risk 1 before", 5, 3) in points and ("Risk 1 after", 5, 2) in points
    assert len(figure.layout.shapes) == 25
    [row] = charts.risk_matrix_rows([risk])
    assert row == {
        "Risk": "1. Riding my motorbike",
        "Before mitigation": "15 (High)",
        "The person's own rating": "8 (Medium)",
        "After mitigation": "10 (Medium)",
    }
