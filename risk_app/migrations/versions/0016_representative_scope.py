"""A representative's scope: whether their court order covers welfare decisions, and whether their
power of attorney is registered. Both start unanswered (NULL), for new and existing records.

Revision ID: 0016_representative_scope
Revises: 0015
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_representative_scope"
down_revision = "0015"
branch_labels = None
depends_on = None

COLUMNS = ("representative_order_covers_welfare", "representative_registered")


def upgrade() -> None:
    # Plain ADD COLUMN: "people" is referenced by most tables, so it is never recreated.
    for name in COLUMNS:
        op.add_column("people", sa.Column(name, sa.Boolean, nullable=True))


def downgrade() -> None:
    for name in reversed(COLUMNS):
        op.drop_column("people", name)
