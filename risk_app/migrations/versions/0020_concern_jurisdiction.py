"""The law a safeguarding concern follows: its nation, the law book version and, once decided, the
test applied with each condition's answer by its law book id (``law_applied``).

Existing concerns: a decided one was decided under the Care Act 2014 s42 test (the only test before
the law book, whoever it was about), so it keeps that, with its three answers under England's
condition ids and a note saying so; an undecided one follows the nation the person is recorded in
(England where that nation is not held). Plain add_column: other tables reference this one.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

HELD = {"england", "scotland", "wales"}
ENGLISH_CONDITIONS = ("ENG-SG-NEEDS", "ENG-SG-ABUSE", "ENG-SG-PROTECT")
BEFORE = "Decided before the law book: the Care Act 2014 s42 test was applied."


def upgrade() -> None:
    op.add_column("safeguarding_concerns", sa.Column("law_applied", sa.JSON, nullable=True))
    concerns = sa.table(
        "safeguarding_concerns",
        sa.column("id", sa.Integer),
        sa.column("person_id", sa.Integer),
        sa.column("needs", sa.Boolean),
        sa.column("abuse_or_risk", sa.Boolean),
        sa.column("unable_to_protect", sa.Boolean),
        sa.column("s42_result", sa.String),
        sa.column("law_applied", sa.JSON),
    )
    people = sa.table("people", sa.column("id", sa.Integer), sa.column("jurisdiction", sa.String))
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(
            concerns.c.id,
            concerns.c.needs,
            concerns.c.abuse_or_risk,
            concerns.c.unable_to_protect,
            concerns.c.s42_result,
            people.c.jurisdiction,
        ).join(people, people.c.id == concerns.c.person_id)
    ).all()
    for row in rows:
        if row.s42_result is not None:
            answers = (row.needs, row.abuse_or_risk, row.unable_to_protect)
            law: dict[str, object] = {
                "jurisdiction": "england",
                "law_version": None,
                "test": "ENG-SG-TEST",
                "answers": dict(zip(ENGLISH_CONDITIONS, answers, strict=True)),
                "note": BEFORE,
            }
        else:
            nation = row.jurisdiction if row.jurisdiction in HELD else "england"
            law = {"jurisdiction": nation, "law_version": None}
        bind.execute(
            concerns.update().where(concerns.c.id == row.id).values(law_applied=law)
        )


def downgrade() -> None:
    op.drop_column("safeguarding_concerns", "law_applied")
