"""Prompt answers become a history (every answer kept, the newest counts), each answer names the
stage visit it was given at, and a stage visit keeps the reason for moving on with touchpoints
outstanding (issue 12, slice A2).

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# SQLite reflects the unique constraint of 0002 without a name: batch mode names it by this
# convention so it can be dropped (PostgreSQL reports the name it chose).
_NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
_UNIQUE = "uq_prompt_answers_person_id"
_VISIT_FK = "fk_prompt_answers_stage_visit_id"


def _unique_names() -> list[str]:
    found = sa.inspect(op.get_bind()).get_unique_constraints("prompt_answers")
    return [uc["name"] or _UNIQUE for uc in found if uc["column_names"] == ["person_id", "prompt_id"]]


def upgrade() -> None:
    with op.batch_alter_table("stage_history") as batch:
        batch.add_column(sa.Column("reason", sa.Text, nullable=False, server_default=""))
    names = _unique_names()
    with op.batch_alter_table("prompt_answers", naming_convention=_NAMING) as batch:
        for name in names:
            batch.drop_constraint(name, type_="unique")
        batch.add_column(sa.Column("stage_visit_id", sa.Integer, nullable=True))
        batch.create_foreign_key(_VISIT_FK, "stage_history", ["stage_visit_id"], ["id"])
    # An existing answer belongs to the visit the person was at when it was given.
    op.execute(
        """
        UPDATE prompt_answers SET stage_visit_id = (
            SELECT sh.id FROM stage_history sh
            WHERE sh.person_id = prompt_answers.person_id
              AND sh.entered_at <= prompt_answers.answered_at
            ORDER BY sh.entered_at DESC, sh.id DESC
            LIMIT 1
        )
        """
    )


def downgrade() -> None:
    # One row per person and prompt again: the newest answer stays (earlier ones are in the audit
    # log, as before 0012).
    op.execute(
        """
        DELETE FROM prompt_answers WHERE id NOT IN (
            SELECT newest FROM (
                SELECT MAX(id) AS newest FROM prompt_answers GROUP BY person_id, prompt_id
            ) AS kept
        )
        """
    )
    with op.batch_alter_table("prompt_answers", naming_convention=_NAMING) as batch:
        batch.drop_constraint(_VISIT_FK, type_="foreignkey")
        batch.drop_column("stage_visit_id")
        batch.create_unique_constraint(_UNIQUE, ["person_id", "prompt_id"])
    # Not batch mode: SQLite would copy and drop stage_history, which 0011's touchpoint statuses
    # refer to; SQLite (3.35+) and PostgreSQL both drop a plain column in place.
    op.drop_column("stage_history", "reason")
