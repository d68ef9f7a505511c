"""Domain queries on the bundled framework graph."""

from __future__ import annotations

import json

import pytest

from framework import FrameworkGraph, Node, NodeType, PromptKind, ProvenanceStatus, StageDetail


def ids(nodes: tuple[Node, ...]) -> list[str]:
    return [n.id for n in nodes]


def test_assessment_has_its_touchpoints_including_raising_a_concern(
    bundled: FrameworkGraph,
) -> None:
    assert ids(bundled.touchpoints_for("ST1")) == ["TP01", "TP02", "TP03", "TP04", "TP05", "TP11"]


def test_every_stage_lets_anyone_raise_a_safeguarding_concern(bundled: FrameworkGraph) -> None:
    for stage in bundled.stages():
        assert "TP11" in ids(bundled.touchpoints_for(stage.id))
    assert len(bundled.stages_of("TP11")) == 9


def test_direct_payment_review_touchpoints_only_show_for_direct_payments(
    bundled: FrameworkGraph,
) -> None:
    with_dp = ids(bundled.touchpoints_for("ST8", budget_option="BO-DP"))
    council_managed = ids(bundled.touchpoints_for("ST8", budget_option="BO-PRO"))
    assert {"TP16", "TP17"} <= set(with_dp)
    assert "TP16" not in council_managed and "TP17" not in council_managed
    assert "TP18" in council_managed


def test_touchpoints_can_be_filtered_by_level(bundled: FrameworkGraph) -> None:
    assert ids(bundled.touchpoints_for("ST7", level="LV-IND")) == ["TP15", "TP11"]
    assert ids(bundled.touchpoints_for("ST1", level="LV-IND")) == ["TP11"]
    assert ids(bundled.touchpoints_for("ST8", level="LV-CORP")) == ["TP16", "TP17"]


def test_support_planning_prompts_for_a_direct_payment_include_employment_checks(
    bundled: FrameworkGraph,
) -> None:
    prompts = ids(bundled.prompts_for("ST3", budget_option="BO-DP"))
    assert prompts == [f"RM{i:02d}" for i in range(1, 11)]


def test_support_planning_prompts_without_a_direct_payment_leave_out_dp_only_prompts(
    bundled: FrameworkGraph,
) -> None:
    council = ids(bundled.prompts_for("ST3", budget_option="BO-PRO"))
    assert "RM03" not in council and "RM10" not in council and "RM04" not in council
    isf = ids(bundled.prompts_for("ST3", budget_option="BO-ISF"))
    assert "RM04" in isf and "RM03" not in isf


def test_prompts_can_be_filtered_by_kind(bundled: FrameworkGraph) -> None:
    assert ids(bundled.prompts_for("ST1", kind=PromptKind.MANAGEMENT)) == []
    assert len(bundled.prompts_for("ST1", kind="assessment")) == 10
    assert ids(bundled.prompts_for("ST4", kind="management")) == ["RM05", "RM06", "RM09"]


def test_children_in_the_home_make_no_touchpoint_required(bundled: FrameworkGraph) -> None:
    """SVGA 2006 Sch 4: a child in the home does not make a PA's work regulated activity."""
    answers = {"RA07": "yes"}
    assert bundled.required_touchpoints("ST1", answers) == ()
    assert bundled.required_touchpoints("ST6", answers) == ()
    assert bundled.required_touchpoints("ST6", {"RA07": "Yes "}) == ()


def test_no_children_in_the_home_requires_nothing_extra(bundled: FrameworkGraph) -> None:
    assert bundled.required_touchpoints("ST6", {"RA07": "no"}) == ()
    assert bundled.required_touchpoints("ST3", {"RA07": "yes"}) == ()
    assert bundled.required_touchpoints("ST1", {"NOT-A-PROMPT": "yes", "ST0": "yes"}) == ()


def test_triggers_honour_the_answer_given(bundled: FrameworkGraph) -> None:
    assert ids(bundled.triggered_by("RA07")) == ["TP13"]
    assert ids(bundled.triggered_by("RA07", "yes")) == ["TP13"]
    assert bundled.triggered_by("RA07", "no") == ()
    assert ids(bundled.triggered_by("RA02", "yes")) == ["TP03"]
    assert ids(bundled.triggered_by("RM09", "panel")) == ["TP10"]
    assert ids(bundled.triggered_by("RM09", "safeguarding")) == ["TP11"]
    assert bundled.triggered_by("RM09", "no") == ()
    assert ids(bundled.triggered_by("RM09")) == ["TP10", "TP11"]


def test_a_panel_referral_can_escalate_through_to_the_safeguarding_steps(
    bundled: FrameworkGraph,
) -> None:
    path = ids(bundled.escalation_path("TP10"))
    assert path == ["RT2", "RT3", "RT4", "SG1", "SG2", "SG3", "SG4", "SG5"]


def test_a_safeguarding_concern_goes_straight_to_the_full_process(bundled: FrameworkGraph) -> None:
    assert ids(bundled.escalation_path("TP11")) == ["RT3", "SG1", "SG2", "SG3", "SG4", "SG5"]
    assert bundled.escalation_path("TP01") == ()


def test_routes_for_a_stage_follow_its_touchpoints(bundled: FrameworkGraph) -> None:
    assert ids(bundled.routes_for("ST4")) == ["RT1", "RT2", "RT3", "RT4"]
    assert ids(bundled.routes_for("ST0")) == ["RT3"]


def test_references_for_a_node_combine_grounding_and_provenance_without_repeats(
    bundled: FrameworkGraph,
) -> None:
    refs = [r.id for r in bundled.references_for("TP13")]
    assert refs == [
        "GLOS-PA-DBS",
        "DURHAM-PA-DBS",
        "SVGA-2006-SCH4",
        "SVGA-2006-S6",
        "POFA-2012",
        "DBS-ELIG",
        "CAMDEN-DP",
    ]
    assert bundled.reference("GLOS-PA-DBS").url is not None


def test_provenance_shows_what_is_our_wording(bundled: FrameworkGraph) -> None:
    assert bundled.node("RA01").provenance.status is ProvenanceStatus.SOURCE_TOPIC_OUR_WORDING
    assert bundled.node("RA07").provenance.status is ProvenanceStatus.SOURCE_TOPIC_OUR_WORDING
    assert bundled.node("RC-RISKAGR").provenance.status is ProvenanceStatus.INFERRED
    (loop,) = bundled.review_loops()
    assert loop.provenance.status is ProvenanceStatus.INFERRED


def test_taxonomy_queries(bundled: FrameworkGraph) -> None:
    assert ids(bundled.principles_for("TP03")) == ["MCA-1", "MCA-2", "MCA-3", "MCA-4", "MCA-5"]
    assert len(bundled.abuse_types_for("RA05")) == 10
    assert ids(bundled.abuse_types_for("RA06")) == ["AB-FIN"]
    assert ids(bundled.levels_for("TP16")) == ["LV-CORP", "LV-PRAC"]
    assert ids(bundled.records_for("TP03")) == ["RC-MCA", "RC-BI"]
    assert ids(bundled.roles_for("RC-RISKAGR", "signed_by")) == [
        "RO-PERSON",
        "RO-REP",
        "RO-PRACT",
        "RO-MGR",
    ]
    assert ids(bundled.budget_options_for("RM04")) == [
        "BO-DP",
        "BO-ISF",
        "BO-MIX",
        "WA-DP",
        "SC-OPT1",
        "SC-OPT4",
    ]


def test_stage_detail_bundles_everything_for_the_ui(bundled: FrameworkGraph) -> None:
    detail = bundled.stage_detail("ST3", budget_option="BO-PRO")
    assert isinstance(detail, StageDetail)
    assert detail.stage.id == "ST3"
    assert ids(detail.touchpoints) == ["TP07", "TP08", "TP11"]
    assert detail.assessment_prompts == ()
    assert "RM03" not in ids(detail.management_prompts)
    assert ids(detail.routes) == ["RT3"]
    assert {"CA-EMP", "ICR-GP", "CA-PROT"} <= set(ids(detail.principles))
    assert "SWF-2011" in [r.id for r in detail.references]
    money = bundled.stage_detail("ST5")
    assert len(money.budget_options) == 13
    assert len(bundled.stage_detail("ST5", jurisdiction="wales").budget_options) == 2
    with pytest.raises(ValueError, match="not a stage"):
        bundled.stage_detail("TP01")
    with pytest.raises(Exception, match="frozen"):
        detail.stage = money.stage  # type: ignore[misc]


def test_unknown_ids_raise_a_key_error_naming_the_id(bundled: FrameworkGraph) -> None:
    with pytest.raises(KeyError, match="ST99"):
        bundled.node("ST99")
    with pytest.raises(KeyError, match="NOPE"):
        bundled.reference("NOPE")
    with pytest.raises(KeyError):
        bundled.touchpoints_for("ST99")


def test_nodes_and_links_can_be_listed_and_filtered(bundled: FrameworkGraph) -> None:
    assert len(bundled.nodes(NodeType.STAGE)) == 9
    assert len(bundled.nodes("touchpoint")) == 20
    assert [link.target for link in bundled.links(source="ST0", type="next")] == ["ST1"]
    assert {link.source for link in bundled.links(target="TP13")} == {"ST6", "RA07"}


def test_queries_return_tuples_of_models_not_graph_objects(bundled: FrameworkGraph) -> None:
    for result in (bundled.stages(), bundled.nodes(), bundled.links(), bundled.references):
        assert isinstance(result, tuple)
    node_link = bundled.to_node_link()
    json.dumps(node_link)
    assert node_link["graph"]["version"] == bundled.version
    assert "FrameworkGraph(version=" in repr(bundled)
