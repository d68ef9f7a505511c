"""One-time codes for people without an account: the mechanism shared by every purpose a code
is made for (signing an agreement, risk_app.domain.agreements.signing_codes; acknowledging an
action, risk_app.domain.record.action_codes).

Staff make a code for one named person and one purpose. It has a public *reference* (8
characters from an alphabet without look-alikes, shown as ``K7MX-4QPR``) and a secret *code* (8
digits, shown once as ``4821 0937``). Only a keyed hash of the code is stored: HMAC-SHA256 under a
server secret derived from the organisation's seal key, over the reference and the code, so a
copy of the database alone does not let anyone test guesses offline. A code is short-lived,
single-use, and locks after a few wrong tries. A correct code gives a short-lived *grant* (a
random token, also stored only as a keyed hash) for that person and that purpose only; using it
for its purpose uses it up.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
"""No 0/O, 1/I/L or U/V pairs to confuse when reading a reference over the phone."""
REFERENCE_LENGTH = 8
CODE_LENGTH = 8
CODE_SECRET_PURPOSE = "one-time signing codes v1"
"""The purpose the code-hashing secret is derived under (unchanged since the codes were only for
signing, so codes already issued still verify)."""


class InvitationState:
    """Where an invitation stands (plain strings, stored and shown)."""

    WAITING = "waiting"
    """Sent; the code has not been used yet."""
    REDEEMED = "redeemed"
    """The code was entered correctly; the signer has a grant and has not signed yet."""
    SIGNED = "signed"
    """Used for its purpose: signed, or the action acknowledged."""
    EXPIRED = "expired"
    LOCKED = "locked"
    """Too many wrong codes."""
    REVOKED = "revoked"
    """Cancelled by staff."""
    SUPERSEDED = "superseded"
    """What the code was for has moved on: a newer version of the agreement was issued, or the
    action is no longer open."""


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def new_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(CODE_LENGTH))


def new_grant_token() -> str:
    return secrets.token_urlsafe(32)


def show_reference(reference: str) -> str:
    """``K7MX4QPR`` as ``K7MX-4QPR``."""
    half = len(reference) // 2
    return f"{reference[:half]}-{reference[half:]}"


def show_code(code: str) -> str:
    """``48210937`` as ``4821 0937``."""
    half = len(code) // 2
    return f"{code[:half]} {code[half:]}"


def normalise_reference(raw: str) -> str | None:
    """The reference as stored, from what someone typed (any case, spaces or dashes), or None
    if it cannot be a reference at all (so nothing typed by a stranger reaches the audit log)."""
    cleaned = "".join(ch for ch in raw.upper() if ch not in " -\t")
    if len(cleaned) != REFERENCE_LENGTH or any(ch not in REFERENCE_ALPHABET for ch in cleaned):
        return None
    return cleaned


def normalise_code(raw: str) -> str | None:
    cleaned = "".join(ch for ch in raw if ch not in " -\t")
    if len(cleaned) != CODE_LENGTH or not all(ch in "0123456789" for ch in cleaned):
        return None
    return cleaned


def code_hash(secret: bytes, reference: str, code: str) -> str:
    return hmac.new(secret, f"code\n{reference}\n{code}".encode(), "sha256").hexdigest()


def grant_hash(secret: bytes, token: str) -> str:
    return hmac.new(secret, f"grant\n{token}".encode(), "sha256").hexdigest()


def code_matches(secret: bytes, reference: str, code: str, stored_hash: str) -> bool:
    """Constant-time comparison of a typed code with the stored hash."""
    return hmac.compare_digest(code_hash(secret, reference, code), stored_hash)


@dataclass(frozen=True, slots=True)
class InvitationFacts:
    """What decides whether a code may be tried now."""

    expires_at: datetime
    failed_attempts: int
    max_attempts: int
    redeemed_at: datetime | None
    signed_at: datetime | None
    revoked_at: datetime | None
    superseded: bool


def invitation_state(facts: InvitationFacts, now: datetime) -> str:
    """The state an invitation is in at `now` (the first that applies, in this order)."""
    if facts.signed_at is not None:
        return InvitationState.SIGNED
    if facts.revoked_at is not None:
        return InvitationState.REVOKED
    if facts.superseded:
        return InvitationState.SUPERSEDED
    if facts.failed_attempts >= facts.max_attempts:
        return InvitationState.LOCKED
    if facts.redeemed_at is not None:
        return InvitationState.REDEEMED
    if now >= facts.expires_at:
        return InvitationState.EXPIRED
    return InvitationState.WAITING
