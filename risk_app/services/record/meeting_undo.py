"""Undo at a multi-agency risk meeting, the use cases: withdraw an item, an attendee or an agreed
action with a reason while the meeting is open, and after it closes, record a correction that
says which item it corrects.

Nothing is deleted: a withdrawal stamps the row (when, by whom, why) and the screen shows it struck
through; the minutes leave it out of their substance. A withdrawn action gets the status
WITHDRAWN, so it is on no overdue list and needs no signature. The rules are in
`risk_app.domain.record.meetings`; audit events hold ids only (the reason is on the row, the event
says one was given).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters.db import Store
from risk_app.adapters.tables import (
    ActionRow,
    MeetingActionRow,
    MeetingAttendeeRow,
    MeetingItemRow,
    MeetingRow,
)
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import InvalidInput, NotPermitted
from risk_app.domain.inputs import RecordId
from risk_app.domain.record.meetings import (
    Attendee,
    MeetingStatus,
    NewItem,
    check_can_correct,
    check_can_withdraw,
    clean_reason,
    voice_of,
)
from risk_app.domain.record.ownership import ActionStatus, OwnerKind
from risk_app.services import audit
from risk_app.services.boundary import checked
from risk_app.services.record.meetings import meeting_for, write_item

_Stamped = MeetingItemRow | MeetingAttendeeRow | MeetingActionRow


def _stamp(row: _Stamped, by: Actor, reason: str) -> None:
    row.withdrawn_at = datetime.now(UTC)
    row.withdrawn_by = by.username
    row.withdrawal_reason = reason


def _audit(
    session: Session, by: Actor, meeting: MeetingRow, kind: AuditObject, object_id: int
) -> None:
    audit.record(
        session,
        by,
        AuditAction.CHANGE,
        kind,
        object_id,
        None,
        meeting=meeting.id,
        person=meeting.person_id,
        fields="withdrawn",
        reason_given=True,
    )


def _meeting_to_withdraw_from(session: Session, by: Actor, meeting_id: int) -> MeetingRow:
    return meeting_for(session, by, meeting_id, edit=True)


def _not_found(kind: AuditObject, object_id: int) -> NotPermitted:
    return NotPermitted(object_type=kind, object_id=object_id)


@checked
def withdraw_item(
    store: Store, *, by: Actor, meeting_id: RecordId, item_id: RecordId, reason: str
) -> None:
    """Withdraw an item (risk discussed, decision, note, dissent) of an open meeting, with a
    reason; it is kept, shown as withdrawn, and left out of the minutes' substance."""
    why = clean_reason(reason)
    with audit.transaction(store, by) as session:
        meeting = _meeting_to_withdraw_from(session, by, meeting_id)
        row = session.get(MeetingItemRow, item_id)
        if row is None or row.meeting_id != meeting.id:
            raise _not_found(AuditObject.MEETING_ITEM, item_id)
        check_can_withdraw(MeetingStatus(meeting.status), row.withdrawn_at is not None)
        _stamp(row, by, why)
        session.flush()
        _audit(session, by, meeting, AuditObject.MEETING_ITEM, row.id)


@checked
def withdraw_attendee(
    store: Store, *, by: Actor, meeting_id: RecordId, attendee_id: RecordId, reason: str
) -> None:
    """Withdraw an attendee recorded by mistake, with a reason, while the meeting is open. Refused
    when the person's voice would then be absent (record their view first)."""
    why = clean_reason(reason)
    with audit.transaction(store, by) as session:
        meeting = _meeting_to_withdraw_from(session, by, meeting_id)
        row = session.get(MeetingAttendeeRow, attendee_id)
        if row is None or row.meeting_id != meeting.id:
            raise _not_found(AuditObject.MEETING_ATTENDEE, attendee_id)
        check_can_withdraw(MeetingStatus(meeting.status), row.withdrawn_at is not None)
        others = session.scalars(
            select(MeetingAttendeeRow).where(
                MeetingAttendeeRow.meeting_id == meeting.id,
                MeetingAttendeeRow.withdrawn_at.is_(None),
                MeetingAttendeeRow.id != row.id,
            )
        )
        remaining = [Attendee(a.name, a.agency, OwnerKind(a.role), a.present) for a in others]
        voice = voice_of(remaining, meeting.person_view)
        _stamp(row, by, why)
        if meeting.person_voice != voice.value:
            meeting.person_voice = voice.value
        session.flush()
        _audit(session, by, meeting, AuditObject.MEETING_ATTENDEE, row.id)


@checked
def withdraw_action(
    store: Store, *, by: Actor, meeting_id: RecordId, action_id: RecordId, reason: str
) -> None:
    """Withdraw an action agreed at an open meeting (a duplicate, a mistake), with a reason: its
    status becomes WITHDRAWN, so it is on no overdue list and nobody signs for it."""
    why = clean_reason(reason)
    with audit.transaction(store, by) as session:
        meeting = _meeting_to_withdraw_from(session, by, meeting_id)
        link = session.scalar(
            select(MeetingActionRow).where(
                MeetingActionRow.meeting_id == meeting.id,
                MeetingActionRow.action_id == action_id,
            )
        )
        action = session.get(ActionRow, action_id)
        if link is None or action is None:
            raise _not_found(AuditObject.ACTION, action_id)
        check_can_withdraw(MeetingStatus(meeting.status), link.withdrawn_at is not None)
        _stamp(link, by, why)
        action.status = ActionStatus.WITHDRAWN.value
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.CHANGE,
            AuditObject.ACTION,
            action.id,
            action.version_id,
            meeting=meeting.id,
            person=meeting.person_id,
            status=ActionStatus.WITHDRAWN.value,
            reason_given=True,
        )


@checked
def correct_item(
    store: Store,
    *,
    by: Actor,
    meeting_id: RecordId,
    corrects_item_id: RecordId,
    text: str,
    party: str = "",
) -> int:
    """After the meeting closes, record a correction of one of its items: a new item of the same
    kind and risk that says which item it corrects (the original stays as it was)."""
    with audit.transaction(store, by) as session:
        meeting = meeting_for(session, by, meeting_id, edit=True)
        original = session.get(MeetingItemRow, corrects_item_id)
        if original is None or original.meeting_id != meeting.id:
            raise InvalidInput("Choose an item of this meeting to correct.")
        check_can_correct(MeetingStatus(meeting.status), original.withdrawn_at is not None)
        item = NewItem.checked(kind=original.kind, text=text, risk_id=original.risk_id, party=party)
        return write_item(session, by, meeting, item, corrects=original.id)
