"""Every date agreed in a person's record for looking at their plan again, read from the record.

The panels' review dates, the dates closed meetings agreed to meet again, and the review dates
recorded with a plan validation or a supported decision, each as a `ReviewSource` naming the
record, the day it was agreed and who recorded it. One query per kind of record for any number of
people, so a team's list costs the same as one person's record. The earliest of these and the
rule is the person's next review (`risk_app.domain.record.next_review`).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters.tables import DecisionRow, MeetingRow, PanelRow, PlanValidationRow
from risk_app.domain.record.meetings import MeetingStatus
from risk_app.domain.record.next_review import ReviewSource, SourceKind


def agreed_sources(session: Session, person_ids: Sequence[int]) -> dict[int, list[ReviewSource]]:
    """The review dates agreed for each of ``person_ids`` (every id has a list, maybe empty)."""
    found: dict[int, list[ReviewSource]] = {i: [] for i in person_ids}
    if not person_ids:
        return found
    ids = list(person_ids)
    for panel in session.scalars(
        select(PanelRow).where(PanelRow.person_id.in_(ids), PanelRow.review_date.is_not(None))
    ):
        assert panel.review_date is not None
        found[panel.person_id].append(
            ReviewSource(
                SourceKind.PANEL, panel.review_date, panel.id, panel.held_on, panel.created_by
            )
        )
    for meeting in session.scalars(
        select(MeetingRow).where(
            MeetingRow.person_id.in_(ids),
            MeetingRow.status == MeetingStatus.CLOSED.value,
            MeetingRow.next_meeting.is_not(None),
        )
    ):
        assert meeting.next_meeting is not None
        found[meeting.person_id].append(
            ReviewSource(
                SourceKind.MEETING,
                meeting.next_meeting,
                meeting.id,
                meeting.held_on,
                meeting.created_by,
            )
        )
    for validation in session.scalars(
        select(PlanValidationRow).where(
            PlanValidationRow.person_id.in_(ids), PlanValidationRow.review_date.is_not(None)
        )
    ):
        assert validation.review_date is not None
        found[validation.person_id].append(
            ReviewSource(
                SourceKind.PLAN_CONDITIONS,
                validation.review_date,
                validation.id,
                validation.decided_at.date(),
                validation.decided_by,
            )
        )
    for decision in session.scalars(
        select(DecisionRow).where(
            DecisionRow.person_id.in_(ids), DecisionRow.review_date.is_not(None)
        )
    ):
        assert decision.review_date is not None
        found[decision.person_id].append(
            ReviewSource(
                SourceKind.DECISION,
                decision.review_date,
                decision.id,
                decision.decided_at.date(),
                decision.created_by,
            )
        )
    return found
