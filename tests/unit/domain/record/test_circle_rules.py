"""The people around the person: each recorded once, with a likely duplicate offered first."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.circle import (
    CircleMember,
    LikelyDuplicate,
    NewMember,
    likely_duplicates,
    same_name,
)
from risk_app.domain.record.ownership import OwnerKind

AT = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


def _member(
    name: str = "Grace Okafor",
    kind: OwnerKind = OwnerKind.FAMILY_OR_FRIEND,
    relationship: str = "sister",
    agency: str = "",
    **more: object,
) -> CircleMember:
    values: dict[str, object] = {
        "id": 1,
        "person_id": 7,
        "name": name,
        "kind": kind,
        "relationship": relationship,
        "agency": agency,
        "contact": "",
        "username": None,
        "version": 1,
        "created_at": AT,
        "created_by": "jo",
    } | more
    return CircleMember(**values)  # type: ignore[arg-type]


def test_a_member_is_labelled_by_relationship_or_role_and_agency():
    assert _member().label == "Grace Okafor (sister)"
    gp = _member("Dr Ana Patel", OwnerKind.HEALTH, "", "Riverside Surgery")
    assert gp.label == "Dr Ana Patel (Health, Riverside Surgery)"
    assert _member("Sam", OwnerKind.HEALTH, "GP", "Riverside").label == "Sam (GP, Riverside)"
    assert _member("Housing officer", OwnerKind.HOUSING, "").label == "Housing officer (Housing)"


def test_a_new_member_must_have_a_role_chosen():
    for blank in (None, "", "   "):
        with pytest.raises(InvalidInput, match="Choose their role"):
            NewMember.checked(name="Grace Okafor", kind=blank)


def test_an_unknown_role_is_refused_and_the_person_is_not_in_their_own_circle():
    with pytest.raises(InvalidInput, match="not a role we know"):
        NewMember.checked(name="Grace Okafor", kind="cousin")
    with pytest.raises(InvalidInput, match="not part of their own circle"):
        NewMember.checked(name="Amina", kind=OwnerKind.PERSON)


def test_a_new_member_needs_a_name_and_is_trimmed():
    with pytest.raises(InvalidInput, match="Give the name"):
        NewMember.checked(name="  ", kind="family_or_friend")
    made = NewMember.checked(
        name="  Grace Okafor ", kind=" Family_or_friend ", relationship=" sister ", username=" "
    )
    assert (made.name, made.kind, made.relationship, made.username) == (
        "Grace Okafor",
        OwnerKind.FAMILY_OR_FRIEND,
        "sister",
        None,
    )


@pytest.mark.parametrize("name", ["Grace\x00Okafor", "Grace\nOkafor", "x" * 201])
def test_a_hostile_name_is_refused_with_a_message(name: str):
    with pytest.raises(InvalidInput):
        NewMember.checked(name=name, kind="family_or_friend")


def test_names_match_without_regard_to_case_or_spacing():
    assert same_name("grace  OKAFOR ", "Grace Okafor")
    assert not same_name("Grace Okafor", "Grace Okafor-Smith")


def test_the_same_name_and_relationship_is_a_likely_duplicate():
    grace = _member()
    assert likely_duplicates([grace], "GRACE okafor", "Sister", "family_or_friend") == (grace,)
    assert likely_duplicates([grace], "Grace Okafor", "sister", OwnerKind.ADVOCATE) == (grace,)
    assert likely_duplicates([grace], "Grace Okafor", "neighbour", "family_or_friend") == ()
    assert likely_duplicates([grace], "Grace Adeyemi", "sister", "family_or_friend") == ()


def test_without_a_relationship_the_same_name_and_role_is_a_likely_duplicate():
    grace = _member()
    assert likely_duplicates([grace], "Grace Okafor", "", "family_or_friend") == (grace,)
    assert likely_duplicates([grace], "Grace Okafor", "", OwnerKind.POLICE) == ()
    plain = _member(relationship="")
    assert likely_duplicates([plain], "Grace Okafor", "sister", "family_or_friend") == (plain,)


def test_someone_who_has_left_is_not_a_likely_duplicate():
    gone = _member(left_at=AT, left_reason="Moved away")
    assert likely_duplicates([gone], "Grace Okafor", "sister", "family_or_friend") == ()
    assert not gone.in_circle


def test_a_likely_duplicate_names_who_is_already_there():
    grace = _member()
    refused = LikelyDuplicate([grace])
    assert refused.matches == (grace,)
    assert "Grace Okafor (sister) is already in the person's circle" in str(refused)
    assert isinstance(refused, InvalidInput)


def test_housing_is_a_role_of_its_own():
    assert OwnerKind("housing").label == "Housing"
