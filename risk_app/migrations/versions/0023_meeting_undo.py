"""Undo at a meeting: an item, attendee or action withdrawn with a reason (kept, never deleted)
while the meeting is open, and after it closes, corrections that say which item they correct.

Plain add_column of nullable columns (nothing withdrawn, nothing corrected, for every existing
row). ``corrects_item_id`` is a plain integer, not a foreign key, so SQLite can drop it again;
the service checks it names an item of the same meeting.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from risk_app.adapters.tables import UTCDateTime

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

WITHDRAWABLE = ("meeting_items", "meeting_attendees", "meeting_actions")


def upgrade() -> None:
    for table in WITHDRAWABLE:
        op.add_column(table, sa.Column("withdrawn_at", UTCDateTime, nullable=True))
        op.add_column(table, sa.Column("withdrawn_by", sa.String(100), nullable=True))
        op.add_column(table, sa.Column("withdrawal_reason", sa.Text, nullable=True))
    op.add_column("meeting_items", sa.Column("corrects_item_id", sa.Integer, nullable=True))


def downgrade() -> None:
    op.drop_column("meeting_items", "corrects_item_id")
    for table in reversed(WITHDRAWABLE):
        op.drop_column(table, "withdrawal_reason")
        op.drop_column(table, "withdrawn_by")
        op.drop_column(table, "withdrawn_at")
