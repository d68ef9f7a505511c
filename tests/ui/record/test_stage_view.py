"""The stage view says how each touchpoint is known: the record that evidences it, or who set it
by hand and why, or that the stage is not reached yet (issue 12)."""

from __future__ import annotations

from risk_app.config import Settings
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.services.record import journey, people
from tests import factories
from tests.ui import shown
from tests.ui.record.test_person_page import button, open_person

NO_ABUSE = "No abuse or neglect disclosed or suspected <b>really</b>"


def _amina_with_a_concern_after_not_applicable() -> int:
    store = open_store(Settings.from_env())
    me = accounts.authenticate(store, "practitioner", "demo-practitioner-1")
    amina = next(p for p in people.caseload(store, by=me) if p.display_name == "Amina Okafor")
    journey.record_touchpoint(
        store,
        by=me,
        person_id=amina.id,
        touchpoint_id="TP11",
        state="not_applicable",
        note=NO_ABUSE,
    )
    journey.record_touchpoint(
        store,
        by=me,
        person_id=amina.id,
        touchpoint_id="TP08",
        state="done",
        note="Talked it through",
    )
    concern = factories.concern(store, people.get_person(store, by=me, person_id=amina.id), by=me)
    store.dispose()
    return concern.id


def test_the_stage_view_shows_the_record_that_replaced_a_not_applicable_and_where_to_find_it(
    signed_in,
):
    concern_id = _amina_with_a_concern_after_not_applicable()
    at = open_person(signed_in("practitioner"), "Amina Okafor")  # at support planning
    table = shown.table_with(at, "How we know")
    rows = {r["Touchpoint"].split(":")[0]: r for r in table.to_dict("records")}
    tp11 = rows["TP11"]
    assert tp11["Status"] == "Done by a record"
    assert tp11["How we know"].startswith("A safeguarding concern was raised on ")
    assert "this replaces 'not applicable' set by practitioner on " in tp11["How we know"]
    assert NO_ABUSE in tp11["How we know"]  # the reason, shown literally
    assert tp11["How we know"].endswith(f"See Safeguarding concern tab, concern #{concern_id}.")
    assert rows["TP08"]["Status"] == "Done"
    assert rows["TP08"]["How we know"].startswith("Set by practitioner on ")
    assert rows["TP08"]["How we know"].endswith(": Talked it through")
    assert rows["TP07"]["Status"] == "Done by a record"  # the demo's issued agreement
    assert rows["TP07"]["How we know"].endswith("See Risk agreement tab, version #1.")
    assert any(i.startswith("TP11: A safeguarding concern was raised") for i in shown.infos(at))
    # Nothing evidenced is typed twice: the form does not offer TP11.
    offered = next(s for s in at.selectbox if s.label == "Touchpoint").options
    assert not any(o.startswith(("TP11", "TP07")) for o in offered)
    assert any(o.startswith("TP08") for o in offered)


def test_stages_not_reached_say_so_on_the_journey_map(signed_in):
    at = open_person(signed_in("practitioner"), "Tomasz Nowak")  # at self-assessment
    journey_map = shown.table_with(at, "Where the person is")
    later = journey_map[journey_map["Where the person is"] == "Not yet"]
    assert len(later) and set(later["Outstanding"]) == {"Not reached yet"}


def test_a_not_applicable_set_on_the_page_is_shown_with_who_set_it_and_why(signed_in):
    at = open_person(signed_in("practitioner"), "David Price")
    next(s for s in at.selectbox if s.label == "Touchpoint").set_value("TP14")
    next(r for r in at.radio if r.label == "Status").set_value("not_applicable")
    next(t for t in at.text_area if t.label.startswith("Note")).set_value("PAs only")
    button(at, "Record touchpoint").click().run()
    assert not shown.errors(at), shown.errors(at)
    table = shown.table_with(at, "How we know")
    tp14 = next(r for r in table.to_dict("records") if r["Touchpoint"].startswith("TP14"))
    assert tp14["Status"] == "Not applicable"
    assert tp14["How we know"].startswith("Set by practitioner on ")
    assert tp14["How we know"].endswith(": PAs only")


def test_a_status_recorded_leaves_nothing_in_the_form_to_be_recorded_again_by_mistake(signed_in):
    at = open_person(signed_in("practitioner"), "David Price")
    next(s for s in at.selectbox if s.label == "Touchpoint").set_value("TP14")
    next(r for r in at.radio if r.label == "Status").set_value("not_applicable")
    next(t for t in at.text_area if t.label.startswith("Note")).set_value("PAs only")
    button(at, "Record touchpoint").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert next(s for s in at.selectbox if s.label == "Touchpoint").value is None
    assert next(r for r in at.radio if r.label == "Status").value is None
    assert next(t for t in at.text_area if t.label.startswith("Note")).value == ""


def test_a_status_refused_keeps_the_note_typed(signed_in):
    at = open_person(signed_in("practitioner"), "David Price")
    next(t for t in at.text_area if t.label.startswith("Note")).set_value("PAs only")
    button(at, "Record touchpoint").click().run()
    assert any("Choose the touchpoint and the status" in e for e in shown.errors(at))
    assert next(t for t in at.text_area if t.label.startswith("Note")).value == "PAs only"
