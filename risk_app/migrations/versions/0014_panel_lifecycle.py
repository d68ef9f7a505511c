"""Panels as a lifecycle: referred, scheduled, outcome, closed (or withdrawn), with each step kept.

Existing panels were recorded whole, once the panel had met, so they move into the lifecycle as:
- a panel with a recommendation becomes OUTCOME (not CLOSED: nobody has yet said its conditions
  and review are followed up, so the team closes it when they are), its outcome recorded when the
  panel was recorded;
- a panel without a recommendation becomes SCHEDULED for the date it was recorded as held, its
  outcome still to record (an outcome names a recommendation, so it cannot be presented as one).
Each gets the history that follows from that (referred, scheduled, outcome) at the time it was
recorded, by whoever recorded it. `created_at` stays the time of referral. Nothing is deleted.

Revision ID: 0014
Revises: 0010
Create Date: 2026-12-06
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from alembic import op

from risk_app.adapters.tables import UTCDateTime

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

def _new_columns() -> tuple[sa.Column[object], ...]:
    return (
    sa.Column("status", sa.String(20), nullable=False, server_default="referred"),
    sa.Column("question", sa.Text, nullable=False, server_default=""),
    sa.Column("scheduled_for", sa.Date, nullable=True),
    sa.Column("conditions", sa.Text, nullable=False, server_default=""),
    sa.Column("outcome_at", UTCDateTime, nullable=True),
    sa.Column("outcome_by", sa.String(100), nullable=True),
    sa.Column("closed_at", UTCDateTime, nullable=True),
    sa.Column("closed_by", sa.String(100), nullable=True),
    sa.Column("close_note", sa.Text, nullable=False, server_default=""),
    sa.Column("withdrawn_at", UTCDateTime, nullable=True),
    sa.Column("withdrawn_by", sa.String(100), nullable=True),
    sa.Column("withdrawn_reason", sa.Text, nullable=False, server_default=""),
    )


def upgrade() -> None:
    with op.batch_alter_table("panels") as batch:
        for column in _new_columns():
            batch.add_column(column)
        batch.alter_column("held_on", existing_type=sa.Date, nullable=True)
        batch.alter_column("person_attended", existing_type=sa.Boolean, nullable=True)
    op.create_table(
        "panel_steps",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("panel_id", sa.Integer, sa.ForeignKey("panels.id"), nullable=False),
        sa.Column("step", sa.String(40), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("on_date", sa.Date, nullable=True),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
        sa.Column("taken_at", UTCDateTime, nullable=False),
        sa.Column("taken_by", sa.String(100), nullable=False),
    )
    op.create_index("ix_panel_steps_panel_id", "panel_steps", ["panel_id"])
    _existing_panels_join_the_lifecycle()


def _existing_panels_join_the_lifecycle() -> None:
    # Histories first, while held_on still holds every recorded date.
    op.execute(
        "INSERT INTO panel_steps (panel_id, step, state, on_date, reason, taken_at, taken_by) "
        "SELECT id, 'refer', 'referred', NULL, '', created_at, created_by FROM panels"
    )
    op.execute(
        "INSERT INTO panel_steps (panel_id, step, state, on_date, reason, taken_at, taken_by) "
        "SELECT id, 'schedule', 'scheduled', held_on, '', created_at, created_by FROM panels"
    )
    op.execute(
        "INSERT INTO panel_steps (panel_id, step, state, on_date, reason, taken_at, taken_by) "
        "SELECT id, 'record_outcome', 'outcome', held_on, '', created_at, created_by FROM panels "
        "WHERE recommendation <> ''"
    )
    op.execute(
        "UPDATE panels SET status = 'outcome', scheduled_for = held_on, "
        "outcome_at = created_at, outcome_by = created_by WHERE recommendation <> ''"
    )
    op.execute(
        "UPDATE panels SET status = 'scheduled', scheduled_for = held_on, held_on = NULL "
        "WHERE recommendation = ''"
    )


def downgrade() -> None:
    bind = op.get_bind()
    panels = sa.table(
        "panels",
        sa.column("id", sa.Integer),
        sa.column("held_on", sa.Date),
        sa.column("scheduled_for", sa.Date),
        sa.column("person_attended", sa.Boolean),
        sa.column("created_at", UTCDateTime),
    )
    undated = bind.execute(
        sa.select(panels.c.id, panels.c.scheduled_for, panels.c.created_at).where(
            panels.c.held_on.is_(None)
        )
    ).all()
    for panel_id, scheduled_for, created_at in undated:
        held: date = scheduled_for or created_at.date()
        bind.execute(panels.update().where(panels.c.id == panel_id).values(held_on=held))
    bind.execute(
        panels.update().where(panels.c.person_attended.is_(None)).values(person_attended=False)
    )
    op.drop_index("ix_panel_steps_panel_id", table_name="panel_steps")
    op.drop_table("panel_steps")
    with op.batch_alter_table("panels") as batch:
        batch.alter_column("person_attended", existing_type=sa.Boolean, nullable=False)
        batch.alter_column("held_on", existing_type=sa.Date, nullable=False)
        for column in reversed(_new_columns()):
            batch.drop_column(column.name)
