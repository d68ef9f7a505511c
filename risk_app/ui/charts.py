"""Figure builders: pure functions from framework data to plotly figures, each with a table twin.

Every chart in the app is shown with a table of the same information (WCAG text alternative).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from html import escape
from itertools import pairwise
from typing import Any

import plotly.graph_objects as go

from framework import FrameworkGraph, Node

_STAGE_COLOUR = "#005EB8"  # NHS blue
_TOUCHPOINT_COLOUR = "#AE2573"
_ROUTE_COLOUR = "#8A1538"
_EDGE_COLOUR = "#768692"
_SELECTED = "#FFB81C"

PROVENANCE_WORDS = {
    "stated": "Stated in the cited source",
    "secondary": "Stated in a secondary source",
    "source_topic_our_wording": "Topic from the cited source; wording and placement ours",
    "inferred": "Our inference (not stated in any source)",
}


def provenance_words(status: object) -> str:
    return PROVENANCE_WORDS.get(str(status), str(status))


ORIGIN_WORDS = {
    "framework_text": "The framework's own text",
    "synthesis": "Our synthesis, not the framework's text",
    "local_policy": "Local policy (a council's own arrangement)",
}
"""Whose words or placement an item is (``Provenance.origin``), as shown on every screen."""

ORIGIN_KEY = (
    "Filled markers and solid lines: the framework's own text. Open markers and dashed lines: "
    "our synthesis from the cited sources, not the framework's text (every placement of a "
    "touchpoint at a stage is ours). Grey markers and dotted lines: a council's local policy."
)

_ORIGIN_DASH = {"framework_text": "solid", "synthesis": "dash", "local_policy": "dot"}
_LOCAL_FILL = "#B1B4B6"


def origin_words(origin: object) -> str:
    return ORIGIN_WORDS.get(str(origin), str(origin))


def plain_stage_name(stage: Node) -> str:
    """The individual's name for a stage: the framework's plain-language label."""
    return stage.plain_label or stage.label


def plain_stage_explanation(stage: Node) -> str:
    return stage.plain_summary or stage.summary


def stage_for_point(graph: FrameworkGraph, node_id: object) -> str | None:
    """The stage a clicked map point belongs to: the stage itself, or a touchpoint's first stage."""
    if not isinstance(node_id, str):
        return None
    try:
        node = graph.node(node_id)
    except KeyError:
        return None
    if str(node.type) == "stage":
        return node.id
    if str(node.type) == "touchpoint":
        stages = [s for s in graph.stages_of(node.id) if str(s.type) == "stage"]
        return stages[0].id if stages else None
    return None


def placed_touchpoints(
    graph: FrameworkGraph,
    stage_id: str,
    *,
    level: str | None = None,
    budget_option: str | None = None,
    origin: str | None = None,
) -> tuple[Node, ...]:
    """A stage's touchpoints, keeping only placements of ``origin`` when one is chosen."""
    touchpoints = graph.touchpoints_for(stage_id, level=level, budget_option=budget_option)
    if origin is None:
        return touchpoints
    return tuple(tp for tp in touchpoints if str(graph.placement_origin(stage_id, tp.id)) == origin)


def framework_map_rows(
    graph: FrameworkGraph,
    *,
    level: str | None = None,
    budget_option: str | None = None,
    origin: str | None = None,
) -> list[dict[str, str]]:
    """The table beside the map: one row per stage and touchpoint, with whose placement it is
    and where it leads. ``origin`` keeps only placements of that origin."""
    rows: list[dict[str, str]] = []
    for stage in graph.stages():
        for tp in placed_touchpoints(
            graph, stage.id, level=level, budget_option=budget_option, origin=origin
        ):
            routes = [n.label for n in graph.escalation_path(tp.id) if str(n.type) == "route"]
            rows.append(
                {
                    "Stage": f"{stage.order}. {stage.label}",
                    "Touchpoint": f"{tp.id}: {tp.label}",
                    "Placement at this stage": origin_words(
                        graph.placement_origin(stage.id, tp.id)
                    ),
                    "Touchpoint wording": origin_words(tp.provenance.origin),
                    "Can escalate to": "; ".join(routes) or "—",
                    "Provenance": provenance_words(tp.provenance.status),
                    "Sources": ", ".join(tp.provenance.refs),
                }
            )
    return rows


def framework_map_figure(
    graph: FrameworkGraph,
    *,
    selected_stage: str | None = None,
    level: str | None = None,
    budget_option: str | None = None,
    origin: str | None = None,
) -> go.Figure:
    """Stages left to right; each stage's touchpoints below it; escalation routes at the bottom.

    Touchpoints that belong to every stage (such as raising a concern) sit in a band above the
    stages instead of being repeated. Markers and lines are drawn by origin (see ``ORIGIN_KEY``):
    filled and solid for the framework's own text, open and dashed for our synthesis, grey and
    dotted for local policy. ``origin`` keeps only the placements of that origin.
    """
    stages = graph.stages()
    x_of = {stage.id: i for i, stage in enumerate(stages)}
    per_stage = {
        stage.id: placed_touchpoints(
            graph, stage.id, level=level, budget_option=budget_option, origin=origin
        )
        for stage in stages
    }
    shared = _shared_touchpoints(per_stage, len(stages))
    positions: dict[str, tuple[float, float]] = {s.id: (x_of[s.id], 0.0) for s in stages}
    for n, tp_id in enumerate(sorted(shared)):
        positions[tp_id] = ((len(stages) - 1) / 2 + n, 1.5)
    depth = 0
    for stage in stages:
        own = [tp for tp in per_stage[stage.id] if tp.id not in shared]
        for row, tp in enumerate(own, start=1):
            positions.setdefault(tp.id, (x_of[stage.id], -1.1 * row))
        depth = max(depth, len(own))
    routes = sorted(
        {r.id: r for s in stages for r in graph.routes_for(s.id)}.values(), key=lambda r: r.id
    )
    spread = (len(stages) - 1) / max(len(routes) - 1, 1)
    for n, route in enumerate(routes):
        positions[route.id] = (n * spread, -1.1 * (depth + 2))

    fig = go.Figure()
    _add_edges(fig, graph, positions, stages, per_stage)
    _add_nodes(fig, "Stage", stages, positions, _STAGE_COLOUR, "square", 26, graph, selected_stage)
    touchpoints = {tp.id: tp for tps in per_stage.values() for tp in tps}
    _add_nodes(
        fig,
        "Safeguarding touchpoint",
        list(touchpoints.values()),
        positions,
        _TOUCHPOINT_COLOUR,
        "circle",
        16,
        graph,
        None,
    )
    _add_nodes(
        fig, "Escalation route", routes, positions, _ROUTE_COLOUR, "diamond", 20, graph, None
    )
    _add_origin_legend(fig)
    fig.update_layout(
        height=max(520, 120 * (depth + 4)),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        plot_bgcolor="white",
        legend={"orientation": "h", "y": 1.06},
        xaxis={"visible": False},
        yaxis={"visible": False},
        hoverlabel={"bgcolor": "white", "font_size": 14},
    )
    return fig


def _shared_touchpoints(per_stage: Mapping[str, Sequence[Any]], n_stages: int) -> set[str]:
    seen: dict[str, int] = {}
    for tps in per_stage.values():
        for tp in tps:
            seen[tp.id] = seen.get(tp.id, 0) + 1
    return {tp_id for tp_id, count in seen.items() if count == n_stages and n_stages > 1}


def _add_edges(
    fig: go.Figure,
    graph: FrameworkGraph,
    positions: dict[str, tuple[float, float]],
    stages: Sequence[Any],
    per_stage: Mapping[str, Sequence[Any]],
) -> None:
    """Lines for the spine, the placements and the escalations, one trace per origin."""
    by_origin: dict[str, tuple[list[float | None], list[float | None]]] = {}

    def line(a: str, b: str, origin: object) -> None:
        if a in positions and b in positions:
            xs, ys = by_origin.setdefault(str(origin), ([], []))
            xs.extend([positions[a][0], positions[b][0], None])
            ys.extend([positions[a][1], positions[b][1], None])

    def origin_of(source: str, target: str, link_type: str) -> object:
        links = graph.links(source=source, target=target, type=link_type)
        return links[0].provenance.origin if links else "synthesis"

    for before, after in pairwise(stages):
        line(before.id, after.id, origin_of(before.id, after.id, "next"))
    for stage_id, tps in per_stage.items():
        for tp in tps:
            if positions[tp.id][1] < 0:
                line(stage_id, tp.id, graph.placement_origin(stage_id, tp.id))
            for link in graph.links(source=tp.id, type="escalates_to"):
                line(tp.id, link.target, link.provenance.origin)
    for origin, (xs, ys) in by_origin.items():
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                name=f"Links: {origin_words(origin)}",
                line={"color": _EDGE_COLOUR, "width": 1, "dash": _ORIGIN_DASH.get(origin, "dash")},
                hoverinfo="skip",
                showlegend=False,
            )
        )


def _add_origin_legend(fig: go.Figure) -> None:
    """Legend entries for the three origins (drawing nothing): marker fill and line style."""
    for origin, words_ in ORIGIN_WORDS.items():
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines+markers",
                name=words_,
                legendgroup="origin",
                line={"color": _EDGE_COLOUR, "dash": _ORIGIN_DASH[origin]},
                marker={
                    "symbol": "circle",
                    "size": 12,
                    "color": _marker_fill(origin, _EDGE_COLOUR),
                    "line": {"color": _EDGE_COLOUR, "width": 2},
                },
                hoverinfo="skip",
            )
        )


def _marker_fill(origin: object, colour: str) -> str:
    """Filled for the framework's own text, open (white) for our synthesis, grey for local."""
    origin = str(origin)
    if origin == "framework_text":
        return colour
    if origin == "local_policy":
        return _LOCAL_FILL
    return "white"


def _add_nodes(
    fig: go.Figure,
    name: str,
    nodes: Sequence[Any],
    positions: dict[str, tuple[float, float]],
    colour: str,
    symbol: str,
    size: int,
    graph: FrameworkGraph,
    selected: str | None,
) -> None:
    if not nodes:
        return
    fig.add_trace(
        go.Scatter(
            x=[positions[n.id][0] for n in nodes],
            y=[positions[n.id][1] for n in nodes],
            mode="markers+text",
            name=name,
            text=[_short(n) if symbol == "square" else n.id for n in nodes],
            textposition="middle right" if symbol != "square" else "top center",
            customdata=[n.id for n in nodes],
            hovertext=[_hover(n, graph) for n in nodes],
            hoverinfo="text",
            marker={
                "color": [_marker_fill(n.provenance.origin, colour) for n in nodes],
                "symbol": symbol,
                "size": size,
                "line": {
                    "color": [_SELECTED if n.id == selected else colour for n in nodes],
                    "width": [5 if n.id == selected else 2 for n in nodes],
                },
            },
        )
    )


def _short(stage: Any) -> str:
    """A stage's label wrapped onto short lines, for the map."""
    # Wrap first, then escape each line: wrapping escaped text could split an entity.
    lines = textwrap.wrap(f"{stage.order}. {stage.label}", 16)[:3]
    return "<br>".join(escape(line) for line in lines)


def _hover(node: Any, graph: FrameworkGraph) -> str:
    # Labels may come from an uploaded framework file: escape them, plotly renders some HTML.
    refs = escape(", ".join(node.provenance.refs) or "none")
    status = escape(provenance_words(node.provenance.status))
    whose = escape(origin_words(node.provenance.origin))
    return (
        f"<b>{escape(node.id)}</b> {escape(node.label)}<br>{whose}<br>{status}<br>Sources: {refs}"
    )


def people_by_stage_figure(rows: Sequence[dict[str, Any]]) -> go.Figure:
    """Horizontal bars of people per stage (the same rows are shown as a table beside it)."""
    fig = go.Figure(
        go.Bar(
            x=[r["People"] for r in rows],
            y=[escape(str(r["Stage"])) for r in rows],  # plotly renders some HTML, even links
            orientation="h",
            marker_color=_STAGE_COLOUR,
            text=[r["People"] for r in rows],
            textposition="auto",
        )
    )
    fig.update_layout(
        height=60 + 36 * len(rows),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        yaxis={"autorange": "reversed"},
        xaxis={"title": "People", "dtick": 1},
        plot_bgcolor="white",
    )
    return fig


def journey_map_rows(lines: Sequence[Any]) -> list[dict[str, object]]:
    """The table twin of the journey map: one row per stage."""
    return [
        {
            "Stage": f"{line.stage.order}. {line.stage.label}",
            "Where the person is": "Now"
            if line.current
            else ("Been" if line.visited else "Not yet"),
            "Touchpoints done": len(line.done),
            "Outstanding": (", ".join(line.outstanding) or "—")
            if line.visited
            else "Not reached yet",
            "Required by an answer and outstanding": ", ".join(line.required_outstanding) or "—",
        }
        for line in lines
    ]


def journey_map_figure(lines: Sequence[Any]) -> go.Figure:
    """Done and outstanding touchpoints at each stage, the current stage outlined."""
    labels = [escape(f"{line.stage.order}. {line.stage.label}") for line in lines]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(name="Done", x=labels, y=[len(line.done) for line in lines], marker_color="#00703C")
    )
    fig.add_trace(
        go.Bar(
            name="Outstanding",
            x=labels,
            y=[len(line.outstanding) for line in lines],
            marker_color=["#D4351C" if line.required_outstanding else "#B1B4B6" for line in lines],
            marker_line_color=[_SELECTED if line.current else "white" for line in lines],
            marker_line_width=[4 if line.current else 0 for line in lines],
            text=["required!" if line.required_outstanding else "" for line in lines],
            textposition="outside",
        )
    )
    fig.update_layout(
        barmode="stack",
        height=380,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        plot_bgcolor="white",
        yaxis={"title": "Safeguarding touchpoints", "dtick": 1},
        legend={"orientation": "h", "y": 1.12},
    )
    return fig


def risk_matrix_figure(scale: Any, risks: Sequence[Any]) -> go.Figure:
    """The scale's matrix coloured by band, each risk before (circle) and after mitigation
    (diamond) joined by a line; numbers label the risks as in the table beside it.

    Built in one go (every cell and trace handed to the figure at once): plotly checks the whole
    list of shapes again on each `add_shape`, which made this 25-cell chart about 120 ms of each
    run of the risks section."""
    band_colour = {band.name: band.colour for band in scale.bands}
    likelihoods = [level.score for level in scale.likelihoods]
    impacts = [level.score for level in scale.impacts]
    cells = [
        {
            "type": "rect",
            "x0": im - 0.5,
            "x1": im + 0.5,
            "y0": lk - 0.5,
            "y1": lk + 0.5,
            "fillcolor": band_colour[scale.band(lk * im).name],
            "opacity": 0.35,
            "line": {"color": "white"},
        }
        for lk in likelihoods
        for im in impacts
    ]
    traces: list[go.Scatter] = []
    for n, risk in enumerate(risks, start=1):
        before, after = risk.view.before, risk.view.after
        traces.append(
            go.Scatter(
                x=[before.impact],
                y=[before.likelihood],
                mode="markers+text",
                text=[str(n)],
                textposition="middle center",
                textfont={"color": "white", "size": 13},
                marker={"size": 26, "color": "#0B0C0C", "symbol": "circle"},
                name=f"Risk {n} before",
                hovertext=[f"Risk {n} before: {before.score} ({before.band})"],
                hoverinfo="text",
                showlegend=False,
            )
        )
        if after is not None:
            traces.append(
                go.Scatter(
                    x=[before.impact, after.impact],
                    y=[before.likelihood, after.likelihood],
                    mode="lines",
                    line={"color": "#0B0C0C", "dash": "dot"},
                    hoverinfo="skip",
                    showlegend=False,
                )
            )
            traces.append(
                go.Scatter(
                    x=[after.impact],
                    y=[after.likelihood],
                    mode="markers+text",
                    text=[str(n)],
                    textposition="middle center",
                    textfont={"color": "#0B0C0C", "size": 13},
                    marker={
                        "size": 26,
                        "color": "white",
                        "symbol": "diamond",
                        "line": {"color": "#0B0C0C", "width": 2},
                    },
                    name=f"Risk {n} after",
                    hovertext=[f"Risk {n} after: {after.score} ({after.band})"],
                    hoverinfo="text",
                    showlegend=False,
                )
            )
    fig = go.Figure(data=traces, layout={"shapes": cells})
    fig.update_layout(
        height=460,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        plot_bgcolor="white",
        xaxis={
            "title": "Impact",
            "tickvals": impacts,
            "ticktext": [escape(level.label) for level in scale.impacts],
            "range": [0.5, len(impacts) + 0.5],
        },
        yaxis={
            "title": "Likelihood",
            "tickvals": likelihoods,
            "ticktext": [escape(level.label) for level in scale.likelihoods],
            "range": [0.5, len(likelihoods) + 0.5],
        },
    )
    return fig


def risk_matrix_rows(risks: Sequence[Any]) -> list[dict[str, object]]:
    """The matrix's table twin: each risk's ratings before, in the person's view, and after."""

    def words(rating: Any) -> str:
        return "—" if rating is None else f"{rating.score} ({rating.band})"

    return [
        {
            "Risk": f"{n}. {risk.activity}",
            "Before mitigation": words(risk.view.before),
            "The person's own rating": words(risk.view.person_rating),
            "After mitigation": words(risk.view.after),
        }
        for n, risk in enumerate(risks, start=1)
    ]
