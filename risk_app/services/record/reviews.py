"""Review dates: when each person's plan (and direct payment) must next be reviewed.

The interval comes from the law of the person's nation (`risk_app.domain.record.review_rules`,
reading the law book): in England a direct payment's first review within six months, then at
least every twelve months (DP Regulations 2014, reg 7), and a plan's light-touch review six to
eight weeks after sign-off, then at least every twelve months (CSSG para 13.32). Scotland and Wales
have no interval held, so their dates are the ones agreed with the person. A triggered review
(capacity changed, money not used as intended, safety compromised, asked for...) brings the date
forward. This module keeps the dates and lists what is due.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from framework.law import law_book
from risk_app.adapters.db import Store
from risk_app.adapters.tables import PersonRow, PlanValidationRow, ReviewRow
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import InvalidInput, NotPermitted
from risk_app.domain.inputs import Day, RecordId
from risk_app.domain.record.next_review import ReviewSource, SourceKind, next_review
from risk_app.domain.record.plan import (
    AGREED_OUTCOMES,
    ReviewKind,
    ReviewStatus,
    ReviewTrigger,
    days_overdue,
    review_status,
)
from risk_app.domain.record.review_rules import ReviewFacts, no_interval_note, rule_sources
from risk_app.domain.roles import Role
from risk_app.domain.text import clean_long_text
from risk_app.services import audit
from risk_app.services.boundary import checked
from risk_app.services.record.people import listed_for, load_for
from risk_app.services.record.review_sources import agreed_sources

REQUEST_WINDOW = timedelta(days=28)


@dataclass(frozen=True)
class ReviewPlan:
    """Where a person's reviews stand today: the one next review date and where it comes from."""

    due: date | None
    """None until a plan is agreed, a direct payment starts or a review date is agreed."""
    kind: ReviewKind | None
    status: ReviewStatus | None
    days_overdue: int
    last_review: date | None
    open_requests: tuple[ReviewTrigger, ...]
    source: ReviewSource | None = None
    """Where ``due`` comes from (the earliest source not yet met)."""
    sources: tuple[ReviewSource, ...] = ()
    """Every date not yet met, earliest first: the rule, requests and dates agreed."""
    met: tuple[ReviewSource, ...] = ()
    """Dates agreed that a review held since has met."""
    no_interval: str | None = None
    """Where the person's nation sets no review interval and there is something to review (a
    direct payment or a plan agreed): that no date is set by law, and a date must be agreed with
    the person (never a made-up date)."""


@dataclass(frozen=True)
class ReviewRecord:
    """A review held, or an early review asked for, with its notes in the recorder's words."""

    id: int
    status: str
    """'held', 'requested' (not yet held) or 'met' (a request a later review met)."""
    kind: str
    trigger: str | None
    due_by: date | None
    held_on: date | None
    notes: str
    recorded_at: datetime
    recorded_by: str


@dataclass(frozen=True)
class DueReview:
    person_id: int
    person_name: str
    plan: ReviewPlan


def _plan_for(session: Session, person: PersonRow, today: date) -> ReviewPlan:
    rows = list(session.scalars(select(ReviewRow).where(ReviewRow.person_id == person.id)))
    agreed = _agreed_on(session, [person.id]).get(person.id)
    return _plan(person, rows, agreed, agreed_sources(session, [person.id])[person.id], today)


def plan_in_transaction(session: Session, person: PersonRow, today: date) -> ReviewPlan:
    """`review_plan` inside a caller's transaction that has already checked access."""
    return _plan_for(session, person, today)


def _agreed_on(session: Session, person_ids: list[int]) -> dict[int, datetime]:
    """When each person's plan was last agreed (one query for all of them)."""
    if not person_ids:
        return {}
    found = session.execute(
        select(PlanValidationRow.person_id, func.max(PlanValidationRow.decided_at))
        .where(
            PlanValidationRow.person_id.in_(person_ids),
            PlanValidationRow.outcome.in_(AGREED_OUTCOMES),
        )
        .group_by(PlanValidationRow.person_id)
    ).all()
    return {person_id: at for person_id, at in found}


_KIND_OF: dict[SourceKind, ReviewKind] = {
    SourceKind.FIRST_DIRECT_PAYMENT: ReviewKind.FIRST_DIRECT_PAYMENT,
    SourceKind.REQUEST: ReviewKind.TRIGGERED,
}
"""The kind of review each source calls for; a date agreed (or the light-touch review after the
plan is signed off) calls for a scheduled review."""


def _plan(
    person: PersonRow,
    rows: list[ReviewRow],
    agreed: datetime | None,
    agreed_dates: list[ReviewSource],
    today: date,
) -> ReviewPlan:
    held = [r.held_on for r in rows if r.status == "held" and r.held_on is not None]
    last = max(held) if held else None
    requests = [r for r in rows if r.status == "requested"]
    sources = list(agreed_dates)
    book = law_book()
    facts = ReviewFacts(
        person.direct_payment_start, agreed.date() if agreed is not None else None, last
    )
    sources += rule_sources(book, person.jurisdiction, facts)
    sources += [
        ReviewSource(SourceKind.REQUEST, r.due_by, r.id, r.recorded_at.date(), r.recorded_by)
        for r in requests
        if r.due_by is not None
    ]
    found = next_review(sources, last_review=last)
    due = found.due
    return ReviewPlan(
        due=due,
        kind=_KIND_OF.get(found.source.kind, ReviewKind.SCHEDULED) if found.source else None,
        status=review_status(due, today) if due else None,
        days_overdue=days_overdue(due, today) if due else 0,
        last_review=last,
        open_requests=tuple(ReviewTrigger(r.trigger) for r in requests if r.trigger),
        source=found.source,
        sources=found.sources,
        met=found.met,
        no_interval=no_interval_note(book, person.jurisdiction)
        if person.direct_payment_start is not None or agreed is not None
        else None,
    )


@checked
def review_plan(
    store: Store, *, by: Actor, person_id: RecordId, today: Day | None = None
) -> ReviewPlan:
    today = today or datetime.now(UTC).date()
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=False)
        return _plan_for(session, person, today)


@checked
def record_review(
    store: Store,
    *,
    by: Actor,
    person_id: RecordId,
    held_on: Day,
    kind: ReviewKind | str,
    trigger: ReviewTrigger | str | None = None,
    notes: str = "",
) -> None:
    """Record a review held; it meets any open triggered requests."""
    try:
        kind = ReviewKind(kind)
        trigger = ReviewTrigger(trigger) if trigger else None
    except ValueError:
        raise InvalidInput("Choose the kind of review (and its trigger) from the lists.") from None
    if kind is ReviewKind.TRIGGERED and trigger is None:
        raise InvalidInput("Say what triggered this review.")
    if held_on > datetime.now(UTC).date():
        raise InvalidInput("A review cannot be recorded as held in the future.")
    notes = clean_long_text(notes, "review notes")
    with audit.transaction(store, by) as session:
        load_for(session, by, person_id, edit=True)
        for request in session.scalars(
            select(ReviewRow).where(
                ReviewRow.person_id == person_id, ReviewRow.status == "requested"
            )
        ):
            request.status = "met"
        row = ReviewRow(
            person_id=person_id,
            status="held",
            kind=kind.value,
            trigger=trigger.value if trigger else None,
            due_by=None,
            held_on=held_on,
            notes=notes,
            recorded_at=datetime.now(UTC),
            recorded_by=by.username,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.CREATE,
            AuditObject.REVIEW,
            row.id,
            person=person_id,
            kind=kind.value,
        )


@checked
def request_review(
    store: Store,
    *,
    by: Actor,
    person_id: RecordId,
    trigger: ReviewTrigger | str,
    due_by: Day | None = None,
    notes: str = "",
) -> None:
    """Ask for an early review because something changed; it is due within four weeks by default."""
    try:
        trigger = ReviewTrigger(trigger)
    except ValueError:
        raise InvalidInput("Choose what has changed from the list.") from None
    today = datetime.now(UTC).date()
    due_by = due_by or today + REQUEST_WINDOW
    if due_by < today:
        raise InvalidInput("An early review cannot be due in the past.")
    notes = clean_long_text(notes, "reason for the review")
    with audit.transaction(store, by) as session:
        load_for(session, by, person_id, edit=True)
        add_request(session, by, person_id, trigger, due_by, notes)


def add_request(
    session: Session,
    by: Actor,
    person_id: int,
    trigger: ReviewTrigger,
    due_by: date,
    notes: str,
    **detail: str | int,
) -> ReviewRow:
    """Store and audit an early review request inside a caller's transaction that has checked
    access and cleaned the notes (closing a safeguarding concern requests one this way)."""
    row = ReviewRow(
        person_id=person_id,
        status="requested",
        kind=ReviewKind.TRIGGERED.value,
        trigger=trigger.value,
        due_by=due_by,
        held_on=None,
        notes=notes,
        recorded_at=datetime.now(UTC),
        recorded_by=by.username,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        by,
        AuditAction.CREATE,
        AuditObject.REVIEW_REQUEST,
        row.id,
        None,
        person=person_id,
        trigger=trigger.value,
        **detail,
    )
    return row


CHUNK = 5_000
"""People read per batch of queries (well inside SQLite's and PostgreSQL's bound-value limits)."""


def plans_in_transaction(
    session: Session, people: Sequence[PersonRow], today: date
) -> list[tuple[PersonRow, ReviewPlan]]:
    """Each person's review plan, a few queries per batch of `CHUNK` people rather than per
    person, inside a caller's transaction that has already checked access."""
    found: list[tuple[PersonRow, ReviewPlan]] = []
    for start in range(0, len(people), CHUNK):
        batch = people[start : start + CHUNK]
        ids = [p.id for p in batch]
        reviews_of: dict[int, list[ReviewRow]] = {i: [] for i in ids}
        for row in session.scalars(select(ReviewRow).where(ReviewRow.person_id.in_(ids))):
            reviews_of[row.person_id].append(row)
        agreed = _agreed_on(session, ids)
        dates = agreed_sources(session, ids)
        found += [
            (p, _plan(p, reviews_of[p.id], agreed.get(p.id), dates[p.id], today)) for p in batch
        ]
    return found


def _team_plans(session: Session, by: Actor, today: date) -> list[DueReview]:
    """Every person allocated to the actor's team with their review plan."""
    if by.role not in (Role.PRACTITIONER, Role.TEAM_MANAGER) or by.team_id is None:
        raise NotPermitted(object_type=AuditObject.REVIEWS)
    people = list(session.scalars(select(PersonRow).where(PersonRow.team_id == by.team_id)))
    return [
        DueReview(p.id, p.display_name, plan)
        for p, plan in plans_in_transaction(session, people, today)
    ]


@checked
def due_for_team(store: Store, *, by: Actor, today: Day | None = None) -> list[DueReview]:
    """Reviews overdue or due soon for people allocated to the actor's team, most urgent first."""
    today = today or datetime.now(UTC).date()
    with audit.transaction(store, by) as session:
        due = [
            d
            for d in _team_plans(session, by, today)
            if d.plan.status in (ReviewStatus.OVERDUE, ReviewStatus.DUE_SOON)
        ]
        due.sort(key=lambda d: d.plan.due or today)
        if due:
            audit.record(
                session,
                by,
                AuditAction.VIEW,
                AuditObject.REVIEWS_DUE,
                by.team_id,
                people=",".join(str(d.person_id) for d in due),
            )
        return due


@checked
def next_reviews_for_team(
    store: Store, *, by: Actor, today: Day | None = None
) -> dict[int, ReviewPlan]:
    """Each team member's next review (the same date their record and agreement show), by id."""
    today = today or datetime.now(UTC).date()
    with audit.transaction(store, by) as session:
        plans = _team_plans(session, by, today)
        if plans:
            audit.record(
                session,
                by,
                AuditAction.VIEW,
                AuditObject.REVIEWS_DUE,
                by.team_id,
                people=",".join(str(d.person_id) for d in plans),
            )
        return {d.person_id: d.plan for d in plans}


def _record(row: ReviewRow) -> ReviewRecord:
    return ReviewRecord(
        id=row.id,
        status=row.status,
        kind=row.kind,
        trigger=row.trigger,
        due_by=row.due_by,
        held_on=row.held_on,
        notes=row.notes,
        recorded_at=row.recorded_at,
        recorded_by=row.recorded_by,
    )


@checked
def reviews_for(store: Store, *, by: Actor, person_id: RecordId) -> list[ReviewRecord]:
    """Every review held or asked for, newest first, with its notes."""
    return listed_for(
        store,
        by,
        person_id,
        "reviews",
        lambda pid: (
            select(ReviewRow)
            .where(ReviewRow.person_id == pid)
            .order_by(ReviewRow.recorded_at.desc(), ReviewRow.id.desc())
        ),
        _record,
        lambda v: str(v.id),
    )
