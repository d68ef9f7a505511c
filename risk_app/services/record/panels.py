"""Referrals to a risk enablement panel, the safeguarding process or a high-risk forum.

The routes come from the framework graph (route nodes); a referral records why, the person's
attendance and view (or their advocate's), the options considered, the recommendation, dissent in
each party's words and a review date. Audit details hold identifiers and route ids only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import PanelRow
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.disclosure import RecordPart
from risk_app.domain.errors import InvalidInput
from risk_app.domain.inputs import Code, Day, RecordId
from risk_app.domain.record.dissent import Dissent, clean_dissents, from_stored
from risk_app.domain.record.dissent import stored as dissent_records
from risk_app.domain.text import clean_long_text, clean_short_text
from risk_app.services import audit
from risk_app.services import framework as framework_service
from risk_app.services.boundary import checked
from risk_app.services.record.people import listed_for, load_for
from risk_app.services.record.risks import risk_ids_of


@dataclass(frozen=True, slots=True)
class PanelInput:
    """What is recorded about a referral to a panel or forum (checked by `refer_to_panel`)."""

    route: Code
    referral_reason: str
    risk_ids: Sequence[RecordId]
    person_attended: bool
    person_view: str
    advocate: str
    options: Sequence[str]
    held_on: Day
    recommendation: str = ""
    dissent: Sequence[Dissent | Mapping[str, str]] = ()
    review_date: Day | None = None


@dataclass(frozen=True, slots=True)
class PanelView:
    id: int
    person_id: int
    route: str
    route_label: str
    referral_reason: str
    risk_ids: tuple[int, ...]
    person_attended: bool
    person_view: str
    advocate: str
    options: tuple[str, ...]
    recommendation: str
    dissent: tuple[Dissent, ...]
    review_date: date | None
    held_on: date
    framework_version: str
    created_by: str
    version: int


def view_of(row: PanelRow) -> PanelView:
    """The record as a view (the caller has checked access)."""
    return _panel_view(row)


def _panel_view(row: PanelRow) -> PanelView:
    return PanelView(
        id=row.id,
        person_id=row.person_id,
        route=row.route,
        route_label=framework_service.route_label(row.route),
        referral_reason=row.referral_reason,
        risk_ids=tuple(row.risk_ids),
        person_attended=row.person_attended,
        person_view=row.person_view,
        advocate=row.advocate,
        options=tuple(row.options),
        recommendation=row.recommendation,
        dissent=from_stored(row.dissent),
        review_date=row.review_date,
        held_on=row.held_on,
        framework_version=row.framework_version,
        created_by=row.created_by,
        version=row.version_id,
    )


@checked
def refer_to_panel(store: Store, *, by: Actor, person_id: RecordId, data: PanelInput) -> PanelView:
    """Record a referral to a panel or forum and what it considered, with the person's voice."""
    route_id = framework_service.route_id(data.route)
    reason = clean_long_text(data.referral_reason, "reason for referral")
    if not reason:
        raise InvalidInput("Say why the person's plan is being referred.")
    if not isinstance(data.person_attended, bool):
        raise InvalidInput("Say yes or no: did the person attend?")
    view = clean_long_text(data.person_view, "person's view")
    if not view:
        raise InvalidInput(
            "Record the person's view, in their words or through their advocate, whether or not "
            "they attended."
        )
    advocate_name = clean_short_text(data.advocate, "advocate", required=False)
    options = [data.options] if isinstance(data.options, str) else data.options
    option_texts = [clean_long_text(o, "option", max_length=1000) for o in options]
    option_texts = [o for o in option_texts if o]
    if not option_texts:
        raise InvalidInput("Record at least one option the panel considered.")
    recommendation_text = clean_long_text(data.recommendation, "recommendation")
    dissents = clean_dissents(data.dissent)
    held_on, review_date = data.held_on, data.review_date
    if not isinstance(held_on, date):
        raise InvalidInput("Give the date the panel met.")
    if review_date is not None and review_date < held_on:
        raise InvalidInput("The review date cannot be before the date the panel met.")
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=True)
        ids = risk_ids_of(session, person.id, data.risk_ids)
        row = PanelRow(
            person_id=person.id,
            route=route_id,
            referral_reason=reason,
            risk_ids=ids,
            person_attended=data.person_attended,
            person_view=view,
            advocate=advocate_name,
            options=option_texts,
            recommendation=recommendation_text,
            dissent=dissent_records(dissents),
            review_date=review_date,
            held_on=held_on,
            created_at=datetime.now(UTC),
            framework_version=framework_service.version(),
            created_by=by.username,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.CREATE,
            AuditObject.PANEL,
            row.id,
            row.version_id,
            person=person.id,
            route=route_id,
            risks=",".join(str(i) for i in ids),
        )
        return _panel_view(row)


@checked
def panels_for(store: Store, *, by: Actor, person_id: RecordId) -> list[PanelView]:
    """The person's panel and forum referrals, newest first."""
    return listed_for(
        store,
        by,
        person_id,
        "panels",
        lambda pid: (
            select(PanelRow)
            .where(PanelRow.person_id == pid)
            .order_by(PanelRow.held_on.desc(), PanelRow.id.desc())
        ),
        _panel_view,
        lambda v: f"{v.id}:{v.version}",
        restricted=(RecordPart.THIRD_PARTY, lambda v: v.id),
    )
