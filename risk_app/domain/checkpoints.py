"""Audit-head checkpoints: the chain's head, sealed by the organisation, kept outside the database.

The hash chain (ADR 0004) shows any change inside the log, but someone who can write to the
database could delete the newest events, or rebuild the whole chain after an edit, and the chain
would still hold. A checkpoint is a small JSON file recording the head (its sequence number and
hash) at a moment, sealed with the organisation's Ed25519 key and kept where the database cannot
reach (a folder on the app server, and copies off the box). Later the log must still reach at
least that sequence number, and the event there must have exactly that hash:

- the log ends before the checkpoint's event: its newest events were deleted (TAIL_DELETED);
- the event at the checkpoint's position has another hash: the chain was rebuilt (REBUILT).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from risk_app.domain.audit import ChainReport
from risk_app.domain.canonical import canonical_json
from risk_app.domain.errors import InvalidInput
from risk_app.domain.sealing import SealKey, fingerprint_of, seal_holds, short_fingerprint, unb64

CHECKPOINT_FORMAT: Final = "risk-app audit checkpoint"
CHECKPOINT_FORMAT_VERSION: Final = 1
_FIELDS: Final = {
    "format": str,
    "format_version": int,
    "seq": int,
    "head_hash": str,
    "made_at": str,
    "key_fingerprint": str,
    "public_key": str,
    "seal": str,
}


class CheckpointUnusable(ValueError):
    """The file is not a checkpoint, or not one sealed by the expected key."""


@dataclass(frozen=True, slots=True)
class Checkpoint:
    seq: int
    """The head's sequence number (0: the log was empty)."""
    head_hash: str
    made_at: str
    key_fingerprint: str

    def describe(self) -> str:
        return (
            f"checkpoint made {self.made_at} (event {self.seq}, hash {self.head_hash}, sealed by "
            f"key {short_fingerprint(self.key_fingerprint)})"
        )


def _payload(body: dict[str, Any]) -> bytes:
    return canonical_json({k: v for k, v in body.items() if k != "seal"})


def make_checkpoint(seq: int, head_hash: str, made_at: str, key: SealKey) -> dict[str, Any]:
    """The checkpoint as JSON-ready data, sealed over every other field."""
    body: dict[str, Any] = {
        "format": CHECKPOINT_FORMAT,
        "format_version": CHECKPOINT_FORMAT_VERSION,
        "seq": seq,
        "head_hash": head_hash,
        "made_at": made_at,
        "key_fingerprint": key.fingerprint,
        "public_key": key.public_key_b64,
    }
    return {**body, "seal": key.seal(_payload(body))}


def checkpoint_json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, sort_keys=True) + "\n"


def read_checkpoint(raw: bytes | str, *, expected_key: bytes) -> Checkpoint:
    """A checkpoint whose seal holds under `expected_key` (the organisation's public key), or
    CheckpointUnusable saying why not."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise CheckpointUnusable("it is not JSON") from None
    if not isinstance(data, dict) or data.get("format") != CHECKPOINT_FORMAT:
        raise CheckpointUnusable(f"it is not a {CHECKPOINT_FORMAT!r} file")
    if set(data) != set(_FIELDS) or any(
        not isinstance(data[k], kind) or isinstance(data[k], bool) for k, kind in _FIELDS.items()
    ):
        raise CheckpointUnusable("its fields are not those of a checkpoint (altered?)")
    if data["format_version"] != CHECKPOINT_FORMAT_VERSION:
        raise CheckpointUnusable(f"it is checkpoint format version {data['format_version']}")
    expected = fingerprint_of(expected_key)
    if data["key_fingerprint"] != expected:
        raise CheckpointUnusable(
            f"it was sealed by key {short_fingerprint(data['key_fingerprint'])}, not by the "
            f"organisation's key {short_fingerprint(expected)} (give the key it was sealed with "
            "by --public-key if the key was changed since)"
        )
    try:
        stated_key = unb64(data["public_key"], "public key")
    except InvalidInput:
        stated_key = b""
    if stated_key != expected_key or not seal_holds(expected_key, _payload(data), data["seal"]):
        raise CheckpointUnusable("its seal does not hold: the file was altered after it was made")
    return Checkpoint(data["seq"], data["head_hash"], data["made_at"], data["key_fingerprint"])


class Agreement(StrEnum):
    """How the log stands against a checkpoint. Each has its own exit code."""

    MATCHES = "matches"
    CHAIN_BROKEN = "chain broken"
    TAIL_DELETED = "tail deleted"
    REBUILT = "rebuilt"
    UNUSABLE_CHECKPOINT = "unusable checkpoint"

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self]


EXIT_CODES: Final = {
    Agreement.MATCHES: 0,
    Agreement.CHAIN_BROKEN: 1,
    Agreement.TAIL_DELETED: 3,
    Agreement.REBUILT: 4,
    Agreement.UNUSABLE_CHECKPOINT: 5,
}
"""0: the chain holds and reaches the checkpoint's event with its hash; 1: the chain is broken
(or the input unusable); 3: events were deleted from the end; 4: the chain was rebuilt; 5: the
checkpoint file was altered or sealed by another key."""


@dataclass(frozen=True, slots=True)
class CheckpointCheck:
    outcome: Agreement
    message: str


def compare(checkpoint: Checkpoint, chain: ChainReport, hash_at_seq: str | None) -> CheckpointCheck:
    """Judge the log (walked into `chain`; `hash_at_seq` is the stored hash of the event at the
    checkpoint's sequence number, None if there is none) against the checkpoint."""
    if not chain.ok:
        return CheckpointCheck(Agreement.CHAIN_BROKEN, chain.summary())
    if chain.checked < checkpoint.seq:
        return CheckpointCheck(
            Agreement.TAIL_DELETED,
            f"Audit log TAIL DELETED: the log ends at event {chain.checked}, but the "
            f"{checkpoint.describe()} shows it reached event {checkpoint.seq}. Events "
            f"{chain.checked + 1} to {checkpoint.seq} (at least) were deleted.",
        )
    expected = checkpoint.head_hash if checkpoint.seq else None
    if checkpoint.seq and hash_at_seq != expected:
        return CheckpointCheck(
            Agreement.REBUILT,
            f"Audit log REBUILT: event {checkpoint.seq} now has hash {hash_at_seq}, but the "
            f"{checkpoint.describe()} recorded another. The chain holds together, so it was "
            "rewritten from that point or earlier.",
        )
    return CheckpointCheck(
        Agreement.MATCHES,
        f"Audit log matches the {checkpoint.describe()}; it has grown to event {chain.checked}.",
    )
