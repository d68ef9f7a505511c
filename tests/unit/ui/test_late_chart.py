"""The lead's chart of late work draws exactly the rows of the table beside it, text escaped."""

from __future__ import annotations

from risk_app.ui.homes.late_chart import KINDS, late_work_figure

ROWS = [
    {"How late": "1 to 7 days late", "Actions": 2, "Reviews": 0},
    {"How late": "8 to 28 days late", "Actions": 0, "Reviews": 1},
    {"How late": "More than 28 days late <b>x</b>", "Actions": 5, "Reviews": 3},
]


def test_the_chart_has_one_bar_series_per_kind_holding_the_tables_numbers():
    fig = late_work_figure(ROWS)
    assert [trace.name for trace in fig.data] == [kind for kind, _ in KINDS]
    assert list(fig.data[0].x) == [2, 0, 5]
    assert list(fig.data[1].x) == [0, 1, 3]


def test_the_charts_labels_are_escaped_because_plotly_renders_some_html():
    fig = late_work_figure(ROWS)
    assert "<b>" not in fig.data[0].y[2] and "&lt;b&gt;" in fig.data[0].y[2]
