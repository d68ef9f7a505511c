"""Framework map: where safeguarding links into each stage of Self-Directed Support."""

from __future__ import annotations

import streamlit as st

from risk_app.domain.access import Page
from risk_app.services import framework as framework_service
from risk_app.ui import charts, guard, text
from risk_app.ui.record import stage_detail

guard.require(Page.FRAMEWORK_MAP)
graph = framework_service.current()

st.title("Framework map", anchor=False)
# The title may come from an uploaded framework file: shown literally, never as markdown.
text.show(
    f"{graph.title}, version {graph.version}. Stages run left to right; each stage's safeguarding "
    "touchpoints sit below it, and escalation routes along the bottom. Where each touchpoint sits "
    "is our synthesis from the cited sources, not the framework's own text: the framework's "
    "stage-by-stage diagram could not be found."
)


def _select_from_chart() -> None:
    # Runs before the next script run, so it may set the stage box: a click on a stage (or one
    # of its touchpoints) in the map chooses that stage. The box stays the keyboard route.
    points = st.session_state["map_chart"].selection.points
    stage = charts.stage_for_point(graph, points[0].get("customdata")) if points else None
    if stage:
        st.session_state["map_stage"] = stage


stages = graph.stages()
levels = {node.id: node.label for node in graph.nodes(type="level")}
options = {node.id: node.label for node in graph.nodes(type="budget_option")}
left, middle, right, fourth = st.columns(4)
stage_id = left.selectbox(
    "Stage",
    [s.id for s in stages],
    format_func=lambda i: f"{graph.node(i).order}. {graph.node(i).label}",
    key="map_stage",
)
level = middle.selectbox(
    "Level",
    [None, *levels],
    format_func=lambda i: "All levels" if i is None else levels[i],
    key="map_level",
)
budget_option = right.selectbox(
    "Way of managing the budget",
    [None, *options],
    format_func=lambda i: "Any" if i is None else options[i],
    key="map_budget_option",
)
origin = fourth.selectbox(
    "Whose placement",
    [None, *charts.ORIGIN_WORDS],
    format_func=lambda o: "All" if o is None else charts.ORIGIN_WORDS[o],
    key="map_origin",
)

rows = charts.framework_map_rows(graph, level=level, budget_option=budget_option, origin=origin)
map_column, table_column = st.columns([3, 2])
with map_column:
    st.plotly_chart(
        charts.framework_map_figure(
            graph, selected_stage=stage_id, level=level, budget_option=budget_option, origin=origin
        ),
        width="stretch",
        key="map_chart",
        on_select=_select_from_chart,
        selection_mode="points",
    )
    st.caption(charts.ORIGIN_KEY)
    st.caption(
        "Select a stage or touchpoint in the map to show its details below. "
        "The table beside it lists every stage and touchpoint shown in the map."
    )
with table_column:
    if not rows and origin is not None:
        text.show_info(
            f"No touchpoint is placed at a stage as {charts.ORIGIN_WORDS[origin].lower()}. "
            "Choose All to see every placement."
        )
    st.dataframe(rows, width="stretch", hide_index=True)

stage_detail.render(graph, stage_id, level=level, budget_option=budget_option)
