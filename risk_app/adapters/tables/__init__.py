"""The database tables (SQLAlchemy 2 declarative); the migrations in risk_app/migrations match them.

Every editable table has `version_id`, used for optimistic locking: a save names the version it
was made from and is refused if the stored version moved on.

One module per part of the record; importing this package registers every table on
`Base.metadata` (which Alembic and the tests use).
"""

from risk_app.adapters.tables.agreements import (
    AgreementSignatureRow,
    AgreementTalkRequestRow,
    AgreementVersionRow,
    SigningInvitationRow,
)
from risk_app.adapters.tables.base import Base, UTCDateTime
from risk_app.adapters.tables.checks import CheckRow
from risk_app.adapters.tables.circle import CircleMemberRow
from risk_app.adapters.tables.concerns import SafeguardingConcernEventRow, SafeguardingConcernRow
from risk_app.adapters.tables.local_policies import LocalPolicyRow
from risk_app.adapters.tables.meetings import (
    MeetingActionRow,
    MeetingAttendeeRow,
    MeetingItemRow,
    MeetingRow,
)
from risk_app.adapters.tables.organisation import (
    AuditEventRow,
    FrameworkVersionRow,
    TeamRow,
    ThrottledTryRow,
    UserRow,
    WebSessionRow,
)
from risk_app.adapters.tables.record import (
    AcknowledgementRow,
    ActionAckInvitationRow,
    ActionRow,
    DecisionRow,
    DraftRow,
    PanelRow,
    PanelStepRow,
    PersonRow,
    PlanValidationRow,
    PromptAnswerRow,
    ReviewRow,
    RiskAssessmentRow,
    RiskRow,
    SharedItemRow,
    StageHistoryRow,
    TouchpointStatusRow,
)

__all__ = [
    "AcknowledgementRow",
    "ActionAckInvitationRow",
    "ActionRow",
    "AgreementSignatureRow",
    "AgreementTalkRequestRow",
    "AgreementVersionRow",
    "AuditEventRow",
    "Base",
    "CheckRow",
    "CircleMemberRow",
    "DecisionRow",
    "DraftRow",
    "FrameworkVersionRow",
    "LocalPolicyRow",
    "MeetingActionRow",
    "MeetingAttendeeRow",
    "MeetingItemRow",
    "MeetingRow",
    "PanelRow",
    "PanelStepRow",
    "PersonRow",
    "PlanValidationRow",
    "PromptAnswerRow",
    "ReviewRow",
    "RiskAssessmentRow",
    "RiskRow",
    "SafeguardingConcernEventRow",
    "SafeguardingConcernRow",
    "SharedItemRow",
    "SigningInvitationRow",
    "StageHistoryRow",
    "TeamRow",
    "ThrottledTryRow",
    "TouchpointStatusRow",
    "UTCDateTime",
    "UserRow",
    "WebSessionRow",
]
