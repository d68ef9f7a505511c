"""The People page's journey and details tabs through AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from risk_app.config import Settings
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.services.record import people
from tests.ui import shown
from tests.ui.records import open_record, person_id


def open_person(at: AppTest, name: str, section: str | None = None) -> AppTest:
    """Open the named person's record (of the North team) at a section ("journey" by default)."""
    return open_record(at, person_id(name), section)


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_answering_that_children_visit_makes_nothing_required(signed_in):
    """SVGA 2006 Sch 4: a child in the home does not make a barred-list check a duty."""
    at = open_person(signed_in("practitioner"), "Tomasz Nowak")  # at self-assessment
    prompt = next(s for s in at.selectbox if s.label == "Answer to RA07")
    prompt.set_value("yes")
    button(at, "Save answers").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert not [w for w in shown.warnings(at) if "Required because" in w or "TP13" in w]
    touchpoint = next(s for s in at.selectbox if s.label == "Touchpoint")
    assert "TP13" not in touchpoint.options


def test_not_applicable_without_a_reason_is_refused_on_the_page(signed_in):
    at = open_person(signed_in("practitioner"), "David Price")
    next(s for s in at.selectbox if s.label == "Touchpoint").set_value("TP14")
    next(r for r in at.radio if r.label == "Status").set_value("not_applicable")
    button(at, "Record touchpoint").click().run()
    assert any("Say why" in e for e in shown.errors(at))


def test_a_touchpoint_and_its_status_start_unchosen_and_are_asked_for_by_name(signed_in):
    at = open_person(signed_in("practitioner"), "David Price")
    touchpoint = next(s for s in at.selectbox if s.label == "Touchpoint")
    status = next(r for r in at.radio if r.label == "Status")
    assert touchpoint.value is None and status.value is None
    note = next(t for t in at.text_area if t.label.startswith("Note"))
    note.set_value("Checked with the provider")
    button(at, "Record touchpoint").click().run()
    assert shown.errors(at) == ["Choose the touchpoint and the status to record."]
    next(s for s in at.selectbox if s.label == "Touchpoint").set_value("TP14")
    button(at, "Record touchpoint").click().run()
    assert shown.errors(at) == ["Choose the status to record."]
    assert next(t for t in at.text_area if t.label.startswith("Note")).value == (
        "Checked with the provider"
    )


def test_about_me_is_saved_in_the_persons_words_and_shown_literally(signed_in, data_dir):
    at = open_person(signed_in("practitioner"), "Tomasz Nowak", "details")
    area = next(t for t in at.text_area if t.label == "What matters to me")
    area.set_value("My allotment **every** Sunday")
    button(at, "Save changes").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert shown.successes(at) == ["Saved."], "said by the button, not in a passing toast"
    assert not at.toast
    store = open_store(Settings.from_env())
    manager = accounts.authenticate(store, "manager", "demo-team-manager")
    tomasz = next(p for p in people.caseload(store, by=manager) if p.display_name == "Tomasz Nowak")
    saved = people.get_person(store, by=manager, person_id=tomasz.id)
    assert dict(saved.about_me)["What matters to me"] == "My allotment **every** Sunday"
    store.dispose()


def _tomasz(store):
    manager = accounts.authenticate(store, "manager", "demo-team-manager")
    tomasz = next(p for p in people.caseload(store, by=manager) if p.display_name == "Tomasz Nowak")
    return manager, people.get_person(store, by=manager, person_id=tomasz.id)


def test_unsaved_details_survive_a_new_session_and_save_on_the_version_they_were_typed_on(
    signed_in,
):
    first = open_person(signed_in("practitioner"), "Tomasz Nowak", "details")
    next(t for t in first.text_area if t.label == "What matters to me").set_value(
        "My allotment"
    ).run()
    second = open_person(signed_in("practitioner"), "Tomasz Nowak", "details")
    assert next(t for t in second.text_area if t.label == "What matters to me").value == (
        "My allotment"
    )
    assert any("has been restored" in i for i in shown.infos(second))
    button(second, "Save changes").click().run()
    assert not shown.errors(second), shown.errors(second)
    store = open_store(Settings.from_env())
    _, saved = _tomasz(store)
    store.dispose()
    assert dict(saved.about_me)["What matters to me"] == "My allotment"
    third = open_person(signed_in("practitioner"), "Tomasz Nowak", "details")
    assert not any("has been restored" in i for i in shown.infos(third))


def test_a_restored_draft_typed_on_an_older_version_is_refused_as_stale_and_kept(signed_in):
    first = open_person(signed_in("practitioner"), "Tomasz Nowak", "details")
    next(t for t in first.text_input if t.label == "Preferred name").set_value("Tom").run()
    store = open_store(Settings.from_env())
    manager, tomasz = _tomasz(store)
    people.save_changes(
        store,
        by=manager,
        person_id=tomasz.id,
        expected_version=tomasz.version,
        changes=people.PersonChanges(communication="Prefers text messages"),
    )
    store.dispose()
    second = open_person(signed_in("practitioner"), "Tomasz Nowak", "details")
    button(second, "Save changes").click().run()
    assert any("changed" in e.lower() for e in shown.errors(second)), shown.errors(second)
    assert next(t for t in second.text_input if t.label == "Preferred name").value == "Tom"
    button(second, "Discard my changes and load the newer version").click().run()
    assert next(t for t in second.text_input if t.label == "Preferred name").value != "Tom"
    assert next(t for t in second.text_area if t.label == "How they communicate").value == (
        "Prefers text messages"
    )


def _open(
    at: AppTest, username: str, password: str, name: str, section: str = "details"
) -> AppTest:
    return open_record(at, person_id(name, username=username, password=password), section)


def test_a_scottish_person_is_offered_scottish_authorities_and_asked_what_the_order_covers(
    signed_in,
):
    """AWI(S)A 2000 ss16, 64: welfare attorneys and guardians, never an English LPA."""
    at = _open(
        signed_in("practitioner.south"),
        "practitioner.south",
        "demo-practitioner-2",
        "Eilidh MacLeod",
    )
    authority = next(s for s in at.selectbox if s.label == "Their authority")
    offered = " | ".join(authority.options)
    assert "Welfare attorney" in offered and "Guardian" in offered
    assert "lasting power of attorney" not in offered and "Court of Protection" not in offered
    authority.set_value("guardian").run()
    order = next(s for s in at.selectbox if s.label.startswith("Does the court order cover"))
    assert order.value is None, "the question starts unanswered"


def test_an_english_person_is_not_offered_suitable_person(signed_in):
    """Care Act 2014 ss31-32: nominated and authorised person are the English terms."""
    at = open_person(signed_in("practitioner"), "Tomasz Nowak", "details")
    offered = " | ".join(next(s for s in at.selectbox if s.label == "Their authority").options)
    assert "Nominated person" in offered and "Authorised person" in offered
    assert "Suitable person" not in offered


def test_a_scottish_persons_checks_are_pvg_and_the_care_inspectorate_not_dbs_or_cqc(signed_in):
    """Disclosure (Scotland) Act 2020 and Public Services Reform (Scotland) Act 2010 Part 5."""
    at = _open(
        signed_in("practitioner.south"),
        "practitioner.south",
        "demo-practitioner-2",
        "Eilidh MacLeod",
        "journey",
    )
    kinds = next(s for s in at.selectbox if s.label == "Check")
    offered = " ".join(str(o) for o in kinds.options)
    assert "PVG scheme membership" in offered and "Care Inspectorate registration" in offered
    assert "DBS" not in offered and "CQC" not in offered
    captions = " ".join(c.value for c in at.caption)
    assert "Protecting Vulnerable Groups (PVG) scheme" in captions
    assert "the regulator, Care Inspectorate." in captions
