"""The person's nation on screen: the record says whose law applies, the details form asks the
nation with the three the law book holds, and a Scottish person's decision screen gives the
Adults with Incapacity principles and never best interests."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from risk_app.domain.record.awi_capacity import AwiCause
from risk_app.domain.record.council_response import CouncilResponse
from tests.ui import shown
from tests.ui.record.test_decision_page import area, open_as, table_with

SOUTH = {"manager": "practitioner.south", "password": "demo-practitioner-2"}


def _open(at: AppTest, name: str) -> AppTest:
    return open_as(at, name, **SOUTH)


def _decision_words(at: AppTest) -> str:
    """The capacity part of the decisions tab: its captions, expander text and alerts."""
    return shown.all_text(at)  # only the decisions section is drawn


@pytest.mark.parametrize(
    ("name", "nation"),
    [
        pytest.param("Eilidh MacLeod", "Scotland", id="scotland-AWISA-2000"),
        pytest.param("Bethan Griffiths", "Wales", id="wales-SSWBWA-2014"),
    ],
)
def test_the_record_says_which_nations_law_applies_and_the_form_asks_it(
    signed_in, name: str, nation: str
):
    at = open_as(signed_in("practitioner.south"), name, section="details", **SOUTH)
    assert f"Lives in {nation}: the law of {nation} applies to this record." in shown.all_text(at)
    asked = next(s for s in at.selectbox if s.label == "Which nation does the person live in?")
    assert list(asked.options) == ["England", "Scotland", "Wales"]
    assert asked.value == nation.lower()


def test_a_scottish_persons_capacity_screen_gives_the_awi_principles_and_never_best_interests(
    signed_in,
):
    """AWI(S)A 2000 s1(2) to s1(5): benefit, least restriction, wishes and views, skills."""
    at = _open(signed_in("practitioner.south"), "Eilidh MacLeod")
    said = _decision_words(at)
    assert "Adults with Incapacity (Scotland) Act 2000" in said
    for principle in ("Benefit", "Least restrictive option", "wishes and views", "own skills"):
        assert principle in said, principle
    assert "best interests" not in said.lower() and "Mental Capacity Act 2005, s1(4)" not in said
    area(at, "Is there a reason to doubt capacity").set_value("She seemed confused today").run()
    assert not at.exception, at.exception
    asked = [r for r in at.radio if r.label.startswith("Can they")]
    assert len(asked) == 5 and all(r.value is None for r in asked), "AWI s1(6): five, unanswered"
    assert "best interests" not in _decision_words(at).lower()


def test_a_scottish_incapacity_is_recorded_under_awi_s1_6_with_the_s1_principles(signed_in):
    """AWI(S)A 2000 s1(6) (incapable, by reason of mental disorder), then s1(2)-(5) principle by
    principle when no welfare attorney or guardian (s16, s64) covers it; never best interests."""
    at = _open(signed_in("practitioner.south"), "Eilidh MacLeod")
    area(at, "The choice, in the person's words").set_value("Walk to the harbour alone")
    next(t for t in at.text_input if t.label == "Option 1 considered").set_value("Walk alone")
    next(t for t in at.text_input if t.label == "Option 2 considered").set_value("Walk with Ann")
    next(c for c in at.checkbox if c.key and c.key.endswith("less_0")).check()
    next(m for m in at.multiselect if m.label == "Support given to decide").select(
        "Communication aid"
    )
    area(at, "Is there a reason to doubt capacity").set_value("Lost her way twice").run()
    for r in at.radio:
        if r.label.startswith("Can they"):
            r.set_value("unable" if "make the decision" in r.label else "able")
    at.run()
    area(at, "Evidence they cannot make the decision").set_value("Could not choose either way")
    radio = next(r for r in at.radio if r.label.startswith("Is that inability by reason of"))
    assert radio.value is None, "the causal question starts unanswered"
    radio.set_value(AwiCause.MENTAL_DISORDER).run()
    next(t for t in at.text_input if t.label.startswith("The mental disorder")).set_value(
        "Vascular dementia"
    )
    area(at, "The information relevant to the decision").set_value("The road, the tide, the dark")
    next(r for r in at.radio if r.label.startswith("Is your conclusion")).set_value("Yes")
    at.run()
    who = next(r for r in at.radio if r.label.startswith("Does a welfare attorney or guardian"))
    assert who.value is None
    who.set_value("No").run()
    principles = [t for t in at.text_area if "(s1(" in t.label]
    assert len(principles) == 4
    area(at, "What was decided, as an intervention").set_value("Walks with Ann for a month")
    next(t for t in at.text_input if t.label == "Who decides (name)").set_value("Ann Ross")
    next(t for t in at.text_input if t.label == "Their role").set_value("Social worker")
    next(s for s in at.selectbox if s.label == "The council's response").set_value(
        CouncilResponse.AGREED
    )
    next(b for b in at.button if b.label == "Record decision").click().run()
    assert any("Still to answer: benefit" in e for e in shown.errors(at)), shown.errors(at)
    for t in [t for t in at.text_area if "(s1(" in t.label]:
        t.set_value("Talked through with Eilidh and her sister")
    next(b for b in at.button if b.label == "Record decision").click().run()
    assert not shown.errors(at), shown.errors(at)
    recorded = table_with(at, "Capacity")["Capacity"].iloc[0]
    assert recorded == "Incapable of this decision (AWI 2000 s1(6))"
    said = _decision_words(at)
    assert "Vascular dementia" in said and "Talked through with Eilidh" in said
    assert "best interests" not in said.lower() and "best-interests" not in said.lower()


def test_a_welsh_persons_capacity_screen_gives_the_mental_capacity_act(signed_in):
    """MCA 2005 s1: the Act extends to Wales, so its principles and its test are shown."""
    at = _open(signed_in("practitioner.south"), "Bethan Griffiths")
    said = _decision_words(at)
    assert "Mental Capacity Act 2005" in said and "Unwise decisions" in said
    area(at, "Is there a reason to doubt capacity").set_value("She seemed confused today").run()
    assert sum(r.label.startswith("Can they") for r in at.radio) == 4
