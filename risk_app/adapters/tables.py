"""Database tables (SQLAlchemy 2 declarative). Migrations in risk_app/migrations must match these.

Every editable table has `version_id`, used for optimistic locking: a save names the version it
was made from and is refused if the stored version moved on.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC and always hands back timezone-aware datetimes (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("refusing to store a naive datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime}


class TeamRow(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}


class PersonRow(Base):
    """A person drawing on care and support. Kept to what is needed."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200))
    preferred_name: Mapped[str] = mapped_column(String(200), default="")
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    jurisdiction: Mapped[str] = mapped_column(String(20), default="england")
    current_stage: Mapped[str] = mapped_column(String(40))
    framework_version: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    communication: Mapped[str] = mapped_column(Text, default="")
    about_me: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    representative_name: Mapped[str] = mapped_column(String(200), default="")
    representative_authority: Mapped[str] = mapped_column(String(40), default="none")
    budget_option: Mapped[str] = mapped_column(String(40), default="")
    direct_payment_start: Mapped[date | None] = mapped_column(Date)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}


class StageHistoryRow(Base):
    __tablename__ = "stage_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    stage: Mapped[str] = mapped_column(String(40))
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[str] = mapped_column(String(100))
    framework_version: Mapped[str] = mapped_column(String(40))


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


class PromptAnswerRow(Base):
    """The latest answer to one framework prompt for one person (earlier ones are in the audit log)."""

    __tablename__ = "prompt_answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    prompt_id: Mapped[str] = mapped_column(String(40))
    answer: Mapped[str] = mapped_column(Text)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answered_by: Mapped[str] = mapped_column(String(100))
    framework_version: Mapped[str] = mapped_column(String(40))

    __table_args__ = (UniqueConstraint("person_id", "prompt_id"),)


class TouchpointStatusRow(Base):
    __tablename__ = "touchpoint_status"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    touchpoint_id: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[str] = mapped_column(String(100))
    framework_version: Mapped[str] = mapped_column(String(40))

    __table_args__ = (UniqueConstraint("person_id", "touchpoint_id"),)


class RiskAssessmentRow(Base):
    __tablename__ = "risk_assessments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    stage: Mapped[str] = mapped_column(String(40))
    framework_version: Mapped[str] = mapped_column(String(40))
    scale_name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}


class RiskRow(Base):
    """One risk, in the person's own words, with benefits as well as possible harms."""

    __tablename__ = "risks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("risk_assessments.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    activity: Mapped[str] = mapped_column(Text)
    benefits: Mapped[str] = mapped_column(Text, default="")
    harm_to_self: Mapped[str] = mapped_column(Text, default="")
    harm_to_others: Mapped[str] = mapped_column(Text, default="")
    harm_from_others: Mapped[str] = mapped_column(Text, default="")
    likelihood: Mapped[int] = mapped_column(Integer)
    impact: Mapped[int] = mapped_column(Integer)
    person_view: Mapped[str] = mapped_column(Text, default="")
    person_likelihood: Mapped[int | None] = mapped_column(Integer)
    person_impact: Mapped[int | None] = mapped_column(Integer)
    strengths: Mapped[str] = mapped_column(Text, default="")
    residual_likelihood: Mapped[int | None] = mapped_column(Integer)
    residual_impact: Mapped[int | None] = mapped_column(Integer)
    abuse_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}


class ActionRow(Base):
    """A mitigation or action with an owner, who may have no account (the person, family, a PA...)."""

    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    risk_id: Mapped[int | None] = mapped_column(ForeignKey("risks.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner_name: Mapped[str] = mapped_column(String(200))
    owner_kind: Mapped[str] = mapped_column(String(40))
    due: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}


class AcknowledgementRow(Base):
    """An owner's acknowledgement of their action: who, when and how."""

    __tablename__ = "acknowledgements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id"), index=True)
    acknowledged_by: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[str] = mapped_column(String(100))


class DraftRow(Base):
    """Autosaved form drafts, per user and form, so a reload or dropped connection loses nothing."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    form_key: Mapped[str] = mapped_column(String(200))
    payload: Mapped[dict[str, object]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (UniqueConstraint("user_id", "form_key"),)


class DecisionRow(Base):
    """One supported decision: the choice in the person's words, the options and support given,
    the capacity record for this decision at this time, best interests where the person lacks
    capacity, the outcome and any dissent in each party's own words."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    risk_id: Mapped[int | None] = mapped_column(ForeignKey("risks.id"), index=True)
    decision: Mapped[str] = mapped_column(Text)
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)
    options: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    support_given: Mapped[list[str]] = mapped_column(JSON, default=list)
    reason_to_doubt: Mapped[str | None] = mapped_column(Text)
    functional: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    evidence: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    impairment: Mapped[str | None] = mapped_column(Text)
    inability_because_of_impairment: Mapped[bool | None] = mapped_column(Boolean)
    capacity_outcome: Mapped[str] = mapped_column(String(20))
    best_interests: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    decider_name: Mapped[str | None] = mapped_column(String(200))
    decider_role: Mapped[str | None] = mapped_column(String(200))
    outcome: Mapped[str] = mapped_column(String(40))
    conditions: Mapped[str] = mapped_column(Text, default="")
    dissent: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    framework_version: Mapped[str] = mapped_column(String(40))
    created_by: Mapped[str] = mapped_column(String(100))
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}


class PanelRow(Base):
    """A referral to a route such as a risk enablement panel or a high-risk forum, and its record:
    why, the person's attendance, view and advocate, options, recommendation, dissent, review."""

    __tablename__ = "panels"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    route: Mapped[str] = mapped_column(String(40))
    referral_reason: Mapped[str] = mapped_column(Text)
    risk_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    person_attended: Mapped[bool] = mapped_column(Boolean)
    person_view: Mapped[str] = mapped_column(Text)
    advocate: Mapped[str] = mapped_column(String(200), default="")
    options: Mapped[list[str]] = mapped_column(JSON, default=list)
    recommendation: Mapped[str] = mapped_column(Text, default="")
    dissent: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    review_date: Mapped[date | None] = mapped_column(Date)
    held_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    framework_version: Mapped[str] = mapped_column(String(40))
    created_by: Mapped[str] = mapped_column(String(100))
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}


class PlanValidationRow(Base):
    """An accepted plan validation (never edited: a later validation is a new row)."""

    __tablename__ = "plan_validations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    checks: Mapped[dict[str, dict[str, Any]]] = mapped_column(JSON)
    outcome: Mapped[str] = mapped_column(String(40))
    conditions: Mapped[str] = mapped_column(Text, default="")
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    routes: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decided_by: Mapped[str] = mapped_column(String(100))
    framework_version: Mapped[str] = mapped_column(String(40))


class SafeguardingConcernRow(Base):
    """A safeguarding concern: abuse types screened, the route the framework gives, the Section 42
    three-part test and its outcome, and what the person wants to happen (Making Safeguarding
    Personal)."""

    __tablename__ = "safeguarding_concerns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    risk_id: Mapped[int | None] = mapped_column(ForeignKey("risks.id"))
    abuse_types: Mapped[list[str]] = mapped_column(JSON)
    route: Mapped[list[str]] = mapped_column(JSON)
    needs: Mapped[bool | None] = mapped_column(Boolean)
    abuse_or_risk: Mapped[bool | None] = mapped_column(Boolean)
    unable_to_protect: Mapped[bool | None] = mapped_column(Boolean)
    s42_result: Mapped[str] = mapped_column(String(30))
    person_wants: Mapped[str] = mapped_column(Text)
    immediate_action: Mapped[str] = mapped_column(Text)
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime)
    raised_by: Mapped[str] = mapped_column(String(100))
    framework_version: Mapped[str] = mapped_column(String(40))


class ReviewRow(Base):
    """A review held, or an early (triggered) review requested and not yet held."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    """'requested' (a triggered review is wanted by `due_by`) or 'held'."""
    kind: Mapped[str] = mapped_column(String(30))
    trigger: Mapped[str | None] = mapped_column(String(40))
    due_by: Mapped[date | None] = mapped_column(Date)
    held_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[str] = mapped_column(String(100))


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


class MeetingAttendeeRow(Base):
    """Someone invited to a meeting, with their agency, role (an owner kind) and attendance."""

    __tablename__ = "meeting_attendees"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    agency: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(40))
    present: Mapped[bool] = mapped_column(Boolean)


class MeetingItemRow(Base):
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


class MeetingActionRow(Base):
    """Links an action (in `actions`) to the meeting at which it was agreed."""

    __tablename__ = "meeting_actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id"), index=True)

    __table_args__ = (UniqueConstraint("meeting_id", "action_id"),)


class AgreementVersionRow(Base):
    """One issued version of a person's risk agreement. Never updated (a database trigger refuses
    UPDATE): any change to the records is issued as a new version."""

    __tablename__ = "agreement_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    """1, 2, 3... per person."""
    content: Mapped[str] = mapped_column(Text)
    """The canonical JSON, exactly the bytes the digest covers."""
    digest: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    issued_by: Mapped[str] = mapped_column(String(100))
    seal: Mapped[str] = mapped_column(String(100))
    """The organisation's Ed25519 seal over the issue record (base64)."""
    seal_public_key: Mapped[str] = mapped_column(String(64))
    """The sealing key's raw public key (base64), so old seals stay checkable after rotation."""

    __table_args__ = (UniqueConstraint("person_id", "version", name="uq_agreement_version"),)


class AgreementSignatureRow(Base):
    """One signature on one version: who, in what role, on whose behalf and basis, how, when,
    the digest signed and the organisation's seal. Never updated; one per signer per version."""

    __tablename__ = "agreement_signatures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_version_id: Mapped[int] = mapped_column(
        ForeignKey("agreement_versions.id"), index=True
    )
    requirement: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))
    signer_name: Mapped[str] = mapped_column(String(200))
    on_behalf_of: Mapped[str] = mapped_column(String(200))
    basis: Mapped[str] = mapped_column(String(40))
    supported_by: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(String(20))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    comment: Mapped[str] = mapped_column(Text)
    digest: Mapped[str] = mapped_column(String(64))
    recorded_by: Mapped[str] = mapped_column(String(100))
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("signing_invitations.id"))
    seal: Mapped[str] = mapped_column(String(100))
    seal_public_key: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        UniqueConstraint("agreement_version_id", "requirement", name="uq_agreement_signer"),
    )


class SigningInvitationRow(Base):
    """A one-time code for one named signer of one version. The code and the signing grant are
    stored only as keyed hashes; wrong tries count towards a lock."""

    __tablename__ = "signing_invitations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_version_id: Mapped[int] = mapped_column(
        ForeignKey("agreement_versions.id"), index=True
    )
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    requirement: Mapped[str] = mapped_column(String(300))
    signer_name: Mapped[str] = mapped_column(String(200))
    basis: Mapped[str] = mapped_column(String(40))
    on_behalf_of: Mapped[str] = mapped_column(String(200))
    supported_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    max_attempts: Mapped[int] = mapped_column(Integer)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    redeemed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    grant_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    grant_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}


class AgreementTalkRequestRow(Base):
    """A signer said "I want to talk about it first" instead of signing a version. Open while the
    version is current and that signer has not signed."""

    __tablename__ = "agreement_talk_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_version_id: Mapped[int] = mapped_column(
        ForeignKey("agreement_versions.id"), index=True
    )
    requirement: Mapped[str] = mapped_column(String(300))
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[str] = mapped_column(String(100))
    method: Mapped[str] = mapped_column(String(20))

    __table_args__ = (
        UniqueConstraint("agreement_version_id", "requirement", name="uq_agreement_talk"),
    )


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


class SharedItemRow(Base):
    """One item of a restricted part of a person's record (a concern, a meeting's record, a
    decision's capacity assessment, a panel record) and whether it is shared with the person's own
    account: who shared it, when and why, and who stopped sharing it, when and why. One row per
    item; sharing again after a stop reuses it (every change is in the audit log)."""

    __tablename__ = "shared_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    part: Mapped[str] = mapped_column(String(40))
    item_id: Mapped[int] = mapped_column(Integer)
    shared: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text)
    shared_at: Mapped[datetime] = mapped_column(UTCDateTime)
    shared_by: Mapped[str] = mapped_column(String(100))
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    stopped_by: Mapped[str | None] = mapped_column(String(100))
    stop_reason: Mapped[str] = mapped_column(Text, default="")
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}
    __table_args__ = (UniqueConstraint("part", "item_id", name="uq_shared_item"),)
