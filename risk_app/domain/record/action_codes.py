"""One-time codes for acknowledging an action remotely, by an owner who has no account.

They are the signing codes' mechanism (`risk_app.domain.one_time_codes`) put to a second purpose:
the same public reference and secret code, kept only as a keyed hash, the same expiry, single
use and lock after wrong tries, and the same short grant once the code is accepted. Only the
words differ: a code is "used" once the action is acknowledged, and it stops working when the
action is no longer open (done, cancelled or withdrawn) rather than when an agreement changes.
"""

from __future__ import annotations

from datetime import date

from risk_app.domain import words
from risk_app.domain.one_time_codes import InvitationState

ACK_CODE_PURPOSE = "acknowledge action"
"""What the code is for, as the audit log records it beside the reference."""

ACK_REFUSALS: dict[str, str] = {
    InvitationState.SIGNED: "This code has already been used to acknowledge the action.",
    InvitationState.REDEEMED: "This code has already been used. Ask for a new one if you need it.",
    InvitationState.REVOKED: "This code was cancelled. Ask the person who sent it for a new one.",
    InvitationState.LOCKED: (
        "This code is locked after too many wrong tries. Ask the person who sent it for a new one."
    ),
    InvitationState.EXPIRED: "This code has run out of time. Ask for a new one.",
    InvitationState.SUPERSEDED: (
        "This action is no longer open (it was done, cancelled or withdrawn), so there is nothing "
        "to acknowledge. Ask the person who sent the code if you are unsure."
    ),
}
"""What to tell an owner whose code cannot be tried, by state (`invitation_state`, where
"signed" means acknowledged and "superseded" means the action is no longer open)."""

WRONG_CODE = "That code is not right."
UNKNOWN = "We cannot find that reference. Check it and try again."
GRANT_ENDED = (
    "Your time to acknowledge has run out, or this code was already used. Ask for a new code if "
    "you still need to acknowledge the action."
)
NO_LONGER_OPEN = ACK_REFUSALS[InvitationState.SUPERSEDED]


def action_in_words(description: str, due: date | None, person_name: str) -> tuple[str, ...]:
    """What an owner is shown of their action, and only that: what, by when, and for whom."""
    return (
        f"What: {description}",
        f"By when: {words.day_or(due, 'No date set')}",
        f"For: {person_name}",
    )
