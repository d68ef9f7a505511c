"""A person's record: journey, touchpoints, risks, actions, decisions, panels, plan checks, safeguarding concerns, reviews, drafts and items shared with other teams."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
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
    information_needs: Mapped[list[str]] = mapped_column(JSON, default=list)
    """Formats they need information in (Accessible Information Standard): easy_read, large_print."""
    representative_name: Mapped[str] = mapped_column(String(200), default="")
    representative_authority: Mapped[str] = mapped_column(String(40), default="none")
    representative_order_covers_welfare: Mapped[bool | None] = mapped_column(Boolean)
    """For a deputy, guardian or intervention order: does the order cover welfare decisions such
    as the risk agreement (None: not answered)."""
    representative_registered: Mapped[bool | None] = mapped_column(Boolean)
    """For a power of attorney: is it registered (None: not answered)."""
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
    reason: Mapped[str] = mapped_column(Text, default="")
    """Why the person moved on although touchpoints of the stage left were outstanding."""


class PromptAnswerRow(Base):
    """One answer to a framework prompt for one person: a history, appended to and never changed;
    the newest answer to a prompt counts."""

    __tablename__ = "prompt_answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    prompt_id: Mapped[str] = mapped_column(String(40))
    answer: Mapped[str] = mapped_column(Text)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answered_by: Mapped[str] = mapped_column(String(100))
    framework_version: Mapped[str] = mapped_column(String(40))
    stage_visit_id: Mapped[int | None] = mapped_column(ForeignKey("stage_history.id"))
    """The visit of the stage the prompt was answered at (none for answers made before 0012
    when no visit preceded them)."""


class TouchpointStatusRow(Base):
    """A status set by hand for one touchpoint in one stage visit. Earlier rows are kept: the
    newest row for a visit and touchpoint counts, and a record evidencing the touchpoint wins."""

    __tablename__ = "touchpoint_status"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    stage: Mapped[str] = mapped_column(String(40))
    stage_history_id: Mapped[int] = mapped_column(ForeignKey("stage_history.id"), index=True)
    """The stage visit this status was recorded for."""
    touchpoint_id: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[str] = mapped_column(String(100))
    framework_version: Mapped[str] = mapped_column(String(40))


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
    circle_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("circle_members.id"), index=True
    )
    """The owner as a member of the person's circle (None for the person themself, and for
    actions recorded before the circle, whose owner is only the name and kind typed)."""
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
    circle_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("circle_members.id"), index=True
    )
    """Who acknowledged, as a member of the person's circle (None when typed, or before it)."""
    method: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[str] = mapped_column(String(100))
    code_reference: Mapped[str | None] = mapped_column(String(16))
    """The one-time code's reference, when the owner acknowledged remotely with a code."""


class ActionAckInvitationRow(Base):
    """A one-time code for an action's owner without an account to acknowledge it remotely (the
    signing codes' mechanism: the code and the grant are stored only as keyed hashes, wrong tries
    count towards a lock, and it is used once)."""

    __tablename__ = "action_ack_invitations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id"), index=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    owner_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    max_attempts: Mapped[int] = mapped_column(Integer)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    redeemed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    grant_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    grant_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}


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
    relevant_information: Mapped[str | None] = mapped_column(Text)
    """The information relevant to the decision and its foreseeable consequences (MCA s3(4))."""
    balance_of_probabilities: Mapped[bool | None] = mapped_column(Boolean)
    """The assessor's confirmation of the standard of proof (MCA s2(4))."""
    assessor_name: Mapped[str | None] = mapped_column(String(200))
    assessor_role: Mapped[str | None] = mapped_column(String(200))
    capacity_outcome: Mapped[str] = mapped_column(String(20))
    capacity_law: Mapped[str | None] = mapped_column(String(10))
    """The Act the capacity record followed (`CapacityLaw`): "awi" for the Adults with Incapacity
    (Scotland) Act 2000; "mca" or None (records made before it was stored) for the Mental
    Capacity Act 2005. It says how `functional`, `evidence`, `impairment` and `best_interests`
    read: under the AWI Act they hold the s1(6) abilities, their evidence, the mental disorder or
    physical disability named, and how each s1 principle was applied."""
    incapacity_cause: Mapped[str | None] = mapped_column(String(40))
    """AWI only: the answer to the causal question of s1(6) (`AwiCause`); None elsewhere."""
    best_interests: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    decider_name: Mapped[str | None] = mapped_column(String(200))
    decider_role: Mapped[str | None] = mapped_column(String(200))
    authority_covers: Mapped[bool | None] = mapped_column(Boolean)
    """Whether an attorney, a deputy or an advance decision covers the decision (MCA s6(6))."""
    authority_kind: Mapped[str | None] = mapped_column(String(40))
    authority_holder: Mapped[str | None] = mapped_column(String(200))
    authority_scope: Mapped[str | None] = mapped_column(Text)
    decided: Mapped[str | None] = mapped_column(Text)
    """What was decided, by whoever decides. None: recorded before it was asked ("not recorded")."""
    outcome: Mapped[str] = mapped_column(String(40))
    """The council's response to the decision (`CouncilResponse`), not the decision itself."""
    conditions: Mapped[str] = mapped_column(Text, default="")
    review_date: Mapped[date | None] = mapped_column(Date)
    """A date agreed to look at the decision again, recorded with it (None: none agreed)."""
    dissent: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    framework_version: Mapped[str] = mapped_column(String(40))
    created_by: Mapped[str] = mapped_column(String(100))
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}


class PanelRow(Base):
    """A referral to a route such as a risk enablement panel or a high-risk forum, through its
    lifecycle (`risk_app.domain.record.panel_lifecycle`): why and the question asked, the person's
    view and advocate; the date set; the outcome (attendance, options, recommendation, dissent,
    conditions, review); closing or withdrawal. `created_at` is the time of referral."""

    __tablename__ = "panels"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    route: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="referred")
    referral_reason: Mapped[str] = mapped_column(Text)
    question: Mapped[str] = mapped_column(Text, default="")
    risk_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    person_attended: Mapped[bool | None] = mapped_column(Boolean)
    person_view: Mapped[str] = mapped_column(Text)
    advocate: Mapped[str] = mapped_column(String(200), default="")
    scheduled_for: Mapped[date | None] = mapped_column(Date)
    options: Mapped[list[str]] = mapped_column(JSON, default=list)
    recommendation: Mapped[str] = mapped_column(Text, default="")
    dissent: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    conditions: Mapped[str] = mapped_column(Text, default="")
    review_date: Mapped[date | None] = mapped_column(Date)
    held_on: Mapped[date | None] = mapped_column(Date)
    outcome_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome_by: Mapped[str | None] = mapped_column(String(100))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by: Mapped[str | None] = mapped_column(String(100))
    close_note: Mapped[str] = mapped_column(Text, default="")
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_by: Mapped[str | None] = mapped_column(String(100))
    withdrawn_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    framework_version: Mapped[str] = mapped_column(String(40))
    created_by: Mapped[str] = mapped_column(String(100))
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}


class PanelStepRow(Base):
    """One step in a panel referral's history (referred, scheduled, moved, outcome, closed,
    withdrawn): when, by whom, the date it set and any reason given. Never edited."""

    __tablename__ = "panel_steps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    panel_id: Mapped[int] = mapped_column(ForeignKey("panels.id"), index=True)
    step: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(20))
    on_date: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime)
    taken_by: Mapped[str] = mapped_column(String(100))


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
    review_date: Mapped[date | None] = mapped_column(Date)
    """A review date agreed with the plan (e.g. one of its conditions); None: none agreed."""
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decided_by: Mapped[str] = mapped_column(String(100))
    framework_version: Mapped[str] = mapped_column(String(40))
    went_on_reason: Mapped[str] = mapped_column(Text, default="")
    """Why the plan was agreed while a safeguarding concern about the person was open (awaiting
    its Section 42 decision or in an enquiry); empty when none was (slice B, issue 12)."""


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
