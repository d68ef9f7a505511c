"""Process alignment on screen: the table editor, the problems list, and the report.

The editor holds the process as rows (the CSV columns), so a file loaded into it, typed from
scratch or started from the framework's own stages all look the same, and a lead without files
can download what they typed as YAML or CSV. Reports are kept in this browser session only.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence

import streamlit as st

from framework import Origin
from risk_app.adapters.db import Store
from risk_app.domain.access import Actor
from risk_app.domain.assurance.local_process import LocalProcessError, ProcessProblem
from risk_app.domain.assurance.process_alignment import (
    ORIGIN_PLACEMENT_WORDS,
    SYNTHESIS_CAVEAT,
    AlignmentReport,
    PlacementStatus,
    render_text,
)
from risk_app.services import audit
from risk_app.services.assurance import process_audit
from risk_app.ui import downloads, text
from risk_app.ui.assurance import audit_charts, board_report_views

ROWS = "process_rows"
"""The rows the editor starts from (changed only by loading a file or starting again)."""
GENERATION = "process_editor_generation"
"""Bumped when ROWS is replaced, so the editor drops the edits made to the old rows."""
TYPED = "process_rows_typed"
"""The rows as last shown, edits included. Streamlit drops a widget's state when a run does not
draw it (another page, or the file option chosen), so the editor restarts from these."""
COLUMNS = ("local_stage", "maps_to", "implements", "local_check")


def keep(report: AlignmentReport) -> None:
    st.session_state[board_report_views.ALIGNMENT] = report
    st.session_state[board_report_views.ALIGNMENT_TOKEN] = uuid.uuid4().hex


def forget() -> None:
    st.session_state.pop(board_report_views.ALIGNMENT, None)
    st.session_state.pop(board_report_views.ALIGNMENT_TOKEN, None)


def problems(found: Sequence[ProcessProblem], heading: str) -> None:
    """Every problem, where it is and what is wrong, shown literally."""
    count = f"{len(found)} {'problem' if len(found) == 1 else 'problems'}"
    text.show_error(f"{heading} {count} to fix:")
    text.table([{"Where": p.where or "-", "Problem": p.message} for p in found])
    st.caption("Nothing was compared. Fix these and try again: your file or table is unchanged.")


# --------------------------------------------------------------------------- the table editor
def load_rows(rows: Sequence[Mapping[str, object]]) -> None:
    st.session_state[ROWS] = list(rows)
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1
    st.session_state.pop(TYPED, None)


def remembered(key: str, default: str = "") -> None:
    """Give a text field back what was typed in it if Streamlit dropped its state. Call before
    drawing the field, then :func:`remember` its value."""
    if key not in st.session_state:
        st.session_state[key] = st.session_state.get(f"{key}_typed", default)


def remember(key: str, value: str) -> None:
    st.session_state[f"{key}_typed"] = value


def editor() -> list[dict[str, object]]:
    """The editor, opened on the framework's stages the first time; returns the edited rows.

    What was typed survives a visit to another page or to the file option."""
    if ROWS not in st.session_state:
        load_rows(process_audit.starter_rows())
    key = f"process_editor_{st.session_state.get(GENERATION, 0)}"
    if key not in st.session_state and TYPED in st.session_state:
        st.session_state[ROWS] = st.session_state.pop(TYPED)
    choices = process_audit.editor_choices()
    stages = {c["id"]: f"{c['id']} {c['label']}" for c in choices["maps_to"]}
    touchpoints = {c["id"]: f"{c['id']} {c['label']}" for c in choices["implements"]}
    edited = st.data_editor(
        [{column: row.get(column, "") for column in COLUMNS} for row in st.session_state[ROWS]],
        key=key,
        num_rows="dynamic",
        alt="Your local process: one row per local stage and touchpoint or check.",
        width="stretch",
        hide_index=True,
        column_config={
            "local_stage": st.column_config.TextColumn(
                "Local stage", help="Your name for the stage", required=True, max_chars=200
            ),
            "maps_to": st.column_config.SelectboxColumn(
                "Framework stage",
                options=list(stages),
                format_func=lambda v: stages.get(str(v), str(v)),
                help="The framework stage it corresponds to; none for a step of your own.",
                required=True,
            ),
            "implements": st.column_config.SelectboxColumn(
                "Touchpoint carried out",
                options=["", *touchpoints],
                format_func=lambda v: touchpoints.get(str(v), "(none)"),
                help="One touchpoint per row: add a row with the same local stage for each.",
            ),
            "local_check": st.column_config.TextColumn(
                "Check of your own",
                help="A safeguarding check the framework does not name, in your words",
                max_chars=500,
            ),
        },
    )
    rows = [dict(row) for row in edited]
    st.session_state[TYPED] = rows
    return rows


def editor_downloads(rows: list[dict[str, object]], title: str, organisation: str | None) -> None:
    """Offer the table as a file, once it is a valid process."""
    try:
        yaml_text = process_audit.export_rows(rows, "yaml", title=title, organisation=organisation)
        csv_text = process_audit.export_rows(rows, "csv", title=title, organisation=organisation)
    except LocalProcessError:
        st.caption("Once the table has no problems you can download it as a YAML or CSV file.")
        return
    left, right = st.columns(2)
    left.download_button(
        "Download the table as YAML",
        yaml_text,
        "local-process.yaml",
        "application/yaml",
        key="process_dl_yaml",
    )
    right.download_button(
        "Download the table as CSV",
        csv_text,
        "local-process.csv",
        "text/csv",
        key="process_dl_csv",
    )


def origin_choice() -> Origin | None:
    """Which placements to judge, by whose placement they are (all, unless chosen)."""
    choice = st.selectbox(
        "Whose placements to judge",
        [None, *(o.value for o in Origin)],
        format_func=lambda o: (
            "All placements" if o is None else f"Only {ORIGIN_PLACEMENT_WORDS[Origin(o)]}"
        ),
        key="process_origin",
    )
    st.caption(SYNTHESIS_CAVEAT)
    return Origin(choice) if isinstance(choice, str) else None


# --------------------------------------------------------------------------- the report
def show(store: Store, actor: Actor, report: AlignmentReport) -> None:
    st.header("Results", anchor=False)
    org = f" ({report.organisation})" if report.organisation else ""
    text.show(f"{report.process_title}{org}, from {report.source}.")
    text.show(report.summary())
    text.show(report.provenance_sentence())
    for note in report.notes:
        text.show_info(note)
    coverage = audit_charts.coverage_rows(report)
    text.table(coverage)
    downloads.csv_button(
        "Download the coverage as CSV",
        coverage,
        "process-coverage.csv",
        key="process_dl_coverage",
        store=store,
        actor=actor,
        what="process_alignment_coverage",
    )
    chart_tab, table_tab = st.tabs(["Overlay on the framework", "Table (same information)"])
    with chart_tab:
        st.plotly_chart(
            audit_charts.overlay_figure(report),
            width="stretch",
            key="process_chart",
            alt="Your local process over the framework stages; the Table tab has the same details.",
        )
        st.caption(
            "Framework stages run left to right. Your local stages sit above the framework stage "
            "each maps to (those mapped to none, on the right). Below each framework stage are "
            "the touchpoints placed there (our synthesis unless the table says the framework's "
            "own text): a circle is covered, a triangle is done at another stage (misplaced), a "
            "cross is missing; (if) marks a conditional one."
        )
    rows = report.table_rows()
    with table_tab:
        st.dataframe(rows, hide_index=True, width="stretch")
    downloads.csv_button(
        "Download this table as CSV",
        rows,
        "process-alignment.csv",
        key="process_dl_table",
        store=store,
        actor=actor,
        what="process_alignment_table",
    )
    _stages(report)
    _report_downloads(store, actor, report)


def _stages(report: AlignmentReport) -> None:
    st.subheader("Stage by stage", anchor=False)
    for stage in report.stages:
        gaps = [p for p in stage.placements if p.status is not PlacementStatus.COVERED]
        state = (
            "no local stage maps here"
            if not stage.local_stages
            else (f"{len(gaps)} to look at" if gaps else "aligned")
        )
        # An expander's label renders markdown: only the stage's number and ID (schema-checked)
        # go in it; its label, from the framework file, is shown literally inside.
        with st.expander(f"Stage {stage.order} ({stage.stage_id}), {state}"):
            text.heading(f"Stage {stage.order}: {stage.label}", level=4)
            local = ", ".join(stage.local_stages) or "none"
            text.show(f"Your stages here: {local}.")
            text.bullets([p.sentence for p in gaps] + [e.sentence for e in stage.extras])
            if not gaps and not stage.extras:
                st.write("Every touchpoint placed here is covered.")
    if report.outside_framework:
        st.subheader("Your stages the framework does not have", anchor=False)
        text.bullets(outside.sentence for outside in report.outside_framework)


def _report_downloads(store: Store, actor: Actor, report: AlignmentReport) -> None:
    left, right = st.columns(2)
    left.download_button(
        "The report as JSON (shape in docs/process-audit.md)",
        json.dumps(report.to_json(), indent=2, ensure_ascii=False),
        "process-alignment.json",
        "application/json",
        key="process_dl_json",
        on_click=audit.record_export,
        args=(store, actor, "process_alignment_json"),
    )
    right.download_button(
        "The report as text",
        render_text(report),
        "process-alignment.txt",
        "text/plain",
        key="process_dl_text",
        on_click=audit.record_export,
        args=(store, actor, "process_alignment_text"),
    )
