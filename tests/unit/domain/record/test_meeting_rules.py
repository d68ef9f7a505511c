"""The rules of a multi-agency risk meeting: the person's voice, attendees, the kinds of entry,
and what may be recorded while a meeting is open or once it is closed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.meetings import (
    NO_VOICE,
    Attendee,
    ItemKind,
    MeetingItem,
    MeetingStatus,
    MeetingView,
    NewItem,
    NewMeeting,
    PersonVoice,
    check_can_add,
    check_can_close,
    clean_attendee,
    voice_of,
)
from risk_app.domain.record.ownership import OwnerKind

HELD = date(2026, 5, 3)
AMINA = {"name": "Amina Okafor", "agency": "", "role": "person", "present": True}
GP = {"name": "Dr Shah", "agency": "Riverside Surgery", "role": "health", "present": True}


def meeting(**changes: object) -> NewMeeting:
    args: dict[str, object] = {
        "held_on": HELD,
        "title": "Risk meeting",
        "purpose": "Agree how to keep Amina safe while she goes out",
        "chair": "Team manager",
        "attendees": [AMINA, GP],
    }
    args.update(changes)
    return NewMeeting.checked(**args)  # type: ignore[arg-type]


# ---------------------------------------------------------------------- the person's voice
@pytest.mark.parametrize(
    ("role", "voice"),
    [
        (OwnerKind.PERSON, PersonVoice.PERSON),
        (OwnerKind.ADVOCATE, PersonVoice.ADVOCATE),
        (OwnerKind.REPRESENTATIVE, PersonVoice.REPRESENTATIVE),
    ],
)
def test_the_person_is_heard_when_they_or_someone_speaking_for_them_attends(role, voice):
    present = [Attendee("Dr Shah", "Surgery", OwnerKind.HEALTH), Attendee("Jo", "", role)]
    assert voice_of(present, "") is voice


def test_the_person_attending_counts_before_an_advocate_or_representative():
    everyone = [
        Attendee("Rep", "", OwnerKind.REPRESENTATIVE),
        Attendee("Advocate", "", OwnerKind.ADVOCATE),
        Attendee("Amina", "", OwnerKind.PERSON),
    ]
    assert voice_of(everyone, "") is PersonVoice.PERSON


def test_someone_invited_who_did_not_come_does_not_speak_for_the_person():
    absent = [Attendee("Amina", "", OwnerKind.PERSON, present=False)]
    with pytest.raises(InvalidInput, match="Record the person's view, or who spoke for them"):
        voice_of(absent, "")
    assert voice_of(absent, "I want to keep going out") is PersonVoice.VIEW_RECORDED


def test_each_voice_has_words_for_the_minutes():
    assert {v.label for v in PersonVoice} == {
        "The person attended.",
        "An advocate attended for the person.",
        "The person's representative attended.",
        "The person did not attend; their view was recorded.",
    }


# ---------------------------------------------------------------------- attendees
def test_an_attendee_is_read_from_a_mapping_or_taken_as_given():
    assert clean_attendee(
        {"name": " Dr Shah ", "agency": "Surgery", "role": " HEALTH "}, 1
    ) == Attendee("Dr Shah", "Surgery", OwnerKind.HEALTH, True)
    given = Attendee("PC Lewis", "Police", OwnerKind.POLICE, present=False)
    assert clean_attendee(given, 2) == given


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("Dr Shah", "Attendee 3 needs a name, agency and role"),
        ({"name": 7, "agency": "", "role": "health"}, "Attendee 3 must be written as text"),
        ({"name": "Dr Shah", "role": "health", "present": "yes"}, "whether attendee 3 was present"),
        ({"name": "", "agency": "", "role": "health"}, "attendee 3"),
        ({"name": "Merlin", "role": "wizard"}, "The role of attendee 3 is not one we know"),
    ],
)
def test_an_attendee_that_cannot_be_read_is_refused_by_position(raw, message):
    with pytest.raises(InvalidInput, match=message):
        clean_attendee(raw, 3)


# ---------------------------------------------------------------------- a new meeting
def test_a_meeting_is_checked_and_knows_how_the_person_was_heard():
    new = meeting(purpose="  Agree a plan  ", person_view="")
    assert (new.title, new.purpose, new.chair, new.voice) == (
        "Risk meeting",
        "Agree a plan",
        "Team manager",
        PersonVoice.PERSON,
    )
    assert [a.name for a in new.attendees] == ["Amina Okafor", "Dr Shah"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"held_on": "2026-05-03"}, "Give the date the meeting was held"),
        ({"title": ""}, "meeting title"),
        ({"purpose": "   "}, "Say what the meeting is for"),
        ({"chair": ""}, "name of the chair"),
        ({"attendees": []}, "List at least one attendee"),
        ({"attendees": [GP]}, NO_VOICE),
    ],
)
def test_a_meeting_missing_something_is_refused_saying_what(changes, message):
    with pytest.raises(InvalidInput, match=message):
        meeting(**changes)


def test_without_the_person_present_their_recorded_view_is_enough():
    new = meeting(attendees=[GP], person_view=" I want to keep going out ")
    assert new.voice is PersonVoice.VIEW_RECORDED
    assert new.person_view == "I want to keep going out"


# ---------------------------------------------------------------------- entries in the record
def test_each_kind_of_entry_is_checked():
    assert NewItem.checked(kind="note", text=" Capacity presumed ") == NewItem(
        ItemKind.NOTE, "Capacity presumed", "", None
    )
    assert NewItem.checked(kind=ItemKind.RISK, text="Discussed", risk_id=5).risk_id == 5
    dissent = NewItem.checked(kind="dissent", text="Too dangerous", party=" Her brother ")
    assert (dissent.kind, dissent.party, dissent.text) == (
        ItemKind.DISSENT,
        "Her brother",
        "Too dangerous",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"kind": "gossip", "text": "x"}, "Choose risk, decision, note or dissent"),
        ({"kind": "decision", "text": " "}, "Say what was discussed or decided"),
        ({"kind": "risk", "text": "Discussed"}, "Choose the risk that was discussed"),
        ({"kind": "dissent", "text": "No"}, "who disagrees"),
        ({"kind": "dissent", "text": " ", "party": "GP"}, "own words"),
    ],
)
def test_an_entry_missing_something_is_refused_saying_what(args, message):
    with pytest.raises(InvalidInput, match=message):
        NewItem.checked(**args)


def test_a_view_gives_its_entries_of_one_kind_in_order():
    at = datetime(2026, 5, 3, 10, tzinfo=UTC)
    items = tuple(
        MeetingItem(n, kind, None, "", f"entry {n}", "", at, "p")
        for n, kind in enumerate([ItemKind.NOTE, ItemKind.DECISION, ItemKind.NOTE], start=1)
    )
    view = MeetingView(
        id=1,
        person_id=2,
        person_name="Amina Okafor",
        held_on=HELD,
        title="Risk meeting",
        purpose="Plan",
        chair="Chair",
        person_view="",
        person_voice=PersonVoice.PERSON,
        next_meeting=None,
        status=MeetingStatus.OPEN,
        framework_version="1",
        created_at=at,
        created_by="p",
        version=1,
        attendees=(),
        items=items,
        actions=(),
        open_action_count=0,
    )
    assert [i.id for i in view.items_of(ItemKind.NOTE)] == [1, 3]
    assert view.items_of(ItemKind.DISSENT) == []


# ---------------------------------------------------------------------- open and closed
def test_entries_and_actions_are_added_only_while_the_meeting_is_open():
    check_can_add(MeetingStatus.OPEN)
    with pytest.raises(InvalidInput, match="This meeting is closed, so nothing more can be added"):
        check_can_add(MeetingStatus.CLOSED)


def test_a_meeting_is_closed_once_and_the_next_meeting_is_not_before_it():
    check_can_close(MeetingStatus.OPEN, HELD, None)
    check_can_close(MeetingStatus.OPEN, HELD, HELD)
    with pytest.raises(InvalidInput, match="The next meeting cannot be before this one"):
        check_can_close(MeetingStatus.OPEN, HELD, date(2026, 5, 2))
    with pytest.raises(InvalidInput, match="This meeting is already closed"):
        check_can_close(MeetingStatus.CLOSED, HELD, date(2026, 6, 1))
