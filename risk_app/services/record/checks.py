"""Checks recorded: safer recruitment of personal assistants (the disclosure check of the person's
nation: a DBS check in England and Wales, PVG membership in Scotland; references, employer's
liability insurance) and a care provider's registration with the nation's regulator.

Staff only: a check names a third party (a personal assistant, a provider), so the person's own
account neither records nor lists them. A check is never edited; a later check is a new record.
The rules are in risk_app.domain.record.checks; the touchpoint a check evidences comes from the
framework graph (see risk_app.domain.record.evidence).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import CheckRow
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import InvalidInput
from risk_app.domain.inputs import Day, RecordId
from risk_app.domain.record.checks import CheckKind, CheckOutcome, checked_outcome, offered_in
from risk_app.domain.roles import STAFF_ROLES_WITH_TEAMS, Role
from risk_app.domain.text import clean_long_text, clean_short_text
from risk_app.services import audit
from risk_app.services.boundary import checked
from risk_app.services.record.people import listed_for, load_for


@dataclass(frozen=True)
class CheckView:
    id: int
    person_id: int
    kind: CheckKind
    about: str
    done_on: date
    outcome: CheckOutcome
    note: str
    recorded_at: datetime
    recorded_by: str


def _view(row: CheckRow) -> CheckView:
    return CheckView(
        id=row.id,
        person_id=row.person_id,
        kind=CheckKind(row.kind),
        about=row.about,
        done_on=row.done_on,
        outcome=CheckOutcome(row.outcome),
        note=row.note,
        recorded_at=row.recorded_at,
        recorded_by=row.recorded_by,
    )


def _records_checks(actor: Actor) -> bool:
    return actor.role in STAFF_ROLES_WITH_TEAMS


def _sees_checks(actor: Actor) -> bool:
    return actor.role is not Role.INDIVIDUAL


@checked
def record_check(
    store: Store,
    *,
    by: Actor,
    person_id: RecordId,
    kind: CheckKind | str,
    about: str,
    done_on: Day,
    outcome: CheckOutcome | str,
    note: str = "",
) -> CheckView:
    """Record a check done about someone around the person; refuse a future date, a check of
    another nation (a DBS check for a person in Scotland), or a result that is not satisfactory
    without a note saying what was found and done."""
    audit.require(store, by, _records_checks, AuditObject.CHECK)
    note = clean_long_text(note, "note")
    chosen_kind, chosen = checked_outcome(str(kind), str(outcome), note)
    about = clean_short_text(
        about, "name of who or what was checked (a personal assistant, a provider)", required=True
    )
    now = datetime.now(UTC)
    if done_on > now.date():
        raise InvalidInput("A check cannot be recorded as done in the future.")
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=True)
        offered_in(chosen_kind, person.jurisdiction)
        row = CheckRow(
            person_id=person.id,
            kind=chosen_kind.value,
            about=about,
            done_on=done_on,
            outcome=chosen.value,
            note=note,
            recorded_at=now,
            recorded_by=by.username,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.CREATE,
            AuditObject.CHECK,
            row.id,
            person=person.id,
            kind=row.kind,
            outcome=row.outcome,
        )
        return _view(row)


@checked
def checks_for(store: Store, *, by: Actor, person_id: RecordId) -> list[CheckView]:
    """The person's checks, newest first (staff only)."""
    audit.require(store, by, _sees_checks, AuditObject.CHECKS, person_id)
    return listed_for(
        store,
        by,
        person_id,
        AuditObject.CHECKS.value,
        lambda pid: (
            select(CheckRow)
            .where(CheckRow.person_id == pid)
            .order_by(CheckRow.done_on.desc(), CheckRow.id.desc())
        ),
        _view,
        lambda v: str(v.id),
    )
