"""The minutes of a multi-agency risk meeting, from the templates ``minutes.html`` (an accessible
HTML document, every piece of text autoescaped) and ``minutes.txt`` (plain text).

Both take a `MeetingView` the meetings service has read (and checked access to) and nothing else.
What was withdrawn at the meeting is left out (attendees, items and actions alike).
"""

from __future__ import annotations

from typing import Any

from risk_app.adapters import documents
from risk_app.domain import words
from risk_app.domain.record.meetings import ItemKind, MeetingView
from risk_app.domain.record.ownership import OWNERSHIP_COLUMNS, ownership_table

ATTENDEE_COLUMNS = ("Name", "Agency", "Role", "Attended")
"""Column headings of the attendees table, in order."""


def _attendee_rows(view: MeetingView) -> list[dict[str, str]]:
    return [
        {
            "Name": a.name,
            "Agency": a.agency or "-",
            "Role": a.role.label,
            "Attended": "Present" if a.present else "Absent",
        }
        for a in view.current_attendees
    ]


def _context(view: MeetingView) -> dict[str, Any]:
    """What both forms of the minutes show, in the words they show it."""
    return {
        "view": view,
        "held_on": words.day_or(view.held_on, "Not set"),
        "status": view.status.value.capitalize(),
        "attendee_columns": ATTENDEE_COLUMNS,
        "attendees": _attendee_rows(view),
        "risks": view.items_of(ItemKind.RISK),
        "decisions": view.items_of(ItemKind.DECISION),
        "notes": view.items_of(ItemKind.NOTE),
        "dissent": view.items_of(ItemKind.DISSENT),
        "action_columns": OWNERSHIP_COLUMNS,
        "actions": ownership_table(view.current_actions),
        "next_meeting": words.day_or(view.next_meeting, "Not set"),
    }


def minutes_text(view: MeetingView) -> str:
    """The minutes as plain text."""
    return documents.render_text("minutes.txt", **_context(view))


def minutes_html(view: MeetingView) -> str:
    """The minutes as a complete, accessible HTML document, every piece of text escaped."""
    return documents.render_html("minutes.html", **_context(view))
