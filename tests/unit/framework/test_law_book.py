"""The law book: each nation's law, each rule cited to the section it comes from.

Table-driven per jurisdiction; every row names the section it checks in its id.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from framework import Jurisdiction, NodeType, load_framework
from framework.errors import FrameworkError
from framework.law import (
    BUNDLED_LAW,
    DecisionBasis,
    UnsupportedJurisdiction,
    WelfarePower,
    law_book,
    load_law,
)

BOOK = law_book()


def cited_sections(rule_cites) -> list[str]:
    return [f"{BOOK.reference(c.ref).title} {c.at or ''}".strip() for c in rule_cites]


SAFEGUARDING = [
    pytest.param(
        "england", "Section 42 test", "Care Act 2014", "s42(1)", 18, id="england-CA2014-s42"
    ),
    pytest.param(
        "scotland",
        "Three-point test",
        "Adult Support and Protection (Scotland) Act 2007",
        "s3(1)",
        16,
        id="scotland-ASPSA2007-s3",
    ),
    pytest.param(
        "wales",
        "Section 126 test (adult at risk)",
        "Social Services and Well-being (Wales) Act 2014",
        "s126(1)",
        18,
        id="wales-SSWBWA2014-s126",
    ),
]


@pytest.mark.parametrize(("nation", "test_name", "act", "section", "age"), SAFEGUARDING)
def test_each_nation_has_its_own_safeguarding_test_cited_to_its_act(
    nation: str, test_name: str, act: str, section: str, age: int
) -> None:
    law = BOOK.law_for(nation).safeguarding
    assert law.test.label == test_name
    assert law.act == act
    assert law.minimum_age == age
    assert any(
        c.at == section and BOOK.reference(c.ref).title.startswith(act) for c in law.test.cites
    )
    assert len(law.conditions) == 3, "each test has three limbs, all of which must apply"


@pytest.mark.parametrize(
    ("nation", "word", "section"),
    [
        pytest.param("england", "enquiry", "s42(2)", id="england-CA2014-s42(2)-duty-to-enquire"),
        pytest.param("scotland", "inquiry", "s4", id="scotland-ASPSA2007-s4-duty-to-inquire"),
        pytest.param("wales", "enquiry", "s126(2)", id="wales-SSWBWA2014-s126(2)-duty-to-enquire"),
    ],
)
def test_the_duty_when_the_test_is_met_uses_the_nations_own_word_and_section(
    nation: str, word: str, section: str
) -> None:
    law = BOOK.law_for(nation).safeguarding
    assert law.enquiry_word == word
    assert section in [c.at for c in law.duty.cites]


def test_a_scottish_adult_at_risk_is_not_told_of_the_care_act() -> None:
    text = yaml.safe_dump(BOOK.law_for("scotland").safeguarding.model_dump(mode="json"))
    assert "Care Act" not in text
    assert "Section 42" not in text


def test_the_english_duty_does_not_make_consent_a_condition() -> None:
    """Care Act 2014 s42(2); CSSG ch.14: consent is not a condition of the duty."""
    assert "consent is not a condition" in BOOK.law_for("england").safeguarding.duty.summary.lower()


@pytest.mark.parametrize(
    ("nation", "act", "basis", "section"),
    [
        pytest.param(
            "england",
            "Mental Capacity Act 2005",
            DecisionBasis.BEST_INTERESTS,
            "s1(2)",
            id="england-MCA2005-s1",
        ),
        pytest.param(
            "wales",
            "Mental Capacity Act 2005",
            DecisionBasis.BEST_INTERESTS,
            "s1(2)",
            id="wales-MCA2005-s1",
        ),
        pytest.param(
            "scotland",
            "Adults with Incapacity (Scotland) Act 2000",
            DecisionBasis.AWI_PRINCIPLES,
            "s1(2)",
            id="scotland-AWISA2000-s1",
        ),
    ],
)
def test_capacity_law_follows_the_nation(
    nation: str, act: str, basis: DecisionBasis, section: str
) -> None:
    law = BOOK.law_for(nation).capacity
    assert law.act == act
    assert law.decision_basis is basis
    assert law.minimum_age == 16
    assert any(section in [c.at for c in p.cites] for p in law.principles)


def test_scotland_has_no_best_interests_test() -> None:
    """AWI(S)A 2000 s1: principles, not best interests."""
    law = BOOK.law_for("scotland").capacity
    assert all("best interests" not in p.label.lower() for p in law.principles)


def test_the_capacity_test_is_decided_on_the_balance_of_probabilities() -> None:
    """MCA 2005 s2(4); s3(4) the reasonably foreseeable consequences."""
    cites = [c.at for c in BOOK.law_for("england").capacity.test.cites]
    assert "s2(1), s2(4)" in cites and "s3(1), s3(4)" in cites


@pytest.mark.parametrize(
    ("nation", "scheme", "touchpoint", "required"),
    [
        pytest.param(
            "england",
            "Disclosure and Barring Service (DBS) checks",
            "TP13",
            False,
            id="england-SVGA2006-s6",
        ),
        pytest.param(
            "wales",
            "Disclosure and Barring Service (DBS) checks",
            "TP13",
            False,
            id="wales-SVGA2006-s6",
        ),
        pytest.param(
            "scotland",
            "Protecting Vulnerable Groups (PVG) scheme",
            "TP-PVG",
            True,
            id="scotland-DSA2020",
        ),
    ],
)
def test_the_disclosure_scheme_and_whether_any_law_demands_it(
    nation: str, scheme: str, touchpoint: str, required: bool
) -> None:
    law = BOOK.law_for(nation).disclosure
    assert law.scheme == scheme
    assert law.touchpoint == touchpoint
    assert any(check.legally_required for check in law.checks) is required


@pytest.mark.parametrize("nation", ["england", "wales"])
def test_no_barred_list_check_is_required_because_children_visit(nation: str) -> None:
    """SVGA 2006 Sch 4 Part 1: children's list only for regulated activity with children."""
    checks = BOOK.law_for(nation).disclosure.checks
    children = next(c for c in checks if "children's barred list" in c.label)
    assert children.legally_required is None
    assert "own work is regulated activity relating to children" in children.when_available
    assert "Sch 4, Part 1" in [c.at for c in children.cites]


@pytest.mark.parametrize(
    ("nation", "regulator", "section"),
    [
        pytest.param("england", "Care Quality Commission", "s10", id="england-HSCA2008-s10"),
        pytest.param("scotland", "Care Inspectorate", "Part 5", id="scotland-PSRSA2010-part5"),
        pytest.param("wales", "Care Inspectorate Wales", "s5", id="wales-RISCWA2016-s5"),
    ],
)
def test_each_nation_names_its_own_regulator(nation: str, regulator: str, section: str) -> None:
    law = BOOK.law_for(nation).regulator
    assert law.name == regulator
    assert [c.at for c in law.registration.cites] == [section]


@pytest.mark.parametrize(
    ("nation", "options", "section"),
    [
        pytest.param(
            "england", {"BO-DP", "BO-PRO", "BO-ISF", "BO-MIX"}, "chapter 11", id="england-CSSG-ch11"
        ),
        pytest.param(
            "scotland",
            {"SC-OPT1", "SC-OPT2", "SC-OPT3", "SC-OPT4"},
            "s4",
            id="scotland-SDSSA2013-s4",
        ),
        pytest.param("wales", {"WA-DP", "WA-LA"}, "ss50 to 53", id="wales-SSWBWA2014-s50"),
    ],
)
def test_the_ways_of_managing_a_budget_are_the_nations_own(
    nation: str, options: set[str], section: str
) -> None:
    law = BOOK.law_for(nation).budgets
    assert set(law.options) == options
    assert section in [c.at for c in law.ways.cites]


@pytest.mark.parametrize(
    ("nation", "role", "section"),
    [
        pytest.param("england", "Nominated person", "s31", id="england-CA2014-s31"),
        pytest.param("england", "Authorised person", "s32", id="england-CA2014-s32"),
        pytest.param("wales", "Suitable person", "s50", id="wales-SSWBWA2014-s50"),
    ],
)
def test_who_may_take_a_direct_payment_for_someone_uses_the_nations_term(
    nation: str, role: str, section: str
) -> None:
    on_behalf = {rule.label: rule for rule in BOOK.law_for(nation).budgets.on_behalf}
    assert section in [c.at for c in on_behalf[role].cites]


def test_suitable_person_is_not_an_english_term() -> None:
    """Care Act 2014 ss31-32 use nominated and authorised person."""
    england = BOOK.law_for("england")
    assert england.authority("suitable_person") is None
    assert all("suitable person" not in r.label.lower() for r in england.budgets.on_behalf)


AUTHORITIES = [
    pytest.param("england", "lpa_health_welfare", WelfarePower.YES, id="england-MCA2005-s11(7)(a)"),
    pytest.param("england", "lpa_property_finance", WelfarePower.NO, id="england-MCA2005-s9"),
    pytest.param(
        "england", "deputy", WelfarePower.IF_THE_ORDER_COVERS_IT, id="england-MCA2005-s16"
    ),
    pytest.param("england", "appointee", WelfarePower.NO, id="england-SSCP1987-reg33"),
    pytest.param("england", "authorised_person", WelfarePower.NO, id="england-CA2014-s32"),
    pytest.param("england", "family_or_friend", WelfarePower.NO, id="england-no-authority"),
    pytest.param("wales", "suitable_person", WelfarePower.NO, id="wales-SSWBWA2014-s50"),
    pytest.param("scotland", "welfare_attorney", WelfarePower.YES, id="scotland-AWISA2000-s16"),
    pytest.param("scotland", "continuing_attorney", WelfarePower.NO, id="scotland-AWISA2000-s15"),
    pytest.param(
        "scotland", "guardian", WelfarePower.IF_THE_ORDER_COVERS_IT, id="scotland-AWISA2000-s64"
    ),
    pytest.param(
        "scotland",
        "intervention_order",
        WelfarePower.IF_THE_ORDER_COVERS_IT,
        id="scotland-AWISA2000-s53",
    ),
]


@pytest.mark.parametrize(("nation", "code", "power"), AUTHORITIES)
def test_only_a_welfare_authority_can_decide_welfare_matters(
    nation: str, code: str, power: WelfarePower
) -> None:
    authority = BOOK.law_for(nation).authority(code)
    assert authority is not None
    assert authority.welfare_power is power


def test_english_attorneys_are_not_offered_in_scotland() -> None:
    """AWI(S)A 2000 ss15-16: continuing and welfare attorneys, not lasting powers."""
    scotland = BOOK.law_for("scotland")
    assert scotland.authority("lpa_health_welfare") is None
    assert scotland.authority("deputy") is None


def test_the_direct_payment_review_rule_is_englands_regulation_7_only() -> None:
    """DP Regs 2014 reg 7: within six months, then at least every twelve."""
    england = BOOK.law_for("england").reviews
    assert (
        england.direct_payment_first_within_months,
        england.direct_payment_then_every_months,
    ) == (6, 12)
    assert "reg 7" in [c.at for c in england.direct_payment.cites]
    for nation in ("scotland", "wales"):
        reviews = BOOK.law_for(nation).reviews
        assert reviews.direct_payment_first_within_months is None
        assert reviews.direct_payment_then_every_months is None


def test_an_english_plan_gets_a_light_touch_review_six_to_eight_weeks_after_sign_off() -> None:
    """CSSG para 13.32; Care Act 2014 s27(1)(b) review on reasonable request."""
    reviews = BOOK.law_for("england").reviews
    assert reviews.plan_first_review_weeks == (6, 8)
    assert "para 13.32" in [c.at for c in reviews.plan.cites]
    assert reviews.on_request is not None
    assert "s27(1)(b)" in [c.at for c in reviews.on_request.cites]


def test_northern_ireland_is_refused_with_a_clear_message() -> None:
    with pytest.raises(UnsupportedJurisdiction, match="Northern Ireland"):
        BOOK.law_for("northern_ireland")


def test_every_citation_names_a_listed_reference_of_a_known_kind() -> None:
    for nation in BOOK.jurisdictions():
        for citation in BOOK.law_for(nation).citations():
            assert BOOK.reference(citation.ref).kind is not None


def test_a_secondary_source_is_cited_only_beside_a_primary_or_with_a_note() -> None:
    """Law is cited to the primary text; a secondary source never stands alone unexplained."""
    for nation in BOOK.jurisdictions():
        law = BOOK.law_for(nation)
        for citation in law.citations():
            if not BOOK.is_primary(citation):
                assert BOOK.reference(citation.ref).note, citation


def test_every_deep_link_points_at_legislation_gov_uk_or_the_publisher() -> None:
    for nation in BOOK.jurisdictions():
        for citation in BOOK.law_for(nation).citations():
            link = BOOK.link(citation)
            assert link is None or link.startswith("https://")


def test_the_law_book_names_only_nodes_the_framework_has_in_the_same_nation() -> None:
    graph = load_framework()
    for nation in BOOK.jurisdictions():
        law = BOOK.law_for(nation)
        for option in (*law.budgets.options, *law.budgets.local_options):
            node = graph.node(option)
            assert node.type is NodeType.BUDGET_OPTION
            assert node.jurisdiction == nation, option
        touchpoint = graph.node(law.disclosure.touchpoint)
        assert touchpoint.applies_in(nation)


def test_every_nation_risk_app_supports_is_in_the_book_once() -> None:
    assert sorted(BOOK.jurisdictions()) == sorted(Jurisdiction)


def test_a_broken_law_book_is_refused_with_every_problem_listed(tmp_path: Path) -> None:
    data = yaml.safe_load(BUNDLED_LAW.read_text(encoding="utf-8"))
    data["jurisdictions"] = data["jurisdictions"][:2]
    data["jurisdictions"][0]["safeguarding"]["test"]["cites"] = [{"ref": "NO-SUCH-ACT"}]
    broken = tmp_path / "law.yaml"
    broken.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_law(broken)
    messages = " ".join(p.message for p in caught.value.problems)
    assert "Wales must appear exactly once" in messages
    assert "unknown reference 'NO-SUCH-ACT'" in messages


def test_an_unreadable_law_book_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "law.yaml"
    broken.write_text("jurisdictions: [unclosed", encoding="utf-8")
    with pytest.raises(FrameworkError, match="cannot read the law book"):
        load_law(broken)
