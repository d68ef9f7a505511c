"""The safeguarding audit report for the Safeguarding Adults Board, as a PDF.

For the safeguarding lead (and the operator), like the case audit it draws on; a refusal is
logged. The PDF is made from the same JSON data as the audits' exports, and the export is logged
with counts and framework versions only, never a case id or anything else about a person.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from risk_app.adapters.board_report_pdf import board_report_pdf
from risk_app.adapters.db import Store
from risk_app.adapters.tables import UserRow
from risk_app.config import Settings
from risk_app.domain import access
from risk_app.domain.access import Actor
from risk_app.domain.assurance.conformance_output import report_json
from risk_app.domain.assurance.process_alignment import AlignmentReport
from risk_app.domain.audit import AuditObject, DetailValue
from risk_app.domain.errors import InvalidInput
from risk_app.domain.inputs import ShortText
from risk_app.domain.sealing import SealKey
from risk_app.services import audit, checkpoints
from risk_app.services.assurance.case_audit import CaseAudit
from risk_app.services.boundary import checked

_log = logging.getLogger(__name__)
DEFAULT_ORGANISATION = "Your organisation"
"""The app keeps no organisation name of its own (config has none)."""


def _author(store: Store, by: Actor) -> str:
    """The name the report is signed with: the account's display name and role."""
    if by.is_operator:
        return f"{by.username} (operator)"
    with store.read() as session:
        row = session.get(UserRow, by.user_id)
        name = row.display_name if row is not None else by.username
    return f"{name}, {by.role.label.lower()}"


def _export_detail(
    case: dict[str, Any] | None, alignment: dict[str, Any] | None
) -> dict[str, DetailValue]:
    detail: dict[str, DetailValue] = {}
    if case is not None:
        summary = case["summary"]
        detail |= {
            "case_framework_version": case["framework"]["version"],
            "cases": summary["cases"],
            "conforming": summary["conforming"],
            "deviations": summary["deviations"],
        }
    if alignment is not None:
        coverage = alignment["coverage"]["all"]
        detail |= {
            "process_framework_version": alignment["framework"]["version"],
            "placements": coverage["total"],
            "covered": coverage["covered"],
            "missing": coverage["missing"],
            "misplaced": coverage["misplaced"],
        }
    return detail


@checked
def board_report(
    store: Store,
    by: Actor,
    *,
    case_audit: CaseAudit | None = None,
    alignment: AlignmentReport | None = None,
    organisation: ShortText | None = None,
    settings: Settings | None = None,
    key: SealKey | None = None,
) -> bytes:
    """The board report PDF for a finished case audit, a process alignment, or both.

    ``organisation`` defaults to the process's own organisation, else "Your organisation".
    Each report makes a fresh audit-head checkpoint (in the checkpoint folder of ``settings``,
    sealed with ``key``; by default the configured ones) and prints its sequence number and hash;
    without a seal key the report says no checkpoint could be made.
    Raises NotPermitted (logged) for anyone but the safeguarding lead and the operator,
    InvalidInput when neither part is given, and RiskAppError when no PDF can be made here.
    """
    audit.require(store, by, access.can_audit_cases, AuditObject.BOARD_REPORT)
    if case_audit is None and alignment is None:
        raise InvalidInput(
            "There is nothing to report yet: run a case audit or a process alignment first."
        )
    case = (
        report_json(case_audit.report, case_audit.rules, case_audit.source, drill_down=False)
        if case_audit is not None
        else None
    )
    process = alignment.to_json() if alignment is not None else None
    name = (organisation or "").strip() or (alignment.organisation if alignment else None)
    written, why = checkpoints.for_report(store, settings=settings, key=key)
    if written is None:
        _log.warning("The board report has no audit checkpoint: %s", why)
    pdf = board_report_pdf(
        case_audit=case,
        alignment=process,
        organisation=name or DEFAULT_ORGANISATION,
        generated_by=_author(store, by),
        generated_at=datetime.now(UTC),
        checkpoint=None
        if written is None
        else {
            "seq": written.checkpoint.seq,
            "head_hash": written.checkpoint.head_hash,
            "key_fingerprint": written.checkpoint.key_fingerprint,
            "file": written.path.name,
        },
    )
    audit.record_export(store, by, AuditObject.BOARD_REPORT, **_export_detail(case, process))
    return pdf
