"""The formats a person needs information in (Accessible Information Standard): easy read, large
print. Existing people have none recorded.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: a batch copy of `people` would break the rows that refer to it.
    op.add_column(
        "people",
        sa.Column("information_needs", sa.JSON, nullable=False, server_default=sa.text("'[]'")),
    )


def downgrade() -> None:
    op.drop_column("people", "information_needs")
