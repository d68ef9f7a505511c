"""The Act a capacity record followed, and the causal answer of an Adults with Incapacity
(Scotland) Act 2000 assessment (s1(6)).

Existing records were all made under the Mental Capacity Act 2005 (a Scottish assessment was
refused before this), so ``capacity_law`` stays None for them, which reads as the MCA. Plain
add_column: other tables reference ``decisions``.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("decisions", sa.Column("capacity_law", sa.String(10), nullable=True))
    op.add_column("decisions", sa.Column("incapacity_cause", sa.String(40), nullable=True))


def downgrade() -> None:
    op.drop_column("decisions", "incapacity_cause")
    op.drop_column("decisions", "capacity_law")
