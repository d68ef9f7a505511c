"""The council's local policies, as the safeguarding lead sets them (a history, newest counts).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from risk_app.adapters.tables import UTCDateTime

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "local_policies",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("policy", sa.String(40), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("is_on", sa.Boolean, nullable=False),
        sa.Column("value", sa.Integer, nullable=True),
        sa.Column("set_by", sa.String(100), nullable=False),
        sa.Column("set_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("policy", "version", name="uq_local_policies_version"),
    )
    op.create_index("ix_local_policies_policy", "local_policies", ["policy"])


def downgrade() -> None:
    op.drop_index("ix_local_policies_policy", table_name="local_policies")
    op.drop_table("local_policies")
