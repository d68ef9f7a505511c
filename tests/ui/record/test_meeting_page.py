"""Starting a multi-agency risk meeting on the person's page, through AppTest: attendees are picked
from the person's circle (nobody chosen for the user), someone new joins the circle once."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from risk_app.config import Settings
from risk_app.domain.record.ownership import OwnerKind
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.services.record import circle, people
from tests.ui import shown
from tests.ui.record.test_decision_page import area, table_with
from tests.ui.record.test_decision_page import open_as as open_in_section
from tests.ui.record.test_person_page import button
from tests.ui.records import open_expanders

HERE = "Who is here (the person, or who speaks for them, and the agencies)"


def open_as(at: AppTest, name: str, **options: Any) -> AppTest:
    """Open the person's record at the meetings section (only the chosen section is drawn), with
    the form that starts a meeting open (it is shut, and not drawn, once the person has one)."""
    at = open_in_section(at, name, **{"section": "meetings", **options})
    return open_expanders(at, "Start a multi-agency risk meeting")


def field(at, label):
    return next(t for t in at.text_input if t.label == label)


def picker(at, label):
    return next(m for m in at.multiselect if m.label == label)


def _circle() -> dict[str, int]:
    """Amina's circle: a police officer and her advocate, by name."""
    store = open_store(Settings.from_env())
    try:
        actor = accounts.authenticate(store, "practitioner", "demo-practitioner-1")
        amina = next(
            p.id for p in people.caseload(store, by=actor) if p.display_name == "Amina Okafor"
        )
        return {
            name: circle.add_member(
                store, by=actor, person_id=amina, name=name, kind=kind, agency=agency
            ).id
            for name, kind, agency in (
                ("PC Dale Hughes", "police", "West Police"),
                ("Jo Bell", "advocate", "Advocacy Now"),
            )
        }
    finally:
        store.dispose()


def test_a_meeting_starts_with_the_person_and_the_circle_picked_and_nobody_chosen_for_us(
    signed_in,
):
    members = _circle()
    at = open_as(signed_in("practitioner"), "Amina Okafor")
    assert picker(at, HERE).value == [] and picker(at, "Who sent apologies").value == []
    area(at, "Purpose").set_value("Travelling to college on her own")
    field(at, "Chair").set_value("Priya Natarajan")
    picker(at, HERE).set_value(["person", f"m{members['PC Dale Hughes']}"])
    picker(at, "Who sent apologies").set_value([f"m{members['Jo Bell']}"])
    button(at, "Start the meeting").click().run()
    assert not shown.errors(at), shown.errors(at)
    attendees = table_with(at, "Attendance")
    assert list(attendees["Name"]) == ["Amina Okafor", "PC Dale Hughes", "Jo Bell"]
    assert list(attendees["Attendance"]) == ["Present", "Present", "Apologies"]
    assert picker(at, HERE).value == []  # the start form is empty again

    button(at, "Prepare the minutes").click().run()
    assert not shown.errors(at), shown.errors(at)
    offered = [b.label for b in at.get("download_button")]
    assert offered == [
        "Download the minutes (PDF)",
        "Download the minutes (Word)",
        "Download the minutes (HTML)",
    ]
    button(at, "Close the meeting").click().run()
    assert any("0 action(s) stay open" in s for s in shown.successes(at))
    assert not any(b.label == "Download the minutes (HTML)" for b in at.get("download_button"))


def test_a_meeting_without_the_persons_voice_is_refused(signed_in):
    members = _circle()
    at = open_as(signed_in("practitioner"), "Amina Okafor")
    area(at, "Purpose").set_value("Travelling to college on her own")
    field(at, "Chair").set_value("Priya Natarajan")
    picker(at, HERE).set_value([f"m{members['PC Dale Hughes']}"])
    button(at, "Start the meeting").click().run()
    assert any("Record the person's view" in e for e in shown.errors(at))


def test_someone_new_joins_the_circle_once_and_a_likely_duplicate_is_offered_first(signed_in):
    _circle()
    at = open_as(signed_in("practitioner"), "Amina Okafor")
    field(at, "Their name").set_value("PC Dale Hughes")
    kind = next(s for s in at.selectbox if s.label == "Who they are")
    assert kind.value is None
    kind.set_value(OwnerKind.POLICE)
    button(at, "Add to the circle").click().run()
    assert any("already in the person's circle" in w for w in shown.warnings(at))
    assert field(at, "Their name").value == "PC Dale Hughes"  # kept, to confirm or change
    field(at, "Their name").set_value("Kim Lee")
    next(s for s in at.selectbox if s.label == "Who they are").set_value(OwnerKind.HEALTH)
    button(at, "Add to the circle").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert field(at, "Their name").value == ""
    assert any(o.startswith("Kim Lee") for o in picker(at, HERE).options)


def test_a_meeting_being_set_up_survives_a_dropped_connection_until_it_starts(signed_in):
    members = _circle()
    first = open_as(signed_in("practitioner"), "Amina Okafor")
    field(first, "Chair").set_value("Priya Natarajan").run()
    picker(first, HERE).set_value(["person", f"m{members['Jo Bell']}"]).run()
    second = open_as(signed_in("practitioner"), "Amina Okafor")
    assert field(second, "Chair").value == "Priya Natarajan"
    assert picker(second, HERE).value == ["person", f"m{members['Jo Bell']}"]
    assert any("has been restored" in i for i in shown.infos(second))
    area(second, "Purpose").set_value("Travelling to college on her own").run()
    button(second, "Start the meeting").click().run()
    assert not shown.errors(second), shown.errors(second)
    third = open_as(signed_in("practitioner"), "Amina Okafor")
    assert field(third, "Chair").value == ""
