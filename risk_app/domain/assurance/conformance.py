"""Case conformance: did each case's journey follow the framework? Pure, and derived from the graph.

:func:`audit_cases` judges every case and gathers the results in a report. The parts, in the
order the audit uses them:

- :mod:`~risk_app.domain.assurance.conformance_trace`: a case and its events;
- :mod:`~risk_app.domain.assurance.conformance_rules`: the rules, read off the framework graph;
- :mod:`~risk_app.domain.assurance.conformance_check`: judging one case, deviations in sentences;
- :mod:`~risk_app.domain.assurance.conformance_report`: the aggregates and their drill-down keys;
- :mod:`~risk_app.domain.assurance.conformance_output`: the report as JSON, CSV and text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from risk_app.domain.assurance.conformance_check import CaseResult, check_case
from risk_app.domain.assurance.conformance_report import ConformanceReport
from risk_app.domain.assurance.conformance_rules import ConformanceRules
from risk_app.domain.assurance.conformance_trace import CaseTrace, latest_date
from risk_app.domain.errors import InvalidInput

MAX_DEVIATIONS = 2_500_000
"""Deviations one audit holds (each with its sentence, about 450 bytes): past this the audit
stops with a message rather than run out of memory. Five for each of 500,000 cases."""


class AuditTooLarge(InvalidInput):
    """The audit would find more than it can hold; nothing is reported."""


def audit_cases(
    rules: ConformanceRules, traces: Iterable[CaseTrace], *, as_of: date | None = None
) -> ConformanceReport:
    """Judge every case. ``as_of`` (default: the latest event's date) is when reviews are judged
    overdue. Raises :class:`AuditTooLarge` past ``MAX_DEVIATIONS``."""
    traces = traces if isinstance(traces, Sequence) else list(traces)
    when = as_of or latest_date(traces) or date.today()
    results: list[CaseResult] = []
    found = 0
    for trace in traces:
        result = check_case(rules, trace, when)
        if result.deviations:
            found += len(result.deviations)
            if found > MAX_DEVIATIONS:
                raise AuditTooLarge(
                    f"The audit found more than {MAX_DEVIATIONS:,} deviations by case "
                    f"{len(results) + 1:,} of {len(traces):,}, more than one audit can report. "
                    "Split the log (by team or by period) and audit each part. "
                    "Nothing was audited."
                )
        results.append(result)
    return ConformanceReport(rules, results, when)
