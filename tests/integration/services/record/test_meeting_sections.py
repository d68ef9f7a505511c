"""One section of the meeting screen is saved as one: everything typed in it is stored together,
under its own risk, or nothing is (so a click again after a refusal cannot record anything twice)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from risk_app.domain.errors import InvalidInput, NotPermitted
from risk_app.domain.record.meetings import ItemKind
from risk_app.services.record import circle, meeting_sections, meetings
from tests import factories

TODAY = datetime.now(UTC).date()


@pytest.fixture
def north(store):
    return factories.actor(store, username="practitioner")


@pytest.fixture
def amina(store, north):
    return factories.person(store, "Amina Okafor")


def _open(store, by, person_id):
    return meetings.open_meeting(
        store,
        by=by,
        person_id=person_id,
        held_on=TODAY,
        title="Risk meeting",
        purpose="Agree how Amina travels safely",
        chair="Sam Carter",
        attendees=[{"name": "Amina Okafor", "agency": "", "role": "person", "present": True}],
    )


def _recorded(store, by, meeting_id):
    view = meetings.meeting(store, by=by, meeting_id=meeting_id)
    return view.items, view.actions


def test_a_decision_a_dissent_a_note_and_an_action_are_stored_together_under_their_risk(
    store, north, amina
):
    travel = factories.risk(store, amina, by=north)
    grace = factories.member(store, amina, by=north)
    held = _open(store, north, amina.id)
    count = meeting_sections.add_in_section(
        store,
        by=north,
        meeting_id=held.id,
        risk_id=travel,
        decision="Amina travels alone from Monday",
        party="Dr Shah",
        dissent="I would wait a month",
        note="Reviewed the bus route together",
        action="Ring after each trip",
        owner_member_id=grace.id,
        due=TODAY + timedelta(days=7),
    )
    items, actions = _recorded(store, north, held.id)
    assert count == 4
    assert [i.kind for i in items] == [ItemKind.DECISION, ItemKind.DISSENT, ItemKind.NOTE]
    assert {i.risk_id for i in items} == {travel}
    assert items[1].party == "Dr Shah"
    (agreed,) = actions
    assert (agreed.owner_name, agreed.description) == ("Grace Okafor", "Ring after each trip")


@pytest.mark.parametrize(
    "half_given",
    [
        {"action": "Ring after each trip"},  # nobody to do it
        {"due": TODAY},  # a date with nothing to do
        {"party": "Dr Shah"},  # who disagrees, without their words
    ],
)
def test_a_refused_section_stores_nothing_of_what_was_typed(store, north, amina, half_given):
    held = _open(store, north, amina.id)
    with pytest.raises(InvalidInput):
        meeting_sections.add_in_section(
            store, by=north, meeting_id=held.id, decision="Amina travels alone", **half_given
        )
    assert _recorded(store, north, held.id) == ((), ())


def test_an_owner_from_another_persons_circle_refuses_the_whole_section(store, north, amina):
    david = factories.person(store, "David Price")
    leo = factories.member(store, david, "Leo Price", relationship="son", by=north)
    held = _open(store, north, amina.id)
    with pytest.raises(InvalidInput):
        meeting_sections.add_in_section(
            store,
            by=north,
            meeting_id=held.id,
            decision="Amina travels alone",
            action="Ring after each trip",
            owner_member_id=leo.id,
        )
    assert _recorded(store, north, held.id) == ((), ())


def test_an_owner_who_left_the_circle_meanwhile_refuses_the_whole_section(store, north, amina):
    grace = factories.member(store, amina, by=north)
    held = _open(store, north, amina.id)
    circle.leave_circle(
        store, by=north, member_id=grace.id, expected_version=grace.version, reason="Moved away"
    )
    with pytest.raises(InvalidInput):
        meeting_sections.add_in_section(
            store,
            by=north,
            meeting_id=held.id,
            note="Grace will ring",
            action="Ring after each trip",
            owner_member_id=grace.id,
        )
    assert _recorded(store, north, held.id) == ((), ())


def test_an_empty_section_a_closed_meeting_and_another_team_are_refused(store, north, amina):
    held = _open(store, north, amina.id)
    with pytest.raises(InvalidInput, match="Write a decision"):
        meeting_sections.add_in_section(store, by=north, meeting_id=held.id, note="   ")
    south = factories.actor(store, team=factories.SOUTH, username="practitioner.south")
    with pytest.raises(NotPermitted):
        meeting_sections.add_in_section(store, by=south, meeting_id=held.id, note="Not mine")
    meetings.close_meeting(store, by=north, meeting_id=held.id, expected_version=held.version)
    with pytest.raises(InvalidInput, match="closed"):
        meeting_sections.add_in_section(store, by=north, meeting_id=held.id, note="Too late")
    assert _recorded(store, north, held.id) == ((), ())


def test_the_person_themself_can_own_an_action_agreed_in_a_section(store, north, amina):
    held = _open(store, north, amina.id)
    meeting_sections.add_in_section(
        store,
        by=north,
        meeting_id=held.id,
        action="Carry the travel card",
        owner_is_the_person=True,
    )
    (agreed,) = _recorded(store, north, held.id)[1]
    assert agreed.owner_name == "Amina Okafor" and agreed.owner_kind.value == "person"
