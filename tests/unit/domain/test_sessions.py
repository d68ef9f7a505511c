from __future__ import annotations

from datetime import UTC, datetime, timedelta

from risk_app.domain.sessions import SignInPolicy, password_problem, session_expired
from risk_app.domain.throttle import ThrottlePolicy, lock_end

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
POLICY = SignInPolicy()
TRIES = ThrottlePolicy()


def test_a_session_idle_for_longer_than_the_timeout_expires():
    assert session_expired(
        signed_in_at=NOW - timedelta(hours=1),
        last_seen=NOW - timedelta(minutes=16),
        now=NOW,
        policy=POLICY,
    )


def test_an_active_session_does_not_expire_until_the_absolute_limit():
    assert not session_expired(
        signed_in_at=NOW - timedelta(hours=9),
        last_seen=NOW - timedelta(minutes=1),
        now=NOW,
        policy=POLICY,
    )
    assert session_expired(
        signed_in_at=NOW - timedelta(hours=11),
        last_seen=NOW - timedelta(minutes=1),
        now=NOW,
        policy=POLICY,
    )


def test_five_failures_within_the_window_lock_the_username():
    failures = [NOW - timedelta(minutes=m) for m in (4, 3, 2, 1, 0)]
    assert lock_end(failures, now=NOW, policy=TRIES) == NOW + TRIES.lockout


def test_four_failures_do_not_lock():
    failures = [NOW - timedelta(minutes=m) for m in (3, 2, 1, 0)]
    assert lock_end(failures, now=NOW, policy=TRIES) is None


def test_the_lock_lifts_after_the_lockout_period():
    failures = [NOW - timedelta(minutes=20 + m) for m in (4, 3, 2, 1, 0)]
    assert lock_end(failures, now=NOW, policy=TRIES) is None


def test_failures_spread_out_beyond_the_window_do_not_lock():
    failures = [NOW - timedelta(minutes=m) for m in (80, 60, 40, 20, 0)]
    assert lock_end(failures, now=NOW, policy=TRIES) is None


def test_short_passwords_are_refused_with_advice():
    assert "12 characters" in (password_problem("short") or "")
    assert password_problem("correct horse battery") is None
