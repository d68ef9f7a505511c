"""Figures and their table twins for the safeguarding lead's audits.

Every figure here is shown beside a table of the same information. Bars carry their drill-down
key, written out (``str(DrillKey)``), in ``customdata``, so a click on a bar can show the cases
behind it; the same keys are offered in a select box for keyboard and screen-reader users.
Meaning never rests on colour alone: statuses also differ by marker shape or bar pattern, and
every bar is labelled with its number.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

import plotly.graph_objects as go

from risk_app.domain.assurance.conformance_check import DeviationType
from risk_app.domain.assurance.conformance_output import percent, placement_origin_words
from risk_app.domain.assurance.conformance_report import ConformanceReport, DrillKey, DrillOutcome
from risk_app.domain.assurance.conformance_rules import ConformanceRules
from risk_app.domain.assurance.process_alignment import AlignmentReport

_GREEN = "#00703C"
_RED = "#D4351C"
_BLUE = "#005EB8"
_GREY = "#505A5F"
_ORANGE = "#B45F06"
_TYPE_COLOURS = ("#D4351C", "#912B88", "#005EB8", "#00703C", "#B45F06", "#505A5F", "#0B0C0C")
_TYPE_PATTERNS = ("", "/", "\\", "x", "-", "|", "+")


def _wrap(text: str, width: int = 28) -> str:
    # Wrap first, then escape each line: wrapping escaped text could split an entity.
    return "<br>".join(escape(line) for line in textwrap.wrap(text, width)) or escape(text)


def _layout(fig: go.Figure, *, height: int, x_title: str = "", y_title: str = "") -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        plot_bgcolor="white",
        legend={"orientation": "h", "y": 1.08},
        xaxis={"title": x_title},
        yaxis={"title": y_title},
    )
    return fig


# ------------------------------------------------------------------------- case conformance
def stage_rows(report: ConformanceReport) -> list[dict[str, object]]:
    """Conformance by stage: how many cases reached each stage and followed it fully."""
    return [
        {
            "Stage": f"{s.stage} {s.label}",
            "Cases that reached it": s.reached.cases,
            "Followed the framework": s.reached.conforming,
            "With deviations": s.reached.deviating,
            "Rate": percent(s.reached.conforming, s.reached.cases),
        }
        for s in report.by_stage()
    ]


def stage_figure(report: ConformanceReport) -> go.Figure:
    """Stacked horizontal bars per stage: cases that followed the framework, and the rest."""
    stages = report.by_stage()
    names = [_wrap(f"{s.stage} {s.label}") for s in stages]
    fig = go.Figure()
    series = (
        (
            "Followed the framework",
            _GREEN,
            "",
            [s.reached.conforming for s in stages],
            DrillOutcome.CONFORMING,
        ),
        (
            "With deviations",
            _RED,
            "/",
            [s.reached.deviating for s in stages],
            DrillOutcome.DEVIATING,
        ),
    )
    for name, colour, pattern, values, outcome in series:
        fig.add_trace(
            go.Bar(
                name=name,
                y=names,
                x=values,
                orientation="h",
                marker={"color": colour, "pattern": {"shape": pattern}},
                text=values,
                textposition="auto",
                customdata=[str(DrillKey.stage(s.stage, outcome)) for s in stages],
                hovertemplate="%{y}<br>" + name + ": %{x}<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack", yaxis={"autorange": "reversed"})
    return _layout(fig, height=90 + 44 * len(stages), x_title="Cases")


def touchpoint_rows(
    report: ConformanceReport, rules: ConformanceRules | None = None
) -> list[dict[str, object]]:
    """Conformance by touchpoint: where it was expected or done, and how it went; with the
    rules, whose placement each touchpoint is."""
    return [
        {
            "Touchpoint": f"{t.touchpoint} {t.label}",
            **(
                {"Whose placement": placement_origin_words(rules, t.touchpoint)}
                if rules is not None
                else {}
            ),
            "Cases judged": t.judged.cases,
            "Done in order": t.judged.conforming,
            "Missing": t.missing,
            "Out of order": t.out_of_order,
            "Rate": percent(t.judged.conforming, t.judged.cases),
        }
        for t in report.by_touchpoint()
    ]


def type_rows(report: ConformanceReport) -> list[dict[str, object]]:
    return [
        {"Deviation": t.type.label, "Deviations": t.deviations, "Cases": t.cases}
        for t in report.by_type()
    ]


def type_figure(report: ConformanceReport) -> go.Figure:
    """One bar per kind of deviation (kinds with none are shown too, at zero)."""
    kinds = report.by_type()
    fig = go.Figure(
        go.Bar(
            y=[_wrap(t.type.label, 34) for t in kinds],
            x=[t.deviations for t in kinds],
            orientation="h",
            marker={"color": _BLUE},
            text=[t.deviations for t in kinds],
            textposition="auto",
            customdata=[str(t.key) for t in kinds],
            hovertemplate="%{y}: %{x} deviations<extra></extra>",
            name="Deviations",
        )
    )
    fig.update_layout(yaxis={"autorange": "reversed"}, showlegend=False)
    return _layout(fig, height=90 + 44 * len(kinds), x_title="Deviations")


def month_rows(report: ConformanceReport) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for m in report.by_month():
        row: dict[str, object] = {"Month": m.month, "Deviations": m.deviations, "Cases": m.cases}
        for kind in DeviationType:
            row[kind.label] = m.by_type.get(kind.value, 0)
        rows.append(row)
    return rows


def month_figure(report: ConformanceReport) -> go.Figure:
    """Deviations by the month they arose, stacked by kind."""
    months = report.by_month()
    labels = [m.month for m in months]
    fig = go.Figure()
    for n, kind in enumerate(DeviationType):
        values = [m.by_type.get(kind.value, 0) for m in months]
        if not any(values):
            continue
        fig.add_trace(
            go.Bar(
                name=kind.label,
                x=labels,
                y=values,
                marker={
                    "color": _TYPE_COLOURS[n % len(_TYPE_COLOURS)],
                    "pattern": {"shape": _TYPE_PATTERNS[n % len(_TYPE_PATTERNS)]},
                },
                customdata=[str(DrillKey.month(m, kind)) for m in labels],
                hovertemplate="%{x}<br>" + escape(kind.label) + ": %{y}<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack", xaxis={"type": "category"})
    return _layout(fig, height=420, x_title="Month the deviation arose", y_title="Deviations")


def drill_key_from_points(points: Sequence[Mapping[str, Any]]) -> str | None:
    """The drill-down key of the first selected bar (written out, as the bar carries it), if any."""
    for point in points:
        key = point.get("customdata")
        if isinstance(key, list):  # plotly sends customdata rows as lists for some traces
            key = key[0] if key else None
        if isinstance(key, str):
            return key
    return None


# ------------------------------------------------------------------------- process alignment
_PLACEMENT_STYLE = {
    "covered": ("Covered at this stage", _GREEN, "circle"),
    "misplaced": ("Done at a different stage (misplaced)", _ORANGE, "triangle-up"),
    "missing": ("Missing", _RED, "x"),
}
_STAGE_STYLE = {
    "aligned": ("Framework stage: aligned", _GREEN, "square"),
    "gaps": ("Framework stage: gaps", _RED, "square-x"),
    "not_mapped": ("Framework stage: no local stage maps here", _GREY, "square-open"),
}


def overlay_figure(report: AlignmentReport) -> go.Figure:
    """The local process over the framework: local stages above the framework stage each maps
    to, the touchpoint placements below, marked covered, misplaced or missing."""
    data = report.overlay()
    stage_ids = list(data["stages"])
    x_of = {stage_id: i for i, stage_id in enumerate(stage_ids)}
    fig = go.Figure()
    _overlay_stages(fig, data, x_of)
    _overlay_local(fig, data, x_of, len(stage_ids))
    depth = _overlay_placements(fig, data, x_of)
    fig.update_layout(
        xaxis={"visible": False, "range": [-0.7, len(stage_ids) + 0.3]},
        yaxis={"visible": False},
    )
    return _layout(fig, height=max(480, 150 + 42 * (depth + 4)))


def _overlay_stages(fig: go.Figure, data: Mapping[str, Any], x_of: Mapping[str, int]) -> None:
    for status, (name, colour, symbol) in _STAGE_STYLE.items():
        ids = [i for i, s in data["stages"].items() if s["status"] == status]
        if not ids:
            continue
        fig.add_trace(
            go.Scatter(
                name=name,
                x=[x_of[i] for i in ids],
                y=[0.0] * len(ids),
                mode="markers+text",
                marker={"symbol": symbol, "size": 26, "color": colour, "line": {"width": 2}},
                text=ids,
                textposition="middle right",
                hovertext=[_wrap(f"{i} {data['stages'][i]['label']}") for i in ids],
                hoverinfo="text",
            )
        )


def _overlay_local(
    fig: go.Figure, data: Mapping[str, Any], x_of: Mapping[str, int], n_stages: int
) -> None:
    xs: list[float] = []
    ys: list[float] = []
    names: list[str] = []
    stacked: dict[float, int] = {}
    edge_x: list[float | None] = []
    edge_y: list[float | None] = []
    for place in data["local_stages"]:
        x = float(x_of[place["maps_to"]]) if place["maps_to"] in x_of else float(n_stages)
        level = stacked.get(x, 0)
        stacked[x] = level + 1
        y = 1.2 + 0.7 * level
        xs.append(x)
        ys.append(y)
        names.append(place["name"])
        if place["maps_to"] in x_of:
            edge_x += [x, x, None]
            edge_y += [y, 0.0, None]
    fig.add_trace(
        go.Scatter(
            x=edge_x,
            y=edge_y,
            mode="lines",
            line={"color": _GREY, "width": 1},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    fig.add_trace(
        go.Scatter(
            name="Local stage (above the framework stage it maps to; right: none)",
            x=xs,
            y=ys,
            mode="markers+text",
            marker={"symbol": "diamond", "size": 16, "color": _BLUE},
            text=[_wrap(n, 18) for n in names],
            textposition="top center",
            hovertext=[escape(n) for n in names],
            hoverinfo="text",
        )
    )


def _overlay_placements(fig: go.Figure, data: Mapping[str, Any], x_of: Mapping[str, int]) -> int:
    rows: dict[str, int] = {}
    points: dict[str, tuple[list[float], list[float], list[str], list[str]]] = {
        status: ([], [], [], []) for status in _PLACEMENT_STYLE
    }
    for p in data["placements"]:
        row = rows.get(p["stage_id"], 0) + 1
        rows[p["stage_id"]] = row
        xs, ys, text, hover = points[p["status"]]
        xs.append(x_of[p["stage_id"]])
        ys.append(-0.8 * row)
        text.append(p["touchpoint_id"] + ("" if p["need"] == "required" else " (if)"))
        hover.append(f"{p['touchpoint_id']} at {p['stage_id']}: {p['status']} ({p['need']})")
    for status, (name, colour, symbol) in _PLACEMENT_STYLE.items():
        xs, ys, text, hover = points[status]
        if not xs:
            continue
        fig.add_trace(
            go.Scatter(
                name=name,
                x=xs,
                y=ys,
                mode="markers+text",
                marker={"symbol": symbol, "size": 13, "color": colour},
                text=text,
                textposition="middle right",
                hovertext=hover,
                hoverinfo="text",
            )
        )
    return max(rows.values(), default=0)


def coverage_rows(report: AlignmentReport) -> list[dict[str, object]]:
    """Coverage overall and by need, as a small table."""
    return [
        {
            "Placements": name,
            "Covered": c.covered,
            "Misplaced": c.misplaced,
            "Missing": c.missing,
            "Total": c.total,
            "Coverage": f"{c.percent}%",
        }
        for name, c in (
            ("All", report.coverage),
            ("Required for everyone", report.required_coverage),
            ("Conditional", report.conditional_coverage),
        )
    ]
