"""The person's nation on screen: the record says whose law applies, the details form asks the
nation with the three the law book holds, and a Scottish person's decision screen gives the
Adults with Incapacity principles and never best interests."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui import shown
from tests.ui.record.test_decision_page import area, open_as

SOUTH = {"manager": "practitioner.south", "password": "demo-practitioner-2"}


def _open(at: AppTest, name: str) -> AppTest:
    return open_as(at, name, **SOUTH)


def _decision_words(at: AppTest) -> str:
    """The capacity part of the decisions tab: its captions, expander text and alerts."""
    tab = next(t for t in at.tabs if t.label == "Decisions and panels")
    return shown.all_text(tab)


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
    at = _open(signed_in("practitioner.south"), name)
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
    assert not any(r.label.startswith("Can they") for r in at.radio)
    assert any("assess capacity under the Adults with Incapacity" in w for w in shown.warnings(at))
    assert "best interests" not in _decision_words(at).lower()


def test_a_welsh_persons_capacity_screen_gives_the_mental_capacity_act(signed_in):
    """MCA 2005 s1: the Act extends to Wales, so its principles and its test are shown."""
    at = _open(signed_in("practitioner.south"), "Bethan Griffiths")
    said = _decision_words(at)
    assert "Mental Capacity Act 2005" in said and "Unwise decisions" in said
    area(at, "Is there a reason to doubt capacity").set_value("She seemed confused today").run()
    assert sum(r.label.startswith("Can they") for r in at.radio) == 4
