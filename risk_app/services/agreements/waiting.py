"""Current agreements still waiting for signatures, seen from one member of staff's side: those
waiting for the signature their job gives (the manager's, the practitioner's), those they issued,
and for the safeguarding lead how many wait in each team and for how long, without names.

Who must sign is `signers.missing_signers`; this module only finds each person's current version,
within the actor's team (or, as counts, the organisation), and logs what was shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AgreementVersionRow, PersonRow, TeamRow
from risk_app.domain import access
from risk_app.domain.access import Actor
from risk_app.domain.agreements.content import parse_content
from risk_app.domain.agreements.signers import (
    SignerRequirement,
    missing_signers,
    signs_in_their_job,
)
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import NotPermitted
from risk_app.domain.inputs import Day
from risk_app.services import audit
from risk_app.services.agreements.repository import signature_rows, talk_requested
from risk_app.services.boundary import checked


@dataclass(frozen=True)
class WaitingAgreement:
    """A person's current version that still needs signatures, and how long it has waited."""

    person_id: int
    person_name: str
    team_id: int | None
    version: int
    issued_at: datetime
    issued_by: str
    days_waiting: int
    """Whole days since the version was issued."""
    missing: tuple[SignerRequirement, ...]
    asked_to_talk: tuple[SignerRequirement, ...] = ()


NO_TEAM = "No team"


@dataclass(frozen=True)
class TeamWaiting:
    """How many current agreements in a team wait for signatures, and the longest wait."""

    team: str
    waiting: int
    longest_days: int | None


def current_waiting(
    session: Session, *, team_id: int | None, everywhere: bool = False, today: date
) -> list[WaitingAgreement]:
    """Every person's current version (in `team_id`, or in every team when `everywhere`) that
    still needs a signature, oldest issue first. The caller has checked access."""
    latest = (
        select(
            AgreementVersionRow.person_id,
            func.max(AgreementVersionRow.version).label("version"),
        )
        .group_by(AgreementVersionRow.person_id)
        .subquery()
    )
    statement = (
        select(AgreementVersionRow, PersonRow.display_name, PersonRow.team_id)
        .join(
            latest,
            (latest.c.person_id == AgreementVersionRow.person_id)
            & (latest.c.version == AgreementVersionRow.version),
        )
        .join(PersonRow, PersonRow.id == AgreementVersionRow.person_id)
        .order_by(AgreementVersionRow.issued_at, AgreementVersionRow.id)
    )
    if not everywhere:
        statement = statement.where(PersonRow.team_id == team_id)
    out: list[WaitingAgreement] = []
    for row, name, team in session.execute(statement).all():
        signed = [s.requirement for s in signature_rows(session, row.id)]
        missing = missing_signers(parse_content(row.content), signed)
        if missing:
            out.append(
                WaitingAgreement(
                    person_id=row.person_id,
                    person_name=name,
                    team_id=team,
                    version=row.version,
                    issued_at=row.issued_at,
                    issued_by=row.issued_by,
                    days_waiting=max(0, (today - row.issued_at.date()).days),
                    missing=missing,
                    asked_to_talk=talk_requested(session, row.id, missing),
                )
            )
    return out


def _team_of(by: Actor) -> int:
    if not access.has_team_caseload(by) or by.team_id is None:
        raise NotPermitted(
            "Only practitioners and team managers see their team's agreements.",
            object_type=AuditObject.AGREEMENTS_AWAITING,
        )
    return by.team_id


def _logged(
    session: Session, by: Actor, team_id: int, shown: list[WaitingAgreement], which: str
) -> list[WaitingAgreement]:
    if shown:
        audit.record(
            session,
            by,
            AuditAction.VIEW,
            AuditObject.AGREEMENTS_AWAITING,
            team_id,
            people=",".join(f"{w.person_id}:{w.version}" for w in shown),
            which=which,
        )
    return shown


@checked
def waiting_for_my_signature(
    store: Store, *, by: Actor, today: Day | None = None
) -> list[WaitingAgreement]:
    """Current agreements in the actor's team that still need the signature the actor's job
    gives: a team manager sees those the manager has not signed, a practitioner those no
    practitioner has signed. Oldest first."""
    today = today or datetime.now(UTC).date()
    with audit.transaction(store, by) as session:
        team_id = _team_of(by)
        mine = signs_in_their_job(by.role)
        shown = [
            w
            for w in current_waiting(session, team_id=team_id, today=today)
            if any(m.role is mine for m in w.missing)
        ]
        return _logged(session, by, team_id, shown, f"waiting_for_{mine}")


@checked
def issued_by_me(store: Store, *, by: Actor, today: Day | None = None) -> list[WaitingAgreement]:
    """Current agreements in the actor's team that the actor issued and that still need
    signatures, oldest first: the practitioner's own waiting items."""
    today = today or datetime.now(UTC).date()
    with audit.transaction(store, by) as session:
        team_id = _team_of(by)
        shown = [
            w
            for w in current_waiting(session, team_id=team_id, today=today)
            if w.issued_by == by.username
        ]
        return _logged(session, by, team_id, shown, "issued_by_me")


@checked
def waiting_by_team(store: Store, *, by: Actor, today: Day | None = None) -> list[TeamWaiting]:
    """For the safeguarding lead: per team, how many current agreements wait for signatures and
    the longest wait in days. No names, no record numbers; refused to anyone else."""
    audit.require(store, by, access.can_see_organisation_counts, AuditObject.ORGANISATION_COUNTS)
    today = today or datetime.now(UTC).date()
    with audit.transaction(store, by) as session:
        names: dict[int | None, str] = {
            team_id: name for team_id, name in session.execute(select(TeamRow.id, TeamRow.name))
        }
        ages: dict[int | None, list[int]] = {}
        for item in current_waiting(session, team_id=None, everywhere=True, today=today):
            ages.setdefault(item.team_id, []).append(item.days_waiting)
        audit.record(
            session, by, AuditAction.VIEW, AuditObject.ORGANISATION_COUNTS, "", part="agreements"
        )
        order = sorted(ages, key=lambda team_id: (team_id is None, names.get(team_id, "")))
        return [
            TeamWaiting(
                team=names.get(team_id, NO_TEAM),
                waiting=len(ages[team_id]),
                longest_days=max(ages[team_id]),
            )
            for team_id in order
        ]
