"""The rules of undo at a meeting: a reason is required, things are withdrawn once and only while
the meeting is open, corrections come after it closes, and a withdrawn action stays withdrawn."""

from __future__ import annotations

from datetime import date

import pytest

from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.meetings import (
    MeetingStatus,
    check_can_correct,
    check_can_withdraw,
    clean_reason,
)
from risk_app.domain.record.ownership import (
    ActionStatus,
    ActionView,
    OwnerKind,
    Timing,
    check_not_withdrawn,
    overdue,
    status_to_set,
    timing,
)


@pytest.mark.parametrize("blank", ["", " ", "\n\t"])
def test_a_withdrawal_without_a_reason_is_refused(blank):
    with pytest.raises(InvalidInput, match="Say why"):
        clean_reason(blank)


def test_a_reason_is_kept_as_written():
    assert clean_reason("Added twice by mistake") == "Added twice by mistake"


def test_something_is_withdrawn_once_and_only_while_the_meeting_is_open():
    check_can_withdraw(MeetingStatus.OPEN, already=False)
    with pytest.raises(InvalidInput, match="already been withdrawn"):
        check_can_withdraw(MeetingStatus.OPEN, already=True)
    with pytest.raises(InvalidInput, match="record a correction instead"):
        check_can_withdraw(MeetingStatus.CLOSED, already=False)


def test_a_correction_comes_after_closing_and_of_an_entry_still_standing():
    check_can_correct(MeetingStatus.CLOSED, corrected_withdrawn=False)
    with pytest.raises(InvalidInput, match="still open"):
        check_can_correct(MeetingStatus.OPEN, corrected_withdrawn=False)
    with pytest.raises(InvalidInput, match="nothing to correct"):
        check_can_correct(MeetingStatus.CLOSED, corrected_withdrawn=True)


def test_a_withdrawn_action_is_never_overdue_and_stays_withdrawn():
    action = ActionView(
        id=1,
        description="Ring",
        owner_name="Grace",
        owner_kind=OwnerKind.FAMILY_OR_FRIEND,
        due=date(2020, 1, 1),
        status=ActionStatus.WITHDRAWN,
        acknowledged=False,
    )
    assert timing(action, date(2026, 1, 1)) is Timing.CLOSED
    assert overdue([action], date(2026, 1, 1)) == []
    with pytest.raises(InvalidInput, match="withdraw it at its meeting"):
        status_to_set("withdrawn")
    assert status_to_set("done") is ActionStatus.DONE
    with pytest.raises(InvalidInput, match="stays withdrawn"):
        check_not_withdrawn("withdrawn")
    check_not_withdrawn("open")
