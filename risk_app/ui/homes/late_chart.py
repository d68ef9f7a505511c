"""The lead's chart of how late overdue work is: bars per late band, actions beside reviews. It is
built from the same rows as the table shown under it, so the two cannot disagree."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from risk_app.ui.text import chart_text

KINDS = (("Actions", "#1D4F91"), ("Reviews", "#B35C00"))
"""The columns drawn, each with a colour that keeps its contrast on white."""


def late_work_figure(rows: Sequence[Mapping[str, object]]) -> go.Figure:
    """Grouped horizontal bars: one group per row's "How late", one bar per kind in `KINDS`."""
    labels = [chart_text(row["How late"]) for row in rows]
    fig = go.Figure(
        [
            go.Bar(
                name=kind,
                x=[row[kind] for row in rows],
                y=labels,
                orientation="h",
                marker_color=colour,
                text=[row[kind] for row in rows],
                textposition="auto",
            )
            for kind, colour in KINDS
        ]
    )
    fig.update_layout(
        barmode="group",
        height=80 + 60 * len(rows),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        yaxis={"autorange": "reversed"},
        xaxis={"title": "How many", "dtick": 1, "rangemode": "tozero"},
        plot_bgcolor="white",
        legend={"orientation": "h"},
    )
    return fig
