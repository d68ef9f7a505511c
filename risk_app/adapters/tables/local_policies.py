"""The council's local policies as the safeguarding lead set them: a history, never edited.

Each change is a new row with the next version of that policy; the newest row counts, and a
policy with no row is at its default (`risk_app.domain.record.local_policy`). The unique
version per policy refuses two changes made at once from the same version.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from risk_app.adapters.tables.base import Base, UTCDateTime


class LocalPolicyRow(Base):
    __tablename__ = "local_policies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    policy: Mapped[str] = mapped_column(String(40), index=True)
    """A `PolicyId` value."""
    version: Mapped[int] = mapped_column(Integer)
    """1 for the first setting of this policy, then one more at each change."""
    is_on: Mapped[bool] = mapped_column(Boolean)
    value: Mapped[int | None] = mapped_column(Integer)
    """The policy's number (working days...), or none for an on/off policy."""
    set_by: Mapped[str] = mapped_column(String(100))
    set_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (UniqueConstraint("policy", "version", name="uq_local_policies_version"),)
