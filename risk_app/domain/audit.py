"""The audit trail as values, and the hash chain that makes tampering visible.

Each event's hash covers its own canonical content (including its sequence number) and the
previous event's hash. Changing a row breaks that row's hash; deleting one leaves a gap and breaks
the next row's link; reordering rows breaks the hash at the first moved position. The payload holds
identifiers and field names only, never the values of personal data, so that retention-driven
deletion of case data never requires rewriting the chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum

GENESIS_HASH = "0" * 64

DetailValue = str | int | bool | None


class AuditAction(StrEnum):
    """What happened. Reads of a person's record are logged as well as changes."""

    VIEW = "view"
    CREATE = "create"
    CHANGE = "change"
    SIGN = "sign"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    ACCESS_DENIED = "access_denied"
    ACCOUNT_CREATED = "account_created"
    ACCOUNT_DISABLED = "account_disabled"
    ACCOUNT_ENABLED = "account_enabled"
    ACCOUNT_UNLOCKED = "account_unlocked"
    EXPORT = "export"
    BACKUP = "backup"
    VERIFY = "verify"
    INVITE = "invite"
    """A one-time signing code was created for a named signer."""
    CODE_ACCEPTED = "code_accepted"
    CODE_REJECTED = "code_rejected"
    GRANT_EXTENDED = "grant_extended"
    """Someone signing with a code asked for more time, and their grant was extended."""
    """A one-time code was refused (wrong, expired, locked...); the detail says why, never the code."""
    REVOKE = "revoke"
    SHARE = "share"
    """An item of a restricted part of a record was shared with the person's own account."""
    STOP_SHARING = "stop_sharing"


class AuditObject(StrEnum):
    """What an event is about: a kind of record, a list of records, or a part of the app.

    The values are stored in the log and copied into agreement evidence packs, so a value never
    changes once used. An export event names what was downloaded: one of these, or the name of a
    table the page offers (``case_audit_by_stage``...).
    """

    # A person's record and its parts
    PERSON = "person"
    PROMPT_ANSWER = "prompt_answer"
    TOUCHPOINT_STATUS = "touchpoint_status"
    RISK_ASSESSMENT = "risk_assessment"
    RISK = "risk"
    ACTION = "action"
    DECISION = "decision"
    PANEL = "panel"
    PLAN_VALIDATION = "plan_validation"
    REVIEW = "review"
    REVIEW_REQUEST = "review_request"
    SAFEGUARDING_CONCERN = "safeguarding_concern"
    MEETING = "meeting"
    MEETING_ITEM = "meeting_item"
    MEETING_ATTENDEE = "meeting_attendee"
    """Someone at a meeting (issue 14: added, or withdrawn, while it is open)."""
    AGREEMENT = "agreement"
    # slice D (issue 12): checks recorded (safer recruitment, regulated providers)
    CHECK = "check"
    CHECKS = "checks"
    """A person's checks as a list (staff only: they name third parties)."""
    # The parts of a record (every `RecordPart` value is one of these: sharing and the person's
    # own account's refusals name the part)
    DETAILS = "details"
    RISKS = "risks"
    ACTIONS = "actions"
    REVIEWS = "reviews"
    MEETING_RECORD = "meeting_record"
    CAPACITY_ASSESSMENT = "capacity_assessment"
    THIRD_PARTY = "third_party"
    SHARING = "sharing"
    """The list of items a practitioner may share with the person's account."""
    SHARED_ITEMS = "shared_items"
    """The items shared with the person's own account, as that account lists them."""
    # Lists across records
    PEOPLE = "people"
    CASELOAD = "caseload"
    OVERDUE_ACTIONS = "overdue_actions"
    REVIEWS_DUE = "reviews_due"
    AGREEMENTS = "agreements"
    """A team's agreements (refused to anyone without a team caseload)."""
    AGREEMENTS_AWAITING = "agreements_awaiting"
    # slice B (issue 12): safeguarding concerns as a lifecycle
    SAFEGUARDING_DECISIONS_WAITING = "safeguarding_decisions_waiting"
    """Concerns waiting for a Section 42 decision, as a manager or the safeguarding lead lists them."""
    SAFEGUARDING_ENQUIRIES_OPEN = "safeguarding_enquiries_open"
    SAFEGUARDING_CONCERN_COUNTS = "safeguarding_concern_counts"
    """Counts and ages of concerns per state across the organisation (no names, no content)."""
    # end slice B
    # Slice C (panels as a lifecycle)
    PANELS_WAITING = "panels_waiting"
    """Panel referrals not yet scheduled, and panels scheduled without an outcome, across a team
    (or the organisation, for the safeguarding lead)."""
    # Slice E (issue 12, oversight on the home pages): lists and counts across records
    ACTIONS_DUE = "actions_due"
    """A team's open actions overdue or due soon."""
    MY_OPEN_ACTIONS = "my_open_actions"
    """Open actions a member of staff recorded or owns."""
    ORGANISATION_COUNTS = "organisation_counts"
    """Counts and ages across the organisation, without names (the safeguarding lead's home)."""
    # End of slice E
    # Assurance and the framework
    AUDIT_LOG = "audit_log"
    CASE_CONFORMANCE = "case_conformance"
    PROCESS_ALIGNMENT = "process_alignment"
    BOARD_REPORT = "board_report"
    FRAMEWORK_VERSION = "framework_version"
    # Accounts and the app
    USER = "user"
    ACCOUNTS = "accounts"
    TEAM_ACCOUNTS = "team_accounts"
    PAGE = "page"
    UNKNOWN = "unknown"
    """A refusal that named no kind of record."""
    # Slice F (issue 12): whole-record export
    WHOLE_RECORD = "whole_record"
    """A person's whole record (every table of it), as exported for a subject access request."""
    # Slice G3 (issue 12): the safeguarding lead acts on concerns across the organisation
    SAFEGUARDING_CONCERNS_OPEN = "safeguarding_concerns_open"
    """Every concern not yet closed that the actor may act on, by record number and team only."""
    # End of slice G3
    # Issue 13: the council's own rules
    LOCAL_POLICY = "local_policy"
    """A local policy the safeguarding lead set (which policy, on or off, its number)."""
    # Issue 14: the people around the person
    CIRCLE_MEMBER = "circle_member"
    """Someone in a person's circle (family, PA, provider, health, police, housing...)."""
    CIRCLE = "circle"
    """A person's circle as a list."""


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One thing that happened, before it is placed in the chain."""

    action: AuditAction
    actor: str
    actor_role: str
    object_type: str
    """An `AuditObject` (an export names what was downloaded)."""
    object_id: str = ""
    object_version: int | None = None
    detail: Mapping[str, DetailValue] = field(default_factory=dict)
    at: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass(frozen=True, slots=True)
class ChainedEvent:
    """An event with its place in the chain, as stored."""

    seq: int
    at: str
    actor: str
    actor_role: str
    action: str
    object_type: str
    object_id: str
    object_version: int | None
    detail: str
    prev_hash: str
    hash: str


def utc_iso(moment: datetime) -> str:
    """UTC timestamp with microseconds, e.g. 2026-11-22T10:15:00.123456Z."""
    if moment.tzinfo is None:
        raise ValueError("audit timestamps must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_detail(detail: Mapping[str, DetailValue]) -> str:
    return json.dumps(dict(detail), sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def event_hash(event: ChainedEvent) -> str:
    """SHA-256 over the event's stored fields (its own `hash` aside) and the previous hash."""
    body = json.dumps(
        [
            event.seq,
            event.at,
            event.actor,
            event.actor_role,
            event.action,
            event.object_type,
            event.object_id,
            event.object_version,
            event.detail,
        ],
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return hashlib.sha256(f"{event.prev_hash}\n{body}".encode()).hexdigest()


def chain(event: AuditEvent, *, seq: int, prev_hash: str) -> ChainedEvent:
    """Place an event after the event whose hash is `prev_hash`."""
    unsealed = ChainedEvent(
        seq=seq,
        at=utc_iso(event.at),
        actor=event.actor,
        actor_role=event.actor_role,
        action=str(event.action),
        object_type=str(event.object_type),
        object_id=event.object_id,
        object_version=event.object_version,
        detail=canonical_detail(event.detail),
        prev_hash=prev_hash,
        hash="",
    )
    return replace(unsealed, hash=event_hash(unsealed))


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The result of walking the chain from the first event."""

    checked: int
    head_hash: str
    first_bad_seq: int | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def summary(self) -> str:
        if self.ok:
            return f"Audit log intact: {self.checked} events, head hash {self.head_hash}."
        return f"Audit log TAMPERED at event {self.first_bad_seq}: {self.problem}"


def verify_chain(events: Iterable[ChainedEvent]) -> ChainReport:
    """Walk events in stored order and report the first place the chain does not hold."""
    expected_seq = 1
    prev = GENESIS_HASH
    checked = 0
    for event in events:
        if event.seq != expected_seq:
            if event.seq > expected_seq:
                problem = (
                    f"events {expected_seq} to {event.seq - 1} are missing (deleted)"
                    if event.seq - 1 > expected_seq
                    else f"event {expected_seq} is missing (deleted)"
                )
            else:
                problem = f"event {event.seq} appears out of order after event {expected_seq - 1}"
            return ChainReport(checked, prev, expected_seq, problem)
        if event.prev_hash != prev:
            return ChainReport(
                checked,
                prev,
                event.seq,
                "its link to the previous event does not match "
                f"(event {event.seq - 1} or this link was altered)",
            )
        recomputed = event_hash(event)
        if recomputed != event.hash:
            return ChainReport(
                checked, prev, event.seq, "its content was changed after it was written"
            )
        prev = event.hash
        checked += 1
        expected_seq += 1
    return ChainReport(checked, prev)
