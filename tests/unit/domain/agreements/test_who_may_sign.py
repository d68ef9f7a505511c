"""Who may sign the risk agreement for the person, per nation and per authority.

Table-driven: each row's id names the section it checks. For every authority the rule is tried
both without and with a recorded lack of capacity to agree: nobody signs for a person presumed
able to decide (MCA 2005 s1(2)), and only a welfare authority that covers the decision signs for a
person who is not.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from risk_app.domain.agreements.who_may_sign import (
    CapacityRecordSeen,
    CapacityToAgree,
    Standing,
    capacity_to_agree,
    is_about_agreeing_the_agreement,
    may_sign_for_the_person,
)
from risk_app.domain.record.capacity import CapacityOutcome

LACKS = CapacityToAgree(lacks_capacity=True, decision="Agreeing my risk agreement")
PRESUMED = CapacityToAgree(lacks_capacity=False)

# (nation, authority, order covers welfare, registered, may sign when the person lacks capacity)
AUTHORITIES = [
    # England
    pytest.param(
        "england", "lpa_health_welfare", None, True, True, id="england-MCA2005-s11(7)(a)-HW-LPA"
    ),
    pytest.param(
        "england",
        "lpa_health_welfare",
        None,
        None,
        False,
        id="england-MCA2005-s9(2)(b)-HW-LPA-registration-unanswered",
    ),
    pytest.param(
        "england",
        "lpa_health_welfare",
        None,
        False,
        False,
        id="england-MCA2005-s9(2)(b)-HW-LPA-not-registered",
    ),
    pytest.param(
        "england", "lpa_property_finance", None, True, False, id="england-MCA2005-s9-PF-LPA"
    ),
    pytest.param("england", "deputy", True, None, True, id="england-MCA2005-s16-welfare-order"),
    pytest.param("england", "deputy", None, None, False, id="england-MCA2005-s16-order-unanswered"),
    pytest.param("england", "deputy", False, None, False, id="england-MCA2005-s16-money-order"),
    pytest.param(
        "england", "appointee", None, None, False, id="england-SSCPRegs1987-reg33-appointee"
    ),
    pytest.param(
        "england", "nominated_person", None, None, False, id="england-CareAct2014-s31-nominated"
    ),
    pytest.param(
        "england", "authorised_person", None, None, False, id="england-CareAct2014-s32-authorised"
    ),
    pytest.param(
        "england",
        "suitable_person",
        None,
        None,
        False,
        id="england-CareAct2014-s32-suitable-person-is-not-english",
    ),
    pytest.param(
        "england", "advocate", None, None, False, id="england-CareAct2014-s67-advocate-supports"
    ),
    pytest.param(
        "england", "family_or_friend", None, None, False, id="england-MCA2005-s4(7)-family"
    ),
    pytest.param("england", "other", None, None, False, id="england-MCA2005-s1(2)-other"),
    # Scotland
    pytest.param(
        "scotland", "welfare_attorney", None, True, True, id="scotland-AWISA2000-s16-welfare"
    ),
    pytest.param(
        "scotland",
        "welfare_attorney",
        None,
        None,
        False,
        id="scotland-AWISA2000-s19-registration-unanswered",
    ),
    pytest.param("scotland", "continuing_attorney", None, True, False, id="scotland-AWISA2000-s15"),
    pytest.param("scotland", "guardian", True, None, True, id="scotland-AWISA2000-s64-welfare"),
    pytest.param("scotland", "guardian", None, None, False, id="scotland-AWISA2000-s64-unanswered"),
    pytest.param("scotland", "guardian", False, None, False, id="scotland-AWISA2000-s64-money"),
    pytest.param(
        "scotland", "intervention_order", True, None, True, id="scotland-AWISA2000-s53-covers"
    ),
    pytest.param(
        "scotland",
        "intervention_order",
        False,
        None,
        False,
        id="scotland-AWISA2000-s53-other-matter",
    ),
    pytest.param(
        "scotland",
        "lpa_health_welfare",
        None,
        True,
        False,
        id="scotland-AWISA2000-s16-an-english-LPA-code-is-not-scots-law",
    ),
    pytest.param(
        "scotland", "deputy", True, None, False, id="scotland-AWISA2000-s64-no-english-deputy"
    ),
    pytest.param("scotland", "appointee", None, None, False, id="scotland-SSCPRegs1987-reg33"),
    pytest.param("scotland", "family_or_friend", None, None, False, id="scotland-no-authority"),
    # Wales
    pytest.param(
        "wales", "lpa_health_welfare", None, True, True, id="wales-MCA2005-s11(7)(a)-HW-LPA"
    ),
    pytest.param("wales", "deputy", True, None, True, id="wales-MCA2005-s16-welfare-order"),
    pytest.param("wales", "suitable_person", None, None, False, id="wales-SSWBWA2014-s50"),
    pytest.param("wales", "appointee", None, None, False, id="wales-SSCPRegs1987-reg33"),
    pytest.param(
        "wales", "nominated_person", None, None, False, id="wales-CareAct2014-s31-is-english"
    ),
]


def _standing(nation, code, covers, registered, capacity) -> Standing:
    return Standing(
        jurisdiction=nation,
        name="Sam Patel",
        authority=code,
        order_covers_welfare=covers,
        registered=registered,
        capacity=capacity,
    )


@pytest.mark.parametrize(("nation", "code", "covers", "registered", "allowed"), AUTHORITIES)
def test_someone_signs_for_the_person_only_with_a_welfare_authority_and_a_lack_of_capacity(
    nation, code, covers, registered, allowed
):
    presumed = may_sign_for_the_person(_standing(nation, code, covers, registered, PRESUMED))
    assert not presumed.allowed, "a person presumed able to decide signs for themselves (s1(2))"
    assert presumed.why
    lacking = may_sign_for_the_person(_standing(nation, code, covers, registered, LACKS))
    assert lacking.allowed is allowed, lacking.why
    if not allowed:
        assert "cannot sign for the person" in lacking.why


def test_an_appointee_with_a_capacity_record_showing_lack_of_capacity_still_cannot_sign_for_them():
    """SS(C&P) Regs 1987 reg 33: an appointee acts on benefits only."""
    verdict = may_sign_for_the_person(_standing("england", "appointee", None, None, LACKS))
    assert not verdict.allowed
    assert "does not let them decide about the person's care" in verdict.why
    assert "supporter" in verdict.why and "consulted" in verdict.why


def test_a_registered_welfare_attorney_is_told_to_record_the_capacity_assessment_first():
    """MCA 2005 s11(7)(a): the attorney acts only when the person lacks capacity for it."""
    verdict = may_sign_for_the_person(
        _standing("england", "lpa_health_welfare", None, True, PRESUMED)
    )
    assert not verdict.allowed
    assert "Record that assessment first" in verdict.why
    assert "Mental Capacity Act 2005" in verdict.why


def test_a_scottish_person_is_told_of_the_scottish_act():
    verdict = may_sign_for_the_person(
        _standing("scotland", "welfare_attorney", None, True, PRESUMED)
    )
    assert "Adults with Incapacity (Scotland) Act 2000" in verdict.why


def test_a_deputy_is_asked_for_what_the_order_covers_before_signing():
    """MCA 2005 s16: a deputy decides only what the order gives them."""
    verdict = may_sign_for_the_person(_standing("england", "deputy", None, None, LACKS))
    assert "court order covers welfare" in verdict.why


@pytest.mark.parametrize(
    ("decision", "about"),
    [
        ("Agreeing my risk agreement", True),
        ("whether to sign the risk agreement", True),
        ("Signing this agreement", True),
        ("AGREEING TO MY SUPPORT AGREEMENT", True),
        ("Go to the match without staff", False),
        ("Whether to agree to the move", False),
        ("Managing my money", False),
        ("The agreement with the landlord", False),
    ],
)
def test_a_capacity_record_counts_only_when_it_is_about_agreeing_the_agreement(decision, about):
    """Capacity is decision-specific (MCA 2005 s2(1)): a record about another decision does not
    count for agreeing to the risk agreement."""
    assert is_about_agreeing_the_agreement(decision) is about


NOW = datetime(2026, 12, 1, 10, tzinfo=UTC)


def test_the_newest_record_about_agreeing_counts_so_regained_capacity_ends_the_power():
    lacked = CapacityRecordSeen(
        "Agreeing my risk agreement", NOW - timedelta(days=30), CapacityOutcome.LACKS_CAPACITY
    )
    regained = CapacityRecordSeen(
        "Agreeing my risk agreement", NOW, CapacityOutcome.HAS_CAPACITY.value
    )
    other = CapacityRecordSeen(
        "Managing my money", NOW + timedelta(days=1), CapacityOutcome.LACKS_CAPACITY
    )
    assert capacity_to_agree([lacked]).lacks_capacity
    assert not capacity_to_agree([lacked, regained]).lacks_capacity
    assert not capacity_to_agree([other]).lacks_capacity
    assert capacity_to_agree([regained, lacked, other]).decision == "Agreeing my risk agreement"
    assert capacity_to_agree([]) == CapacityToAgree(lacks_capacity=False)
