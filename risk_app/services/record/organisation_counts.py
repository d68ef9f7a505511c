"""Counts and ages of late and soon-due work across the organisation, for the safeguarding lead.

The lead oversees every team but does not read case files (`domain/access.py`): this service
returns numbers per team and ages only, never a name, an action's words or a record number, and
its audit event names no record either. Whether an action or a review is late or due soon is
decided by the same rules the teams' own lists use (`ownership.timing`, `plan.review_status`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters.db import Store
from risk_app.adapters.tables import ActionRow, PersonRow, TeamRow
from risk_app.domain import access
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.inputs import Day
from risk_app.domain.record.late_bands import count_by_band
from risk_app.domain.record.ownership import (
    ActionStatus,
    Timing,
    days_to_go,
    due_soon_until,
    timing,
)
from risk_app.domain.record.plan import ReviewStatus
from risk_app.services import audit
from risk_app.services.boundary import checked
from risk_app.services.record import reviews
from risk_app.services.record.risks import action_views

NO_TEAM = "No team"
"""The row for people allocated to no team."""


@dataclass(frozen=True)
class LateWork:
    """How many of one kind of item are late and due soon, and how late the late ones are."""

    overdue: int
    due_soon: int
    longest_late_days: int | None
    """The oldest late item's days past its date; None when nothing is late."""
    by_band: dict[str, int] = field(default_factory=dict)
    """Late items per `late_bands.LATE_BANDS` label, every band named."""


@dataclass(frozen=True)
class TeamCounts:
    team: str
    actions: LateWork
    reviews: LateWork


@dataclass(frozen=True)
class OrganisationCounts:
    teams: tuple[TeamCounts, ...]
    """One row per team with people, by team name (people with no team last)."""
    total: TeamCounts
    """Every team together."""


def _work(days: list[int], soon: int) -> LateWork:
    late = [-d for d in days]
    return LateWork(
        overdue=len(late),
        due_soon=soon,
        longest_late_days=max(late) if late else None,
        by_band=count_by_band(late),
    )


class _Tally:
    def __init__(self) -> None:
        self.late: list[int] = []
        self.soon = 0

    def add(self, state: Timing | ReviewStatus | None, days: int) -> None:
        if state in (Timing.OVERDUE, ReviewStatus.OVERDUE):
            self.late.append(days)
        elif state in (Timing.DUE_SOON, ReviewStatus.DUE_SOON):
            self.soon += 1


def _team_names(session: Session) -> dict[int | None, str]:
    names: dict[int | None, str] = {
        team_id: name for team_id, name in session.execute(select(TeamRow.id, TeamRow.name))
    }
    names[None] = NO_TEAM
    return names


def _actions(session: Session, today: date) -> dict[int | None, _Tally]:
    tallies: dict[int | None, _Tally] = defaultdict(_Tally)
    rows = session.execute(
        select(ActionRow, PersonRow.team_id)
        .join(PersonRow, PersonRow.id == ActionRow.person_id)
        .where(
            ActionRow.status == ActionStatus.OPEN.value,
            ActionRow.due <= due_soon_until(today),
        )
    ).all()
    views = action_views(session, (row.ActionRow for row in rows))
    for row, view in zip(rows, views, strict=True):
        if view.due is not None:
            tallies[row.team_id].add(timing(view, today), days_to_go(view.due, today))
    return tallies


def _reviews(session: Session, today: date) -> dict[int | None, _Tally]:
    tallies: dict[int | None, _Tally] = defaultdict(_Tally)
    everyone = list(session.scalars(select(PersonRow).order_by(PersonRow.id)))
    for person, plan in reviews.plans_in_transaction(session, everyone, today):
        if plan.due is not None:
            tallies[person.team_id].add(plan.status, days_to_go(plan.due, today))
    return tallies


@checked
def organisation_counts(store: Store, *, by: Actor, today: Day | None = None) -> OrganisationCounts:
    """Per team and in total: actions and reviews overdue (with how late) and due soon. Only the
    safeguarding lead (and the operator) may ask; anyone else is refused and the refusal logged."""
    audit.require(store, by, access.can_see_organisation_counts, AuditObject.ORGANISATION_COUNTS)
    today = today or datetime.now(UTC).date()
    with audit.transaction(store, by) as session:
        names = _team_names(session)
        actions, due_reviews = _actions(session, today), _reviews(session, today)
        with_people = (
            set(session.scalars(select(PersonRow.team_id).distinct()))
            | set(actions)
            | set(due_reviews)
        )
        order = sorted(with_people, key=lambda t: (t is None, names.get(t, NO_TEAM)))
        teams = tuple(
            TeamCounts(
                team=names.get(team_id, NO_TEAM),
                actions=_work(actions[team_id].late, actions[team_id].soon),
                reviews=_work(due_reviews[team_id].late, due_reviews[team_id].soon),
            )
            for team_id in order
        )
        every_action = [d for t in actions.values() for d in t.late]
        every_review = [d for t in due_reviews.values() for d in t.late]
        total = TeamCounts(
            team="All teams",
            actions=_work(every_action, sum(t.soon for t in actions.values())),
            reviews=_work(every_review, sum(t.soon for t in due_reviews.values())),
        )
        audit.record(session, by, AuditAction.VIEW, AuditObject.ORGANISATION_COUNTS, "")
        return OrganisationCounts(teams=teams, total=total)
