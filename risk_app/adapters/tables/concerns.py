"""Safeguarding concerns and the history of their lifecycle (raised, the nation's safeguarding
decision, enquiry, outcome, closed: risk_app.domain.record.concern_lifecycle)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from risk_app.adapters.tables.base import Base, UTCDateTime


class SafeguardingConcernRow(Base):
    """A safeguarding concern: abuse types screened (or described as other / not sure), the route
    the framework gives, what the person wants to happen (Making Safeguarding Personal), and each
    step of its lifecycle as far as it has gone. Changed only through the lifecycle's steps, each
    with the version the user saw."""

    __tablename__ = "safeguarding_concerns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    risk_id: Mapped[int | None] = mapped_column(ForeignKey("risks.id"))
    abuse_types: Mapped[list[str]] = mapped_column(JSON)
    abuse_other: Mapped[str] = mapped_column(Text, default="")
    """What may be happening when it is none of the listed types, or the raiser is not sure."""
    route: Mapped[list[str]] = mapped_column(JSON)
    person_wants: Mapped[str] = mapped_column(Text)
    immediate_action: Mapped[str] = mapped_column(Text)
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime)
    raised_by: Mapped[str] = mapped_column(String(100))
    framework_version: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(20), default="raised", index=True)
    # the safeguarding decision (England's answers; every nation's in law_applied)
    needs: Mapped[bool | None] = mapped_column(Boolean)
    abuse_or_risk: Mapped[bool | None] = mapped_column(Boolean)
    unable_to_protect: Mapped[bool | None] = mapped_column(Boolean)
    s42_result: Mapped[str | None] = mapped_column(String(30))
    law_applied: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    """The nation whose law the concern follows, the law book version, and once decided the test
    applied with each condition's answer by its law book id (`safeguarding_law.LawApplied`). The
    three columns above hold England's answers too, for readers of the older record."""
    decision_reasons: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by: Mapped[str | None] = mapped_column(String(100))
    # a self-neglect concern referred to a multi-agency high-risk forum
    forum_reasons: Mapped[str] = mapped_column(Text, default="")
    """Why the forum, instead of or before the Section 42 decision."""
    # the enquiry
    enquiry_kind: Mapped[str | None] = mapped_column(String(20))
    enquiry_lead: Mapped[str] = mapped_column(String(200), default="")
    # the outcome (Making Safeguarding Personal)
    outcomes_asked: Mapped[bool | None] = mapped_column(Boolean)
    outcomes_expressed: Mapped[bool | None] = mapped_column(Boolean)
    """Whether the person, asked, said what outcomes they wanted (None: not asked, or recorded
    before issue 13)."""
    desired_outcomes: Mapped[str] = mapped_column(Text, default="")
    outcomes_achieved: Mapped[str | None] = mapped_column(String(20))
    risk_after: Mapped[str | None] = mapped_column(String(20))
    # the closure
    other_response: Mapped[str | None] = mapped_column(String(40))
    review_follow_up: Mapped[str | None] = mapped_column(String(20))
    review_request_id: Mapped[int | None] = mapped_column(ForeignKey("reviews.id"))
    closing_note: Mapped[str] = mapped_column(Text, default="")
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}


class SafeguardingConcernEventRow(Base):
    """One step of a concern's lifecycle: who took it, when, from which state to which (never
    edited). What the step recorded is on the concern row."""

    __tablename__ = "safeguarding_concern_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    concern_id: Mapped[int] = mapped_column(ForeignKey("safeguarding_concerns.id"), index=True)
    step: Mapped[str] = mapped_column(String(30))
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    by: Mapped[str] = mapped_column(String(100))
