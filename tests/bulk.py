"""A large organisation, built fast: people spread over teams, stages and nations, each with a
record as the services make one (the people around the person, risks with actions owned from that
circle and acknowledgements, answered prompts, meetings with attendees from the circle, items and
agreed actions, safeguarding concerns, decisions).

A handful of template people are recorded through the services (so every stored value is one the
app itself writes); every other person is a copy of one of them, inserted in bulk with SQLAlchemy
core (ids given, foreign keys remapped), with one chained `create` audit event per copied person,
risk, action, meeting, concern and member of a circle, so the audit chain still verifies. Used by bench/saves.py and
bench/clicks.py at 10,000 people and 50,000 risks, and by a test at a few hundred.

    seed(store, people=10_000)   # on a migrated store; demo accounts come with demo=True
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, func, insert, or_, select, text

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow, PersonRow, TeamRow
from risk_app.adapters.tables.base import Base
from risk_app.domain.audit import GENESIS_HASH, AuditAction, AuditEvent, AuditObject, chain
from risk_app.domain.roles import Role
from risk_app.services import accounts, demo
from risk_app.services import framework as framework_service
from risk_app.services.record import circle, meetings, risks
from tests import factories

TEAM_SIZE = 250
RISKS_PER_PERSON = 5
NATIONS = ("england", "england", "england", "england", "scotland", "wales")
"""Mostly England, as in a council's caseload, with Scottish and Welsh people among them."""
NOT_CLONED = {"users", "audit_events", "drafts", "shared_items", "web_sessions"}
AUDITED = {
    "people": AuditObject.PERSON,
    "risks": AuditObject.RISK,
    "actions": AuditObject.ACTION,
    "meetings": AuditObject.MEETING,
    "safeguarding_concerns": AuditObject.SAFEGUARDING_CONCERN,
    "circle_members": AuditObject.CIRCLE_MEMBER,
}
CIRCLE = (
    ("PC Hill", "police", "neighbourhood officer", "Police"),
    ("Nurse Ade", "health", "district nurse", "NHS"),
)
"""Who is in every person's circle besides Jo (the family member who owns their actions)."""
BATCH = 5_000


@dataclass(frozen=True)
class Seeded:
    people: int
    risks: int
    teams: int
    seconds: float
    counts: dict[str, int]
    template_ids: tuple[int, ...]


def _template(store: Store, n: int, team: str, stage: str, nation: str) -> int:
    """One person recorded through the services; which parts they have varies with `n`."""
    person = factories.person(
        store, f"Template {n:02d}", team=team, stage=stage, jurisdiction=nation
    )
    members = [
        circle.add_member(
            store,
            by=accounts.SYSTEM,
            person_id=person.id,
            name=name,
            kind=kind,
            relationship=relationship,
            agency=agency,
        ).id
        for name, kind, relationship, agency in CIRCLE
    ]
    assessment = risks.start_assessment(store, by=accounts.SYSTEM, person_id=person.id)
    risk_ids = [
        factories.risk(
            store, person, assessment_id=assessment, activity=f"Activity {k}", likelihood=1 + k
        )
        for k in range(RISKS_PER_PERSON)
    ]
    for k, risk_id in enumerate(risk_ids):
        action = factories.action(
            store, person, risk_id=risk_id, owner_kind="family_or_friend", owner_name="Jo"
        )
        if k % 2 == 0:
            risks.acknowledge(
                store, by=accounts.SYSTEM, action_id=action, acknowledged_by="Jo", method="phone"
            )
    if n % 2 == 0:  # half the people have had a multi-agency meeting
        held = factories.meeting(
            store,
            person,
            attendees=[
                {"name": person.display_name, "agency": "", "role": "person"},
                *({"member_id": member, "present": True} for member in members),
            ],
        )
        meetings.add_item(
            store,
            by=accounts.SYSTEM,
            meeting_id=held.id,
            kind="decision",
            text="Agreed",
            risk_id=risk_ids[0],
        )
        meetings.add_item(store, by=accounts.SYSTEM, meeting_id=held.id, kind="note", text="Note")
        meetings.agree_action(
            store,
            by=accounts.SYSTEM,
            meeting_id=held.id,
            description="Call back",
            owner_name="Jo",
            owner_kind="family_or_friend",
            due=factories.TODAY,
            risk_id=risk_ids[1],
        )
        if n % 4 == 0:
            meetings.close_meeting(
                store, by=accounts.SYSTEM, meeting_id=held.id, expected_version=held.version
            )
    if n % 5 == 0 and nation == "england":  # one in ten or so has a concern raised
        factories.concern(store, person)
    if n % 3 == 0:
        factories.decision(store, person, risk_id=risk_ids[0])
    return person.id


def _cloned_tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if t.name not in NOT_CLONED]


def _template_rows(store: Store, person_ids: list[int]) -> dict[str, list[dict[str, Any]]]:
    """Every row of the templates' records, by table, parents before children."""
    rows: dict[str, list[dict[str, Any]]] = {}
    ids: dict[str, set[int]] = {"people": set(person_ids)}
    with store.read() as session:
        for table in _cloned_tables():
            if table.name == "people":
                found = session.execute(select(table).where(table.c.id.in_(person_ids)))
            else:
                links = [
                    (column, fk.column.table.name)
                    for column in table.columns
                    for fk in column.foreign_keys
                    if fk.column.table.name in ids
                ]
                if not links:
                    continue
                found = session.execute(
                    select(table).where(or_(*(c.in_(ids[parent]) for c, parent in links)))
                )
            got = [dict(r._mapping) for r in found]
            if got:
                rows[table.name] = got
                ids[table.name] = {r["id"] for r in got}
    return rows


def _links(table: Table) -> list[tuple[str, str]]:
    return [
        (column.name, fk.column.table.name)
        for column in table.columns
        for fk in column.foreign_keys
    ]


def _teams(store: Store, team_names: list[str]) -> dict[str, int]:
    with store.write() as session:
        existing = set(session.scalars(select(TeamRow.name)))
        session.add_all(TeamRow(name=name) for name in team_names if name not in existing)
        session.flush()
        return {
            name: tid
            for name, tid in session.execute(select(TeamRow.name, TeamRow.id))
            if name in team_names
        }


Rows = dict[str, list[dict[str, Any]]]


def _by_template(rows: Rows, template_ids: list[int], links: dict[str, Any]) -> list[Rows]:
    """The rows of each template person's record, per table (a child row follows its parents)."""
    by_person = {pid: n for n, pid in enumerate(template_ids)}
    per_template: list[Rows] = [{} for _ in template_ids]
    owner: dict[tuple[str, int], int] = {}
    for name, table_rows in rows.items():
        for row in table_rows:
            if name == "people":
                t = by_person[row["id"]]
            elif row.get("person_id") in by_person:
                t = by_person[row["person_id"]]
            else:
                t = next(owner[(p, row[c])] for c, p in links[name] if (p, row[c]) in owner)
            owner[(name, row["id"])] = t
            per_template[t].setdefault(name, []).append(row)
    return per_template


def _detail(name: str, new: dict[str, Any]) -> dict[str, Any]:
    """What the service's own `create` event says of a row: ids, kinds and flags, never text."""
    if name == "people":
        return {}
    if name == "circle_members":
        return {
            "person": new["person_id"],
            "kind": new["kind"],
            "account": new["username"] is not None,
        }
    return {"person": new["person_id"]}


class _Copies:
    """Copies of template records with fresh ids, remapped links and chained audit events."""

    def __init__(self, store: Store, tables: dict[str, Table]) -> None:
        self.tables = tables
        self.links = {name: _links(t) for name, t in tables.items()}
        with store.read() as session:
            self.next_id = {
                name: int(session.scalar(select(func.max(t.c.id))) or 0) + 1
                for name, t in tables.items()
            }
            head = session.execute(
                select(AuditEventRow.seq, AuditEventRow.hash)
                .order_by(AuditEventRow.seq.desc())
                .limit(1)
            ).first()
        self.seq, self.prev = (head.seq, head.hash) if head else (0, GENESIS_HASH)
        self.rows: Rows = {name: [] for name in tables}
        self.events: list[dict[str, Any]] = []
        self.now = datetime.now(UTC)

    def copy(self, record: Rows, person: dict[str, Any]) -> None:
        remap: dict[tuple[str, int], int] = {}
        for name in self.tables:
            for row in record.get(name, ()):
                new = dict(row)
                new["id"] = self.next_id[name]
                self.next_id[name] += 1
                remap[(name, row["id"])] = new["id"]
                for col, parent in self.links[name]:
                    if new[col] is not None and (parent, new[col]) in remap:
                        new[col] = remap[(parent, new[col])]
                if name == "people":
                    new |= person
                self.rows[name].append(new)
                if name in AUDITED:
                    self._audit(name, new)

    def _audit(self, name: str, new: dict[str, Any]) -> None:
        self.seq += 1
        event = AuditEvent(
            action=AuditAction.CREATE,
            actor="system",
            actor_role="system",
            object_type=AUDITED[name],
            object_id=str(new["id"]),
            object_version=new.get("version_id"),
            detail=_detail(name, new),
            at=self.now,
        )
        chained = chain(event, seq=self.seq, prev_hash=self.prev)
        self.prev = chained.hash
        self.events.append(asdict(chained))

    def insert(self, store: Store) -> None:
        with store.write() as session:
            for name, table in self.tables.items():
                for start in range(0, len(self.rows[name]), BATCH):
                    session.execute(insert(table), self.rows[name][start : start + BATCH])
            for start in range(0, len(self.events), BATCH):
                session.execute(insert(AuditEventRow), self.events[start : start + BATCH])
            if store.dialect == "postgresql":  # ids were given: move each sequence past them
                for name in self.tables:
                    session.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                            f"(SELECT max(id) FROM {name}))"
                        )
                    )


def seed(
    store: Store,
    *,
    people: int = 10_000,
    team_size: int = TEAM_SIZE,
    with_demo: bool = True,
    templates: int = 12,
) -> Seeded:
    """Add `people` people (templates included) with RISKS_PER_PERSON risks each to a migrated
    store, in teams of `team_size`; the demo organisation first when `with_demo` (its North team
    is the first team, so the demo practitioner's caseload is a full team)."""
    started = time.perf_counter()
    if with_demo:
        demo.load(store)
    stages = [s.id for s in framework_service.current().stages()]
    team_count = max(1, people // team_size)
    team_names = [factories.NORTH] + [f"Bulk team {n:03d}" for n in range(1, team_count)]
    team_ids = _teams(store, team_names)
    template_ids = [
        _template(store, n, factories.NORTH, stages[1 + n % (len(stages) - 1)], NATIONS[n % 6])
        for n in range(min(templates, people))
    ]
    rows = _template_rows(store, template_ids)
    tables = {t.name: t for t in _cloned_tables() if t.name in rows}
    copies = _Copies(store, tables)
    per_template = _by_template(rows, template_ids, copies.links)
    for n in range(people - len(template_ids)):
        team = team_names[(n + len(template_ids)) // team_size % team_count]
        copies.copy(
            per_template[n % len(template_ids)],
            {"display_name": f"Person {n:05d}", "preferred_name": "", "team_id": team_ids[team]},
        )
    copies.insert(store)
    with store.read() as session:
        counts = {
            name: int(session.scalar(select(func.count()).select_from(t)) or 0)
            for name, t in tables.items()
        }
    return Seeded(
        people=people,
        risks=RISKS_PER_PERSON * people,
        teams=team_count,
        seconds=time.perf_counter() - started,
        counts=counts,
        template_ids=tuple(template_ids),
    )


def practitioner(store: Store) -> Any:
    """A practitioner of the North team (the first team), as the services see them."""
    return factories.actor(store, Role.PRACTITIONER, team=factories.NORTH)


def north_people(store: Store, limit: int = 50) -> list[int]:
    with store.read() as session:
        north = session.scalar(select(TeamRow.id).where(TeamRow.name == factories.NORTH))
        return list(
            session.scalars(
                select(PersonRow.id)
                .where(PersonRow.team_id == north, PersonRow.display_name.like("Person %"))
                .order_by(PersonRow.id)
                .limit(limit)
            )
        )
