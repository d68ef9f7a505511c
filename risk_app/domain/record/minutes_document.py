"""The minutes of a multi-agency risk meeting as one structure: headings, facts, lists and tables.

Every form of the minutes (the HTML view, the tagged PDF, the Word document and plain text) is
drawn from this one `MinutesDocument`, so they say the same thing in the same order: the
organisation and the protective marking, the meeting's facts, who attended (with their agency,
present or sending apologies), the person's voice, each risk discussed with its decisions and any
dissent in the dissenting party's own words, everything not about a risk, the actions table
(owner, what, by when), the next review, and how many entries were withdrawn.

Entries withdrawn at the meeting are left out (only how many is said: the record keeps them and
their reasons, but what was withdrawn may be wrong or about someone else); a correction (recorded
after closing) is shown with what it corrects.

Pure: the text here is never markup. Each renderer escapes it for its own form.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from risk_app.domain import words
from risk_app.domain.record.meetings import ItemKind, MeetingItem, MeetingView
from risk_app.domain.record.ownership import ActionStatus, ActionView

DEFAULT_MARKING = "OFFICIAL-SENSITIVE"
"""The protective marking under the Government Security Classifications when none is set:
minutes of a multi-agency risk meeting hold personal, often sensitive, information."""

ATTENDEE_COLUMNS = ("Name", "Agency", "Role", "Attendance")
ACTION_COLUMNS = ("Owner", "What", "By when", "Status", "Acknowledged")
"""The actions table: owner, what, by when, then where it stands and who acknowledged it."""


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a caption and a header row; every cell is text."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry in a list: an optional lead in bold ("Decision", "Dissent: PC Lewis") and the
    words themselves, as written."""

    lead: str
    text: str
    quoted: bool = False
    """The words are a party's own, shown as a quotation."""
    corrects: str = ""
    """For a correction: what it corrects, in words ("" when it corrects nothing)."""


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and what is under it, in order: paragraphs, a list, tables, then sub-sections
    (one level down)."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    entries: tuple[Entry, ...] = ()
    tables: tuple[Table, ...] = ()
    subsections: tuple[Section, ...] = ()
    empty: str = ""
    """What to say when there is nothing under the heading ("" when there is always something)."""

    @property
    def is_empty(self) -> bool:
        return not (self.paragraphs or self.entries or self.tables or self.subsections)


@dataclass(frozen=True, slots=True)
class MinutesDocument:
    """The minutes, ready to render."""

    organisation: str
    marking: str
    title: str
    facts: tuple[tuple[str, str], ...]
    """Label and value pairs under the title: date, person, chair, purpose, status."""
    sections: tuple[Section, ...]
    held_on: date | None = None
    withdrawn: int = 0
    """How many entries, attendees and actions were withdrawn (none of them is in the minutes:
    what was withdrawn may be about someone else, or wrong, and minutes are sent out)."""

    @property
    def document_title(self) -> str:
        """The title a reader's software shows: the meeting's own title and the word minutes."""
        return f"{self.title} - minutes"

    def all_text(self) -> Iterable[str]:
        """Every piece of text in the document, in order (for checks and plain text)."""
        yield from (self.organisation, self.marking, self.title)
        for label, value in self.facts:
            yield from (label, value)
        stack = list(reversed(self.sections))
        while stack:
            section = stack.pop()
            yield section.heading
            yield from section.paragraphs
            for entry in section.entries:
                yield from (entry.lead, entry.text, entry.corrects)
            for table in section.tables:
                yield table.caption
                yield from table.columns
                for row in table.rows:
                    yield from row
            stack.extend(reversed(section.subsections))


# ---------------------------------------------------------------------- building
_KIND_WORDS = {
    ItemKind.RISK: "Discussion",
    ItemKind.DECISION: "Decision",
    ItemKind.NOTE: "Note",
    ItemKind.DISSENT: "Dissent",
}


def _entry(item: MeetingItem, by_id: dict[int, MeetingItem]) -> Entry:
    corrected_id = item.corrects_item_id
    corrected = by_id.get(corrected_id) if corrected_id is not None else None
    corrects = ""
    if corrected is not None:
        corrects = f"Corrects the {_KIND_WORDS[corrected.kind].lower()}: {corrected.text}"
    if item.kind is ItemKind.DISSENT:
        return Entry(f"Dissent: {item.party}, in their own words", item.text, True, corrects)
    return Entry(_KIND_WORDS[item.kind], item.text, False, corrects)


_ORDER = {ItemKind.RISK: 0, ItemKind.DECISION: 1, ItemKind.DISSENT: 2, ItemKind.NOTE: 3}


def _entries(items: Sequence[MeetingItem], by_id: dict[int, MeetingItem]) -> tuple[Entry, ...]:
    ordered = sorted(items, key=lambda i: (_ORDER[i.kind], i.id))
    return tuple(_entry(i, by_id) for i in ordered)


def _risk_sections(
    standing: Sequence[MeetingItem], by_id: dict[int, MeetingItem]
) -> tuple[Section, ...]:
    about: dict[int, list[MeetingItem]] = {}
    names: dict[int, str] = {}
    for item in standing:
        if item.risk_id is not None:
            about.setdefault(item.risk_id, []).append(item)
            names[item.risk_id] = names.get(item.risk_id) or item.risk_activity
    return tuple(
        Section(heading=names[risk] or "A risk no longer on the record", entries=_entries(i, by_id))
        for risk, i in about.items()
    )


def _action_row(action: ActionView) -> tuple[str, ...]:
    return (
        f"{action.owner_name} ({action.owner_kind.label})",
        action.description,
        words.day_or(action.due, "No date set"),
        action.status.value.capitalize(),
        "; ".join(action.acknowledged_by) or ("Yes" if action.acknowledged else "Not yet"),
    )


def _action_count(actions: Sequence[ActionView]) -> str:
    still_open = sum(1 for a in actions if a.status is ActionStatus.OPEN)
    agreed = f"{len(actions)} action{'' if len(actions) == 1 else 's'} agreed"
    return f"{agreed}, {still_open} still open."


def build_minutes(view: MeetingView, *, organisation: str, marking: str) -> MinutesDocument:
    """The minutes of `view`, headed with the organisation's name and the protective marking."""
    by_id = {i.id: i for i in view.items}
    standing = [i for i in view.items if i.withdrawn is None]
    attendees = list(view.current_attendees)
    actions = list(view.current_actions)
    withdrawn = (
        sum(1 for i in view.items if i.withdrawn is not None)
        + sum(1 for a in view.attendees if a.withdrawn is not None)
        + sum(1 for a in view.actions if a.status is ActionStatus.WITHDRAWN)
    )
    general = [i for i in standing if i.risk_id is None]
    sections = [
        Section(
            heading="Attendees",
            tables=(
                Table(
                    "Who was invited, their agency, and who attended",
                    ATTENDEE_COLUMNS,
                    tuple(
                        (
                            a.name,
                            a.agency or "-",
                            a.role.label,
                            "Present" if a.present else "Apologies",
                        )
                        for a in attendees
                    ),
                ),
            )
            if attendees
            else (),
            empty="No attendees recorded.",
        ),
        Section(
            heading="The person's voice",
            paragraphs=(
                view.person_voice.label,
                view.person_view or "No separate view recorded.",
            ),
        ),
        Section(
            heading="Risks discussed",
            subsections=_risk_sections(standing, by_id),
            empty="No risk was discussed.",
        ),
        Section(
            heading="Other matters",
            entries=_entries(general, by_id),
            empty="Nothing else was recorded.",
        ),
        Section(
            heading="Actions agreed",
            tables=(
                Table(
                    "Who does what, by when", ACTION_COLUMNS, tuple(_action_row(a) for a in actions)
                ),
            )
            if actions
            else (),
            paragraphs=(_action_count(actions),) if actions else (),
            empty="No actions were agreed.",
        ),
        Section(
            heading="Next review",
            paragraphs=(f"Next meeting: {words.day_or(view.next_meeting, 'Not set')}",),
        ),
    ]
    if withdrawn:
        sections.append(
            Section(
                heading="Withdrawn during the meeting",
                paragraphs=(
                    (
                        f"{withdrawn} {'entry was' if withdrawn == 1 else 'entries were'} "
                        "withdrawn during the meeting. They are not part of these minutes; the "
                        "person's record keeps them, with the reasons."
                    ),
                ),
            )
        )
    return MinutesDocument(
        organisation=organisation,
        marking=marking,
        title=view.title,
        facts=(
            ("Date", words.day_or(view.held_on, "Not set")),
            ("Person", view.person_name),
            ("Chair", view.chair),
            ("Purpose", view.purpose),
            ("Status", view.status.value.capitalize()),
        ),
        sections=tuple(sections),
        held_on=view.held_on,
        withdrawn=withdrawn,
    )
