"""Who uses risk-app. Roles always come from our own records, never from an identity provider's claims."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """An account's role. Access to people also depends on relationships (team, represented person)."""

    PRACTITIONER = "practitioner"
    """Social worker or key worker: works with the people allocated to their team."""
    TEAM_MANAGER = "team_manager"
    """Team manager: oversees and authorises the work of their team."""
    SAFEGUARDING_LEAD = "safeguarding_lead"
    """Safeguarding lead: audits alignment with the framework; sees audit views, not case files."""
    INDIVIDUAL = "individual"
    """The person, or their representative: sees only their own (or the represented person's) record."""
    ADMINISTRATOR = "administrator"
    """Administrator: manages accounts, not case content."""

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS: dict[Role, str] = {
    Role.PRACTITIONER: "Practitioner",
    Role.TEAM_MANAGER: "Team manager",
    Role.SAFEGUARDING_LEAD: "Safeguarding lead",
    Role.INDIVIDUAL: "Individual or representative",
    Role.ADMINISTRATOR: "Administrator",
}

STAFF_ROLES_WITH_TEAMS = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER})
