"""The throttling rules as pure functions of time (domain.throttle)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from risk_app.domain.throttle import Outcome, ThrottlePolicy, Try, decide, failures_in_window

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
POLICY = ThrottlePolicy()


def _fails(
    n: int, *, subject: str = "sam", client: str = "10.0.0.1", session: str = ""
) -> list[Try]:
    return [Try(subject, client, session, NOW - timedelta(seconds=30 * (n - i))) for i in range(n)]


def _decide(tries: list[Try], subject: str = "sam", client: str = "10.0.0.1", session: str = ""):
    return decide(tries, subject=subject, client=client, session=session, now=NOW, policy=POLICY)


def test_five_failures_from_one_client_lock_that_account_for_that_client():
    verdict = _decide(_fails(5))
    assert verdict.outcome is Outcome.LOCKED
    assert verdict.until is not None and verdict.until > NOW


def test_the_same_account_stays_open_to_every_other_client():
    assert _decide(_fails(5), client="10.0.0.2").allowed


def test_four_failures_do_not_lock():
    assert _decide(_fails(4)).allowed


def test_a_client_failing_across_many_usernames_backs_off_then_waits_longer_each_time():
    tries = [Try(f"user{i}", "10.0.0.9", "", NOW) for i in range(10)]
    first = _decide(tries, subject="new", client="10.0.0.9")
    assert first.outcome is Outcome.BACK_OFF
    more = tries + [Try("user10", "10.0.0.9", "", NOW)]
    second = _decide(more, subject="new", client="10.0.0.9")
    assert second.until is not None and first.until is not None and second.until > first.until
    assert _decide(tries, subject="new", client="10.0.0.8").allowed  # another address is not held


def test_one_browser_session_backs_off_whatever_address_it_shows():
    tries = [Try(f"ref{i}", f"10.1.0.{i}", "tab-1", NOW) for i in range(10)]
    assert _decide(tries, subject="ref", client="10.9.9.9", session="tab-1").outcome is (
        Outcome.BACK_OFF
    )
    assert _decide(tries, subject="ref", client="10.9.9.9", session="tab-2").allowed


def test_tries_still_being_checked_make_a_new_try_wait_rather_than_lock():
    in_flight = [Try("sam", "10.0.0.1", "", NOW, pending=True) for _ in range(7)]
    assert _decide(in_flight).outcome is Outcome.WAIT_FOR_TRIES_IN_FLIGHT


def test_a_try_left_pending_by_a_dead_process_counts_as_a_failure():
    stale = [Try("sam", "10.0.0.1", "", NOW - timedelta(minutes=2), pending=True) for _ in range(5)]
    assert _decide(stale).outcome is Outcome.LOCKED


def test_failures_are_counted_per_subject_and_client_for_the_log():
    tries = _fails(3) + _fails(2, client="10.0.0.2") + _fails(1, subject="other")
    assert failures_in_window(tries, subject="sam", client="10.0.0.1", now=NOW, policy=POLICY) == 3


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["sam", "kim"]),
            st.sampled_from(["10.0.0.1", "10.0.0.2"]),
            st.integers(min_value=0, max_value=3600),
            st.booleans(),
        ),
        max_size=40,
    )
)
def test_a_client_with_no_failures_of_its_own_is_never_refused(rows):
    tries = [Try(s, c, "", NOW - timedelta(seconds=age), pending) for s, c, age, pending in rows]
    assert _decide(tries, subject="sam", client="192.0.2.1").allowed
