"""Time limits with a warning: when to warn, how the time left is said, how far more time goes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from risk_app.domain.sessions import SignInPolicy, session_ends_at, session_expired
from risk_app.domain.time_limits import GRANT_MOST, extended_grant_end, time_left, warn

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)


def test_the_warning_starts_two_minutes_before_the_end_and_stays_once_it_has_ended():
    end = NOW + 10 * MIN
    assert not warn(end, end - 2 * MIN - timedelta(seconds=1))
    assert warn(end, end - 2 * MIN)
    assert warn(end, end + 5 * MIN)


@pytest.mark.parametrize(
    ("left", "said"),
    [
        (timedelta(minutes=2), "2 minutes"),
        (timedelta(seconds=119), "1 minute"),
        (timedelta(seconds=59), "less than a minute"),
        (timedelta(0), "no time"),
        (-MIN, "no time"),
    ],
)
def test_the_time_left_is_said_in_whole_minutes_never_more_than_is_left(left, said):
    assert time_left(NOW + left, NOW) == said


def test_more_time_gives_a_full_grant_from_now_up_to_the_limit_and_never_revives_an_ended_one():
    used, life = NOW, 20 * MIN
    assert extended_grant_end(
        used_at=used, ends_at=used + life, now=used + 18 * MIN, lifetime=life
    ) == (used + 38 * MIN)
    most = used + life * GRANT_MOST
    assert (
        extended_grant_end(used_at=used, ends_at=most - MIN, now=most - 2 * MIN, lifetime=life)
        == most
    )
    assert extended_grant_end(used_at=used, ends_at=most, now=most - MIN, lifetime=life) is None
    assert (
        extended_grant_end(used_at=used, ends_at=used + life, now=used + life, lifetime=life)
        is None
    )


@given(
    st.integers(min_value=0, max_value=24 * 60),
    st.integers(min_value=0, max_value=24 * 60),
    st.integers(min_value=0, max_value=24 * 60),
)
def test_a_session_ends_exactly_when_it_is_said_to(signed_in_ago, seen_ago, later):
    policy = SignInPolicy()
    signed_in = NOW - signed_in_ago * MIN
    seen = max(signed_in, NOW - seen_ago * MIN)
    ends = session_ends_at(signed_in_at=signed_in, last_seen=seen, policy=policy)
    moment = NOW + later * MIN - 12 * 60 * MIN
    expired = session_expired(signed_in_at=signed_in, last_seen=seen, now=moment, policy=policy)
    assert expired == (moment > ends)
