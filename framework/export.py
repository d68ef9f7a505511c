"""Export a framework graph as JSON, GraphML or a Mermaid flowchart."""

from __future__ import annotations

import json
import re
from typing import Any

import networkx as nx

from framework.graph import FrameworkGraph
from framework.schema import Link, LinkType, Node, NodeType, Reference

_NODE_KEY_ORDER = ("id", "type", "label", "provenance")
_LINK_KEY_ORDER = ("source", "target", "type", "provenance")


def _ordered(data: dict[str, Any], first: tuple[str, ...]) -> dict[str, Any]:
    head = {k: data[k] for k in first if k in data}
    tail = {k: data[k] for k in sorted(data) if k not in head}
    return head | tail


def _node_dict(node: Node) -> dict[str, Any]:
    return _ordered(node.model_dump(mode="json", exclude_none=True), _NODE_KEY_ORDER)


def _link_dict(link: Link) -> dict[str, Any]:
    return _ordered(link.model_dump(mode="json", exclude_none=True), _LINK_KEY_ORDER)


def _link_sort_key(link: Link) -> tuple[str, str, str, str]:
    return (link.source, link.type.value, link.target, link.when or "")


CAVEAT = (
    "Each node and link says whose it is in provenance.origin: 'framework_text' quotes or "
    "paraphrases the framework's own text (and cites a reference of kind 'framework'); "
    "'synthesis' is risk-app's own wording or placement, built from the cited sources, and is "
    "not the framework's text; 'local_policy' is a council's own arrangement. Every placement of "
    "a touchpoint at a stage is our synthesis. provenance.status says how far the cited sources "
    "back the item; each reference's kind says whether it is legislation, statutory guidance, "
    "other guidance, the framework, a local page or a secondary source."
)
"""What the export says about reading it: carried in every JSON export."""


def _reference_dict(reference: Reference) -> dict[str, Any]:
    return _ordered(reference.model_dump(mode="json"), ("id", "kind", "title"))


def to_json(graph: FrameworkGraph) -> str:
    """The framework as JSON, sorted and stable: its header (title, version, published,
    description and a caveat on reading origins), every reference with its kind, every node and
    every link, each with its provenance (status, refs, note and origin).

    ``grounded_in`` links point at reference ids, found under ``references``.
    """
    document = graph.document
    payload = {
        "version": graph.version,
        "title": document.title,
        "published": document.published.isoformat(),
        "description": document.description,
        "caveat": CAVEAT,
        "references": [_reference_dict(r) for r in sorted(graph.references, key=lambda r: r.id)],
        "nodes": [_node_dict(n) for n in sorted(graph.nodes(), key=lambda n: n.id)],
        "links": [_link_dict(link) for link in sorted(graph.links(), key=_link_sort_key)],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _scalar(value: Any) -> str | int | float | bool:
    if isinstance(value, bool | int | float | str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _flat(data: dict[str, Any]) -> dict[str, str | int | float | bool]:
    return {key: _scalar(value) for key, value in data.items() if value is not None}


def to_graphml(graph: FrameworkGraph) -> str:
    """The framework as GraphML; nested values (provenance, options) become JSON strings."""
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    g.graph.update(version=graph.version, title=graph.title)
    for node in graph.nodes():
        g.add_node(node.id, **_flat(node.model_dump(mode="json", exclude={"id"})))
    for ref in graph.references:
        data = ref.model_dump(mode="json", exclude={"id"})
        g.add_node(ref.id, type="reference", label=ref.title, **_flat(data))
    for index, link in enumerate(graph.links()):
        data = link.model_dump(mode="json", exclude={"source", "target"})
        g.add_edge(link.source, link.target, key=f"e{index}", **_flat(data))
    return "\n".join(nx.generate_graphml(g, prettyprint=True)) + "\n"


_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_]")


def mermaid_id(node_id: str) -> str:
    """A Mermaid-safe identifier for a node id (``MCA-1`` → ``n_MCA_1``)."""
    return "n_" + _UNSAFE_ID.sub("_", node_id)


def mermaid_label(text: str) -> str:
    """A label safe inside Mermaid ``["..."]``: quotes and markup become entity codes."""
    replacements = {"&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "\n": " "}
    return "".join(replacements.get(ch, ch) for ch in text)


def _box(node: Node) -> str:
    label = mermaid_label(f"{node.id}: {node.label}")
    if node.type is NodeType.STAGE:
        return f'{mermaid_id(node.id)}["{label}"]'
    if node.type is NodeType.ROUTE:
        return f'{mermaid_id(node.id)}{{{{"{label}"}}}}'
    return f'{mermaid_id(node.id)}("{label}")'


_MERMAID_KEY = (
    "    %% Solid stage-touchpoint lines: the framework's own text; "
    "dotted: our synthesis or local policy."
)


def to_mermaid(graph: FrameworkGraph) -> str:
    """A ``flowchart TD`` of the stages in order, with their touchpoints and escalation routes.

    A placement of a touchpoint at a stage is drawn solid (``---``) only when it is the
    framework's own text; our synthesis and local policy are dotted (``-.-``).
    """
    lines = ["flowchart TD", _MERMAID_KEY]
    declared: set[str] = set()

    def declare(node: Node) -> None:
        if node.id not in declared:
            declared.add(node.id)
            lines.append(f"    {_box(node)}")

    stages = graph.stages()
    for stage in stages:
        declare(stage)
    for stage in stages:
        for nxt_link in graph.links(source=stage.id, type=LinkType.NEXT):
            arrow = f"-. {nxt_link.loop} .->" if nxt_link.loop else "-->"
            lines.append(f"    {mermaid_id(stage.id)} {arrow} {mermaid_id(nxt_link.target)}")
    routes: list[Node] = []
    for stage in stages:
        for touchpoint in graph.touchpoints_for(stage.id):
            declare(touchpoint)
            framework_text = graph.placement_origin(stage.id, touchpoint.id) == "framework_text"
            joint = "---" if framework_text else "-.-"
            lines.append(f"    {mermaid_id(stage.id)} {joint} {mermaid_id(touchpoint.id)}")
        routes.extend(r for r in graph.routes_for(stage.id) if r not in routes)
    for source in [n for n in graph.nodes(NodeType.TOUCHPOINT) if n.id in declared] + routes:
        for link in graph.links(source=source.id, type=LinkType.ESCALATES_TO):
            declare(graph.node(link.target))
            lines.append(f"    {mermaid_id(source.id)} ==> {mermaid_id(link.target)}")
    return "\n".join(lines) + "\n"
