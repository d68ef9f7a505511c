"""A touchpoint's status belongs to a stage visit, and a record that evidences it wins."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from framework import load_framework
from risk_app.domain.record.evidence import RecordKind, RecordMade
from risk_app.domain.record.people import TouchpointState
from risk_app.domain.record.stage_visits import (
    ManualStatus,
    PersonRecord,
    Visit,
    stage_statuses,
    visit_at,
)

GRAPH = load_framework()
DAY = timedelta(days=1)
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
NA = TouchpointState.NOT_APPLICABLE
DONE = TouchpointState.DONE
OUT = TouchpointState.OUTSTANDING


def walk(*stages: str) -> tuple[Visit, ...]:
    """One visit a day, visit ids 1, 2, 3..."""
    return tuple(Visit(i + 1, stage, T0 + i * DAY) for i, stage in enumerate(stages))


def status(record: PersonRecord, stage: str, touchpoint: str):
    return stage_statuses(GRAPH, stage, [touchpoint], record)[touchpoint]


def test_not_applicable_at_stage_3_says_nothing_about_stage_5():
    visits = walk("ST0", "ST1", "ST2", "ST3", "ST4", "ST5")
    na = ManualStatus(4, "TP11", NA, "No abuse suspected", T0 + 3 * DAY, "sam")
    record = PersonRecord(visits=visits, manual=(na,))
    assert status(record, "ST3", "TP11").state is NA
    at_5 = status(record, "ST5", "TP11")
    assert at_5.state is OUT and at_5.manual is None and at_5.reached


def test_a_stage_not_reached_shows_not_reached_and_nothing_recorded_counts():
    visits = walk("ST0", "ST1")
    concern = RecordMade(RecordKind.SAFEGUARDING_CONCERN, 1, T0 + DAY, "sam")
    at_7 = status(PersonRecord(visits=visits, records=(concern,)), "ST7", "TP11")
    assert not at_7.reached and at_7.evidence is None


def test_re_entering_a_stage_starts_a_new_visit_with_nothing_carried_over():
    visits = walk("ST3", "ST4", "ST3")
    na = ManualStatus(1, "TP08", NA, "No risky choice", T0 + DAY / 2, "sam")
    decision = RecordMade(RecordKind.SUPPORTED_DECISION, 12, T0 + DAY / 2, "sam")
    record = PersonRecord(visits=visits, manual=(na,), records=(decision,))
    again = status(record, "ST3", "TP08")
    assert again.state is OUT and again.manual is None and again.evidence is None


def test_the_newest_manual_status_in_a_visit_counts_and_earlier_ones_are_kept_aside():
    visits = walk("ST3")
    first = ManualStatus(1, "TP07", NA, "Not yet", T0 + DAY, "sam", row_id=1)
    later = ManualStatus(1, "TP07", DONE, "Plan covers it", T0 + 2 * DAY, "kim", row_id=2)
    found = status(PersonRecord(visits=visits, manual=(later, first)), "ST3", "TP07")
    assert found.state is DONE and found.manual == later


def test_decision_validation_and_panel_make_tp08_tp09_tp10_done():
    visits = walk("ST3", "ST4")
    records = (
        RecordMade(RecordKind.SUPPORTED_DECISION, 12, T0 + DAY / 2, "sam"),
        RecordMade(RecordKind.PLAN_VALIDATION, 3, T0 + DAY + DAY / 2, "kim"),
        RecordMade(RecordKind.PANEL_REFERRAL, 5, T0 + DAY + DAY / 2, "kim"),
    )
    record = PersonRecord(visits=visits, records=records)
    tp08 = status(record, "ST3", "TP08")
    assert tp08.state is DONE and tp08.evidence == records[0]
    assert records[0].where == "Decisions and panels tab, decision #12"
    at_4 = stage_statuses(GRAPH, "ST4", ["TP09", "TP10"], record)
    assert at_4["TP09"].evidence == records[1] and at_4["TP10"].evidence == records[2]


def test_a_record_made_before_a_stage_was_reached_counts_for_its_first_visit_only():
    visits = walk("ST1", "ST3", "ST4", "ST3")
    decision = RecordMade(RecordKind.SUPPORTED_DECISION, 1, T0 + DAY / 2, "sam")
    assert visit_at(visits, "ST3", decision.at) == visits[1]
    assert status(PersonRecord(visits=visits, records=(decision,)), "ST3", "TP08").state is OUT
    first_only = PersonRecord(visits=visits[:3], records=(decision,))
    assert status(first_only, "ST3", "TP08").state is DONE


def test_a_concern_ends_a_not_applicable_on_tp11_and_names_the_conflict():
    visits = walk("ST0", "ST1", "ST2", "ST3")
    na = ManualStatus(4, "TP11", NA, "No abuse or neglect suspected", T0 + 3 * DAY, "yan")
    concern = RecordMade(RecordKind.SAFEGUARDING_CONCERN, 7, T0 + 5 * DAY, "sam")
    found = status(PersonRecord(visits=visits, manual=(na,), records=(concern,)), "ST3", "TP11")
    assert found.state is DONE and found.evidence == concern and found.manual == na
    assert found.conflict == (
        "A safeguarding concern was raised on 6 December 2026 by sam; this replaces "
        "'not applicable' set by yan on 4 December 2026: No abuse or neglect suspected"
    )


def test_a_record_also_wins_over_outstanding_and_agrees_with_done_without_a_conflict():
    visits = walk("ST3")
    decision = RecordMade(RecordKind.SUPPORTED_DECISION, 1, T0 + DAY, "sam")
    for state, conflict in [(OUT, True), (DONE, False)]:
        by_hand = ManualStatus(1, "TP08", state, "", T0 + 2 * DAY, "yan")
        found = status(PersonRecord(visits, (by_hand,), (decision,)), "ST3", "TP08")
        assert found.state is DONE and bool(found.conflict) is conflict


def test_a_record_of_a_kind_that_does_not_evidence_the_touchpoint_changes_nothing():
    visits = walk("ST3")
    review = RecordMade(RecordKind.REVIEW_HELD, 1, T0 + DAY, "sam")
    assert status(PersonRecord(visits=visits, records=(review,)), "ST3", "TP08").state is OUT


def test_a_concern_raised_at_stage_5_is_stage_5s_tp11_and_says_nothing_of_3_or_6():
    visits = walk("ST3", "ST4", "ST5", "ST6")
    concern = RecordMade(RecordKind.SAFEGUARDING_CONCERN, 9, T0 + 2 * DAY + DAY / 2, "sam")
    record = PersonRecord(visits=visits, records=(concern,))
    assert status(record, "ST5", "TP11").evidence == concern
    assert status(record, "ST3", "TP11").state is OUT
    assert status(record, "ST6", "TP11").state is OUT


def test_a_decision_recorded_after_leaving_stage_3_still_evidences_its_tp08():
    visits = walk("ST3", "ST4")
    late = RecordMade(RecordKind.SUPPORTED_DECISION, 4, T0 + DAY + DAY / 2, "sam")
    assert status(PersonRecord(visits=visits, records=(late,)), "ST3", "TP08").evidence == late
