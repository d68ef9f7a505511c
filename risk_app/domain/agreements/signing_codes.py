"""One-time codes for signing remotely, without an account.

Staff invite one named signer to sign one version. The invitation has a public *reference*
(8 characters from an alphabet without look-alikes, shown as ``K7MX-4QPR``) and a secret *code*
(8 digits, shown once as ``4821 0937``). Only a keyed hash of the code is stored: HMAC-SHA256
under a server secret derived from the organisation's seal key, over the reference and the code,
so a copy of the database alone does not let anyone test guesses offline. A code is short-lived,
single-use, and locks after a few wrong tries. A correct code gives a short-lived *signing grant*
(a random token, also stored only as a keyed hash) limited to that signer and that version;
signing uses it up.

The mechanism (references, codes, hashes, states) is shared with the codes for acknowledging an
action and lives in `risk_app.domain.one_time_codes`; it is re-exported here. What follows are
the words for signing.
"""

from __future__ import annotations

from risk_app.domain.one_time_codes import (
    CODE_LENGTH,
    CODE_SECRET_PURPOSE,
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    InvitationFacts,
    InvitationState,
    code_hash,
    code_matches,
    grant_hash,
    invitation_state,
    new_code,
    new_grant_token,
    new_reference,
    normalise_code,
    normalise_reference,
    show_code,
    show_reference,
)

__all__ = [
    "CODE_LENGTH",
    "CODE_SECRET_PURPOSE",
    "REFERENCE_ALPHABET",
    "REFERENCE_LENGTH",
    "REFUSALS",
    "UNKNOWN",
    "WRONG_CODE",
    "InvitationFacts",
    "InvitationState",
    "code_hash",
    "code_matches",
    "grant_hash",
    "invitation_state",
    "new_code",
    "new_grant_token",
    "new_reference",
    "normalise_code",
    "normalise_reference",
    "show_code",
    "show_reference",
]

REFUSALS: dict[str, str] = {
    InvitationState.SIGNED: "This code has already been used to sign.",
    InvitationState.REDEEMED: "This code has already been used. Ask for a new one if you need it.",
    InvitationState.REVOKED: "This code was cancelled. Ask the person who sent it for a new one.",
    InvitationState.SUPERSEDED: (
        "The agreement has changed since this code was sent. Ask for a new code to sign the new "
        "version."
    ),
    InvitationState.LOCKED: (
        "This code is locked after too many wrong tries. Ask the person who sent it for a new one."
    ),
    InvitationState.EXPIRED: "This code has run out of time. Ask for a new one.",
}
"""What to tell someone whose code cannot be tried, by state."""

WRONG_CODE = "That code is not right."
UNKNOWN = "We cannot find that reference. Check it and try again."
