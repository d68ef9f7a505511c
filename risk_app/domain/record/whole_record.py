"""The whole record's shape and words: its format name and version, the order and titles of its
sections, and how a stored value reads in the printed record.

The sections themselves come from the database (every table of a person's record, see
`risk_app.adapters.person_tables`); a table this module has no title for is still exported, after
the titled ones, under a title made from its name.
"""

from __future__ import annotations

import json
from typing import Any

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
    "decisions": "Decisions, with capacity and best interests",
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


def may_export(actor: Actor, person: PersonScope) -> bool:
    """The whole record holds every restricted part (ADR 0010), so only an actor who reads every
    part without any sharing exports it: staff allocated to the person, or the operator. The
    person's own account downloads what it reads of its record (`person_record`) instead."""
    return all(can_read_part(actor, person, part, shared=False) for part in RecordPart)
