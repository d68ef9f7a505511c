"""A person's nation decides the law their record applies: which nations can be recorded, when
reviews fall due, the capacity words, and the terms of the person's own download.

Table-driven per jurisdiction; each row names the section it checks in its id.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from framework.law import NOT_SUPPORTED, law_book
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record import nations
from risk_app.domain.record.capacity import PRESUMED_REASON, UNWISE_DECISION_REMINDER
from risk_app.domain.record.capacity_law import capacity_words
from risk_app.domain.record.next_review import SourceKind
from risk_app.domain.record.plan import (
    FIRST_DIRECT_PAYMENT_REVIEW_MONTHS,
    REVIEW_INTERVAL_MONTHS,
    add_months,
)
from risk_app.domain.record.review_rules import (
    NO_INTERVAL,
    ReviewFacts,
    no_interval_note,
    rule_sources,
)
from risk_app.domain.record.whole_record import checks_withheld

BOOK = law_book()
PAID = date(2026, 1, 15)
SIGNED = date(2026, 2, 2)


# ---------------------------------------------------------------------- which nation
def test_the_nations_offered_are_the_three_the_law_book_holds():
    assert nations.choices(BOOK) == {"england": "England", "scotland": "Scotland", "wales": "Wales"}


@pytest.mark.parametrize("nation", ["england", "scotland", "wales", " Wales "])
def test_a_nation_the_book_holds_is_accepted(nation: str):
    assert nations.checked_nation(BOOK, nation) == nation.strip().lower()


def test_northern_ireland_is_refused_with_the_law_books_own_message():
    with pytest.raises(InvalidInput) as refused:
        nations.checked_nation(BOOK, "northern_ireland")
    assert str(refused.value) == NOT_SUPPORTED["northern_ireland"]
    assert "Northern Ireland" in str(refused.value)


@pytest.mark.parametrize("nation", ["", "france", "England or Scotland", "<b>wales</b>"])
def test_an_unknown_or_blank_nation_is_refused_listing_the_choices(nation: str):
    with pytest.raises(InvalidInput, match="England, Scotland or Wales"):
        nations.checked_nation(BOOK, nation)


# ---------------------------------------------------------------------- reviews
def _kinds(nation: str, facts: ReviewFacts) -> list[SourceKind]:
    return [s.kind for s in rule_sources(BOOK, nation, facts)]


def test_an_english_direct_payment_is_first_reviewed_within_six_months_under_reg_7():
    """DP Regs 2014 reg 7: within six months of the first payment."""
    (source,) = rule_sources(BOOK, "england", ReviewFacts(PAID, None, None))
    assert source.kind is SourceKind.FIRST_DIRECT_PAYMENT
    assert source.due == add_months(PAID, 6)
    assert "Care and Support (Direct Payments) Regulations 2014" in source.rule
    assert "reg 7" in source.rule and "reg 7" in source.described
    assert source.said == BOOK.law_for("england").reviews.direct_payment.plain


def test_an_english_direct_payment_already_reviewed_is_reviewed_every_twelve_months_under_reg_7():
    """DP Regs 2014 reg 7: then at least every twelve months."""
    reviewed = date(2026, 6, 30)
    (source,) = rule_sources(BOOK, "england", ReviewFacts(PAID, None, reviewed))
    assert (source.kind, source.due) == (SourceKind.SCHEDULED, add_months(reviewed, 12))
    assert "reg 7" in source.rule


def test_an_english_plan_signed_off_has_a_light_touch_review_six_to_eight_weeks_on():
    """CSSG para 13.32: a light-touch review 6 to 8 weeks after sign-off, then yearly."""
    light, yearly = rule_sources(BOOK, "england", ReviewFacts(None, SIGNED, None))
    assert light.kind is SourceKind.LIGHT_TOUCH
    assert (light.window_from, light.due) == (
        SIGNED + timedelta(weeks=6),
        SIGNED + timedelta(weeks=8),
    )
    assert "para 13.32" in light.rule and "6 to 8 weeks" in light.rule
    assert "between" in light.described
    assert (yearly.kind, yearly.due) == (SourceKind.SCHEDULED, add_months(SIGNED, 12))


def test_a_review_held_after_sign_off_meets_the_light_touch_review():
    """CSSG para 13.32: the light-touch review is one review, not a repeating one."""
    held = SIGNED + timedelta(weeks=7)
    assert _kinds("england", ReviewFacts(None, SIGNED, held)) == [SourceKind.SCHEDULED]


@pytest.mark.parametrize(
    ("nation", "facts"),
    [
        pytest.param("scotland", ReviewFacts(PAID, None, None), id="scotland-SDS-SA-2013-option-1"),
        pytest.param("scotland", ReviewFacts(PAID, SIGNED, None), id="scotland-no-CSSG-13.32"),
        pytest.param("wales", ReviewFacts(PAID, None, None), id="wales-SSWBWA-2014-s50-dp"),
        pytest.param("wales", ReviewFacts(None, SIGNED, None), id="wales-SSWBWA-2014-s54-plan"),
    ],
)
def test_outside_england_no_english_review_date_is_made_up(nation: str, facts: ReviewFacts):
    """DP Regs 2014 reg 7 and CSSG 13.32 are English: Scotland and Wales get no rule date."""
    assert rule_sources(BOOK, nation, facts) == []
    note = no_interval_note(BOOK, nation)
    assert note is not None and note.startswith(NO_INTERVAL)
    assert BOOK.law_for(nation).name in note


def test_england_has_a_statutory_interval_so_no_note_asks_for_one():
    """DP Regs 2014 reg 7; CSSG 13.32."""
    assert no_interval_note(BOOK, "england") is None


def test_the_english_intervals_used_for_process_logs_are_the_law_books():
    """DP Regs 2014 reg 7: the constants read by the process audit equal the law book's."""
    reviews = BOOK.law_for("england").reviews
    assert reviews.direct_payment_first_within_months == FIRST_DIRECT_PAYMENT_REVIEW_MONTHS
    assert reviews.direct_payment_then_every_months == REVIEW_INTERVAL_MONTHS
    assert reviews.plan_then_every_months == REVIEW_INTERVAL_MONTHS


# ---------------------------------------------------------------------- capacity words
AWI_PRINCIPLES = [
    pytest.param("Benefit", "s1(2)", id="AWISA-2000-s1(2)-benefit"),
    pytest.param("Least restrictive option", "s1(3)", id="AWISA-2000-s1(3)-least-restrictive"),
    pytest.param("Take account of wishes and views", "s1(4)", id="AWISA-2000-s1(4)-wishes"),
    pytest.param("Encourage the adult's own skills", "s1(5)", id="AWISA-2000-s1(5)-skills"),
]


@pytest.mark.parametrize(("label", "section"), AWI_PRINCIPLES)
def test_a_scottish_persons_capacity_words_give_the_awi_principles(label: str, section: str):
    """AWI(S)A 2000 s1: each principle named and cited to its subsection."""
    said = capacity_words(BOOK, "scotland")
    assert said.act == "Adults with Incapacity (Scotland) Act 2000"
    assert any(
        p.startswith(f"{label} (Adults with Incapacity (Scotland) Act 2000, {section})")
        for p in said.principles
    )


def test_a_scottish_persons_capacity_words_never_say_best_interests():
    """AWI(S)A 2000 s1: Scots law has no best-interests test."""
    said = capacity_words(BOOK, "scotland")
    every = " ".join(
        [*said.principles, said.reminder, said.presumption, said.substitute, said.elsewhere or ""]
    ).lower()
    assert "best interests" not in every and "best-interests" not in every
    assert "Mental Capacity Act" not in said.reminder + said.presumption + said.substitute
    assert said.best_interests is False
    assert said.elsewhere is None  # the form records an assessment under the AWI Act


@pytest.mark.parametrize(
    "nation", [pytest.param(n, id=f"{n}-MCA-2005-s1") for n in ("england", "wales")]
)
def test_in_england_and_wales_the_capacity_words_are_the_mca_and_best_interests(nation: str):
    """MCA 2005 s1 (principles), s4 (best interests): the Act extends to England and Wales."""
    said = capacity_words(BOOK, nation)
    assert said.act == "Mental Capacity Act 2005"
    assert said.best_interests is True and said.elsewhere is None
    assert (said.reminder, said.presumption) == (UNWISE_DECISION_REMINDER, PRESUMED_REASON)
    sections = [f"s1({n})" for n in range(2, 7)]
    assert all(
        any(f"Mental Capacity Act 2005, {s})" in p for p in said.principles) for s in sections
    )
    assert said.substitute.startswith("Best interests decision")


# ---------------------------------------------------------------------- the person's words
@pytest.mark.parametrize(
    ("nation", "body", "regulator"),
    [
        pytest.param(
            "england",
            "Disclosure and Barring Service",
            "Care Quality Commission",
            id="england-HSCA-2008-s10",
        ),
        pytest.param(
            "scotland", "Disclosure Scotland", "Care Inspectorate", id="scotland-PSRSA-2010-part-5"
        ),
        pytest.param(
            "wales",
            "Disclosure and Barring Service",
            "Care Inspectorate Wales",
            id="wales-RISCWA-2016-s5",
        ),
    ],
)
def test_the_persons_download_names_their_nations_disclosure_body_and_regulator(
    nation: str, body: str, regulator: str
):
    said = checks_withheld(BOOK.law_for(nation))
    assert body in said and f"the {regulator})" in said
    if nation == "scotland":
        assert "DBS" not in said and "Care Quality" not in said
