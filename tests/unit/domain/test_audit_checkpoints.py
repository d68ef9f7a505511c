"""Audit-head checkpoints: sealed, refused when altered or sealed by another key, and judging a
log that lost its newest events or was rebuilt."""

from __future__ import annotations

import json

import pytest

from risk_app.domain.audit import GENESIS_HASH, AuditAction, AuditEvent, chain, verify_chain
from risk_app.domain.checkpoints import (
    Agreement,
    CheckpointUnusable,
    checkpoint_json,
    compare,
    make_checkpoint,
    read_checkpoint,
)
from risk_app.domain.sealing import SealKey

KEY = SealKey.generate()
AT = "2026-12-01T09:00:00.000000Z"


def _log(n: int, actor: str = "practitioner"):
    events, prev = [], GENESIS_HASH
    for seq in range(1, n + 1):
        event = chain(
            AuditEvent(AuditAction.VIEW, actor, "practitioner", "person", str(seq)),
            seq=seq,
            prev_hash=prev,
        )
        events.append(event)
        prev = event.hash
    return events


def _file(seq: int, head: str, key: SealKey = KEY) -> str:
    return checkpoint_json(make_checkpoint(seq, head, AT, key))


def test_a_checkpoint_reads_back_with_its_event_and_hash():
    log = _log(5)
    checkpoint = read_checkpoint(_file(5, log[-1].hash), expected_key=KEY.public_key)
    assert (checkpoint.seq, checkpoint.head_hash, checkpoint.made_at) == (5, log[-1].hash, AT)
    assert checkpoint.key_fingerprint == KEY.fingerprint


@pytest.mark.parametrize(
    ("field", "value"),
    [("seq", 4), ("head_hash", "0" * 64), ("made_at", "2027-01-01T00:00:00.000000Z")],
)
def test_an_edited_checkpoint_is_refused_because_its_seal_no_longer_holds(field, value):
    data = json.loads(_file(5, _log(5)[-1].hash))
    data[field] = value
    with pytest.raises(CheckpointUnusable, match="seal does not hold"):
        read_checkpoint(json.dumps(data), expected_key=KEY.public_key)


def test_a_checkpoint_sealed_by_another_key_is_refused_naming_both_keys():
    other = SealKey.generate()
    with pytest.raises(CheckpointUnusable, match="not by the organisation's key"):
        read_checkpoint(_file(5, "a" * 64, other), expected_key=KEY.public_key)


@pytest.mark.parametrize(
    "text",
    ["not json", "[]", '{"format": "x"}', '{"format": "risk-app audit checkpoint", "seq": 1}'],
)
def test_a_file_that_is_not_a_checkpoint_is_refused(text):
    with pytest.raises(CheckpointUnusable):
        read_checkpoint(text, expected_key=KEY.public_key)


def test_an_extra_field_in_a_checkpoint_is_refused():
    data = json.loads(_file(5, "a" * 64))
    data["note"] = "x"
    with pytest.raises(CheckpointUnusable, match="fields"):
        read_checkpoint(json.dumps(data), expected_key=KEY.public_key)


def test_a_log_that_grew_since_the_checkpoint_matches_it():
    log = _log(8)
    checkpoint = read_checkpoint(_file(5, log[4].hash), expected_key=KEY.public_key)
    check = compare(checkpoint, verify_chain(log), log[4].hash)
    assert check.outcome is Agreement.MATCHES and "grown to event 8" in check.message


def test_a_log_whose_newest_events_were_deleted_is_a_deleted_tail():
    log = _log(8)
    checkpoint = read_checkpoint(_file(8, log[-1].hash), expected_key=KEY.public_key)
    cut = log[:6]
    check = compare(checkpoint, verify_chain(cut), None)
    assert verify_chain(cut).ok  # the chain alone cannot see it
    assert check.outcome is Agreement.TAIL_DELETED
    assert "ends at event 6" in check.message and "Events 7 to 8" in check.message


def test_a_rebuilt_chain_that_holds_together_is_found_at_the_checkpoints_event():
    log = _log(8)
    checkpoint = read_checkpoint(_file(6, log[5].hash), expected_key=KEY.public_key)
    rebuilt = _log(9, actor="mallory")
    assert verify_chain(rebuilt).ok
    check = compare(checkpoint, verify_chain(rebuilt), rebuilt[5].hash)
    assert check.outcome is Agreement.REBUILT and "event 6 now has hash" in check.message


def test_a_broken_chain_is_reported_as_broken_before_any_checkpoint_comparison():
    log = _log(5)
    checkpoint = read_checkpoint(_file(5, log[-1].hash), expected_key=KEY.public_key)
    broken = [*log[:2], *log[3:]]
    check = compare(checkpoint, verify_chain(broken), log[-1].hash)
    assert check.outcome is Agreement.CHAIN_BROKEN and "TAMPERED" in check.message


def test_a_checkpoint_of_an_empty_log_matches_any_intact_log():
    checkpoint = read_checkpoint(_file(0, GENESIS_HASH), expected_key=KEY.public_key)
    assert compare(checkpoint, verify_chain([]), None).outcome is Agreement.MATCHES
