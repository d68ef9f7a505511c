"""Signed-in browsers kept in the database (services.web_sessions), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow, WebSessionRow
from risk_app.domain.sessions import SignInPolicy
from risk_app.services import accounts, web_sessions

POLICY = SignInPolicy()
T0 = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


def _start(store: Store, username: str = "practitioner", password: str = "demo-practitioner-1"):
    actor = accounts.authenticate(store, username, password)
    return actor, web_sessions.start(store, actor, method="password", now=T0)


def test_a_cookie_signs_in_its_own_user_and_nothing_else_does(demo_store: Store):
    actor, token = _start(demo_store)
    assert web_sessions.check(demo_store, token, policy=POLICY, now=T0).actor == actor
    for other in (None, "", token + "x", token[:-1], "a" * 43):
        assert web_sessions.check(demo_store, other, policy=POLICY, now=T0).actor is None


def test_activity_keeps_a_session_open_and_idleness_ends_it_for_good(demo_store: Store):
    _, token = _start(demo_store)
    for minutes in (10, 20, 30):  # a click every ten minutes
        moment = T0 + timedelta(minutes=minutes)
        assert web_sessions.check(demo_store, token, policy=POLICY, now=moment).actor
    late = T0 + timedelta(minutes=46)
    ended = web_sessions.check(demo_store, token, policy=POLICY, now=late)
    assert ended.actor is None and ended.ended == "idle_timeout"
    back = web_sessions.check(demo_store, token, policy=POLICY, now=late + timedelta(seconds=1))
    assert back.actor is None  # an ended session never comes back


def test_the_background_check_does_not_count_as_activity(demo_store: Store):
    _, token = _start(demo_store)
    for minutes in (5, 10, 14):
        moment = T0 + timedelta(minutes=minutes)
        assert web_sessions.check(demo_store, token, policy=POLICY, touch=False, now=moment).actor
    after = web_sessions.check(
        demo_store, token, policy=POLICY, touch=False, now=T0 + timedelta(minutes=16)
    )
    assert after.ended == "idle_timeout"


def test_even_a_busy_session_ends_at_the_absolute_limit(demo_store: Store):
    _, token = _start(demo_store)
    moment = T0
    while moment <= T0 + timedelta(hours=10):
        moment += timedelta(minutes=10)
        check = web_sessions.check(demo_store, token, policy=POLICY, now=moment)
    assert check.actor is None and check.ended == "absolute_timeout"


def test_disabling_an_account_ends_its_open_sessions_at_the_next_check(demo_store: Store):
    _, token = _start(demo_store)
    accounts.set_disabled(demo_store, by=accounts.SYSTEM, username="practitioner", disabled=True)
    check = web_sessions.check(demo_store, token, policy=POLICY, touch=False, now=T0)
    assert check.actor is None and check.ended == "account_disabled"
    accounts.set_disabled(demo_store, by=accounts.SYSTEM, username="practitioner", disabled=False)
    assert web_sessions.check(demo_store, token, policy=POLICY, now=T0).actor is None


def test_signing_out_ends_the_session_once_and_logs_who(demo_store: Store):
    _, token = _start(demo_store)
    assert web_sessions.end(demo_store, token, reason="user") is True
    assert web_sessions.end(demo_store, token, reason="user") is False
    with demo_store.read() as session:
        last = session.scalars(select(AuditEventRow).order_by(AuditEventRow.seq.desc())).first()
        row = session.scalars(select(WebSessionRow)).one()
    assert last is not None and last.action == "logout" and last.actor == "practitioner"
    assert row.end_reason == "user" and row.ended_at is not None
