"""Framework explorer: every item in the framework in use, filtered, with its sources and links."""

from __future__ import annotations

import streamlit as st

from risk_app.domain.access import Page
from risk_app.services import framework as framework_service
from risk_app.ui import downloads, framework_views, guard, text

guard.require(Page.FRAMEWORK_EXPLORER)
graph = framework_service.current()

st.title("Framework explorer", anchor=False)
text.show(
    f"{graph.title}, version {graph.version}: every stage, touchpoint, prompt, "
    "route, principle, level, way of managing the budget, role, record and type of abuse it holds, "
    "with the sources behind each."
)

choices = framework_views.filter_choices(graph)
left, middle, right = st.columns(3)
node_type = left.selectbox(
    "Type of item",
    [None, *choices.types],
    format_func=lambda t: "All types" if t is None else choices.types[t],
    key="explorer_type",
)
stage = middle.selectbox(
    "Stage",
    [None, *choices.stages],
    format_func=lambda i: "All stages" if i is None else choices.stages[i],
    key="explorer_stage",
)
search = right.text_input("Search", key="explorer_search", max_chars=200)
left, middle, right = st.columns(3)
level = left.selectbox(
    "Level",
    [None, *choices.levels],
    format_func=lambda i: "All levels" if i is None else choices.levels[i],
    key="explorer_level",
)
budget_option = middle.selectbox(
    "Way of managing the budget",
    [None, *choices.budget_options],
    format_func=lambda i: "All ways" if i is None else choices.budget_options[i],
    key="explorer_budget_option",
)
include_untied = right.checkbox(
    "Include items not tied to a level or to a way of managing the budget",
    value=True,
    key="explorer_untied",
)
origin = st.selectbox(
    "Whose words",
    [None, *choices.origins],
    format_func=lambda o: "All" if o is None else choices.origins[o],
    key="explorer_origin",
)
st.caption(framework_views.FILTER_RULES)

chosen = framework_views.ExplorerFilter(
    node_type=node_type,
    level=level,
    stage=stage,
    budget_option=budget_option,
    search=search,
    include_untied=include_untied,
    origin=origin,
)
rows = framework_views.explorer_rows(graph, chosen)

st.header("Items", anchor=False)
framework_views.show_count(len(rows), len(graph.nodes()), search)
st.dataframe(rows, hide_index=True, width="stretch")
st.download_button(
    "Download these rows as CSV",
    downloads.csv_text(rows),  # cells that look like formulas are quoted as text
    f"framework-{graph.version}-items.csv",
    "text/csv",
    key="explorer_csv",
    disabled=not rows,
)

if rows:
    item = st.selectbox(
        "Item to show in full",
        [row["ID"] for row in rows],
        format_func=lambda i: f"{i}: {graph.node(i).label}",
        key="explorer_item",
    )
    framework_views.render_item(graph, item)
