from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from risk_app.domain.audit import (
    GENESIS_HASH,
    AuditAction,
    AuditEvent,
    ChainedEvent,
    chain,
    verify_chain,
)

T0 = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def build(n: int) -> list[ChainedEvent]:
    events: list[ChainedEvent] = []
    prev = GENESIS_HASH
    for i in range(1, n + 1):
        event = AuditEvent(
            action=AuditAction.VIEW,
            actor="practitioner",
            actor_role="practitioner",
            object_type="person",
            object_id=str(i % 3),
            object_version=i,
            detail={"n": i},
            at=T0 + timedelta(seconds=i),
        )
        chained = chain(event, seq=i, prev_hash=prev)
        events.append(chained)
        prev = chained.hash
    return events


def test_an_untouched_chain_verifies_and_reports_its_head():
    events = build(10)
    report = verify_chain(events)
    assert report.ok
    assert report.checked == 10
    assert report.head_hash == events[-1].hash


def test_an_empty_log_verifies():
    assert verify_chain([]).ok


def test_a_changed_event_is_detected_at_its_position():
    events = build(10)
    events[4] = replace(events[4], actor="someone-else")
    report = verify_chain(events)
    assert not report.ok
    assert report.first_bad_seq == 5
    assert "changed" in (report.problem or "")


def test_a_changed_detail_is_detected_even_if_its_own_hash_is_recomputed():
    events = build(10)
    forged = chain(
        AuditEvent(AuditAction.VIEW, "x", "x", "person", at=T0), seq=5, prev_hash=events[3].hash
    )
    events[4] = forged
    report = verify_chain(events)
    assert report.first_bad_seq == 6  # the next event no longer links to the forged one


def test_a_deleted_event_is_detected_at_the_gap():
    events = build(10)
    del events[6]
    report = verify_chain(events)
    assert report.first_bad_seq == 7
    assert "missing" in (report.problem or "")


def test_deleting_the_first_event_is_detected():
    report = verify_chain(build(5)[1:])
    assert report.first_bad_seq == 1


def test_reordered_events_are_detected_at_the_first_moved_position():
    events = build(10)
    a, b = events[2], events[7]
    # Swap the contents but keep the sequence numbers in place, as an UPDATE of two rows would.
    events[2] = replace(b, seq=3)
    events[7] = replace(a, seq=8)
    report = verify_chain(events)
    assert report.first_bad_seq == 3


def test_rows_returned_out_of_order_are_detected():
    events = build(6)
    events[1], events[2] = events[2], events[1]
    report = verify_chain(events)
    assert report.first_bad_seq == 2


def test_naive_timestamps_are_refused():
    import pytest

    with pytest.raises(ValueError):
        chain(
            AuditEvent(AuditAction.VIEW, "a", "b", "c", at=datetime(2026, 1, 1)),
            seq=1,
            prev_hash=GENESIS_HASH,
        )
