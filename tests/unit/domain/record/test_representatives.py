"""A person's representative: only the authorities of their nation, with the question each needs.

Rows name the section that creates the authority.
"""

from __future__ import annotations

import pytest

from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.people import (
    OLDER_ENGLISH_TERM,
    RepresentativeAuthority,
    authority_label,
)
from risk_app.domain.record.representatives import (
    asks_if_order_covers_welfare,
    asks_if_registered,
    authorities_for,
    check_authority,
)

OFFERED = [
    pytest.param(
        "england",
        {
            "lpa_health_welfare",
            "lpa_property_finance",
            "deputy",
            "nominated_person",
            "authorised_person",
            "appointee",
            "advocate",
            "family_or_friend",
        },
        id="england-MCA2005-s9-s16-CareAct2014-s31-s32",
    ),
    pytest.param(
        "scotland",
        {
            "welfare_attorney",
            "continuing_attorney",
            "guardian",
            "intervention_order",
            "appointee",
            "advocate",
            "family_or_friend",
        },
        id="scotland-AWISA2000-s15-s16-s53-s64",
    ),
    pytest.param(
        "wales",
        {
            "lpa_health_welfare",
            "lpa_property_finance",
            "deputy",
            "suitable_person",
            "appointee",
            "advocate",
            "family_or_friend",
        },
        id="wales-MCA2005-s9-s16-SSWBWA2014-s50",
    ),
]


@pytest.mark.parametrize(("nation", "authorities"), OFFERED)
def test_a_person_is_offered_only_their_nations_authorities_with_none_and_other(
    nation, authorities
):
    offered = [a.value for a in authorities_for(nation)]
    assert offered[0] == "none" and offered[-1] == "other"
    assert set(offered[1:-1]) == authorities
    for code in offered:
        assert check_authority(code, nation).value == code


@pytest.mark.parametrize(
    ("nation", "code", "message"),
    [
        pytest.param(
            "scotland",
            "lpa_health_welfare",
            "not an authority in Scotland",
            id="scotland-AWISA2000-s16-no-english-LPA",
        ),
        pytest.param(
            "scotland", "deputy", "not an authority in Scotland", id="scotland-AWISA2000-s64"
        ),
        pytest.param(
            "england",
            "suitable_person",
            "nominated person \\(Care Act 2014 s31\\)",
            id="england-CareAct2014-s31-s32-not-suitable-person",
        ),
        pytest.param(
            "england", "guardian", "not an authority in England", id="england-MCA2005-s16"
        ),
        pytest.param(
            "wales", "authorised_person", "not an authority in Wales", id="wales-SSWBWA2014-s50"
        ),
        pytest.param("england", "king", "from the list", id="unknown-code"),
    ],
)
def test_an_authority_the_nation_does_not_have_is_refused_with_a_clear_message(
    nation, code, message
):
    with pytest.raises(InvalidInput, match=message):
        check_authority(code, nation)


def test_an_older_english_suitable_person_is_labelled_as_the_older_term():
    """Care Act 2014 ss31-32: in England the terms are nominated and authorised person."""
    assert authority_label("suitable_person", "england") == OLDER_ENGLISH_TERM
    assert "nominated or authorised person" in OLDER_ENGLISH_TERM
    assert authority_label("suitable_person", "wales") == "Suitable person for direct payments"
    assert RepresentativeAuthority.SUITABLE_PERSON not in authorities_for("england")


def test_labels_come_from_the_law_book_of_the_persons_nation():
    assert authority_label("advocate", "england") == "Independent advocate (Care Act) or IMCA"
    assert authority_label("advocate", "wales") == "Independent professional advocate or IMCA"
    assert authority_label("none", "scotland") == "No representative"
    assert RepresentativeAuthority.GUARDIAN.label == "Guardian (guardianship order)"


@pytest.mark.parametrize(
    ("nation", "code", "order", "registered"),
    [
        pytest.param("england", "deputy", True, False, id="england-MCA2005-s16"),
        pytest.param("england", "lpa_health_welfare", False, True, id="england-MCA2005-s9(2)(b)"),
        pytest.param("england", "lpa_property_finance", False, True, id="england-MCA2005-s9"),
        pytest.param("england", "appointee", False, False, id="england-SSCPRegs1987-reg33"),
        pytest.param("scotland", "guardian", True, False, id="scotland-AWISA2000-s64"),
        pytest.param("scotland", "intervention_order", True, False, id="scotland-AWISA2000-s53"),
        pytest.param("scotland", "welfare_attorney", False, True, id="scotland-AWISA2000-s19"),
        pytest.param("scotland", "continuing_attorney", False, True, id="scotland-AWISA2000-s19-c"),
        pytest.param("wales", "suitable_person", False, False, id="wales-SSWBWA2014-s50"),
    ],
)
def test_each_authority_is_asked_the_question_its_power_depends_on(nation, code, order, registered):
    assert asks_if_order_covers_welfare(code, nation) is order
    assert asks_if_registered(code) is registered
