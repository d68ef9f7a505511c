"""One-time codes for an action's owner without an account to acknowledge it remotely, and the
code an acknowledgement was given with.

The codes work as the signing codes do (risk_app.domain.agreements.signing_codes): a public
reference, a secret code stored only as a keyed hash, an expiry, single use, a lock after wrong
tries, and a short grant once the code is accepted. They are kept in a table of their own because
a signing invitation's ``agreement_version_id`` cannot be made optional with a plain SQLite
migration; the mechanism (hashing, states, throttling, audit) is shared.

Revision ID: 0024
Revises: 0021
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from risk_app.adapters.tables import UTCDateTime

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "action_ack_invitations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("action_id", sa.Integer, sa.ForeignKey("actions.id"), nullable=False),
        sa.Column("reference", sa.String(16), nullable=False, unique=True),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("owner_name", sa.String(200), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("expires_at", UTCDateTime, nullable=False),
        sa.Column("max_attempts", sa.Integer, nullable=False),
        sa.Column("failed_attempts", sa.Integer, nullable=False),
        sa.Column("redeemed_at", UTCDateTime, nullable=True),
        sa.Column("grant_hash", sa.String(64), nullable=True, unique=True),
        sa.Column("grant_expires_at", UTCDateTime, nullable=True),
        sa.Column("acknowledged_at", UTCDateTime, nullable=True),
        sa.Column("revoked_at", UTCDateTime, nullable=True),
        sa.Column("version_id", sa.Integer, nullable=False),
    )
    op.create_index(
        "ix_action_ack_invitations_action_id", "action_ack_invitations", ["action_id"]
    )
    op.add_column("acknowledgements", sa.Column("code_reference", sa.String(16), nullable=True))


def downgrade() -> None:
    op.drop_column("acknowledgements", "code_reference")
    op.drop_index("ix_action_ack_invitations_action_id", table_name="action_ack_invitations")
    op.drop_table("action_ack_invitations")
