"""The agreement in plain words: every sentence we write for the person passes the plain-language
check, and everyone else's words are carried through exactly, never rewritten."""

from __future__ import annotations

from datetime import date

import pytest

from framework.law import law_book
from risk_app.domain.agreements.agreement_words import SIGNING_COPY, Picture, screens
from risk_app.domain.agreements.content import (
    AgreedAction,
    AgreedDecision,
    AgreedRisk,
    AgreementContent,
    DissentEntry,
    PersonPart,
    Representative,
    ReviewPart,
    WhatMatters,
)
from risk_app.domain.agreements.plain_language import plain_language_problems

HOSTILE = (
    "<b>Going</b> to **the** match; [link](http://x) alone at night, every week, whatever happens"
)


def _content(*, representative: bool = True, empty_review: bool = False) -> AgreementContent:
    action = AgreedAction(
        id=1, what=HOSTILE, owner_kind="family", owner_name="Leo Price", due=date(2026, 12, 1)
    )
    return AgreementContent(
        person=PersonPart(
            id=1,
            name="David Price",
            preferred_name="Dave",
            representative=Representative(name="Jo Price", authority="lpa_health_welfare")
            if representative
            else None,
        ),
        what_matters=(WhatMatters(heading="What matters to me", text=HOSTILE),),
        risks=(
            AgreedRisk(
                id=1,
                choice=HOSTILE,
                benefits="Friends",
                harm_to_self="A fall",
                harm_to_others="",
                harm_from_others="Theft",
                person_view="I will be fine",
                strengths="My grandson",
                level_before="High",
                level_after="Moderate",
                mitigations=(action,),
            ),
            AgreedRisk(
                id=2,
                choice="Cooking",
                benefits="",
                harm_to_self="Burns",
                harm_to_others="",
                harm_from_others="",
                person_view="",
                strengths="",
                level_before=None,
                level_after=None,
                mitigations=(),
            ),
        ),
        other_actions=(action,),
        decisions=(
            AgreedDecision(
                id=1,
                decision="Go to the match",
                risk_id=1,
                outcome="agreed_with_conditions",
                person_decides=True,
                decider_name=None,
                decider_role=None,
                conditions="Text Leo when home",
            ),
            AgreedDecision(
                id=2,
                decision="Jo manages the money",
                risk_id=None,
                outcome="agreed",
                person_decides=False,
                decider_name="Jo Price",
                decider_role="Attorney",
                conditions="",
            ),
        ),
        contingency="Call Leo",
        review=ReviewPart(due=None if empty_review else date(2027, 5, 1), kind=None),
        dissent=(DissentEntry(about="going out alone", party="Leo Price", words=HOSTILE),),
    )


@pytest.mark.parametrize("representative", [True, False])
@pytest.mark.parametrize("empty_review", [True, False])
def test_every_sentence_we_write_for_the_person_is_plain_language(representative, empty_review):
    for screen in screens(
        _content(representative=representative, empty_review=empty_review), version=3
    ):
        assert plain_language_problems(screen.title) == [], screen.title
        for line in screen.lines:
            assert plain_language_problems(line.text) == [], line.text


def test_the_signing_screens_own_words_are_plain_language():
    for name, words in SIGNING_COPY.items():
        assert plain_language_problems(words) == [], name


def test_the_persons_and_owners_words_are_carried_through_exactly():
    quotes = [line.quote for s in screens(_content(), version=1) for line in s.lines]
    assert quotes.count(HOSTILE) == 5  # what matters, the choice, two actions, the dissent


def test_the_agreement_reads_one_thing_per_screen_and_ends_with_what_happens_next():
    titles = [s.title for s in screens(_content(), version=1)]
    assert titles[0] == "About this agreement"
    assert titles[2:4] == ["Your choice 1 of 2", "Your choice 2 of 2"]
    assert titles[-1] == "What happens next"
    last = " ".join(line.text for line in screens(_content(), version=1)[-1].lines)
    assert "1 May 2027" in last


def test_every_picture_has_a_text_alternative():
    assert all(p.alt.strip() for p in Picture)


# ---------------------------------------------------------------- the representative's role (row 6)
def _with(authority: str) -> AgreementContent:
    rep = Representative(name="Sam Patel", authority=authority)
    content = _content()
    return content.model_copy(
        update={"person": content.person.model_copy(update={"representative": rep})}
    )


def _first_screen(authority: str, jurisdiction: str | None = "england") -> list[str]:
    return [
        line.text
        for line in screens(_with(authority), version=1, jurisdiction=jurisdiction)[0].lines
    ]


@pytest.mark.parametrize(
    ("jurisdiction", "authority", "role", "scope"),
    [
        pytest.param(
            "england",
            "lpa_property_finance",
            "Sam Patel is your attorney for property and money.",
            "They can help with your money and property. They cannot decide about your care.",
            id="england-MCA2005-s9-property-attorney",
        ),
        pytest.param(
            "england",
            "appointee",
            "Sam Patel is your appointee for benefits.",
            "They look after your benefits. They cannot decide about your care.",
            id="england-SSCPRegs1987-reg33-appointee",
        ),
        pytest.param(
            "england",
            "lpa_health_welfare",
            "Sam Patel is your attorney for health and care.",
            "They can decide about your care for you. They can only do this when you cannot "
            "decide yourself.",
            id="england-MCA2005-s11(7)(a)-welfare-attorney",
        ),
        pytest.param(
            "england",
            "authorised_person",
            "Sam Patel is the person who gets your direct payment for you.",
            "They get your direct payment and spend it on your support. They cannot sign your "
            "risk agreement for you.",
            id="england-CareAct2014-s32-authorised-person",
        ),
        pytest.param(
            "scotland",
            "continuing_attorney",
            "Sam Patel is your attorney for property and money.",
            "They can help with your money and property. They cannot decide about your care.",
            id="scotland-AWISA2000-s15-continuing-attorney",
        ),
        pytest.param(
            "scotland",
            "guardian",
            "Sam Patel is your guardian, chosen by the court.",
            "The sheriff court chose them to make some decisions for you. They can only decide "
            "what the court said they can.",
            id="scotland-AWISA2000-s64-guardian",
        ),
        pytest.param(
            "wales",
            "suitable_person",
            "Sam Patel is the person who gets your direct payment for you.",
            "They get your direct payment and spend it on your support. They cannot sign your "
            "risk agreement for you.",
            id="wales-SSWBWA2014-s50-suitable-person",
        ),
    ],
)
def test_the_persons_copy_says_the_representatives_role_and_its_scope_in_plain_words(
    jurisdiction, authority, role, scope
):
    lines = _first_screen(authority, jurisdiction)
    assert lines[-2:] == [role, scope]
    assert not any("speak for you" in line for line in lines)


def test_nobody_is_told_someone_speaks_for_them_whatever_the_authority():
    for authority in ("family_or_friend", "advocate", "appointee", "other", "deputy"):
        for screen in screens(_with(authority), version=1):
            assert all("speak for you" not in line.text for line in screen.lines), authority


def test_a_role_the_law_book_does_not_hold_is_not_given_powers():
    assert _first_screen("other")[-2:] == [
        "Sam Patel helps you.",
        "Ask your worker what they can and cannot do for you.",
    ]


def test_every_authoritys_words_for_the_person_are_plain_language():
    book = law_book()
    for nation in book.jurisdictions():
        for authority in book.law_for(nation).authorities:
            for text in _first_screen(authority.code, nation.value)[-2:]:
                assert plain_language_problems(text) == [], (nation, authority.code, text)
