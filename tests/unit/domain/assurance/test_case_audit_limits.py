"""The case audit's own bounds: deviations capped with a message; the JSON report streamed."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from framework import load_framework
from risk_app.adapters.event_logs import read_event_log, read_mapping
from risk_app.domain.assurance import conformance
from risk_app.domain.assurance import conformance_output as output
from risk_app.domain.assurance.conformance import AuditTooLarge, audit_cases
from risk_app.domain.assurance.conformance_rules import derive_rules
from risk_app.domain.assurance.conformance_trace import CaseTrace
from risk_app.domain.errors import InvalidInput

RULES = derive_rules(load_framework())
EXAMPLES = Path(__file__).resolve().parents[4] / "docs" / "examples"


def one_event_cases(count: int) -> list[CaseTrace]:
    at = datetime(2026, 1, 5, tzinfo=UTC)
    return [CaseTrace(f"c{i}", [(at, "ST1", None, 0)]) for i in range(count)]


def test_an_audit_past_the_deviation_cap_stops_with_a_message(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(conformance, "MAX_DEVIATIONS", 10)
    with pytest.raises(AuditTooLarge) as caught:
        audit_cases(RULES, one_event_cases(5))
    assert str(caught.value).startswith("The audit found more than 10 deviations by case 3 of 5")
    assert isinstance(caught.value, InvalidInput)
    assert len(audit_cases(RULES, one_event_cases(2)).deviations) == 8  # 2 x 4: within the cap


@pytest.mark.parametrize("drill_down", [True, False])
def test_the_streamed_json_report_is_the_same_text_as_the_whole_one(drill_down: bool):
    log = read_event_log(
        EXAMPLES / "events.csv", RULES, read_mapping(EXAMPLES / "mapping.csv", RULES)
    )
    report = audit_cases(RULES, [*log.traces, *one_event_cases(3)])
    streamed = io.StringIO()
    output.write_report_json(streamed, report, RULES, log.report, drill_down=drill_down)
    whole = output.report_json(report, RULES, log.report, drill_down=drill_down)
    assert streamed.getvalue() == json.dumps(whole, indent=2) + "\n"
    assert json.loads(streamed.getvalue())["summary"]["cases"] == report.overall.cases
