"""Tampering with a fully signed, sealed pack in every way we can list: every one is caught.

Exhaustive where cheap (every field value, every dropped or swapped audit event, an unknown key in
every object, re-sealing with another key); property-based for single-byte edits of the file (the
exhaustive byte sweep is `bench/evidence_tamper.py`, a few minutes).
"""

from __future__ import annotations

from functools import cache

import pytest
from agreement_samples import pack
from hypothesis import given, settings
from hypothesis import strategies as st
from tamper_families import (
    Tally,
    every_dropped_audit_event,
    every_field_value,
    every_reordered_audit_event,
    every_unknown_key,
    judge,
    resealed_with_another_key,
)

from risk_app.domain.agreements.evidence import DIGESTS_FIELD, pack_json
from risk_app.domain.agreements.evidence_verify import Verdict, verify_pack
from risk_app.domain.sealing import SealKey

KEY = SealKey.generate()
MALLORY = SealKey.generate()


@cache
def signed() -> tuple[dict, bytes]:
    good = pack(KEY)
    return good, pack_json(good).encode("utf-8")


def _located(found: tuple[str, ...], changed: str) -> bool:
    """Reported at the changed field or inside it (an added item is named by its own path)."""
    return bool(found) and (found[0] == changed or found[0].startswith(f"{changed}/"))


def test_the_untouched_pack_verifies_so_that_every_catch_below_means_something():
    assert verify_pack(signed()[1], pinned_key=KEY.public_key).verdict is Verdict.VERIFIED


def test_every_field_value_changed_on_its_own_is_caught_and_named_by_its_path():
    good, original = signed()
    tally, unlocated = Tally(), []
    for case in every_field_value(good):
        verdict = judge(original, case, KEY.public_key, tally)
        name, raw, path = case
        if verdict is Verdict.UNUSABLE:  # the format name or version itself
            assert path in ("/format", "/format_version"), name
            continue
        if path.startswith(f"/{DIGESTS_FIELD}/"):
            continue  # a changed digest points at the field it describes
        found = verify_pack(raw, pinned_key=KEY.public_key).altered_at
        if not _located(found, path):
            unlocated.append((name, found[:1]))
    assert tally.missed == [] and tally.detected == tally.tried > 400
    assert unlocated == []


def test_every_dropped_audit_event_is_caught_where_the_events_differ():
    good, original = signed()
    tally = Tally()
    for case in every_dropped_audit_event(good):
        assert judge(original, case, KEY.public_key, tally) is Verdict.ALTERED
        assert _located(verify_pack(case[1], pinned_key=KEY.public_key).altered_at, case[2])
    assert tally.detected == tally.tried == len(good["audit_events"])


def test_every_swapped_pair_of_audit_events_is_caught():
    good, original = signed()
    tally = Tally()
    for case in every_reordered_audit_event(good):
        assert judge(original, case, KEY.public_key, tally) is Verdict.ALTERED
        assert _located(verify_pack(case[1], pinned_key=KEY.public_key).altered_at, case[2])
    n = len(good["audit_events"])
    assert tally.detected == tally.tried == n * (n - 1) // 2


@pytest.mark.parametrize("resealed", [False, True], ids=["as written", "re-sealed"])
def test_an_unknown_key_added_to_any_object_is_refused_at_its_path(resealed: bool):
    good, original = signed()
    tally = Tally()
    for case in every_unknown_key(good, KEY if resealed else None):
        assert judge(original, case, KEY.public_key, tally) is Verdict.ALTERED, case[0]
        assert verify_pack(case[1], pinned_key=KEY.public_key).altered_at[0] == case[2]
    assert tally.detected == tally.tried > 30


def test_a_pack_resealed_with_another_key_is_altered_when_pinned_and_not_proven_without():
    good, original = signed()
    [case] = resealed_with_another_key(good, MALLORY)
    assert judge(original, case, KEY.public_key, Tally()) is Verdict.ALTERED
    assert judge(original, case, None, Tally()) is Verdict.NOT_PROVEN


@settings(max_examples=300, deadline=None)
@given(position=st.integers(min_value=0), replacement=st.integers(min_value=0, max_value=255))
def test_any_single_byte_edit_is_caught_unless_it_leaves_the_same_json(
    position: int, replacement: int
):
    _, original = signed()
    position %= len(original)
    if original[position] == replacement:
        return
    edited = bytearray(original)
    edited[position] = replacement
    tally = Tally()
    judge(original, ("edit", bytes(edited), ""), KEY.public_key, tally)
    assert tally.missed == [], f"byte {position} -> {replacement:#04x} went unnoticed"


def test_every_thirteenth_byte_flipped_across_the_whole_file_is_caught():
    """A cheap sweep over every part of the pack: the lowest bit of every thirteenth byte."""
    _, original = signed()
    tally = Tally()
    positions = range(0, len(original), 13)
    for position in positions:
        edited = bytearray(original)
        edited[position] ^= 0x01
        judge(original, (f"byte {position}", bytes(edited), ""), KEY.public_key, tally)
    assert tally.missed == []
    assert tally.detected + tally.same_meaning == tally.tried == len(positions)
