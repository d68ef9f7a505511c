"""What the framework graph holds for one stage: touchpoints, prompts, routes, principles, sources."""

from __future__ import annotations

from typing import Any

import streamlit as st

from framework import FrameworkGraph
from risk_app.ui import text
from risk_app.ui.charts import origin_words, provenance_words


def _item(node: Any) -> dict[str, str]:
    return {
        "ID": node.id,
        "Item": getattr(node, "text", None) or node.label,
        "Applies in": _applies_in(node),
        "Whose words": origin_words(node.provenance.origin),
        "Provenance": provenance_words(node.provenance.status),
        "Sources": ", ".join(node.provenance.refs),
    }


def _applies_in(node: Any) -> str:
    """Where the item applies: a DBS check in England and Wales, PVG in Scotland..."""
    if getattr(node, "jurisdiction", None) is not None:
        return str(node.jurisdiction.label)
    found = getattr(node, "jurisdictions", None)
    return ", ".join(j.label for j in found) if found else "Everywhere"


def render(
    graph: FrameworkGraph,
    stage_id: str,
    *,
    level: str | None = None,
    budget_option: str | None = None,
    jurisdiction: str | None = None,
) -> None:
    """One stage; with `jurisdiction` (a person's), only what applies in that nation."""
    detail = graph.stage_detail(
        stage_id, level=level, budget_option=budget_option, jurisdiction=jurisdiction
    )
    stage = detail.stage
    # Framework text can come from an uploaded file, so it is shown literally like user text.
    text.heading(f"Stage {stage.order}: {stage.label}", level=2)
    text.show(stage.summary)
    st.caption(
        f"Provenance: {provenance_words(stage.provenance.status)}. "
        f"Sources: {', '.join(stage.provenance.refs) or 'none'}."
    )
    sections = [
        ("Where safeguarding links in (touchpoints)", detail.touchpoints),
        ("Risk assessment prompts", detail.assessment_prompts),
        ("Risk management prompts", detail.management_prompts),
        ("Escalation routes", detail.routes),
        ("Principles upheld", detail.principles),
        ("Ways of managing the budget offered here", detail.budget_options),
    ]
    for title, nodes in sections:
        if nodes:
            st.subheader(title, anchor=False)
            rows = [_item(n) for n in nodes]
            if nodes is detail.touchpoints:
                # Which records make a touchpoint done (the graph's recorded_as links).
                for row, node in zip(rows, nodes, strict=True):
                    row["Placement at this stage"] = origin_words(
                        graph.placement_origin(stage.id, node.id)
                    )
                    records = graph.records_for(node.id)
                    row["Done when recorded"] = (
                        ", ".join(r.label for r in records) or "Set by hand on the journey"
                    )
            st.dataframe(rows, width="stretch", hide_index=True)
    if detail.references:
        st.subheader("Sources", anchor=False)
        for ref in detail.references:
            year = f" ({ref.year})" if getattr(ref, "year", None) else ""
            url = getattr(ref, "url", None)
            text.show(f"{ref.id}: {ref.title}{year}")
            if url:
                # Reference IDs are capitals, digits, "." and "-" (the schema): inert in a label.
                st.link_button(f"Open source {ref.id}", url, type="tertiary")
