"""Every row of the database that belongs to one person, found from the tables' own metadata.

A table belongs to a person's record when it has a ``person_id`` column, or a foreign key to a
table that does (an acknowledgement through its action, a signature through its agreement
version). `person_tables` walks `Base.metadata` for them, so a table or a column added later is
exported without anyone remembering to: the only way to keep one out is to name it here, with the
reason, in `EXCLUDED_TABLES` or `SECRET_COLUMNS` (tests/unit/adapters/test_person_tables.py
fails on a person table that is in neither the export nor the exclusions, and on any column whose
name looks like a secret that nobody has judged).

Values are JSON-ready: dates and datetimes as ISO 8601 (datetimes in UTC), JSON columns as
stored; rows in primary-key order, columns in the table's order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Column, Select, Table, select
from sqlalchemy.orm import Session

from risk_app.adapters.tables import Base

PEOPLE = "people"

EXCLUDED_TABLES: dict[str, str] = {
    "users": (
        "Sign-in accounts, not the care record: the person's own account holds a password hash "
        "and is managed by administrators (its creation is in the audit log)."
    ),
    "web_sessions": "Signed-in browsers of an account: session secrets, not the care record.",
    "drafts": (
        "Unsaved form drafts are one user's work in progress, kept per account and form, not a "
        "record anyone has made; what is saved from them is exported where it is saved."
    ),
}
"""Tables that belong to a person (through the person's own account) and are deliberately not
part of the exported record, with the reason."""

SECRET_COLUMNS: dict[str, dict[str, str]] = {
    "signing_invitations": {
        "reference": "With the code, it lets someone sign: the invitation's existence is enough.",
        "code_hash": "A keyed hash of the one-time signing code.",
        "grant_hash": "A keyed hash of the signing grant the code was swapped for.",
    },
    "action_ack_invitations": {
        "reference": "With the code, it lets someone acknowledge: its existence is enough.",
        "code_hash": "A keyed hash of the one-time acknowledgement code.",
        "grant_hash": "A keyed hash of the grant the code was swapped for.",
    },
}
"""Columns never exported, by table, with the reason."""

NOT_SECRET: dict[str, dict[str, str]] = {
    "agreement_versions": {
        "seal_public_key": "The public half of the sealing key, published so anyone can check.",
    },
    "agreement_signatures": {
        "seal_public_key": "The public half of the sealing key, published so anyone can check.",
    },
    "acknowledgements": {
        "code_reference": (
            "The reference of the one-time code an owner acknowledged with: the code was used up "
            "by that acknowledgement, so the reference opens nothing; it says how it was given."
        ),
    },
}
"""Columns whose names look like secrets (see `SECRET_WORDS`) but are not, with the reason."""

SECRET_WORDS = ("hash", "code", "password", "session", "token", "secret", "key", "salt")
"""Parts of a column name that make it a suspected secret until judged one way or the other."""


@dataclass(frozen=True)
class PersonTable:
    """A table of a person's record and how its rows reach the person: `path` is the chain of
    foreign-key columns from this table up to a table with ``person_id`` (empty when this table
    has one itself)."""

    table: Table
    path: tuple[Column[Any], ...]

    @property
    def name(self) -> str:
        return self.table.name

    @property
    def root(self) -> str:
        """The table with ``person_id`` its rows reach the person through (itself, or the last
        parent on its path): a meeting item's root is ``meetings``."""
        if not self.path:
            return self.name
        (fk,) = self.path[-1].foreign_keys
        return fk.column.table.name

    def columns(self) -> list[Column[Any]]:
        """The columns exported, in the table's order (secret columns left out)."""
        secret = SECRET_COLUMNS.get(self.name, {})
        return [c for c in self.table.columns if c.name not in secret]


def _parent_fks(table: Table) -> list[tuple[Column[Any], Table]]:
    """Each foreign-key column of `table` with the table it points at; not-null ones first (the
    row always has that parent), then in column order."""
    found = [
        (fk.parent, fk.column.table)
        for column in table.columns
        for fk in column.foreign_keys
        if fk.column.table.name != table.name
    ]
    return sorted(found, key=lambda pair: pair[0].nullable is True)


def person_tables(*, excluded: bool = False) -> list[PersonTable]:
    """Every table of a person's record except ``people`` itself, sorted by name; with
    `excluded`, the ones in `EXCLUDED_TABLES` too."""
    tables = dict(Base.metadata.tables)
    paths: dict[str, tuple[Column[Any], ...]] = {
        name: () for name, table in tables.items() if name != PEOPLE and "person_id" in table.c
    }
    changed = True
    while changed:  # a table whose parent reaches the person reaches it too
        changed = False
        for name, table in tables.items():
            if name == PEOPLE or name in paths:
                continue
            for column, parent in _parent_fks(table):
                if parent.name in paths:
                    paths[name] = (column, *paths[parent.name])
                    changed = True
                    break
    return [
        PersonTable(tables[name], paths[name])
        for name in sorted(paths)
        if excluded or name not in EXCLUDED_TABLES
    ]


def _query(person_table: PersonTable, person_id: int, root_ids: set[int] | None) -> Select[Any]:
    table = person_table.table
    query = select(*person_table.columns())
    here = table
    for column in person_table.path:
        (fk,) = column.foreign_keys
        parent = fk.column.table
        query = query.join(parent, column == fk.column)
        here = parent
    order = list(table.primary_key.columns) or list(table.columns)
    query = query.where(here.c.person_id == person_id)
    if root_ids is not None:
        query = query.where(here.c.id.in_(sorted(root_ids)))
    return query.order_by(*order)


def json_value(value: Any) -> Any:
    """A stored value as JSON-ready data (dates ISO 8601, datetimes in UTC)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def rows_of(
    session: Session,
    person_table: PersonTable,
    person_id: int,
    *,
    root_ids: set[int] | None = None,
) -> list[dict[str, Any]]:
    """The person's rows of one table, as JSON-ready dicts in column order; with `root_ids`,
    only the rows whose root row (see `PersonTable.root`) has one of those ids."""
    names = [c.name for c in person_table.columns()]
    return [
        {name: json_value(value) for name, value in zip(names, row, strict=True)}
        for row in session.execute(_query(person_table, person_id, root_ids))
    ]


def person_row(session: Session, person_id: int) -> dict[str, Any] | None:
    """The person's own row of ``people``, JSON-ready, or None."""
    people = Base.metadata.tables[PEOPLE]
    found = session.execute(select(people).where(people.c.id == person_id)).first()
    if found is None:
        return None
    return {c.name: json_value(v) for c, v in zip(people.columns, found, strict=True)}


def suspected_secrets() -> Iterator[tuple[str, str]]:
    """(table, column) of every exported column whose name contains a `SECRET_WORDS` part and is
    judged neither secret nor not secret: the tests require this to be empty."""
    for person_table in [*person_tables(), PersonTable(Base.metadata.tables[PEOPLE], ())]:
        cleared = NOT_SECRET.get(person_table.name, {})
        for column in person_table.columns():
            lowered = column.name.lower()
            if column.name not in cleared and any(w in lowered for w in SECRET_WORDS):
                yield person_table.name, column.name
