"""Actions, acknowledgements and signatories pick their people from the person's circle: one
person is one signatory of the risk agreement. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AcknowledgementRow, ActionRow
from risk_app.domain.agreements.signers import SignerRole
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.circle import LikelyDuplicate
from risk_app.domain.record.ownership import OwnerKind
from risk_app.services.agreements import issuing
from risk_app.services.record import circle, risks
from tests import factories

DUE = factories.TODAY


def _action(store: Store, by, person_id: int, **owner):
    return risks.add_action(
        store, by=by, person_id=person_id, description="Ring on Sunday", due=DUE, **owner
    )


def _row(store: Store, action_id: int) -> ActionRow:
    with store.read() as session:
        row = session.get(ActionRow, action_id)
        assert row is not None
        return row


def _owners(store: Store, by, person_id: int) -> list[tuple[str, str]]:
    draft = issuing.draft(store, by=by, person_id=person_id)
    return [(r.key, r.label) for r in draft.required if r.role is SignerRole.OWNER]


def test_an_action_owned_by_a_member_takes_their_name_and_role(store: Store):
    amina = factories.person(store)
    jo = factories.actor(store)
    grace = factories.member(store, amina)
    row = _row(store, _action(store, jo, amina.id, owner_member_id=grace.id))
    assert (row.owner_name, row.owner_kind, row.circle_member_id) == (
        "Grace Okafor",
        "family_or_friend",
        grace.id,
    )


def test_a_member_and_a_typed_owner_together_are_refused(store: Store):
    amina = factories.person(store)
    grace = factories.member(store, amina)
    with pytest.raises(InvalidInput, match="not both"):
        _action(
            store,
            factories.actor(store),
            amina.id,
            owner_member_id=grace.id,
            owner_name="Grace",
            owner_kind="family_or_friend",
        )


def test_no_owner_role_is_assumed(store: Store):
    amina = factories.person(store)
    for blank in (None, "", " "):
        with pytest.raises(InvalidInput, match="Choose who will do it"):
            _action(store, factories.actor(store), amina.id, owner_name="Grace", owner_kind=blank)


def test_someone_new_joins_the_circle_and_the_same_details_again_are_the_same_member(
    store: Store,
):
    amina = factories.person(store)
    jo = factories.actor(store)
    owner = {
        "owner_name": "Sam Reid",
        "owner_kind": "personal_assistant",
        "owner_relationship": "PA",
    }
    first = _row(store, _action(store, jo, amina.id, **owner))
    second = _row(store, _action(store, jo, amina.id, **(owner | {"owner_name": " sam  REID "})))
    [sam] = circle.members_for(store, by=jo, person_id=amina.id)
    assert first.circle_member_id == second.circle_member_id == sam.id
    assert sam.label == "Sam Reid (PA)"


def test_a_likely_duplicate_is_offered_and_nothing_is_written(store: Store):
    amina = factories.person(store)
    jo = factories.actor(store)
    grace = factories.member(store, amina)
    with pytest.raises(LikelyDuplicate) as refused:
        _action(store, jo, amina.id, owner_name="Grace Okafor", owner_kind="family_or_friend")
    assert [m.id for m in refused.value.matches] == [grace.id]
    with store.read() as session:
        assert session.scalars(select(ActionRow).where(ActionRow.person_id == amina.id)).all() == []
    assert len(circle.members_for(store, by=jo, person_id=amina.id)) == 1
    made = _action(
        store,
        jo,
        amina.id,
        owner_name="Grace Okafor",
        owner_kind="family_or_friend",
        owner_confirmed_new=True,
    )
    assert _row(store, made).circle_member_id != grace.id
    assert len(circle.members_for(store, by=jo, person_id=amina.id)) == 2


def test_the_person_themself_is_an_owner_without_joining_the_circle(store: Store):
    amina = factories.person(store)
    jo = factories.actor(store)
    row = _row(store, _action(store, jo, amina.id, owner_name="Amina Okafor", owner_kind="person"))
    assert (row.owner_kind, row.circle_member_id) == ("person", None)
    assert circle.members_for(store, by=jo, person_id=amina.id) == []


def test_a_member_of_another_persons_circle_or_one_who_left_is_refused(store: Store):
    amina = factories.person(store)
    david = factories.person(store, "David Jones")
    jo = factories.actor(store)
    davids_sister = factories.member(store, david, "Ruth Jones")
    gone = factories.member(store, amina, "Sam Reid", kind="personal_assistant", relationship="")
    circle.leave_circle(store, by=jo, member_id=gone.id, expected_version=1, reason="Left")
    for member in (davids_sister, gone):
        with pytest.raises(InvalidInput, match="not in this person's circle"):
            _action(store, jo, amina.id, owner_member_id=member.id)
    action_id = factories.action(store, amina, by=jo)
    with pytest.raises(InvalidInput, match="not in this person's circle"):
        risks.acknowledge(
            store, by=jo, action_id=action_id, member_id=davids_sister.id, method="phone"
        )


def test_an_acknowledgement_by_a_member_records_the_member(store: Store):
    amina = factories.person(store)
    jo = factories.actor(store)
    grace = factories.member(store, amina)
    action_id = _action(store, jo, amina.id, owner_member_id=grace.id)
    risks.acknowledge(store, by=jo, action_id=action_id, member_id=grace.id, method="phone")
    with store.read() as session:
        ack = session.scalars(
            select(AcknowledgementRow).where(AcknowledgementRow.action_id == action_id)
        ).one()
    assert (ack.acknowledged_by, ack.circle_member_id) == ("Grace Okafor", grace.id)
    with pytest.raises(InvalidInput, match="not both"):
        risks.acknowledge(
            store,
            by=jo,
            action_id=action_id,
            member_id=grace.id,
            acknowledged_by="Grace",
            method="phone",
        )


def test_two_actions_owned_by_the_same_member_give_one_signatory(store: Store):
    amina = factories.person(store)
    jo = factories.actor(store)
    grace = factories.member(store, amina)
    first = _action(store, jo, amina.id, owner_member_id=grace.id)
    _action(store, jo, amina.id, owner_member_id=grace.id)
    # an older action of hers, typed differently before she was in the circle, then linked
    with store.write() as session:
        session.execute(
            update(ActionRow)
            .where(ActionRow.id == first)
            .values(owner_name="grace  OKAFOR", owner_kind=OwnerKind.HEALTH.value)
        )
    assert _owners(store, jo, amina.id) == [
        ("owner:family_or_friend:grace okafor", "Grace Okafor (family or friend)")
    ]


def test_an_owner_typed_before_the_circle_is_the_member_named_the_same_way(store: Store):
    amina = factories.person(store)
    jo = factories.actor(store)
    typed = _action(store, jo, amina.id, owner_name="Grace Okafor", owner_kind="family_or_friend")
    with store.write() as session:  # as recorded before the circle: no member
        session.execute(
            update(ActionRow).where(ActionRow.id == typed).values(circle_member_id=None)
        )
    [grace] = circle.members_for(store, by=jo, person_id=amina.id)
    _action(store, jo, amina.id, owner_member_id=grace.id)
    assert [key for key, _ in _owners(store, jo, amina.id)] == [
        "owner:family_or_friend:grace okafor"
    ]


def test_two_different_people_of_the_same_name_are_two_signatories(store: Store):
    amina = factories.person(store)
    jo = factories.actor(store)
    elder = factories.member(store, amina, "Jo Okafor", relationship="")
    younger = factories.member(store, amina, "Jo Okafor", relationship="")
    _action(store, jo, amina.id, owner_member_id=elder.id)
    _action(store, jo, amina.id, owner_member_id=younger.id)
    assert [key for key, _ in _owners(store, jo, amina.id)] == [
        "owner:family_or_friend:jo okafor",
        f"owner:member:{younger.id}",
    ]
