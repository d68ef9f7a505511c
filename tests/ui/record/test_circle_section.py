"""The people around the person, through AppTest: the circle's table and add form (a likely
duplicate offered, "use existing" adds nothing, the form clears), and the action form picking its
owner from the circle with nothing chosen at first."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from risk_app.config import Settings
from risk_app.domain.record.ownership import OwnerKind
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.services.record import circle, people, risks
from risk_app.services.record.risks import RiskInput
from tests.ui import shown
from tests.ui.record.test_person_page import button, open_person
from tests.ui.records import open_expanders, open_section

TOMASZ = "Tomasz Nowak"


def _setup(name: str = TOMASZ, *, with_risk: bool = False, left: str = "") -> tuple[int, int]:
    """The person's id and (with_risk) a risk of theirs; `left`: someone who left the circle."""
    store = open_store(Settings.from_env())
    manager = accounts.authenticate(store, "manager", "demo-team-manager")
    person_id = next(p.id for p in people.caseload(store, by=manager) if p.display_name == name)
    risk_id = 0
    if with_risk:
        assessment = risks.start_assessment(store, by=manager, person_id=person_id)
        risk_id = risks.add_risk(
            store,
            by=manager,
            assessment_id=assessment,
            data=RiskInput(activity="Cooking on the gas hob", likelihood=3, impact=3),
        )
    if left:
        gone = circle.add_member(
            store, by=manager, person_id=person_id, name=left, kind="personal_assistant"
        )
        circle.leave_circle(
            store, by=manager, member_id=gone.id, expected_version=gone.version, reason="Left"
        )
    store.dispose()
    return person_id, risk_id


def _member_id(person_id: int, name: str) -> int:
    store = open_store(Settings.from_env())
    manager = accounts.authenticate(store, "manager", "demo-team-manager")
    found = circle.members_for(store, by=manager, person_id=person_id)
    store.dispose()
    return next(m.id for m in found if m.name == name)


def _type(at: AppTest, key: str, **values: str) -> None:
    for field, value in values.items():
        at.text_input(key=f"{key}_{field}").set_value(value)


def _circle_rows(at: AppTest, name: str) -> int:
    tables = [t for t in shown.tables(at) if "Has an account" in t.columns]
    return sum(1 for t in tables for n in t["Name"] if n == name)


def _add_to_circle(at: AppTest, key: str, name: str, relationship: str) -> None:
    _type(at, key, name=name, relationship=relationship)
    at.selectbox(key=f"{key}_role").set_value(OwnerKind.FAMILY_OR_FRIEND)
    button(at, "Add to the circle").click().run()
    assert not at.exception, at.exception


def test_someone_added_to_the_circle_is_listed_and_the_form_clears(signed_in):
    person_id, _ = _setup()
    at = open_person(signed_in("practitioner"), TOMASZ, "people")
    key = f"circle_add_{person_id}"
    assert at.selectbox(key=f"{key}_role").value is None  # no role assumed
    _type(at, key, contact="07700 900123")
    _add_to_circle(at, key, "Grace Okafor", "sister")
    assert not shown.errors(at), shown.errors(at)
    assert any("Added Grace Okafor (sister)" in s for s in shown.successes(at))
    assert _circle_rows(at, "Grace Okafor") == 1
    assert at.text_input(key=f"{key}_name").value == ""
    assert at.text_input(key=f"{key}_contact").value == ""
    assert at.selectbox(key=f"{key}_role").value is None


def test_a_blank_role_is_refused_and_what_was_typed_is_kept(signed_in):
    person_id, _ = _setup()
    at = open_person(signed_in("practitioner"), TOMASZ, "people")
    key = f"circle_add_{person_id}"
    _type(at, key, name="Sam Reid")
    button(at, "Add to the circle").click().run()
    assert any("Choose their role" in e for e in shown.errors(at))
    assert at.text_input(key=f"{key}_name").value == "Sam Reid"
    assert _circle_rows(at, "Sam Reid") == 0


def test_a_likely_duplicate_is_offered_and_using_them_adds_nobody(signed_in):
    person_id, _ = _setup()
    at = open_person(signed_in("practitioner"), TOMASZ, "people")
    key = f"circle_add_{person_id}"
    _add_to_circle(at, key, "Grace Okafor", "sister")
    _add_to_circle(at, key, "grace  OKAFOR", "Sister")
    assert any("already in the person's circle" in w for w in shown.warnings(at))
    button(at, "Use them").click().run()
    assert not at.exception, at.exception
    assert _circle_rows(at, "Grace Okafor") == 1
    assert any("nothing was added" in s for s in shown.successes(at))
    assert at.text_input(key=f"{key}_name").value == ""


def test_a_different_person_of_the_same_name_is_added_when_said_so(signed_in):
    person_id, _ = _setup()
    at = open_person(signed_in("practitioner"), TOMASZ, "people")
    key = f"circle_add_{person_id}"
    _add_to_circle(at, key, "Jo Nowak", "")
    _add_to_circle(at, key, "Jo Nowak", "")
    button(at, "Add as a different person").click().run()
    assert _circle_rows(at, "Jo Nowak") == 2


def test_the_action_form_picks_its_owner_from_the_circle_and_clears(signed_in):
    person_id, risk_id = _setup(with_risk=True, left="Pat Gone")
    at = open_person(signed_in("practitioner"), TOMASZ, "people")
    _add_to_circle(at, f"circle_add_{person_id}", "Grace Okafor", "sister")
    open_expanders(open_section(at, "risks"), "Add an action or acknowledgement")
    key = f"action_add_{risk_id}"
    owner = at.selectbox(key=f"{key}_0_owner_who")
    assert owner.value is None  # nobody assumed
    assert "Pat Gone (Personal assistant)" not in owner.options  # left the circle
    assert {"The person themself", "Grace Okafor (sister)", "Someone new…"} <= set(owner.options)
    at.text_area(key=f"{key}_0_description").set_value("Ring on Sundays")
    button(at, "Add action").click().run()
    assert any("Choose who will do it" in e for e in shown.errors(at))
    at.selectbox(key=f"{key}_0_owner_who").set_value(_member_id(person_id, "Grace Okafor"))
    button(at, "Add action").click().run()
    assert not shown.errors(at), shown.errors(at)
    owners = next(t for t in shown.tables(at) if "Owner" in t.columns)
    assert list(owners["Owner"]) == ["Grace Okafor"]
    assert at.selectbox(key=f"{key}_1_owner_who").value is None  # a fresh, empty form
    assert at.text_area(key=f"{key}_1_description").value == ""


def test_someone_new_in_the_action_form_joins_the_circle_after_a_duplicate_check(signed_in):
    person_id, risk_id = _setup(with_risk=True)
    at = open_person(signed_in("practitioner"), TOMASZ, "people")
    _add_to_circle(at, f"circle_add_{person_id}", "Grace Okafor", "sister")
    open_expanders(open_section(at, "risks"), "Add an action or acknowledgement")
    key = f"action_add_{risk_id}"
    at.text_area(key=f"{key}_0_description").set_value("Ring on Sundays")
    owner = at.selectbox(key=f"{key}_0_owner_who")
    owner.set_value("new").run()
    role = at.selectbox(key=f"{key}_0_owner_role")
    assert role.value is None
    _type(at, f"{key}_0_owner", name="Grace Okafor")
    role.set_value(OwnerKind.FAMILY_OR_FRIEND)
    button(at, "Add action").click().run()
    assert any("already in the person's circle" in w for w in shown.warnings(at))
    button(at, "Use them").click().run()
    assert not shown.errors(at), shown.errors(at)
    owners = next(t for t in shown.tables(at) if "Owner" in t.columns)
    assert list(owners["Owner"]) == ["Grace Okafor"]
    assert _circle_rows(open_section(at, "people"), "Grace Okafor") == 1


def test_someone_who_leaves_is_kept_with_the_reason_and_no_longer_offered(signed_in):
    person_id, _ = _setup()
    at = open_person(signed_in("practitioner"), TOMASZ, "people")
    _add_to_circle(at, f"circle_add_{person_id}", "Grace Okafor", "sister")
    who = next(s for s in at.selectbox if s.label == "Who")
    assert who.value is None
    button(at, "Record that they have left").click().run()
    assert any("Choose who" in e for e in shown.errors(at))
    who = next(s for s in at.selectbox if s.label == "Who")
    who.set_value(_member_id(person_id, "Grace Okafor"))
    button(at, "Record that they have left").click().run()
    assert any("Say why" in e for e in shown.errors(at))
    next(s for s in at.selectbox if s.label == "Who").set_value(
        _member_id(person_id, "Grace Okafor")
    )
    next(t for t in at.text_area if t.label.startswith("Why they are")).set_value("Moved away")
    button(at, "Record that they have left").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert _circle_rows(at, "Grace Okafor") == 0
    left = next(t for t in shown.tables(at) if "Why" in t.columns)
    assert list(left["Why"]) == ["Moved away"]


def test_a_shut_action_form_is_not_drawn_and_what_was_typed_is_there_when_it_opens(signed_in):
    _, risk_id = _setup(with_risk=True)
    at = open_person(signed_in("practitioner"), TOMASZ, "risks")
    key = f"action_add_{risk_id}"
    assert not any(t.key == f"{key}_0_description" for t in at.text_area)  # shut: not drawn
    open_expanders(at, "Add an action or acknowledgement")
    at.text_area(key=f"{key}_0_description").set_value("Ring on Sundays").run()
    at.selectbox(key=f"{key}_0_owner_who").set_value("person").run()
    at.session_state[f"risk_{risk_id}_action_forms"] = False  # shut it
    at.run()
    at.run()  # and leave it shut for another run
    assert not any(t.key == f"{key}_0_description" for t in at.text_area)
    open_expanders(at, "Add an action or acknowledgement")
    assert at.text_area(key=f"{key}_0_description").value == "Ring on Sundays"
    assert at.selectbox(key=f"{key}_0_owner_who").value == "person"


def _correct_form(at: AppTest, person_id: int, name: str) -> dict[str, Any]:
    """Open "Correct someone's details" and choose `name`: their fields, by label."""
    open_expanders(at, "Correct someone's details")
    who = at.selectbox(key=f"circle_correct_{person_id}_0_who")
    assert who.value is None  # nobody chosen for the worker
    who.set_value(_member_id(person_id, name)).run()
    return {t.label: t for t in at.text_input if t.key.startswith(f"circle_correct_{person_id}_m")}


def test_a_misspelt_name_is_corrected_once_and_the_action_they_own_follows(signed_in):
    person_id, risk_id = _setup(with_risk=True)
    store = open_store(Settings.from_env())
    manager = accounts.authenticate(store, "manager", "demo-team-manager")
    grace = circle.add_member(
        store, by=manager, person_id=person_id, name="Grace Okafr", kind="family_or_friend"
    )
    risks.add_action(
        store,
        by=manager,
        person_id=person_id,
        risk_id=risk_id,
        description="Ring on Sundays",
        owner_member_id=grace.id,
        due=None,
    )
    store.dispose()
    at = open_person(signed_in("practitioner"), TOMASZ, "people")
    fields = _correct_form(at, person_id, "Grace Okafr")
    assert fields["Name"].value == "Grace Okafr"  # the form opens on what is recorded
    fields["Name"].set_value("Grace Okafor")
    fields["How to contact them (optional)"].set_value("07700 900123")
    button(at, "Save the corrected details").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert any("Corrected the details of Grace Okafor" in s for s in shown.successes(at))
    assert _circle_rows(at, "Grace Okafor") == 1 and _circle_rows(at, "Grace Okafr") == 0
    owners = next(t for t in shown.tables(open_section(at, "risks")) if "Owner" in t.columns)
    assert list(owners["Owner"]) == ["Grace Okafor"]  # one person, one name, everywhere


def test_a_correction_made_on_an_older_version_is_refused_and_the_typing_kept(signed_in):
    person_id, _ = _setup()
    store = open_store(Settings.from_env())
    manager = accounts.authenticate(store, "manager", "demo-team-manager")
    jo = circle.add_member(store, by=manager, person_id=person_id, name="Jo", kind="advocate")
    at = open_person(signed_in("practitioner"), TOMASZ, "people")
    fields = _correct_form(at, person_id, "Jo")
    circle.correct_member(  # someone else corrects Jo meanwhile
        store,
        by=manager,
        member_id=jo.id,
        expected_version=jo.version,
        name="Jo",
        kind="advocate",
        relationship="",
        agency="Advocacy Now",
        contact="",
        username=None,
    )
    store.dispose()
    fields["How to contact them (optional)"].set_value("01632 960001")
    button(at, "Save the corrected details").click().run()
    assert any("changed" in e.lower() or "newer" in e.lower() for e in shown.errors(at))
    kept = next(t for t in at.text_input if t.label == "How to contact them (optional)")
    assert kept.value == "01632 960001"


def test_a_correction_that_would_record_someone_twice_is_refused(signed_in):
    person_id, _ = _setup()
    at = open_person(signed_in("practitioner"), TOMASZ, "people")
    _add_to_circle(at, f"circle_add_{person_id}", "Grace Okafor", "sister")
    _add_to_circle(at, f"circle_add_{person_id}", "Mia Okafor", "sister")
    fields = _correct_form(at, person_id, "Mia Okafor")
    fields["Name"].set_value("grace  OKAFOR")
    button(at, "Save the corrected details").click().run()
    assert any("One person must be recorded once" in e for e in shown.errors(at))
    assert _circle_rows(at, "Grace Okafor") == 1 and _circle_rows(at, "Mia Okafor") == 1
