"""People and their place in the Self-Directed Support journey.

Staff see and change only people allocated to their own team; an individual sees only their own
record. Every view and change is audited with the record's version. Each record stores the
framework version it was made under.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from framework.law import law_book
from risk_app.adapters.db import Store
from risk_app.adapters.tables import PersonRow, StageHistoryRow, TeamRow
from risk_app.domain import access
from risk_app.domain.access import Actor, PersonScope
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.disclosure import RecordPart
from risk_app.domain.errors import InvalidInput, NotPermitted, StaleEdit
from risk_app.domain.inputs import Code, Day, RecordId, TeamName, Version
from risk_app.domain.record import nations
from risk_app.domain.record.information_needs import clean_needs
from risk_app.domain.record.people import (
    ABOUT_ME_HEADINGS,
    RepresentativeAuthority,
    authority_label,
)
from risk_app.domain.record.representatives import (
    asks_if_order_covers_welfare,
    asks_if_registered,
    check_authority,
)
from risk_app.domain.roles import Role
from risk_app.domain.text import clean_long_text, clean_short_text
from risk_app.services import audit, disclosure
from risk_app.services import framework as framework_service
from risk_app.services.boundary import checked

R = TypeVar("R")
V = TypeVar("V")


def jurisdictions() -> dict[str, str]:
    """The nations a person may be recorded in (those the law book holds), by stored value."""
    return nations.choices(law_book())


@dataclass(frozen=True, slots=True)
class StageVisit:
    stage: str
    entered_at: datetime
    recorded_by: str
    framework_version: str
    reason: str = ""
    """Why the person moved on with touchpoints of the stage left outstanding."""


@dataclass(frozen=True, slots=True)
class PersonView:
    id: int
    display_name: str
    preferred_name: str
    team: str | None
    jurisdiction: str
    current_stage: str
    framework_version: str
    updated_at: datetime
    version: int
    history: tuple[StageVisit, ...] = ()
    communication: str = ""
    information_needs: tuple[str, ...] = ()
    """Formats they need information in (`domain.record.information_needs`)."""
    about_me: tuple[tuple[str, str], ...] = ()
    """(heading, text) in the standard heading order, only headings with text."""
    representative_name: str = ""
    representative_authority: RepresentativeAuthority = RepresentativeAuthority.NONE
    budget_option: str = ""
    direct_payment_start: date | None = None
    representative_order_covers_welfare: bool | None = None
    """For a deputy, guardian or intervention order: does it cover welfare (None: unanswered)."""
    representative_registered: bool | None = None
    """For a power of attorney: is it registered (None: unanswered)."""

    @property
    def representative_label(self) -> str:
        """The representative's authority in the words of the person's nation (an older English
        "suitable person" is labelled as the older term)."""
        return authority_label(self.representative_authority.value, self.jurisdiction)

    @property
    def called(self) -> str:
        return self.preferred_name or self.display_name


def _scope(row: PersonRow) -> PersonScope:
    return PersonScope(person_id=row.id, team_id=row.team_id)


def view_of(
    session: Session,
    row: PersonRow,
    *,
    with_history: bool = False,
    teams: dict[int, str | None] | None = None,
) -> PersonView:
    """The person as services show them. Listing many, pass one `teams` dict for all of them: each
    team's name is then read once (the session does not keep a row nobody holds)."""
    names: dict[int, str | None] = {} if teams is None else teams
    if row.team_id is not None and row.team_id not in names:
        found = session.get(TeamRow, row.team_id)
        names[row.team_id] = found.name if found else None
    team_name = names.get(row.team_id) if row.team_id is not None else None
    history: tuple[StageVisit, ...] = ()
    if with_history:
        visits = session.scalars(
            select(StageHistoryRow)
            .where(StageHistoryRow.person_id == row.id)
            .order_by(StageHistoryRow.entered_at, StageHistoryRow.id)
        )
        history = tuple(
            StageVisit(v.stage, v.entered_at, v.recorded_by, v.framework_version, v.reason)
            for v in visits
        )
    return PersonView(
        id=row.id,
        display_name=row.display_name,
        preferred_name=row.preferred_name,
        team=team_name,
        jurisdiction=row.jurisdiction,
        current_stage=row.current_stage,
        framework_version=row.framework_version,
        updated_at=row.updated_at,
        version=row.version_id,
        history=history,
        communication=row.communication,
        information_needs=clean_needs(row.information_needs or ()),
        about_me=tuple((h, row.about_me[h]) for h in ABOUT_ME_HEADINGS if row.about_me.get(h)),
        representative_name=row.representative_name,
        representative_authority=RepresentativeAuthority(row.representative_authority),
        budget_option=row.budget_option,
        direct_payment_start=row.direct_payment_start,
        representative_order_covers_welfare=row.representative_order_covers_welfare,
        representative_registered=row.representative_registered,
    )


def check_stage(stage: str) -> str:
    known = {node.id for node in framework_service.current().stages()}
    if stage not in known:
        raise InvalidInput(f"Unknown stage {stage!r}. Choose one of: {', '.join(sorted(known))}.")
    return stage


def _clean_name(value: str, what: str, *, required: bool) -> str:
    return clean_short_text(value, f"person's {what}" if required else what, required=required)


@checked
def create_person(
    store: Store,
    *,
    by: Actor,
    display_name: str,
    team: TeamName,
    stage: Code = "ST0",
    jurisdiction: Code,
    preferred_name: str = "",
) -> PersonView:
    """Record a new person. Their nation is always given (no nation is assumed): it decides the
    law applied to them, and a nation whose law risk-app does not hold is refused."""
    display_name = _clean_name(display_name, "name", required=True)
    preferred_name = _clean_name(preferred_name, "preferred name", required=False)
    jurisdiction = nations.checked_nation(law_book(), jurisdiction)
    check_stage(stage)
    now = datetime.now(UTC)
    version = framework_service.version()
    with audit.transaction(store, by) as session:
        team_row = session.scalar(select(TeamRow).where(TeamRow.name == team))
        if not access.can_add_person(by, team_row.id if team_row else None):
            raise NotPermitted(
                "You can only add people to your own team.", object_type=AuditObject.PERSON
            )
        if team_row is None:  # only the operator reaches here: new teams come with data loads
            team_row = TeamRow(name=team)
            session.add(team_row)
            session.flush()
        row = PersonRow(
            display_name=display_name,
            preferred_name=preferred_name,
            team_id=team_row.id,
            jurisdiction=jurisdiction,
            current_stage=stage,
            framework_version=version,
            created_at=now,
            updated_at=now,
        )
        session.add(row)
        session.flush()
        session.add(
            StageHistoryRow(
                person_id=row.id,
                stage=stage,
                entered_at=now,
                recorded_by=by.username,
                framework_version=version,
            )
        )
        audit.record(session, by, AuditAction.CREATE, AuditObject.PERSON, row.id, row.version_id)
        return view_of(session, row)


@checked
def caseload(store: Store, *, by: Actor) -> list[PersonView]:
    """People allocated to the actor's team, by name."""
    with audit.transaction(store, by) as session:
        if by.role not in (Role.PRACTITIONER, Role.TEAM_MANAGER) or by.team_id is None:
            raise NotPermitted(
                "Only practitioners and team managers have a caseload.",
                object_type=AuditObject.CASELOAD,
            )
        rows = list(
            session.scalars(
                select(PersonRow)
                .where(PersonRow.team_id == by.team_id)
                .order_by(PersonRow.display_name, PersonRow.id)
            )
        )
        # The list shows each person's name and stage, so the event names every record shown.
        shown = ",".join(f"{r.id}:{r.version_id}" for r in rows)
        audit.record(session, by, AuditAction.VIEW, AuditObject.CASELOAD, by.team_id, people=shown)
        teams: dict[int, str | None] = {}
        return [view_of(session, row, teams=teams) for row in rows]


def load_for(session: Session, by: Actor, person_id: int, *, edit: bool) -> PersonRow:
    row = session.get(PersonRow, person_id)
    allowed = row is not None and (
        access.can_edit_person(by, _scope(row)) if edit else access.can_view_person(by, _scope(row))
    )
    if not allowed or row is None:
        raise NotPermitted(object_type=AuditObject.PERSON, object_id=person_id)
    return row


def listed_for(
    store: Store,
    by: Actor,
    person_id: int,
    part: str,
    statement: Callable[[int], Select[R]],
    view: Callable[[R], V],
    shown: Callable[[V], str],
    *,
    restricted: tuple[RecordPart, Callable[[V], int]] | None = None,
) -> list[V]:
    """One part of a person's record as a list: checks the actor may see the person, runs the
    query `statement(person_id)`, and logs which items were shown (ids and versions only).

    `restricted` names a part the person's own account reads only item by item once shared (with
    how to get an item's id): the list is cut to the shared items, or refused if none is shared.
    """
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=False)
        views = [view(row) for row in session.scalars(statement(person.id))]
        if restricted is not None:
            views = disclosure.readable(session, by, person, restricted[0], views, restricted[1])
        audit.record_person_view(session, by, person, part, shown=",".join(map(shown, views)))
        return views


@checked
def get_person(store: Store, *, by: Actor, person_id: RecordId) -> PersonView:
    with audit.transaction(store, by) as session:
        row = load_for(session, by, person_id, edit=False)
        audit.record(session, by, AuditAction.VIEW, AuditObject.PERSON, row.id, row.version_id)
        return view_of(session, row, with_history=True)


def _has_own_record(actor: Actor) -> bool:
    return actor.role is Role.INDIVIDUAL and actor.person_id is not None


@checked
def my_record(store: Store, *, by: Actor) -> PersonView:
    """For an individual: their own record (or the represented person's)."""
    audit.require(store, by, _has_own_record, AuditObject.PERSON)
    assert by.person_id is not None  # what _has_own_record checked
    return get_person(store, by=by, person_id=by.person_id)


class _Unset:
    """Marks a detail that was not given (None is a real value: "no date")."""


UNSET = _Unset()


@dataclass(frozen=True, slots=True)
class PersonChanges:
    """What a practitioner changes on a person's record (checked by `save_changes`). A detail left
    as None stays as it was; the direct payment date stays unless given (None clears it). The
    stage is not one of them: `stages.move_stage` moves a person, listing what is outstanding."""

    preferred_name: str | None = None
    jurisdiction: Code | None = None
    communication: str | None = None
    information_needs: Sequence[str] | None = None
    about_me: Mapping[str, str] | None = None
    representative_name: str | None = None
    representative_authority: RepresentativeAuthority | str | None = None
    budget_option: Code | None = None
    direct_payment_start: Day | None | _Unset = UNSET
    representative_order_covers_welfare: bool | None | _Unset = UNSET
    """Does the court order cover welfare decisions (None: not answered). Asked only for a deputy,
    guardian or intervention order; cleared when the authority changes unless given with it."""
    representative_registered: bool | None | _Unset = UNSET
    """Is the power of attorney registered (None: not answered); as above, for an attorney."""


def _clean_details(changes: PersonChanges, jurisdiction: str) -> dict[str, object]:
    """Validated values for the detail fields that were given."""
    out: dict[str, object] = {}
    if changes.communication is not None:
        out["communication"] = clean_long_text(changes.communication, "note on communication")
    if changes.information_needs is not None:
        out["information_needs"] = list(clean_needs(changes.information_needs))
    if changes.about_me is not None:
        unknown = set(changes.about_me) - set(ABOUT_ME_HEADINGS)
        if unknown:
            raise InvalidInput(f"Unknown About Me heading: {min(unknown)!r}.")
        out["about_me"] = {
            heading: clean_long_text(text, f"About Me entry {heading!r}")
            for heading, text in changes.about_me.items()
            if text.strip()
        }
    if changes.representative_name is not None:
        out["representative_name"] = clean_short_text(
            changes.representative_name, "representative's name", required=False
        )
    if changes.representative_authority is not None:
        out["representative_authority"] = check_authority(
            str(changes.representative_authority), jurisdiction
        ).value
    if changes.budget_option is not None:
        out["budget_option"] = _check_budget_option(changes.budget_option, jurisdiction)
    return out


def _offered(jurisdiction: str) -> list[str]:
    graph = framework_service.current()
    return sorted(n.id for n in graph.nodes(type="budget_option") if n.applies_in(jurisdiction))


def _nation_name(jurisdiction: str) -> str:
    return jurisdictions().get(jurisdiction, jurisdiction.title())


def _check_budget_option(option: str, jurisdiction: str) -> str:
    if not option:
        return ""
    offered = _offered(jurisdiction)
    if option not in offered:
        raise InvalidInput(
            f"That way of managing a budget is not offered in {_nation_name(jurisdiction)}: "
            f"choose one of {', '.join(offered)}."
        )
    return option


def _keep_budget_option(option: str, jurisdiction: str) -> None:
    """Moving a person to another nation keeps their budget option only if it is offered there."""
    if option not in _offered(jurisdiction):
        raise InvalidInput(
            f"The way of managing the budget recorded ({option}) is not offered in "
            f"{_nation_name(jurisdiction)}. Choose one offered there, or clear it, in the same "
            "save as the change of nation."
        )


def _representative_scope(row: PersonRow, changes: PersonChanges, changed: list[str]) -> list[str]:
    """Set the two questions about the representative's authority from `changes`: each is kept
    only for an authority it is asked of, and starts unanswered again when the authority changes
    (an answer about one deputy's order says nothing of the next attorney's registration)."""
    authority_changed = "representative_authority" in changed
    out: list[str] = []
    for field, applies in (
        (
            "representative_order_covers_welfare",
            asks_if_order_covers_welfare(row.representative_authority, row.jurisdiction),
        ),
        ("representative_registered", asks_if_registered(row.representative_authority)),
    ):
        given = getattr(changes, field)
        if isinstance(given, _Unset):
            new = None if authority_changed or not applies else getattr(row, field)
        elif given is not None and not applies:
            raise InvalidInput(
                "That question is not asked of this representative's authority: "
                "leave it unanswered."
            )
        else:
            new = given
        if getattr(row, field) != new:
            setattr(row, field, new)
            out.append(field)
    return out


@checked
def save_changes(
    store: Store,
    *,
    by: Actor,
    person_id: RecordId,
    expected_version: Version,
    changes: PersonChanges,
) -> PersonView:
    """Save any of the details together: all of them or none.

    The save names the version it was made from and is refused as stale if the record moved on.
    The audit event names the fields that changed, never their values.
    """
    now = datetime.now(UTC)
    changed: list[str] = []
    with audit.transaction(store, by) as session:
        row = load_for(session, by, person_id, edit=True)
        if row.version_id != expected_version:
            raise StaleEdit("person's record", expected_version, row.version_id)
        if changes.preferred_name is not None:
            value = _clean_name(changes.preferred_name, "preferred name", required=False)
            if value != row.preferred_name:
                row.preferred_name = value
                changed.append("preferred_name")
        jurisdiction = changes.jurisdiction
        if jurisdiction is not None:
            jurisdiction = nations.checked_nation(law_book(), jurisdiction)
        if jurisdiction is not None and jurisdiction != row.jurisdiction:
            if changes.budget_option is None and row.budget_option:
                _keep_budget_option(row.budget_option, jurisdiction)
            row.jurisdiction = jurisdiction
            changed.append("jurisdiction")
        details = _clean_details(changes, jurisdiction or row.jurisdiction)
        if "representative_authority" not in details and "jurisdiction" in changed:
            # A nation's authorities differ: the one kept must exist in the new nation.
            check_authority(row.representative_authority, row.jurisdiction)
        for field, new in details.items():
            if getattr(row, field) != new:
                setattr(row, field, new)
                changed.append(field)
        changed += _representative_scope(row, changes, changed)
        payment_start = changes.direct_payment_start
        if not isinstance(payment_start, _Unset) and row.direct_payment_start != payment_start:
            row.direct_payment_start = payment_start
            changed.append("direct_payment_start")
        if changed:
            row.updated_at = now
            session.flush()
            audit.record(
                session,
                by,
                AuditAction.CHANGE,
                AuditObject.PERSON,
                row.id,
                row.version_id,
                fields=",".join(changed),
            )
        return view_of(session, row, with_history=True)
