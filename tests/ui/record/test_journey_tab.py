"""The journey tab's questions of every reached stage and its move to another stage, through
AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from risk_app.config import Settings
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.services.record import journey, people, stages
from tests.ui import shown
from tests.ui.record.test_person_page import button, open_person

STAGE_CHOOSER = "Questions of the stage (stages the person has reached)"


def _person(name: str) -> people.PersonView:
    store = open_store(Settings.from_env())
    manager = accounts.authenticate(store, "manager", "demo-team-manager")
    found = next(p for p in people.caseload(store, by=manager) if p.display_name == name)
    view = people.get_person(store, by=manager, person_id=found.id)
    store.dispose()
    return view


def _chooser(at: AppTest):
    return next(s for s in at.selectbox if s.label == STAGE_CHOOSER)


def test_the_stage_chooser_offers_only_reached_stages_and_starts_at_the_current_one(signed_in):
    at = open_person(signed_in("practitioner"), "David Price")  # at ST6
    chooser = _chooser(at)
    assert chooser.value == "ST6"
    assert chooser.options[-1].endswith("(current stage)")
    assert len(chooser.options) == 7  # ST0 to ST6: ST7 and ST8 are not reached


def test_a_question_of_an_earlier_stage_is_answered_after_moving_on_and_earlier_answers_kept(
    signed_in,
):
    at = open_person(signed_in("practitioner"), "David Price")  # at ST6; RA07 is asked at ST1
    assert not [s for s in at.selectbox if s.label == "Answer to RA07"]
    _chooser(at).set_value("ST1").run()
    assert any("earlier stage" in i for i in shown.infos(at))
    next(s for s in at.selectbox if s.label == "Answer to RA07").set_value("no")
    button(at, "Save answers").click().run()
    assert not shown.errors(at), shown.errors(at)
    next(s for s in at.selectbox if s.label == "Answer to RA07").set_value("yes")
    button(at, "Save answers").click().run()
    assert not shown.errors(at), shown.errors(at)
    screen = shown.all_text(at)
    assert "Answer that counts: yes (by practitioner" in screen
    assert "asks you to consider touchpoint TP13" in screen  # not a duty: SVGA 2006 Sch 4
    earlier = next(e for e in at.expander if e.label.startswith("Earlier answers to RA07"))
    assert "no (by practitioner" in shown.all_text(at) and earlier.label.endswith("(1)")
    person = _person("David Price")
    store = open_store(Settings.from_env())
    manager = accounts.authenticate(store, "manager", "demo-team-manager")
    assert journey.journey(store, by=manager, person_id=person.id).answers["RA07"] == "yes"
    store.dispose()


def test_moving_on_with_touchpoints_outstanding_asks_for_a_reason_naming_them(signed_in):
    at = open_person(signed_in("practitioner"), "Tomasz Nowak")  # at ST1, nothing recorded
    assert any("Still outstanding at" in w for w in shown.warnings(at))
    next(s for s in at.selectbox if s.label == "Move to stage").set_value("ST2")
    button(at, "Move to this stage").click().run()
    refusal = " ".join(shown.errors(at))
    assert "Give a reason to move on anyway" in refusal and "TP01" in refusal
    assert next(s for s in at.selectbox if s.label == "Move to stage").value == "ST2"
    next(t for t in at.text_area if t.label.startswith("Reason to move on")).set_value(
        "Assessment booked; **TP01** follows at the visit"
    )
    button(at, "Move to this stage").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert _chooser(at).value == "ST2"
    moved = _person("Tomasz Nowak")
    assert moved.current_stage == "ST2"
    assert moved.history[-1].reason == "Assessment booked; **TP01** follows at the visit"
    history = shown.table_with(at, "Reason to move on with touchpoints outstanding")
    assert history.iloc[-1]["Reason to move on with touchpoints outstanding"] == (
        "Assessment booked; **TP01** follows at the visit"
    )


def test_a_stale_move_is_refused_the_typed_reason_kept_and_made_from_the_newer_version(signed_in):
    at = open_person(signed_in("practitioner"), "Tomasz Nowak")
    next(s for s in at.selectbox if s.label == "Move to stage").set_value("ST2")
    reason = next(t for t in at.text_area if t.label.startswith("Reason to move on"))
    reason.set_value("Typed before someone else moved them")
    # Someone else moves the person before the form is sent.
    tomasz = _person("Tomasz Nowak")
    store = open_store(Settings.from_env())
    manager = accounts.authenticate(store, "manager", "demo-team-manager")
    stages.move_stage(
        store,
        by=manager,
        person_id=tomasz.id,
        to_stage="ST3",
        reason="Moved by the manager",
        expected_version=tomasz.version,
    )
    store.dispose()
    button(at, "Move to this stage").click().run()
    assert any("changed by someone else" in e for e in shown.errors(at)), shown.errors(at)
    kept = next(t for t in at.text_area if t.label.startswith("Reason to move on"))
    assert kept.value == "Typed before someone else moved them"
    assert _person("Tomasz Nowak").current_stage == "ST3"
    button(at, "Move on from the newer version").click().run()
    button(at, "Move to this stage").click().run()
    assert not shown.errors(at), shown.errors(at)
    moved = _person("Tomasz Nowak")
    assert (moved.current_stage, moved.history[-1].reason) == (
        "ST2",
        "Typed before someone else moved them",
    )
