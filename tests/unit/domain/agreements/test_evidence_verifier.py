"""The offline verifier: integrity (INTACT / ALTERED at a field) apart from completeness (who is
still to sign) apart from proof (NOT PROVEN unless the organisation's key is pinned)."""

from __future__ import annotations

import json
from copy import deepcopy
from typing import Any

import pytest
from agreement_samples import content, pack

from risk_app.domain.agreements.content import content_digest
from risk_app.domain.agreements.evidence import PACK_FORMAT, pack_json, seal_pack
from risk_app.domain.agreements.evidence_verify import Verdict, verify_pack
from risk_app.domain.sealing import SealKey

KEY = SealKey.generate()
MALLORY = SealKey.generate()


def verify(data: dict[str, Any], *, pinned: bool = True, **kw):
    return verify_pack(pack_json(data), pinned_key=KEY.public_key if pinned else None, **kw)


def test_a_complete_untouched_pack_pinned_to_its_key_is_intact_complete_and_proven():
    report = verify(pack(KEY))
    assert report.verdict is Verdict.VERIFIED and report.verdict.exit_code == 0, report.problems
    *_, integrity, completeness, proof = report.lines()
    assert integrity == "INTACT: every field is as the organisation sealed it."
    assert completeness == "COMPLETE: everyone the agreement names has signed."
    assert proof == f"PROVEN: sealed by the key you gave (fingerprint {KEY.fingerprint})."


def test_without_a_pinned_key_an_intact_pack_is_not_proven_and_never_says_verified():
    report = verify(pack(KEY), pinned=False)
    assert report.intact and report.complete
    assert report.verdict is Verdict.NOT_PROVEN and report.verdict.exit_code == 6
    assert report.lines()[-1].startswith("NOT PROVEN: key not pinned.")
    assert not any("VERIFIED" in line or line.startswith("PROVEN") for line in report.lines())


def test_an_intact_pack_not_yet_fully_signed_is_incomplete_not_altered():
    data = pack(KEY, signers=["person", "practitioner", "owner:provider:brightside"])
    report = verify(data)
    assert report.intact and report.verdict is Verdict.INCOMPLETE
    assert report.verdict.exit_code == 4 and report.problems == ()
    assert report.lines()[-2] == (
        "INCOMPLETE: still to sign: The manager; Jo Okafor (family or friend)."
    )
    assert report.lines()[-3].startswith("INTACT")


def test_a_changed_byte_in_the_content_is_reported_at_its_field():
    text = pack_json(pack(KEY)).replace("My friends.", "My friends!", 1)
    report = verify_pack(text, pinned_key=KEY.public_key)
    assert report.verdict is Verdict.ALTERED and report.verdict.exit_code == 5
    assert report.altered_at[0] == "/content/what_matters/0/text"
    assert any(
        p.startswith("The agreement content does not match its digest") for p in report.problems
    )
    assert report.integrity_line().startswith("ALTERED: /content/what_matters/0/text")
    assert report.completeness_line() == "Completeness not judged: the pack is not intact."


def test_content_and_digest_changed_together_are_found_by_the_seals():
    data = pack(KEY)
    forged = content(contingency="Nobody needs to help.")
    data["content"] = forged.model_dump(mode="json")
    data["agreement"]["digest"] = content_digest(forged)
    report = verify(data)
    problems = " ".join(report.problems)
    assert "/content/contingency" in report.altered_at
    assert "/agreement/digest" in report.altered_at
    assert "seal on version 1 does not hold" in problems
    assert "is for a different version" in problems
    assert "No audit event records issuing this version" in problems


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("/generated_at", "2020-01-01T00:00:00.000000Z"),
        ("/audit_head/seq", 99),
        ("/audit_head/hash", "0" * 64),
        ("/required_signers/1/label", "Nobody"),
        ("/organisation_keys/0/algorithm", "RSA"),
        ("/agreement/is_current", False),
        ("/agreement/latest_version", 2),
        ("/how_to_verify/0", "Trust me."),
        ("/signatures/0/comment", "I do not agree."),
        ("/audit_events/1/actor", "mallory"),
        ("/pack_seal/algorithm", "HMAC"),
    ],
)
def test_fields_outside_the_old_seals_are_now_sealed_and_reported_at_their_path(path, value):
    data = pack(KEY)
    target: Any = data
    *parents, last = path.split("/")[1:]
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    target[int(last) if isinstance(target, list) else last] = value
    report = verify(data)
    assert report.verdict is Verdict.ALTERED
    assert report.altered_at[0] == path


def test_a_signature_for_another_digest_is_found():
    data = pack(KEY)
    data["signatures"][1]["digest"] = "f" * 64
    report = verify(data)
    assert report.altered_at[0] == "/signatures/1/digest"
    assert any(p.startswith("Signature 2 (") and "different version" in p for p in report.problems)


def test_a_bad_seal_on_a_signature_is_found():
    data = pack(KEY)
    data["signatures"][2]["seal"]["seal"] = MALLORY.seal(b"something else")
    report = verify(data)
    assert report.altered_at[0] == "/signatures/2/seal/seal"
    assert any(p.startswith("Signature 3") and "seal does not hold" in p for p in report.problems)


def test_every_audit_event_counts_dropping_one_that_is_neither_issue_nor_signature_is_found():
    data = pack(KEY)
    kept = [e for e in data["audit_events"] if e["action"] not in ("create", "sign")]
    assert kept, "the sample pack should hold other events too"
    data["audit_events"].remove(kept[0])
    report = verify(data)
    assert report.verdict is Verdict.ALTERED
    assert report.altered_at[0].startswith("/audit_events/")


def test_reordered_audit_events_are_found():
    data = pack(KEY)
    events = data["audit_events"]
    events[0], events[1] = events[1], events[0]
    report = verify(data)
    assert report.altered_at[0].startswith("/audit_events/0/")
    assert any("out of order" in p for p in report.problems)


def test_a_pack_resealed_with_another_key_is_altered_against_the_pinned_key():
    forged = pack(MALLORY)
    report = verify(forged)
    assert report.verdict is Verdict.ALTERED
    assert report.altered_at[0] == "/pack_seal/key_fingerprint"
    assert any("not by the key you gave" in p for p in report.problems)


def test_a_pack_resealed_with_another_key_is_only_not_proven_without_a_pinned_key():
    report = verify(pack(MALLORY), pinned=False)
    assert report.verdict is Verdict.NOT_PROVEN
    assert report.lines()[-1].startswith("NOT PROVEN: key not pinned")


def test_the_organisations_pack_edited_and_resealed_by_someone_else_is_altered_when_pinned():
    data = pack(KEY)
    data["generated_at"] = "2020-01-01T00:00:00.000000Z"
    data["organisation_keys"].append(
        {
            "algorithm": "Ed25519",
            "public_key": MALLORY.public_key_b64,
            "fingerprint": MALLORY.fingerprint,
        }
    )
    resealed = seal_pack(data, MALLORY)
    assert verify(resealed, pinned=False).verdict is Verdict.NOT_PROVEN
    pinned = verify(resealed)
    assert pinned.verdict is Verdict.ALTERED
    assert pinned.altered_at == ("/pack_seal/key_fingerprint",)


def test_a_duplicated_signature_is_refused():
    data = pack(KEY)
    data["signatures"].append(deepcopy(data["signatures"][0]))
    report = verify(data)
    assert report.altered_at[0].startswith("/signatures/5/")
    assert any("second time" in p for p in report.problems)


@pytest.mark.parametrize(
    "where",
    [
        "",
        "/agreement",
        "/agreement/issue_seal",
        "/content",
        "/content/person",
        "/signatures/0",
        "/audit_events/2",
        "/organisation_keys/0",
        "/audit_head",
        "/pack_seal",
    ],
)
def test_an_unknown_key_is_refused_at_its_path_even_in_a_pack_sealed_with_it(where: str):
    data = pack(KEY)
    target: Any = data
    for part in where.split("/")[1:]:
        target = target[int(part)] if isinstance(target, list) else target[part]
    target["note"] = "added"
    sealed = data if where == "/pack_seal" else seal_pack(data, KEY)
    report = verify(sealed)
    assert report.verdict is Verdict.ALTERED
    assert report.altered_at[0] == f"{where}/note"
    assert "a field this pack format does not have" in report.problems[0]


def test_a_version_1_pack_is_refused_with_a_message_saying_to_make_a_new_one():
    report = verify_pack(json.dumps({"format": PACK_FORMAT, "format_version": 1}))
    assert report.verdict is Verdict.UNUSABLE and report.verdict.exit_code == 1
    [problem] = report.problems
    assert "version 1 evidence pack" in problem and "risk-app agreement pack" in problem


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[1, 2]",
        '{"format": "something else"}',
        '{"format": "risk-app agreement evidence", "format_version": 3}',
        '{"a": 1, "a": 2}',
        "[" * 100_000,
        b"\xff\xfe\x00junk",
    ],
)
def test_a_file_that_is_not_a_usable_pack_gives_one_clear_failure(text: str | bytes):
    report = verify_pack(text)
    assert report.verdict is Verdict.UNUSABLE
    [problem] = report.problems
    assert problem.startswith("The file is not a usable evidence pack")


def test_a_pack_with_its_parts_missing_or_of_the_wrong_type_is_altered_at_each_part():
    data = pack(KEY)
    del data["audit_head"]
    data["signatures"][0]["id"] = "1"
    data["content"]["risks"][0]["id"] = 1.5
    report = verify(data)
    assert report.verdict is Verdict.ALTERED
    assert set(report.altered_at) == {
        "/signatures/0/id",
        "/audit_head",
        "/content/risks/0/id",
    }


def test_the_pack_is_readable_json_holding_everything_needed_offline():
    data = json.loads(pack_json(pack(KEY)))
    assert set(data) == {
        "format",
        "format_version",
        "generated_at",
        "how_to_verify",
        "agreement",
        "content",
        "required_signers",
        "signatures",
        "organisation_keys",
        "audit_events",
        "audit_head",
        "field_digests",
        "pack_seal",
    }
    assert data["format_version"] == 2
    assert data["organisation_keys"][0]["algorithm"] == "Ed25519"
    assert set(data["audit_events"][0]) >= {"seq", "prev_hash", "hash", "detail", "at"}
    assert data["field_digests"]["/generated_at"] and data["pack_seal"]["algorithm"] == "Ed25519"


@pytest.mark.parametrize("depth", [900, 5000])
def test_deeply_nested_values_anywhere_are_refused_without_a_crash(depth: int):
    text = pack_json(pack(KEY))
    nested = "[" * depth + "]" * depth
    hostile = text.replace('"contingency": ', f'"contingency": {nested}, "x": ', 1)
    report = verify_pack(hostile, pinned_key=KEY.public_key)
    assert report.verdict in (Verdict.ALTERED, Verdict.UNUSABLE)
