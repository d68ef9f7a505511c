"""Issue 13's missing rules on the concern form (AppTest): "other, or not sure" offered and kept
literally (CSSG 14.16); a self-neglect concern sent to the high-risk forum with the guidance's note
(CSSG 14.17); the Making Safeguarding Personal outcome offering every answer, none chosen."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from risk_app.config import Settings
from risk_app.domain.record.concern_lifecycle import OutcomesAchieved, RiskAfter, Step
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.services.record import people, safeguarding
from tests import factories
from tests.ui import shown
from tests.ui.record.test_decision_page import area
from tests.ui.record.test_decision_page import open_as as open_in_section
from tests.ui.record.test_person_page import button


def open_as(at: AppTest, name: str, **options: Any) -> AppTest:
    """Open the person's record at the concern section (only the chosen section is drawn)."""
    return open_in_section(at, name, **{"section": "concern", **options})


HOSTILE = "**not sure** <b>bold</b> [link](http://x) `code`"


def _types(at):
    return at.multiselect(
        key=next(m.key for m in at.multiselect if m.label == "What may be happening")
    )


def _raise_for(name: str, abuse_types: list[str]):
    store = open_store(Settings.from_env())
    try:
        who = accounts.authenticate(store, "practitioner", "demo-practitioner-1")
        pid = next(p.id for p in people.caseload(store, by=who) if p.display_name == name)
        return safeguarding.raise_concern(
            store, by=who, person_id=pid, abuse_types=abuse_types, person_wants="To stay home"
        )
    finally:
        store.dispose()


def test_other_or_not_sure_is_offered_needs_words_and_keeps_them_literally(signed_in):
    at = open_as(signed_in("practitioner"), "Margaret Hughes")
    assert "AB-OTHER" in _types(at).options or "Other, or not sure" in _types(at).options
    _types(at).select("AB-OTHER").run()
    area(at, "What does the person want to happen?").set_value("To be asked first")
    button(at, "Raise the concern").click().run()
    assert any("describe what may be happening" in e for e in shown.errors(at)), shown.errors(at)
    area(at, "Other / not sure").set_value(HOSTILE)
    area(at, "What does the person want to happen?").set_value("To be asked first")
    button(at, "Raise the concern").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert f"Other / not sure: {HOSTILE}" in shown.all_text(at)


def test_a_manager_can_send_a_self_neglect_concern_to_the_forum_with_the_guidance_note(
    signed_in,
):
    _raise_for("Amina Okafor", ["AB-SN"])  # Amina has no concern in the demo
    at = open_as(signed_in("manager"), "Amina Okafor")
    step = next(r for r in at.radio if r.label == "Next step")
    assert step.value is None
    assert list(step.options) == [Step.DECIDE.label, Step.REFER_TO_FORUM.label]
    step.set_value(Step.REFER_TO_FORUM).run()
    assert any("14.17" in i and "case by case" in i for i in shown.infos(at)), shown.infos(at)
    button(at, "Refer to the high-risk forum").click().run()
    assert any("give the reasons" in e for e in shown.errors(at)), shown.errors(at)
    step = next(r for r in at.radio if r.label == "Next step")
    step.set_value(Step.REFER_TO_FORUM).run()
    area(at, "Reasons for the forum").set_value(HOSTILE)
    button(at, "Refer to the high-risk forum").click().run()
    assert not shown.errors(at), shown.errors(at)
    page = shown.all_text(at)
    assert "Referred to a multi-agency high-risk forum (self-neglect)" in page
    assert HOSTILE in page


def test_a_concern_about_money_is_not_offered_the_forum(signed_in):
    _raise_for("Amina Okafor", ["AB-FIN"])
    at = open_as(signed_in("manager"), "Amina Okafor")
    assert not [r for r in at.radio if r.label == "Next step"]
    assert Step.REFER_TO_FORUM.label not in shown.all_text(at)


def test_the_outcome_form_offers_every_msp_answer_and_chooses_none(signed_in):
    store = open_store(Settings.from_env())
    try:
        manager = accounts.authenticate(store, "manager", "demo-team-manager")
        amina = next(
            p for p in people.caseload(store, by=manager) if p.display_name == "Amina Okafor"
        )
        factories.concern_at(store, amina, "enquiry", by=manager)
    finally:
        store.dispose()
    at = open_as(signed_in("manager"), "Amina Okafor")
    asked = next(r for r in at.radio if r.label.startswith("Was the person"))
    achieved = next(r for r in at.radio if r.label.startswith("How far"))
    risk = next(r for r in at.radio if r.label.startswith("Where does"))
    expressed = next(r for r in at.radio if r.label.startswith("Did they say"))
    assert list(expressed.options) == ["Yes", "No"] and expressed.value is None
    assert list(asked.options) == ["Yes", "No"]
    assert list(achieved.options) == [o.label for o in OutcomesAchieved]
    assert list(risk.options) == [r.label for r in RiskAfter]
    assert [asked.value, achieved.value, risk.value] == [None, None, None]
