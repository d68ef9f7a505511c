"""Framework versions uploaded by the safeguarding lead: the YAML text, its SHA-256, who uploaded
and who last activated it. Content and digest are never changed (a database trigger refuses it).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from risk_app.adapters.tables import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TABLE = "framework_versions"
FIXED = "version, sha256, content"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("version", sa.String(20), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("source_name", sa.String(200), nullable=False),
        sa.Column("uploaded_by", sa.String(100), nullable=False),
        sa.Column("uploaded_at", UTCDateTime, nullable=False),
        sa.Column("activated_by", sa.String(100), nullable=True),
        sa.Column("activated_at", UTCDateTime, nullable=True),
        sa.Column("version_id", sa.Integer, nullable=False),
    )
    op.create_index("ix_framework_versions_version", TABLE, ["version"])
    message = "the content of an uploaded framework is never changed"
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            f"CREATE TRIGGER {TABLE}_fixed BEFORE UPDATE OF {FIXED} ON {TABLE} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )
    else:
        op.execute(
            f"CREATE FUNCTION {TABLE}_fixed() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{message}'; END; $$ LANGUAGE plpgsql"
        )
        op.execute(
            f"CREATE TRIGGER {TABLE}_fixed BEFORE UPDATE OF {FIXED} ON {TABLE} "
            f"FOR EACH ROW EXECUTE FUNCTION {TABLE}_fixed()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_fixed")
    else:
        op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_fixed ON {TABLE}")
        op.execute(f"DROP FUNCTION IF EXISTS {TABLE}_fixed()")
    op.drop_index("ix_framework_versions_version", table_name=TABLE)
    op.drop_table(TABLE)
