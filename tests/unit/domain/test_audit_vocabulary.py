"""The audit log's one vocabulary of object types: the stored values never change (existing logs and
evidence packs stay valid), and every part of a record names one."""

from __future__ import annotations

from datetime import UTC, datetime

from risk_app.domain.audit import AuditAction, AuditEvent, AuditObject, chain
from risk_app.domain.disclosure import RecordPart
from risk_app.domain.errors import NotPermitted

STORED = {
    "person", "prompt_answer", "touchpoint_status", "risk_assessment", "risk", "action",
    "decision", "panel", "plan_validation", "review", "review_request", "safeguarding_concern",
    "meeting", "meeting_item", "agreement", "details", "risks", "actions", "reviews",
    "meeting_record", "capacity_assessment", "third_party", "sharing", "shared_items", "people",
    "caseload", "overdue_actions", "reviews_due", "agreements", "agreements_awaiting", "audit_log",
    "case_conformance", "process_alignment", "board_report", "framework_version", "user",
    "accounts", "team_accounts", "page", "unknown",
    # Slice F (issue 12): whole-record export
    "whole_record",
    # slice B (issue 12)
    "safeguarding_decisions_waiting", "safeguarding_enquiries_open", "safeguarding_concern_counts",
    # slice D (issue 12): checks recorded
    "check", "checks",
    # slice E (issue 12): oversight on the home pages
    "actions_due", "my_open_actions", "organisation_counts",
}  # fmt: skip
"""The values as logs already hold them. Add a value for a new kind of record; never change one."""
STORED |= {"panels_waiting"}  # slice C (panels as a lifecycle)
STORED |= {"safeguarding_concerns_open"}  # slice G3 (the lead acts on concerns)
STORED |= {"local_policy"}  # issue 13 (the council's own rules)
STORED |= {"meeting_attendee"}  # issue 14 (meeting undo: attendees added and withdrawn)
STORED |= {"circle_member", "circle"}  # issue 14 (the people around the person)


def test_the_object_types_are_the_values_already_stored():
    assert {o.value for o in AuditObject} == STORED


def test_every_part_of_a_record_names_an_object_type():
    for part in RecordPart:
        assert AuditObject(part).value == part.value


def test_an_event_stores_the_object_type_as_plain_text_and_hashes_as_before():
    at = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    typed = chain(
        AuditEvent(AuditAction.VIEW, "a", "b", AuditObject.PERSON, at=at), seq=1, prev_hash="0"
    )
    plain = chain(AuditEvent(AuditAction.VIEW, "a", "b", "person", at=at), seq=1, prev_hash="0")
    assert type(typed.object_type) is str
    assert typed == plain


def test_a_refusal_that_names_nothing_is_logged_as_unknown():
    assert NotPermitted().object_type is AuditObject.UNKNOWN
    assert NotPermitted(object_type=AuditObject.RISK, object_id=7).object_id == "7"
