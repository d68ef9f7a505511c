"""What the person's own account reads of their record: restricted by default, a practitioner shares.

A case-record system keeps some parts of a person's record from the person's own account (the
person, or their representative) until a practitioner has read them and decided to share them:
safeguarding concerns (with their screening and Section 42 outcome), the records and minutes of
multi-agency meetings, capacity assessments and their evidence, and third-party information (other
people's views, recommendations and dissent, as recorded at panels and forums). UK GDPR gives the
person a right of access to their data, but information about other people, and information whose
disclosure could put someone at risk, may be withheld (Data Protection Act 2018, Schedule 2
paragraphs 16-17 and Schedule 3 Part 3); the practitioner makes that judgement item by item.

Everything else stays readable by the person without sharing: their details and About Me, their
risks in their own words with their ratings, the actions in their plan, their reviews and the risk
agreement issued for them to sign (issuing the agreement is the practitioner's decision to show
its content). Staff allocated to the person read every part, as before. See ADR 0010.
"""

from __future__ import annotations

from enum import StrEnum

from risk_app.domain import access
from risk_app.domain.access import Actor, PersonScope
from risk_app.domain.roles import Role


class RecordPart(StrEnum):
    """The parts of a person's record, as the disclosure rule sees them."""

    DETAILS = "details"
    """Name, stage, journey so far, About Me, communication, representative."""
    RISKS = "risks"
    """Risks in the person's words, with both ratings and the person's own view."""
    ACTIONS = "actions"
    """The plan: who does what, by when."""
    REVIEWS = "reviews"
    AGREEMENT = "agreement"
    """The risk agreement issued for the person to read and sign."""
    SAFEGUARDING_CONCERN = "safeguarding_concern"
    """A concern raised, its screening, route and Section 42 outcome."""
    MEETING_RECORD = "meeting_record"
    """A multi-agency meeting's record and minutes (attendees, discussion, dissent)."""
    CAPACITY_ASSESSMENT = "capacity_assessment"
    """A supported decision's capacity record: evidence, impairment, best interests, dissent."""
    THIRD_PARTY = "third_party"
    """Other people's views and dissent: panel and forum records."""


RESTRICTED_FROM_PERSON: frozenset[RecordPart] = frozenset(
    {
        RecordPart.SAFEGUARDING_CONCERN,
        RecordPart.MEETING_RECORD,
        RecordPart.CAPACITY_ASSESSMENT,
        RecordPart.THIRD_PARTY,
    }
)
"""Parts the person's own account reads only item by item, once a practitioner shares the item."""

PART_LABELS: dict[RecordPart, str] = {
    RecordPart.DETAILS: "Your details",
    RecordPart.RISKS: "Your risks",
    RecordPart.ACTIONS: "Your plan",
    RecordPart.REVIEWS: "Your reviews",
    RecordPart.AGREEMENT: "Your risk agreement",
    RecordPart.SAFEGUARDING_CONCERN: "Safeguarding concern",
    RecordPart.MEETING_RECORD: "Meeting record",
    RecordPart.CAPACITY_ASSESSMENT: "Decision and capacity assessment",
    RecordPart.THIRD_PARTY: "Panel or forum record",
}
"""Plain-language names, as the person and the export see them."""

SHARING_ROLES: frozenset[Role] = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER})


def is_restricted(part: RecordPart) -> bool:
    return part in RESTRICTED_FROM_PERSON


def can_read_part(actor: Actor, person: PersonScope, part: RecordPart, shared: bool) -> bool:
    """May `actor` read this part (one item of it, when `shared` says whether that item is shared)?

    Nobody reads a record they may not view. Staff allocated to the person (and the operator) read
    every part. The person's own account reads restricted parts only where the item is shared.
    """
    if not access.can_view_person(actor, person):
        return False
    if actor.is_operator or actor.role is not Role.INDIVIDUAL:
        return True
    return shared or not is_restricted(part)


def can_share(actor: Actor, person: PersonScope, part: RecordPart) -> bool:
    """A practitioner or team manager allocated to the person shares (or stops sharing) an item of
    a restricted part with the person's account. Unrestricted parts need no sharing."""
    return (
        is_restricted(part)
        and not actor.is_operator
        and actor.role in SHARING_ROLES
        and access.can_edit_person(actor, person)
    )
