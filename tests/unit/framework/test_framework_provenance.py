"""Provenance with three sources (issue 13, law review rows 12, 14, 15, 16): whose words each
item is (the framework's own text, our synthesis, local policy), what kind of publication each
reference is, and the primary texts cited."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from framework import FrameworkError, FrameworkGraph, Origin, load_framework_text
from framework.diff import diff_frameworks
from framework.export import to_json
from framework.schema import LinkType, ProvenanceStatus, ReferenceKind


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        load_framework_text(dump(data), "upload.yaml")
    return [f"{p.item}: {p.message}" for p in caught.value.problems]


# --------------------------------------------------------------------------- validation


def test_framework_text_that_cites_no_framework_reference_is_refused(
    minimal: dict[str, Any],
) -> None:
    minimal["nodes"][0]["provenance"]["origin"] = "framework_text"  # cites R1, kind guidance
    (problem,) = problems(minimal)
    assert problem.startswith("ST0: ")
    assert "must cite a reference of kind 'framework'" in problem


def test_framework_text_cannot_be_our_inference(minimal: dict[str, Any]) -> None:
    minimal["references"][0]["kind"] = "framework"
    minimal["nodes"][1]["provenance"] = {"status": "inferred", "origin": "framework_text"}
    (problem,) = problems(minimal)
    assert problem.startswith("ST1: ")
    assert "cannot have status 'inferred'" in problem


def test_a_placement_link_claimed_as_framework_text_without_the_framework_is_refused(
    minimal: dict[str, Any],
) -> None:
    minimal["links"][1]["provenance"] = {
        "status": "stated",
        "refs": ["R1"],
        "origin": "framework_text",
    }
    (problem,) = problems(minimal)
    assert "ST0 -has_touchpoint-> TP01" in problem


def test_framework_text_citing_a_framework_reference_is_accepted(minimal: dict[str, Any]) -> None:
    minimal["references"][0]["kind"] = "framework"
    minimal["nodes"][0]["provenance"]["origin"] = "framework_text"
    graph = load_framework_text(dump(minimal), "upload.yaml")
    assert [n.id for n in graph.nodes_with_origin(Origin.FRAMEWORK_TEXT)] == ["ST0"]


def test_an_uploaded_file_whose_references_have_no_kind_gets_a_clear_problem(
    minimal: dict[str, Any],
) -> None:
    del minimal["references"][0]["kind"]
    (problem,) = problems(minimal)
    assert problem.startswith("R1: ")
    assert "has no kind" in problem
    assert "legislation" in problem and "statutory_guidance" in problem


def test_an_unknown_origin_is_refused_with_the_allowed_words(minimal: dict[str, Any]) -> None:
    minimal["nodes"][0]["provenance"]["origin"] = "the framework says so"
    (problem,) = problems(minimal)
    assert "framework_text" in problem and "synthesis" in problem


def test_an_item_with_no_origin_is_our_synthesis(minimal: dict[str, Any]) -> None:
    graph = load_framework_text(dump(minimal), "upload.yaml")
    assert {n.provenance.origin for n in graph.nodes()} == {Origin.SYNTHESIS}


# --------------------------------------------------------------------------- the bundled file


def test_every_reference_in_the_bundled_file_has_a_kind(bundled: FrameworkGraph) -> None:
    assert all(ref.kind is not None for ref in bundled.references)


def test_every_stage_to_touchpoint_placement_in_the_bundled_file_is_our_synthesis(
    bundled: FrameworkGraph,
) -> None:
    placements = [
        link
        for link in bundled.links(type=LinkType.HAS_TOUCHPOINT)
        if bundled.node(link.source).type == "stage"
    ]
    assert len(placements) >= 27  # the review counted 29 with the two safeguarding-step links
    assert {link.provenance.origin for link in placements} == {Origin.SYNTHESIS}
    assert all(
        bundled.placement_origin(link.source, link.target) is Origin.SYNTHESIS
        for link in placements
    )


def test_only_the_three_levels_and_the_framework_page_headings_are_framework_text(
    bundled: FrameworkGraph,
) -> None:
    assert {n.id for n in bundled.nodes_with_origin("framework_text")} == {
        "LV-CORP",
        "LV-PRAC",
        "LV-IND",
    }
    links = bundled.links_with_origin(Origin.FRAMEWORK_TEXT)
    assert {(link.source, link.type, link.target) for link in links} == {
        ("ST1", LinkType.GROUNDED_IN, "SWF-2011"),
        ("ST3", LinkType.GROUNDED_IN, "SWF-2011"),
    }


def test_nothing_in_the_bundled_file_is_marked_local_policy_by_this_change(
    bundled: FrameworkGraph,
) -> None:
    """Local policy marks belong to the budget options another change reviews (BO-IND, BO-TRUST,
    BO-BROK); nothing else is local policy."""
    marked = {n.id for n in bundled.nodes_with_origin(Origin.LOCAL_POLICY)}
    assert marked <= {"BO-IND", "BO-TRUST", "BO-BROK"}


@pytest.mark.parametrize(
    ("node_id", "reference", "where"),
    [
        ("MCA-1", "MCA-2005-S1", "Mental Capacity Act 2005 s1(2)"),
        ("MCA-2", "MCA-2005-S1", "Mental Capacity Act 2005 s1(3)"),
        ("MCA-3", "MCA-2005-S1", "Mental Capacity Act 2005 s1(4)"),
        ("MCA-4", "MCA-2005-S1", "Mental Capacity Act 2005 s1(5)"),
        ("MCA-5", "MCA-2005-S1", "Mental Capacity Act 2005 s1(6)"),
        ("MCA-4", "MCA-2005-S4", "Mental Capacity Act 2005 s4"),
        ("SG2", "CA-2014-S42", "Care Act 2014 s42(1)"),
        ("TP16", "DPR-2014-R7", "Direct Payments Regulations 2014 reg 7"),
        ("AB-PHYS", "CSSG-14.17", "Care and Support Statutory Guidance 14.17"),
        ("AB-SN", "CSSG-14.17", "Care and Support Statutory Guidance 14.17"),
        ("CA-EMP", "CSSG-14.13", "Care and Support Statutory Guidance 14.13"),
        ("MSP", "CSSG-14.15", "Care and Support Statutory Guidance 14.15"),
        ("RT2", "CSSG-10.85", "Care and Support Statutory Guidance 10.85"),
        ("ST8", "CSSG-13.32", "Care and Support Statutory Guidance 13.32"),
        ("RA05", "CSSG-14.16", "Care and Support Statutory Guidance 14.16"),
    ],
)
def test_rules_of_law_cite_the_primary_text_first(
    bundled: FrameworkGraph, node_id: str, reference: str, where: str
) -> None:
    node = bundled.node(node_id)
    assert reference in node.provenance.refs, where
    kind = bundled.reference(reference).kind
    assert kind in {ReferenceKind.LEGISLATION, ReferenceKind.STATUTORY_GUIDANCE}, where
    primaries = [
        ref
        for ref in node.provenance.refs
        if bundled.reference(ref).kind
        in {ReferenceKind.LEGISLATION, ReferenceKind.STATUTORY_GUIDANCE}
    ]
    first_law = next(
        r
        for r in node.provenance.refs
        if bundled.reference(r).kind not in {ReferenceKind.GUIDANCE, ReferenceKind.FRAMEWORK}
    )
    assert first_law in primaries, where


def test_primary_references_point_at_the_official_text(bundled: FrameworkGraph) -> None:
    for ref in bundled.references:
        if ref.kind is ReferenceKind.LEGISLATION:
            assert ref.url and ref.url.startswith("https://www.legislation.gov.uk/"), ref.id
    assert bundled.reference("DPR-2014-R7").url == (
        "https://www.legislation.gov.uk/uksi/2014/2871/regulation/7"
    )


def test_section_42_is_cited_as_the_primary_text_and_says_so(bundled: FrameworkGraph) -> None:
    s42 = bundled.reference("CA-2014-S42")
    assert s42.kind is ReferenceKind.LEGISLATION
    assert s42.note and "not read" not in s42.note and "primary text" in s42.note


def test_no_stated_item_rests_only_on_a_source_whose_publisher_is_unknown(
    bundled: FrameworkGraph,
) -> None:
    unknown = {r.id for r in bundled.references if r.publisher.startswith("Unknown")}
    assert unknown, "the project-supplied Scottish briefing has no known publisher"
    assert all(bundled.reference(r).kind is ReferenceKind.SECONDARY for r in unknown)
    for item in (*bundled.nodes(), *bundled.links()):
        refs = set(item.provenance.refs)
        if refs and refs <= unknown:
            assert item.provenance.status is not ProvenanceStatus.STATED


def test_the_panel_and_safeguarding_routes_are_options_not_a_chain(
    bundled: FrameworkGraph,
) -> None:
    """SCIE Report 36 describes light-touch agreement, a panel and the safeguarding procedures as
    a range of options (law review row 14)."""
    for source, target in (("RT1", "RT2"), ("RT2", "RT3")):
        (link,) = bundled.links(source=source, target=target, type=LinkType.ESCALATES_TO)
        assert link.provenance.status is ProvenanceStatus.SOURCE_TOPIC_OUR_WORDING
        assert link.provenance.note and "not a chain" in link.provenance.note
        assert link.provenance.origin is Origin.SYNTHESIS


# --------------------------------------------------------------------------- export and diff


def test_the_json_export_carries_references_kinds_origins_and_the_description(
    bundled: FrameworkGraph,
) -> None:
    data = json.loads(to_json(bundled))
    assert data["description"] == bundled.document.description
    assert "synthesis" in data["caveat"] and "framework_text" in data["caveat"]
    kinds = {ref["id"]: ref["kind"] for ref in data["references"]}
    assert kinds["SWF-2011"] == "framework"
    assert kinds["CA-2014-S42"] == "legislation"
    assert kinds["CSSG-14.17"] == "statutory_guidance"
    assert all(node["provenance"]["origin"] for node in data["nodes"])
    assert all(link["provenance"]["origin"] for link in data["links"])
    levels = {n["id"]: n["provenance"]["origin"] for n in data["nodes"] if n["type"] == "level"}
    assert set(levels.values()) == {"framework_text"}


def test_no_grounded_in_link_dangles_in_the_json_export(bundled: FrameworkGraph) -> None:
    data = json.loads(to_json(bundled))
    known = {ref["id"] for ref in data["references"]}
    cited = {r for item in (*data["nodes"], *data["links"]) for r in item["provenance"]["refs"]}
    grounded = {link["target"] for link in data["links"] if link["type"] == "grounded_in"}
    assert grounded and grounded <= known
    assert cited <= known


def test_the_difference_reports_an_item_whose_origin_changed(bundled_text: str) -> None:
    old = load_framework_text(bundled_text, "old.yaml")
    needle = "provenance: {origin: framework_text, status: stated, refs: [SCIE-FW, SCIE36-SU]}"
    assert bundled_text.count(needle) == 1
    changed = bundled_text.replace(needle, needle.replace("framework_text", "synthesis"))
    changed = changed.replace('version: "2026.12.1"', 'version: "2026.12.2"', 1)
    diff = diff_frameworks(old, load_framework_text(changed, "new.yaml"))
    [item] = diff.nodes.changed
    assert item.item.id == "LV-IND"
    assert [(c.field, c.old, c.new) for c in item.changes] == [
        ("provenance.origin", "framework_text", "synthesis")
    ]
    assert any(
        "LV-IND changes from the framework's own text to our synthesis" in n for n in diff.notes
    )
    assert diff.to_json()["origin_changes"] == [
        {"item": "LV-IND", "old": "framework_text", "new": "synthesis"}
    ]


def test_the_mermaid_chart_draws_every_placement_dotted_because_each_is_our_synthesis(
    bundled: FrameworkGraph,
) -> None:
    from framework.export import mermaid_id, to_mermaid

    chart = to_mermaid(bundled)
    assert f"{mermaid_id('ST6')} -.- {mermaid_id('TP14')}" in chart
    assert " --- " not in chart
