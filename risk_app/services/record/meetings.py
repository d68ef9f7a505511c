"""Multi-agency risk meetings (MARM-style): who came, the person's voice, what was discussed and
decided, disagreement in each party's words, actions agreed with owners, and the next meeting.

Agendas for these meetings cover the person's views and desired outcomes, capacity, the actions
agreed, triggers for review, any disagreement and the next date; multi-agency actions are followed
up to closure. A meeting is refused unless the person attended, an advocate or representative
spoke for them, or their own view is recorded. Actions agreed at a meeting are ordinary actions
(the `actions` table) linked to it, so they stay on the person's record and on overdue lists after
the meeting closes. Audit events hold identifiers and field names only. Minutes are produced by
pure functions (`minutes_text`, `minutes_html`); `export_minutes` checks access and audits.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters.db import Store
from risk_app.adapters.tables import (
    ActionRow,
    MeetingActionRow,
    MeetingAttendeeRow,
    MeetingItemRow,
    MeetingRow,
    PersonRow,
    RiskRow,
)
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.disclosure import RecordPart
from risk_app.domain.errors import InvalidInput, NotPermitted, StaleEdit
from risk_app.domain.inputs import Day, RecordId, Version
from risk_app.domain.record.dissent import clean_dissent
from risk_app.domain.record.ownership import (
    OWNERSHIP_COLUMNS,
    ActionStatus,
    ActionView,
    OwnerKind,
    ownership_table,
)
from risk_app.domain.text import clean_long_text, clean_short_text
from risk_app.services import audit, disclosure
from risk_app.services import framework as framework_service
from risk_app.services.boundary import checked
from risk_app.services.record.people import load_for
from risk_app.services.record.risks import NewAction, acknowledgements_of, check_risks_belong

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
class Attendee:
    name: str
    agency: str
    role: OwnerKind
    present: bool = True


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


@dataclass(frozen=True, slots=True)
class MeetingClosed:
    version: int
    open_actions: tuple[ActionView, ...]
    """Actions still open, to be followed up to closure (they stay on the person's record)."""


# ---------------------------------------------------------------------- validation
def _attendee(raw: Attendee | Mapping[str, object], position: int) -> Attendee:
    name: object
    agency: object
    role: object
    present: object
    if isinstance(raw, Attendee):
        name, agency, role, present = raw.name, raw.agency, raw.role, raw.present
    elif isinstance(raw, Mapping):
        name, agency = raw.get("name", ""), raw.get("agency", "")
        role, present = raw.get("role", ""), raw.get("present", True)
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
    return Attendee(name, agency, kind, present)


def _voice(attendees: Sequence[Attendee], person_view: str) -> PersonVoice:
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


def _meeting_for(session: Session, by: Actor, meeting_id: int, *, edit: bool) -> MeetingRow:
    row = session.get(MeetingRow, meeting_id)
    if row is None:
        raise NotPermitted(object_type=AuditObject.MEETING, object_id=meeting_id)
    person = load_for(session, by, row.person_id, edit=edit)
    # A meeting's record is restricted from the person's own account unless shared (ADR 0010).
    disclosure.check_item(session, by, person, RecordPart.MEETING_RECORD, row.id)
    return row


def _open_meeting_for(session: Session, by: Actor, meeting_id: int) -> MeetingRow:
    row = _meeting_for(session, by, meeting_id, edit=True)
    if row.status != MeetingStatus.OPEN.value:
        raise InvalidInput("This meeting is closed, so nothing more can be added to it.")
    return row


# ---------------------------------------------------------------------- reading
def _action_views(session: Session, meeting_id: int) -> tuple[ActionView, ...]:
    rows = session.scalars(
        select(ActionRow)
        .join(MeetingActionRow, MeetingActionRow.action_id == ActionRow.id)
        .where(MeetingActionRow.meeting_id == meeting_id)
        .order_by(ActionRow.id)
    ).all()
    acknowledged = acknowledgements_of(session, (r.id for r in rows))
    return tuple(
        ActionView(
            id=r.id,
            description=r.description,
            owner_name=r.owner_name,
            owner_kind=OwnerKind(r.owner_kind),
            due=r.due,
            status=ActionStatus(r.status),
            acknowledged=r.id in acknowledged,
            version=r.version_id,
            acknowledged_by=acknowledged.get(r.id, ()),
        )
        for r in rows
    )


def _view(session: Session, row: MeetingRow) -> MeetingView:
    person = session.get(PersonRow, row.person_id)
    attendees = session.scalars(
        select(MeetingAttendeeRow)
        .where(MeetingAttendeeRow.meeting_id == row.id)
        .order_by(MeetingAttendeeRow.id)
    )
    items = session.execute(
        select(MeetingItemRow, RiskRow.activity)
        .outerjoin(RiskRow, RiskRow.id == MeetingItemRow.risk_id)
        .where(MeetingItemRow.meeting_id == row.id)
        .order_by(MeetingItemRow.id)
    ).all()
    actions = _action_views(session, row.id)
    return MeetingView(
        id=row.id,
        person_id=row.person_id,
        person_name=person.display_name if person else "",
        held_on=row.held_on,
        title=row.title,
        purpose=row.purpose,
        chair=row.chair,
        person_view=row.person_view,
        person_voice=PersonVoice(row.person_voice),
        next_meeting=row.next_meeting,
        status=MeetingStatus(row.status),
        framework_version=row.framework_version,
        created_at=row.created_at,
        created_by=row.created_by,
        version=row.version_id,
        attendees=tuple(
            Attendee(a.name, a.agency, OwnerKind(a.role), a.present) for a in attendees
        ),
        items=tuple(
            MeetingItem(
                id=i.MeetingItemRow.id,
                kind=ItemKind(i.MeetingItemRow.kind),
                risk_id=i.MeetingItemRow.risk_id,
                risk_activity=i.activity or "",
                text=i.MeetingItemRow.text,
                party=i.MeetingItemRow.party,
                created_at=i.MeetingItemRow.created_at,
                created_by=i.MeetingItemRow.created_by,
            )
            for i in items
        ),
        actions=actions,
        open_action_count=sum(1 for a in actions if a.status is ActionStatus.OPEN),
    )


def view_in(session: Session, row: MeetingRow) -> MeetingView:
    """The meeting as a view, inside a caller's transaction (the caller has checked access)."""
    return _view(session, row)


# ---------------------------------------------------------------------- use cases
@checked
def open_meeting(
    store: Store,
    *,
    by: Actor,
    person_id: RecordId,
    held_on: Day,
    title: str,
    purpose: str,
    chair: str,
    attendees: Sequence[Mapping[str, object] | Attendee],
    person_view: str = "",
) -> MeetingView:
    """Record a meeting about the person, refusing one at which the person's voice is absent."""
    if not isinstance(held_on, date):
        raise InvalidInput("Give the date the meeting was held.")
    title = clean_short_text(title, "meeting title", required=True)
    purpose_text = clean_long_text(purpose, "purpose of the meeting")
    if not purpose_text:
        raise InvalidInput("Say what the meeting is for.")
    chair = clean_short_text(chair, "name of the chair", required=True)
    if not attendees:
        raise InvalidInput("List at least one attendee.")
    people = [_attendee(a, n) for n, a in enumerate(attendees, start=1)]
    view_text = clean_long_text(person_view, "person's view")
    voice = _voice(people, view_text)
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=True)
        row = MeetingRow(
            person_id=person.id,
            held_on=held_on,
            title=title,
            purpose=purpose_text,
            chair=chair,
            person_view=view_text,
            person_voice=voice.value,
            next_meeting=None,
            status=MeetingStatus.OPEN.value,
            framework_version=framework_service.version(),
            created_at=datetime.now(UTC),
            created_by=by.username,
        )
        session.add(row)
        session.flush()
        session.add_all(
            MeetingAttendeeRow(
                meeting_id=row.id,
                name=a.name,
                agency=a.agency,
                role=a.role.value,
                present=a.present,
            )
            for a in people
        )
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.CREATE,
            AuditObject.MEETING,
            row.id,
            row.version_id,
            person=person.id,
            attendees=len(people),
            voice=voice.value,
        )
        return _view(session, row)


@checked
def add_item(
    store: Store,
    *,
    by: Actor,
    meeting_id: RecordId,
    kind: ItemKind | str,
    text: str,
    risk_id: RecordId | None = None,
    party: str = "",
) -> int:
    """Add a risk discussed, a decision, a note or a dissent to an open meeting's record."""
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
    with audit.transaction(store, by) as session:
        meeting = _open_meeting_for(session, by, meeting_id)
        check_risks_belong(session, meeting.person_id, [risk_id])
        row = MeetingItemRow(
            meeting_id=meeting.id,
            kind=kind.value,
            risk_id=risk_id,
            text=words,
            party=who,
            created_at=datetime.now(UTC),
            created_by=by.username,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.CREATE,
            AuditObject.MEETING_ITEM,
            row.id,
            None,
            meeting=meeting.id,
            person=meeting.person_id,
            kind=kind.value,
            risk=risk_id,
        )
        return row.id


@checked
def agree_action(
    store: Store,
    *,
    by: Actor,
    meeting_id: RecordId,
    description: str,
    owner_name: str,
    owner_kind: OwnerKind | str,
    due: Day | None,
    risk_id: RecordId | None = None,
) -> int:
    """Record an action agreed at an open meeting, as an ordinary action on the person's record
    (validated as `risks.add_action` does) linked to the meeting, in one transaction."""
    action = NewAction.checked(
        description=description,
        owner_name=owner_name,
        owner_kind=owner_kind,
        due=due,
        risk_id=risk_id,
    )
    with audit.transaction(store, by) as session:
        meeting = _open_meeting_for(session, by, meeting_id)
        action_id = action.write(session, by=by, person_id=meeting.person_id, meeting=meeting.id)
        session.add(MeetingActionRow(meeting_id=meeting.id, action_id=action_id))
        session.flush()
        return action_id


@checked
def close_meeting(
    store: Store,
    *,
    by: Actor,
    meeting_id: RecordId,
    expected_version: Version,
    next_meeting: Day | None = None,
) -> MeetingClosed:
    """Close the meeting's record, refusing a stale edit. Open actions are returned (and their ids
    audited) so they are followed up; they stay on the person's record and on overdue lists."""
    if next_meeting is not None and not isinstance(next_meeting, date):
        raise InvalidInput("Give the date of the next meeting, or leave it blank.")
    with audit.transaction(store, by) as session:
        row = _meeting_for(session, by, meeting_id, edit=True)
        if row.version_id != expected_version:
            raise StaleEdit("meeting", expected_version, row.version_id)
        if row.status != MeetingStatus.OPEN.value:
            raise InvalidInput("This meeting is already closed.")
        if next_meeting is not None and next_meeting < row.held_on:
            raise InvalidInput("The next meeting cannot be before this one.")
        row.status = MeetingStatus.CLOSED.value
        row.next_meeting = next_meeting
        session.flush()
        still_open = tuple(
            a for a in _action_views(session, row.id) if a.status is ActionStatus.OPEN
        )
        audit.record(
            session,
            by,
            AuditAction.CHANGE,
            AuditObject.MEETING,
            row.id,
            row.version_id,
            person=row.person_id,
            fields="status,next_meeting",
            open_actions=",".join(str(a.id) for a in still_open),
        )
        return MeetingClosed(row.version_id, still_open)


@checked
def meetings_for(store: Store, *, by: Actor, person_id: RecordId) -> list[MeetingView]:
    """The person's meetings, newest first."""
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=False)
        rows = disclosure.readable(
            session,
            by,
            person,
            RecordPart.MEETING_RECORD,
            session.scalars(
                select(MeetingRow)
                .where(MeetingRow.person_id == person.id)
                .order_by(MeetingRow.held_on.desc(), MeetingRow.id.desc())
            ).all(),
            lambda r: r.id,
        )
        result = [_view(session, r) for r in rows]
        audit.record_person_view(
            session,
            by,
            person,
            "meetings",
            meetings=",".join(str(r.id) for r in rows),
        )
        return result


@checked
def meeting(store: Store, *, by: Actor, meeting_id: RecordId) -> MeetingView:
    with audit.transaction(store, by) as session:
        row = _meeting_for(session, by, meeting_id, edit=False)
        audit.record(
            session,
            by,
            AuditAction.VIEW,
            AuditObject.MEETING,
            row.id,
            row.version_id,
            person=row.person_id,
        )
        return _view(session, row)


@checked
def export_minutes(
    store: Store, *, by: Actor, meeting_id: RecordId, fmt: Literal["html", "text"]
) -> str:
    """The meeting's minutes as HTML or plain text, audited as an EXPORT."""
    if fmt not in ("html", "text"):
        raise InvalidInput("Choose html or text.")
    with audit.transaction(store, by) as session:
        row = _meeting_for(session, by, meeting_id, edit=False)
        view = _view(session, row)
        audit.record(
            session,
            by,
            AuditAction.EXPORT,
            AuditObject.MEETING,
            row.id,
            row.version_id,
            person=row.person_id,
            format=fmt,
            actions=",".join(str(a.id) for a in view.actions),
        )
    return minutes_html(view) if fmt == "html" else minutes_text(view)


# ---------------------------------------------------------------------- minutes (pure)
def _date(value: date | None) -> str:
    return "Not set" if value is None else f"{value.day} {value:%B %Y}"


def _of(view: MeetingView, kind: ItemKind) -> list[MeetingItem]:
    return [i for i in view.items if i.kind is kind]


def _attendee_rows(view: MeetingView) -> list[dict[str, str]]:
    return [
        {
            "Name": a.name,
            "Agency": a.agency or "-",
            "Role": a.role.label,
            "Attended": "Present" if a.present else "Absent",
        }
        for a in view.attendees
    ]


ATTENDEE_COLUMNS = ("Name", "Agency", "Role", "Attended")


def minutes_text(view: MeetingView) -> str:
    """The minutes as plain text."""
    out = [
        view.title,
        "=" * len(view.title),
        f"Date: {_date(view.held_on)}",
        f"Person: {view.person_name}",
        f"Chair: {view.chair}",
        f"Purpose: {view.purpose}",
        f"Status: {view.status.value.capitalize()}",
        "",
        "Attendees",
        "---------",
    ]
    out += [
        f"- {r['Name']} ({r['Agency']}, {r['Role']}): {r['Attended']}" for r in _attendee_rows(view)
    ]
    out += ["", "The person's view", "-----------------", view.person_voice.label]
    out.append(view.person_view or "No separate view recorded.")
    out += ["", "Risks discussed", "---------------"]
    out += [f"- {i.risk_activity}: {i.text}" for i in _of(view, ItemKind.RISK)] or ["None."]
    out += ["", "Decisions", "---------"]
    out += [f"- {i.text}" for i in _of(view, ItemKind.DECISION)] or ["None."]
    out += ["", "Notes", "-----"]
    out += [f"- {i.text}" for i in _of(view, ItemKind.NOTE)] or ["None."]
    out += ["", "Disagreement", "------------"]
    out += [f"- {i.party}: {i.text}" for i in _of(view, ItemKind.DISSENT)] or ["None recorded."]
    out += ["", "Actions agreed", "--------------"]
    rows = ownership_table(view.actions)
    out += [" | ".join(f"{c}: {r[c]}" for c in OWNERSHIP_COLUMNS) for r in rows] or ["None."]
    out += [f"Open actions: {view.open_action_count}"]
    out += ["", "Next meeting", "------------", _date(view.next_meeting)]
    return "\n".join(out) + "\n"


def _e(value: str) -> str:
    return html.escape(value, quote=True).replace("\n", "<br>")


def _table(caption: str, columns: Sequence[str], rows: Sequence[Mapping[str, str]]) -> str:
    if not rows:
        return "<p>None.</p>"
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_e(r[c])}</td>" for c in columns) + "</tr>" for r in rows
    )
    return (
        f"<table><caption>{_e(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _list(items: Sequence[str], empty: str = "None.") -> str:
    if not items:
        return f"<p>{_e(empty)}</p>"
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def minutes_html(view: MeetingView) -> str:
    """The minutes as a complete, accessible HTML document. Every piece of user text is escaped."""
    risks = [
        f"<strong>{_e(i.risk_activity)}</strong>: {_e(i.text)}" for i in _of(view, ItemKind.RISK)
    ]
    decisions = [_e(i.text) for i in _of(view, ItemKind.DECISION)]
    notes = [_e(i.text) for i in _of(view, ItemKind.NOTE)]
    dissent = [f"<strong>{_e(i.party)}</strong>: {_e(i.text)}" for i in _of(view, ItemKind.DISSENT)]
    parts = [
        "<!doctype html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_e(view.title)} - minutes</title>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{_e(view.title)}</h1>",
        "<dl>",
        f"<dt>Date</dt><dd>{_e(_date(view.held_on))}</dd>",
        f"<dt>Person</dt><dd>{_e(view.person_name)}</dd>",
        f"<dt>Chair</dt><dd>{_e(view.chair)}</dd>",
        f"<dt>Purpose</dt><dd>{_e(view.purpose)}</dd>",
        f"<dt>Status</dt><dd>{_e(view.status.value.capitalize())}</dd>",
        "</dl>",
        "<h2>Attendees</h2>",
        _table("Who was invited and who attended", ATTENDEE_COLUMNS, _attendee_rows(view)),
        "<h2>The person's view</h2>",
        f"<p>{_e(view.person_voice.label)}</p>",
        f"<p>{_e(view.person_view or 'No separate view recorded.')}</p>",
        "<h2>Risks discussed</h2>",
        _list(risks),
        "<h2>Decisions</h2>",
        _list(decisions),
        "<h2>Notes</h2>",
        _list(notes),
        "<h2>Disagreement</h2>",
        _list(dissent, "None recorded."),
        "<h2>Actions agreed</h2>",
        _table("Who does what, by when", OWNERSHIP_COLUMNS, ownership_table(view.actions)),
        f"<p>Open actions: {view.open_action_count}</p>",
        "<h2>Next meeting</h2>",
        f"<p>{_e(_date(view.next_meeting))}</p>",
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"
