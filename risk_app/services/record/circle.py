"""The people around the person: their circle, each recorded once, for actions, attendees,
acknowledgements and signatories to pick from.

A likely duplicate (the same name and relationship) is offered before a new member is made
(`LikelyDuplicate`), so one person is one signatory. A member who leaves the circle is marked
left, with when, by whom and why, and never deleted. Audit events name ids and field names only.
The circle names third parties and how to reach them, so it is for staff: the person's own
account is refused it, as it is the checks recorded about the people around them.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters.db import Store
from risk_app.adapters.tables import (
    AcknowledgementRow,
    ActionRow,
    CircleMemberRow,
    MeetingAttendeeRow,
)
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import InvalidInput, NotPermitted, StaleEdit
from risk_app.domain.inputs import RecordId, Version
from risk_app.domain.record.circle import (
    CircleMember,
    LikelyDuplicate,
    NewMember,
    likely_duplicates,
)
from risk_app.domain.record.ownership import OwnerKind
from risk_app.domain.roles import Role
from risk_app.domain.text import clean_long_text
from risk_app.services import audit
from risk_app.services.boundary import checked
from risk_app.services.record.people import load_for

FIELDS = ("name", "kind", "relationship", "agency", "contact", "username")
"""The details of a member, as stored (and as named in the audit log when changed)."""


def _staff(actor: Actor) -> bool:
    return actor.role is not Role.INDIVIDUAL


def member_view(row: CircleMemberRow) -> CircleMember:
    """A stored member as the domain sees them."""
    return CircleMember(
        id=row.id,
        person_id=row.person_id,
        name=row.name,
        kind=OwnerKind(row.kind),
        relationship=row.relationship,
        agency=row.agency,
        contact=row.contact,
        username=row.username,
        version=row.version_id,
        created_at=row.created_at,
        created_by=row.created_by,
        left_at=row.left_at,
        left_reason=row.left_reason,
    )


def members_in(
    session: Session, person_id: int, *, include_left: bool = False
) -> list[CircleMember]:
    """The person's circle, inside a caller's (access-checked) transaction."""
    query = select(CircleMemberRow).where(CircleMemberRow.person_id == person_id)
    if not include_left:
        query = query.where(CircleMemberRow.left_at.is_(None))
    return [member_view(r) for r in session.scalars(query.order_by(CircleMemberRow.id))]


@checked
def members_for(
    store: Store, *, by: Actor, person_id: RecordId, include_left: bool = False
) -> list[CircleMember]:
    """The person's circle in the order they joined: current members, and with `include_left`
    those who have left too (staff only)."""
    audit.require(store, by, _staff, AuditObject.CIRCLE, person_id)
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=False)
        members = members_in(session, person.id, include_left=include_left)
        audit.record_person_view(
            session,
            by,
            person,
            AuditObject.CIRCLE.value,
            shown=",".join(str(m.id) for m in members),
        )
        return members


def join_circle(
    session: Session, by: Actor, person_id: int, new: NewMember, *, confirmed_new: bool
) -> CircleMember:
    """Add `new` to the person's circle inside the caller's (access-checked) transaction, or raise
    LikelyDuplicate naming who is already there (unless `confirmed_new`)."""
    if not confirmed_new:
        existing = members_in(session, person_id, include_left=False)
        matches = likely_duplicates(existing, new.name, new.relationship, new.kind)
        if matches:
            raise LikelyDuplicate(matches)
    row = CircleMemberRow(
        person_id=person_id,
        name=new.name,
        kind=new.kind.value,
        relationship=new.relationship,
        agency=new.agency,
        contact=new.contact,
        username=new.username,
        created_at=datetime.now(UTC),
        created_by=by.username,
        left_reason="",
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        by,
        AuditAction.CREATE,
        AuditObject.CIRCLE_MEMBER,
        row.id,
        row.version_id,
        person=person_id,
        kind=row.kind,
        account=row.username is not None,
    )
    return member_view(row)


@checked
def add_member(
    store: Store,
    *,
    by: Actor,
    person_id: RecordId,
    name: str,
    kind: OwnerKind | str | None,
    relationship: str = "",
    agency: str = "",
    contact: str = "",
    username: str | None = None,
    confirmed_new: bool = False,
) -> CircleMember:
    """Add someone to the person's circle. Raises LikelyDuplicate when someone with the same name
    and relationship is already in it, unless `confirmed_new` says this is a different person."""
    new = NewMember.checked(
        name=name,
        kind=kind,
        relationship=relationship,
        agency=agency,
        contact=contact,
        username=username,
    )
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=True)
        return join_circle(session, by, person.id, new, confirmed_new=confirmed_new)


def _member_for(session: Session, by: Actor, member_id: int) -> CircleMemberRow:
    row = session.get(CircleMemberRow, member_id)
    if row is None:
        raise NotPermitted(object_type=AuditObject.CIRCLE_MEMBER, object_id=member_id)
    load_for(session, by, row.person_id, edit=True)
    return row


@checked
def correct_member(
    store: Store,
    *,
    by: Actor,
    member_id: RecordId,
    expected_version: Version,
    name: str,
    kind: OwnerKind | str | None,
    relationship: str,
    agency: str,
    contact: str,
    username: str | None,
) -> CircleMember:
    """Correct a member's details, refusing a stale edit, a member who has left, and a change that
    would make them a likely duplicate of someone else in the circle."""
    new = NewMember.checked(
        name=name,
        kind=kind,
        relationship=relationship,
        agency=agency,
        contact=contact,
        username=username,
    )
    with audit.transaction(store, by) as session:
        row = _member_for(session, by, member_id)
        if row.version_id != expected_version:
            raise StaleEdit("member of the circle", expected_version, row.version_id)
        if row.left_at is not None:
            raise InvalidInput("This person has left the circle: add them again instead.")
        others = [
            m for m in members_in(session, row.person_id, include_left=False) if m.id != row.id
        ]
        matches = likely_duplicates(others, new.name, new.relationship, new.kind)
        if matches:
            raise LikelyDuplicate(matches)
        values = {
            "name": new.name,
            "kind": new.kind.value,
            "relationship": new.relationship,
            "agency": new.agency,
            "contact": new.contact,
            "username": new.username,
        }
        changed = [k for k in FIELDS if getattr(row, k) != values[k]]
        if changed:
            for key in changed:
                setattr(row, key, values[key])
            _follow(session, row)
            session.flush()
            audit.record(
                session,
                by,
                AuditAction.CHANGE,
                AuditObject.CIRCLE_MEMBER,
                row.id,
                row.version_id,
                person=row.person_id,
                fields=",".join(changed),
            )
        return member_view(row)


def _follow(session: Session, member: CircleMemberRow) -> None:
    """Where the record names this member (an action's owner, an attendee, an acknowledgement),
    the corrected name, role and agency, so no screen, minutes or export shows the old ones
    beside the new. An agreement already issued keeps the words it was issued with."""
    for action in session.scalars(select(ActionRow).where(ActionRow.circle_member_id == member.id)):
        action.owner_name, action.owner_kind = member.name, member.kind
    for attendee in session.scalars(
        select(MeetingAttendeeRow).where(MeetingAttendeeRow.circle_member_id == member.id)
    ):
        attendee.name, attendee.agency, attendee.role = member.name, member.agency, member.kind
    for acknowledgement in session.scalars(
        select(AcknowledgementRow).where(AcknowledgementRow.circle_member_id == member.id)
    ):
        acknowledgement.acknowledged_by = member.name


@checked
def leave_circle(
    store: Store, *, by: Actor, member_id: RecordId, expected_version: Version, reason: str
) -> CircleMember:
    """Mark a member as having left the circle (kept, never deleted), with the reason."""
    why = clean_long_text(reason, "reason they left the circle")
    if not why:
        raise InvalidInput("Say why they are no longer part of the person's circle.")
    with audit.transaction(store, by) as session:
        row = _member_for(session, by, member_id)
        if row.version_id != expected_version:
            raise StaleEdit("member of the circle", expected_version, row.version_id)
        if row.left_at is not None:
            raise InvalidInput("This person has already left the circle.")
        row.left_at = datetime.now(UTC)
        row.left_by = by.username
        row.left_reason = why
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.CHANGE,
            AuditObject.CIRCLE_MEMBER,
            row.id,
            row.version_id,
            person=row.person_id,
            fields="left_at,left_by,left_reason",
        )
        return member_view(row)


def member_in(session: Session, person_id: int, member_id: object) -> CircleMember:
    """The member `member_id` of this person's circle, inside another service's transaction (which
    has checked access to the person); InvalidInput if they are not in it (another person's
    member, or one who has left)."""
    if not isinstance(member_id, int) or isinstance(member_id, bool):
        raise InvalidInput("Members of the circle are named by their number.")
    row = session.get(CircleMemberRow, member_id)
    if row is None or row.person_id != person_id or row.left_at is not None:
        raise InvalidInput(f"Member {member_id} is not in this person's circle.")
    return member_view(row)
