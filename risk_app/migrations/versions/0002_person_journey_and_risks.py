"""Person details, prompt answers, touchpoint status, risk assessments, risks, owned actions,
acknowledgements and autosaved drafts.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from risk_app.adapters.tables import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None



def _version() -> sa.Column:  # a fresh Column object per table
    return sa.Column("version_id", sa.Integer, nullable=False)


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("communication", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("about_me", sa.JSON, nullable=False, server_default="{}"))
        batch.add_column(
            sa.Column("representative_name", sa.String(200), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column(
                "representative_authority", sa.String(40), nullable=False, server_default="none"
            )
        )
        batch.add_column(sa.Column("budget_option", sa.String(40), nullable=False, server_default=""))
        batch.add_column(sa.Column("direct_payment_start", sa.Date, nullable=True))
    with op.batch_alter_table("people") as batch:
        # Defaults were only for rows that existed; the application always sets these.
        for name in ("communication", "about_me", "representative_name",
                     "representative_authority", "budget_option"):
            batch.alter_column(name, server_default=None)

    op.create_table(
        "prompt_answers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("prompt_id", sa.String(40), nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("answered_at", UTCDateTime, nullable=False),
        sa.Column("answered_by", sa.String(100), nullable=False),
        sa.Column("framework_version", sa.String(40), nullable=False),
        sa.UniqueConstraint("person_id", "prompt_id"),
    )
    op.create_index("ix_prompt_answers_person_id", "prompt_answers", ["person_id"])
    op.create_table(
        "touchpoint_status",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("touchpoint_id", sa.String(40), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("recorded_at", UTCDateTime, nullable=False),
        sa.Column("recorded_by", sa.String(100), nullable=False),
        sa.Column("framework_version", sa.String(40), nullable=False),
        sa.UniqueConstraint("person_id", "touchpoint_id"),
    )
    op.create_index("ix_touchpoint_status_person_id", "touchpoint_status", ["person_id"])
    op.create_table(
        "risk_assessments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("stage", sa.String(40), nullable=False),
        sa.Column("framework_version", sa.String(40), nullable=False),
        sa.Column("scale_name", sa.String(100), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        _version(),
    )
    op.create_index("ix_risk_assessments_person_id", "risk_assessments", ["person_id"])
    op.create_table(
        "risks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("assessment_id", sa.Integer, sa.ForeignKey("risk_assessments.id"), nullable=False),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("activity", sa.Text, nullable=False),
        sa.Column("benefits", sa.Text, nullable=False),
        sa.Column("harm_to_self", sa.Text, nullable=False),
        sa.Column("harm_to_others", sa.Text, nullable=False),
        sa.Column("harm_from_others", sa.Text, nullable=False),
        sa.Column("likelihood", sa.Integer, nullable=False),
        sa.Column("impact", sa.Integer, nullable=False),
        sa.Column("person_view", sa.Text, nullable=False),
        sa.Column("person_likelihood", sa.Integer, nullable=True),
        sa.Column("person_impact", sa.Integer, nullable=True),
        sa.Column("strengths", sa.Text, nullable=False),
        sa.Column("residual_likelihood", sa.Integer, nullable=True),
        sa.Column("residual_impact", sa.Integer, nullable=True),
        sa.Column("abuse_types", sa.JSON, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
        _version(),
    )
    op.create_index("ix_risks_assessment_id", "risks", ["assessment_id"])
    op.create_index("ix_risks_person_id", "risks", ["person_id"])
    op.create_table(
        "actions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("risk_id", sa.Integer, sa.ForeignKey("risks.id"), nullable=True),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("owner_name", sa.String(200), nullable=False),
        sa.Column("owner_kind", sa.String(40), nullable=False),
        sa.Column("due", sa.Date, nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        _version(),
    )
    op.create_index("ix_actions_person_id", "actions", ["person_id"])
    op.create_index("ix_actions_risk_id", "actions", ["risk_id"])
    op.create_table(
        "acknowledgements",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("action_id", sa.Integer, sa.ForeignKey("actions.id"), nullable=False),
        sa.Column("acknowledged_by", sa.String(200), nullable=False),
        sa.Column("method", sa.String(20), nullable=False),
        sa.Column("at", UTCDateTime, nullable=False),
        sa.Column("recorded_by", sa.String(100), nullable=False),
    )
    op.create_index("ix_acknowledgements_action_id", "acknowledgements", ["action_id"])
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("form_key", sa.String(200), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("user_id", "form_key"),
    )


def downgrade() -> None:
    for table in ("drafts", "acknowledgements", "actions", "risks", "risk_assessments",
                  "touchpoint_status", "prompt_answers"):
        op.drop_table(table)
    with op.batch_alter_table("people") as batch:
        for name in ("direct_payment_start", "budget_option", "representative_authority",
                     "representative_name", "about_me", "communication"):
            batch.drop_column(name)
