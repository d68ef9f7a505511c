"""`raise_concern(raised_at=...)`, used by the demo organisation (and tests) for a concern raised
some days ago: its Section 42 decision is late, the history says when it was raised, and the
audit log keeps the real time it was recorded."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from risk_app.adapters.tables import AuditEventRow, SafeguardingConcernRow
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.working_days import working_days_left
from risk_app.domain.roles import Role
from risk_app.services.record import safeguarding_oversight
from tests import factories


def test_a_concern_raised_a_week_ago_has_its_decision_late_and_says_when_it_was_raised(store):
    manager = factories.actor(store, Role.TEAM_MANAGER, username="manager")
    someone = factories.person(store, "Margaret Hughes")
    week_ago = datetime.now(UTC) - timedelta(days=7)
    raised = factories.concern(store, someone, raised_at=week_ago)
    assert raised.raised_at == week_ago and raised.history[0].at == week_ago
    assert working_days_left(raised.decision_due, factories.TODAY) < 0
    [waiting] = safeguarding_oversight.waiting_s42_decisions(store, by=manager)
    assert waiting.concern_id == raised.id and waiting.working_days_left < 0
    with store.read() as session:
        [(at, detail)] = session.execute(
            select(AuditEventRow.at, AuditEventRow.detail).where(
                AuditEventRow.object_type == "safeguarding_concern",
                AuditEventRow.object_id == str(raised.id),
            )
        ).all()
    assert datetime.fromisoformat(at) > week_ago + timedelta(days=6)
    assert json.loads(detail)["raised_at"] == week_ago.isoformat()


def test_a_concern_raised_now_records_no_raised_at_in_the_audit(store):
    raised = factories.concern(store, factories.person(store, "Bob Smith"))
    with store.read() as session:
        [detail] = session.scalars(
            select(AuditEventRow.detail).where(
                AuditEventRow.object_type == "safeguarding_concern",
                AuditEventRow.object_id == str(raised.id),
            )
        ).all()
    assert json.loads(detail).get("raised_at") is None


@pytest.mark.parametrize(
    ("when", "refusal"),
    [
        (datetime.now(UTC) + timedelta(days=1), "in the future"),
        (datetime.now() - timedelta(days=1), "time zone"),
    ],
)
def test_a_concern_cannot_be_raised_in_the_future_or_at_a_time_without_its_zone(
    store, when, refusal
):
    someone = factories.person(store, "Bob Smith")
    with pytest.raises(InvalidInput, match=refusal):
        factories.concern(store, someone, raised_at=when)
    with store.read() as session:
        assert not session.scalar(select(func.count()).select_from(SafeguardingConcernRow))
