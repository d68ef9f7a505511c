"""Evidence packs: one version of an agreement with everything needed to check it offline.

A pack is a JSON document holding the agreement's content, its digest, the organisation's seal on
the issued version, every signature with its seal, the organisation's public key(s) and the audit
events about this person's agreement (hash-chained rows with every field, so each event's hash can
be recomputed). `verify_pack` checks a pack without a database or network and says exactly what
fails: changed content, a signature for another digest, a seal that does not hold, a signer still
missing, or an audit event whose hash does not match its fields.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from pydantic import ValidationError

from risk_app.domain.agreement import (
    AgreementContent,
    IssueRecord,
    SignatureRecord,
    canonical_json,
    issue_seal_payload,
    parse_content,
    required_signers,
    sha256_hex,
    signature_seal_payload,
)
from risk_app.domain.audit import ChainedEvent, event_hash
from risk_app.domain.errors import InvalidInput
from risk_app.domain.sealing import (
    ALGORITHM,
    b64,
    fingerprint_of,
    seal_holds,
    short_fingerprint,
    unb64,
)

PACK_FORMAT: Final = "risk-app agreement evidence"
PACK_FORMAT_VERSION: Final = 1

HOW_TO_VERIFY = (
    "Run `risk-app agreement verify FILE` (add --public-key with your organisation's key).",
    (
        "By hand: the digest is the SHA-256 (hex) of `content` serialised as JSON with keys "
        "sorted, no whitespace, non-ASCII characters unescaped, UTF-8."
    ),
    (
        "Each seal is an Ed25519 signature, by the key with the given fingerprint (SHA-256 of the "
        "raw public key), over the same canonical JSON of the sealed fields plus `seal` and "
        "`seal_version`."
    ),
    (
        "Each audit event's hash is the SHA-256 of its `prev_hash`, a newline, and the JSON array "
        "[seq, at, actor, actor_role, action, object_type, object_id, object_version, detail] "
        "with no whitespace and non-ASCII escaped."
    ),
)


@dataclass(frozen=True, slots=True)
class SealedSignature:
    """A stored signature: its id, the sealed record, the seal and the sealing key's fingerprint."""

    id: int
    record: SignatureRecord
    seal: str
    key_fingerprint: str


def build_pack(
    *,
    content: AgreementContent,
    digest: str,
    issue: IssueRecord,
    issue_seal: str,
    issue_key_fingerprint: str,
    signatures: Sequence[SealedSignature],
    public_keys: Iterable[bytes],
    audit_events: Iterable[ChainedEvent],
    audit_head: ChainedEvent | None,
    generated_at: str,
    latest_version: int,
) -> dict[str, Any]:
    """The evidence pack as JSON-ready data (see the module docstring)."""
    keys = {fingerprint_of(k): k for k in public_keys}
    return {
        "format": PACK_FORMAT,
        "format_version": PACK_FORMAT_VERSION,
        "generated_at": generated_at,
        "how_to_verify": list(HOW_TO_VERIFY),
        "agreement": {
            **issue.model_dump(mode="json"),
            "is_current": issue.version == latest_version,
            "latest_version": latest_version,
            "issue_seal": {"key_fingerprint": issue_key_fingerprint, "seal": issue_seal},
        },
        "content": content.model_dump(mode="json"),
        "required_signers": [
            {"key": r.key, "role": r.role.value, "name": r.name, "label": r.label}
            for r in required_signers(content)
        ],
        "signatures": [
            {
                "id": s.id,
                **s.record.model_dump(mode="json"),
                "seal": {"key_fingerprint": s.key_fingerprint, "seal": s.seal},
            }
            for s in signatures
        ],
        "organisation_keys": [
            {"algorithm": ALGORITHM, "public_key": b64(k), "fingerprint": f}
            for f, k in sorted(keys.items())
        ],
        "audit_events": [_event_json(e) for e in audit_events],
        "audit_head": None
        if audit_head is None
        else {"seq": audit_head.seq, "hash": audit_head.hash},
    }


def _event_json(event: ChainedEvent) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "at": event.at,
        "actor": event.actor,
        "actor_role": event.actor_role,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_version": event.object_version,
        "detail": event.detail,
        "prev_hash": event.prev_hash,
        "hash": event.hash,
    }


def pack_json(pack: Mapping[str, Any]) -> str:
    """The pack as a readable file (indented; the digest does not depend on this layout)."""
    return json.dumps(pack, indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------- verification
@dataclass(frozen=True, slots=True)
class Check:
    ok: bool
    message: str


@dataclass(frozen=True, slots=True)
class PackReport:
    """Every check made on a pack, in order, and which key the seals were checked against."""

    checks: tuple[Check, ...]
    key_note: str
    person_id: int | None = None
    version: int | None = None

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)

    @property
    def problems(self) -> tuple[str, ...]:
        return tuple(c.message for c in self.checks if not c.ok)

    def lines(self) -> list[str]:
        """The report as the command line prints it."""
        out = [f"{'OK  ' if c.ok else 'FAIL'}  {c.message}" for c in self.checks]
        if self.key_note:
            out.append(self.key_note)
        verdict = (
            "VERIFIED: everything in this pack checks out."
            if self.ok
            else f"NOT VERIFIED: {len(self.problems)} problem(s)."
        )
        out.append(verdict)
        return out


class _Malformed(Exception):
    """The pack lacks a part or has a part of the wrong type."""


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    duplicated = {k for k in keys if keys.count(k) > 1}
    if duplicated:
        raise _Malformed(f"the key {min(duplicated)!r} appears twice in one object")
    return dict(pairs)


def _get(data: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(data, dict) or key not in data:
        raise _Malformed(f"{where} has no {key!r}")
    value = data[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise _Malformed(f"{where}.{key} has the wrong type")
    return value


def _load(raw: bytes | str) -> dict[str, Any]:
    try:
        data = json.loads(raw, object_pairs_hook=_reject_duplicates)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise _Malformed(f"it is not JSON ({exc.msg if hasattr(exc, 'msg') else exc})") from None
    if not isinstance(data, dict):
        raise _Malformed("it is not a JSON object")
    if data.get("format") != PACK_FORMAT or data.get("format_version") != PACK_FORMAT_VERSION:
        raise _Malformed(f"it is not a {PACK_FORMAT!r} version {PACK_FORMAT_VERSION} file")
    return data


def _keys(data: dict[str, Any]) -> tuple[dict[str, bytes], list[Check]]:
    keys: dict[str, bytes] = {}
    checks: list[Check] = []
    for entry in _get(data, "organisation_keys", list, "pack"):
        raw = unb64(str(_get(entry, "public_key", str, "organisation key")), "public key")
        stated = _get(entry, "fingerprint", str, "organisation key")
        if fingerprint_of(raw) != stated:
            checks.append(
                Check(False, f"Organisation key {stated[:16]}… does not have that fingerprint.")
            )
        keys[stated] = raw
    return keys, checks


class _Seals:
    """Checks seals against the pinned key, or else the pack's own keys."""

    def __init__(self, pack_keys: Mapping[str, bytes], pinned: bytes | None) -> None:
        self.pack_keys = pack_keys
        self.pinned = pinned
        self.used: set[str] = set()

    def holds(self, sealed: Any, payload: bytes) -> tuple[bool, str]:
        fingerprint = _get(sealed, "key_fingerprint", str, "seal")
        seal = _get(sealed, "seal", str, "seal")
        if self.pinned is not None:
            if fingerprint != fingerprint_of(self.pinned):
                return False, f"it was sealed by key {short_fingerprint(fingerprint)}, not yours"
            return (seal_holds(self.pinned, payload, seal), "")
        key = self.pack_keys.get(fingerprint)
        if key is None:
            return False, f"the key {short_fingerprint(fingerprint)} is not in the pack"
        self.used.add(fingerprint)
        return (seal_holds(key, payload, seal), "")


def _check_content(data: dict[str, Any]) -> tuple[AgreementContent | None, str, list[Check]]:
    agreement = _get(data, "agreement", dict, "pack")
    stated = _get(agreement, "digest", str, "agreement")
    raw = _get(data, "content", dict, "pack")
    try:
        actual = sha256_hex(canonical_json(raw))
    except (InvalidInput, ValueError) as exc:
        return None, stated, [Check(False, f"The content cannot be put in canonical form: {exc}")]
    if actual != stated:
        return (
            None,
            stated,
            [
                Check(
                    False,
                    "The agreement content does not match its digest: it was changed after it "
                    f"was issued (the content's digest is {actual}, the pack says {stated}).",
                )
            ],
        )
    try:
        content = parse_content(raw)
    except InvalidInput as exc:
        return None, stated, [Check(False, str(exc))]
    return content, stated, [Check(True, f"The content matches its digest {stated}.")]


def _check_issue(data: dict[str, Any], digest: str, seals: _Seals) -> tuple[IssueRecord, Check]:
    agreement = _get(data, "agreement", dict, "pack")
    try:
        issue = IssueRecord.model_validate({k: agreement.get(k) for k in IssueRecord.model_fields})
    except ValidationError:
        raise _Malformed("the agreement's issue details are incomplete") from None
    if issue.digest != digest:
        raise _Malformed("the agreement's digest is stated twice, differently")
    held, why = seals.holds(
        _get(agreement, "issue_seal", dict, "agreement"), issue_seal_payload(issue)
    )
    if held:
        return issue, Check(True, f"The organisation's seal on version {issue.version} holds.")
    return issue, Check(
        False,
        f"The organisation's seal on version {issue.version} does not hold"
        + (f": {why}." if why else ": the version's details or digest were changed."),
    )


def _check_signatures(
    data: dict[str, Any],
    issue: IssueRecord,
    content: AgreementContent | None,
    seals: _Seals,
) -> tuple[list[Check], list[tuple[int, str]]]:
    checks: list[Check] = []
    signed: list[tuple[int, str]] = []
    needed = {r.key for r in required_signers(content)} if content else None
    fields = set(SignatureRecord.model_fields)
    for position, entry in enumerate(_get(data, "signatures", list, "pack"), start=1):
        try:
            record = SignatureRecord.model_validate({k: v for k, v in entry.items() if k in fields})
            signature_id = _get(entry, "id", int, f"signature {position}")
        except (ValidationError, AttributeError):
            checks.append(Check(False, f"Signature {position} is incomplete or malformed."))
            continue
        who = f"Signature {position} ({record.signer_name}, {record.role.label.lower()})"
        held, why = seals.holds(
            _get(entry, "seal", dict, f"signature {position}"), signature_seal_payload(record)
        )
        if record.digest != issue.digest or record.version != issue.version:
            checks.append(
                Check(
                    False,
                    f"{who} is for a different version of the agreement "
                    f"(version {record.version}, digest {record.digest}).",
                )
            )
        elif record.person_id != issue.person_id:
            checks.append(Check(False, f"{who} is for another person's agreement."))
        elif not held:
            checks.append(
                Check(
                    False,
                    f"{who}: the organisation's seal does not hold"
                    + (f" ({why})." if why else ": the signature's details were changed."),
                )
            )
        elif needed is not None and record.requirement not in needed:
            checks.append(Check(False, f"{who} signs as someone this agreement does not ask for."))
        elif record.requirement in {r for _, r in signed}:
            checks.append(Check(False, f"{who} signs a second time for the same signer."))
        else:
            checks.append(Check(True, f"{who}: sealed, for this version, at {record.signed_at}."))
            signed.append((signature_id, record.requirement))
    return checks, signed


def _check_signers(content: AgreementContent, signed: list[tuple[int, str]]) -> Check:
    done = {r for _, r in signed}
    missing = [r.label for r in required_signers(content) if r.key not in done]
    if missing:
        return Check(False, "Not signed yet by: " + "; ".join(missing) + ".")
    return Check(True, "Everyone the agreement names has signed.")


def _event(entry: Any) -> ChainedEvent:
    try:
        return ChainedEvent(
            seq=_get(entry, "seq", int, "audit event"),
            at=_get(entry, "at", str, "audit event"),
            actor=_get(entry, "actor", str, "audit event"),
            actor_role=_get(entry, "actor_role", str, "audit event"),
            action=_get(entry, "action", str, "audit event"),
            object_type=_get(entry, "object_type", str, "audit event"),
            object_id=_get(entry, "object_id", str, "audit event"),
            object_version=entry["object_version"],
            detail=_get(entry, "detail", str, "audit event"),
            prev_hash=_get(entry, "prev_hash", str, "audit event"),
            hash=_get(entry, "hash", str, "audit event"),
        )
    except KeyError:
        raise _Malformed("an audit event has no object_version") from None


def _detail(event: ChainedEvent) -> dict[str, Any]:
    try:
        parsed = json.loads(event.detail)
    except json.JSONDecodeError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def _check_audit(
    data: dict[str, Any], issue: IssueRecord, signed: list[tuple[int, str]]
) -> list[Check]:
    events = [_event(e) for e in _get(data, "audit_events", list, "pack")]
    checks: list[Check] = []
    broken = 0
    previous: ChainedEvent | None = None
    for event in sorted(events, key=lambda e: e.seq):
        if event_hash(event) != event.hash:
            broken += 1
            checks.append(
                Check(False, f"Audit event {event.seq}: its hash does not match its fields.")
            )
        elif previous is not None and previous.seq == event.seq:
            broken += 1
            checks.append(Check(False, f"Audit event {event.seq} appears twice."))
        elif (
            previous is not None
            and previous.seq + 1 == event.seq
            and (event.prev_hash != previous.hash)
        ):
            broken += 1
            checks.append(
                Check(False, f"Audit event {event.seq} does not link to event {previous.seq}.")
            )
        previous = event
    if not broken:
        checks.append(Check(True, f"All {len(events)} audit events hold their hashes."))
    issued = [
        e
        for e in events
        if e.action == "create"
        and e.object_type == "agreement"
        and e.object_version == issue.version
        and _detail(e).get("digest") == issue.digest
    ]
    if issued:
        checks.append(Check(True, f"Audit event {issued[0].seq} records issuing this version."))
    else:
        checks.append(Check(False, "No audit event records issuing this version with this digest."))
    for signature_id, _ in signed:
        logged = any(
            e.action == "sign"
            and e.object_type == "agreement"
            and _detail(e).get("signature") == signature_id
            and _detail(e).get("digest") == issue.digest
            for e in events
        )
        if not logged:
            checks.append(
                Check(False, f"Signature record {signature_id} has no matching audit event.")
            )
    return checks


def verify_pack(raw: bytes | str, *, pinned_key: bytes | None = None) -> PackReport:
    """Check an evidence pack offline. With `pinned_key` (a raw Ed25519 public key), every seal
    must be by that key; otherwise the pack's own key is used and the report says so."""
    try:
        data = _load(raw)
        pack_keys, checks = _keys(data)
        seals = _Seals(pack_keys, pinned_key)
        content, digest, content_checks = _check_content(data)
        checks += content_checks
        issue, issue_check = _check_issue(data, digest, seals)
        checks.append(issue_check)
        signature_checks, signed = _check_signatures(data, issue, content, seals)
        checks += signature_checks
        if content is not None:
            checks.append(_check_signers(content, signed))
        checks += _check_audit(data, issue, signed)
    except (_Malformed, InvalidInput) as exc:
        return PackReport((Check(False, f"The file is not a usable evidence pack: {exc}"),), "")
    return PackReport(tuple(checks), _key_note(seals), issue.person_id, issue.version)


def _key_note(seals: _Seals) -> str:
    if seals.pinned is not None:
        return (
            "Seals were checked against the key you gave "
            f"(fingerprint {fingerprint_of(seals.pinned)})."
        )
    used = ", ".join(sorted(seals.used)) or "none"
    return (
        f"Seals were checked against the key inside the pack (fingerprint {used}). To be sure the "
        "pack was not re-sealed by someone else, check this fingerprint with the organisation or "
        "pass its public key with --public-key."
    )
