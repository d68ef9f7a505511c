"""The people around the person: their circle, each recorded once (see domain/record/circle.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from risk_app.adapters.tables.base import Base, UTCDateTime


class CircleMemberRow(Base):
    """Someone in a person's circle: family, a friend, a PA, a provider, health, police, housing,
    the council... A member who leaves is marked left (when, by whom, why), never deleted, so
    actions and signatures that name them still read as they were made."""

    __tablename__ = "circle_members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    relationship: Mapped[str] = mapped_column(String(200), default="")
    agency: Mapped[str] = mapped_column(String(200), default="")
    contact: Mapped[str] = mapped_column(String(200), default="")
    username: Mapped[str | None] = mapped_column(String(100))
    """Their account in the app, if they have one (not a foreign key: accounts come and go)."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    left_by: Mapped[str | None] = mapped_column(String(100))
    left_reason: Mapped[str] = mapped_column(Text, default="")
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}
