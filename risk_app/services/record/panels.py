"""Referrals to a risk enablement panel, the safeguarding process or a high-risk forum, through
their lifecycle: refer, schedule (or move), record the outcome, close; or withdraw.

The routes come from the framework graph (route nodes). What may follow what, and what each step
must record, is `risk_app.domain.record.panel_lifecycle`; this module checks access, refuses a
stale edit (each step names the version the user saw), stores the step in the panel's history and
audits it. Audit details hold identifiers, route ids and step names only. `created_at` is the
time of referral (TP10 is evidenced then).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters.db import Store
from risk_app.adapters.tables import PanelRow, PanelStepRow
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.disclosure import RecordPart
from risk_app.domain.errors import NotPermitted, StaleEdit
from risk_app.domain.inputs import RecordId, Version
from risk_app.domain.record.dissent import Dissent, clean_dissents, from_stored
from risk_app.domain.record.dissent import stored as dissent_records
from risk_app.domain.record.panel_lifecycle import (
    START,
    Closure,
    Outcome,
    PanelFacts,
    PanelState,
    Referral,
    Rescheduling,
    Scheduling,
    Step,
    Withdrawal,
    steps_from,
    transition,
)
from risk_app.services import audit, disclosure
from risk_app.services import framework as framework_service
from risk_app.services.boundary import checked
from risk_app.services.record.people import load_for
from risk_app.services.record.risks import risk_ids_of


@dataclass(frozen=True, slots=True)
class PanelStepView:
    """One step in the referral's history."""

    step: Step
    state: PanelState
    """The state the step left the panel in."""
    on_date: date | None
    """The date it set (scheduling, moving) or the date the panel met (outcome)."""
    reason: str
    at: datetime
    by: str


@dataclass(frozen=True, slots=True)
class PanelView:
    id: int
    person_id: int
    route: str
    route_label: str
    state: PanelState
    referral_reason: str
    question: str
    risk_ids: tuple[int, ...]
    person_view: str
    advocate: str
    scheduled_for: date | None
    person_attended: bool | None
    """None until the outcome says (for a panel recorded before the lifecycle, as recorded)."""
    options: tuple[str, ...]
    recommendation: str
    """Blank unless the panel has an outcome."""
    dissent: tuple[Dissent, ...]
    conditions: str
    review_date: date | None
    held_on: date | None
    close_note: str
    withdrawn_reason: str
    created_at: datetime
    """When the referral was made."""
    framework_version: str
    created_by: str
    version: int
    history: tuple[PanelStepView, ...]
    next_steps: tuple[Step, ...]
    """The steps the lifecycle allows from here (none once closed or withdrawn)."""

    @property
    def has_outcome(self) -> bool:
        return self.state in (PanelState.OUTCOME, PanelState.CLOSED)


def view_of(row: PanelRow) -> PanelView:
    """The record as a view, without its history (the caller has checked access)."""
    return _panel_view(row, ())


def _history(session: Session, panel_id: int) -> tuple[PanelStepView, ...]:
    rows = session.scalars(
        select(PanelStepRow).where(PanelStepRow.panel_id == panel_id).order_by(PanelStepRow.id)
    )
    return tuple(
        PanelStepView(
            step=Step(r.step),
            state=PanelState(r.state),
            on_date=r.on_date,
            reason=r.reason,
            at=r.taken_at,
            by=r.taken_by,
        )
        for r in rows
    )


def _panel_view(row: PanelRow, history: tuple[PanelStepView, ...]) -> PanelView:
    state = PanelState(row.status)
    outcome = state in (PanelState.OUTCOME, PanelState.CLOSED)
    return PanelView(
        id=row.id,
        person_id=row.person_id,
        route=row.route,
        route_label=framework_service.route_label(row.route),
        state=state,
        referral_reason=row.referral_reason,
        question=row.question,
        risk_ids=tuple(row.risk_ids),
        person_view=row.person_view,
        advocate=row.advocate,
        scheduled_for=row.scheduled_for,
        person_attended=row.person_attended,
        options=tuple(row.options),
        recommendation=row.recommendation if outcome else "",
        dissent=from_stored(row.dissent),
        conditions=row.conditions,
        review_date=row.review_date,
        held_on=row.held_on,
        close_note=row.close_note,
        withdrawn_reason=row.withdrawn_reason,
        created_at=row.created_at,
        framework_version=row.framework_version,
        created_by=row.created_by,
        version=row.version_id,
        history=history,
        next_steps=steps_from(state),
    )


def _facts(row: PanelRow) -> PanelFacts:
    referred_on = row.created_at.date()
    if row.scheduled_for is not None and row.scheduled_for < referred_on:
        # Only a panel recorded whole before the lifecycle (migration 0014) was written down
        # after its date: its referral was made by then.
        referred_on = row.scheduled_for
    return PanelFacts(
        state=PanelState(row.status),
        referred_on=referred_on,
        scheduled_for=row.scheduled_for,
        held_on=row.held_on,
    )


def _add_step(
    session: Session,
    by: Actor,
    row: PanelRow,
    step: Step,
    *,
    on_date: date | None = None,
    reason: str = "",
    at: datetime,
) -> None:
    session.add(
        PanelStepRow(
            panel_id=row.id,
            step=step.value,
            state=row.status,
            on_date=on_date,
            reason=reason,
            taken_at=at,
            taken_by=by.username,
        )
    )
    session.flush()
    audit.record(
        session,
        by,
        AuditAction.CREATE if step is Step.REFER else AuditAction.CHANGE,
        AuditObject.PANEL,
        row.id,
        row.version_id,
        person=row.person_id,
        route=row.route,
        step=step.value,
        state=row.status,
        risks=",".join(str(i) for i in row.risk_ids) if step is Step.REFER else None,
    )


# ---------------------------------------------------------------------- referral
@checked
def refer(store: Store, *, by: Actor, person_id: RecordId, data: Referral) -> PanelView:
    """Refer the person's plan to a panel or forum: why, the question, the person's view."""
    route_id = framework_service.route_id(data.route)
    referral = data.cleaned()
    now = datetime.now(UTC)
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=True)
        ids = risk_ids_of(session, person.id, referral.risk_ids)
        row = PanelRow(
            person_id=person.id,
            route=route_id,
            status=START.value,
            referral_reason=referral.reason,
            question=referral.question,
            risk_ids=ids,
            person_attended=None,
            person_view=referral.person_view,
            advocate=referral.advocate,
            options=[],
            recommendation="",
            dissent=[],
            created_at=now,
            framework_version=framework_service.version(),
            created_by=by.username,
        )
        session.add(row)
        session.flush()
        _add_step(session, by, row, Step.REFER, at=now)
        return _panel_view(row, _history(session, row.id))


# ---------------------------------------------------------------------- later steps
def _panel_for(
    session: Session, by: Actor, panel_id: int, expected_version: int, step: Step
) -> tuple[PanelRow, PanelFacts]:
    """The referral, checked for access, version and that the table allows `step` from where it
    is; moved to the step's state (the caller's checks failing roll it back). Also the facts as
    they stood before the step, for its rules."""
    row = session.get(PanelRow, panel_id)
    if row is None:
        raise NotPermitted(object_type=AuditObject.PANEL, object_id=panel_id)
    person = load_for(session, by, row.person_id, edit=True)
    disclosure.check_item(session, by, person, RecordPart.THIRD_PARTY, row.id)
    if row.version_id != expected_version:
        raise StaleEdit("panel referral", expected_version, row.version_id)
    before = _facts(row)
    row.status = transition(before.state, step).target.value
    return row, before


@checked
def schedule(
    store: Store, *, by: Actor, panel_id: RecordId, expected_version: Version, data: Scheduling
) -> PanelView:
    """Set the date the panel will meet."""
    with audit.transaction(store, by) as session:
        row, before = _panel_for(session, by, panel_id, expected_version, Step.SCHEDULE)
        checked_data = data.cleaned(before)
        row.scheduled_for = checked_data.on
        session.flush()
        _add_step(session, by, row, Step.SCHEDULE, on_date=checked_data.on, at=_now())
        return _panel_view(row, _history(session, row.id))


@checked
def reschedule(
    store: Store, *, by: Actor, panel_id: RecordId, expected_version: Version, data: Rescheduling
) -> PanelView:
    """Move the panel to another date, saying why (the earlier date stays in the history)."""
    with audit.transaction(store, by) as session:
        row, before = _panel_for(session, by, panel_id, expected_version, Step.RESCHEDULE)
        checked_data = data.cleaned(before)
        row.scheduled_for = checked_data.on
        session.flush()
        _add_step(
            session,
            by,
            row,
            Step.RESCHEDULE,
            on_date=checked_data.on,
            reason=checked_data.reason,
            at=_now(),
        )
        return _panel_view(row, _history(session, row.id))


@checked
def record_outcome(
    store: Store, *, by: Actor, panel_id: RecordId, expected_version: Version, data: Outcome
) -> PanelView:
    """Record what the panel recommended, dissent in each party's words, conditions, the review
    date, the options considered and whether the person attended."""
    now = _now()
    with audit.transaction(store, by) as session:
        row, before = _panel_for(session, by, panel_id, expected_version, Step.RECORD_OUTCOME)
        outcome = data.cleaned(before, now.date())
        row.held_on = outcome.held_on
        row.person_attended = outcome.person_attended
        row.options = list(outcome.options)
        row.recommendation = outcome.recommendation
        row.dissent = dissent_records(clean_dissents(outcome.dissent))
        row.conditions = outcome.conditions
        row.review_date = outcome.review_date
        row.outcome_at, row.outcome_by = now, by.username
        session.flush()
        _add_step(session, by, row, Step.RECORD_OUTCOME, on_date=outcome.held_on, at=now)
        return _panel_view(row, _history(session, row.id))


@checked
def close(
    store: Store, *, by: Actor, panel_id: RecordId, expected_version: Version, data: Closure
) -> PanelView:
    """Close a referral whose outcome is followed up (its review date stays the person's)."""
    now = _now()
    closure = data.cleaned()
    with audit.transaction(store, by) as session:
        row, _ = _panel_for(session, by, panel_id, expected_version, Step.CLOSE)
        row.closed_at, row.closed_by, row.close_note = now, by.username, closure.note
        session.flush()
        _add_step(session, by, row, Step.CLOSE, reason=closure.note, at=now)
        return _panel_view(row, _history(session, row.id))


@checked
def withdraw(
    store: Store, *, by: Actor, panel_id: RecordId, expected_version: Version, data: Withdrawal
) -> PanelView:
    """Withdraw a referral before the panel has met, saying why."""
    now = _now()
    withdrawal = data.cleaned()
    with audit.transaction(store, by) as session:
        row, _ = _panel_for(session, by, panel_id, expected_version, Step.WITHDRAW)
        row.withdrawn_at, row.withdrawn_by = now, by.username
        row.withdrawn_reason = withdrawal.reason
        session.flush()
        _add_step(session, by, row, Step.WITHDRAW, reason=withdrawal.reason, at=now)
        return _panel_view(row, _history(session, row.id))


def _now() -> datetime:
    return datetime.now(UTC)


# ---------------------------------------------------------------------- reading
@checked
def panels_for(store: Store, *, by: Actor, person_id: RecordId) -> list[PanelView]:
    """The person's panel and forum referrals, each with its state and history, newest first."""
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=False)
        rows = disclosure.readable(
            session,
            by,
            person,
            RecordPart.THIRD_PARTY,
            session.scalars(
                select(PanelRow)
                .where(PanelRow.person_id == person.id)
                .order_by(PanelRow.created_at.desc(), PanelRow.id.desc())
            ).all(),
            lambda r: r.id,
        )
        views = [_panel_view(r, _history(session, r.id)) for r in rows]
        audit.record_person_view(
            session, by, person, "panels", shown=",".join(f"{v.id}:{v.version}" for v in views)
        )
        return views
