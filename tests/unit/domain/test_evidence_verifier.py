"""The offline verifier finds every kind of tampering and says exactly what fails."""

from __future__ import annotations

import json
from copy import deepcopy
from typing import Any

import pytest
from agreement_samples import content, pack

from risk_app.domain.evidence import pack_json, verify_pack
from risk_app.domain.sealing import SealKey

KEY = SealKey.generate()


def verify(data: dict[str, Any], **kw):
    return verify_pack(pack_json(data), **kw)


def test_a_complete_untouched_pack_verifies_with_its_own_key_or_the_pinned_one():
    good = pack(KEY)
    report = verify(good)
    assert report.ok, report.problems
    assert "key inside the pack" in report.key_note and KEY.fingerprint in report.key_note
    pinned = verify(good, pinned_key=KEY.public_key)
    assert pinned.ok and "the key you gave" in pinned.key_note
    assert report.lines()[-1].startswith("VERIFIED")


def test_a_changed_byte_in_the_content_is_found():
    text = pack_json(pack(KEY)).replace("My friends.", "My friends!", 1)
    report = verify_pack(text)
    assert not report.ok
    assert report.problems[0].startswith("The agreement content does not match its digest")


def test_content_and_digest_changed_together_still_fail_on_the_seals_and_the_audit_log():
    data = pack(KEY)
    forged = content(contingency="Nobody needs to help.")
    from risk_app.domain.agreement import content_digest

    data["content"] = forged.model_dump(mode="json")
    data["agreement"]["digest"] = content_digest(forged)
    problems = " ".join(verify(data).problems)
    assert "seal on version 1 does not hold" in problems
    assert "is for a different version" in problems
    assert "No audit event records issuing this version" in problems


def test_a_signature_for_another_digest_is_found():
    data = pack(KEY)
    data["signatures"][1]["digest"] = "f" * 64
    problem, unsigned = verify(data).problems
    assert problem.startswith("Signature 2 (") and "different version" in problem
    assert unsigned == "Not signed yet by: The practitioner."


def test_a_changed_signature_detail_breaks_its_seal():
    data = pack(KEY)
    data["signatures"][0]["comment"] = "I do not agree."
    problem, unsigned = verify(data).problems
    assert problem.startswith("Signature 1") and "seal does not hold" in problem
    assert unsigned.startswith("Not signed yet by: Amina Okafor")


def test_a_bad_seal_is_found():
    data = pack(KEY)
    data["signatures"][2]["seal"]["seal"] = SealKey.generate().seal(b"something else")
    problem, unsigned = verify(data).problems
    assert problem.startswith("Signature 3") and "seal does not hold" in problem
    assert unsigned == "Not signed yet by: The manager."


def test_a_pack_resealed_with_another_key_fails_against_the_pinned_key():
    mallory = SealKey.generate()
    forged = pack(mallory)
    assert verify(forged).ok  # self-consistent: only pinning the key catches this
    problems = verify(forged, pinned_key=KEY.public_key).problems
    *sealed_by_another, unsigned = problems
    assert len(sealed_by_another) == 6 and all("not yours" in p for p in sealed_by_another)
    assert unsigned.startswith("Not signed yet by")


def test_a_missing_signer_is_named():
    data = pack(KEY, signers=["person", "practitioner", "owner:provider:brightside"])
    [problem] = verify(data).problems
    assert problem == "Not signed yet by: The manager; Jo Okafor (family or friend)."


def test_a_removed_signature_is_a_missing_signer_and_a_duplicated_one_is_refused():
    data = pack(KEY)
    data["signatures"].append(deepcopy(data["signatures"][0]))
    assert any("second time" in p for p in verify(data).problems)


def test_a_broken_audit_event_hash_is_found_at_its_position():
    data = pack(KEY)
    data["audit_events"][1]["actor"] = "mallory"
    seq = data["audit_events"][1]["seq"]
    problems = verify(data).problems
    assert f"Audit event {seq}: its hash does not match its fields." in problems


def test_an_audit_event_moved_out_of_the_chain_is_found():
    data = pack(KEY)
    events = data["audit_events"]
    events[1]["prev_hash"] = "0" * 64
    problems = verify(data).problems
    assert any(p.startswith(f"Audit event {events[1]['seq']}") for p in problems)


def test_a_signature_without_its_audit_event_is_found():
    data = pack(KEY)
    data["audit_events"] = [e for e in data["audit_events"] if e["action"] != "sign"]
    problems = verify(data).problems
    assert len(problems) == 5 and all("no matching audit event" in p for p in problems)


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[1, 2]",
        '{"format": "something else"}',
        '{"format": "risk-app agreement evidence", "format_version": 1}',
        '{"a": 1, "a": 2}',
    ],
)
def test_a_file_that_is_not_a_usable_pack_gives_one_clear_failure(text: str):
    report = verify_pack(text)
    assert not report.ok
    [problem] = report.problems
    assert problem.startswith("The file is not a usable evidence pack")


def test_the_pack_is_readable_json_holding_everything_needed_offline():
    data = json.loads(pack_json(pack(KEY)))
    assert set(data) >= {
        "content",
        "agreement",
        "signatures",
        "organisation_keys",
        "audit_events",
        "how_to_verify",
    }
    assert data["organisation_keys"][0]["algorithm"] == "Ed25519"
    assert set(data["audit_events"][0]) >= {"seq", "prev_hash", "hash", "detail", "at"}
