"""What an action's owner is shown with a one-time code, and how staff may say it was
acknowledged."""

from __future__ import annotations

from datetime import date

import pytest

from risk_app.domain.agreements import signing_codes
from risk_app.domain.errors import InvalidInput
from risk_app.domain.one_time_codes import InvitationState
from risk_app.domain.record.action_codes import ACK_REFUSALS, action_in_words
from risk_app.domain.record.ownership import STAFF_ACK_METHODS, AckMethod, checked_ack_method


def test_the_owner_sees_what_by_when_and_for_whom_only():
    assert action_in_words("Ring after each trip", date(2026, 5, 10), "Eilidh MacLeod") == (
        "What: Ring after each trip",
        "By when: 10 May 2026",
        "For: Eilidh MacLeod",
    )
    assert action_in_words("Ring", None, "Eilidh")[1] == "By when: No date set"


def test_every_state_but_waiting_has_words_for_the_owner_that_never_mention_signing():
    states = {v for k, v in vars(InvitationState).items() if k.isupper()}
    assert set(ACK_REFUSALS) == states - {InvitationState.WAITING}
    assert not any("sign" in words.lower() for words in ACK_REFUSALS.values())


def test_signing_codes_use_the_shared_mechanism():
    assert (
        signing_codes.code_hash
        is __import__("risk_app.domain.one_time_codes", fromlist=["code_hash"]).code_hash
    )


def test_staff_choose_how_it_was_acknowledged_but_never_a_one_time_code():
    assert AckMethod.ONE_TIME_CODE not in STAFF_ACK_METHODS
    assert checked_ack_method("phone") is AckMethod.PHONE
    for method in ("one_time_code", "", "carrier pigeon"):
        with pytest.raises(InvalidInput):
            checked_ack_method(method)
