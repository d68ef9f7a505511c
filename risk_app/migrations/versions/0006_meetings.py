"""Multi-agency risk meetings: attendees, items discussed and the actions agreed.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from risk_app.adapters.tables import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("held_on", sa.Date, nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("purpose", sa.Text, nullable=False),
        sa.Column("chair", sa.String(200), nullable=False),
        sa.Column("person_view", sa.Text, nullable=False),
        sa.Column("person_voice", sa.String(30), nullable=False),
        sa.Column("next_meeting", sa.Date, nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("framework_version", sa.String(40), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("version_id", sa.Integer, nullable=False),
    )
    op.create_index("ix_meetings_person_id", "meetings", ["person_id"])
    op.create_table(
        "meeting_attendees",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("meeting_id", sa.Integer, sa.ForeignKey("meetings.id"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("agency", sa.String(200), nullable=False),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("present", sa.Boolean, nullable=False),
    )
    op.create_index("ix_meeting_attendees_meeting_id", "meeting_attendees", ["meeting_id"])
    op.create_table(
        "meeting_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("meeting_id", sa.Integer, sa.ForeignKey("meetings.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("risk_id", sa.Integer, sa.ForeignKey("risks.id"), nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("party", sa.String(200), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
    )
    op.create_index("ix_meeting_items_meeting_id", "meeting_items", ["meeting_id"])
    op.create_table(
        "meeting_actions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("meeting_id", sa.Integer, sa.ForeignKey("meetings.id"), nullable=False),
        sa.Column("action_id", sa.Integer, sa.ForeignKey("actions.id"), nullable=False),
        sa.UniqueConstraint("meeting_id", "action_id"),
    )
    op.create_index("ix_meeting_actions_meeting_id", "meeting_actions", ["meeting_id"])
    op.create_index("ix_meeting_actions_action_id", "meeting_actions", ["action_id"])


def downgrade() -> None:
    op.drop_table("meeting_actions")
    op.drop_table("meeting_items")
    op.drop_table("meeting_attendees")
    op.drop_table("meetings")
