"""A touchpoint status belongs to a stage visit, and its history is kept (issue 12, slice A1).

`touchpoint_status` gains the visit a status was recorded for (`stage`, and `stage_history_id`,
the `stage_history` row of that visit) and loses its one-row-per-person-and-touchpoint constraint:
setting a status again adds a row, and the newest row for a visit and touchpoint counts.

Existing rows are attached to the visit the person was in when the row was recorded (their latest
`stage_history` row entered at or before `recorded_at`; their first visit if the row is older than
every visit). The rule asked for "that visit if its stage has the touchpoint, otherwise the person's
visit current at that time": both branches give the same visit, so the framework is not consulted
here (a migration must not depend on a framework file that may change). In practice the old form
offered only the current stage's touchpoints and those an answer made required there, so each row
lands where it was typed. A status set at one stage no longer counts at the others: that is the
point of the change. A person with no `stage_history` row (none is made so by the app) is given one
for their current stage at their creation time, so that every status has a visit.

Downgrade keeps, for each person and touchpoint, only the newest row (the one-row rule of 0010)
and drops the visit columns.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from alembic import op

from risk_app.adapters.tables import UTCDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

OLD_UNIQUE = "touchpoint_status_person_id_touchpoint_id_key"
"""PostgreSQL's name for 0002's unnamed unique constraint."""
FK_NAME = "touchpoint_status_stage_history_id_fkey"
INDEX = "ix_touchpoint_status_stage_history_id"


def _columns(*, with_visit: bool) -> list[sa.Column[object]]:
    columns: list[sa.Column[object]] = [
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
    ]
    if with_visit:
        columns += [
            sa.Column("stage", sa.String(40), nullable=False),
            sa.Column(
                "stage_history_id",
                sa.Integer,
                sa.ForeignKey("stage_history.id", name=FK_NAME),
                nullable=False,
            ),
        ]
    return [
        *columns,
        sa.Column("touchpoint_id", sa.String(40), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("recorded_at", UTCDateTime, nullable=False),
        sa.Column("recorded_by", sa.String(100), nullable=False),
        sa.Column("framework_version", sa.String(40), nullable=False),
    ]


def _table(*, with_visit: bool, unique: bool) -> sa.Table:
    extra = [sa.UniqueConstraint("person_id", "touchpoint_id", name=OLD_UNIQUE)] if unique else []
    return sa.Table(
        "touchpoint_status",
        sa.MetaData(),
        *_columns(with_visit=with_visit),
        *extra,
        sa.Index("ix_touchpoint_status_person_id", "person_id"),
    )


def _attach_existing_rows() -> None:
    bind = op.get_bind()
    meta = sa.MetaData()
    people = sa.Table(
        "people",
        meta,
        sa.Column("id", sa.Integer),
        sa.Column("current_stage", sa.String(40)),
        sa.Column("created_at", UTCDateTime),
        sa.Column("framework_version", sa.String(40)),
    )
    history = sa.Table(
        "stage_history",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer),
        sa.Column("stage", sa.String(40)),
        sa.Column("entered_at", UTCDateTime),
        sa.Column("recorded_by", sa.String(100)),
        sa.Column("framework_version", sa.String(40)),
    )
    status = sa.Table(
        "touchpoint_status",
        meta,
        sa.Column("id", sa.Integer),
        sa.Column("person_id", sa.Integer),
        sa.Column("recorded_at", UTCDateTime),
        sa.Column("stage", sa.String(40)),
        sa.Column("stage_history_id", sa.Integer),
    )
    rows = bind.execute(sa.select(status.c.id, status.c.person_id, status.c.recorded_at)).all()
    visits: dict[int, list[tuple[datetime, int, str]]] = {}
    for visit_id, person_id, stage, entered in bind.execute(
        sa.select(history.c.id, history.c.person_id, history.c.stage, history.c.entered_at)
    ):
        visits.setdefault(person_id, []).append((entered, visit_id, stage))
    for person_id in {r.person_id for r in rows} - set(visits):
        person = bind.execute(sa.select(people).where(people.c.id == person_id)).one()
        made = bind.execute(
            history.insert().values(
                person_id=person_id,
                stage=person.current_stage,
                entered_at=person.created_at,
                recorded_by="system",
                framework_version=person.framework_version,
            )
        )
        assert made.inserted_primary_key is not None
        visit_id = made.inserted_primary_key[0]
        visits[person_id] = [(person.created_at, visit_id, person.current_stage)]
    for row in rows:
        ordered = sorted(visits[row.person_id])
        started = [v for v in ordered if v[0] <= row.recorded_at]
        _, visit_id, stage = started[-1] if started else ordered[0]
        bind.execute(
            status.update()
            .where(status.c.id == row.id)
            .values(stage=stage, stage_history_id=visit_id)
        )


def upgrade() -> None:
    with op.batch_alter_table("touchpoint_status") as batch:
        batch.add_column(sa.Column("stage", sa.String(40), nullable=True))
        batch.add_column(sa.Column("stage_history_id", sa.Integer, nullable=True))
    _attach_existing_rows()
    if op.get_bind().dialect.name == "sqlite":
        # 0002's unique constraint has no name in SQLite: the table is rebuilt without it.
        with op.batch_alter_table(
            "touchpoint_status",
            recreate="always",
            copy_from=_table(with_visit=True, unique=False),
        ):
            pass
    else:
        op.alter_column("touchpoint_status", "stage", nullable=False)
        op.alter_column("touchpoint_status", "stage_history_id", nullable=False)
        op.drop_constraint(OLD_UNIQUE, "touchpoint_status", type_="unique")
        op.create_foreign_key(
            FK_NAME, "touchpoint_status", "stage_history", ["stage_history_id"], ["id"]
        )
    op.create_index(INDEX, "touchpoint_status", ["stage_history_id"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name="touchpoint_status")
    bind = op.get_bind()
    status = sa.Table(
        "touchpoint_status",
        sa.MetaData(),
        sa.Column("id", sa.Integer),
        sa.Column("person_id", sa.Integer),
        sa.Column("touchpoint_id", sa.String(40)),
        sa.Column("recorded_at", UTCDateTime),
    )
    newest: dict[tuple[int, str], tuple[datetime, int]] = {}
    for row in bind.execute(sa.select(status)):
        key = (row.person_id, row.touchpoint_id)
        newest[key] = max(newest.get(key, (row.recorded_at, row.id)), (row.recorded_at, row.id))
    keep = [row_id for _, row_id in newest.values()]
    bind.execute(status.delete().where(status.c.id.not_in(keep)))
    if bind.dialect.name == "sqlite":
        with op.batch_alter_table(
            "touchpoint_status",
            recreate="always",
            copy_from=_table(with_visit=False, unique=True),
        ):
            pass
    else:
        op.drop_constraint(FK_NAME, "touchpoint_status", type_="foreignkey")
        op.drop_column("touchpoint_status", "stage_history_id")
        op.drop_column("touchpoint_status", "stage")
        op.create_unique_constraint(OLD_UNIQUE, "touchpoint_status", ["person_id", "touchpoint_id"])
