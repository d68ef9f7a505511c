"""Multi-agency risk meetings: the meeting, who attended, what was discussed and the actions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from risk_app.adapters.tables.base import Base, UTCDateTime


class Withdrawable:
    """Withdrawn at an open meeting, with a reason: kept, never deleted (all None until then)."""

    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    withdrawn_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    withdrawal_reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class MeetingRow(Base):
    """A multi-agency risk meeting about one person: who came, the person's own view (or who spoke
    for them), what was discussed and decided, disagreement, actions agreed and the next date."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(Text)
    chair: Mapped[str] = mapped_column(String(200))
    person_view: Mapped[str] = mapped_column(Text, default="")
    person_voice: Mapped[str] = mapped_column(String(30))
    """'person' (attended), 'advocate', 'representative' or 'view_recorded' (neither attended)."""
    next_meeting: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    """'open' or 'closed'."""
    framework_version: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}


class MeetingAttendeeRow(Withdrawable, Base):
    """Someone invited to a meeting, with their agency, role (an owner kind) and attendance."""

    __tablename__ = "meeting_attendees"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    agency: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(40))
    present: Mapped[bool] = mapped_column(Boolean)
    circle_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("circle_members.id"), index=True
    )
    """The attendee as a member of the person's circle (None for the person, staff, and
    attendees recorded before the circle)."""


class MeetingItemRow(Withdrawable, Base):
    """One entry in a meeting's record: a risk discussed, a decision, a note or a dissent."""

    __tablename__ = "meeting_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    risk_id: Mapped[int | None] = mapped_column(ForeignKey("risks.id"))
    text: Mapped[str] = mapped_column(Text)
    party: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    corrects_item_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    """The item of the same meeting this one corrects (recorded after the meeting closed)."""


class MeetingActionRow(Withdrawable, Base):
    """Links an action (in `actions`) to the meeting at which it was agreed."""

    __tablename__ = "meeting_actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id"), index=True)

    __table_args__ = (UniqueConstraint("meeting_id", "action_id"),)
