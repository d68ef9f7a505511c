"""A multi-agency risk meeting on the person's page, through AppTest."""

from __future__ import annotations

from risk_app.domain.record.meetings import ItemKind
from risk_app.domain.record.ownership import OwnerKind
from tests.ui import shown
from tests.ui.record.test_decision_page import area, open_as, table_with
from tests.ui.record.test_person_page import button


def field(at, label):
    return next(t for t in at.text_input if t.label == label)


def test_a_meeting_is_held_with_the_person_actions_agreed_minutes_prepared_and_closed(signed_in):
    at = open_as(signed_in("practitioner"), "Amina Okafor")
    area(at, "Purpose").set_value("Travelling to college on her own")
    field(at, "Chair").set_value("Priya Natarajan")
    field(at, "Name 1").set_value("Amina Okafor")
    next(s for s in at.selectbox if s.label == "Role 1").set_value(OwnerKind.PERSON)
    field(at, "Name 2").set_value("PC Dale Hughes")
    field(at, "Agency 2").set_value("Police")
    next(s for s in at.selectbox if s.label == "Role 2").set_value(OwnerKind.POLICE)
    button(at, "Start the meeting").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert list(table_with(at, "Agency")["Name"]) == ["Amina Okafor", "PC Dale Hughes"]

    next(s for s in at.selectbox if s.label == "What kind of record").set_value(ItemKind.DISSENT)
    field(at, "Who (for dissent)").set_value("Amina's mother")
    area(at, "What was said or decided").set_value("I think the late bus is not safe")
    button(at, "Add to the record").click().run()
    assert not shown.errors(at), shown.errors(at)
    items = next(t for t in shown.tables(at) if {"Kind", "Recorded"} <= set(t.columns))
    assert "I think the late bus is not safe" in set(items["Recorded"])

    meeting_field = next(t for t in at.text_area if (t.key or "").endswith("_what"))
    meeting_field.set_value("Ask the bus company about a later stop near home")
    next(t for t in at.text_input if (t.key or "").endswith("_owner")).set_value(
        "Gill (transport team)"
    )
    next(s for s in at.selectbox if (s.key or "").endswith("_role")).set_value(OwnerKind.COUNCIL)
    button(at, "Agree action").click().run()
    assert not shown.errors(at), shown.errors(at)
    owners = [list(t["Owner"]) for t in shown.tables(at) if "Owner" in t.columns]
    assert ["Gill (transport team)"] in owners  # the meeting's own actions table

    button(at, "Prepare the minutes").click().run()
    offered = [b.label for b in at.get("download_button")]
    assert offered == [
        "Download the minutes (PDF)",
        "Download the minutes (Word)",
        "Download the minutes (HTML)",
    ]
    button(at, "Close the meeting").click().run()
    assert any("1 action(s) stay open" in s for s in shown.successes(at))


def test_a_meeting_without_the_persons_voice_is_refused(signed_in):
    at = open_as(signed_in("practitioner"), "Amina Okafor")
    area(at, "Purpose").set_value("Travelling to college on her own")
    field(at, "Chair").set_value("Priya Natarajan")
    field(at, "Name 1").set_value("PC Dale Hughes")
    next(s for s in at.selectbox if s.label == "Role 1").set_value(OwnerKind.POLICE)
    button(at, "Start the meeting").click().run()
    assert any("Record the person's view" in e for e in shown.errors(at))


def test_a_meeting_being_set_up_survives_a_dropped_connection_until_it_starts(signed_in):
    first = open_as(signed_in("practitioner"), "Amina Okafor")
    field(first, "Chair").set_value("Priya Natarajan").run()
    field(first, "Name 1").set_value("Amina Okafor").run()
    next(s for s in first.selectbox if s.label == "Role 1").set_value(OwnerKind.PERSON).run()
    second = open_as(signed_in("practitioner"), "Amina Okafor")
    assert field(second, "Chair").value == "Priya Natarajan"
    assert field(second, "Name 1").value == "Amina Okafor"
    assert next(s for s in second.selectbox if s.label == "Role 1").value is OwnerKind.PERSON
    assert any("has been restored" in i for i in shown.infos(second))
    area(second, "Purpose").set_value("Travelling to college on her own").run()
    button(second, "Start the meeting").click().run()
    assert not shown.errors(second), shown.errors(second)
    third = open_as(signed_in("practitioner"), "Amina Okafor")
    assert field(third, "Chair").value == ""
