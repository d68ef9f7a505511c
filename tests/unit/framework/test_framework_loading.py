"""Loading and checking framework files: the bundled file, and every way a file can be wrong."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from framework import (
    FrameworkError,
    FrameworkGraph,
    NodeType,
    ProvenanceStatus,
    load_framework,
    load_framework_bytes,
    load_framework_text,
)


def dump(document: dict[str, Any]) -> str:
    """Block-style YAML, one key per line, so tests can find line numbers."""
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)


def line_of(text: str, needle: str, *, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing ``needle``."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[occurrence - 1]


def problems_of(text: str, name: str = "framework.yaml") -> FrameworkError:
    with pytest.raises(FrameworkError) as caught:
        load_framework_text(text, name)
    return caught.value


# --------------------------------------------------------------------------- the bundled file


def test_the_bundled_framework_loads_and_passes_every_check(bundled: FrameworkGraph) -> None:
    assert re.fullmatch(r"\d{4}\.\d{1,2}\.\d+", bundled.version)
    assert bundled.unreachable() == ()
    assert bundled.stages_without_touchpoint() == ()
    assert len(bundled.nodes()) > 100
    assert len(bundled.links()) > 200


def test_the_bundled_framework_has_the_research_node_ids(bundled: FrameworkGraph) -> None:
    ids = {n.id for n in bundled.nodes()}
    expected = (
        [f"ST{i}" for i in range(9)]
        + [f"TP{i:02d}" for i in range(1, 20)]
        + [f"SG{i}" for i in range(1, 6)]
        + [f"RT{i}" for i in range(1, 5)]
        + [f"RA{i:02d}" for i in range(1, 11)]
        + [f"RM{i:02d}" for i in range(1, 11)]
        + [f"MCA-{i}" for i in range(1, 6)]
        + ["MSP", "ICR-GP", "LV-CORP", "LV-PRAC", "LV-IND"]
        + ["BO-DP", "BO-IND", "BO-TRUST", "BO-BROK", "BO-ISF", "BO-PRO"]
        + [f"SC-OPT{i}" for i in range(1, 5)]
    )
    assert set(expected) <= ids


def test_all_ten_statutory_abuse_types_are_present(bundled: FrameworkGraph) -> None:
    assert {n.id for n in bundled.nodes(NodeType.ABUSE_TYPE)} == {
        "AB-PHYS",
        "AB-DOM",
        "AB-SEX",
        "AB-PSY",
        "AB-FIN",
        "AB-SLAV",
        "AB-DISC",
        "AB-ORG",
        "AB-NEG",
        "AB-SN",
    }


def test_stages_come_in_journey_order_with_a_review_loop(bundled: FrameworkGraph) -> None:
    stages = bundled.stages()
    assert [s.id for s in stages] == [f"ST{i}" for i in range(9)]
    assert [s.order for s in stages] == list(range(9))
    loops = bundled.review_loops()
    assert [(link.source, link.target, link.loop) for link in loops] == [("ST8", "ST1", "review")]
    assert [s.id for s in bundled.next_stages("ST8")] == ["ST1"]


def test_every_stage_has_at_least_one_touchpoint(bundled: FrameworkGraph) -> None:
    for stage in bundled.stages():
        assert bundled.touchpoints_for(stage.id), stage.id


def test_prompt_wording_is_never_presented_as_the_frameworks_own_text(
    bundled: FrameworkGraph,
) -> None:
    # The framework's issue lists were not found, so "stage asks prompt" cannot be 'stated'.
    for link in bundled.links(type="asks"):
        assert link.provenance.status is not ProvenanceStatus.STATED, link.label


def test_the_description_separates_framework_structure_from_our_inference(
    bundled: FrameworkGraph,
) -> None:
    description = bundled.document.description
    assert "WHAT IS THE FRAMEWORK'S OWN STRUCTURE" in description
    assert "WHAT IS OUR INFERENCE" in description


def test_budget_options_carry_their_jurisdiction(bundled: FrameworkGraph) -> None:
    offered = bundled.budget_options_offered("ST5")
    by_jurisdiction = {o.id: o.jurisdiction.value for o in offered if o.jurisdiction}
    # England: the Care Act's four ways (CSSG ch.11) and three older local arrangements.
    assert sum(1 for j in by_jurisdiction.values() if j == "england") == 7
    assert sum(1 for j in by_jurisdiction.values() if j == "scotland") == 4
    assert sum(1 for j in by_jurisdiction.values() if j == "wales") == 2


def test_loading_from_an_explicit_path_or_bytes_gives_the_same_framework(
    tmp_path: Path, bundled_text: str, bundled: FrameworkGraph
) -> None:
    copy = tmp_path / "revised.yaml"
    copy.write_text(bundled_text, encoding="utf-8")
    assert load_framework(copy).document == bundled.document
    assert load_framework(str(copy)).version == bundled.version
    assert load_framework_bytes(b"\xef\xbb\xbf" + copy.read_bytes(), "bom.yaml").version


# --------------------------------------------------------------------------- unreadable input


def test_malformed_yaml_gives_one_problem_with_its_line() -> None:
    error = problems_of("version: '1.0.0'\nnodes: [\n  {id: ST0,\n")
    assert len(error.problems) == 1
    problem = error.problems[0]
    assert problem.source == "framework.yaml"
    assert "not valid YAML" in problem.message
    assert problem.line is not None


def test_binary_bytes_give_one_clear_problem(tmp_path: Path) -> None:
    path = tmp_path / "picture.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe\xfa")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    assert len(caught.value.problems) == 1
    assert "not UTF-8" in caught.value.problems[0].message
    assert str(caught.value).startswith("picture.yaml is not a valid framework: 1 problem")


def test_control_characters_in_text_give_one_clear_problem() -> None:
    error = problems_of("version: \x00\x01\n")
    assert len(error.problems) == 1


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n"])
def test_an_empty_file_gives_one_clear_problem(text: str) -> None:
    error = problems_of(text)
    assert len(error.problems) == 1
    assert "empty" in error.problems[0].message or "found nothing" in error.problems[0].message


def test_a_top_level_list_is_reported_as_not_a_mapping() -> None:
    error = problems_of("- just\n- a list\n")
    assert len(error.problems) == 1
    assert "must be a mapping" in error.problems[0].message


def test_a_missing_file_is_reported_without_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(FrameworkError) as caught:
        load_framework(tmp_path / "nowhere.yaml")
    assert caught.value.problems[0].item == "file"
    assert "cannot read" in caught.value.problems[0].message
    assert caught.value.__cause__ is None


def test_the_error_message_names_the_file_and_counts_the_problems(
    minimal: dict[str, Any],
) -> None:
    minimal["links"][0]["target"] = "ST9"
    minimal["nodes"][2]["provenance"]["refs"] = ["NOPE"]
    error = problems_of(dump(minimal), "upload.yaml")
    text = str(error)
    first, *rest = text.splitlines()
    assert first == f"upload.yaml is not a valid framework: {len(error.problems)} problems"
    assert len(rest) == len(error.problems)
    assert all(line.startswith("  - upload.yaml") for line in rest)


# --------------------------------------------------------------------------- schema problems


def test_a_node_without_provenance_is_reported_as_missing_provenance(
    minimal: dict[str, Any],
) -> None:
    del minimal["nodes"][2]["provenance"]
    text = dump(minimal)
    error = problems_of(text)
    (problem,) = error.problems
    assert problem.item == "TP01"
    assert "missing required field 'provenance'" in problem.message
    assert problem.line == line_of(text, "id: TP01")


def test_a_link_without_provenance_is_reported(minimal: dict[str, Any]) -> None:
    del minimal["links"][1]["provenance"]
    (problem,) = problems_of(dump(minimal)).problems
    assert problem.item == "links[1] (ST0 -has_touchpoint-> TP01)"
    assert "provenance" in problem.message


def test_schema_errors_name_the_item_and_its_line_in_the_bundled_file(bundled_text: str) -> None:
    broken = bundled_text.replace(
        "id: RA07, type: assessment_prompt, answer_type: yes_no",
        "id: RA07, type: assessment_prompt, answer_type: maybe",
    )
    error = problems_of(broken)
    (problem,) = error.problems
    assert problem.item == "RA07"
    assert "answer_type" in problem.message
    assert problem.line == line_of(bundled_text, "id: RA07,")


def test_an_unknown_field_is_reported(minimal: dict[str, Any]) -> None:
    minimal["nodes"][0]["colour"] = "blue"
    (problem,) = problems_of(dump(minimal)).problems
    assert problem.item == "ST0"
    assert "unknown field 'colour'" in problem.message


def test_a_field_that_belongs_to_another_node_type_is_reported(minimal: dict[str, Any]) -> None:
    minimal["nodes"][2]["order"] = 4
    (problem,) = problems_of(dump(minimal)).problems
    assert problem.item == "TP01"
    assert "'order' is not allowed" in problem.message


def test_a_sourced_status_must_cite_a_reference(minimal: dict[str, Any]) -> None:
    minimal["nodes"][0]["provenance"] = {"status": "stated", "refs": []}
    (problem,) = problems_of(dump(minimal)).problems
    assert problem.item == "ST0"
    assert "needs at least one reference" in problem.message


def test_an_unquoted_yes_is_explained(
    minimal: dict[str, Any],
    node_dict: Callable[..., dict[str, Any]],
    link_dict: Callable[..., dict[str, Any]],
) -> None:
    minimal["nodes"].append(node_dict("RA01", "assessment_prompt", text="Q?", answer_type="yes_no"))
    minimal["links"].append(link_dict("ST0", "asks", "RA01"))
    minimal["links"].append(link_dict("RA01", "may_trigger", "TP01", when=True))
    (problem,) = problems_of(dump(minimal)).problems
    assert "quotes" in problem.message


def test_a_duplicate_key_is_reported_with_its_line() -> None:
    text = "version: '1.0.0'\nversion: '1.0.1'\n"
    error = problems_of(text)
    duplicate = [p for p in error.problems if "appears twice" in p.message]
    assert duplicate and duplicate[0].line == 2


def test_a_bad_version_and_missing_lists_are_reported(minimal: dict[str, Any]) -> None:
    minimal["version"] = "latest"
    del minimal["links"]
    error = problems_of(dump(minimal))
    items = {p.item for p in error.problems}
    assert {"version", "links"} <= items


# --------------------------------------------------------------------------- graph problems


def test_a_link_to_an_unknown_node_is_reported_with_the_file_and_link(
    minimal: dict[str, Any],
) -> None:
    minimal["links"][0]["target"] = "ST9"
    text = dump(minimal)
    error = problems_of(text, "revised.yaml")
    dangling = [p for p in error.problems if "not a known node" in p.message]
    assert len(dangling) == 1
    assert dangling[0].source == "revised.yaml"
    assert dangling[0].item == "links[0] (ST0 -next-> ST9)"
    assert dangling[0].line == line_of(text, "- source: ST0")


def test_a_dangling_link_in_the_bundled_file_points_at_its_line(bundled_text: str) -> None:
    needle = "{source: TP10, type: escalates_to, target: RT2,"
    broken = bundled_text.replace(needle, "{source: TP10, type: escalates_to, target: RT9,")
    error = problems_of(broken)
    dangling = [p for p in error.problems if "RT9" in p.message]
    assert len(dangling) == 1
    assert dangling[0].line == line_of(bundled_text, needle)


def test_a_duplicate_node_id_is_reported_at_the_second_occurrence(
    minimal: dict[str, Any],
) -> None:
    twin = dict(minimal["nodes"][2], label="Twin")
    minimal["nodes"].append(twin)
    text = dump(minimal)
    error = problems_of(text)
    (problem,) = [p for p in error.problems if "duplicate node id" in p.message]
    assert problem.item == "TP01"
    assert problem.line == line_of(text, "id: TP01", occurrence=2)


def test_a_duplicate_reference_id_is_reported(minimal: dict[str, Any]) -> None:
    minimal["references"].append(dict(minimal["references"][0]))
    (problem,) = problems_of(dump(minimal)).problems
    assert problem.item == "R1"
    assert "duplicate reference id" in problem.message


def test_an_unknown_reference_in_provenance_is_reported(minimal: dict[str, Any]) -> None:
    minimal["nodes"][1]["provenance"] = {"status": "stated", "refs": ["R1", "NOT-LISTED"]}
    (problem,) = problems_of(dump(minimal)).problems
    assert problem.item == "ST1"
    assert "unknown reference 'NOT-LISTED'" in problem.message


def test_grounding_in_an_unknown_reference_is_reported(
    minimal: dict[str, Any], link_dict: Callable[..., dict[str, Any]]
) -> None:
    minimal["links"].append(link_dict("ST0", "grounded_in", "NOT-LISTED"))
    (problem,) = problems_of(dump(minimal)).problems
    assert "not a known reference" in problem.message


def test_a_link_between_the_wrong_kinds_of_node_is_reported(
    minimal: dict[str, Any],
    node_dict: Callable[..., dict[str, Any]],
    link_dict: Callable[..., dict[str, Any]],
) -> None:
    minimal["nodes"].append(node_dict("CA-EMP", "principle", family="care_act"))
    minimal["links"].append(link_dict("TP01", "upholds", "CA-EMP"))
    minimal["links"].append(link_dict("CA-EMP", "has_touchpoint", "TP01"))
    (problem,) = problems_of(dump(minimal)).problems
    assert problem.item == "links[4] (CA-EMP -has_touchpoint-> TP01)"
    assert "cannot start at a principle" in problem.message


def test_a_trigger_answer_the_prompt_cannot_give_is_reported(
    minimal: dict[str, Any],
    node_dict: Callable[..., dict[str, Any]],
    link_dict: Callable[..., dict[str, Any]],
) -> None:
    minimal["nodes"].append(node_dict("RA01", "assessment_prompt", text="Q?", answer_type="yes_no"))
    minimal["links"].append(link_dict("ST0", "asks", "RA01"))
    minimal["links"].append(link_dict("RA01", "may_trigger", "TP01", when="perhaps"))
    (problem,) = problems_of(dump(minimal)).problems
    assert "'perhaps' is not a possible answer" in problem.message


def test_a_cycle_in_the_process_flow_is_reported(
    minimal: dict[str, Any], link_dict: Callable[..., dict[str, Any]]
) -> None:
    minimal["links"].append(link_dict("ST1", "next", "ST0"))
    (problem,) = problems_of(dump(minimal)).problems
    assert "process flow loops" in problem.message
    assert "ST0 -> ST1 -> ST0" in problem.message or "ST1 -> ST0 -> ST1" in problem.message


def test_a_return_marked_as_a_review_loop_is_not_a_cycle(
    minimal: dict[str, Any], link_dict: Callable[..., dict[str, Any]]
) -> None:
    minimal["links"].append(link_dict("ST1", "next", "ST0", loop="review"))
    graph = load_framework_text(dump(minimal), "ok.yaml")
    assert [link.target for link in graph.review_loops()] == ["ST0"]


def test_removing_the_review_marker_in_the_bundled_file_reports_a_cycle(
    bundled_text: str,
) -> None:
    broken = bundled_text.replace("target: ST1, loop: review,", "target: ST1,")
    error = problems_of(broken)
    assert any("process flow loops" in p.message for p in error.problems)


def test_a_node_unreachable_from_the_first_stage_is_reported(
    minimal: dict[str, Any], node_dict: Callable[..., dict[str, Any]]
) -> None:
    minimal["nodes"].append(node_dict("AB-FIN", "abuse_type"))
    text = dump(minimal)
    (problem,) = problems_of(text).problems
    assert problem.item == "AB-FIN"
    assert "cannot be reached from the first stage ST0" in problem.message
    assert problem.line == line_of(text, "id: AB-FIN")


def test_a_stage_without_a_touchpoint_is_reported(minimal: dict[str, Any]) -> None:
    del minimal["links"][2]
    (problem,) = problems_of(dump(minimal)).problems
    assert problem.item == "ST1"
    assert "no touchpoint" in problem.message


def test_several_problems_are_all_reported_together(bundled_text: str) -> None:
    edits = [
        ("{source: TP10, type: escalates_to, target: RT2,", "target: RT2,", "target: RT9,"),
        ("refs: [DPR-2014-R7, GLOS-DP-REVIEW], note", "GLOS-DP-REVIEW", "NO-SUCH-REF"),
        ("{source: ST2, type: has_touchpoint, target: TP06,", "source: ST2", "source: CA-EMP"),
        ("{source: ST1, type: grounded_in, target: SWF-2011,", "SWF-2011", "SWF-2099"),
    ]
    broken = bundled_text
    for needle, old, new in edits:
        assert broken.count(needle) == 1
        broken = broken.replace(needle, needle.replace(old, new))
    error = problems_of(broken)
    messages = "\n".join(str(p) for p in error.problems)
    assert "RT9" in messages
    assert "NO-SUCH-REF" in messages
    assert "cannot start at a principle" in messages
    assert "'SWF-2099' is not a known reference" in messages
    assert len(error.problems) == 4


def test_schema_problems_and_cross_reference_problems_are_reported_together(
    minimal: dict[str, Any],
) -> None:
    del minimal["nodes"][0]["label"]
    minimal["nodes"][1]["provenance"] = {"status": "stated", "refs": ["NOPE"]}
    minimal["nodes"].append(dict(minimal["nodes"][2]))
    error = problems_of(dump(minimal))
    assert {(p.item, p.message.split(" '")[0]) for p in error.problems} == {
        ("ST0", "missing required field"),
        ("ST1", "provenance cites unknown reference"),
        ("TP01", "duplicate node id"),
    }


def test_a_lone_surrogate_in_text_gives_one_clear_problem() -> None:
    error = problems_of("version: '\ud800'\n")
    assert len(error.problems) == 1


def test_loop_and_trigger_fields_on_the_wrong_link_type_are_reported(
    minimal: dict[str, Any],
) -> None:
    minimal["links"][1]["loop"] = "review"
    minimal["links"][2]["when"] = "yes"
    error = problems_of(dump(minimal))
    messages = sorted(p.message for p in error.problems)
    assert messages == [
        "'loop' is only allowed on next links",
        "'when' is only allowed on may_trigger links",
    ]


def test_a_stage_without_plain_language_wording_is_reported(minimal):
    import yaml

    from framework import FrameworkError, load_framework_text

    del minimal["nodes"][1]["plain_label"]
    with pytest.raises(FrameworkError) as error:
        load_framework_text(yaml.safe_dump(minimal), "plain.yaml")
    assert any(p.item == "ST1" and "plain_label" in p.message for p in error.value.problems)


def test_every_bundled_stage_speaks_plainly_in_short_sentences(bundled):
    for stage in bundled.stages():
        assert stage.plain_label and stage.plain_summary
        for sentence in stage.plain_summary.split(". "):
            assert len(sentence.split()) <= 15, (stage.id, sentence)
