"""A person's circle on SQLite and PostgreSQL: each person recorded once, a likely duplicate
offered before a new entry, corrections refused when stale, members who leave kept, audited with
ids and field names only, and staff only."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow
from risk_app.domain.errors import InvalidInput, NotPermitted, StaleEdit
from risk_app.domain.record.circle import LikelyDuplicate
from risk_app.domain.record.ownership import OwnerKind
from risk_app.domain.roles import Role
from risk_app.services.record import circle, meetings, risks
from tests import factories


def _add(store: Store, by, person_id: int, **changes):
    values = {
        "name": "Grace Okafor",
        "kind": OwnerKind.FAMILY_OR_FRIEND,
        "relationship": "sister",
        "contact": "07700 900123",
    } | changes
    return circle.add_member(store, by=by, person_id=person_id, **values)


def test_members_are_listed_in_the_order_they_joined_with_their_details(store: Store):
    amina = factories.person(store)
    jo = factories.actor(store)
    grace = _add(store, jo, amina.id)
    gp = _add(
        store,
        jo,
        amina.id,
        name="Dr Ana Patel",
        kind="health",
        relationship="",
        agency="Riverside Surgery",
        username="ana.patel",
    )
    listed = circle.members_for(store, by=jo, person_id=amina.id)
    assert [m.label for m in listed] == [
        "Grace Okafor (sister)",
        "Dr Ana Patel (Health, Riverside Surgery)",
    ]
    assert (listed[0].contact, listed[0].has_account, listed[1].has_account) == (
        "07700 900123",
        False,
        True,
    )
    assert (grace.created_by, gp.version) == (jo.username, 1)


def test_a_likely_duplicate_is_offered_and_nothing_is_added(store: Store):
    amina = factories.person(store)
    jo = factories.actor(store)
    grace = _add(store, jo, amina.id)
    with pytest.raises(LikelyDuplicate) as refused:
        _add(store, jo, amina.id, name="  grace   OKAFOR", relationship="Sister", contact="")
    assert [m.id for m in refused.value.matches] == [grace.id]
    assert len(circle.members_for(store, by=jo, person_id=amina.id)) == 1


def test_a_different_person_of_the_same_name_is_added_once_confirmed(store: Store):
    amina = factories.person(store)
    jo = factories.actor(store)
    _add(store, jo, amina.id, relationship="")
    with pytest.raises(LikelyDuplicate):
        _add(store, jo, amina.id, relationship="")
    _add(store, jo, amina.id, relationship="", confirmed_new=True)
    assert len(circle.members_for(store, by=jo, person_id=amina.id)) == 2


def test_another_persons_circle_is_not_checked_for_duplicates(store: Store):
    amina = factories.person(store)
    david = factories.person(store, "David Jones")
    jo = factories.actor(store)
    _add(store, jo, amina.id)
    _add(store, jo, david.id)
    assert len(circle.members_for(store, by=jo, person_id=david.id)) == 1


def test_a_blank_role_is_refused(store: Store):
    amina = factories.person(store)
    with pytest.raises(InvalidInput, match="Choose their role"):
        _add(store, factories.actor(store), amina.id, kind="")


def test_a_correction_is_refused_when_stale_and_kept_when_current(store: Store):
    amina = factories.person(store)
    jo = factories.actor(store)
    grace = _add(store, jo, amina.id)
    details = {
        "name": "Grace Okafor",
        "kind": "family_or_friend",
        "relationship": "sister",
        "agency": "",
        "contact": "grace@example.org",
        "username": None,
    }
    fixed = circle.correct_member(
        store, by=jo, member_id=grace.id, expected_version=grace.version, **details
    )
    assert (fixed.contact, fixed.version) == ("grace@example.org", grace.version + 1)
    with pytest.raises(StaleEdit):
        circle.correct_member(
            store,
            by=jo,
            member_id=grace.id,
            expected_version=grace.version,
            **(details | {"contact": "0161 496 0000"}),
        )
    [kept] = circle.members_for(store, by=jo, person_id=amina.id)
    assert kept.contact == "grace@example.org"


def test_a_corrected_name_follows_everywhere_the_record_names_the_member(store: Store):
    amina = factories.person(store)
    jo = factories.actor(store)
    grace = _add(store, jo, amina.id, name="Grace Okafr")
    risk_id = factories.risk(store, amina, by=jo)
    action_id = risks.add_action(
        store,
        by=jo,
        person_id=amina.id,
        risk_id=risk_id,
        description="Ring on Sundays",
        owner_member_id=grace.id,
        due=None,
    )
    risks.acknowledge(
        store, by=jo, action_id=action_id, acknowledged_by="", member_id=grace.id, method="phone"
    )
    held = factories.meeting(
        store,
        amina,
        by=jo,
        attendees=[
            {"name": amina.display_name, "agency": "", "role": "person"},
            {"member_id": grace.id, "present": True},
        ],
    )
    circle.correct_member(
        store,
        by=jo,
        member_id=grace.id,
        expected_version=grace.version,
        name="Grace Okafor",
        kind="advocate",
        relationship="sister",
        agency="Advocacy Now",
        contact="",
        username=None,
    )
    [action] = risks.assessments_for(store, by=jo, person_id=amina.id)[0].risks[0].actions
    assert (action.owner_name, action.owner_kind) == ("Grace Okafor", OwnerKind.ADVOCATE)
    assert [a for a in action.acknowledged_by if "Grace" in a] == ["Grace Okafor (phone)"]
    attendees = meetings.meeting(store, by=jo, meeting_id=held.id).attendees
    assert [(a.name, a.agency, a.role) for a in attendees][1] == (
        "Grace Okafor",
        "Advocacy Now",
        OwnerKind.ADVOCATE,
    )


def test_a_correction_may_not_make_a_member_a_duplicate_of_another(store: Store):
    amina = factories.person(store)
    jo = factories.actor(store)
    grace = _add(store, jo, amina.id)
    other = _add(store, jo, amina.id, name="Grace Adeyemi", relationship="neighbour")
    with pytest.raises(LikelyDuplicate) as refused:
        circle.correct_member(
            store,
            by=jo,
            member_id=other.id,
            expected_version=other.version,
            name="Grace Okafor",
            kind="family_or_friend",
            relationship="sister",
            agency="",
            contact="",
            username=None,
        )
    assert [m.id for m in refused.value.matches] == [grace.id]


def test_a_member_who_leaves_is_kept_with_the_reason_and_not_listed(store: Store):
    amina = factories.person(store)
    jo = factories.actor(store)
    pa = _add(store, jo, amina.id, name="Sam Reid", kind="personal_assistant", relationship="PA")
    with pytest.raises(InvalidInput, match="Say why"):
        circle.leave_circle(store, by=jo, member_id=pa.id, expected_version=pa.version, reason=" ")
    gone = circle.leave_circle(
        store, by=jo, member_id=pa.id, expected_version=pa.version, reason="Stopped working"
    )
    assert gone.left_at is not None and gone.left_reason == "Stopped working"
    assert circle.members_for(store, by=jo, person_id=amina.id) == []
    assert [
        m.id for m in circle.members_for(store, by=jo, person_id=amina.id, include_left=True)
    ] == [pa.id]
    with pytest.raises(StaleEdit):
        circle.leave_circle(
            store, by=jo, member_id=pa.id, expected_version=pa.version, reason="Again"
        )
    # someone of the same name may join again: the one who left is not a duplicate
    again = _add(store, jo, amina.id, name="Sam Reid", kind="personal_assistant", relationship="PA")
    assert again.id != pa.id


def test_member_in_refuses_another_persons_member_and_one_who_left(store: Store):
    amina = factories.person(store)
    david = factories.person(store, "David Jones")
    jo = factories.actor(store)
    grace = _add(store, jo, amina.id)
    gone = _add(store, jo, amina.id, name="Sam Reid", kind="personal_assistant")
    circle.leave_circle(store, by=jo, member_id=gone.id, expected_version=1, reason="Left")
    with store.read() as session:
        assert circle.member_in(session, amina.id, grace.id).id == grace.id
        for person_id, member_id in ((david.id, grace.id), (amina.id, gone.id), (amina.id, 10**9)):
            with pytest.raises(InvalidInput, match="not in this person's circle"):
                circle.member_in(session, person_id, member_id)
        with pytest.raises(InvalidInput):
            circle.member_in(session, amina.id, "1")


def test_another_team_and_the_persons_own_account_cannot_see_or_change_the_circle(store: Store):
    amina = factories.person(store)
    grace = _add(store, factories.actor(store), amina.id)
    south = factories.actor(store, team=factories.SOUTH)
    with pytest.raises(NotPermitted):
        circle.members_for(store, by=south, person_id=amina.id)
    with pytest.raises(NotPermitted):
        _add(store, south, amina.id, name="Someone else")
    with pytest.raises(NotPermitted):
        circle.leave_circle(
            store, by=south, member_id=grace.id, expected_version=1, reason="Not theirs"
        )
    own = factories.actor(store, Role.INDIVIDUAL, person=amina)
    with pytest.raises(NotPermitted):
        circle.members_for(store, by=own, person_id=amina.id)


def test_the_audit_log_holds_ids_and_field_names_never_the_text(store: Store):
    amina = factories.person(store)
    jo = factories.actor(store)
    grace = _add(store, jo, amina.id, contact="secret-number-0770")
    circle.correct_member(
        store,
        by=jo,
        member_id=grace.id,
        expected_version=1,
        name="Grace Okafor",
        kind="family_or_friend",
        relationship="older sister",
        agency="",
        contact="secret-number-0770",
        username=None,
    )
    with store.read() as session:
        details = list(
            session.scalars(
                select(AuditEventRow.detail).where(AuditEventRow.object_type == "circle_member")
            )
        )
    assert len(details) == 2
    assert "relationship" in details[1]
    for detail in details:
        assert "Grace" not in detail and "secret-number" not in detail and "older" not in detail
