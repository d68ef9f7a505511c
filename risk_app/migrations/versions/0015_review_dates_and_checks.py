"""Review dates agreed with a plan's conditions or a decision; safer-recruitment and provider checks.

Revision ID: 0015
Revises: 0010
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from risk_app.adapters.tables import UTCDateTime

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plan_validations") as batch:
        batch.add_column(sa.Column("review_date", sa.Date, nullable=True))
    with op.batch_alter_table("decisions") as batch:
        batch.add_column(sa.Column("review_date", sa.Date, nullable=True))
    op.create_table(
        "checks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("about", sa.String(200), nullable=False),
        sa.Column("done_on", sa.Date, nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("recorded_at", UTCDateTime, nullable=False),
        sa.Column("recorded_by", sa.String(100), nullable=False),
    )
    op.create_index("ix_checks_person_id", "checks", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_checks_person_id", table_name="checks")
    op.drop_table("checks")
    with op.batch_alter_table("decisions") as batch:
        batch.drop_column("review_date")
    with op.batch_alter_table("plan_validations") as batch:
        batch.drop_column("review_date")
