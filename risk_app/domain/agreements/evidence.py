"""Evidence packs: one version of an agreement with everything needed to check it offline.

A pack is a JSON document holding the agreement's content, its digest, the organisation's seal on
the issued version, every signature with its seal, the organisation's public key(s), the audit
events about this person's agreement (hash-chained rows with every field, so each event's hash can
be recomputed) and the audit log's head when the pack was made.

Format version 2 seals the whole pack: `pack_seal` is the organisation's Ed25519 seal over the
canonical JSON of every other part of the pack, so nothing in it (the time it was made, who must
sign, the keys, every audit event and the head) can be changed, added or dropped without breaking
the seal. `field_digests`, inside what is sealed, lists a short digest of every field's value by
its JSON pointer, so a verifier can say which field was changed. The verifier is in
`risk_app.domain.agreements.evidence_verify`; the exact structure in `risk_app.domain.agreements.evidence_shape`.
Version 1 packs (made before the whole pack was sealed) are refused: make a new pack.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from risk_app.domain.agreements.content import AgreementContent
from risk_app.domain.agreements.seals import IssueRecord, SignatureRecord
from risk_app.domain.agreements.signers import required_signers
from risk_app.domain.audit import ChainedEvent
from risk_app.domain.sealing import ALGORITHM, SealKey, b64, fingerprint_of

PACK_FORMAT: Final = "risk-app agreement evidence"
PACK_FORMAT_VERSION: Final = 2
SEAL_FIELD: Final = "pack_seal"
DIGESTS_FIELD: Final = "field_digests"
FIELD_DIGEST_HEX: Final = 16
"""Field digests only say where a change is; the seal over the whole pack is the proof."""

HOW_TO_VERIFY = (
    (
        "Run `risk-app agreement verify FILE --public-key KEY` with your organisation's public "
        "key (`risk-app agreement public-key` prints it). Exit 0: intact, complete and sealed by "
        "that key; 4: intact but still to be signed; 5: altered; 6: not proven (no key given); "
        "1: not a usable pack."
    ),
    (
        "By hand: `pack_seal` is an Ed25519 signature, by the key with the given fingerprint "
        "(SHA-256 of the raw public key), over the canonical JSON of the whole pack without "
        "`pack_seal`: keys sorted, no whitespace, non-ASCII characters unescaped, UTF-8."
    ),
    (
        "`field_digests` maps the JSON pointer of every value in the pack (but `field_digests` "
        "and `pack_seal`) to the first 16 hex characters of the SHA-256 of its canonical JSON."
    ),
    (
        "The digest is the SHA-256 (hex) of `content` in the same canonical JSON. Each issue and "
        "signature seal is an Ed25519 signature over the canonical JSON of the sealed fields plus "
        "`seal` and `seal_version`."
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
    """The evidence pack as JSON-ready data, not yet sealed (see `seal_pack`). The digest is the
    issue record's."""
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


# ---------------------------------------------------------------------------- the whole-pack seal
def canonical(value: object) -> bytes:
    """Keys sorted, no whitespace, non-ASCII unescaped, UTF-8 (ValueError for what JSON cannot
    hold exactly: NaN, infinities, unpaired surrogates)."""
    try:
        return json.dumps(
            value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
        ).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("a text holds an unpaired surrogate") from exc


def pointer_token(key: str) -> str:
    """One step of a JSON pointer (RFC 6901): `~` as `~0`, `/` as `~1`."""
    return key.replace("~", "~0").replace("/", "~1")


def fields(value: object, path: str = "") -> Iterator[tuple[str, object]]:
    """Every value in `value` that holds no other (strings, numbers, booleans, null, empty lists
    and objects) with its JSON pointer, in document order."""
    if isinstance(value, dict):
        if not value:
            yield path, value
        for key, item in value.items():
            yield from fields(item, f"{path}/{pointer_token(str(key))}")
    elif isinstance(value, list):
        if not value:
            yield path, value
        for index, item in enumerate(value):
            yield from fields(item, f"{path}/{index}")
    else:
        yield path, value


def field_digest(value: object) -> str:
    try:
        data = canonical(value)
    except ValueError:
        return "not canonical"
    return hashlib.sha256(data).hexdigest()[:FIELD_DIGEST_HEX]


def sealed_part(pack: Mapping[str, Any]) -> dict[str, Any]:
    """What the pack seal covers: everything but the seal."""
    return {k: v for k, v in pack.items() if k != SEAL_FIELD}


def described_part(pack: Mapping[str, Any]) -> dict[str, Any]:
    """What `field_digests` describes: everything but the seal and the digests themselves."""
    return {k: v for k, v in pack.items() if k not in (SEAL_FIELD, DIGESTS_FIELD)}


def field_digests(pack: Mapping[str, Any]) -> dict[str, str]:
    return {path: field_digest(value) for path, value in fields(described_part(pack))}


def seal_pack(pack: Mapping[str, Any], key: SealKey) -> dict[str, Any]:
    """The pack with its field digests and the organisation's seal over all of it.

    The sealing key's public key must be among the pack's `organisation_keys`."""
    if key.fingerprint not in {k["fingerprint"] for k in pack["organisation_keys"]}:
        raise ValueError("the sealing key must be among the pack's organisation keys")
    body = {**described_part(pack), DIGESTS_FIELD: field_digests(pack)}
    return {
        **body,
        SEAL_FIELD: {
            "algorithm": ALGORITHM,
            "key_fingerprint": key.fingerprint,
            "seal": key.seal(canonical(body)),
        },
    }


def pack_json(pack: Mapping[str, Any]) -> str:
    """The pack as a readable file (indented; the seal does not depend on this layout)."""
    return json.dumps(pack, indent=2, ensure_ascii=False) + "\n"
