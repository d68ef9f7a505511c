"""Multi-agency risk meetings (MARM-style), the use cases: open a meeting, add to its record,
agree actions, close it, read it and export its minutes.

The rules of a meeting (the person's voice, the kinds of entry, what may be recorded when) are in
`risk_app.domain.record.meetings`; this module checks access, stores and audits. Multi-agency
actions are followed up to closure: actions agreed at a meeting are ordinary actions (the
`actions` table) linked to it, so they stay on the person's record and on overdue lists after the
meeting closes. Audit events hold identifiers and field names only. The minutes come from
templates (`risk_app.adapters.minutes`); `export_minutes` checks access and audits.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters.db import Store
from risk_app.adapters.minutes import render_minutes
from risk_app.adapters.tables import (
    ActionRow,
    MeetingActionRow,
    MeetingAttendeeRow,
    MeetingItemRow,
    MeetingRow,
    PersonRow,
    RiskRow,
    TeamRow,
)
from risk_app.config import Settings
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.disclosure import RecordPart
from risk_app.domain.errors import InvalidInput, NotPermitted, StaleEdit
from risk_app.domain.inputs import Day, RecordId, Version
from risk_app.domain.record.meetings import (
    Attendee,
    ItemKind,
    MeetingItem,
    MeetingStatus,
    MeetingView,
    NewItem,
    NewMeeting,
    PersonVoice,
    Withdrawal,
    check_can_add,
    check_can_close,
    clean_attendee,
    voice_of,
)
from risk_app.domain.record.minutes_document import build_minutes
from risk_app.domain.record.ownership import ActionStatus, ActionView, OwnerKind
from risk_app.services import audit, disclosure
from risk_app.services import framework as framework_service
from risk_app.services.boundary import checked
from risk_app.services.record import circle
from risk_app.services.record.people import load_for
from risk_app.services.record.risks import NewAction, acknowledgements_of, check_risks_belong


@dataclass(frozen=True, slots=True)
class MeetingClosed:
    version: int
    open_actions: tuple[ActionView, ...]
    """Actions still open, to be followed up to closure (they stay on the person's record)."""


# ---------------------------------------------------------------------- access
def _meeting_for(session: Session, by: Actor, meeting_id: int, *, edit: bool) -> MeetingRow:
    row = session.get(MeetingRow, meeting_id)
    if row is None:
        raise NotPermitted(object_type=AuditObject.MEETING, object_id=meeting_id)
    person = load_for(session, by, row.person_id, edit=edit)
    # A meeting's record is restricted from the person's own account unless shared (ADR 0010).
    disclosure.check_item(session, by, person, RecordPart.MEETING_RECORD, row.id)
    return row


def meeting_for(session: Session, by: Actor, meeting_id: int, *, edit: bool) -> MeetingRow:
    """The meeting's row, inside a caller's transaction, once access is checked."""
    return _meeting_for(session, by, meeting_id, edit=edit)


def open_meeting_row(session: Session, by: Actor, meeting_id: int) -> MeetingRow:
    """The meeting, for a change: access checked and still open (inside a transaction)."""
    row = _meeting_for(session, by, meeting_id, edit=True)
    check_can_add(MeetingStatus(row.status))
    return row


# ---------------------------------------------------------------------- reading
def _withdrawal(row: MeetingItemRow | MeetingAttendeeRow | MeetingActionRow) -> Withdrawal | None:
    if row.withdrawn_at is None:
        return None
    return Withdrawal(row.withdrawn_at, row.withdrawn_by or "", row.withdrawal_reason or "")


def _action_withdrawals(session: Session, meeting_id: int) -> dict[int, Withdrawal]:
    links = session.scalars(
        select(MeetingActionRow).where(
            MeetingActionRow.meeting_id == meeting_id, MeetingActionRow.withdrawn_at.is_not(None)
        )
    )
    return {link.action_id: w for link in links if (w := _withdrawal(link)) is not None}


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
            Attendee(
                a.name,
                a.agency,
                OwnerKind(a.role),
                a.present,
                id=a.id,
                member_id=getattr(a, "circle_member_id", None),
                withdrawn=_withdrawal(a),
            )
            for a in attendees
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
                withdrawn=_withdrawal(i.MeetingItemRow),
                corrects_item_id=i.MeetingItemRow.corrects_item_id,
            )
            for i in items
        ),
        actions=actions,
        action_withdrawals=_action_withdrawals(session, row.id),
        action_risks={
            action_id: risk_id
            for action_id, risk_id in session.execute(
                select(ActionRow.id, ActionRow.risk_id)
                .join(MeetingActionRow, MeetingActionRow.action_id == ActionRow.id)
                .where(MeetingActionRow.meeting_id == row.id)
            )
        },
        open_action_count=sum(1 for a in actions if a.status is ActionStatus.OPEN),
    )


def view_in(session: Session, row: MeetingRow) -> MeetingView:
    """The meeting as a view, inside a caller's transaction (the caller has checked access)."""
    return _view(session, row)


# ---------------------------------------------------------------------- use cases
def _from_circle(
    session: Session, person_id: int, raw: Mapping[str, object] | Attendee
) -> Mapping[str, object] | Attendee:
    """An attendee named by their place in the person's circle, as the circle records them."""
    if not isinstance(raw, Mapping) or raw.get("member_id") is None:
        return raw
    member = circle.member_in(session, person_id, raw.get("member_id"))
    return {
        "name": member.name,
        "agency": member.agency or member.relationship,
        "role": member.kind,
        "present": raw.get("present"),
        "member_id": member.id,
    }


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
    """Record a meeting about the person, refusing one at which the person's voice is absent.
    An attendee given as ``{"member_id": n, "present": bool}`` is that member of the person's
    circle (their name, agency and role are the circle's)."""
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=True)
        new = NewMeeting.checked(
            held_on=held_on,
            title=title,
            purpose=purpose,
            chair=chair,
            attendees=[_from_circle(session, person.id, a) for a in attendees],
            person_view=person_view,
        )
        row = MeetingRow(
            person_id=person.id,
            held_on=new.held_on,
            title=new.title,
            purpose=new.purpose,
            chair=new.chair,
            person_view=new.person_view,
            person_voice=new.voice.value,
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
                circle_member_id=a.member_id,
            )
            for a in new.attendees
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
            attendees=len(new.attendees),
            voice=new.voice.value,
        )
        return _view(session, row)


@checked
def add_attendee(
    store: Store,
    *,
    by: Actor,
    meeting_id: RecordId,
    present: bool,
    member_id: RecordId | None = None,
    name: str = "",
    agency: str = "",
    role: OwnerKind | str = "",
) -> int:
    """Add someone to an open meeting's attendees (present, or sent apologies): a member of the
    person's circle (`member_id`), or someone named here (the person, or staff)."""
    typed = {"name": name, "agency": agency, "role": role, "present": present}
    if member_id is None:
        clean_attendee(typed, 1)
    with audit.transaction(store, by) as session:
        meeting = open_meeting_row(session, by, meeting_id)
        given = typed if member_id is None else {"member_id": member_id, "present": present}
        attendee = clean_attendee(_from_circle(session, meeting.person_id, given), 1)
        if attendee.member_id is not None and session.scalar(
            select(MeetingAttendeeRow.id).where(
                MeetingAttendeeRow.meeting_id == meeting.id,
                MeetingAttendeeRow.circle_member_id == attendee.member_id,
                MeetingAttendeeRow.withdrawn_at.is_(None),
            )
        ):
            raise InvalidInput(f"{attendee.name} is already listed at this meeting.")
        return _add_attendee_row(session, by, meeting, attendee)


def _add_attendee_row(session: Session, by: Actor, meeting: MeetingRow, a: Attendee) -> int:
    row = MeetingAttendeeRow(
        meeting_id=meeting.id,
        name=a.name,
        agency=a.agency,
        role=a.role.value,
        present=a.present,
        circle_member_id=a.member_id,
    )
    session.add(row)
    current = session.scalars(
        select(MeetingAttendeeRow).where(
            MeetingAttendeeRow.meeting_id == meeting.id, MeetingAttendeeRow.withdrawn_at.is_(None)
        )
    )
    people = [Attendee(r.name, r.agency, OwnerKind(r.role), r.present) for r in current]
    voice = voice_of([*people, a], meeting.person_view)
    if meeting.person_voice != voice.value:
        meeting.person_voice = voice.value
    session.flush()
    audit.record(
        session,
        by,
        AuditAction.CREATE,
        AuditObject.MEETING_ATTENDEE,
        row.id,
        None,
        meeting=meeting.id,
        person=meeting.person_id,
        role=a.role.value,
        present=a.present,
    )
    return row.id


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
    item = NewItem.checked(kind=kind, text=text, risk_id=risk_id, party=party)
    with audit.transaction(store, by) as session:
        return write_item(session, by, open_meeting_row(session, by, meeting_id), item)


def write_item(
    session: Session, by: Actor, meeting: MeetingRow, item: NewItem, *, corrects: int | None = None
) -> int:
    """Store a checked entry in a meeting's record, inside the caller's transaction. The caller
    checked access and the meeting's state: open for an entry (`open_meeting_row`), closed for a
    correction (`corrects`: the id of the item it corrects)."""
    check_risks_belong(session, meeting.person_id, [item.risk_id])
    row = MeetingItemRow(
        meeting_id=meeting.id,
        kind=item.kind.value,
        risk_id=item.risk_id,
        text=item.text,
        party=item.party,
        created_at=datetime.now(UTC),
        created_by=by.username,
        corrects_item_id=corrects,
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
        kind=item.kind.value,
        risk=item.risk_id,
        **({} if corrects is None else {"corrects": corrects}),
    )
    return row.id


@checked
def agree_action(
    store: Store,
    *,
    by: Actor,
    meeting_id: RecordId,
    description: str,
    due: Day | None,
    owner_member_id: RecordId | None = None,
    owner_name: str = "",
    owner_kind: OwnerKind | str = "",
    risk_id: RecordId | None = None,
) -> int:
    """Record an action agreed at an open meeting, as an ordinary action on the person's record
    (validated as `risks.add_action` does) linked to the meeting, in one transaction. The owner
    is a member of the person's circle (`owner_member_id`: their name and kind are the circle's,
    so one person is one owner), or a name and kind (the person themself)."""
    action = NewAction.checked(
        description=description,
        owner_name=owner_name,
        owner_kind=owner_kind or None,
        owner_member_id=owner_member_id,
        due=due,
        risk_id=risk_id,
    )
    with audit.transaction(store, by) as session:
        return write_action(session, by, open_meeting_row(session, by, meeting_id), action)


def write_action(session: Session, by: Actor, meeting: MeetingRow, action: NewAction) -> int:
    """Store a checked action agreed at an open meeting (its owner checked against the person's
    circle as it is written), linked to the meeting, inside the caller's transaction."""
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
        check_can_close(MeetingStatus(row.status), row.held_on, next_meeting)
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


MINUTES_FORMATS = ("html", "text", "pdf", "docx")
NO_ORGANISATION = (
    "The minutes need the organisation's name: ask the administrator to set "
    "RISK_APP_ORGANISATION_NAME, or allocate the person's record to a team."
)


def _organisation(session: Session, person_id: int, settings: Settings) -> str:
    """The configured organisation's name, else the team that holds the record; InvalidInput
    when neither (minutes sent outside must say who sent them)."""
    if settings.organisation_name:
        return settings.organisation_name
    person = session.get(PersonRow, person_id)
    team = session.get(TeamRow, person.team_id) if person and person.team_id else None
    if team is None:
        raise InvalidInput(NO_ORGANISATION)
    return team.name


@checked
def export_minutes(
    store: Store,
    *,
    by: Actor,
    meeting_id: RecordId,
    fmt: Literal["html", "text", "pdf", "docx"],
) -> str | bytes:
    """The meeting's minutes as HTML or plain text (str), or as a tagged PDF or a Word document
    (bytes), all from the one minutes document, headed with the organisation's name and the
    protective marking (risk_app.config); audited as an EXPORT with the format."""
    if fmt not in MINUTES_FORMATS:
        raise InvalidInput("Choose HTML, text, PDF or Word.")
    settings = Settings.from_env()
    with audit.transaction(store, by) as session:
        row = _meeting_for(session, by, meeting_id, edit=False)
        view = _view(session, row)
        document = build_minutes(
            view,
            organisation=_organisation(session, row.person_id, settings),
            marking=settings.protective_marking,
        )
        out = render_minutes(document, fmt)
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
    return out
