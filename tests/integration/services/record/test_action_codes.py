"""Acknowledging an action remotely with a one-time code, by an owner without an account: the
owner sees their action and only that, acknowledges it once, and the acknowledgement says it was
given with a one-time code and which; wrong codes lock, codes expire, staff can cancel them, and
a code stops working once the action is done or cancelled. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import (
    AcknowledgementRow,
    ActionAckInvitationRow,
    ActionRow,
    AuditEventRow,
)
from risk_app.config import SigningCodePolicy
from risk_app.domain.errors import InvalidInput, NotPermitted, SigningCodeRefused
from risk_app.domain.record.ownership import AckMethod, ActionStatus
from risk_app.domain.sealing import SealKey
from risk_app.services.record import action_codes, risks
from tests import factories

POLICY = SigningCodePolicy(
    code_lifetime=timedelta(hours=4), max_attempts=3, grant_lifetime=timedelta(minutes=20)
)
HOSTILE = "<script>alert(1)</script> Grace O'Neill"


@pytest.fixture(scope="module")
def key() -> SealKey:
    return SealKey.generate()


@pytest.fixture
def setting(store: Store):
    worker = factories.actor(store, username="practitioner")
    eilidh = factories.person(store, "Eilidh MacLeod")
    action_id = factories.action(
        store,
        eilidh,
        by=worker,
        description=f"Ring {HOSTILE} after each trip",
        owner_name=HOSTILE,
        owner_kind="family_or_friend",
    )
    return worker, eilidh, action_id


def issue(store, setting, key, **kw):
    worker, _, action_id = setting
    return action_codes.issue_ack_code(
        store, by=worker, action_id=action_id, key=key, policy=POLICY, **kw
    )


def redeem(store, made, key, code: str | None = None, **kw):
    return action_codes.redeem(
        store, reference=made.reference, code=code or made.code, key=key, policy=POLICY, **kw
    )


def wrong(code: str) -> str:
    return ("1" if code[0] != "1" else "2") + code[1:]


def action_view(store: Store, action_id: int):
    with store.read() as session:
        [view] = risks.action_views(session, [session.get(ActionRow, action_id)])
        return view


def acknowledgements(store: Store, action_id: int) -> list[AcknowledgementRow]:
    with store.read() as session:
        return list(
            session.scalars(
                select(AcknowledgementRow).where(AcknowledgementRow.action_id == action_id)
            )
        )


def test_an_owner_without_an_account_sees_only_their_action_and_acknowledges_it_once(
    store, setting, key
):
    action_id = setting[2]
    made = issue(store, setting, key)
    assert made.owner_name == HOSTILE and made.reference[4] == "-"
    assert action_codes.holds(store, reference=made.reference.lower())
    grant = redeem(store, made, key)
    shown = action_codes.action_for_grant(store, grant=grant.token, key=key)
    assert (shown.owner_name, shown.description, shown.person_name) == (
        HOSTILE,
        f"Ring {HOSTILE} after each trip",
        "Eilidh MacLeod",
    )
    action_codes.acknowledge_with_grant(store, grant=grant.token, key=key)
    [ack] = acknowledgements(store, action_id)
    assert ack.method == AckMethod.ONE_TIME_CODE.value == "one_time_code"
    assert ack.acknowledged_by == HOSTILE
    assert ack.code_reference == made.reference.replace("-", "")
    assert ack.recorded_by == f"remote:{ack.code_reference}"
    summary = action_view(store, action_id)
    assert summary.acknowledged and summary.acknowledged_by == (
        f"{HOSTILE} (one time code {ack.code_reference})",
    )
    # Used once: the grant and the code are both spent.
    with pytest.raises(SigningCodeRefused, match="ended|run out|already used"):
        action_codes.acknowledge_with_grant(store, grant=grant.token, key=key)
    with pytest.raises(SigningCodeRefused, match="already been used to acknowledge"):
        redeem(store, made, key)
    assert len(acknowledgements(store, action_id)) == 1


def test_every_step_is_audited_under_the_reference_never_the_code_or_the_names(store, setting, key):
    made = issue(store, setting, key)
    with pytest.raises(SigningCodeRefused):
        redeem(store, made, key, code=wrong(made.code))
    grant = redeem(store, made, key)
    action_codes.acknowledge_with_grant(store, grant=grant.token, key=key)
    with store.read() as session:
        events = session.scalars(
            select(AuditEventRow).where(AuditEventRow.object_type == "action")
        ).all()
    actions = [e.action for e in events]
    assert {"invite", "code_rejected", "code_accepted", "sign"} <= set(actions)
    everything = " ".join(e.detail + e.actor for e in events)
    assert made.code.replace(" ", "") not in everything
    assert "script" not in everything and "Eilidh" not in everything
    signed = next(e for e in events if e.action == "sign")
    assert json.loads(signed.detail)["method"] == "one_time_code"
    assert signed.actor == "remote:" + made.reference.replace("-", "")


def test_wrong_codes_count_and_lock_the_code(store, setting, key):
    made = issue(store, setting, key)
    with pytest.raises(SigningCodeRefused, match="2 tries left") as first:
        redeem(store, made, key, code=wrong(made.code))
    assert first.value.tries_left == 2
    with pytest.raises(SigningCodeRefused, match="1 try left"):
        redeem(store, made, key, code="not a code")
    with pytest.raises(SigningCodeRefused, match="locked"):
        redeem(store, made, key, code=wrong(made.code))
    with pytest.raises(SigningCodeRefused, match="locked"):
        redeem(store, made, key)  # even the right code, once locked
    assert acknowledgements(store, setting[2]) == []


def test_an_expired_code_is_refused(store, setting, key):
    made = issue(store, setting, key, now=datetime.now(UTC) - timedelta(hours=5))
    with pytest.raises(SigningCodeRefused, match="run out of time"):
        redeem(store, made, key)


def test_a_grant_runs_out_after_its_time(store, setting, key):
    made = issue(store, setting, key)
    grant = redeem(store, made, key)
    later = datetime.now(UTC) + timedelta(minutes=21)
    with pytest.raises(SigningCodeRefused, match="run out"):
        action_codes.acknowledge_with_grant(store, grant=grant.token, key=key, now=later)


def test_more_time_extends_a_live_grant_and_never_revives_one_that_ended(store, setting, key):
    made = issue(store, setting, key)
    grant = redeem(store, made, key)
    used = grant.expires_at - timedelta(minutes=20)
    at = used + timedelta(minutes=19)
    longer = action_codes.extend_grant(store, grant=grant.token, key=key, now=at)
    assert longer.expires_at == at + timedelta(minutes=20)
    assert (longer.token, longer.owner_name) == (grant.token, grant.owner_name)
    action_codes.action_for_grant(
        store, grant=grant.token, key=key, now=used + timedelta(minutes=30)
    )
    with pytest.raises(SigningCodeRefused, match="run out"):
        action_codes.extend_grant(
            store, grant=grant.token, key=key, now=used + timedelta(minutes=40)
        )
    with store.read() as session:
        actions = session.scalars(select(AuditEventRow.action)).all()
    assert actions.count("grant_extended") == 1


def test_a_cancelled_code_and_one_replaced_by_a_newer_code_are_refused(store, setting, key):
    worker, _, action_id = setting
    first = issue(store, setting, key)
    second = issue(store, setting, key)
    with pytest.raises(SigningCodeRefused, match="cancelled"):
        redeem(store, first, key)
    action_codes.revoke_ack_code(store, by=worker, action_id=action_id, reference=second.reference)
    with pytest.raises(SigningCodeRefused, match="cancelled"):
        redeem(store, second, key)
    states = [c.state for c in action_codes.ack_codes_for(store, by=worker, action_id=action_id)]
    assert states == ["revoked", "revoked"]


def test_a_code_stops_working_when_the_action_is_done_or_cancelled_meanwhile(store, setting, key):
    worker, eilidh, action_id = setting
    made = issue(store, setting, key)
    grant = redeem(store, made, key)
    action = action_view(store, action_id)
    risks.set_action_status(
        store,
        by=worker,
        action_id=action_id,
        expected_version=action.version,
        status=ActionStatus.DONE,
    )
    with pytest.raises(SigningCodeRefused, match="no longer open"):
        action_codes.action_for_grant(store, grant=grant.token, key=key)
    with pytest.raises(SigningCodeRefused, match="no longer open"):
        action_codes.acknowledge_with_grant(store, grant=grant.token, key=key)
    assert acknowledgements(store, action_id) == []
    with pytest.raises(InvalidInput, match="no longer open"):
        issue(store, setting, key)
    cancelled = factories.action(store, eilidh, by=worker, owner_name="Jo", owner_kind="other")
    again = action_codes.issue_ack_code(
        store, by=worker, action_id=cancelled, key=key, policy=POLICY
    )
    second = action_view(store, cancelled)
    risks.set_action_status(
        store,
        by=worker,
        action_id=cancelled,
        expected_version=second.version,
        status=ActionStatus.CANCELLED,
    )
    with pytest.raises(SigningCodeRefused, match="no longer open"):
        redeem(store, again, key)


def test_an_unknown_or_malformed_reference_is_not_an_action_code(store, setting, key):
    assert not action_codes.holds(store, reference="K7MX-4QPR")
    assert not action_codes.holds(store, reference="<script>")
    with pytest.raises(SigningCodeRefused, match="cannot find"):
        action_codes.redeem(store, reference="nonsense", code="12345678", key=key)


def test_another_team_can_neither_make_nor_list_nor_cancel_codes(store, setting, key):
    _, _, action_id = setting
    south = factories.actor(store, team=factories.SOUTH, username="practitioner.south")
    made = issue(store, setting, key)
    with pytest.raises(NotPermitted):
        action_codes.issue_ack_code(store, by=south, action_id=action_id, key=key)
    with pytest.raises(NotPermitted):
        action_codes.ack_codes_for(store, by=south, action_id=action_id)
    with pytest.raises(NotPermitted):
        action_codes.revoke_ack_code(store, by=south, action_id=action_id, reference=made.reference)
    with store.read() as session:
        stored = session.scalar(select(ActionAckInvitationRow))
    assert stored is not None and stored.revoked_at is None
    assert made.code.replace(" ", "") not in stored.code_hash


def test_staff_cannot_record_an_acknowledgement_as_given_with_a_code(store, setting):
    worker, _, action_id = setting
    with pytest.raises(InvalidInput, match="how it was acknowledged"):
        risks.acknowledge(
            store, by=worker, action_id=action_id, acknowledged_by="Grace", method="one_time_code"
        )
    assert acknowledgements(store, action_id) == []
