"""Safeguarding concerns as a lifecycle: state, version, each step's answers, and the history of
steps; a plan validation keeps why it went on while a concern was open (issue 12, slice B).

Existing concerns were recorded all at once, with the Section 42 questions answered (or not) by
whoever raised them. A concern whose three questions were all answered becomes S42_DECIDED, with
the person who raised it as the decider, at the time it was raised, and reasons saying so; any
other concern becomes RAISED, waiting for its decision (its s42_result is cleared: the decision
is taken afresh; the answers typed at raising stay in their columns until then). Each migrated
concern gets the history its state implies.

Revision ID: 0013
Revises: 0010
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from risk_app.adapters.tables import UTCDateTime

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

MIGRATED_REASONS = (
    "Recorded when the concern was raised, before the Section 42 decision was a step of its own "
    "(migration 0013): the person who raised the concern answered the three questions."
)


def upgrade() -> None:
    with op.batch_alter_table("safeguarding_concerns") as batch:
        batch.alter_column("s42_result", existing_type=sa.String(30), nullable=True)
        batch.add_column(sa.Column("abuse_other", sa.Text, nullable=False, server_default=""))
        batch.add_column(
            sa.Column("state", sa.String(20), nullable=False, server_default="raised")
        )
        batch.add_column(sa.Column("decision_reasons", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("decided_at", UTCDateTime, nullable=True))
        batch.add_column(sa.Column("decided_by", sa.String(100), nullable=True))
        batch.add_column(sa.Column("enquiry_kind", sa.String(20), nullable=True))
        batch.add_column(
            sa.Column("enquiry_lead", sa.String(200), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("outcomes_asked", sa.Boolean, nullable=True))
        batch.add_column(sa.Column("desired_outcomes", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("outcomes_achieved", sa.String(20), nullable=True))
        batch.add_column(sa.Column("risk_after", sa.String(20), nullable=True))
        batch.add_column(sa.Column("other_response", sa.String(40), nullable=True))
        batch.add_column(sa.Column("review_follow_up", sa.String(20), nullable=True))
        batch.add_column(
            sa.Column(
                "review_request_id",
                sa.Integer,
                sa.ForeignKey("reviews.id", name="fk_safeguarding_concerns_review_request_id"),
                nullable=True,
            )
        )
        batch.add_column(sa.Column("closing_note", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("version_id", sa.Integer, nullable=False, server_default="1"))
        batch.create_index("ix_safeguarding_concerns_state", ["state"])
    op.create_table(
        "safeguarding_concern_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "concern_id", sa.Integer, sa.ForeignKey("safeguarding_concerns.id"), nullable=False
        ),
        sa.Column("step", sa.String(30), nullable=False),
        sa.Column("from_state", sa.String(20), nullable=True),
        sa.Column("to_state", sa.String(20), nullable=False),
        sa.Column("at", UTCDateTime, nullable=False),
        sa.Column("by", sa.String(100), nullable=False),
    )
    op.create_index(
        "ix_safeguarding_concern_events_concern_id",
        "safeguarding_concern_events",
        ["concern_id"],
    )
    with op.batch_alter_table("plan_validations") as batch:
        batch.add_column(sa.Column("went_on_reason", sa.Text, nullable=False, server_default=""))
    _migrate_rows()


def _migrate_rows() -> None:
    concerns = sa.table(
        "safeguarding_concerns",
        sa.column("id", sa.Integer),
        sa.column("needs", sa.Boolean),
        sa.column("abuse_or_risk", sa.Boolean),
        sa.column("unable_to_protect", sa.Boolean),
        sa.column("s42_result", sa.String),
        sa.column("state", sa.String),
        sa.column("decision_reasons", sa.Text),
        sa.column("decided_at", UTCDateTime),
        sa.column("decided_by", sa.String),
        sa.column("raised_at", UTCDateTime),
        sa.column("raised_by", sa.String),
    )
    events = sa.table(
        "safeguarding_concern_events",
        sa.column("concern_id", sa.Integer),
        sa.column("step", sa.String),
        sa.column("from_state", sa.String),
        sa.column("to_state", sa.String),
        sa.column("at", UTCDateTime),
        sa.column("by", sa.String),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(
            concerns.c.id,
            concerns.c.needs,
            concerns.c.abuse_or_risk,
            concerns.c.unable_to_protect,
            concerns.c.raised_at,
            concerns.c.raised_by,
        )
    ).all()
    for row in rows:
        answers = (row.needs, row.abuse_or_risk, row.unable_to_protect)
        bind.execute(
            events.insert().values(
                concern_id=row.id,
                step="raise",
                from_state=None,
                to_state="raised",
                at=row.raised_at,
                by=row.raised_by,
            )
        )
        if any(a is None for a in answers):
            bind.execute(
                concerns.update()
                .where(concerns.c.id == row.id)
                .values(state="raised", s42_result=None)
            )
            continue
        result = "duty_to_enquire" if all(answers) else "not_met"
        bind.execute(
            concerns.update()
            .where(concerns.c.id == row.id)
            .values(
                state="s42_decided",
                s42_result=result,
                decision_reasons=MIGRATED_REASONS,
                decided_at=row.raised_at,
                decided_by=row.raised_by,
            )
        )
        bind.execute(
            events.insert().values(
                concern_id=row.id,
                step="decide",
                from_state="raised",
                to_state="s42_decided",
                at=row.raised_at,
                by=row.raised_by,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("plan_validations") as batch:
        batch.drop_column("went_on_reason")
    op.drop_index(
        "ix_safeguarding_concern_events_concern_id", table_name="safeguarding_concern_events"
    )
    op.drop_table("safeguarding_concern_events")
    op.execute(
        "UPDATE safeguarding_concerns SET s42_result = 'incomplete' WHERE s42_result IS NULL"
    )
    with op.batch_alter_table("safeguarding_concerns") as batch:
        batch.drop_index("ix_safeguarding_concerns_state")
        for name in (
            "version_id",
            "closing_note",
            "review_request_id",
            "review_follow_up",
            "other_response",
            "risk_after",
            "outcomes_achieved",
            "desired_outcomes",
            "outcomes_asked",
            "enquiry_lead",
            "enquiry_kind",
            "decided_by",
            "decided_at",
            "decision_reasons",
            "state",
            "abuse_other",
        ):
            batch.drop_column(name)
        batch.alter_column("s42_result", existing_type=sa.String(30), nullable=False)
