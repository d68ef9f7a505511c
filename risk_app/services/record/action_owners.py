"""Who owns an action: the person themself, or someone in their circle, picked once and linked,
so the same person always makes the same signatory of the risk agreement.

`NewAction` is an action checked and ready to be written inside a service's transaction (risks
and meetings both write actions through it). Its owner is one of:

- a member of the person's circle, by id (`owner_member_id`): the owner's name and kind are
  the member's;
- the person themself (owner kind ``person``), who is not a member of their own circle;
- someone new (a name, a role, and optionally a relationship and agency): added to the circle in
  the same transaction. A member with the same name, role and relationship is the same person and
  is used; a likely duplicate (same name and relationship, or same name and role where either has
  no relationship) is refused with `LikelyDuplicate` naming them, unless `owner_confirmed_new`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from risk_app.adapters.tables import ActionRow, PersonRow, RiskRow
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.circle import (
    CircleMember,
    LikelyDuplicate,
    NewMember,
    likely_duplicates,
    name_key,
)
from risk_app.domain.record.ownership import ActionStatus, OwnerKind, validate_owner
from risk_app.domain.text import clean_long_text
from risk_app.services import audit
from risk_app.services.record import circle


def check_risks_belong(session: Session, person_id: int, risk_ids: Iterable[int | None]) -> None:
    """Refuse a link from one person's record to another person's risk."""
    for risk_id in risk_ids:
        if risk_id is None:
            continue
        risk = session.get(RiskRow, risk_id)
        if risk is None or risk.person_id != person_id:
            raise InvalidInput(f"Risk {risk_id} does not belong to this person.")


def _blank(kind: OwnerKind | str | None) -> bool:
    return kind is None or (isinstance(kind, str) and not kind.strip())


def owner_member_in(
    session: Session, by: Actor, person_id: int, new: NewMember, *, confirmed_new: bool
) -> CircleMember:
    """The circle member `new` describes: the member already there with the same name, role and
    relationship, or a new member (LikelyDuplicate for a likely one, unless `confirmed_new`)."""
    current = circle.members_in(session, person_id)
    if not confirmed_new:
        same = [
            m
            for m in current
            if name_key(m.name) == name_key(new.name)
            and m.kind is new.kind
            and name_key(m.relationship) == name_key(new.relationship)
        ]
        if len(same) == 1:
            return same[0]
        matches = likely_duplicates(current, new.name, new.relationship, new.kind)
        if matches:
            raise LikelyDuplicate(matches)
    return circle.join_circle(session, by, person_id, new, confirmed_new=True)


@dataclass(frozen=True)
class NewAction:
    """A checked action, ready to be written: what, by whom (no account needed), by when."""

    description: str
    owner_name: str
    """The owner's name as typed ("" when the owner is a circle member, named by id)."""
    owner_kind: OwnerKind | None
    due: date | None
    risk_id: int | None
    owner_member_id: int | None = None
    new_owner: NewMember | None = None
    """Someone new to the circle, added to it when the action is written."""
    owner_confirmed_new: bool = False

    @classmethod
    def checked(
        cls,
        *,
        description: str,
        owner_name: str = "",
        owner_kind: OwnerKind | str | None = None,
        due: date | None,
        risk_id: int | None,
        owner_member_id: int | None = None,
        owner_relationship: str = "",
        owner_agency: str = "",
        owner_confirmed_new: bool = False,
    ) -> NewAction:
        """Check the action and its owner: a circle member by id, or a name with a role chosen
        (no role is assumed), not both."""
        text = clean_long_text(description, "action")
        if not text:
            raise InvalidInput("Say what will be done.")
        if owner_member_id is not None:
            if owner_name.strip() or not _blank(owner_kind):
                raise InvalidInput(
                    "Choose the owner from the person's circle, or give someone new: not both."
                )
            return cls(text, "", None, due, risk_id, owner_member_id=owner_member_id)
        if _blank(owner_kind):
            raise InvalidInput("Choose who will do it, and their role.")
        if str(owner_kind).strip().lower() == OwnerKind.PERSON and not owner_name.strip():
            return cls(text, "", OwnerKind.PERSON, due, risk_id)  # named as their record names them
        name, kind = validate_owner(owner_name, owner_kind or "")
        if kind is OwnerKind.PERSON:
            return cls(text, name, kind, due, risk_id)
        new = NewMember.checked(
            name=name, kind=kind, relationship=owner_relationship, agency=owner_agency
        )
        return cls(
            text,
            name,
            kind,
            due,
            risk_id,
            new_owner=new,
            owner_confirmed_new=owner_confirmed_new,
        )

    def owner(
        self, session: Session, by: Actor, person_id: int
    ) -> tuple[str, OwnerKind, int | None]:
        """The owner's name, kind and circle member (None for the person themself)."""
        if self.owner_member_id is not None:
            member = circle.member_in(session, person_id, self.owner_member_id)
        elif self.new_owner is not None:
            member = owner_member_in(
                session, by, person_id, self.new_owner, confirmed_new=self.owner_confirmed_new
            )
        else:
            assert self.owner_kind is not None  # checked: the person themself
            person = session.get(PersonRow, person_id)
            name = self.owner_name or (person.display_name if person else "")
            return name, self.owner_kind, None
        return member.name, member.kind, member.id

    def write(
        self, session: Session, *, by: Actor, person_id: int, **detail: str | int | None
    ) -> int:
        """Add the action to the person's record, inside the caller's (access-checked)
        transaction, adding a new owner to the person's circle."""
        check_risks_belong(session, person_id, [self.risk_id])
        name, kind, member_id = self.owner(session, by, person_id)
        row = ActionRow(
            person_id=person_id,
            risk_id=self.risk_id,
            description=self.description,
            owner_name=name,
            owner_kind=kind.value,
            circle_member_id=member_id,
            due=self.due,
            status=ActionStatus.OPEN.value,
            created_at=datetime.now(UTC),
            created_by=by.username,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.CREATE,
            AuditObject.ACTION,
            row.id,
            row.version_id,
            person=person_id,
            risk=self.risk_id,
            member=member_id,
            **detail,
        )
        return row.id
