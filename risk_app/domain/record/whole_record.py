"""The whole record's shape and words: its format name and version, the order and titles of its
sections, and how a stored value reads in the printed record.

The sections themselves come from the database (every table of a person's record, see
`risk_app.adapters.person_tables`); a table this module has no title for is still exported, after
the titled ones, under a title made from its name.
"""

from __future__ import annotations

import json
from typing import Any

from framework.law import JurisdictionLaw
from risk_app.domain.access import Actor, PersonScope
from risk_app.domain.disclosure import RecordPart, can_read_part

FORMAT = "risk-app whole record"
FORMAT_VERSION = 1

SECTION_TITLES: dict[str, str] = {
    "stage_history": "Stage history",
    "prompt_answers": "Answers to the framework's prompts",
    "touchpoint_status": "Touchpoint statuses",
    "risk_assessments": "Risk assessments",
    "risks": "Risks",
    "actions": "Actions",
    "acknowledgements": "Acknowledgements of actions",
    "decisions": "Decisions, with capacity and who decided",
    "meetings": "Meetings",
    "meeting_attendees": "Meeting attendees",
    "meeting_items": "Meeting items",
    "meeting_actions": "Actions agreed at meetings",
    "panels": "Panels and forums",
    "safeguarding_concerns": "Safeguarding concerns",
    "plan_validations": "Plan validations",
    "reviews": "Reviews",
    "agreement_versions": "Risk agreement versions",
    "agreement_signatures": "Signatures on the risk agreement",
    "signing_invitations": "Invitations to sign remotely (without their codes)",
    "agreement_talk_requests": "Requests to talk before signing",
    "shared_items": "Items shared with the person's own account",
}
"""Sections in the order the record shows them."""

NOT_RECORDED = "Not recorded"


def section_order(table_names: list[str]) -> list[str]:
    """The titled tables in `SECTION_TITLES` order, then any others by name."""
    known = [name for name in SECTION_TITLES if name in table_names]
    return known + sorted(name for name in table_names if name not in SECTION_TITLES)


def section_title(table_name: str) -> str:
    """The section's title ("Meeting attendees"), or one made from a new table's name."""
    return SECTION_TITLES.get(table_name) or heading(table_name)


AWI_PRINCIPLES_KEY = "awi_s1_principles"
"""What the stored ``best_interests`` column is called in a decision made under the Adults with
Incapacity (Scotland) Act 2000: there it holds how each s1 principle was applied, and Scots law
has no best-interests test."""


def law_worded(table_name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with each AWI decision's ``best_interests`` column named for what it holds."""
    if table_name != "decisions":
        return rows
    return [
        {(AWI_PRINCIPLES_KEY if k == "best_interests" else k): v for k, v in row.items()}
        if row.get("capacity_law") == "awi"
        else row
        for row in rows
    ]


def heading(name: str) -> str:
    """A column or table name as words: ``held_on`` reads "Held on", ``s42_result`` "S42 result"."""
    spaced = name.replace("_", " ").strip()
    return spaced[:1].upper() + spaced[1:] if spaced else name


def shown(value: Any) -> str:
    """A stored value as the printed record shows it: nothing as "Not recorded", true and false
    as Yes and No, lists and objects as indented JSON; text exactly as it was written."""
    if value is None:
        return NOT_RECORDED
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list | dict):
        return json.dumps(value, indent=2, ensure_ascii=False)
    return str(value)


PERSON_READS: dict[str, RecordPart] = {
    "stage_history": RecordPart.DETAILS,
    "risk_assessments": RecordPart.RISKS,
    "risks": RecordPart.RISKS,
    "actions": RecordPart.ACTIONS,
    "reviews": RecordPart.REVIEWS,
    "agreement_versions": RecordPart.AGREEMENT,
}
"""Record kinds with their own ``person_id`` that the person's own account reads whole, with the
part of ADR 0010 that says so. Their rows' children come too (an action's acknowledgements, an
agreement version's signatures, invitations without their codes, and requests to talk)."""

NOT_FOR_THE_PERSON: dict[str, str] = {
    "checks": (
        "Checks about other people (a personal assistant's criminal record check and references, "
        "a provider's registration): their information, not the person's; staff's copy holds them."
    ),
    "prompt_answers": (
        "The practitioner's working answers to the framework's questions, which may name other "
        "people; not among the parts ADR 0010 gives the person's own account."
    ),
    "touchpoint_status": (
        "The practitioner's working record of the framework's checks, whose notes may name other "
        "people; not among the parts ADR 0010 gives the person's own account."
    ),
    "plan_validations": (
        "The practitioner's and manager's check of the plan; not among the parts ADR 0010 gives "
        "the person's own account (the agreed plan itself is in the risk agreement)."
    ),
    "shared_items": (
        "Staff's log of what they shared and why; what is shared is in its own section here."
    ),
    "circle_members": (
        "The people around the person and how to reach them: other people's contact details, "
        "kept by staff; who owns each action is in the actions themselves."
    ),
}
"""Record kinds with their own ``person_id`` that the person's own account does not download,
with the reason (given in the download's ``not_included``). A subject access request to staff
can still release them. Restricted kinds (concerns, meetings, decisions, panels) come item by item
once shared; any kind in none of these is left out until someone judges it."""


def checks_withheld(law: JurisdictionLaw) -> str:
    """Why checks are left out of the person's own download, in the terms of their nation: the
    disclosure body (DBS or Disclosure Scotland) and the care regulator (CQC, the Care
    Inspectorate or Care Inspectorate Wales)."""
    return (
        "Checks about other people (a personal assistant's criminal record check with "
        f"{law.disclosure.body} and references, a provider's registration with the "
        f"{law.regulator.name}): their information, not the person's; staff's copy holds them."
    )


def reads_whole_record(actor: Actor, person: PersonScope) -> bool:
    """The actor reads every part of the record without any sharing (ADR 0010): staff allocated
    to the person, or the operator. The person's own account reads a cut of it instead."""
    return all(can_read_part(actor, person, part, shared=False) for part in RecordPart)
