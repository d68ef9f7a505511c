"""The lifecycle's words per nation: the codes stay, the words follow the law (CA 2014 s42;
ASP(S)A 2007 s4; SSWB(W)A 2014 s126), and each nation's words name a section its law book cites."""

from __future__ import annotations

import pytest

from framework import Jurisdiction
from framework.law import law_book
from risk_app.domain.record.concern_lifecycle import ConcernState, EnquiryKind, Step
from risk_app.domain.record.concern_words import WORDS, words_for

LABELS = [
    pytest.param(
        "england",
        "Section 42 decision made",
        "Enquiry open",
        "Section 42 enquiry",
        id="england-CA2014-s42",
    ),
    pytest.param(
        "wales",
        "Section 126 decision made",
        "Enquiry open",
        "Section 126 enquiry",
        id="wales-SSWBWA2014-s126",
    ),
    pytest.param(
        "scotland",
        "Decision to inquire (s4) made",
        "Inquiry open",
        "Inquiry under s4",
        id="scotland-ASPSA2007-s4",
    ),
]


@pytest.mark.parametrize(("nation", "decided", "open_", "statutory"), LABELS)
def test_states_and_steps_keep_their_codes_and_take_the_nations_words(
    nation: str, decided: str, open_: str, statutory: str
) -> None:
    w = words_for(nation)
    assert ConcernState.S42_DECIDED.value == "s42_decided"
    assert ConcernState.S42_DECIDED.label_in(w) == decided
    assert ConcernState.ENQUIRY.label_in(w) == open_
    assert EnquiryKind.SECTION_42.label_in(w) == statutory


def test_a_scottish_concern_never_shows_section_42_or_enquiry():
    """ASP(S)A 2007 s4: a decision to inquire, then an inquiry."""
    w = words_for("scotland")
    said = " ".join(
        [s.label_in(w) for s in ConcernState]
        + [s.label_in(w) for s in Step]
        + [k.label_in(w) for k in EnquiryKind]
    )
    assert "Section 42" not in said and "enquir" not in said.lower()


def test_the_english_words_are_the_labels_without_a_nation():
    w = words_for("england")
    assert all(s.label == s.label_in(w) for s in ConcernState)
    assert Step.DECIDE.label == "Decide on the Section 42 duty"


@pytest.mark.parametrize("nation", list(Jurisdiction), ids=str)
def test_each_nations_section_is_the_one_its_law_book_cites_for_the_duty(
    nation: Jurisdiction,
) -> None:
    law = law_book().law_for(nation).safeguarding
    w = WORDS[nation]
    assert law.enquiry_word == w.enquiry
    assert any((c.at or "").startswith(w.section) for c in law.duty.cites)
