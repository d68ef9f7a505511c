"""Items of restricted record parts shared with the person's own account (ADR 0010).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from risk_app.adapters.tables import UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shared_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("part", sa.String(40), nullable=False),
        sa.Column("item_id", sa.Integer, nullable=False),
        sa.Column("shared", sa.Boolean, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("shared_at", UTCDateTime, nullable=False),
        sa.Column("shared_by", sa.String(100), nullable=False),
        sa.Column("stopped_at", UTCDateTime, nullable=True),
        sa.Column("stopped_by", sa.String(100), nullable=True),
        sa.Column("stop_reason", sa.Text, nullable=False, server_default=""),
        sa.Column("version_id", sa.Integer, nullable=False, server_default="1"),
        sa.UniqueConstraint("part", "item_id", name="uq_shared_item"),
    )
    op.create_index("ix_shared_items_person_id", "shared_items", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_shared_items_person_id", table_name="shared_items")
    op.drop_table("shared_items")
