"""The safeguarding audit report for the Safeguarding Adults Board, from the template
``board_report.html``, printed as a tagged PDF/UA-1.

Built only from the JSON data of the two audits (``report_json(..., drill_down=False)`` and
``AlignmentReport.to_json()``), so the PDF always agrees with the JSON exports. It goes to a
board, so it holds totals only: no case id, no skipped row's text, nothing about a person. This
module turns the data into sentences and table rows; the template lays them out and autoescapes
every piece of text, and nothing is loaded from outside the document (as evidence_pdf).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from framework.schema import SYNTHESIS_CAVEAT
from risk_app.adapters import documents
from risk_app.adapters.pdf import print_pdf
from risk_app.domain import words
from risk_app.domain.assurance.conformance_output import percent
from risk_app.domain.assurance.event_log import SKIP_CODES

TITLE = "Safeguarding audit report for the Safeguarding Adults Board"
Data = Mapping[str, Any]

_STAGE_STATUS = {
    "aligned": "All covered",
    "gaps": "Gaps",
    "not_mapped": "No local stage maps here",
}
_PLACEMENT_STATUS = {"covered": "Covered", "missing": "Missing", "misplaced": "Misplaced"}
_NEED = {"required": "Required", "conditional": "Conditional"}
_ORIGIN = {
    "framework_text": "The framework's own text",
    "synthesis": "Our synthesis",
    "local_policy": "Local policy",
}
SYNTHESIS_STATEMENT = (
    "Which touchpoint belongs at which stage is a placement. "
    + SYNTHESIS_CAVEAT
    + " This report does not present them as what the framework requires."
)
"""Printed in every board report, whatever parts it has."""


def _origin(value: object) -> str:
    """Whose placement, in a table cell; older audit data has none and is said to be unknown."""
    return _ORIGIN.get(str(value), "Not recorded") if value else "Not recorded"


def _judged_origins(part: Data) -> str:
    """Which placements an audit judged, from its data."""
    chosen = part.get("origin_filter") or (part.get("rules") or {}).get("origin_filter")
    if not chosen:
        return "Every placement was judged, whoever's it is."
    return f"Only placements that are {_ORIGIN.get(str(chosen), str(chosen)).lower()} were judged."


@dataclass(frozen=True, slots=True)
class _Table:
    """A data table: column headers, and the first cell of each row as its row header."""

    caption: str
    headers: Sequence[str]
    rows: Sequence[Sequence[object]]


@dataclass(frozen=True, slots=True)
class _Source:
    sentence: str
    skipped: _Table | None
    warnings: Sequence[str]


@dataclass(frozen=True, slots=True)
class _CasePart:
    framework: str
    headline: str
    origins: str
    as_of: str
    source: _Source | None
    by_stage: _Table
    by_touchpoint: _Table
    by_type: _Table
    by_month: _Table | None


@dataclass(frozen=True, slots=True)
class _Stage:
    name: str
    local: str
    placements: _Table | None
    extras: Sequence[str]


@dataclass(frozen=True, slots=True)
class _AlignmentPart:
    framework: str
    headline: str
    origins: str
    process: str
    organisation: str
    source: str
    declared: str
    coverage: _Table
    stage_map: _Table
    stages: Sequence[_Stage]
    outside: Sequence[str]
    notes: Sequence[str]


@dataclass(frozen=True, slots=True)
class _Checkpoint:
    events: str
    newest: str
    head_hash: str
    fingerprint: str
    file: str


# --------------------------------------------------------------------------- small pieces
def _percent(part: int, whole: int) -> str:
    return percent(int(part), int(whole))


def _month(value: str) -> str:
    """``2026-03`` as ``March 2026``."""
    year, _, month = value.partition("-")
    return words.month(int(year), int(month)) if year.isdigit() and month.isdigit() else value


def _when(moment: datetime) -> str:
    return words.moment(moment, utc=moment.tzinfo is not None)


def _framework(part: Data) -> str:
    return f"{part['framework']['title']}, version {part['framework']['version']}"


def _grouped(hex_text: str, size: int = 8) -> str:
    return " ".join(hex_text[i : i + size] for i in range(0, len(hex_text), size))


# --------------------------------------------------------------------------- headlines
def case_sentence(case: Data) -> str:
    """The case conformance headline."""
    s = case["summary"]
    if not s["cases"]:
        return "No cases were audited."
    head = (
        f"Of {words.count(s['cases'], 'case')}, {words.number(s['conforming'])} "
        f"({_percent(s['conforming'], s['cases'])}) followed the framework at every step"
    )
    if not s["deviations"]:
        return head + "; no deviations were found."
    verb = "was" if s["deviations"] == 1 else "were"
    return (
        f"{head}; {words.count(s['deviations'], 'deviation')} {verb} found in "
        f"{words.count(s['with_deviations'], 'case')}."
    )


def alignment_sentence(alignment: Data) -> str:
    """The process alignment headline."""
    c = alignment["coverage"]["all"]
    head = (
        f"The local process covers {words.number(c['covered'])} of {words.count(c['total'], 'placement')} "
        f"({c['percent']}%)"
    )
    if not c["missing"] and not c["misplaced"]:
        return head + "; nothing is missing or misplaced."
    missing = (
        "1 touchpoint is" if c["missing"] == 1 else f"{words.number(c['missing'])} touchpoints are"
    )
    misplaced = f"{words.number(c['misplaced'])} {'is' if c['misplaced'] == 1 else 'are'}"
    return f"{head}; {missing} missing and {misplaced} misplaced."


# --------------------------------------------------------------------------- case conformance
def _source_sentence(source: Data) -> str:
    if source["format"] == "app":
        return (
            f"The journeys recorded in the app: {words.count(source['cases'], 'person', 'people')}, "
            f"{words.count(source['events'], 'event')}."
        )
    return (
        f"The event log {source['name']} ({str(source['format']).upper()}, "
        f"{source['encoding']}): {words.count(source['rows'], 'row')}, giving "
        f"{words.count(source['events'], 'event')} for {words.count(source['cases'], 'case')}. "
        f"{words.number(source['ignored'])} ignored by the activity mapping; "
        f"{words.number(source['skipped_count'])} skipped."
    )


def _source(source: Data | None) -> _Source | None:
    if source is None:
        return None
    skipped = source["skipped_by_reason"]
    rows = [(SKIP_CODES.get(code, code), words.number(n)) for code, n in skipped.items()]
    return _Source(
        sentence=_source_sentence(source),
        skipped=_Table("Rows skipped, by reason", ("Reason", "Rows"), rows) if skipped else None,
        warnings=source["warnings"],
    )


def _by_stage(case: Data) -> _Table:
    rows = [
        (
            f"{s['label']} ({s['stage']})",
            words.number(s["reached"]),
            words.number(s["conforming"]),
            words.number(s["deviating"]),
            _percent(s["conforming"], s["reached"]),
        )
        for s in case["by_stage"]
    ]
    headers = ("Stage", "Cases reached", "Conforming", "With deviations", "Conformance")
    return _Table("Conformance by stage", headers, rows)


def _by_touchpoint(case: Data) -> _Table:
    rows = [
        (
            f"{t['label']} ({t['touchpoint']})",
            words.number(t["judged"]),
            words.number(t["conforming"]),
            words.number(t["missing"]),
            words.number(t["out_of_order"]),
            _percent(t["conforming"], t["judged"]),
            _origin(t.get("origin")),
        )
        for t in case["by_touchpoint"]
    ]
    headers = (
        "Touchpoint",
        "Cases judged",
        "Conforming",
        "Missing",
        "Out of order",
        "Conformance",
        "Whose placement",
    )
    return _Table("Conformance by touchpoint", headers, rows)


def _by_type(case: Data) -> _Table:
    rows = [
        (t["label"], words.number(t["deviations"]), words.number(t["cases"]))
        for t in case["by_type"]
    ]
    return _Table("Deviations by type", ("Type", "Deviations", "Cases"), rows)


def _by_month(case: Data) -> _Table | None:
    """Deviations by the month they arose; None when there were none."""
    if not case["by_month"]:
        return None
    labels = {t["type"]: t["label"] for t in case["by_type"]}
    rows = [
        (
            _month(m["month"]),
            words.number(m["deviations"]),
            words.number(m["cases"]),
            "; ".join(
                f"{labels.get(k, k)}: {words.number(n)}" for k, n in m["by_type"].items() if n
            ),
        )
        for m in case["by_month"]
    ]
    headers = ("Month", "Deviations", "Cases", "Of which")
    return _Table("Deviations by month they arose", headers, rows)


def _case_part(case: Data) -> _CasePart:
    return _CasePart(
        framework=_framework(case),
        headline=case_sentence(case),
        origins=_judged_origins(case),
        as_of=words.day(date.fromisoformat(case["as_of"])),
        source=_source(case["source"]),
        by_stage=_by_stage(case),
        by_touchpoint=_by_touchpoint(case),
        by_type=_by_type(case),
        by_month=_by_month(case),
    )


# --------------------------------------------------------------------------- process alignment
def _coverage(alignment: Data) -> _Table:
    names = (
        ("all", "All placements"),
        ("required", "Required (apply to everyone at that stage)"),
        ("conditional", "Conditional (depend on the person)"),
    )
    rows = []
    for key, name in names:
        c = alignment["coverage"][key]
        counts = (words.number(c[k]) for k in ("total", "covered", "missing", "misplaced"))
        rows.append((name, *counts, f"{c['percent']}%"))
    headers = ("Placements", "Total", "Covered", "Missing", "Misplaced", "Coverage")
    return _Table("Coverage of the touchpoint placements", headers, rows)


def _stage_name(stage: Data) -> str:
    return f"Stage {stage['order']}: {stage['label']} ({stage['stage_id']})"


def _stage_map(alignment: Data) -> _Table:
    rows = []
    for s in alignment["stages"]:
        statuses = [p["status"] for p in s["placements"]]
        rows.append(
            (
                _stage_name(s),
                ", ".join(s["local_stages"]) or "None",
                *(words.number(statuses.count(k)) for k in ("covered", "missing", "misplaced")),
                _STAGE_STATUS.get(s["status"], s["status"]),
            )
        )
    headers = ("Framework stage", "Local stages", "Covered", "Missing", "Misplaced", "Status")
    return _Table("Local stages mapped to each framework stage", headers, rows)


def _stage(stage: Data) -> _Stage:
    rows = [
        (
            f"{p['touchpoint_label']} ({p['touchpoint_id']})",
            _NEED.get(p["need"], p["need"]),
            _PLACEMENT_STATUS.get(p["status"], p["status"]),
            _origin(p.get("origin")),
            p["sentence"],
        )
        for p in stage["placements"]
    ]
    caption = f"Touchpoints placed at stage {stage['order']}, and whose placement each is"
    headers = ("Touchpoint", "Need", "Status", "Whose placement", "What was found")
    return _Stage(
        name=_stage_name(stage),
        local=", ".join(f"'{n}'" for n in stage["local_stages"]) or "none",
        placements=_Table(caption, headers, rows) if rows else None,
        extras=[e["sentence"] for e in stage["extras"]],
    )


def _alignment_part(alignment: Data) -> _AlignmentPart:
    process = alignment["process"]
    return _AlignmentPart(
        framework=_framework(alignment),
        headline=alignment_sentence(alignment),
        origins=_judged_origins(alignment),
        process=process["title"],
        organisation=process["organisation"] or "",
        source=process["source"],
        declared=process["declared_framework_version"] or "",
        coverage=_coverage(alignment),
        stage_map=_stage_map(alignment),
        stages=[_stage(s) for s in alignment["stages"]],
        outside=[o["sentence"] for o in alignment["outside_framework"]],
        notes=alignment["notes"],
    )


# --------------------------------------------------------------------------- checkpoint
def _checkpoint(checkpoint: Data | None) -> _Checkpoint | None:
    """The audit log's head when the report was made, as sealed in a checkpoint file."""
    if checkpoint is None:
        return None
    seq = int(checkpoint["seq"])
    return _Checkpoint(
        events=words.count(seq, "event"),
        newest=words.number(seq),
        head_hash=_grouped(str(checkpoint["head_hash"])),
        fingerprint=_grouped(str(checkpoint["key_fingerprint"])[:16], 4).upper(),
        file=str(checkpoint["file"]),
    )


def render_html(
    *,
    case_audit: Data | None,
    alignment: Data | None,
    organisation: str,
    generated_by: str,
    generated_at: datetime,
    checkpoint: Data | None = None,
) -> str:
    """The board report as a standalone HTML document (ValueError without either part)."""
    if case_audit is None and alignment is None:
        raise ValueError("A board report needs a case audit, a process alignment or both.")
    return documents.render_html(
        "board_report.html",
        title=TITLE,
        synthesis_statement=SYNTHESIS_STATEMENT,
        organisation=organisation,
        generated_on=_when(generated_at),
        generated_by=generated_by,
        case=_case_part(case_audit) if case_audit is not None else None,
        alignment=_alignment_part(alignment) if alignment is not None else None,
        frameworks_differ=(
            case_audit is not None
            and alignment is not None
            and case_audit["framework"] != alignment["framework"]
        ),
        checkpoint=_checkpoint(checkpoint),
    )


def board_report_pdf(
    *,
    case_audit: dict[str, Any] | None,
    alignment: dict[str, Any] | None,
    organisation: str,
    generated_by: str,
    generated_at: datetime,
    checkpoint: dict[str, Any] | None = None,
) -> bytes:
    """The board report as a tagged PDF/UA-1 (en-GB). ValueError without either part;
    RiskAppError if WeasyPrint or its system library Pango is missing."""
    html = render_html(
        case_audit=case_audit,
        alignment=alignment,
        organisation=organisation,
        generated_by=generated_by,
        generated_at=generated_at,
        checkpoint=checkpoint,
    )
    return print_pdf(html, alternative="The JSON and CSV reports do not need it.")
