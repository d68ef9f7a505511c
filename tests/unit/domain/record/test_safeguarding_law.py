"""The safeguarding test of the person's nation, from the law book: table-driven per jurisdiction,
each row naming the section it checks (CA 2014 s42(1)-(2); ASP(S)A 2007 s3(1), s4, s53;
SSWB(W)A 2014 s126(1)-(2))."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framework import Jurisdiction
from framework.law import law_book
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.concern_words import WORDS
from risk_app.domain.record.safeguarding import S42Result
from risk_app.domain.record.safeguarding_law import (
    LawApplied,
    answers_for,
    duty_phrase,
    outcome,
    under_age,
    who_it_is_for,
)

BOOK = law_book()


def _law(nation: str):
    return BOOK.law_for(nation).safeguarding


def _all(nation: str, answer: bool | None) -> dict[str, bool | None]:
    return {c.id: answer for c in _law(nation).conditions}


CONDITIONS = [
    pytest.param(
        "england",
        ["ENG-SG-NEEDS", "ENG-SG-ABUSE", "ENG-SG-PROTECT"],
        id="england-CA2014-s42(1)(a)-(c)",
    ),
    pytest.param(
        "scotland",
        ["SCO-ASP-UNABLE", "SCO-ASP-HARM", "SCO-ASP-VULNERABLE"],
        id="scotland-ASPSA2007-s3(1)(a)-(c)",
    ),
    pytest.param(
        "wales",
        ["WAL-SG-ABUSE", "WAL-SG-NEEDS", "WAL-SG-PROTECT"],
        id="wales-SSWBWA2014-s126(1)(a)-(c)",
    ),
]


@pytest.mark.parametrize(("nation", "ids"), CONDITIONS)
def test_each_nation_asks_its_own_three_conditions_each_starting_unanswered(
    nation: str, ids: list[str]
) -> None:
    law = _law(nation)
    assert answers_for(law, {}) == tuple((i, None) for i in ids)
    result = outcome(law, WORDS[Jurisdiction(nation)], {})
    assert result.result is S42Result.INCOMPLETE
    assert result.unanswered == tuple(ids)


DUTY_WORDS = [
    pytest.param(
        "england",
        "the duty to make enquiries under s42(2) of the Care Act 2014",
        id="england-CA2014-s42(2)",
    ),
    pytest.param(
        "scotland",
        "the duty to inquire under s4 of the Adult Support and Protection (Scotland) Act 2007",
        id="scotland-ASPSA2007-s4",
    ),
    pytest.param(
        "wales",
        "the duty to make enquiries under s126(2) of the Social Services and Well-being (Wales) "
        "Act 2014",
        id="wales-SSWBWA2014-s126(2)",
    ),
]


@pytest.mark.parametrize(("nation", "duty"), DUTY_WORDS)
def test_when_all_three_are_met_the_nations_own_duty_arises(nation: str, duty: str) -> None:
    result = outcome(_law(nation), WORDS[Jurisdiction(nation)], _all(nation, True))
    assert result.result is S42Result.DUTY_TO_ENQUIRE
    assert duty_phrase(_law(nation)) == duty
    assert f"All three conditions are met: {duty} arises." in result.explanation


@pytest.mark.parametrize(("nation", "duty"), DUTY_WORDS)
def test_a_no_says_the_nations_duty_does_not_arise_naming_the_section(
    nation: str, duty: str
) -> None:
    law = _law(nation)
    last = law.conditions[-1]
    answers = _all(nation, True) | {last.id: False}
    result = outcome(law, WORDS[Jurisdiction(nation)], answers)
    assert result.result is S42Result.NOT_MET
    assert result.not_met == (last.id,)
    assert result.explanation.startswith(duty[0].upper() + duty[1:] + " does not arise")
    assert f"({last.cites[0].at})" in result.explanation
    assert "Other responses are still open" in result.explanation


def test_a_scottish_outcome_never_mentions_the_care_act_or_section_42():
    """ASP(S)A 2007 s3(1), s4: every outcome is in Scotland's words."""
    law = _law("scotland")
    for answers in itertools.product([True, False, None], repeat=3):
        given = dict(zip([c.id for c in law.conditions], answers, strict=True))
        said = outcome(law, WORDS[Jurisdiction.SCOTLAND], given).explanation
        assert "Care Act" not in said and "Section 42" not in said and "s42" not in said
        assert "enquir" not in said


def test_the_scottish_duty_is_to_inquire_and_the_english_to_make_enquiries():
    """ASP(S)A 2007 s4 and CA 2014 s42(2) use different words for the council's look."""
    scot = outcome(_law("scotland"), WORDS[Jurisdiction.SCOTLAND], _all("scotland", True))
    eng = outcome(_law("england"), WORDS[Jurisdiction.ENGLAND], _all("england", True))
    assert "duty to inquire" in scot.explanation and "inquiries" in scot.explanation
    assert "must make" in eng.explanation and "enquiries" in eng.explanation


def test_the_english_test_says_in_its_area_and_18_or_over():
    """CA 2014 s42(1): an adult (18 or over) in the council's area, whether or not ordinarily
    resident there (law review row 19)."""
    said = who_it_is_for(_law("england"))
    assert "in its area" in said and "18 or over" in said


AGES = [
    pytest.param("england", 18, id="england-CA2014-adult-18"),
    pytest.param("scotland", 16, id="scotland-ASPSA2007-s53-adult-16"),
    pytest.param("wales", 18, id="wales-SSWBWA2014-s126-adult-18"),
]


@pytest.mark.parametrize(("nation", "age"), AGES)
def test_someone_under_the_nations_age_is_sent_to_childrens_safeguarding(
    nation: str, age: int
) -> None:
    law = _law(nation)
    assert f"aged {age} or over" in who_it_is_for(law)
    said = under_age(law)
    assert f"under {age}" in said and "does not apply" in said and "children's" in said


def test_another_nations_condition_is_refused_naming_this_nations_test():
    """ASP(S)A 2007 s3(1): a Care Act answer cannot stand in a Scottish decision."""
    with pytest.raises(InvalidInput, match="Three-point test"):
        answers_for(_law("scotland"), {"ENG-SG-NEEDS": True})


@given(st.tuples(*[st.sampled_from([True, False, None])] * 3))
def test_the_duty_arises_only_when_all_three_conditions_are_met(answers):
    for nation in ("england", "scotland", "wales"):
        law = _law(nation)
        given = dict(zip([c.id for c in law.conditions], answers, strict=True))
        result = outcome(law, WORDS[Jurisdiction(nation)], given).result
        assert (result is S42Result.DUTY_TO_ENQUIRE) == (answers == (True, True, True))
        assert (result is S42Result.NOT_MET) == (False in answers)


def test_a_no_settles_the_test_even_with_other_questions_unanswered():
    law = _law("england")
    result = outcome(law, WORDS[Jurisdiction.ENGLAND], {"ENG-SG-NEEDS": False})
    assert result.result is S42Result.NOT_MET
    assert result.unanswered == ("ENG-SG-ABUSE", "ENG-SG-PROTECT")


def test_the_law_applied_is_stored_with_the_condition_ids_and_read_back_the_same():
    applied = LawApplied(
        Jurisdiction.SCOTLAND,
        BOOK.version,
        "SCO-ASP-TEST",
        (("SCO-ASP-UNABLE", True), ("SCO-ASP-HARM", True), ("SCO-ASP-VULNERABLE", False)),
    )
    stored = applied.stored()
    assert stored["jurisdiction"] == "scotland" and stored["law_version"] == BOOK.version
    assert stored["answers"] == {
        "SCO-ASP-UNABLE": True,
        "SCO-ASP-HARM": True,
        "SCO-ASP-VULNERABLE": False,
    }
    assert LawApplied.from_stored(stored) == applied


def test_a_concern_stored_before_the_law_book_reads_as_englands_law():
    assert LawApplied.from_stored(None).jurisdiction is Jurisdiction.ENGLAND
