"""Panels as a lifecycle, on SQLite and PostgreSQL: refer, schedule, move, record the outcome,
close or withdraw; each step audited, refused out of order, on a stale version or for the wrong
role; panels recorded before the lifecycle migrate into it; and what agreements and the person's
shared items say about a panel at each state."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from risk_app.adapters import migrate
from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow, PanelRow, UTCDateTime
from risk_app.domain.errors import InvalidInput, NotPermitted, StaleEdit
from risk_app.domain.record.dissent import Dissent
from risk_app.domain.record.panel_lifecycle import (
    Closure,
    Outcome,
    PanelState,
    Referral,
    Rescheduling,
    Scheduling,
    Step,
    Withdrawal,
)
from risk_app.domain.roles import Role
from risk_app.services.agreements import issuing
from risk_app.services.record import panels, risks, sharing
from risk_app.services.record.panels_waiting import panels_waiting
from risk_app.services.record.risks import RiskInput
from tests import factories

TODAY = datetime.now(UTC).date()
HIGH = RiskInput(
    activity="Cycling to work on the ring road",
    likelihood=4,
    impact=5,
    benefits="Keeps my job and my fitness",
    residual_likelihood=3,
    residual_impact=5,
)


@pytest.fixture
def north(store: Store):
    return factories.actor(store, username="practitioner")


@pytest.fixture
def david(store: Store):
    return factories.person(store, "David Price", preferred="Dave", stage="ST6")


def _referral(**changes: object) -> Referral:
    values: dict[str, object] = {
        "route": "RT2",
        "reason": "Risk stays high after mitigation; family and Dave disagree.",
        "question": "Can Dave keep cycling to work, and with what support?",
        "risk_ids": [],
        "person_view": "I have cycled that road for years. It is my choice.",
        "advocate": "Jan Cole (Care Act advocate)",
    } | changes
    return Referral(**values)  # type: ignore[arg-type]


def _outcome(**changes: object) -> Outcome:
    values: dict[str, object] = {
        "held_on": TODAY,
        "person_attended": False,
        "options": ["Cycle as now", "Cycle with lights", "Bus on dark evenings"],
        "recommendation": "Support cycling with lights; bus on dark evenings.",
        "dissent": [{"party": "Dave's daughter", "words": "I still think it is too dangerous."}],
        "conditions": "Lights fitted before the clocks change.",
        "review_date": TODAY + timedelta(days=90),
    } | changes
    return Outcome(**values)  # type: ignore[arg-type]


def _events(store: Store, panel_id: int) -> list[tuple[str, str | None]]:
    with store.read() as session:
        rows = session.scalars(
            select(AuditEventRow)
            .where(AuditEventRow.object_type == "panel", AuditEventRow.object_id == str(panel_id))
            .order_by(AuditEventRow.seq)
        ).all()
        return [(r.action, json.loads(r.detail).get("step")) for r in rows]


# ---------------------------------------------------------------------- the whole lifecycle
def test_a_referral_is_scheduled_moved_met_and_closed_with_every_step_in_its_history(
    store: Store, north, david
):
    assessment = risks.start_assessment(store, by=north, person_id=david.id)
    risk_id = risks.add_risk(store, by=north, assessment_id=assessment, data=HIGH)
    referred = panels.refer(
        store, by=north, person_id=david.id, data=_referral(risk_ids=[risk_id, risk_id])
    )
    assert referred.state is PanelState.REFERRED
    assert referred.risk_ids == (risk_id,)
    assert referred.recommendation == "" and not referred.has_outcome
    assert referred.next_steps == (Step.SCHEDULE, Step.WITHDRAW)
    assert referred.created_at.date() == TODAY  # TP10 is evidenced at referral

    first = TODAY + timedelta(days=7)
    scheduled = panels.schedule(
        store,
        by=north,
        panel_id=referred.id,
        expected_version=referred.version,
        data=Scheduling(first),
    )
    moved = panels.reschedule(
        store,
        by=north,
        panel_id=scheduled.id,
        expected_version=scheduled.version,
        data=Rescheduling(first + timedelta(days=7), "The chair is away that week."),
    )
    assert (moved.state, moved.scheduled_for) == (PanelState.SCHEDULED, first + timedelta(days=7))
    met = panels.record_outcome(
        store, by=north, panel_id=moved.id, expected_version=moved.version, data=_outcome()
    )
    assert met.state is PanelState.OUTCOME and met.has_outcome
    assert met.dissent == (Dissent("Dave's daughter", "I still think it is too dangerous."),)
    assert (met.held_on, met.review_date) == (TODAY, TODAY + timedelta(days=90))
    assert met.conditions == "Lights fitted before the clocks change."
    closed = panels.close(
        store,
        by=north,
        panel_id=met.id,
        expected_version=met.version,
        data=Closure("Lights fitted; review booked."),
    )
    assert closed.state is PanelState.CLOSED and closed.next_steps == ()

    [listed] = panels.panels_for(store, by=north, person_id=david.id)
    assert listed == closed
    assert [(s.step, s.state, s.on_date) for s in listed.history] == [
        (Step.REFER, PanelState.REFERRED, None),
        (Step.SCHEDULE, PanelState.SCHEDULED, first),
        (Step.RESCHEDULE, PanelState.SCHEDULED, first + timedelta(days=7)),
        (Step.RECORD_OUTCOME, PanelState.OUTCOME, TODAY),
        (Step.CLOSE, PanelState.CLOSED, None),
    ]
    assert listed.history[2].reason == "The chair is away that week."
    assert {s.by for s in listed.history} == {north.username}
    assert _events(store, listed.id) == [
        ("create", "refer"),
        ("change", "schedule"),
        ("change", "reschedule"),
        ("change", "record_outcome"),
        ("change", "close"),
    ]


def test_a_referral_is_withdrawn_with_a_reason_and_nothing_follows(store: Store, north, david):
    made = factories.panel(store, david, by=north, at=PanelState.SCHEDULED)
    gone = panels.withdraw(
        store,
        by=north,
        panel_id=made.id,
        expected_version=made.version,
        data=Withdrawal("Dave bought an e-bike with lights; the family now agree."),
    )
    assert gone.state is PanelState.WITHDRAWN
    assert gone.withdrawn_reason.startswith("Dave bought")
    assert gone.history[-1].reason == gone.withdrawn_reason
    with pytest.raises(InvalidInput, match="Nothing more can be done"):
        panels.schedule(
            store, by=north, panel_id=gone.id, expected_version=gone.version, data=Scheduling(TODAY)
        )


# ---------------------------------------------------------------------- refusals
def test_an_outcome_before_the_panel_is_scheduled_is_refused_and_nothing_changes(
    store: Store, north, david
):
    made = factories.panel(store, david, by=north)
    with pytest.raises(InvalidInput, match="set the panel's date"):
        panels.record_outcome(
            store, by=north, panel_id=made.id, expected_version=made.version, data=_outcome()
        )
    with pytest.raises(InvalidInput, match="close the referral"):
        panels.withdraw(
            store,
            by=north,
            panel_id=(met := factories.panel(store, david, by=north, at=PanelState.OUTCOME)).id,
            expected_version=met.version,
            data=Withdrawal("Too late"),
        )
    after = {p.id: p for p in panels.panels_for(store, by=north, person_id=david.id)}
    assert after[made.id] == made
    assert after[met.id].state is PanelState.OUTCOME


def test_a_step_taken_on_a_version_someone_else_moved_on_is_refused(store: Store, north, david):
    made = factories.panel(store, david, by=north)
    panels.schedule(
        store,
        by=north,
        panel_id=made.id,
        expected_version=made.version,
        data=Scheduling(TODAY + timedelta(days=3)),
    )
    with pytest.raises(StaleEdit):
        panels.withdraw(
            store,
            by=north,
            panel_id=made.id,
            expected_version=made.version,
            data=Withdrawal("No longer needed"),
        )
    [now] = panels.panels_for(store, by=north, person_id=david.id)
    assert now.state is PanelState.SCHEDULED


@pytest.mark.parametrize(
    "who", [Role.SAFEGUARDING_LEAD, Role.ADMINISTRATOR, Role.INDIVIDUAL, "other team"]
)
def test_only_the_persons_own_team_refers_and_moves_a_panel_on(store: Store, north, david, who):
    if who == "other team":
        actor = factories.actor(store, team=factories.SOUTH)
    elif who is Role.INDIVIDUAL:
        actor = factories.actor(store, Role.INDIVIDUAL, person=david)
    else:
        actor = factories.actor(store, who)
    with pytest.raises(NotPermitted):
        panels.refer(store, by=actor, person_id=david.id, data=_referral())
    made = factories.panel(store, david, by=north)
    with pytest.raises(NotPermitted):
        panels.schedule(
            store, by=actor, panel_id=made.id, expected_version=made.version, data=Scheduling(TODAY)
        )


def test_a_referral_with_a_date_before_it_or_another_persons_risk_is_refused(
    store: Store, north, david
):
    ravi = factories.person(store, "Ravi Shah", team=factories.SOUTH, stage="ST4")
    south = factories.actor(store, team=factories.SOUTH)
    assessment = risks.start_assessment(store, by=south, person_id=ravi.id)
    ravis = risks.add_risk(store, by=south, assessment_id=assessment, data=HIGH)
    with pytest.raises(InvalidInput, match="does not belong to this person"):
        panels.refer(store, by=north, person_id=david.id, data=_referral(risk_ids=[ravis]))
    with pytest.raises(InvalidInput, match="not a route"):
        panels.refer(store, by=north, person_id=david.id, data=_referral(route="ST4"))
    made = factories.panel(store, david, by=north)
    with pytest.raises(InvalidInput, match="before the referral"):
        panels.schedule(
            store,
            by=north,
            panel_id=made.id,
            expected_version=made.version,
            data=Scheduling(TODAY - timedelta(days=1)),
        )


# ---------------------------------------------------------------------- oversight
def test_panels_waiting_lists_the_teams_unscheduled_and_unheard_panels_and_the_lead_sees_no_names(
    store: Store, north, david
):
    referred = factories.panel(store, david, by=north)
    scheduled = factories.panel(store, david, by=north, at=PanelState.SCHEDULED)
    factories.panel(store, david, by=north, at=PanelState.OUTCOME)
    factories.panel(store, david, by=north, at=PanelState.WITHDRAWN)
    ravi = factories.person(store, "Ravi Shah", team=factories.SOUTH)
    south = factories.actor(store, team=factories.SOUTH)
    elsewhere = factories.panel(store, ravi, by=south)

    manager = factories.actor(store, Role.TEAM_MANAGER)
    later = TODAY + timedelta(days=10)
    waiting = panels_waiting(store, by=manager, today=later)
    assert [(w.panel_id, w.state) for w in waiting] == [
        (referred.id, PanelState.REFERRED),
        (scheduled.id, PanelState.SCHEDULED),
    ]
    assert waiting[0].person_name == "David Price"
    assert waiting[0].days_since_referral == 10 and waiting[0].scheduled_for is None
    assert waiting[1].days_to_panel == -3  # set for a week after referral: passed, no outcome

    lead = factories.actor(store, Role.SAFEGUARDING_LEAD)
    organisation = panels_waiting(store, by=lead)
    assert {w.panel_id for w in organisation} == {referred.id, scheduled.id, elsewhere.id}
    assert {w.person_name for w in organisation} == {None}
    with pytest.raises(NotPermitted):
        panels_waiting(store, by=factories.actor(store, Role.ADMINISTRATOR))


# ---------------------------------------------------------------------- agreements and sharing
@pytest.mark.parametrize("state", list(PanelState))
def test_agreements_and_shared_records_say_only_what_a_panel_at_each_state_has_decided(
    store: Store, north, state
):
    amina = factories.person(store, "Amina Okafor", stage="ST4")
    made = factories.panel(
        store,
        amina,
        by=north,
        at=state,
        dissent=[{"party": "Her mother", "words": "Too dangerous at night."}],
    )
    content = issuing.draft(store, by=north, person_id=amina.id).content
    panel_dissent = [d for d in content.dissent if d.about.startswith("Panel")]
    sharing.share(
        store, by=north, part="third_party", item_id=made.id, reason="Amina asked to see it."
    )
    me = factories.actor(store, Role.INDIVIDUAL, person=amina)
    [item] = sharing.shared_with_me(store, by=me)
    lines = dict(item.lines)
    assert lines["Where it is up to"] == state.label
    if state in (PanelState.OUTCOME, PanelState.CLOSED):
        assert [(d.party, d.words) for d in panel_dissent] == [
            ("Her mother", "Too dangerous at night.")
        ]
        assert lines["What was recommended"] == "Go ahead, with a check-in call each week."
        assert "Review date" in lines
    else:
        assert panel_dissent == []
        assert "What was recommended" not in lines and "Review date" not in lines
    if state is PanelState.WITHDRAWN:
        assert lines["Why it was withdrawn"].startswith("The risk came down")


# ---------------------------------------------------------------------- migration
def test_panels_recorded_before_the_lifecycle_join_it_with_their_history(
    store: Store, north, david
):
    """A panel with a recommendation has its outcome; one without is scheduled, still to hear."""
    migrate.downgrade(store, "0014-1")
    old = sa.table(
        "panels",
        *(sa.column(n, sa.Integer) for n in ("person_id", "version_id")),
        *(sa.column(n, sa.String) for n in ("route", "referral_reason", "person_view")),
        *(sa.column(n, sa.String) for n in ("advocate", "recommendation", "framework_version")),
        sa.column("created_by", sa.String),
        *(sa.column(n, sa.JSON) for n in ("risk_ids", "options", "dissent")),
        sa.column("person_attended", sa.Boolean),
        sa.column("review_date", sa.Date),
        sa.column("held_on", sa.Date),
        sa.column("created_at", UTCDateTime),
    )
    held = date(2026, 10, 1)
    recorded = datetime(2026, 10, 2, 9, 30, tzinfo=UTC)
    common = {
        "person_id": david.id,
        "version_id": 1,
        "route": "RT2",
        "referral_reason": "High after mitigation",
        "person_view": "My choice",
        "advocate": "",
        "framework_version": "2026.11.0",
        "created_by": "practitioner",
        "risk_ids": [],
        "options": ["Carry on"],
        "person_attended": True,
        "held_on": held,
        "created_at": recorded,
    }
    with store.engine.begin() as connection:
        connection.execute(
            old.insert(),
            [
                common
                | {
                    "recommendation": "Carry on with a phone",
                    "dissent": [{"party": "Sister", "words": "No"}],
                    "review_date": date(2027, 1, 1),
                },
                common | {"recommendation": "", "dissent": [], "review_date": None},
            ],
        )
    migrate.upgrade(store)

    with_outcome, without = sorted(
        panels.panels_for(store, by=north, person_id=david.id), key=lambda p: p.id
    )
    assert with_outcome.state is PanelState.OUTCOME
    assert (with_outcome.held_on, with_outcome.recommendation) == (held, "Carry on with a phone")
    assert with_outcome.review_date == date(2027, 1, 1)
    assert [s.step for s in with_outcome.history] == [
        Step.REFER,
        Step.SCHEDULE,
        Step.RECORD_OUTCOME,
    ]
    assert without.state is PanelState.SCHEDULED
    assert (without.scheduled_for, without.held_on) == (held, None)
    assert without.created_at == recorded and without.history[0].at == recorded
    with store.read() as session:
        assert session.scalar(select(PanelRow.outcome_by).where(PanelRow.id == with_outcome.id))
    # ...and the one still to hear can now have its outcome recorded.
    met = panels.record_outcome(
        store,
        by=north,
        panel_id=without.id,
        expected_version=without.version,
        data=_outcome(held_on=held, review_date=None),
    )
    assert met.state is PanelState.OUTCOME
