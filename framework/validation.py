"""Whole-document checks on a parsed framework.

Each check is a pure function from a :class:`FrameworkDocument` to a list of
:class:`DocumentFault`. :func:`validate_document` runs them all, so a file with several faults
reports every one. The loader turns each fault into a user-facing
:class:`~framework.errors.Problem` with the file name and line number.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

import networkx as nx

from framework.schema import (
    PROCESS_LINK_TYPES,
    PROMPT_TYPES,
    FrameworkDocument,
    Link,
    LinkType,
    Node,
    NodeType,
    Origin,
    Provenance,
    ProvenanceStatus,
    ReferenceKind,
)

Section = Literal["references", "nodes", "links", "document"]

_ALL_NODE_TYPES = frozenset(NodeType)
_PROMPTS = PROMPT_TYPES
_NS = NodeType
_REFERENCE = "reference"

ENDPOINT_RULES: dict[LinkType, tuple[frozenset[NodeType], frozenset[NodeType] | None]] = {
    LinkType.NEXT: (
        frozenset({_NS.STAGE, _NS.SAFEGUARDING_STEP}),
        frozenset({_NS.STAGE, _NS.SAFEGUARDING_STEP}),
    ),
    LinkType.HAS_TOUCHPOINT: (
        frozenset({_NS.STAGE, _NS.SAFEGUARDING_STEP}),
        frozenset({_NS.TOUCHPOINT}),
    ),
    LinkType.ASKS: (frozenset({_NS.STAGE}), _PROMPTS),
    LinkType.MAY_TRIGGER: (_PROMPTS, frozenset({_NS.TOUCHPOINT})),
    LinkType.ESCALATES_TO: (frozenset({_NS.TOUCHPOINT, _NS.ROUTE}), frozenset({_NS.ROUTE})),
    LinkType.ENTERS: (frozenset({_NS.ROUTE}), frozenset({_NS.SAFEGUARDING_STEP})),
    LinkType.RETURNS_TO: (frozenset({_NS.SAFEGUARDING_STEP}), frozenset({_NS.STAGE})),
    LinkType.UPHOLDS: (
        frozenset({_NS.STAGE, _NS.TOUCHPOINT, _NS.ROUTE, _NS.SAFEGUARDING_STEP, _NS.BUDGET_OPTION})
        | _PROMPTS,
        frozenset({_NS.PRINCIPLE}),
    ),
    LinkType.CONCERNS: (
        frozenset({_NS.TOUCHPOINT, _NS.ROUTE, _NS.SAFEGUARDING_STEP}) | _PROMPTS,
        frozenset({_NS.ABUSE_TYPE}),
    ),
    LinkType.APPLIES_AT: (_ALL_NODE_TYPES - {_NS.LEVEL}, frozenset({_NS.LEVEL})),
    LinkType.SPECIFIC_TO: (frozenset({_NS.TOUCHPOINT}) | _PROMPTS, frozenset({_NS.BUDGET_OPTION})),
    LinkType.OFFERS: (frozenset({_NS.STAGE}), frozenset({_NS.BUDGET_OPTION})),
    LinkType.RECORDED_AS: (
        frozenset({_NS.STAGE, _NS.TOUCHPOINT, _NS.ROUTE, _NS.SAFEGUARDING_STEP}) | _PROMPTS,
        frozenset({_NS.RECORD_TYPE}),
    ),
    # None as the target set means "a reference id, not a node".
    LinkType.GROUNDED_IN: (_ALL_NODE_TYPES, None),
}
_ROLE_SOURCES = frozenset(
    {_NS.RECORD_TYPE, _NS.ROUTE, _NS.TOUCHPOINT, _NS.SAFEGUARDING_STEP, _NS.BUDGET_OPTION}
)
for _role_link in (LinkType.OWNED_BY, LinkType.SIGNED_BY, LinkType.DECIDED_BY):
    ENDPOINT_RULES[_role_link] = (_ROLE_SOURCES, frozenset({_NS.ROLE}))


@dataclass(frozen=True)
class DocumentFault:
    """One fault found in a parsed document, located by section and item index (the loader
    finds its line in the file)."""

    item: str
    message: str
    section: Section
    index: int | None = None


Check = Callable[[FrameworkDocument], list[DocumentFault]]


def _node_fault(doc: FrameworkDocument, node_id: str, message: str) -> DocumentFault:
    index = next((i for i, n in enumerate(doc.nodes) if n.id == node_id), None)
    return DocumentFault(node_id, message, "nodes", index)


def _link_fault(index: int, link: Link, message: str) -> DocumentFault:
    return DocumentFault(f"links[{index}] ({link.label})", message, "links", index)


def _names(types: Iterable[NodeType]) -> str:
    return ", ".join(sorted(t.value for t in types))


def check_duplicate_ids(doc: FrameworkDocument) -> list[DocumentFault]:
    """Node ids and reference ids must each be unique, and must not collide with each other."""
    faults: list[DocumentFault] = []
    seen_nodes: set[str] = set()
    for i, node in enumerate(doc.nodes):
        if node.id in seen_nodes:
            faults.append(DocumentFault(node.id, f"duplicate node id '{node.id}'", "nodes", i))
        seen_nodes.add(node.id)
    seen_refs: set[str] = set()
    for i, ref in enumerate(doc.references):
        if ref.id in seen_refs:
            faults.append(
                DocumentFault(ref.id, f"duplicate reference id '{ref.id}'", "references", i)
            )
        elif ref.id in seen_nodes:
            faults.append(
                DocumentFault(ref.id, f"reference id '{ref.id}' is also a node id", "references", i)
            )
        seen_refs.add(ref.id)
    return faults


def check_provenance_refs(doc: FrameworkDocument) -> list[DocumentFault]:
    """Every reference id cited in a provenance must be listed under ``references``."""
    known = {r.id for r in doc.references}
    faults: list[DocumentFault] = []
    for i, node in enumerate(doc.nodes):
        for ref in node.provenance.refs:
            if ref not in known:
                faults.append(
                    DocumentFault(
                        node.id, f"provenance cites unknown reference '{ref}'", "nodes", i
                    )
                )
    for i, link in enumerate(doc.links):
        for ref in link.provenance.refs:
            if ref not in known:
                faults.append(_link_fault(i, link, f"provenance cites unknown reference '{ref}'"))
    return faults


_KINDS = ", ".join(k.value for k in ReferenceKind)


def check_reference_kinds(doc: FrameworkDocument) -> list[DocumentFault]:
    """Every reference says what kind of publication it is, so primary law, the framework,
    local practice and commentary are never mixed up."""
    return [
        DocumentFault(
            ref.id,
            f"reference '{ref.id}' has no kind: add 'kind' with one of {_KINDS}",
            "references",
            i,
        )
        for i, ref in enumerate(doc.references)
        if ref.kind is None
    ]


def _framework_text_problem(provenance: Provenance, kinds: dict[str, ReferenceKind | None]) -> str:
    """Why an item marked as the framework's own text cannot be (empty: it can)."""
    if provenance.origin is not Origin.FRAMEWORK_TEXT:
        return ""
    if provenance.status is ProvenanceStatus.INFERRED:
        return (
            "origin 'framework_text' cannot have status 'inferred': the framework's own text is "
            "not our inference"
        )
    if not any(kinds.get(ref) is ReferenceKind.FRAMEWORK for ref in provenance.refs):
        return (
            "origin 'framework_text' must cite a reference of kind 'framework' (the framework "
            "itself or a text describing it)"
        )
    return ""


def check_framework_text(doc: FrameworkDocument) -> list[DocumentFault]:
    """An item claimed as the framework's own text cites the framework and is not inferred."""
    kinds = {ref.id: ref.kind for ref in doc.references}
    faults: list[DocumentFault] = []
    for i, node in enumerate(doc.nodes):
        if problem := _framework_text_problem(node.provenance, kinds):
            faults.append(DocumentFault(node.id, problem, "nodes", i))
    for i, link in enumerate(doc.links):
        if problem := _framework_text_problem(link.provenance, kinds):
            faults.append(_link_fault(i, link, problem))
    return faults


def check_link_endpoints(doc: FrameworkDocument) -> list[DocumentFault]:
    """Links must point at existing nodes (or references) of the right types."""
    nodes = {n.id: n for n in doc.nodes}
    refs = {r.id for r in doc.references}
    faults: list[DocumentFault] = []
    for i, link in enumerate(doc.links):
        sources, targets = ENDPOINT_RULES[link.type]
        source = nodes.get(link.source)
        if source is None:
            faults.append(_link_fault(i, link, f"source '{link.source}' is not a known node"))
        elif source.type not in sources:
            faults.append(
                _link_fault(
                    i,
                    link,
                    f"a {link.type.value} link cannot start at a {source.type.value} "
                    f"(allowed: {_names(sources)})",
                )
            )
        if targets is None:
            if link.target not in refs:
                faults.append(
                    _link_fault(i, link, f"target '{link.target}' is not a known reference")
                )
            continue
        target = nodes.get(link.target)
        if target is None:
            faults.append(_link_fault(i, link, f"target '{link.target}' is not a known node"))
        elif target.type not in targets:
            faults.append(
                _link_fault(
                    i,
                    link,
                    f"a {link.type.value} link cannot end at a {target.type.value} "
                    f"(allowed: {_names(targets)})",
                )
            )
        elif source is not None and link.type is LinkType.NEXT and source.type != target.type:
            faults.append(_link_fault(i, link, "next links must join two nodes of the same type"))
    return faults


def check_trigger_answers(doc: FrameworkDocument) -> list[DocumentFault]:
    """A ``when`` on a trigger must be a possible answer to its prompt."""
    nodes = {n.id: n for n in doc.nodes}
    faults: list[DocumentFault] = []
    for i, link in enumerate(doc.links):
        prompt = nodes.get(link.source)
        if link.when is None or prompt is None or not prompt.is_prompt:
            continue
        if not prompt.accepts_answer(link.when):
            faults.append(
                _link_fault(
                    i, link, f"'{link.when}' is not a possible answer to prompt {prompt.id}"
                )
            )
    return faults


def check_duplicate_links(doc: FrameworkDocument) -> list[DocumentFault]:
    """The same link (source, type, target, when) should not be listed twice."""
    counts: Counter[tuple[str, str, str, str | None]] = Counter()
    faults: list[DocumentFault] = []
    for i, link in enumerate(doc.links):
        key = (link.source, link.type.value, link.target, link.when)
        counts[key] += 1
        if counts[key] == 2:
            faults.append(_link_fault(i, link, "this link is listed more than once"))
    return faults


def check_stage_orders(doc: FrameworkDocument) -> list[DocumentFault]:
    """Stages need distinct ``order`` values, and at least one stage must exist."""
    stages = [n for n in doc.nodes if n.type is NodeType.STAGE]
    if not stages:
        return [DocumentFault("nodes", "the framework has no stage nodes", "document")]
    faults: list[DocumentFault] = []
    seen: dict[int | None, str] = {}
    for stage in stages:
        if stage.order in seen:
            faults.append(
                _node_fault(
                    doc,
                    stage.id,
                    f"stage order {stage.order} is already used by {seen[stage.order]}",
                )
            )
        seen.setdefault(stage.order, stage.id)
    return faults


def check_process_cycles(doc: FrameworkDocument) -> list[DocumentFault]:
    """The process flow (next, escalates_to, enters) must not loop, except review loops."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    for link in doc.links:
        if link.type in PROCESS_LINK_TYPES and link.loop is None:
            graph.add_edge(link.source, link.target)
    faults: list[DocumentFault] = []
    for component in nx.strongly_connected_components(graph):
        members = sorted(component)
        if len(members) == 1 and not graph.has_edge(members[0], members[0]):
            continue
        cycle = nx.find_cycle(graph.subgraph(members))
        path = " -> ".join([str(edge[0]) for edge in cycle] + [str(cycle[0][0])])
        faults.append(
            DocumentFault(
                members[0],
                f"the process flow loops ({path}); mark a deliberate return with 'loop: review'",
                "nodes",
                next((i for i, n in enumerate(doc.nodes) if n.id == members[0]), None),
            )
        )
    return faults


def first_stage(doc: FrameworkDocument) -> Node | None:
    """The stage with the lowest ``order``, where the journey starts."""
    stages = [n for n in doc.nodes if n.type is NodeType.STAGE]
    return min(stages, key=lambda n: n.order or 0, default=None)


def unreachable_node_ids(doc: FrameworkDocument) -> list[str]:
    """Node ids that cannot be reached from the first stage by following links forwards."""
    start = first_stage(doc)
    ids = [n.id for n in doc.nodes]
    if start is None:
        return ids
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(ids)
    for link in doc.links:
        if link.type is not LinkType.GROUNDED_IN:
            graph.add_edge(link.source, link.target)
    reached = nx.descendants(graph, start.id) | {start.id}
    return [node_id for node_id in dict.fromkeys(ids) if node_id not in reached]


def check_reachability(doc: FrameworkDocument) -> list[DocumentFault]:
    """Every node must be reachable from the first stage."""
    start = first_stage(doc)
    if start is None:
        return []
    return [
        _node_fault(doc, node_id, f"cannot be reached from the first stage {start.id}")
        for node_id in unreachable_node_ids(doc)
    ]


def stages_without_touchpoint_ids(doc: FrameworkDocument) -> list[str]:
    """Ids of stages that have no ``has_touchpoint`` link."""
    with_touchpoint = {link.source for link in doc.links if link.type is LinkType.HAS_TOUCHPOINT}
    return [n.id for n in doc.nodes if n.type is NodeType.STAGE and n.id not in with_touchpoint]


def check_stage_touchpoints(doc: FrameworkDocument) -> list[DocumentFault]:
    """Every stage must say where safeguarding links in: at least one touchpoint."""
    return [
        _node_fault(doc, stage_id, "stage has no touchpoint (no has_touchpoint link)")
        for stage_id in stages_without_touchpoint_ids(doc)
    ]


CHECKS: tuple[Check, ...] = (
    check_duplicate_ids,
    check_provenance_refs,
    check_reference_kinds,
    check_framework_text,
    check_link_endpoints,
    check_trigger_answers,
    check_duplicate_links,
    check_stage_orders,
    check_process_cycles,
    check_stage_touchpoints,
    check_reachability,
)


def validate_document(doc: FrameworkDocument) -> list[DocumentFault]:
    """Run every check and return every fault (an empty list means the document is valid)."""
    faults: list[DocumentFault] = []
    for check in CHECKS:
        faults.extend(check(doc))
    return faults
