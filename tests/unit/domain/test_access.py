from __future__ import annotations

import pytest

from risk_app.domain.access import (
    PAGE_ROLES,
    Actor,
    Page,
    PersonScope,
    can_edit_person,
    can_manage_accounts,
    can_open_page,
    can_read_concern,
    can_view_audit,
    can_view_person,
    pages_for,
)
from risk_app.domain.roles import Role

NORTH, SOUTH = 1, 2
AMINA = PersonScope(person_id=10, team_id=NORTH)


FRAMEWORK_READING = [Page.FRAMEWORK_MAP, Page.FRAMEWORK_EXPLORER, Page.LAW]


def actor(role: Role, team: int | None = None, person: int | None = None) -> Actor:
    return Actor(user_id=1, username="u", role=role, team_id=team, person_id=person)


def test_every_page_says_which_roles_may_open_it():
    assert set(Page) == set(PAGE_ROLES)


def test_every_role_has_a_home_page():
    for role in Role:
        assert pages_for(role)[0] is Page.HOME


@pytest.mark.parametrize(
    ("role", "pages"),
    [
        (Role.PRACTITIONER, [Page.HOME, Page.CASELOAD, *FRAMEWORK_READING]),
        (Role.TEAM_MANAGER, [Page.HOME, Page.CASELOAD, *FRAMEWORK_READING]),
        (
            Role.SAFEGUARDING_LEAD,
            [
                Page.HOME,
                Page.CONCERNS,
                *FRAMEWORK_READING,
                Page.CASE_AUDIT,
                Page.PROCESS_AUDIT,
                Page.FRAMEWORK_VERSIONS,
                Page.AUDIT_LOG,
            ],
        ),
        (Role.INDIVIDUAL, [Page.HOME, Page.MY_AGREEMENT]),
        (Role.ADMINISTRATOR, [Page.HOME, *FRAMEWORK_READING, Page.ACCOUNTS]),
    ],
)
def test_each_role_gets_exactly_its_pages(role: Role, pages: list[Page]):
    assert pages_for(role) == pages


def test_nobody_signed_out_can_open_any_page():
    assert not any(can_open_page(None, page) for page in Page)


def test_staff_see_people_allocated_to_their_own_team_only():
    assert can_view_person(actor(Role.PRACTITIONER, NORTH), AMINA)
    assert can_view_person(actor(Role.TEAM_MANAGER, NORTH), AMINA)
    assert not can_view_person(actor(Role.PRACTITIONER, SOUTH), AMINA)
    assert not can_view_person(actor(Role.PRACTITIONER, None), PersonScope(11, None))


def test_an_individual_sees_only_their_own_record():
    assert can_view_person(actor(Role.INDIVIDUAL, person=10), AMINA)
    assert not can_view_person(actor(Role.INDIVIDUAL, person=11), AMINA)
    assert not can_edit_person(actor(Role.INDIVIDUAL, person=10), AMINA)


def test_administrators_manage_accounts_but_not_case_content():
    admin = actor(Role.ADMINISTRATOR)
    assert can_manage_accounts(admin)
    assert not can_view_person(admin, AMINA)
    assert not can_view_audit(admin)


def test_safeguarding_leads_see_audit_views_not_case_files():
    lead = actor(Role.SAFEGUARDING_LEAD)
    assert can_view_audit(lead)
    assert not can_view_person(lead, AMINA)
    assert not can_manage_accounts(lead)


def test_the_safeguarding_lead_reads_a_concern_in_any_team_but_not_the_rest_of_the_record():
    lead = actor(Role.SAFEGUARDING_LEAD)
    for person in (AMINA, PersonScope(11, SOUTH), PersonScope(12, None)):
        assert can_read_concern(lead, person)
        assert not can_view_person(lead, person)
        assert not can_edit_person(lead, person)


def test_staff_read_concerns_of_their_own_teams_people_only():
    assert can_read_concern(actor(Role.PRACTITIONER, NORTH), AMINA)
    assert can_read_concern(actor(Role.TEAM_MANAGER, NORTH), AMINA)
    assert not can_read_concern(actor(Role.TEAM_MANAGER, SOUTH), AMINA)
    assert not can_read_concern(actor(Role.PRACTITIONER, None), PersonScope(12, None))


def test_nobody_else_reads_a_concern_through_the_concerns_rule():
    # the person's own account reads concerns shared with it through its record (disclosure)
    assert not can_read_concern(actor(Role.INDIVIDUAL, person=10), AMINA)
    assert not can_read_concern(actor(Role.ADMINISTRATOR), AMINA)


def test_only_the_safeguarding_lead_opens_the_concerns_page():
    assert [r for r in Role if can_open_page(actor(r), Page.CONCERNS)] == [Role.SAFEGUARDING_LEAD]
