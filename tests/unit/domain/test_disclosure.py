"""What the person's own account reads of their record: every role x part x shared or not."""

from __future__ import annotations

import itertools

import pytest

from risk_app.domain.access import Actor, PersonScope, can_see_team_accounts
from risk_app.domain.disclosure import (
    PART_LABELS,
    RESTRICTED_FROM_PERSON,
    RecordPart,
    can_read_part,
    can_share,
)
from risk_app.domain.roles import Role

NORTH, SOUTH = 1, 2
AMINA = PersonScope(person_id=10, team_id=NORTH)

RESTRICTED = {
    RecordPart.SAFEGUARDING_CONCERN,
    RecordPart.MEETING_RECORD,
    RecordPart.CAPACITY_ASSESSMENT,
    RecordPart.THIRD_PARTY,
}
OPEN_TO_THE_PERSON = {
    RecordPart.DETAILS,
    RecordPart.RISKS,
    RecordPart.ACTIONS,
    RecordPart.REVIEWS,
    RecordPart.AGREEMENT,
}

ACTORS = {
    "practitioner in the person's team": Actor(1, "p", Role.PRACTITIONER, team_id=NORTH),
    "practitioner in another team": Actor(2, "p2", Role.PRACTITIONER, team_id=SOUTH),
    "practitioner with no team": Actor(3, "p3", Role.PRACTITIONER),
    "team manager of the person's team": Actor(4, "m", Role.TEAM_MANAGER, team_id=NORTH),
    "team manager of another team": Actor(5, "m2", Role.TEAM_MANAGER, team_id=SOUTH),
    "the person's own account": Actor(6, "amina", Role.INDIVIDUAL, person_id=AMINA.person_id),
    "another person's account": Actor(7, "ravi", Role.INDIVIDUAL, person_id=11),
    "individual linked to nobody": Actor(8, "x", Role.INDIVIDUAL),
    "safeguarding lead": Actor(9, "lead", Role.SAFEGUARDING_LEAD),
    "administrator": Actor(10, "admin", Role.ADMINISTRATOR),
    "operator": Actor(0, "system", Role.ADMINISTRATOR, is_operator=True),
}

READS_EVERYTHING = {
    "practitioner in the person's team",
    "team manager of the person's team",
    "operator",
}


def expected(who: str, part: RecordPart, shared: bool) -> bool:
    if who in READS_EVERYTHING:
        return True
    if who == "the person's own account":
        return shared or part in OPEN_TO_THE_PERSON
    return False


CASES = [
    pytest.param(who, part, shared, expected(who, part, shared), id=f"{who}-{part}-{shared}")
    for who, part, shared in itertools.product(ACTORS, RecordPart, (False, True))
]


@pytest.mark.parametrize(("who", "part", "shared", "allowed"), CASES)
def test_each_role_reads_each_part_of_the_record_as_the_adr_says(who, part, shared, allowed):
    assert can_read_part(ACTORS[who], AMINA, part, shared) is allowed


def test_exactly_concerns_meetings_capacity_and_third_party_information_are_restricted():
    assert RESTRICTED_FROM_PERSON == RESTRICTED
    assert set(RecordPart) == RESTRICTED | OPEN_TO_THE_PERSON


def test_every_part_has_a_plain_language_label():
    assert set(PART_LABELS) == set(RecordPart)
    assert all(label.strip() for label in PART_LABELS.values())


def test_sharing_never_opens_another_persons_record_to_an_individual():
    other = ACTORS["another person's account"]
    assert not any(can_read_part(other, AMINA, part, True) for part in RecordPart)


@pytest.mark.parametrize(("who", "part"), list(itertools.product(ACTORS, RecordPart)))
def test_only_the_persons_practitioner_or_team_manager_shares_a_restricted_item(who, part):
    allowed = part in RESTRICTED and who in {
        "practitioner in the person's team",
        "team manager of the person's team",
    }
    assert can_share(ACTORS[who], AMINA, part) is allowed


@pytest.mark.parametrize(
    ("who", "team", "allowed"),
    [
        ("team manager of the person's team", NORTH, True),
        ("team manager of the person's team", SOUTH, False),
        ("team manager of the person's team", None, False),
        ("team manager of another team", NORTH, False),
        ("practitioner in the person's team", NORTH, False),
        ("administrator", NORTH, False),
        ("safeguarding lead", NORTH, False),
        ("the person's own account", NORTH, False),
        ("operator", NORTH, True),
    ],
)
def test_only_a_teams_own_manager_sees_the_accounts_created_in_it(who, team, allowed):
    assert can_see_team_accounts(ACTORS[who], team) is allowed
