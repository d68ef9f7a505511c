"""The framework as a queryable graph.

:class:`FrameworkGraph` wraps a networkx ``MultiDiGraph`` and answers questions in the
framework's own terms (stages, touchpoints, prompts, routes…). Callers receive frozen models
and tuples, never networkx objects, so the graph library can change without touching the app.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from framework.schema import (
    AnswerType,
    FrameworkDocument,
    FrozenModel,
    Jurisdiction,
    Link,
    LinkType,
    Node,
    NodeType,
    Origin,
    PromptKind,
    Reference,
)
from framework.validation import stages_without_touchpoint_ids, unreachable_node_ids


class StageDetail(FrozenModel):
    """Everything the UI needs to show one stage, already filtered by level, budget option and
    jurisdiction."""

    stage: Node
    touchpoints: tuple[Node, ...]
    assessment_prompts: tuple[Node, ...]
    management_prompts: tuple[Node, ...]
    routes: tuple[Node, ...]
    principles: tuple[Node, ...]
    references: tuple[Reference, ...]
    budget_options: tuple[Node, ...]


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


class FrameworkGraph:
    """A loaded, validated framework with domain-level queries.

    Build it with :func:`framework.load_framework`; the constructor assumes the document has
    already passed :func:`framework.validation.validate_document`.
    """

    def __init__(self, document: FrameworkDocument) -> None:
        self._doc = document
        self._nodes: dict[str, Node] = {n.id: n for n in document.nodes}
        self._refs: dict[str, Reference] = {r.id: r for r in document.references}
        self._graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(version=document.version)
        for node in document.nodes:
            self._graph.add_node(node.id, kind="node", node=node)
        for ref in document.references:
            self._graph.add_node(ref.id, kind="reference", reference=ref)
        for index, link in enumerate(document.links):
            self._graph.add_edge(link.source, link.target, key=index, link=link)

    # ------------------------------------------------------------------ basics
    @property
    def document(self) -> FrameworkDocument:
        """The validated document this graph was built from."""
        return self._doc

    @property
    def version(self) -> str:
        """The framework version, e.g. ``2026.11.0``."""
        return self._doc.version

    @property
    def title(self) -> str:
        """The framework's title."""
        return self._doc.title

    @property
    def references(self) -> tuple[Reference, ...]:
        """All references, in file order."""
        return self._doc.references

    def reference(self, reference_id: str) -> Reference:
        """One reference by id (``KeyError`` if unknown)."""
        try:
            return self._refs[reference_id]
        except KeyError:
            raise KeyError(f"unknown reference id {reference_id!r}") from None

    def node(self, node_id: str) -> Node:
        """One node by id (``KeyError`` if unknown)."""
        try:
            return self._nodes[node_id]
        except KeyError:
            raise KeyError(f"unknown node id {node_id!r}") from None

    def nodes(self, type: NodeType | str | None = None) -> tuple[Node, ...]:  # noqa: A002
        """All nodes in file order, optionally only those of one type."""
        if type is None:
            return self._doc.nodes
        wanted = NodeType(type)
        return tuple(n for n in self._doc.nodes if n.type is wanted)

    def links(
        self,
        source: str | None = None,
        target: str | None = None,
        type: LinkType | str | None = None,  # noqa: A002
    ) -> tuple[Link, ...]:
        """Links in file order, filtered by any of source, target and type."""
        wanted = LinkType(type) if type is not None else None
        return tuple(
            link
            for link in self._doc.links
            if (source is None or link.source == source)
            and (target is None or link.target == target)
            and (wanted is None or link.type is wanted)
        )

    def _out(self, node_id: str, link_type: LinkType) -> list[str]:
        self.node(node_id)
        edges: list[tuple[str, str, int, Link]] = sorted(
            self._graph.out_edges(node_id, keys=True, data="link"), key=lambda e: e[2]
        )
        return _unique(e[1] for e in edges if e[3].type is link_type)

    def _in(self, node_id: str, link_type: LinkType) -> list[str]:
        edges: list[tuple[str, str, int, Link]] = sorted(
            self._graph.in_edges(node_id, keys=True, data="link"), key=lambda e: e[2]
        )
        return _unique(e[0] for e in edges if e[3].type is link_type)

    def _as_nodes(self, ids: Iterable[str]) -> tuple[Node, ...]:
        return tuple(self._nodes[i] for i in _unique(ids))

    # ------------------------------------------------------------------ stages
    def stages(self) -> tuple[Node, ...]:
        """The SDS stages in journey order."""
        return tuple(sorted(self.nodes(NodeType.STAGE), key=lambda n: n.order or 0))

    def first_stage(self) -> Node:
        """The stage where the journey starts."""
        return self.stages()[0]

    def next_stages(self, stage_id: str) -> tuple[Node, ...]:
        """Stages that follow ``stage_id`` (the review loop included)."""
        return self._as_nodes(self._out(stage_id, LinkType.NEXT))

    def review_loops(self) -> tuple[Link, ...]:
        """``next`` links marked as review loops (e.g. review back to reassessment)."""
        return tuple(link for link in self.links(type=LinkType.NEXT) if link.loop is not None)

    def stages_of(self, touchpoint_id: str) -> tuple[Node, ...]:
        """Stages (and safeguarding steps) where a touchpoint applies."""
        self.node(touchpoint_id)
        return self._as_nodes(self._in(touchpoint_id, LinkType.HAS_TOUCHPOINT))

    # ------------------------------------------------------------------ filters
    def levels_for(self, node_id: str) -> tuple[Node, ...]:
        """Levels a node applies at (empty means it is not tied to a level)."""
        return self._as_nodes(self._out(node_id, LinkType.APPLIES_AT))

    def budget_options_for(self, node_id: str) -> tuple[Node, ...]:
        """Budget options a prompt or touchpoint is specific to (empty means all options)."""
        return self._as_nodes(self._out(node_id, LinkType.SPECIFIC_TO))

    def _matches(
        self,
        node_id: str,
        level: str | None,
        budget_option: str | None,
        jurisdiction: Jurisdiction | str | None = None,
    ) -> bool:
        if jurisdiction is not None and not self._nodes[node_id].applies_in(
            Jurisdiction(jurisdiction)
        ):
            return False
        if level is not None:
            self.node(level)
            levels = self._out(node_id, LinkType.APPLIES_AT)
            if levels and level not in levels:
                return False
        if budget_option is not None:
            self.node(budget_option)
            options = self._out(node_id, LinkType.SPECIFIC_TO)
            if options and budget_option not in options:
                return False
        return True

    def touchpoints_for(
        self,
        stage_id: str,
        *,
        level: str | None = None,
        budget_option: str | None = None,
        jurisdiction: Jurisdiction | str | None = None,
    ) -> tuple[Node, ...]:
        """Touchpoints at a stage, optionally only those for a level, a budget option and a
        jurisdiction.

        A touchpoint with no ``applies_at`` link applies at every level; one with no
        ``specific_to`` link applies to every budget option; one with no ``jurisdictions`` applies
        in every jurisdiction (a DBS check applies in England and Wales, PVG in Scotland).
        """
        ids = self._out(stage_id, LinkType.HAS_TOUCHPOINT)
        return self._as_nodes(
            i for i in ids if self._matches(i, level, budget_option, jurisdiction)
        )

    def prompts_for(
        self,
        stage_id: str,
        *,
        kind: PromptKind | str | None = None,
        level: str | None = None,
        budget_option: str | None = None,
        jurisdiction: Jurisdiction | str | None = None,
    ) -> tuple[Node, ...]:
        """Prompts asked at a stage, filtered like :meth:`touchpoints_for` and by kind."""
        wanted = PromptKind(kind).node_type if kind is not None else None
        ids = self._out(stage_id, LinkType.ASKS)
        return self._as_nodes(
            i
            for i in ids
            if (wanted is None or self._nodes[i].type is wanted)
            and self._matches(i, level, budget_option, jurisdiction)
        )

    # ------------------------------------------------------------------ triggers
    def triggered_by(
        self,
        prompt_id: str,
        answer: str | None = None,
        *,
        jurisdiction: Jurisdiction | str | None = None,
    ) -> tuple[Node, ...]:
        """Touchpoints a prompt can trigger; with ``answer``, only those that answer triggers;
        with ``jurisdiction``, only those that apply there."""
        prompt = self.node(prompt_id)
        result = [
            link.target
            for link in self.links(source=prompt_id, type=LinkType.MAY_TRIGGER)
            if (answer is None or link.when is None or _same_answer(prompt, link.when, answer))
            and self._matches(link.target, None, None, jurisdiction)
        ]
        return self._as_nodes(result)

    def required_touchpoints(
        self,
        stage_id: str,
        answers: Mapping[str, str],
        *,
        jurisdiction: Jurisdiction | str | None = None,
    ) -> tuple[Node, ...]:
        """Touchpoints made mandatory by the given answers (prompt id → answer).

        A touchpoint is returned when an answer matches a ``may_trigger`` link marked
        ``required`` and either the touchpoint belongs to ``stage_id`` or the prompt is asked
        there (so a required trigger answered at assessment flags the touchpoint early, and
        again at the stage where it is done). With ``jurisdiction``, only touchpoints that apply
        there. The bundled framework marks no link ``required``: nothing in it is a duty by law
        that an answer switches on; a revised file may add one.
        """
        stage_touchpoints = set(self._out(stage_id, LinkType.HAS_TOUCHPOINT))
        stage_prompts = set(self._out(stage_id, LinkType.ASKS))
        result: list[str] = []
        for prompt_id, answer in answers.items():
            prompt = self._nodes.get(prompt_id)
            if prompt is None or not prompt.is_prompt:
                continue
            for link in self.links(source=prompt_id, type=LinkType.MAY_TRIGGER):
                if not link.required:
                    continue
                if link.when is not None and not _same_answer(prompt, link.when, answer):
                    continue
                if not self._matches(link.target, None, None, jurisdiction):
                    continue
                if link.target in stage_touchpoints or prompt_id in stage_prompts:
                    result.append(link.target)
        return self._as_nodes(result)

    # ------------------------------------------------------------------ escalation
    def escalation_path(self, touchpoint_id: str) -> tuple[Node, ...]:
        """Routes, then safeguarding steps, a touchpoint can lead to (breadth-first order)."""
        self.node(touchpoint_id)
        seen: dict[str, None] = {}
        queue = deque([touchpoint_id])
        while queue:
            current = queue.popleft()
            nxt = self._out(current, LinkType.ESCALATES_TO) + self._out(current, LinkType.ENTERS)
            if self._nodes[current].type is NodeType.SAFEGUARDING_STEP:
                nxt += self._out(current, LinkType.NEXT)
            for target in nxt:
                if target not in seen and target != touchpoint_id:
                    seen[target] = None
                    queue.append(target)
        found = self._as_nodes(seen)
        routes = tuple(n for n in found if n.type is NodeType.ROUTE)
        steps = tuple(n for n in found if n.type is NodeType.SAFEGUARDING_STEP)
        return routes + steps

    def routes_for(
        self, stage_id: str, *, jurisdiction: Jurisdiction | str | None = None
    ) -> tuple[Node, ...]:
        """Escalation routes reachable from a stage's touchpoints (those of a jurisdiction)."""
        routes: list[str] = []
        for touchpoint in self.touchpoints_for(stage_id, jurisdiction=jurisdiction):
            routes.extend(
                n.id for n in self.escalation_path(touchpoint.id) if n.type is NodeType.ROUTE
            )
        return self._as_nodes(sorted(_unique(routes), key=self._position))

    def _position(self, node_id: str) -> int:
        return next(i for i, n in enumerate(self._doc.nodes) if n.id == node_id)

    # ------------------------------------------------------------------ taxonomy
    def principles_for(self, node_id: str) -> tuple[Node, ...]:
        """Principles a node upholds."""
        return self._as_nodes(self._out(node_id, LinkType.UPHOLDS))

    def abuse_types_for(self, node_id: str) -> tuple[Node, ...]:
        """Categories of abuse or neglect a node screens for."""
        return self._as_nodes(self._out(node_id, LinkType.CONCERNS))

    def records_for(self, node_id: str) -> tuple[Node, ...]:
        """Record types a node is written up as."""
        return self._as_nodes(self._out(node_id, LinkType.RECORDED_AS))

    def roles_for(self, node_id: str, link_type: LinkType | str | None = None) -> tuple[Node, ...]:
        """Roles that own, sign or decide for a node (optionally one kind of link)."""
        kinds = (
            [LinkType(link_type)]
            if link_type is not None
            else [LinkType.OWNED_BY, LinkType.SIGNED_BY, LinkType.DECIDED_BY]
        )
        return self._as_nodes(i for kind in kinds for i in self._out(node_id, kind))

    def budget_options_offered(
        self, stage_id: str, *, jurisdiction: Jurisdiction | str | None = None
    ) -> tuple[Node, ...]:
        """Budget options offered at a stage; with ``jurisdiction``, only that nation's ways."""
        return self._as_nodes(
            i
            for i in self._out(stage_id, LinkType.OFFERS)
            if self._matches(i, None, None, jurisdiction)
        )

    def references_for(self, node_id: str) -> tuple[Reference, ...]:
        """References behind a node: its ``grounded_in`` links, then its provenance refs."""
        node = self.node(node_id)
        ids = [*self._out(node_id, LinkType.GROUNDED_IN), *node.provenance.refs]
        return tuple(self._refs[i] for i in _unique(ids))

    # ------------------------------------------------------------------ origin
    def nodes_with_origin(self, origin: Origin | str) -> tuple[Node, ...]:
        """Nodes in file order whose words are the framework's own, ours, or local policy."""
        wanted = Origin(origin)
        return tuple(n for n in self._doc.nodes if n.provenance.origin is wanted)

    def links_with_origin(self, origin: Origin | str) -> tuple[Link, ...]:
        """Links in file order with that origin (e.g. every placement that is our synthesis)."""
        wanted = Origin(origin)
        return tuple(link for link in self._doc.links if link.provenance.origin is wanted)

    def placement_origin(self, stage_id: str, touchpoint_id: str) -> Origin:
        """Whose placement it is that a touchpoint belongs at a stage: the ``has_touchpoint``
        link's origin (``KeyError`` when the stage has no such link)."""
        for link in self.links(source=stage_id, target=touchpoint_id, type=LinkType.HAS_TOUCHPOINT):
            return link.provenance.origin
        raise KeyError(f"{stage_id} has no touchpoint {touchpoint_id}")

    # ------------------------------------------------------------------ health
    def unreachable(self) -> tuple[Node, ...]:
        """Nodes that cannot be reached from the first stage (empty for a valid framework)."""
        return self._as_nodes(unreachable_node_ids(self._doc))

    def stages_without_touchpoint(self) -> tuple[Node, ...]:
        """Stages with no touchpoint (empty for a valid framework)."""
        return self._as_nodes(stages_without_touchpoint_ids(self._doc))

    # ------------------------------------------------------------------ bundles
    def stage_detail(
        self,
        stage_id: str,
        *,
        level: str | None = None,
        budget_option: str | None = None,
        jurisdiction: Jurisdiction | str | None = None,
    ) -> StageDetail:
        """A ready-to-render bundle for one stage; with ``jurisdiction``, only what applies in
        that nation (its touchpoints, prompts and ways of managing a budget)."""
        stage = self.node(stage_id)
        if stage.type is not NodeType.STAGE:
            raise ValueError(f"{stage_id} is a {stage.type.value}, not a stage")
        touchpoints = self.touchpoints_for(
            stage_id, level=level, budget_option=budget_option, jurisdiction=jurisdiction
        )
        prompts = self.prompts_for(
            stage_id, level=level, budget_option=budget_option, jurisdiction=jurisdiction
        )
        routes = self.routes_for(stage_id, jurisdiction=jurisdiction)
        related = [stage, *touchpoints, *prompts, *routes]
        principles = [p.id for n in related for p in self.principles_for(n.id)]
        references = _unique(r.id for n in (stage, *touchpoints) for r in self.references_for(n.id))
        return StageDetail(
            stage=stage,
            touchpoints=touchpoints,
            assessment_prompts=tuple(p for p in prompts if p.type is NodeType.ASSESSMENT_PROMPT),
            management_prompts=tuple(p for p in prompts if p.type is NodeType.MANAGEMENT_PROMPT),
            routes=routes,
            principles=self._as_nodes(principles),
            references=tuple(self._refs[r] for r in references),
            budget_options=self.budget_options_offered(stage_id, jurisdiction=jurisdiction),
        )

    def to_node_link(self) -> dict[str, Any]:
        """Plain JSON-ready node-link data (nodes, references and links as dicts)."""
        nodes = [
            {"kind": "node", **node.model_dump(mode="json", exclude_none=True)}
            for node in self._doc.nodes
        ]
        refs = [
            {"kind": "reference", **ref.model_dump(mode="json", exclude_none=True)}
            for ref in self._doc.references
        ]
        links = [link.model_dump(mode="json", exclude_none=True) for link in self._doc.links]
        return {
            "directed": True,
            "multigraph": True,
            "graph": {"version": self.version, "title": self.title},
            "nodes": nodes + refs,
            "links": links,
        }

    def __repr__(self) -> str:
        return (
            f"FrameworkGraph(version={self.version!r}, nodes={len(self._doc.nodes)}, "
            f"links={len(self._doc.links)})"
        )


def _same_answer(prompt: Node, expected: str, given: str) -> bool:
    if prompt.answer_type is AnswerType.YES_NO:
        return expected.strip().lower() == given.strip().lower()
    return expected == given
