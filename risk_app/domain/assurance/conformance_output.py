"""A case conformance report as JSON data, CSV rows and plain text (shape: docs/case-audit.md)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import IO, Any

from framework import Origin
from framework.schema import SYNTHESIS_CAVEAT
from risk_app.domain import words
from risk_app.domain.assurance.conformance_check import (
    CaseResult,
    Deviation,
    DeviationType,
)
from risk_app.domain.assurance.conformance_report import ConformanceReport, DrillKey, DrillOutcome
from risk_app.domain.assurance.conformance_rules import ConformanceRules
from risk_app.domain.assurance.event_log import SKIP_CODES, ImportReport
from risk_app.domain.text import spreadsheet_safe

CASE_REPORT_FORMAT_VERSION = 1
"""The JSON report's ``format_version``: bumped whenever its shape changes incompatibly."""
JsonDict = dict[str, Any]
DEVIATION_CSV_COLUMNS = (
    "framework_version",
    "as_of",
    "case_id",
    "type",
    "stage",
    "stage_label",
    "touchpoint",
    "touchpoint_label",
    "date",
    "related_date",
    "due",
    "message",
    "placement_origin",
)
TEXT_SKIPPED_SHOWN = 20

PLACEMENT_ORIGIN_WORDS = {origin.value: origin.described for origin in Origin}
SYNTHESIS_SENTENCE = (
    "Which touchpoint is expected at which stage is read off the framework graph. "
    + SYNTHESIS_CAVEAT
)
"""Said in every rendering of the case audit."""


def placement_origin_words(rules: ConformanceRules, touchpoint: str | None) -> str:
    """Whose placement a touchpoint is, in words ("" for no touchpoint)."""
    if touchpoint is None or touchpoint not in rules.placement_origins:
        return ""
    origin = rules.placement_origins[touchpoint]
    return PLACEMENT_ORIGIN_WORDS.get(origin, origin)


def provenance_sentence(rules: ConformanceRules) -> str:
    """Whose placements the audit expected, and the plain statement that synthesis is ours."""
    counts: dict[str, int] = {}
    for origin in rules.placement_origins.values():
        counts[origin] = counts.get(origin, 0) + 1
    parts = [
        f"{n} {words.noun(n, 'touchpoint')} placed as {PLACEMENT_ORIGIN_WORDS.get(o, o)}"
        for o, n in sorted(counts.items())
    ]
    chosen = (
        f" Only placements that are {PLACEMENT_ORIGIN_WORDS.get(rules.origin_filter)} were "
        "expected."
        if rules.origin_filter
        else ""
    )
    listed = "; ".join(parts) or "no touchpoint placed"
    return f"Whose placements: {listed}.{chosen} {SYNTHESIS_SENTENCE}"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _label(rules: ConformanceRules, item: str | None) -> str | None:
    return rules.label(item) if item is not None else None


def deviation_json(rules: ConformanceRules, deviation: Deviation) -> JsonDict:
    return {
        "type": deviation.type.value,
        "type_label": deviation.type.label,
        "stage": deviation.stage,
        "stage_label": _label(rules, deviation.stage),
        "touchpoint": deviation.touchpoint,
        "touchpoint_label": _label(rules, deviation.touchpoint),
        "date": deviation.when.isoformat(),
        "related_date": _iso(deviation.related_date),
        "due": _iso(deviation.due),
        "prompt": deviation.prompt,
        "record": deviation.record,
        "requires": deviation.requires,
        "local_policy": deviation.local_policy,
        "message": deviation.message,
    }


def case_json(rules: ConformanceRules, case: CaseResult) -> JsonDict:
    return {
        "case_id": case.case_id,
        "conforming": case.conforming,
        "budget_option": case.budget_option,
        "jurisdiction": case.jurisdiction,
        "stages_reached": [
            {"stage": stage, "first_reached": at.date().isoformat()} for stage, at in case.reached
        ],
        "deviations": [deviation_json(rules, d) for d in case.deviations],
    }


def source_json(source: ImportReport) -> JsonDict:
    return {
        "name": source.source,
        "format": source.format,
        "encoding": source.encoding,
        "rows": source.rows,
        "events": source.events,
        "cases": source.cases,
        "ignored": source.ignored,
        "skipped_count": len(source.skipped),
        "skipped_by_reason": source.skipped_by_code(),
        "skipped": [
            {"line": row.line, "code": row.code, "reason": row.reason} for row in source.skipped
        ],
        "warnings": list(source.warnings),
    }


class _Listing(list):  # type: ignore[type-arg]
    """A list for ``json.dump`` whose items are made one at a time as they are written, so
    that a report on hundreds of thousands of cases is never held twice (as objects and as
    JSON-ready dicts). Only ``len``, truth and iteration work; it is never kept."""

    def __init__(self, count: int, items: Callable[[], Iterable[Any]]) -> None:
        super().__init__()
        self._count = count
        self._items = items

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __iter__(self) -> Iterator[Any]:
        return iter(self._items())


def report_json(
    report: ConformanceReport,
    rules: ConformanceRules,
    source: ImportReport | None = None,
    *,
    drill_down: bool = True,
) -> JsonDict:
    """The whole report as JSON-ready data. Cases listed are those with deviations; every case
    is behind a drill-down key (``cases:conforming`` for the rest)."""
    return _report_data(report, rules, source, drill_down=drill_down, streamed=False)


def write_report_json(
    out: IO[str],
    report: ConformanceReport,
    rules: ConformanceRules,
    source: ImportReport | None = None,
    *,
    drill_down: bool = True,
) -> None:
    """Write ``json.dumps(report_json(...), indent=2)`` and a newline to ``out``, the same text,
    making each case's JSON only as it is written (memory stays that of the report)."""
    data = _report_data(report, rules, source, drill_down=drill_down, streamed=True)
    json.dump(data, out, indent=2)
    out.write("\n")


def _report_data(
    report: ConformanceReport,
    rules: ConformanceRules,
    source: ImportReport | None,
    *,
    drill_down: bool,
    streamed: bool,
) -> JsonDict:
    overall = report.overall
    data: JsonDict = {
        "report": "case_conformance",
        "format_version": CASE_REPORT_FORMAT_VERSION,
        "framework": {"version": report.framework_version, "title": report.framework_title},
        "as_of": report.as_of.isoformat(),
        "source": source_json(source) if source is not None else None,
        "rules": rules.describe(),
        "provenance": provenance_sentence(rules),
        "summary": {
            "key": str(overall.key),
            "cases": overall.cases,
            "conforming": overall.conforming,
            "with_deviations": overall.deviating,
            "deviations": report.deviation_count,
            "conformance_rate": overall.rate,
            "cases_without_jurisdiction": report.unknown_jurisdiction,
            "jurisdiction_caveat": report.jurisdiction_caveat,
        },
        "by_type": [
            {
                "key": str(t.key),
                "type": t.type.value,
                "label": t.type.label,
                "deviations": t.deviations,
                "cases": t.cases,
            }
            for t in report.by_type()
        ],
        "by_stage": [
            {
                "key": str(s.reached.key),
                "stage": s.stage,
                "label": s.label,
                "reached": s.reached.cases,
                "conforming": s.reached.conforming,
                "deviating": s.reached.deviating,
                "conformance_rate": s.reached.rate,
            }
            for s in report.by_stage()
        ],
        "by_touchpoint": [
            {
                "key": str(t.judged.key),
                "touchpoint": t.touchpoint,
                "label": t.label,
                "judged": t.judged.cases,
                "conforming": t.judged.conforming,
                "missing": t.missing,
                "out_of_order": t.out_of_order,
                "conformance_rate": t.judged.rate,
                "origin": rules.placement_origins.get(t.touchpoint),
            }
            for t in report.by_touchpoint()
        ],
        "by_month": [
            {
                "key": str(m.key),
                "month": m.month,
                "deviations": m.deviations,
                "cases": m.cases,
                "by_type": dict(m.by_type),
            }
            for m in report.by_month()
        ],
    }
    if streamed:
        deviating = report.case_count(DrillKey.cases(DrillOutcome.DEVIATING))
        data["cases"] = _Listing(
            deviating,
            lambda: (case_json(rules, case) for case in report.cases if not case.conforming),
        )
    else:
        data["cases"] = [case_json(rules, case) for case in report.cases if not case.conforming]
    if drill_down:
        data["drill_down"] = {
            str(key): _case_ids(report, key) if streamed else list(report.case_ids(key))
            for key in report.drill_down_keys()
        }
    return data


def _case_ids(report: ConformanceReport, key: DrillKey) -> _Listing:
    return _Listing(report.case_count(key), lambda: report.iter_case_ids(key))


def report_csv_rows(report: ConformanceReport, rules: ConformanceRules) -> Iterator[list[str]]:
    """A header, then one row per deviation."""
    yield list(DEVIATION_CSV_COLUMNS)
    for case in report.cases:
        for d in case.deviations:
            yield [
                spreadsheet_safe(x)
                for x in (
                    report.framework_version,
                    report.as_of.isoformat(),
                    d.case_id,
                    d.type.value,
                    d.stage,
                    _label(rules, d.stage),
                    d.touchpoint,
                    _label(rules, d.touchpoint),
                    d.when.isoformat(),
                    _iso(d.related_date),
                    _iso(d.due),
                    d.message,
                    rules.placement_origins.get(d.touchpoint or "", ""),
                )
            ]


def _count(n: int, what: str) -> str:
    """``1 case``, ``2 cases``."""
    return f"{n} {words.noun(n, what)}"


def percent(part: int, whole: int) -> str:
    """A whole percentage, rounded down so that one deviating case never shows as 100%; ``-``
    when there is nothing to count."""
    return "-" if not whole else f"{(100 * part) // whole}%"


def source_lines(source: ImportReport) -> Iterator[str]:
    if source.format == "app":
        people = "1 person" if source.cases == 1 else f"{source.cases} people"
        yield f"Source: journeys recorded in the app ({people}, {_count(source.events, 'event')})."
    else:
        yield (
            f"Source: {source.source} ({source.format.upper()}, {source.encoding}): "
            f"{_count(source.rows, 'row')}, {_count(source.events, 'event')} for "
            f"{_count(source.cases, 'case')}; {source.ignored} ignored by the mapping; "
            f"{len(source.skipped)} skipped."
        )
    for warning in source.warnings:
        yield f"  Warning: {warning}"
    for code, count in source.skipped_by_code().items():
        yield f"  Skipped {count}: {SKIP_CODES.get(code, code)}"
    for row in source.skipped[:TEXT_SKIPPED_SHOWN]:
        yield f"    line {row.line}: {row.reason}"
    if len(source.skipped) > TEXT_SKIPPED_SHOWN:
        more = len(source.skipped) - TEXT_SKIPPED_SHOWN
        yield f"    ... and {more} more (the JSON report lists them all)"


def _judged_lines(report: ConformanceReport) -> Iterator[str]:
    """When the cases were judged, and the caveat for cases with no jurisdiction recorded."""
    yield f"Judged as of {words.day(report.as_of)}."
    if report.jurisdiction_caveat:
        yield report.jurisdiction_caveat


def report_text(
    report: ConformanceReport, rules: ConformanceRules, source: ImportReport | None = None
) -> Iterator[str]:
    """The report for reading: framework version, source, aggregates, then each case's findings."""
    yield f"Case conformance against {report.framework_title}, version {report.framework_version}."
    yield provenance_sentence(rules)
    if source is not None:
        yield from source_lines(source)
    overall = report.overall
    yield from _judged_lines(report)
    yield (
        f"{_count(overall.cases, 'case')}: {overall.conforming} conforming, {overall.deviating} "
        f"with {_count(report.deviation_count, 'deviation')} "
        f"(conformance {percent(overall.conforming, overall.cases)})."
    )
    yield ""
    yield "Deviations by type:"
    for t in report.by_type():
        if t.deviations:
            yield f"  {t.type.label}: {t.deviations} in {_count(t.cases, 'case')}"
    yield "By stage (cases reached, conforming at that stage):"
    for s in report.by_stage():
        if s.reached.cases:
            yield (
                f"  {s.stage} {s.label}: {s.reached.cases} reached, "
                f"{s.reached.conforming} conforming ({percent(s.reached.conforming, s.reached.cases)})"
            )
    yield "By touchpoint (cases expected or done, done in order):"
    for tp in report.by_touchpoint():
        if tp.judged.cases:
            yield (
                f"  {tp.touchpoint} {tp.label}: {tp.judged.conforming} of {tp.judged.cases} "
                f"({percent(tp.judged.conforming, tp.judged.cases)}); {tp.missing} missing, {tp.out_of_order} out of order"
                f"; placement: {placement_origin_words(rules, tp.touchpoint)}"
            )
    yield "By month (deviations by the date they arose):"
    for m in report.by_month():
        kinds = ", ".join(f"{DeviationType(k).label.lower()} {n}" for k, n in m.by_type.items())
        yield f"  {m.month}: {m.deviations} in {_count(m.cases, 'case')} ({kinds})"
    for case in report.cases:
        if case.deviations:
            yield ""
            yield f"Case {case.case_id}:"
            for d in case.deviations:
                yield f"  - {d.message}"
