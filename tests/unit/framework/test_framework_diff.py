"""The difference between two framework versions: a revised copy of the bundled file, compared
item by item, link by link and reference by reference, with each changed field old → new."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from framework import FrameworkGraph, load_framework_text
from framework.diff import (
    FieldChange,
    ItemRef,
    LinkRef,
    diff_frameworks,
    render_diff_text,
)

Revise = Callable[[Callable[[dict[str, Any]], None]], FrameworkGraph]


@pytest.fixture(scope="module")
def bundled_data(bundled_text: str) -> dict[str, Any]:
    data = yaml.safe_load(bundled_text)
    assert isinstance(data, dict)
    return data


@pytest.fixture
def revise(bundled_data: dict[str, Any]) -> Revise:
    """A checked framework made from a changed copy of the bundled file."""

    def make(change: Callable[[dict[str, Any]], None]) -> FrameworkGraph:
        data = copy.deepcopy(bundled_data)
        change(data)
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        return load_framework_text(text, "revised.yaml")

    return make


def node(data: dict[str, Any], node_id: str) -> dict[str, Any]:
    return next(n for n in data["nodes"] if n["id"] == node_id)


def link(data: dict[str, Any], source: str, link_type: str, target: str) -> dict[str, Any]:
    return next(
        x
        for x in data["links"]
        if (x["source"], x["type"], x["target"]) == (source, link_type, target)
    )


def revision(data: dict[str, Any]) -> None:
    """A plausible revision: one touchpoint added, one retired, wording and sources changed."""
    data["version"] = "2026.12.2"
    data["published"] = "2026-12-07"
    data["nodes"].append(
        {
            "id": "TP20",
            "type": "touchpoint",
            "label": "Check the person's online safety",
            "summary": "Talk about scams and online exploitation when planning support.",
            "provenance": {"status": "inferred"},
        }
    )
    data["links"].append(
        {
            "source": "ST3",
            "type": "has_touchpoint",
            "target": "TP20",
            "provenance": {"status": "inferred"},
        }
    )
    data["nodes"] = [n for n in data["nodes"] if n["id"] != "TP05"]
    data["links"] = [x for x in data["links"] if "TP05" not in (x["source"], x["target"])]
    tp07 = node(data, "TP07")
    tp07["label"] = "Plan covers every risk, with a contingency"
    tp07["provenance"]["status"] = "secondary"
    link(data, "ST0", "has_touchpoint", "TP01")["provenance"] = {"status": "inferred"}
    link(data, "RA02", "may_trigger", "TP03")["required"] = True
    link(data, "RM09", "may_trigger", "TP10")["when"] = "safeguarding_and_panel"
    node(data, "RM09")["options"] = [*node(data, "RM09")["options"], "safeguarding_and_panel"]
    data["references"].append(
        {
            "id": "NEW-REF",
            "title": "A new guide",
            "publisher": "Someone",
            "year": 2026,
            "kind": "guidance",
        }
    )
    data["references"][0]["year"] = 1999


@pytest.fixture(scope="module")
def revised(bundled_data: dict[str, Any]) -> FrameworkGraph:
    data = copy.deepcopy(bundled_data)
    revision(data)
    return load_framework_text(yaml.safe_dump(data, sort_keys=False), "revised.yaml")


def test_a_framework_compared_with_itself_has_no_differences(
    bundled: FrameworkGraph, bundled_text: str
) -> None:
    again = load_framework_text(bundled_text, "again.yaml")
    diff = diff_frameworks(bundled, again)
    assert diff.is_empty
    assert diff.notes == ()
    assert diff.summary() == f"{bundled.version} → {bundled.version}: no differences."


def test_the_version_and_other_header_changes_are_listed_old_to_new(
    bundled: FrameworkGraph, revised: FrameworkGraph
) -> None:
    diff = diff_frameworks(bundled, revised)
    assert (diff.old_version, diff.new_version) == (bundled.version, "2026.12.2")
    assert [c.field for c in diff.header] == ["version", "published"]
    assert diff.header[0] == FieldChange(field="version", old=bundled.version, new="2026.12.2")
    assert diff.header[1].new == "2026-12-07"


def test_added_and_removed_nodes_are_named_with_their_type_and_label(
    bundled: FrameworkGraph, revised: FrameworkGraph
) -> None:
    diff = diff_frameworks(bundled, revised)
    assert diff.nodes.added == (
        ItemRef(id="TP20", type="touchpoint", label="Check the person's online safety"),
    )
    assert diff.nodes.removed == (
        ItemRef(id="TP05", type="touchpoint", label="Check the case history"),
    )


def test_a_changed_node_lists_each_changed_field_including_nested_provenance(
    bundled: FrameworkGraph, revised: FrameworkGraph
) -> None:
    diff = diff_frameworks(bundled, revised)
    changed = {c.item.id: c for c in diff.nodes.changed}
    assert set(changed) == {"TP07", "RM09"}
    assert changed["TP07"].changes == (
        FieldChange(
            field="label",
            old="Plan covers risks to, from and by the person, with a contingency",
            new="Plan covers every risk, with a contingency",
        ),
        FieldChange(field="provenance.status", old="stated", new="secondary"),
    )
    assert changed["RM09"].changes[0].field == "options"


def test_links_are_matched_by_source_type_target_and_answer(
    bundled: FrameworkGraph, revised: FrameworkGraph
) -> None:
    diff = diff_frameworks(bundled, revised)
    added = set(diff.links.added)
    removed = set(diff.links.removed)
    assert LinkRef(source="ST3", type="has_touchpoint", target="TP20") in added
    assert LinkRef(source="ST1", type="has_touchpoint", target="TP05") in removed
    # A trigger's answer is part of its identity: changing it removes one link and adds another.
    assert LinkRef(source="RM09", type="may_trigger", target="TP10", when="panel") in removed
    assert (
        LinkRef(source="RM09", type="may_trigger", target="TP10", when="safeguarding_and_panel")
        in added
    )
    changed = {c.link.label: c.changes for c in diff.links.changed}
    assert changed["RA02 -may_trigger-> TP03 (when yes)"] == (
        FieldChange(field="required", old=None, new=True),
    )
    st0_tp01 = changed["ST0 -has_touchpoint-> TP01"]
    assert [c.field for c in st0_tp01] == ["provenance.status", "provenance.refs"]
    assert st0_tp01[1].new == []


def test_references_added_and_changed_are_listed(
    bundled: FrameworkGraph, revised: FrameworkGraph
) -> None:
    diff = diff_frameworks(bundled, revised)
    assert diff.references.added == (ItemRef(id="NEW-REF", type="reference", label="A new guide"),)
    [changed] = diff.references.changed
    assert changed.item.id == bundled.references[0].id
    assert changed.changes == (FieldChange(field="year", old=bundled.references[0].year, new=1999),)
    assert diff.references.removed == ()


def test_removing_items_warns_that_earlier_records_still_name_them(
    bundled: FrameworkGraph, revised: FrameworkGraph
) -> None:
    diff = diff_frameworks(bundled, revised)
    assert any(note.startswith("Removed: TP05.") for note in diff.notes)


def test_changed_content_under_the_same_version_number_is_flagged(
    bundled: FrameworkGraph, revise: Revise
) -> None:
    def relabel(data: dict[str, Any]) -> None:
        node(data, "TP01")["label"] = "Screen for safeguarding issues"

    diff = diff_frameworks(bundled, revise(relabel))
    assert diff.header == ()
    assert not diff.is_empty
    assert "still 2026.12.1 although the content changed" in diff.notes[0]


def test_a_lower_version_number_is_flagged(bundled: FrameworkGraph, revise: Revise) -> None:
    def lower(data: dict[str, Any]) -> None:
        data["version"] = "2026.1.0"

    diff = diff_frameworks(bundled, revise(lower))
    assert diff.content_is_unchanged and not diff.is_empty
    assert "lower than 2026.12.1" in diff.notes[0]


def test_the_json_form_round_trips_through_json_with_counts(
    bundled: FrameworkGraph, revised: FrameworkGraph
) -> None:
    data = json.loads(json.dumps(diff_frameworks(bundled, revised).to_json()))
    assert data["counts"]["nodes"] == {"added": 1, "removed": 1, "changed": 2}
    assert data["nodes"]["added"][0] == {
        "id": "TP20",
        "type": "touchpoint",
        "label": "Check the person's online safety",
    }
    assert {"source": "ST3", "type": "has_touchpoint", "target": "TP20", "when": None} in data[
        "links"
    ]["added"]
    assert data["nodes"]["changed"][0]["changes"][0]["field"] in {"label", "options"}
    assert data["summary"].startswith("2026.12.1 → 2026.12.2: nodes 1 added, 1 removed")


def test_the_text_form_marks_added_removed_and_changed_lines(
    bundled: FrameworkGraph, revised: FrameworkGraph
) -> None:
    text = render_diff_text(diff_frameworks(bundled, revised))
    assert text.startswith("Framework 2026.12.1 → 2026.12.2\n")
    assert "  + TP20 (touchpoint) 'Check the person's online safety'" in text
    assert "  - TP05 (touchpoint) 'Check the case history'" in text
    assert "  ~ TP07 (touchpoint) 'Plan covers every risk, with a contingency'" in text
    assert "      provenance.status: 'stated' → 'secondary'" in text
    assert "      required: (none) → true" in text
    assert "  version: '2026.12.1' → '2026.12.2'" in text


def test_long_values_are_shortened_in_text_but_kept_whole_in_json(
    bundled: FrameworkGraph, revise: Revise
) -> None:
    long_summary = "A much longer summary. " * 20

    def lengthen(data: dict[str, Any]) -> None:
        data["version"] = "2026.12.2"
        node(data, "TP01")["summary"] = long_summary.strip()

    diff = diff_frameworks(bundled, revise(lengthen))
    assert diff.to_json()["nodes"]["changed"][0]["changes"][0]["new"] == long_summary.strip()
    line = next(x for x in render_diff_text(diff).splitlines() if "summary:" in x)
    assert line.endswith("…") and len(line) < 300
