"""A self-neglect concern can go to a multi-agency high-risk forum instead of, or before, the
Section 42 decision; the reasons for the referral are kept on the concern. Making Safeguarding
Personal records whether the person, asked, expressed any outcomes (issue 13).

Plain add_column/drop_column: other tables reference safeguarding_concerns, so it is never
recreated on SQLite.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "safeguarding_concerns",
        sa.Column("forum_reasons", sa.Text, nullable=False, server_default=""),
    )
    op.add_column(
        "safeguarding_concerns", sa.Column("outcomes_expressed", sa.Boolean, nullable=True)
    )


def downgrade() -> None:
    op.drop_column("safeguarding_concerns", "outcomes_expressed")
    op.drop_column("safeguarding_concerns", "forum_reasons")
