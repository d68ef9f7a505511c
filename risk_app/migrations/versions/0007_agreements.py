"""Risk agreements: issued versions, signatures, one-time signing invitations, requests to talk.

Issued versions and signatures are never updated: database triggers refuse UPDATE on both
(DELETE stays possible, for retention schedules run by the operator).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from risk_app.adapters.tables import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

IMMUTABLE = ("agreement_versions", "agreement_signatures")


def upgrade() -> None:
    op.create_table(
        "agreement_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("issued_at", UTCDateTime, nullable=False),
        sa.Column("issued_by", sa.String(100), nullable=False),
        sa.Column("seal", sa.String(100), nullable=False),
        sa.Column("seal_public_key", sa.String(64), nullable=False),
        sa.UniqueConstraint("person_id", "version", name="uq_agreement_version"),
    )
    op.create_index("ix_agreement_versions_person_id", "agreement_versions", ["person_id"])
    op.create_table(
        "signing_invitations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "agreement_version_id",
            sa.Integer,
            sa.ForeignKey("agreement_versions.id"),
            nullable=False,
        ),
        sa.Column("reference", sa.String(16), nullable=False, unique=True),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("requirement", sa.String(300), nullable=False),
        sa.Column("signer_name", sa.String(200), nullable=False),
        sa.Column("basis", sa.String(40), nullable=False),
        sa.Column("on_behalf_of", sa.String(200), nullable=False),
        sa.Column("supported_by", sa.String(200), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("expires_at", UTCDateTime, nullable=False),
        sa.Column("max_attempts", sa.Integer, nullable=False),
        sa.Column("failed_attempts", sa.Integer, nullable=False),
        sa.Column("redeemed_at", UTCDateTime, nullable=True),
        sa.Column("grant_hash", sa.String(64), nullable=True, unique=True),
        sa.Column("grant_expires_at", UTCDateTime, nullable=True),
        sa.Column("signed_at", UTCDateTime, nullable=True),
        sa.Column("revoked_at", UTCDateTime, nullable=True),
        sa.Column("version_id", sa.Integer, nullable=False),
    )
    op.create_index(
        "ix_signing_invitations_agreement_version_id",
        "signing_invitations",
        ["agreement_version_id"],
    )
    op.create_table(
        "agreement_signatures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "agreement_version_id",
            sa.Integer,
            sa.ForeignKey("agreement_versions.id"),
            nullable=False,
        ),
        sa.Column("requirement", sa.String(300), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("signer_name", sa.String(200), nullable=False),
        sa.Column("on_behalf_of", sa.String(200), nullable=False),
        sa.Column("basis", sa.String(40), nullable=False),
        sa.Column("supported_by", sa.String(200), nullable=False),
        sa.Column("method", sa.String(20), nullable=False),
        sa.Column("signed_at", UTCDateTime, nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("recorded_by", sa.String(100), nullable=False),
        sa.Column(
            "invitation_id", sa.Integer, sa.ForeignKey("signing_invitations.id"), nullable=True
        ),
        sa.Column("seal", sa.String(100), nullable=False),
        sa.Column("seal_public_key", sa.String(64), nullable=False),
        sa.UniqueConstraint("agreement_version_id", "requirement", name="uq_agreement_signer"),
    )
    op.create_index(
        "ix_agreement_signatures_agreement_version_id",
        "agreement_signatures",
        ["agreement_version_id"],
    )
    op.create_table(
        "agreement_talk_requests",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "agreement_version_id",
            sa.Integer,
            sa.ForeignKey("agreement_versions.id"),
            nullable=False,
        ),
        sa.Column("requirement", sa.String(300), nullable=False),
        sa.Column("asked_at", UTCDateTime, nullable=False),
        sa.Column("recorded_by", sa.String(100), nullable=False),
        sa.Column("method", sa.String(20), nullable=False),
        sa.UniqueConstraint("agreement_version_id", "requirement", name="uq_agreement_talk"),
    )
    op.create_index(
        "ix_agreement_talk_requests_agreement_version_id",
        "agreement_talk_requests",
        ["agreement_version_id"],
    )
    for table in IMMUTABLE:
        _refuse_updates(table)


def _refuse_updates(table: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} rows are never changed'); END"
        )
    else:
        op.execute(
            f"CREATE FUNCTION {table}_no_update() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{table} rows are never changed'; END; $$ LANGUAGE plpgsql"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_no_update()"
        )


def downgrade() -> None:
    postgres = op.get_bind().dialect.name != "sqlite"
    for table in IMMUTABLE:
        if postgres:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {table}_no_update()")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
    op.drop_table("agreement_talk_requests")
    op.drop_table("agreement_signatures")
    op.drop_table("signing_invitations")
    op.drop_table("agreement_versions")
