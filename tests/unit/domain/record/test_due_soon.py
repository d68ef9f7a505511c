"""The one rule of what an action's date means today: overdue, due soon, later, no date, closed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.ownership import (
    DUE_SOON_DAYS,
    ActionStatus,
    ActionView,
    OwnerKind,
    Timing,
    days_to_go,
    due_soon_or_overdue,
    due_soon_until,
    overdue,
    timing,
    when_due_in_words,
)

TODAY = date(2026, 6, 15)


def _action(
    id: int,  # noqa: A002
    due: date | None,
    status: ActionStatus = ActionStatus.OPEN,
) -> ActionView:
    return ActionView(
        id=id,
        description=f"Action {id}",
        owner_name="Jo Brown",
        owner_kind=OwnerKind.FAMILY_OR_FRIEND,
        due=due,
        status=status,
        acknowledged=False,
    )


def _in(days: int) -> date:
    return TODAY + timedelta(days=days)


def test_the_warning_period_is_seven_days():
    assert DUE_SOON_DAYS == 7


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (-30, Timing.OVERDUE),
        (-1, Timing.OVERDUE),
        (0, Timing.DUE_SOON),
        (1, Timing.DUE_SOON),
        (7, Timing.DUE_SOON),
        (8, Timing.LATER),
        (365, Timing.LATER),
    ],
)
def test_an_open_action_is_overdue_after_its_date_and_due_soon_from_seven_days_before_it(
    days: int, expected: Timing
):
    assert timing(_action(1, _in(days)), TODAY) is expected


def test_an_open_action_with_no_date_is_neither_due_soon_nor_overdue():
    assert timing(_action(1, None), TODAY) is Timing.NO_DATE
    assert due_soon_or_overdue([_action(1, None)], TODAY) == []


@pytest.mark.parametrize("status", [ActionStatus.DONE, ActionStatus.CANCELLED])
@pytest.mark.parametrize("days", [-10, 0, 3, 30])
def test_a_done_or_cancelled_action_is_never_waiting_whatever_its_date(
    status: ActionStatus, days: int
):
    action = _action(1, _in(days), status)
    assert timing(action, TODAY) is Timing.CLOSED
    assert due_soon_or_overdue([action], TODAY) == []
    assert overdue([action], TODAY) == []


def test_the_list_holds_overdue_then_due_soon_longest_late_first_and_leaves_the_rest_out():
    actions = [
        _action(1, _in(7)),
        _action(2, _in(8)),
        _action(3, _in(-1)),
        _action(4, None),
        _action(5, _in(0)),
        _action(6, _in(-9)),
        _action(7, _in(-2), ActionStatus.DONE),
    ]
    assert [a.id for a in due_soon_or_overdue(actions, TODAY)] == [6, 3, 5, 1]


def test_a_narrower_or_wider_window_moves_only_the_due_soon_boundary():
    action = _action(1, _in(3))
    assert timing(action, TODAY, within=2) is Timing.LATER
    assert timing(action, TODAY, within=3) is Timing.DUE_SOON
    assert timing(_action(2, _in(0)), TODAY, within=0) is Timing.DUE_SOON
    assert timing(_action(3, _in(-1)), TODAY, within=30) is Timing.OVERDUE


def test_a_negative_window_is_refused_with_a_message_not_a_silent_empty_list():
    with pytest.raises(InvalidInput, match="cannot be negative"):
        timing(_action(1, TODAY), TODAY, within=-1)


@pytest.mark.parametrize(
    ("due", "words"),
    [
        (None, "No date set"),
        (TODAY, "Due today"),
        (_in(1), "1 day left"),
        (_in(7), "7 days left"),
        (_in(-1), "1 day late"),
        (_in(-12), "12 days late"),
    ],
)
def test_how_long_is_left_or_how_late_is_said_in_plain_words(due: date | None, words: str):
    assert when_due_in_words(None if due is None else days_to_go(due, TODAY)) == words


@given(st.integers(min_value=-400, max_value=400))
def test_overdue_and_due_soon_agree_with_the_overdue_list_for_every_date(days: int):
    action = _action(1, _in(days))
    assert (timing(action, TODAY) is Timing.OVERDUE) == bool(overdue([action], TODAY))
    assert bool(due_soon_or_overdue([action], TODAY)) == (days <= DUE_SOON_DAYS)


def test_the_due_soon_window_stops_at_the_calendars_last_day_rather_than_failing():
    assert due_soon_until(TODAY) == _in(DUE_SOON_DAYS)
    assert due_soon_until(date.max - timedelta(days=2)) == date.max
    assert timing(_action(1, date.max), date.max) is Timing.DUE_SOON
