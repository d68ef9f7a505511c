"""Undo at a meeting: items, attendees and actions withdrawn with a reason (kept and audited)
while it is open; corrections after it closes; attendees added while it is open."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from risk_app.adapters.tables import AuditEventRow, MeetingItemRow
from risk_app.domain.errors import InvalidInput, NotPermitted
from risk_app.domain.record.meetings import ItemKind, PersonVoice
from risk_app.domain.record.ownership import ActionStatus
from risk_app.services.agreements import issuing
from risk_app.services.record import circle, meeting_undo, meetings, risks
from tests import factories

TODAY = datetime.now(UTC).date()
REASON = "Added twice by mistake"


@pytest.fixture
def north(store):
    return factories.actor(store, username="practitioner")


@pytest.fixture
def south(store):
    return factories.actor(store, team=factories.SOUTH, username="practitioner.south")


@pytest.fixture
def amina(store, north):
    return factories.person(store, "Amina Okafor").id


def _open(store, by, person_id):
    return meetings.open_meeting(
        store,
        by=by,
        person_id=person_id,
        held_on=TODAY,
        title="Risk meeting",
        purpose="Agree how Amina travels safely",
        chair="Sam Carter",
        attendees=[
            {"name": "Amina Okafor", "agency": "", "role": "person", "present": True},
            {"name": "Dr Shah", "agency": "Riverside Surgery", "role": "health", "present": True},
        ],
    )


def _close(store, by, meeting_id):
    view = meetings.meeting(store, by=by, meeting_id=meeting_id)
    meetings.close_meeting(store, by=by, meeting_id=meeting_id, expected_version=view.version)


def _events(store, object_type):
    with store.read() as session:
        return session.scalars(
            select(AuditEventRow)
            .where(AuditEventRow.object_type == object_type)
            .order_by(AuditEventRow.seq)
        ).all()


def test_a_withdrawn_item_is_kept_with_its_reason_audited_and_left_out_of_the_minutes(
    store, north, amina
):
    held = _open(store, north, amina)
    item = meetings.add_item(
        store, by=north, meeting_id=held.id, kind="decision", text="Amina travels alone"
    )
    meeting_undo.withdraw_item(store, by=north, meeting_id=held.id, item_id=item, reason=REASON)
    view = meetings.meeting(store, by=north, meeting_id=held.id)
    (kept,) = view.items
    assert kept.text == "Amina travels alone"
    assert kept.withdrawn is not None and kept.withdrawn.reason == REASON
    assert kept.withdrawn.by == "practitioner"
    assert view.items_of(ItemKind.DECISION) == []
    minutes = meetings.export_minutes(store, by=north, meeting_id=held.id, fmt="html")
    assert "Amina travels alone" not in minutes
    (event,) = [e for e in _events(store, "meeting_item") if e.action == "change"]
    assert event.object_id == str(item) and '"reason_given":true' in event.detail
    assert REASON not in event.detail and "Added twice" not in event.detail


def test_withdrawing_twice_or_without_a_reason_or_after_closing_is_refused(store, north, amina):
    held = _open(store, north, amina)
    item = meetings.add_item(store, by=north, meeting_id=held.id, kind="note", text="Noted")
    for blank in ("", "   \n"):
        with pytest.raises(InvalidInput, match="Say why it is being withdrawn"):
            meeting_undo.withdraw_item(
                store, by=north, meeting_id=held.id, item_id=item, reason=blank
            )
    meeting_undo.withdraw_item(store, by=north, meeting_id=held.id, item_id=item, reason=REASON)
    with pytest.raises(InvalidInput, match="already been withdrawn"):
        meeting_undo.withdraw_item(
            store, by=north, meeting_id=held.id, item_id=item, reason="Again"
        )
    other = meetings.add_item(store, by=north, meeting_id=held.id, kind="note", text="Kept")
    _close(store, by=north, meeting_id=held.id)
    with pytest.raises(InvalidInput, match="record a correction instead"):
        meeting_undo.withdraw_item(
            store, by=north, meeting_id=held.id, item_id=other, reason=REASON
        )
    view = meetings.meeting(store, by=north, meeting_id=held.id)
    assert [i.withdrawn is None for i in view.items] == [False, True]


def test_an_item_of_another_meeting_or_another_team_cannot_be_withdrawn(store, north, south, amina):
    first, second = _open(store, north, amina), _open(store, north, amina)
    item = meetings.add_item(store, by=north, meeting_id=first.id, kind="note", text="Noted")
    with pytest.raises(NotPermitted):
        meeting_undo.withdraw_item(
            store, by=north, meeting_id=second.id, item_id=item, reason=REASON
        )
    with pytest.raises(NotPermitted):
        meeting_undo.withdraw_item(
            store, by=south, meeting_id=first.id, item_id=item, reason=REASON
        )
    assert meetings.meeting(store, by=north, meeting_id=first.id).items[0].withdrawn is None


def test_a_withdrawn_action_is_on_no_overdue_list_and_needs_no_signature(store, north, amina):
    held = _open(store, north, amina)
    late = TODAY - timedelta(days=3)
    kept = meetings.agree_action(
        store,
        by=north,
        meeting_id=held.id,
        description="Ring Amina after each trip",
        owner_name="Grace Okafor",
        owner_kind="family_or_friend",
        due=late,
    )
    twice = meetings.agree_action(
        store,
        by=north,
        meeting_id=held.id,
        description="Ring Amina after each trip",
        owner_name="Grace Okafor (sister)",
        owner_kind="family_or_friend",
        due=late,
    )
    meeting_undo.withdraw_action(
        store, by=north, meeting_id=held.id, action_id=twice, reason=REASON
    )
    view = meetings.meeting(store, by=north, meeting_id=held.id)
    assert {a.id: a.status for a in view.actions} == {
        kept: ActionStatus.OPEN,
        twice: ActionStatus.WITHDRAWN,
    }
    assert view.action_withdrawals[twice].reason == REASON
    assert view.open_action_count == 1
    assert [a.action.id for a in risks.overdue_for_team(store, by=north)] == [kept]
    signers = issuing.draft(store, by=north, person_id=amina).required
    assert [s.name for s in signers if s.role.value == "owner"] == ["Grace Okafor"]
    with pytest.raises(InvalidInput, match="already been withdrawn"):
        meeting_undo.withdraw_action(
            store, by=north, meeting_id=held.id, action_id=twice, reason=REASON
        )
    action = next(a for a in view.actions if a.id == twice)
    with pytest.raises(InvalidInput, match="stays withdrawn"):
        risks.set_action_status(
            store, by=north, action_id=twice, expected_version=action.version, status="open"
        )
    minutes = meetings.export_minutes(store, by=north, meeting_id=held.id, fmt="html")
    assert "Grace Okafor (sister)" not in minutes and "Grace Okafor" in minutes


def test_attendees_are_added_and_withdrawn_while_open_but_the_persons_voice_must_stay(
    store, north, amina
):
    held = _open(store, north, amina)
    added = meetings.add_attendee(
        store,
        by=north,
        meeting_id=held.id,
        name="PC Lewis",
        agency="West Police",
        role="police",
        present=False,
    )
    view = meetings.meeting(store, by=north, meeting_id=held.id)
    assert [(a.name, a.present) for a in view.attendees][-1] == ("PC Lewis", False)
    meeting_undo.withdraw_attendee(
        store, by=north, meeting_id=held.id, attendee_id=added, reason="Not invited"
    )
    person = view.attendees[0].id
    assert person is not None
    with pytest.raises(InvalidInput, match="Record the person's view"):
        meeting_undo.withdraw_attendee(
            store, by=north, meeting_id=held.id, attendee_id=person, reason="Left early"
        )
    advocate = meetings.add_attendee(
        store, by=north, meeting_id=held.id, name="Jo Bell", role="advocate", present=True
    )
    meeting_undo.withdraw_attendee(
        store, by=north, meeting_id=held.id, attendee_id=person, reason="Recorded in error"
    )
    view = meetings.meeting(store, by=north, meeting_id=held.id)
    assert view.person_voice is PersonVoice.ADVOCATE
    assert [a.id for a in view.current_attendees] == [view.attendees[1].id, advocate]
    assert [e.object_id for e in _events(store, "meeting_attendee") if e.action == "change"] == [
        str(added),
        str(person),
    ]
    _close(store, by=north, meeting_id=held.id)
    with pytest.raises(InvalidInput, match="closed"):
        meetings.add_attendee(
            store, by=north, meeting_id=held.id, name="Late", role="other", present=True
        )
    with pytest.raises(InvalidInput, match="role of attendee"):
        meetings.add_attendee(
            store, by=north, meeting_id=_open(store, north, amina).id, name="X", present=True
        )


def test_a_correction_is_recorded_only_after_closing_and_only_of_that_meetings_item(
    store, north, amina
):
    held, other = _open(store, north, amina), _open(store, north, amina)
    item = meetings.add_item(
        store, by=north, meeting_id=held.id, kind="dissent", party="Grace", text="Too risky"
    )
    elsewhere = meetings.add_item(store, by=north, meeting_id=other.id, kind="note", text="X")
    with pytest.raises(InvalidInput, match="still open"):
        meeting_undo.correct_item(
            store, by=north, meeting_id=held.id, corrects_item_id=item, text="Fixed", party="G"
        )
    _close(store, by=north, meeting_id=held.id)
    with pytest.raises(InvalidInput, match="item of this meeting"):
        meeting_undo.correct_item(
            store, by=north, meeting_id=held.id, corrects_item_id=elsewhere, text="Fixed"
        )
    fixed = meeting_undo.correct_item(
        store,
        by=north,
        meeting_id=held.id,
        corrects_item_id=item,
        text="Too risky after dark only",
        party="Grace Okafor",
    )
    view = meetings.meeting(store, by=north, meeting_id=held.id)
    assert [(i.id, i.corrects_item_id) for i in view.corrections_of(item)] == [(fixed, item)]
    assert [i.text for i in view.items_of(ItemKind.DISSENT)] == [
        "Too risky",
        "Too risky after dark only",
    ]
    with store.read() as session:
        assert session.get(MeetingItemRow, item).text == "Too risky"  # the original stays
    (event,) = [e for e in _events(store, "meeting_item") if e.object_id == str(fixed)]
    assert f'"corrects":{item}' in event.detail


def test_attendees_and_owners_come_from_the_persons_own_circle_once_each(store, north, amina):
    grace = circle.add_member(
        store, by=north, person_id=amina, name="Grace Okafor", kind="family_or_friend",
        relationship="sister",
    )  # fmt: skip
    ravi = factories.person(store, "Ravi Shah").id
    stranger = circle.add_member(
        store, by=north, person_id=ravi, name="Tom Reid", kind="housing", agency="Riverside Homes"
    )
    held = _open(store, north, amina)
    added = meetings.add_attendee(
        store, by=north, meeting_id=held.id, member_id=grace.id, present=True
    )
    with pytest.raises(InvalidInput, match="already listed"):
        meetings.add_attendee(
            store, by=north, meeting_id=held.id, member_id=grace.id, present=False
        )
    with pytest.raises(InvalidInput, match="not in this person's circle"):
        meetings.add_attendee(
            store, by=north, meeting_id=held.id, member_id=stranger.id, present=True
        )
    view = meetings.meeting(store, by=north, meeting_id=held.id)
    (listed,) = [a for a in view.attendees if a.id == added]
    assert (listed.name, listed.member_id, listed.agency) == ("Grace Okafor", grace.id, "sister")
    for _ in range(2):
        meetings.agree_action(
            store,
            by=north,
            meeting_id=held.id,
            description="Ring Amina after each trip",
            owner_member_id=grace.id,
            due=TODAY + timedelta(days=7),
        )
    with pytest.raises(InvalidInput, match="not in this person's circle"):
        meetings.agree_action(
            store,
            by=north,
            meeting_id=held.id,
            description="Check the flat",
            owner_member_id=stranger.id,
            due=None,
        )
    owners = {(a.owner_name, a.owner_kind.value) for a in meetings.meeting(
        store, by=north, meeting_id=held.id
    ).actions}  # fmt: skip
    assert owners == {("Grace Okafor", "family_or_friend")}
    signers = issuing.draft(store, by=north, person_id=amina).required
    assert [s.name for s in signers if s.role.value == "owner"] == ["Grace Okafor"]
