"""Shared ownership of the actions that manage a risk.

Rule encoded: each agreed mitigation has a named owner (the person, family, a personal assistant,
a provider, another agency or the council) and a date, and owners acknowledge what they have taken
on. Shared, transparent responsibility for risk is the stated aim of the Department of Health's
"Independence, choice and risk" (2007) and of risk enablement panels (SCIE Report 36); risk plans
should say what is to be done, by whom and by when (e.g. Camden and Trafford risk guidance, the
BCP/Dorset "identify risk | action | by whom | by when" template). Owners often have no account in
the app, so an owner is a name and a kind, not a user. Wording is our own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from risk_app.domain import words
from risk_app.domain.errors import InvalidInput
from risk_app.domain.text import clean_short_text


class OwnerKind(StrEnum):
    """Who an action's owner is, in relation to the person. Owners need not have an account."""

    PERSON = "person"
    """The person themself."""
    REPRESENTATIVE = "representative"
    """Someone who acts for the person: attorney, deputy, nominee or authorised person."""
    FAMILY_OR_FRIEND = "family_or_friend"
    """A relative, friend or neighbour who helps informally."""
    PERSONAL_ASSISTANT = "personal_assistant"
    """A personal assistant employed by the person, usually through a direct payment."""
    PROVIDER = "provider"
    """A care provider or other organisation paid to support the person."""
    HEALTH = "health"
    """A health professional or NHS service: GP, community nurse, mental health team."""
    POLICE = "police"
    """The police."""
    COUNCIL = "council"
    """The council: the practitioner, their manager, or another council team."""
    ADVOCATE = "advocate"
    """An advocate, such as an Independent Mental Capacity Advocate or Care Act advocate."""
    HOUSING = "housing"
    """A housing officer, landlord or housing association."""
    OTHER = "other"
    """Anyone else, such as a community group."""

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS: dict[OwnerKind, str] = {
    OwnerKind.PERSON: "The person",
    OwnerKind.REPRESENTATIVE: "Representative",
    OwnerKind.FAMILY_OR_FRIEND: "Family or friend",
    OwnerKind.PERSONAL_ASSISTANT: "Personal assistant",
    OwnerKind.PROVIDER: "Provider",
    OwnerKind.HEALTH: "Health",
    OwnerKind.POLICE: "Police",
    OwnerKind.COUNCIL: "Council",
    OwnerKind.ADVOCATE: "Advocate",
    OwnerKind.HOUSING: "Housing",
    OwnerKind.OTHER: "Other",
}


class ActionStatus(StrEnum):
    """Where an action stands."""

    OPEN = "open"
    """Still to do."""
    DONE = "done"
    """Done."""
    CANCELLED = "cancelled"
    """No longer needed; the reason belongs in the record."""
    WITHDRAWN = "withdrawn"
    """Recorded by mistake at a meeting and withdrawn before it closed, with a reason (kept on
    the meeting's record). Not on any list of work to do, and nobody signs for it."""


def status_to_set(status: ActionStatus | str) -> ActionStatus:
    """The status an action is being set to; WITHDRAWN is refused (only its meeting withdraws an
    action, with a reason)."""
    try:
        chosen = ActionStatus(status)
    except ValueError:
        raise InvalidInput("Choose open, done or cancelled.") from None
    if chosen is ActionStatus.WITHDRAWN:
        raise InvalidInput("Choose open, done or cancelled (withdraw it at its meeting).")
    return chosen


def check_not_withdrawn(current: ActionStatus | str) -> None:
    """A withdrawn action stays withdrawn: it was recorded by mistake, not done or cancelled."""
    if ActionStatus(current) is ActionStatus.WITHDRAWN:
        raise InvalidInput("This action was withdrawn at its meeting, so it stays withdrawn.")


class AckMethod(StrEnum):
    """How an owner acknowledged the action they have taken on."""

    IN_PERSON = "in_person"
    """Told the practitioner face to face."""
    PHONE = "phone"
    """By telephone."""
    EMAIL = "email"
    """By email."""
    LETTER = "letter"
    """By letter or a signed copy of the plan."""
    AT_MEETING = "at_meeting"
    """At a review, panel or planning meeting, noted in its record."""
    IN_APP = "in_app"
    """In the app, by an owner who has an account."""
    ONE_TIME_CODE = "one_time_code"
    """Remotely, by an owner without an account, with a one-time code staff gave them (the
    acknowledgement keeps the code's reference)."""


STAFF_ACK_METHODS = tuple(m for m in AckMethod if m is not AckMethod.ONE_TIME_CODE)
"""The ways staff may record an acknowledgement they were given. "One-time code" is recorded
only by the owner's own use of a code (with its reference), never typed in by staff."""


def checked_ack_method(method: AckMethod | str) -> AckMethod:
    """How staff say an owner acknowledged, or InvalidInput (a one-time code is never claimed)."""
    try:
        chosen = AckMethod(method)
    except ValueError:
        chosen = None
    if chosen is None or chosen not in STAFF_ACK_METHODS:
        raise InvalidInput("Say how it was acknowledged (in person, phone, email...).")
    return chosen


@dataclass(frozen=True, slots=True)
class ActionView:
    """One action in a risk plan, as the ownership rules see it."""

    id: int | str
    description: str
    owner_name: str
    owner_kind: OwnerKind
    due: date | None
    status: ActionStatus
    acknowledged: bool
    version: int = 1
    """The stored record's version, so a change names the version that was shown."""
    acknowledged_by: tuple[str, ...] = ()
    """Each acknowledgement in words: who, and how (as recorded)."""
    owner_member_id: int | None = None
    """The owner as a member of the person's circle (None for the person, and for owners typed
    before the circle)."""


def overdue(actions: Iterable[ActionView], today: date) -> list[ActionView]:
    """Open actions whose date has passed, the longest overdue first."""
    late = [a for a in actions if timing(a, today) is Timing.OVERDUE]
    return sorted(late, key=lambda a: a.due or today)


DUE_SOON_DAYS = 7
"""How many days ahead an open action counts as due soon: due today, or within this many days.
Homes list these beside the overdue ones so nothing is noticed only once it is late. Change it
here (and only here) to widen or narrow the warning."""


class Timing(StrEnum):
    """Where an action stands against its date: the one rule the homes, lists and counts use."""

    OVERDUE = "overdue"
    """Open, and its date has passed."""
    DUE_SOON = "due_soon"
    """Open, and due today or within `DUE_SOON_DAYS` days."""
    LATER = "later"
    """Open, and due after that."""
    NO_DATE = "no_date"
    """Open, with no date set."""
    CLOSED = "closed"
    """Done, cancelled or withdrawn: nothing is waiting."""

    @property
    def label(self) -> str:
        return {
            Timing.OVERDUE: "Overdue",
            Timing.DUE_SOON: "Due soon",
            Timing.LATER: "Due later",
            Timing.NO_DATE: "No date set",
            Timing.CLOSED: "Closed",
        }[self]


def timing(action: ActionView, today: date, *, within: int = DUE_SOON_DAYS) -> Timing:
    """Overdue after its date; due soon on its date or up to `within` days before it."""
    if within < 0:
        raise InvalidInput("The number of days ahead that counts as due soon cannot be negative.")
    if action.status is not ActionStatus.OPEN:
        return Timing.CLOSED
    if action.due is None:
        return Timing.NO_DATE
    if action.due < today:
        return Timing.OVERDUE
    return Timing.DUE_SOON if (action.due - today).days <= within else Timing.LATER


def due_soon_until(today: date, *, within: int = DUE_SOON_DAYS) -> date:
    """The last date that counts as due soon `today` (at most the calendar's last day)."""
    return date.max if (date.max - today).days < within else today + timedelta(days=within)


def days_to_go(due: date, today: date) -> int:
    """Whole days until the date: 0 on the day, negative once it has passed (days late)."""
    return (due - today).days


def when_due_in_words(days: int | None) -> str:
    """'Due today', '3 days left' or '1 day late' for `days_to_go`; 'No date set' for None."""
    if days is None:
        return "No date set"
    if days == 0:
        return "Due today"
    count = abs(days)
    return f"{count} day{'s' if count != 1 else ''} {'left' if days > 0 else 'late'}"


def due_soon_or_overdue(
    actions: Iterable[ActionView], today: date, *, within: int = DUE_SOON_DAYS
) -> list[ActionView]:
    """Open actions overdue or due soon: the longest overdue first, then the soonest due."""
    waiting = [
        a for a in actions if timing(a, today, within=within) in (Timing.OVERDUE, Timing.DUE_SOON)
    ]
    return sorted(waiting, key=lambda a: a.due or today)


def unacknowledged(actions: Iterable[ActionView]) -> list[ActionView]:
    """Open actions whose owner has not yet acknowledged them, in the order given."""
    return [a for a in actions if a.status is ActionStatus.OPEN and not a.acknowledged]


OWNERSHIP_COLUMNS = ("Owner", "Role", "What", "By when", "Status", "Acknowledged")
"""Column headings of `ownership_table`, in order."""


def ownership_table(actions: Iterable[ActionView]) -> list[dict[str, str]]:
    """Rows for a plain 'who does what by when' table, in the order given."""
    return [
        {
            "Owner": a.owner_name,
            "Role": a.owner_kind.label,
            "What": a.description,
            "By when": words.day_or(a.due, "No date set"),
            "Status": a.status.value.capitalize(),
            "Acknowledged": "; ".join(a.acknowledged_by) or ("Yes" if a.acknowledged else "No"),
        }
        for a in actions
    ]


def validate_owner(name: str, kind: OwnerKind | str) -> tuple[str, OwnerKind]:
    """A cleaned owner name and kind, or InvalidInput saying what to fix."""
    cleaned = clean_short_text(
        name, "name of the person or organisation responsible", required=True
    )
    if isinstance(kind, OwnerKind):
        return cleaned, kind
    try:
        return cleaned, OwnerKind(str(kind).strip().lower())
    except ValueError:
        valid = ", ".join(f"{k.value} ({k.label})" for k in OwnerKind)
        raise InvalidInput(
            f"{kind!r} is not a kind of owner we know. Choose one of: {valid}."
        ) from None
