"""Which records evidence which touchpoints: the app's record kinds mapped to the framework's record
types, once. The touchpoints a record evidences are read from the graph (`recorded_as` links),
never listed here, so a revised framework changes them without code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from framework import FrameworkGraph


class RecordKind(StrEnum):
    """A kind of record the app keeps that can evidence a touchpoint."""

    RISK_ASSESSMENT = "risk_assessment"
    SUPPORTED_DECISION = "supported_decision"
    CAPACITY_ASSESSMENT = "capacity_assessment"
    """A decision recorded with a reason to doubt the person's capacity for it."""
    BEST_INTERESTS = "best_interests"
    PLAN_VALIDATION = "plan_validation"
    PANEL_REFERRAL = "panel_referral"
    SAFEGUARDING_CONCERN = "safeguarding_concern"
    REVIEW_HELD = "review_held"
    AGREEMENT = "agreement"
    RECRUITMENT_CHECK = "recruitment_check"
    """A DBS check, references or employer's liability insurance recorded."""
    PROVIDER_CHECK = "provider_check"
    """A care provider's registration checked."""


RECORD_TYPE: dict[RecordKind, str] = {
    RecordKind.RISK_ASSESSMENT: "RC-RA",
    RecordKind.SUPPORTED_DECISION: "RC-SDR",
    RecordKind.CAPACITY_ASSESSMENT: "RC-MCA",
    RecordKind.BEST_INTERESTS: "RC-BI",
    RecordKind.PLAN_VALIDATION: "RC-VALID",
    RecordKind.PANEL_REFERRAL: "RC-PANELREF",
    RecordKind.SAFEGUARDING_CONCERN: "RC-SGC",
    RecordKind.REVIEW_HELD: "RC-REVIEW",
    RecordKind.AGREEMENT: "RC-RISKAGR",
    RecordKind.RECRUITMENT_CHECK: "RC-RECRUITCHECK",
    RecordKind.PROVIDER_CHECK: "RC-PROVIDERCHECK",
}
"""The framework record type (RC-* node) each kind of record is."""

WORDS: dict[RecordKind, tuple[str, str]] = {
    RecordKind.RISK_ASSESSMENT: ("A risk assessment", "was started"),
    RecordKind.SUPPORTED_DECISION: ("A supported decision", "was recorded"),
    RecordKind.CAPACITY_ASSESSMENT: ("A capacity assessment", "was recorded"),
    RecordKind.BEST_INTERESTS: ("A best-interests decision", "was recorded"),
    RecordKind.PLAN_VALIDATION: ("A plan validation", "was recorded"),
    RecordKind.PANEL_REFERRAL: ("A panel referral", "was made"),
    RecordKind.SAFEGUARDING_CONCERN: ("A safeguarding concern", "was raised"),
    RecordKind.REVIEW_HELD: ("A review", "was held"),
    RecordKind.AGREEMENT: ("A risk agreement", "was issued"),
    RecordKind.RECRUITMENT_CHECK: ("A safer recruitment check", "was recorded"),
    RecordKind.PROVIDER_CHECK: ("A provider registration check", "was recorded"),
}
"""How a sentence names the record and what happened to it."""

WHERE: dict[RecordKind, str] = {
    RecordKind.RISK_ASSESSMENT: "Risks and who owns what tab, assessment",
    RecordKind.SUPPORTED_DECISION: "Decisions and panels tab, decision",
    RecordKind.CAPACITY_ASSESSMENT: "Decisions and panels tab, decision",
    RecordKind.BEST_INTERESTS: "Decisions and panels tab, decision",
    RecordKind.PLAN_VALIDATION: "Decisions and panels tab, Plan validations recorded, validation",
    RecordKind.PANEL_REFERRAL: "Decisions and panels tab, Panels and forums, panel",
    RecordKind.SAFEGUARDING_CONCERN: "Safeguarding concern tab, concern",
    RecordKind.REVIEW_HELD: "Where safeguarding links in tab, Reviews, review",
    RecordKind.AGREEMENT: "Risk agreement tab, version",
    RecordKind.RECRUITMENT_CHECK: "Where safeguarding links in tab, Checks, check",
    RecordKind.PROVIDER_CHECK: "Where safeguarding links in tab, Checks, check",
}
"""Where in the person's record to find a record of each kind (followed by its number)."""


@dataclass(frozen=True, slots=True)
class RecordMade:
    """One record in the person's file that may evidence touchpoints."""

    kind: RecordKind
    record_id: int
    at: datetime
    by: str

    @property
    def where(self) -> str:
        """Where to find it, e.g. ``Decisions tab, decision #12``."""
        return f"{WHERE[self.kind]} #{self.record_id}"


def evidenced_touchpoints(graph: FrameworkGraph, kind: RecordKind) -> tuple[str, ...]:
    """The touchpoints a record of this kind evidences: those `recorded_as` its record type."""
    record_type = RECORD_TYPE[kind]
    return tuple(
        link.source
        for link in graph.links(target=record_type, type="recorded_as")
        if str(graph.node(link.source).type) == "touchpoint"
    )
