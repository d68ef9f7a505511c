"""Supported decisions (with capacity and best interests), panel referrals and plan validations.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from risk_app.adapters.tables import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _version() -> sa.Column:  # a fresh Column object per table
    return sa.Column("version_id", sa.Integer, nullable=False)


def upgrade() -> None:
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("risk_id", sa.Integer, sa.ForeignKey("risks.id"), nullable=True),
        sa.Column("decision", sa.Text, nullable=False),
        sa.Column("decided_at", UTCDateTime, nullable=False),
        sa.Column("options", sa.JSON, nullable=False),
        sa.Column("support_given", sa.JSON, nullable=False),
        sa.Column("reason_to_doubt", sa.Text, nullable=True),
        sa.Column("functional", sa.JSON, nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("impairment", sa.Text, nullable=True),
        sa.Column("inability_because_of_impairment", sa.Boolean, nullable=True),
        sa.Column("capacity_outcome", sa.String(20), nullable=False),
        sa.Column("best_interests", sa.JSON, nullable=False),
        sa.Column("decider_name", sa.String(200), nullable=True),
        sa.Column("decider_role", sa.String(200), nullable=True),
        sa.Column("outcome", sa.String(40), nullable=False),
        sa.Column("conditions", sa.Text, nullable=False),
        sa.Column("dissent", sa.JSON, nullable=False),
        sa.Column("framework_version", sa.String(40), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        _version(),
    )
    op.create_index("ix_decisions_person_id", "decisions", ["person_id"])
    op.create_index("ix_decisions_risk_id", "decisions", ["risk_id"])
    op.create_table(
        "panels",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("route", sa.String(40), nullable=False),
        sa.Column("referral_reason", sa.Text, nullable=False),
        sa.Column("risk_ids", sa.JSON, nullable=False),
        sa.Column("person_attended", sa.Boolean, nullable=False),
        sa.Column("person_view", sa.Text, nullable=False),
        sa.Column("advocate", sa.String(200), nullable=False),
        sa.Column("options", sa.JSON, nullable=False),
        sa.Column("recommendation", sa.Text, nullable=False),
        sa.Column("dissent", sa.JSON, nullable=False),
        sa.Column("review_date", sa.Date, nullable=True),
        sa.Column("held_on", sa.Date, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("framework_version", sa.String(40), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        _version(),
    )
    op.create_index("ix_panels_person_id", "panels", ["person_id"])
    op.create_table(
        "plan_validations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("checks", sa.JSON, nullable=False),
        sa.Column("outcome", sa.String(40), nullable=False),
        sa.Column("conditions", sa.Text, nullable=False),
        sa.Column("reasons", sa.JSON, nullable=False),
        sa.Column("routes", sa.JSON, nullable=False),
        sa.Column("decided_at", UTCDateTime, nullable=False),
        sa.Column("decided_by", sa.String(100), nullable=False),
        sa.Column("framework_version", sa.String(40), nullable=False),
    )
    op.create_index("ix_plan_validations_person_id", "plan_validations", ["person_id"])


def downgrade() -> None:
    for table in ("plan_validations", "panels", "decisions"):
        op.drop_table(table)
