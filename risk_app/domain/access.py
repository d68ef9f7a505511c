"""Access policy as pure functions: role-based (what kind of thing) and relationship-based (which person).

The service layer calls these before every read or write; pages call `pages_for` to build
navigation and `can_open_page` again at the top of each page, so a hidden page is also a locked page.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from risk_app.domain.roles import Role


@dataclass(frozen=True, slots=True)
class Actor:
    """The signed-in user as the policy sees them (re-read from the store on every interaction)."""

    user_id: int
    username: str
    role: Role
    team_id: int | None = None
    person_id: int | None = None
    """For an individual: the person they are, or represent."""
    is_operator: bool = False
    """The operator at the server (command line), who holds the database anyway: loads and repairs data.
    No account signing in through the app is ever an operator."""


@dataclass(frozen=True, slots=True)
class PersonScope:
    """What the policy needs to know about a person's record to decide access."""

    person_id: int
    team_id: int | None


class Page(StrEnum):
    """Every page in the app. The table below says which roles may open each one."""

    HOME = "home"
    CONCERNS = "concerns"
    MY_AGREEMENT = "my_agreement"
    CASELOAD = "caseload"
    FRAMEWORK_MAP = "framework_map"
    FRAMEWORK_EXPLORER = "framework_explorer"
    LAW = "law"
    CASE_AUDIT = "case_audit"
    PROCESS_AUDIT = "process_audit"
    FRAMEWORK_VERSIONS = "framework_versions"
    AUDIT_LOG = "audit_log"
    ACCOUNTS = "accounts"


PAGE_ROLES: dict[Page, frozenset[Role]] = {
    Page.HOME: frozenset(Role),
    Page.CONCERNS: frozenset({Role.SAFEGUARDING_LEAD}),
    Page.MY_AGREEMENT: frozenset({Role.INDIVIDUAL}),
    Page.CASELOAD: frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER}),
    Page.FRAMEWORK_MAP: frozenset(
        {Role.PRACTITIONER, Role.TEAM_MANAGER, Role.SAFEGUARDING_LEAD, Role.ADMINISTRATOR}
    ),
    Page.FRAMEWORK_EXPLORER: frozenset(
        {Role.PRACTITIONER, Role.TEAM_MANAGER, Role.SAFEGUARDING_LEAD, Role.ADMINISTRATOR}
    ),
    Page.LAW: frozenset(
        {Role.PRACTITIONER, Role.TEAM_MANAGER, Role.SAFEGUARDING_LEAD, Role.ADMINISTRATOR}
    ),
    Page.CASE_AUDIT: frozenset({Role.SAFEGUARDING_LEAD}),
    Page.PROCESS_AUDIT: frozenset({Role.SAFEGUARDING_LEAD}),
    Page.FRAMEWORK_VERSIONS: frozenset({Role.SAFEGUARDING_LEAD}),
    Page.AUDIT_LOG: frozenset({Role.SAFEGUARDING_LEAD}),
    Page.ACCOUNTS: frozenset({Role.ADMINISTRATOR}),
}


def pages_for(role: Role) -> list[Page]:
    """The pages a role may use, in menu order."""
    return [page for page in Page if role in PAGE_ROLES[page]]


def can_open_page(actor: Actor | None, page: Page) -> bool:
    return actor is not None and actor.role in PAGE_ROLES[page]


def can_view_person(actor: Actor, person: PersonScope) -> bool:
    """Staff see people allocated to their own team; an individual sees only their own record."""
    if actor.is_operator:
        return True
    if actor.role in (Role.PRACTITIONER, Role.TEAM_MANAGER):
        return actor.team_id is not None and actor.team_id == person.team_id
    if actor.role is Role.INDIVIDUAL:
        return actor.person_id is not None and actor.person_id == person.person_id
    return False


def can_edit_person(actor: Actor, person: PersonScope) -> bool:
    """Only allocated staff change a person's record; individuals read and sign (see later issues)."""
    if actor.is_operator:
        return True
    return actor.role in (Role.PRACTITIONER, Role.TEAM_MANAGER) and can_view_person(actor, person)


def can_add_person(actor: Actor, team_id: int | None) -> bool:
    if actor.is_operator:
        return True
    return (
        actor.role in (Role.PRACTITIONER, Role.TEAM_MANAGER)
        and actor.team_id is not None
        and actor.team_id == team_id
    )


def can_manage_accounts(actor: Actor) -> bool:
    return actor.is_operator or actor.role is Role.ADMINISTRATOR


def can_view_audit(actor: Actor) -> bool:
    return actor.role is Role.SAFEGUARDING_LEAD


def can_manage_framework(actor: Actor) -> bool:
    """Uploading and activating a revised framework: the safeguarding lead (and the operator)."""
    return actor.is_operator or actor.role is Role.SAFEGUARDING_LEAD


def can_audit_cases(actor: Actor) -> bool:
    """Auditing conformance across cases: the safeguarding lead (and the operator)."""
    return actor.is_operator or actor.role is Role.SAFEGUARDING_LEAD


def can_see_team_accounts(actor: Actor, team_id: int | None) -> bool:
    """Accounts created in a team, or for people allocated to it, are shown to that team's manager
    (so an account nobody in the team expected is noticed)."""
    if actor.is_operator:
        return True
    return (
        actor.role is Role.TEAM_MANAGER
        and actor.team_id is not None
        and team_id is not None
        and actor.team_id == team_id
    )


# Slice E (issue 12, oversight on the home pages)
def can_see_organisation_counts(actor: Actor) -> bool:
    """Counts and ages of what is waiting across every team, with no names or case content: the
    safeguarding lead's oversight (and the operator's). Staff see their own team's lists instead."""
    return actor.is_operator or actor.role is Role.SAFEGUARDING_LEAD


def has_team_caseload(actor: Actor) -> bool:
    """Practitioners and team managers with a team: they see their team's people by name."""
    return actor.role in (Role.PRACTITIONER, Role.TEAM_MANAGER) and actor.team_id is not None


# Slice G3 (issue 12): the safeguarding lead decides on Section 42 and acts on concerns
def can_read_concern(actor: Actor, person: PersonScope) -> bool:
    """Reading one safeguarding concern (what was raised, its decision, enquiry, outcome and
    history, with the person's name and team): staff allocated to the person, and the
    safeguarding lead across the organisation, who decides on the Section 42 duty and acts on the
    concern's steps. The lead reads the concern only, never the rest of the person's record
    (`can_view_person` stays False); the person's own account reads concerns shared with it
    through its record (`disclosure.py`), not through this rule."""
    if actor.is_operator or actor.role is Role.SAFEGUARDING_LEAD:
        return True
    return actor.role in (Role.PRACTITIONER, Role.TEAM_MANAGER) and can_view_person(actor, person)
