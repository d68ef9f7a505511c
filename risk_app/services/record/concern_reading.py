"""One safeguarding concern on its own, for whoever may act on it without reading the rest of the
person's record: the safeguarding lead decides on the duty (the test of the concern's nation:
England's Section 42, Scotland's duty to inquire, Wales's Section 126) and takes the concern's
other steps across the organisation (`concern_steps`), so the lead opens the concern itself, with
the person's name and team (a decision on a named adult needs them), and nothing else of the
record. The rule is `domain.access.can_read_concern`; every read is audited as a view of the
person's record, like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import PersonRow, SafeguardingConcernRow, TeamRow
from risk_app.domain import access
from risk_app.domain.access import Actor, PersonScope
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import NotPermitted
from risk_app.domain.inputs import RecordId
from risk_app.domain.record.concern_lifecycle import ConcernState, Step, steps_for
from risk_app.domain.record.concern_words import ConcernWords
from risk_app.domain.record.working_days import day_in_england
from risk_app.domain.roles import Role
from risk_app.services import audit
from risk_app.services.boundary import checked
from risk_app.services.record.safeguarding import ConcernView, facts_of, view_in

NO_TEAM = "No team"


@dataclass(frozen=True)
class ConcernCase:
    """A concern as its page shows it: the concern, whom it is about, and the steps the reader
    may take on it now."""

    concern: ConcernView
    person_name: str
    team: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class ConcernToAct:
    """A concern not yet closed, in a list the safeguarding lead acts from: record number, team,
    where it stands and the steps the lead may take; no name and no content."""

    concern_id: int
    team: str
    state: ConcernState
    raised_on: date
    steps: tuple[Step, ...]
    words: ConcernWords
    """The words of the nation whose law the concern follows, for its state and steps."""


@checked
def concern_case(store: Store, *, by: Actor, concern_id: RecordId) -> ConcernCase:
    """One concern with the person's name and team, for staff allocated to the person and the
    safeguarding lead; refused (and the refusal logged) to anyone else."""
    with audit.transaction(store, by) as session:
        row = session.get(SafeguardingConcernRow, concern_id)
        person = session.get(PersonRow, row.person_id) if row is not None else None
        if (
            row is None
            or person is None
            or not access.can_read_concern(by, PersonScope(person.id, person.team_id))
        ):
            raise NotPermitted(object_type=AuditObject.SAFEGUARDING_CONCERN, object_id=concern_id)
        team = session.get(TeamRow, person.team_id) if person.team_id is not None else None
        audit.record_person_view(session, by, person, "safeguarding_concern", concern=row.id)
        return ConcernCase(
            concern=view_in(session, row),
            person_name=person.display_name,
            team=team.name if team is not None else NO_TEAM,
            steps=steps_for(by, facts_of(row), person.team_id),
        )


@checked
def concerns_to_act_on(store: Store, *, by: Actor) -> list[ConcernToAct]:
    """For the safeguarding lead: every concern in the organisation not yet closed, oldest first,
    with the steps the lead may take on it now (by record number and team only)."""
    what = AuditObject.SAFEGUARDING_CONCERNS_OPEN
    with audit.transaction(store, by) as session:
        if not (by.role is Role.SAFEGUARDING_LEAD or by.is_operator):
            raise NotPermitted(object_type=what)
        found = session.execute(
            select(SafeguardingConcernRow, PersonRow.team_id, TeamRow.name)
            .join(PersonRow, PersonRow.id == SafeguardingConcernRow.person_id)
            .outerjoin(TeamRow, TeamRow.id == PersonRow.team_id)
            .where(SafeguardingConcernRow.state != ConcernState.CLOSED.value)
            .order_by(SafeguardingConcernRow.raised_at, SafeguardingConcernRow.id)
        ).all()
        out = [
            ConcernToAct(
                concern_id=row.id,
                team=team or NO_TEAM,
                state=ConcernState(row.state),
                raised_on=day_in_england(row.raised_at),
                steps=steps_for(by, facts_of(row), team_id),
                words=facts_of(row).words,
            )
            for row, team_id, team in found
        ]
        audit.record(
            session,
            by,
            AuditAction.VIEW,
            what,
            "organisation",
            concerns=",".join(str(c.concern_id) for c in out),
        )
        return out
