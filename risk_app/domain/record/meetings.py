"""Multi-agency risk meetings (MARM-style), the rules: who came and how the person's voice was
heard, what kinds of entry a meeting's record holds, and what may be recorded when.

Agendas for these meetings cover the person's views and desired outcomes, capacity, the actions
agreed, triggers for review, any disagreement and the next date. A meeting is refused unless the
person attended, an advocate or representative spoke for them, or their own view is recorded.
Entries and actions are added only while the meeting is open; it is closed once, and the next
meeting cannot be before it. Until it closes, any entry, attendee or action can be withdrawn with a
reason (kept, never deleted); after it closes, a mistake is put right by a new entry that says
which entry it corrects. Who may see or change a meeting at all is access control, decided
in the services.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.dissent import clean_dissent
from risk_app.domain.record.ownership import ActionStatus, ActionView, OwnerKind
from risk_app.domain.text import clean_long_text, clean_short_text

NO_VOICE = "Record the person's view, or who spoke for them."


class MeetingStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ItemKind(StrEnum):
    """What an entry in a meeting's record is."""

    RISK = "risk"
    """A risk discussed (one of the person's own risks)."""
    DECISION = "decision"
    """A decision or outcome reached."""
    NOTE = "note"
    """Anything else worth recording (capacity and how assessed, triggers for review...)."""
    DISSENT = "dissent"
    """Disagreement, in the words of the party who holds it."""


class PersonVoice(StrEnum):
    """How the person's voice was heard at the meeting."""

    PERSON = "person"
    """The person attended."""
    ADVOCATE = "advocate"
    """An advocate attended for them."""
    REPRESENTATIVE = "representative"
    """Their representative (attorney, deputy...) attended."""
    VIEW_RECORDED = "view_recorded"
    """Neither attended; the person's view was gathered and recorded."""

    @property
    def label(self) -> str:
        return _VOICE_LABELS[self]


_VOICE_LABELS: dict[PersonVoice, str] = {
    PersonVoice.PERSON: "The person attended.",
    PersonVoice.ADVOCATE: "An advocate attended for the person.",
    PersonVoice.REPRESENTATIVE: "The person's representative attended.",
    PersonVoice.VIEW_RECORDED: "The person did not attend; their view was recorded.",
}


@dataclass(frozen=True, slots=True)
class Withdrawal:
    """Why and when something recorded at an open meeting was withdrawn. It is kept, never
    deleted: shown struck through on the meeting's screen and left out of the minutes' substance."""

    at: datetime
    by: str
    reason: str


@dataclass(frozen=True, slots=True)
class Attendee:
    name: str
    agency: str
    role: OwnerKind
    present: bool = True
    id: int | None = None
    """The stored attendee's id (None before it is stored)."""
    member_id: int | None = None
    """The member of the person's circle this attendee is, when picked from it."""
    withdrawn: Withdrawal | None = None


@dataclass(frozen=True, slots=True)
class MeetingItem:
    id: int
    kind: ItemKind
    risk_id: int | None
    risk_activity: str
    """The activity of the linked risk ("" when there is none)."""
    text: str
    party: str
    created_at: datetime
    created_by: str
    withdrawn: Withdrawal | None = None
    corrects_item_id: int | None = None
    """The item of the same (closed) meeting this one corrects, if it is a correction."""


@dataclass(frozen=True, slots=True)
class MeetingView:
    id: int
    person_id: int
    person_name: str
    held_on: date
    title: str
    purpose: str
    chair: str
    person_view: str
    person_voice: PersonVoice
    next_meeting: date | None
    status: MeetingStatus
    framework_version: str
    created_at: datetime
    created_by: str
    version: int
    attendees: tuple[Attendee, ...]
    items: tuple[MeetingItem, ...]
    actions: tuple[ActionView, ...]
    open_action_count: int
    action_withdrawals: Mapping[int, Withdrawal] = field(default_factory=dict)
    """Why each withdrawn action was withdrawn, by action id."""
    action_risks: Mapping[int, int | None] = field(default_factory=dict)
    """The risk each action manages (None for none), by action id."""

    def items_of(self, kind: ItemKind) -> list[MeetingItem]:
        """The entries of one kind still standing (not withdrawn), in the order recorded."""
        return [i for i in self.items if i.kind is kind and i.withdrawn is None]

    @property
    def current_attendees(self) -> tuple[Attendee, ...]:
        """The attendees not withdrawn."""
        return tuple(a for a in self.attendees if a.withdrawn is None)

    @property
    def current_actions(self) -> tuple[ActionView, ...]:
        """The actions agreed and not withdrawn."""
        return tuple(a for a in self.actions if a.status is not ActionStatus.WITHDRAWN)

    @property
    def withdrawn_items(self) -> tuple[MeetingItem, ...]:
        return tuple(i for i in self.items if i.withdrawn is not None)

    def corrections_of(self, item_id: int) -> list[MeetingItem]:
        """The items recorded after closing that correct the item `item_id`."""
        return [i for i in self.items if i.corrects_item_id == item_id]


# ---------------------------------------------------------------------- who came
def clean_attendee(raw: Attendee | Mapping[str, object], position: int) -> Attendee:
    """One attendee given as `Attendee` or a mapping of name, agency, role and present, checked;
    ``position`` (from 1) names them in messages."""
    name: object
    agency: object
    role: object
    present: object
    member: object = None
    if isinstance(raw, Attendee):
        name, agency, role, present = raw.name, raw.agency, raw.role, raw.present
        member = raw.member_id
    elif isinstance(raw, Mapping):
        name, agency = raw.get("name", ""), raw.get("agency", "")
        role, present = raw.get("role", ""), raw.get("present", True)
        member = raw.get("member_id")
    else:
        raise InvalidInput(f"Attendee {position} needs a name, agency and role.")
    if not isinstance(name, str) or not isinstance(agency, str):
        raise InvalidInput(f"Attendee {position} must be written as text.")
    if not isinstance(present, bool):
        raise InvalidInput(f"Say whether attendee {position} was present.")
    name = clean_short_text(name, f"name of attendee {position}", required=True)
    agency = clean_short_text(agency, f"agency of attendee {position}", required=False)
    try:
        kind = role if isinstance(role, OwnerKind) else OwnerKind(str(role).strip().lower())
    except ValueError:
        valid = ", ".join(f"{k.value} ({k.label})" for k in OwnerKind)
        raise InvalidInput(
            f"The role of attendee {position} is not one we know. Choose one of: {valid}."
        ) from None
    if member is not None and (not isinstance(member, int) or isinstance(member, bool)):
        raise InvalidInput(f"Attendee {position} must be named by their place in the circle.")
    return Attendee(name, agency, kind, present, member_id=member)


def voice_of(attendees: Sequence[Attendee], person_view: str) -> PersonVoice:
    """How the person was heard: in person, through an advocate or representative who attended,
    or by their recorded view; InvalidInput (`NO_VOICE`) when none of these."""
    present = {a.role for a in attendees if a.present}
    for kind, voice in (
        (OwnerKind.PERSON, PersonVoice.PERSON),
        (OwnerKind.ADVOCATE, PersonVoice.ADVOCATE),
        (OwnerKind.REPRESENTATIVE, PersonVoice.REPRESENTATIVE),
    ):
        if kind in present:
            return voice
    if not person_view:
        raise InvalidInput(NO_VOICE)
    return PersonVoice.VIEW_RECORDED


# ---------------------------------------------------------------------- what may be recorded
@dataclass(frozen=True, slots=True)
class NewMeeting:
    """A checked meeting, ready to be recorded: when, what for, who chaired and came, and how
    the person's voice was heard."""

    held_on: date
    title: str
    purpose: str
    chair: str
    attendees: tuple[Attendee, ...]
    person_view: str
    voice: PersonVoice

    @classmethod
    def checked(
        cls,
        *,
        held_on: date,
        title: str,
        purpose: str,
        chair: str,
        attendees: Sequence[Mapping[str, object] | Attendee],
        person_view: str = "",
    ) -> NewMeeting:
        """The meeting, or InvalidInput for the first thing to fix (in the order of the form)."""
        if not isinstance(held_on, date):
            raise InvalidInput("Give the date the meeting was held.")
        title = clean_short_text(title, "meeting title", required=True)
        purpose_text = clean_long_text(purpose, "purpose of the meeting")
        if not purpose_text:
            raise InvalidInput("Say what the meeting is for.")
        chair = clean_short_text(chair, "name of the chair", required=True)
        if not attendees:
            raise InvalidInput("List at least one attendee.")
        people = tuple(clean_attendee(a, n) for n, a in enumerate(attendees, start=1))
        view_text = clean_long_text(person_view, "person's view")
        voice = voice_of(people, view_text)
        return cls(held_on, title, purpose_text, chair, people, view_text, voice)


@dataclass(frozen=True, slots=True)
class NewItem:
    """A checked entry for a meeting's record: a risk discussed (with which risk), a decision, a
    note, or a dissent (with who holds it)."""

    kind: ItemKind
    text: str
    party: str
    """Who disagrees, for a dissent; "" otherwise."""
    risk_id: int | None

    @classmethod
    def checked(
        cls, *, kind: ItemKind | str, text: str, risk_id: int | None = None, party: str = ""
    ) -> NewItem:
        try:
            kind = ItemKind(kind)
        except ValueError:
            raise InvalidInput("Choose risk, decision, note or dissent.") from None
        who = ""
        if kind is ItemKind.DISSENT:
            dissent = clean_dissent(party, text)
            who, words = dissent.party, dissent.words
        else:
            words = clean_long_text(text, "meeting item")
            if not words:
                raise InvalidInput("Say what was discussed or decided.")
        if kind is ItemKind.RISK and risk_id is None:
            raise InvalidInput("Choose the risk that was discussed.")
        return cls(kind, words, who, risk_id)


def check_can_add(status: MeetingStatus) -> None:
    """Entries and agreed actions are added only while the meeting is open."""
    if status is not MeetingStatus.OPEN:
        raise InvalidInput("This meeting is closed, so nothing more can be added to it.")


def check_can_close(status: MeetingStatus, held_on: date, next_meeting: date | None) -> None:
    """A meeting is closed once, and the next meeting (if set) is not before it."""
    if status is not MeetingStatus.OPEN:
        raise InvalidInput("This meeting is already closed.")
    if next_meeting is not None and next_meeting < held_on:
        raise InvalidInput("The next meeting cannot be before this one.")


# ---------------------------------------------------------------------- undo and corrections
def clean_reason(reason: str) -> str:
    """The reason something is withdrawn, required: a withdrawal without a reason is refused."""
    words = clean_long_text(reason, "reason for withdrawing it")
    if not words:
        raise InvalidInput("Say why it is being withdrawn.")
    return words


def check_can_withdraw(status: MeetingStatus, already: bool) -> None:
    """Withdrawn once, and only while the meeting is open (after that, record a correction)."""
    if status is not MeetingStatus.OPEN:
        raise InvalidInput(
            "This meeting is closed, so nothing can be withdrawn; record a correction instead."
        )
    if already:
        raise InvalidInput("This has already been withdrawn.")


def check_can_correct(status: MeetingStatus, corrected_withdrawn: bool) -> None:
    """Corrections are recorded once the meeting is closed, and of an entry still standing."""
    if status is not MeetingStatus.CLOSED:
        raise InvalidInput(
            "This meeting is still open: withdraw the entry and add it again instead."
        )
    if corrected_withdrawn:
        raise InvalidInput("That entry was withdrawn, so there is nothing to correct.")


# ---------------------------------------------------------------------- one section's form
def section_entries(
    *, risk_id: int | None, decision: str, party: str, dissent: str, note: str
) -> list[NewItem]:
    """What one section of the meeting screen records about `risk_id` (None: the general
    section): a decision, a dissent in the party's own words and a note, each only when given."""
    entries: list[NewItem] = []
    if decision.strip():
        entries.append(NewItem.checked(kind=ItemKind.DECISION, text=decision, risk_id=risk_id))
    if dissent.strip() or party.strip():
        entries.append(
            NewItem.checked(kind=ItemKind.DISSENT, text=dissent, party=party, risk_id=risk_id)
        )
    if note.strip():
        entries.append(NewItem.checked(kind=ItemKind.NOTE, text=note, risk_id=risk_id))
    return entries


def check_section_action(*, what: str, owner_chosen: bool, due_given: bool) -> bool:
    """Whether an action was asked for in a section's form; InvalidInput when it is half given
    (a what without who, or a who or date without a what)."""
    acting = bool(what.strip()) or owner_chosen or due_given
    if acting and not what.strip():
        raise InvalidInput("Say what will be done, or clear who and by when.")
    if acting and not owner_chosen:
        raise InvalidInput("Choose who will do it, from the person's circle.")
    return acting
