"""Safeguarding concerns: screening, the Section 42 test and its outcome.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from risk_app.adapters.tables import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "safeguarding_concerns",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("risk_id", sa.Integer, sa.ForeignKey("risks.id"), nullable=True),
        sa.Column("abuse_types", sa.JSON, nullable=False),
        sa.Column("route", sa.JSON, nullable=False),
        sa.Column("needs", sa.Boolean, nullable=True),
        sa.Column("abuse_or_risk", sa.Boolean, nullable=True),
        sa.Column("unable_to_protect", sa.Boolean, nullable=True),
        sa.Column("s42_result", sa.String(30), nullable=False),
        sa.Column("person_wants", sa.Text, nullable=False),
        sa.Column("immediate_action", sa.Text, nullable=False),
        sa.Column("raised_at", UTCDateTime, nullable=False),
        sa.Column("raised_by", sa.String(100), nullable=False),
        sa.Column("framework_version", sa.String(40), nullable=False),
    )
    op.create_index("ix_safeguarding_concerns_person_id", "safeguarding_concerns", ["person_id"])


def downgrade() -> None:
    op.drop_table("safeguarding_concerns")
