"""The case audit on screen: running it with a progress bar, dashboards, drill-down and exports.

A finished audit is kept in this browser session only (it names cases); nothing from an imported
log is stored. Every chart sits beside a table of the same figures, and every table downloads as
CSV. A click on a bar, or the select box below the charts, shows the cases behind it.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from framework import Origin
from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.assurance.conformance_check import CaseResult
from risk_app.domain.assurance.conformance_output import (
    PLACEMENT_ORIGIN_WORDS,
    SYNTHESIS_SENTENCE,
    provenance_sentence,
    report_csv_rows,
    report_json,
    source_lines,
)
from risk_app.domain.assurance.conformance_report import DrillGroup, DrillKey, DrillOutcome
from risk_app.domain.assurance.event_log import SKIP_CODES, ImportProgress
from risk_app.services import audit
from risk_app.services.assurance.case_audit import (
    CaseAudit,
    audit_event_log,
    audit_recorded_journeys,
)
from risk_app.ui import downloads, text
from risk_app.ui.assurance import audit_charts

RESULT = "case_audit_result"
DRILL = "case_drill"
CASES_SHOWN = 500
"""Cases listed on screen for one bucket; the CSV has them all."""
ENCODINGS = {
    "auto": "Work it out (UTF-8, else Windows-1252)",
    "utf-8": "UTF-8",
    "cp1252": "Windows-1252 (Excel on Windows)",
    "latin-1": "Latin-1 (ISO 8859-1)",
    "utf-16": "UTF-16",
}


@dataclass(frozen=True)
class Finished:
    """An audit as kept in the session, with its cases indexed for drill-down."""

    audit: CaseAudit
    by_id: dict[str, CaseResult]
    keys: dict[str, DrillKey]
    """The drill-down keys with cases behind them, by their written form: what the select box
    and the chart bars carry."""
    token: str
    """This run's own identity (what the board report was made from)."""


def keep(done: CaseAudit) -> None:
    by_id = {c.case_id: c for c in done.report.cases}
    keys = {str(key): key for key in done.report.drill_down_keys()}
    st.session_state[RESULT] = Finished(done, by_id, keys, uuid.uuid4().hex)
    st.session_state.pop(DRILL, None)


def forget() -> None:
    st.session_state.pop(RESULT, None)


def finished() -> Finished | None:
    found = st.session_state.get(RESULT)
    return found if isinstance(found, Finished) else None


def origin_choice() -> Origin | None:
    """Which placements the audit expects, by whose placement they are (all, unless chosen)."""
    choice = st.selectbox(
        "Whose placements to expect",
        [None, *(o.value for o in Origin)],
        format_func=lambda o: (
            "All placements" if o is None else f"Only {PLACEMENT_ORIGIN_WORDS[o]}"
        ),
        key="case_origin",
    )
    st.caption(SYNTHESIS_SENTENCE)
    return Origin(choice) if isinstance(choice, str) else None


def run_from_app(store: Store, actor: Actor, origin: Origin | None = None) -> None:
    with st.spinner("Auditing the journeys recorded in the app…"):
        keep(audit_recorded_journeys(store, by=actor, origin=origin))


def run_from_file(
    store: Store,
    actor: Actor,
    events: Any,
    mapping: Any | None,
    encoding: str,
    origin: Origin | None = None,
) -> None:
    """Audit an uploaded log. Errors (EventLogError and others) reach the page's handler."""
    bar = st.progress(0.0, text="Reading the event log…")

    def progress(p: ImportProgress) -> None:
        bar.progress(p.fraction, text=f"Reading the event log: {p.rows:,} rows ({p.fraction:.0%})")

    try:
        done = audit_event_log(
            store,
            by=actor,
            events=events.getvalue(),
            mapping=mapping.getvalue() if mapping is not None else None,
            name=events.name,
            encoding=encoding,
            progress=progress,
            origin=origin,
        )
    finally:
        bar.empty()
    keep(done)


# --------------------------------------------------------------------------- the report
def show(store: Store, actor: Actor, found: Finished) -> None:
    done = found.audit
    report, source = done.report, done.source
    st.header("Results", anchor=False)
    text.show(
        f"Judged against {report.framework_title}, version "
        f"{report.framework_version}, as on {words.day(report.as_of)}."
    )
    text.show(provenance_sentence(done.rules))
    for line in source_lines(source):
        st.text(line.strip())
    if report.jurisdiction_caveat:
        st.warning(report.jurisdiction_caveat)
    overall = report.overall
    cols = st.columns(4)
    cols[0].metric("Cases", f"{overall.cases:,}")
    cols[1].metric("Followed the framework", f"{overall.conforming:,}")
    cols[2].metric("With deviations", f"{overall.deviating:,}")
    cols[3].metric("Deviations", f"{report.deviation_count:,}")
    _skipped(store, actor, done)
    _dashboards(store, actor, done)
    _drill_down(store, actor, found)
    _downloads(store, actor, done)


def _skipped(store: Store, actor: Actor, done: CaseAudit) -> None:
    skipped = done.source.skipped
    if not skipped:
        return
    with st.expander(f"{len(skipped):,} rows were skipped: see why, line by line"):
        rows = [
            {"Line": row.line, "Reason": SKIP_CODES.get(row.code, row.code), "Detail": row.reason}
            for row in skipped
        ]
        if len(rows) > CASES_SHOWN:
            st.caption(f"The first {CASES_SHOWN:,} of {len(rows):,}; the CSV has them all.")
        st.dataframe(rows[:CASES_SHOWN], hide_index=True, width="stretch")
        downloads.csv_button(
            "Download the skipped rows as CSV",
            rows,
            "skipped-rows.csv",
            key="case_dl_skipped",
            store=store,
            actor=actor,
            what="case_audit_skipped",
        )


def _select_bar(chart_key: str) -> None:
    """A click on a bar chooses its bucket in the drill-down box (runs before the next run)."""
    state = st.session_state.get(chart_key)
    points = state.selection.points if state is not None else []
    key = audit_charts.drill_key_from_points(points)
    found = finished()
    if key and found is not None and key in found.keys:
        st.session_state[DRILL] = key  # only a key with cases behind it, whatever was sent


def _chart_and_table(
    store: Store,
    actor: Actor,
    name: str,
    figure: Any,
    rows: Sequence[dict[str, object]],
    description: str,
) -> None:
    chart_key = f"case_chart_{name}"
    chart_tab, table_tab = st.tabs(["Chart", "Table (same figures)"])
    with chart_tab:
        if figure is not None:
            st.plotly_chart(
                figure,
                key=chart_key,
                on_select=lambda: _select_bar(chart_key),
                selection_mode="points",
                width="stretch",
                alt=f"{description} The Table tab has the same figures.",
            )
            st.caption(f"{description} Select a bar to list the cases behind it below.")
        else:
            st.caption("No chart: there is nothing to draw. The table shows the figures.")
    with table_tab:
        st.dataframe(rows, hide_index=True, width="stretch")
    downloads.csv_button(
        "Download this table as CSV",
        rows,
        f"case-audit-{name}.csv",
        key=f"case_dl_{name}",
        store=store,
        actor=actor,
        what=f"case_audit_{name}",
    )


def _dashboards(store: Store, actor: Actor, done: CaseAudit) -> None:
    report = done.report
    stage_tab, tp_tab, type_tab, month_tab = st.tabs(
        ["Coverage by stage", "By touchpoint", "Deviations by type", "Trend by month"]
    )
    with stage_tab:
        _chart_and_table(
            store,
            actor,
            "by_stage",
            audit_charts.stage_figure(report),
            audit_charts.stage_rows(report),
            "Cases that reached each stage: those that followed the framework there, and those "
            "with a deviation placed at that stage.",
        )
    with tp_tab:
        rows = audit_charts.touchpoint_rows(report, done.rules)
        st.dataframe(rows, hide_index=True, width="stretch")
        downloads.csv_button(
            "Download this table as CSV",
            rows,
            "case-audit-by_touchpoint.csv",
            key="case_dl_by_touchpoint",
            store=store,
            actor=actor,
            what="case_audit_by_touchpoint",
        )
    with type_tab:
        _chart_and_table(
            store,
            actor,
            "by_type",
            audit_charts.type_figure(report),
            audit_charts.type_rows(report),
            "How many deviations of each kind were found.",
        )
    with month_tab:
        months = report.by_month()
        _chart_and_table(
            store,
            actor,
            "by_month",
            audit_charts.month_figure(report) if months else None,
            audit_charts.month_rows(report),
            "Deviations by the month they arose, stacked by kind.",
        )


# --------------------------------------------------------------------------- drill-down
_CASES_WORDS = {
    None: "All cases",
    DrillOutcome.CONFORMING: "Cases that followed the framework",
    DrillOutcome.DEVIATING: "Cases with deviations",
}
_STAGE_WORDS = {
    None: "reached",
    DrillOutcome.CONFORMING: "followed the framework",
    DrillOutcome.DEVIATING: "deviations there",
}
_TOUCHPOINT_WORDS = {
    None: "expected or done",
    DrillOutcome.CONFORMING: "done in order",
    DrillOutcome.MISSING: "missing",
    DrillOutcome.OUT_OF_ORDER: "out of order",
}


def drill_label(done: CaseAudit, key: DrillKey) -> str:
    """A drill-down key in words, with how many cases are behind it."""
    rules = done.rules
    item = key.item or ""
    if key.group is DrillGroup.STAGE:
        words = f"Stage {item} {rules.label(item)}: {_STAGE_WORDS[key.outcome]}"
    elif key.group is DrillGroup.TOUCHPOINT:
        words = f"Touchpoint {item} {rules.label(item)}: {_TOUCHPOINT_WORDS[key.outcome]}"
    elif key.group is DrillGroup.MONTH:
        kind = key.deviation_type
        words = f"{item}: " + (kind.label if kind is not None else "all deviations")
    elif key.group is DrillGroup.TYPE and key.deviation_type is not None:
        words = key.deviation_type.label
    else:
        words = _CASES_WORDS[key.outcome]
    n = done.report.case_count(key)
    return f"{words} ({n:,} {'case' if n == 1 else 'cases'})"


def _drill_down(store: Store, actor: Actor, found: Finished) -> None:
    done = found.audit
    st.header("The cases behind a figure", anchor=False)
    everyone_conforming = DrillKey.cases(DrillOutcome.CONFORMING)
    offered = [text for text, key in found.keys.items() if key != everyone_conforming]
    if not offered:
        st.write("There are no cases to list.")
        return
    if st.session_state.get(DRILL) not in offered:
        deviating = str(DrillKey.cases(DrillOutcome.DEVIATING))
        st.session_state[DRILL] = deviating if deviating in found.keys else offered[0]
    chosen = st.selectbox(
        "Show the cases behind",
        offered,
        format_func=lambda text: drill_label(done, found.keys[text]),
        key=DRILL,
        help="Or select a bar in any chart above.",
    )
    ids = done.report.case_ids(found.keys[chosen])
    if len(ids) > CASES_SHOWN:
        st.caption(f"The first {CASES_SHOWN:,} of {len(ids):,} cases; the CSV has them all.")
    st.dataframe(case_rows(found, ids[:CASES_SHOWN]), hide_index=True, width="stretch")
    downloads.csv_button(
        "Download these cases as CSV",
        lambda: case_rows(found, ids),
        "case-audit-cases.csv",
        count=len(ids),
        key="case_dl_drill",
        store=store,
        actor=actor,
        what="case_audit_cases",
    )


def case_rows(found: Finished, ids: Sequence[str]) -> list[dict[str, object]]:
    """One row per case: its findings as the sentences a practitioner reads."""
    rows: list[dict[str, object]] = []
    for case_id in ids:
        case = found.by_id[case_id]
        rows.append(
            {
                "Case": case.case_id,
                "Stages reached": len(case.reached),
                "Deviations": len(case.deviations),
                "Findings": " ".join(d.message for d in case.deviations)
                or "Followed the framework at every step.",
            }
        )
    return rows


# --------------------------------------------------------------------------- whole-report downloads
def _downloads(store: Store, actor: Actor, done: CaseAudit) -> None:
    report, rules, source = done.report, done.rules, done.source
    st.header("Download the whole report", anchor=False)
    left, right = st.columns(2)
    left.download_button(
        "Every deviation, one per row (CSV)",
        lambda: deviations_csv(done),  # made only when clicked
        "case-audit-deviations.csv",
        "text/csv",
        key="case_dl_deviations",
        on_click=audit.record_export,
        args=(store, actor, "case_audit_deviations"),
        kwargs={"rows": report.deviation_count},
    )
    right.download_button(
        "The report as JSON (shape in docs/case-audit.md)",
        lambda: json.dumps(report_json(report, rules, source), indent=2, ensure_ascii=False),
        "case-audit.json",
        "application/json",
        key="case_dl_json",
        on_click=audit.record_export,
        args=(store, actor, "case_audit_json"),
        kwargs={"cases": report.overall.cases},
    )


def deviations_csv(done: CaseAudit) -> str:
    """Every deviation as CSV (the same columns as ``risk-app audit cases --format csv``)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(report_csv_rows(done.report, done.rules))
    return buffer.getvalue()
