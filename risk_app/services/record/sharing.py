"""Sharing an item of a restricted part of a person's record with the person's own account.

Safeguarding concerns, meeting records, capacity assessments and panel records (third-party
information) are restricted from the person's own account by default (ADR 0010,
`risk_app.domain.disclosure`). A practitioner or team manager allocated to the person shares one
item at a time, with a reason, and can stop sharing it, with a reason. Each change is audited
(identifiers only: never the reason or the item's content). The person then reads the shared items
in plain words on their home page (`shared_with_me`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters.db import Store
from risk_app.adapters.tables import (
    DecisionRow,
    MeetingRow,
    PanelRow,
    PersonRow,
    SafeguardingConcernRow,
    SharedItemRow,
)
from risk_app.domain import words
from risk_app.domain.access import Actor, PersonScope
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.disclosure import (
    PART_LABELS,
    RESTRICTED_FROM_PERSON,
    RecordPart,
    can_read_part,
    can_share,
)
from risk_app.domain.errors import InvalidInput, NotPermitted
from risk_app.domain.record.awi_capacity import CapacityLaw
from risk_app.domain.record.capacity import CapacityOutcome
from risk_app.domain.record.dissent import Dissent
from risk_app.domain.record.meetings import ItemKind
from risk_app.domain.record.who_decides import DecisionMaker
from risk_app.domain.roles import Role
from risk_app.domain.text import clean_long_text
from risk_app.services import audit, disclosure
from risk_app.services.boundary import checked
from risk_app.services.record import decisions, meetings, panels, safeguarding
from risk_app.services.record.people import load_for

MAX_ID = 2**63 - 1

Line = tuple[str, str]
"""(label, text): the label is ours; the text may be anyone's words and is shown literally."""


@dataclass(frozen=True, slots=True)
class ShareView:
    """Whether one item is shared with the person's account, and who decided, when and why."""

    part: RecordPart
    item_id: int
    person_id: int
    shared: bool
    reason: str
    shared_at: datetime
    shared_by: str
    stopped_at: datetime | None
    stopped_by: str | None
    stop_reason: str
    version: int


@dataclass(frozen=True, slots=True)
class SharedItem:
    """An item shared with the person, in plain words."""

    part: RecordPart
    item_id: int
    kind: str
    """What it is ("Safeguarding concern", "Meeting record"...)."""
    title: str
    lines: tuple[Line, ...]
    reason: str
    """Why the practitioner shared it, in their words."""
    shared_at: datetime
    shared_by: str


# ---------------------------------------------------------------------- input checks
def _part(value: RecordPart | str) -> RecordPart:
    try:
        part = RecordPart(value)
    except ValueError:
        raise InvalidInput("Choose a concern, a meeting, a decision or a panel record.") from None
    if part not in RESTRICTED_FROM_PERSON:
        raise InvalidInput(
            f"{PART_LABELS[part]}: the person already reads this part of their record."
        )
    return part


def _item_id(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
        raise InvalidInput("Choose the item to share from the list.")
    return value


def _reason(value: object, what: str, missing: str) -> str:
    if not isinstance(value, str):
        raise InvalidInput(f"Write the {what} as text.")
    text = clean_long_text(value, what)
    if not text:
        raise InvalidInput(missing)
    return text


def _scope(person: PersonRow) -> PersonScope:
    return PersonScope(person_id=person.id, team_id=person.team_id)


def _item_person(session: Session, by: Actor, part: RecordPart, item_id: int) -> PersonRow:
    """The person whose record holds the item, refusing anyone who may not share it."""
    table = disclosure.ITEM_TABLES[part]
    owner = session.scalar(select(table.person_id).where(table.id == item_id))
    if owner is None:
        raise NotPermitted(object_type=AuditObject(part), object_id=item_id)
    person = load_for(session, by, owner, edit=True)
    if not can_share(by, _scope(person), part):
        raise NotPermitted(
            "Only a practitioner or team manager allocated to the person can share their record.",
            object_type=AuditObject(part),
            object_id=item_id,
        )
    return person


def _share_view(row: SharedItemRow) -> ShareView:
    return ShareView(
        part=RecordPart(row.part),
        item_id=row.item_id,
        person_id=row.person_id,
        shared=row.shared,
        reason=row.reason,
        shared_at=row.shared_at,
        shared_by=row.shared_by,
        stopped_at=row.stopped_at,
        stopped_by=row.stopped_by,
        stop_reason=row.stop_reason,
        version=row.version_id,
    )


def _existing(session: Session, part: RecordPart, item_id: int) -> SharedItemRow | None:
    return session.scalar(
        select(SharedItemRow).where(
            SharedItemRow.part == part.value, SharedItemRow.item_id == item_id
        )
    )


# ---------------------------------------------------------------------- use cases
@checked
def share(
    store: Store, *, by: Actor, part: RecordPart | str, item_id: int, reason: str
) -> ShareView:
    """Share one item with the person's own account, saying why. Refused if already shared."""
    chosen = _part(part)
    item = _item_id(item_id)
    why = _reason(reason, "reason for sharing", "Say why you are sharing this with the person.")
    now = datetime.now(UTC)
    with audit.transaction(store, by) as session:
        person = _item_person(session, by, chosen, item)
        row = _existing(session, chosen, item)
        if row is not None and row.shared:
            raise InvalidInput("This is already shared with the person.")
        if row is None:
            row = SharedItemRow(person_id=person.id, part=chosen.value, item_id=item)
            session.add(row)
        row.shared = True
        row.reason = why
        row.shared_at = now
        row.shared_by = by.username
        row.stopped_at = None
        row.stopped_by = None
        row.stop_reason = ""
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.SHARE,
            AuditObject(chosen),
            item,
            row.version_id,
            person=person.id,
        )
        return _share_view(row)


@checked
def stop_sharing(
    store: Store, *, by: Actor, part: RecordPart | str, item_id: int, reason: str
) -> ShareView:
    """Stop sharing an item with the person's own account, saying why."""
    chosen = _part(part)
    item = _item_id(item_id)
    why = _reason(
        reason,
        "reason for no longer sharing",
        "Say why the person should no longer see this.",
    )
    with audit.transaction(store, by) as session:
        person = _item_person(session, by, chosen, item)
        row = _existing(session, chosen, item)
        if row is None or not row.shared:
            raise InvalidInput("This is not shared with the person.")
        row.shared = False
        row.stopped_at = datetime.now(UTC)
        row.stopped_by = by.username
        row.stop_reason = why
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.STOP_SHARING,
            AuditObject(chosen),
            item,
            row.version_id,
            person=person.id,
        )
        return _share_view(row)


@dataclass(frozen=True, slots=True)
class ShareableItem:
    """An item of a restricted part of the person's record, and whether it is shared."""

    part: RecordPart
    item_id: int
    label: str
    """Ours, built from the item (may quote a title or decision someone typed)."""
    share: ShareView | None
    """None when it has never been shared."""

    @property
    def shared(self) -> bool:
        return self.share is not None and self.share.shared


@checked
def items_for(store: Store, *, by: Actor, person_id: int) -> list[ShareableItem]:
    """Every item of the restricted parts of the person's record, with whether it is shared with
    the person's account (and who decided, when and why), for the staff who may share."""
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=True)
        if not can_share(by, _scope(person), RecordPart.SAFEGUARDING_CONCERN):
            raise NotPermitted(object_type=AuditObject.SHARING, object_id=person_id)
        shares = {
            (RecordPart(r.part), r.item_id): _share_view(r)
            for r in session.scalars(
                select(SharedItemRow).where(SharedItemRow.person_id == person.id)
            )
        }
        items: list[ShareableItem] = []
        for part, item_id, label in _labels(session, person.id):
            items.append(ShareableItem(part, item_id, label, shares.get((part, item_id))))
        audit.record_person_view(
            session,
            by,
            person,
            "sharing",
            shared=",".join(f"{i.part}:{i.item_id}" for i in items if i.shared),
        )
        return items


def _labels(session: Session, person_id: int) -> list[tuple[RecordPart, int, str]]:
    out: list[tuple[RecordPart, int, str]] = []
    for concern in session.scalars(
        select(SafeguardingConcernRow)
        .where(SafeguardingConcernRow.person_id == person_id)
        .order_by(SafeguardingConcernRow.raised_at, SafeguardingConcernRow.id)
    ):
        when = words.day(concern.raised_at)
        out.append((RecordPart.SAFEGUARDING_CONCERN, concern.id, f"Concern raised {when}"))
    for meeting in session.scalars(
        select(MeetingRow)
        .where(MeetingRow.person_id == person_id)
        .order_by(MeetingRow.held_on, MeetingRow.id)
    ):
        out.append(
            (
                RecordPart.MEETING_RECORD,
                meeting.id,
                f"Meeting {words.day(meeting.held_on)}: {meeting.title}",
            )
        )
    for decision in session.scalars(
        select(DecisionRow)
        .where(DecisionRow.person_id == person_id)
        .order_by(DecisionRow.decided_at, DecisionRow.id)
    ):
        gist = decision.decision if len(decision.decision) <= 60 else decision.decision[:59] + "…"
        when = words.day(decision.decided_at)
        out.append((RecordPart.CAPACITY_ASSESSMENT, decision.id, f"Decision {when}: {gist}"))
    for panel in session.scalars(
        select(PanelRow)
        .where(PanelRow.person_id == person_id)
        .order_by(PanelRow.created_at, PanelRow.id)
    ):
        view = panels.view_of(panel)
        out.append((RecordPart.THIRD_PARTY, panel.id, f"{view.route_label} {_panel_when(view)}"))
    return out


@checked
def shared_with_me(store: Store, *, by: Actor) -> list[SharedItem]:
    """For the person's own account: the items shared with it, newest share first, in plain
    words. Audited as a view naming each item shown."""
    with audit.transaction(store, by) as session:
        if by.role is not Role.INDIVIDUAL or by.person_id is None:
            raise NotPermitted(object_type=AuditObject.SHARED_ITEMS)
        person = load_for(session, by, by.person_id, edit=False)
        items = shared_items_in(session, by, person)
        audit.record_person_view(
            session, by, person, "shared", items=",".join(f"{i.part}:{i.item_id}" for i in items)
        )
        return items


def shared_items_in(session: Session, by: Actor, person: PersonRow) -> list[SharedItem]:
    """The items shared with the person's account that `by` may read, newest share first, inside
    the caller's transaction (the caller has checked access to the person and audits)."""
    shares = session.scalars(
        select(SharedItemRow)
        .where(SharedItemRow.person_id == person.id, SharedItemRow.shared.is_(True))
        .order_by(SharedItemRow.shared_at.desc(), SharedItemRow.id.desc())
    ).all()
    items: list[SharedItem] = []
    for share_row in shares:
        part = RecordPart(share_row.part)
        if not can_read_part(by, _scope(person), part, shared=True):
            continue
        found = _described(session, part, share_row.item_id)
        if found is None or found[0] != person.id:
            continue
        _, title, lines = found
        items.append(
            SharedItem(
                part=part,
                item_id=share_row.item_id,
                kind=PART_LABELS[part],
                title=title,
                lines=lines,
                reason=share_row.reason,
                shared_at=share_row.shared_at,
                shared_by=share_row.shared_by,
            )
        )
    return items


# ---------------------------------------------------------------------- plain words
def _dissent_lines(dissent: tuple[Dissent, ...]) -> list[Line]:
    return [(f"{d.party} sees it differently", d.words) for d in dissent]


def _described(
    session: Session, part: RecordPart, item_id: int
) -> tuple[int, str, tuple[Line, ...]] | None:
    """(person id, title, lines) for one item, or None if it is gone."""
    if part is RecordPart.SAFEGUARDING_CONCERN:
        concern = session.get(SafeguardingConcernRow, item_id)
        return None if concern is None else (concern.person_id, *_concern(concern))
    if part is RecordPart.MEETING_RECORD:
        meeting = session.get(MeetingRow, item_id)
        return None if meeting is None else (meeting.person_id, *_meeting(session, meeting))
    if part is RecordPart.CAPACITY_ASSESSMENT:
        decision = session.get(DecisionRow, item_id)
        return None if decision is None else (decision.person_id, *_decision(decision))
    panel = session.get(PanelRow, item_id)
    return None if panel is None else (panel.person_id, *_panel(panel))


def _concern(row: SafeguardingConcernRow) -> tuple[str, tuple[Line, ...]]:
    view = safeguarding.concern_view(row)
    lines: list[Line] = [
        ("What the worry was about", ", ".join(str(a.label) for a in view.screening.abuse_types)),
        ("What you wanted to happen", view.person_wants),
    ]
    if view.immediate_action:
        lines.append(("What was done straight away", view.immediate_action))
    lines.append(
        (
            "What the council decided",
            view.s42.explanation
            if view.s42
            else f"Not decided yet: the decision is due by {words.day(view.decision_due)}.",
        )
    )
    lines.append(("Where it stands", view.state.label))
    return f"A safeguarding concern raised on {words.day(view.raised_at)}", tuple(lines)


def _meeting(session: Session, row: MeetingRow) -> tuple[str, tuple[Line, ...]]:
    view = meetings.view_in(session, row)
    lines: list[Line] = [
        ("What the meeting was for", view.purpose),
        (
            "Who came",
            ", ".join(a.name for a in view.current_attendees if a.present) or "Nobody recorded",
        ),
        ("Your view", view.person_view or view.person_voice.label),
    ]
    for item in view.items:
        if item.withdrawn is not None:
            continue
        if item.kind is ItemKind.DISSENT:
            lines.append((f"{item.party} sees it differently", item.text))
        elif item.kind is ItemKind.RISK:
            lines.append((f"Talked about: {item.risk_activity}", item.text))
        elif item.kind is ItemKind.DECISION:
            lines.append(("Decided", item.text))
        else:
            lines.append(("Note", item.text))
    for action in view.current_actions:
        due = f" (by {words.day(action.due)})" if action.due else ""
        lines.append((f"{action.owner_name} will{due}", action.description))
    lines.append(("Next meeting", words.day_or(view.next_meeting, "no date set")))
    return f"{view.title}, {words.day(view.held_on)}", tuple(lines)


_CAPACITY_WORDS: dict[CapacityOutcome, str] = {
    CapacityOutcome.PRESUMED: "You make this decision yourself.",
    CapacityOutcome.HAS_CAPACITY: "You were found able to make this decision yourself.",
    CapacityOutcome.LACKS_CAPACITY: (
        "You were found not able to make this decision at this time, so it was made in your "
        "best interests."
    ),
}


_AWI_INCAPABLE = (
    "You were found not able to make this decision at this time. Anyone deciding for you must "
    "follow the rules of the Adults with Incapacity (Scotland) Act 2000: it must help you, limit "
    "your freedom as little as possible, take account of your wishes and feelings, and help you "
    "use your own skills."
)
"""The person's words for an AWI finding of incapacity: never "best interests" in Scotland."""


def _decision(row: DecisionRow) -> tuple[str, tuple[Line, ...]]:
    view = decisions.view_of(row)
    awi = view.capacity_law is CapacityLaw.AWI
    lines: list[Line] = [
        ("The decision", view.decision),
        ("Options thought about", "; ".join(o.option for o in view.options)),
    ]
    if view.support_given:
        lines.append(("Help given to decide", "; ".join(view.support_given)))
    who = _CAPACITY_WORDS.get(view.capacity_outcome, view.capacity_outcome.value)
    if awi and view.capacity_outcome is CapacityOutcome.LACKS_CAPACITY:
        who = _AWI_INCAPABLE
    if view.decided_by is DecisionMaker.AUTHORITY:
        who = (
            "You were found not able to make this decision at this time. Someone with the legal "
            "power to decide it for you made it, or a decision you made earlier applies."
        )
    lines.append(("Who decides", who))
    if view.reason_to_doubt:
        lines.append(("Why your ability to decide was checked", view.reason_to_doubt))
    for ability, text in view.evidence.items():
        lines.append((f"Whether you could {ability.label}", text))
    for awi_ability, text in view.ability_evidence.items():
        lines.append((f"Whether you could {awi_ability.label}", text))
    if view.decided_by is DecisionMaker.AUTHORITY:
        lines.append(("Decided for you by", view.authority_holder or "Not recorded"))
        if view.authority_kind is not None:
            lines.append(("Their authority", view.authority_kind.label))
    elif view.decider_name:
        by = "Decided for you by" if awi else "Decided in your best interests by"
        lines.append((by, view.decider_name))
    lines.append(("What was decided", view.decided or "Not recorded"))
    lines.append(("What the council will do", view.outcome.label))
    if view.conditions:
        lines.append(("Conditions", view.conditions))
    lines += _dissent_lines(view.dissent)
    return f"A decision recorded on {words.day(view.decided_at)}", tuple(lines)


def _panel_when(view: panels.PanelView) -> str:
    if view.held_on is not None:
        return words.day(view.held_on)
    if view.scheduled_for is not None:
        return f"set for {words.day(view.scheduled_for)}"
    return f"referred {words.day(view.created_at)}"


def _panel(row: PanelRow) -> tuple[str, tuple[Line, ...]]:
    view = panels.view_of(row)
    lines: list[Line] = [
        ("Where it is up to", view.state.label),
        ("Why", view.referral_reason),
    ]
    if view.question:
        lines.append(("The question for the panel", view.question))
    lines.append(("Your view", view.person_view or "Not recorded"))
    if view.options:
        lines.append(("Options thought about", "; ".join(view.options)))
    if view.has_outcome:
        lines.append(("What was recommended", view.recommendation))
        if view.conditions:
            lines.append(("Conditions", view.conditions))
    lines += _dissent_lines(view.dissent)
    if view.has_outcome:
        lines.append(("Review date", words.day_or(view.review_date, "no date set")))
    if view.withdrawn_reason:
        lines.append(("Why it was withdrawn", view.withdrawn_reason))
    return f"{view.route_label}, {_panel_when(view)}", tuple(lines)
