"""The case audit knows whose placement each expected touchpoint is (issue 13, law review row
12): the framework's own text, our synthesis or local policy. Its JSON, text and CSV say so, and
it can expect the placements of one origin only."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from framework import Origin, load_framework
from risk_app.domain.assurance.conformance import audit_cases
from risk_app.domain.assurance.conformance_output import (
    DEVIATION_CSV_COLUMNS,
    report_csv_rows,
    report_json,
    report_text,
)
from risk_app.domain.assurance.conformance_rules import derive_rules
from risk_app.domain.assurance.conformance_trace import CaseEvent, CaseTrace, EventState

GRAPH = load_framework()
AS_OF = date(2027, 1, 1)


def ev(day: str, item: str) -> CaseEvent:
    return CaseEvent(datetime.fromisoformat(day).replace(tzinfo=UTC), item, None, EventState.DONE)


# A case that reaches stage 1 and does nothing there: every stage-1 touchpoint is missing.
SILENT = CaseTrace("case-1", [ev("2026-01-05", "ST0"), ev("2026-01-12", "ST1")])


def test_every_expected_touchpoint_in_the_bundled_framework_is_placed_by_our_synthesis() -> None:
    rules = derive_rules(GRAPH)
    assert rules.placement_origins
    assert set(rules.placement_origins.values()) == {"synthesis"}


def test_the_json_report_labels_each_touchpoint_and_says_synthesis_is_ours() -> None:
    rules = derive_rules(GRAPH)
    data = report_json(audit_cases(rules, [SILENT], as_of=AS_OF), rules, None, drill_down=False)
    assert {t["origin"] for t in data["by_touchpoint"]} == {"synthesis"}
    assert "Placements marked as our synthesis are ours" in data["provenance"]
    assert "They are not the framework's own text." in data["provenance"]
    assert data["rules"]["origin_filter"] is None


def test_the_text_report_names_whose_placement_each_touchpoint_is() -> None:
    rules = derive_rules(GRAPH)
    text = "\n".join(report_text(audit_cases(rules, [SILENT], as_of=AS_OF), rules))
    assert "Placements marked as our synthesis are ours" in text
    assert "placement: our synthesis, not the framework's text" in text
    assert "the framework says" not in text


def test_each_deviation_row_of_the_csv_names_whose_placement_was_missed() -> None:
    rules = derive_rules(GRAPH)
    header, *rows = list(report_csv_rows(audit_cases(rules, [SILENT], as_of=AS_OF), rules))
    assert header == list(DEVIATION_CSV_COLUMNS) and header[-1] == "placement_origin"
    missing = [r for r in rows if r[0] and r[6]]  # rows naming a touchpoint
    assert missing and {r[-1] for r in missing} == {"synthesis"}


def test_expecting_only_the_framework_s_own_text_expects_no_touchpoint_at_any_stage() -> None:
    rules = derive_rules(GRAPH, Origin.FRAMEWORK_TEXT)
    assert all(not expected for expected in rules.expected.values())
    assert not rules.triggers
    report = audit_cases(rules, [SILENT], as_of=AS_OF)
    assert report.deviation_count == 0
    data = report_json(report, rules, None, drill_down=False)
    assert (
        "Only placements that are the framework's own text were expected." in (data["provenance"])
    )


def test_expecting_only_our_synthesis_expects_the_same_as_expecting_everything() -> None:
    assert derive_rules(GRAPH, "synthesis").expected == derive_rules(GRAPH).expected


def test_an_origin_that_does_not_exist_is_refused() -> None:
    with pytest.raises(ValueError):
        derive_rules(GRAPH, "what the framework says")
