"""Checks recorded about the people and providers around a person: safer recruitment (a DBS or
PVG check, references), employer's liability insurance, and a care provider's registration with
the regulator of the person's nation."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from risk_app.adapters.tables.base import Base, UTCDateTime


class CheckRow(Base):
    """One check done (never edited: a later check is a new row)."""

    __tablename__ = "checks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    """A `CheckKind` value."""
    about: Mapped[str] = mapped_column(String(200))
    """Who or what was checked (a personal assistant's name, a provider)."""
    done_on: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(20))
    """A `CheckOutcome` value."""
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[str] = mapped_column(String(100))
