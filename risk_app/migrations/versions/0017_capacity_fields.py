"""The capacity record's missing fields, who decides, and the person's decision apart from the
council's response (issue 13; law review rows 7, 18 and 25).

Adds to `decisions`: the information relevant to the decision (MCA 2005 s3(4)), the balance of
probabilities confirmation (s2(4)), who assessed; whether an attorney, deputy or advance decision
covers the decision and, if so, which, who and what it covers (s6(6), ss9-11, s16, ss24-26); and
what was decided. Every new column is nullable and left empty for rows made before it, so those
rows read "not recorded": nothing is invented for them. `outcome` keeps its values: each was
already a response of the council, and the new choice "not_funded" fits its width.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None



def _columns() -> list[sa.Column[object]]:
    return [
        sa.Column("relevant_information", sa.Text(), nullable=True),
        sa.Column("balance_of_probabilities", sa.Boolean(), nullable=True),
        sa.Column("assessor_name", sa.String(200), nullable=True),
        sa.Column("assessor_role", sa.String(200), nullable=True),
        sa.Column("authority_covers", sa.Boolean(), nullable=True),
        sa.Column("authority_kind", sa.String(40), nullable=True),
        sa.Column("authority_holder", sa.String(200), nullable=True),
        sa.Column("authority_scope", sa.Text(), nullable=True),
        sa.Column("decided", sa.Text(), nullable=True),
    ]


def upgrade() -> None:
    # Plain add_column (no batch): SQLite must not recreate a table other tables may reference.
    for column in _columns():
        op.add_column("decisions", column)


def downgrade() -> None:
    for column in reversed(_columns()):
        op.drop_column("decisions", column.name)
