"""Teams, user accounts, sign-in sessions and throttles, the audit log and framework versions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from risk_app.adapters.tables.base import Base, UTCDateTime


class TeamRow(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(40))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    """None for accounts that sign in only through single sign-on."""
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}


class ThrottledTryRow(Base):
    """Sign-in and code tries that failed or are still being checked, for throttling only.

    Kept for an hour at most (pruned on every try); the audit log keeps the lasting record.
    """

    __tablename__ = "throttled_tries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scope: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(100))
    client: Mapped[str] = mapped_column(String(64))
    session: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    pending: Mapped[bool] = mapped_column(Boolean, default=True)

    __table_args__ = (
        Index("ix_throttled_tries_scope_client", "scope", "client"),
        Index("ix_throttled_tries_scope_subject", "scope", "subject"),
    )


class WebSessionRow(Base):
    """A signed-in browser: the SHA-256 of the secret in its HttpOnly cookie, never the secret."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    method: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    end_reason: Mapped[str | None] = mapped_column(String(40))


class AuditEventRow(Base):
    """Append-only (database triggers refuse UPDATE and DELETE) and hash-chained."""

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(100))
    actor_role: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str] = mapped_column(String(64))
    object_version: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_audit_events_object", "object_type", "object_id"),)


class FrameworkVersionRow(Base):
    """A framework file uploaded by a safeguarding lead: its text exactly as checked, and its
    digest. The content never changes; activating it (again) records who and when. The active
    version is the one activated most recently; with none, the packaged file is used."""

    __tablename__ = "framework_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[str] = mapped_column(String(20), index=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    """SHA-256 (hex) of ``content`` encoded as UTF-8."""
    content: Mapped[str] = mapped_column(Text)
    source_name: Mapped[str] = mapped_column(String(200))
    uploaded_by: Mapped[str] = mapped_column(String(100))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    activated_by: Mapped[str | None] = mapped_column(String(100))
    activated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}
