"""The people around the person: a circle of members (``circle_members``), each recorded once,
and the member an action's owner or a meeting's attendee is (``circle_member_id``, nullable:
owners and attendees recorded before the circle keep only the name and kind typed, and the person
themself and staff are not members).

Plain create_table / add_column, nothing rebuilt (other tables reference ``actions``). SQLite
cannot add a foreign key constraint to an existing table, but accepts a column-level reference
in ADD COLUMN, so on SQLite the column is added with one; on PostgreSQL the constraint is named
so that the downgrade can drop it.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from risk_app.adapters.tables.base import UTCDateTime

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

LINKED = ("actions", "meeting_attendees")


def upgrade() -> None:
    op.create_table(
        "circle_members",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("relationship", sa.String(200), nullable=False),
        sa.Column("agency", sa.String(200), nullable=False),
        sa.Column("contact", sa.String(200), nullable=False),
        sa.Column("username", sa.String(100), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("left_at", UTCDateTime(), nullable=True),
        sa.Column("left_by", sa.String(100), nullable=True),
        sa.Column("left_reason", sa.Text, nullable=False),
        sa.Column("version_id", sa.Integer, nullable=False),
    )
    op.create_index("ix_circle_members_person_id", "circle_members", ["person_id"])
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in LINKED:
        if sqlite:  # a column-level reference: SQLite cannot ALTER in a constraint afterwards
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN circle_member_id INTEGER "
                "REFERENCES circle_members (id)"
            )
        else:
            op.add_column(
                table,
                sa.Column(
                    "circle_member_id",
                    sa.Integer,
                    sa.ForeignKey("circle_members.id", name=f"fk_{table}_circle_member_id"),
                    nullable=True,
                ),
            )
        op.create_index(f"ix_{table}_circle_member_id", table, ["circle_member_id"])


def downgrade() -> None:
    for table in reversed(LINKED):
        op.drop_index(f"ix_{table}_circle_member_id", table_name=table)
        if op.get_bind().dialect.name != "sqlite":
            op.drop_constraint(f"fk_{table}_circle_member_id", table, type_="foreignkey")
        op.drop_column(table, "circle_member_id")
    op.drop_index("ix_circle_members_person_id", table_name="circle_members")
    op.drop_table("circle_members")
