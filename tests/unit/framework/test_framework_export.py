"""Exports: JSON, GraphML and Mermaid."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import networkx as nx
import yaml

from framework import FrameworkGraph, load_framework_text
from framework.export import mermaid_id, mermaid_label, to_graphml, to_json, to_mermaid


def test_json_has_the_header_references_nodes_and_links(bundled: FrameworkGraph) -> None:
    data = json.loads(to_json(bundled))
    assert list(data) == [
        "version",
        "title",
        "published",
        "description",
        "caveat",
        "references",
        "nodes",
        "links",
    ]
    assert data["version"] == bundled.version
    assert len(data["nodes"]) == len(bundled.nodes())
    assert len(data["links"]) == len(bundled.links())


def test_every_exported_node_and_link_carries_provenance(bundled: FrameworkGraph) -> None:
    data = json.loads(to_json(bundled))
    for node in data["nodes"]:
        assert list(node)[:4] == ["id", "type", "label", "provenance"]
        assert node["provenance"]["status"]
    for link in data["links"]:
        assert list(link)[:4] == ["source", "target", "type", "provenance"]
        assert link["provenance"]["status"]


def test_exported_ids_are_unique_and_sorted(bundled: FrameworkGraph) -> None:
    data = json.loads(to_json(bundled))
    node_ids = [n["id"] for n in data["nodes"]]
    assert node_ids == sorted(set(node_ids))
    keys = [(x["source"], x["type"], x["target"], x.get("when", "")) for x in data["links"]]
    assert keys == sorted(keys)


def test_json_export_is_stable_and_indented(bundled: FrameworkGraph) -> None:
    first = to_json(bundled)
    assert first == to_json(bundled)
    assert first.startswith('{\n  "version": ')


def test_json_keeps_type_specific_fields(bundled: FrameworkGraph) -> None:
    data = json.loads(to_json(bundled))
    links = {(x["source"], x["target"]): x for x in data["links"] if x["type"] == "may_trigger"}
    assert "required" not in links[("RA07", "TP13")]  # a prompt to consider, not a duty
    assert links[("RA07", "TP13")]["when"] == "yes"
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["TP13"]["jurisdictions"] == ["england", "wales"]
    assert nodes["TP-PVG"]["jurisdictions"] == ["scotland"]
    assert nodes["ST3"]["order"] == 3
    assert nodes["RM09"]["options"] == ["no", "panel", "safeguarding"]


def test_graphml_parses_back_with_networkx(bundled: FrameworkGraph) -> None:
    parsed = nx.parse_graphml(to_graphml(bundled))
    assert parsed.graph["version"] == bundled.version
    assert parsed.number_of_nodes() == len(bundled.nodes()) + len(bundled.references)
    assert parsed.number_of_edges() == len(bundled.links())
    assert parsed.nodes["TP13"]["type"] == "touchpoint"
    assert json.loads(parsed.nodes["TP13"]["provenance"])["status"] == "stated"
    assert parsed.nodes["SWF-2011"]["type"] == "reference"


def test_mermaid_is_a_flowchart_containing_every_stage(bundled: FrameworkGraph) -> None:
    chart = to_mermaid(bundled)
    assert chart.startswith("flowchart TD\n")
    for stage in bundled.stages():
        assert f"{mermaid_id(stage.id)}[" in chart
    assert "n_ST8 -. review .-> n_ST1" in chart
    assert "n_TP10 ==> n_RT2" in chart
    assert "n_RT2 ==> n_RT3" in chart


def test_mermaid_ids_and_labels_are_escaped() -> None:
    assert mermaid_id("MCA-1") == "n_MCA_1"
    assert mermaid_id("REF.10.85") == "n_REF_10_85"
    label = mermaid_label('Say "no" <b>&</b>\nnow')
    assert '"' not in label and "<" not in label and "\n" not in label


def test_a_label_with_quotes_does_not_break_the_chart(
    minimal: dict[str, Any], link_dict: Callable[..., dict[str, Any]]
) -> None:
    minimal["nodes"][0]["label"] = 'The "start" <stage>'
    graph = load_framework_text(yaml.safe_dump(minimal, sort_keys=False), "quoted.yaml")
    chart = to_mermaid(graph)
    assert 'n_ST0["ST0: The #quot;start#quot; #lt;stage#gt;"]' in chart
