"""Lists and exports of people's records: the people list, the whole record as JSON, and FHIR R4.

Who may see what follows the same access rules as every other read (`risk_app.domain.access`):
the operator at the command line sees everyone; practitioners and team managers see the people
allocated to their own team; an individual sees their own record. Every list and export is
audited, and the audit event names records by id and version only, never by name or content.

The record is JSON-ready data (str, int, bool, None, lists and dicts) with a deliberate, stable
key order, ISO 8601 dates and UTC datetimes. Its shape is described by `person_record`; the FHIR
bundle is built from that same record by `risk_app.adapters.fhir`, so both exports always agree.

An export reads the risks through `risks.assessments_for` (which checks access and logs a view)
and then the person's details, answers, touchpoints, actions and acknowledgements together in one
transaction, which also logs the export. Actions are taken from that transaction, so each risk's
`action_ids` agree with the `actions` list even if someone adds an action meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select

from risk_app.adapters import fhir
from risk_app.adapters.db import Store
from risk_app.adapters.tables import (
    AcknowledgementRow,
    ActionRow,
    PersonRow,
    PromptAnswerRow,
    TeamRow,
    TouchpointStatusRow,
)
from risk_app.domain import access
from risk_app.domain.access import Actor, PersonScope
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.disclosure import PART_LABELS
from risk_app.domain.errors import NotPermitted
from risk_app.domain.inputs import RecordId
from risk_app.domain.record.ownership import OwnerKind
from risk_app.domain.record.risk import THREE_BAND_5X5, Rating, RiskScale, residual
from risk_app.domain.roles import Role
from risk_app.services import audit, disclosure
from risk_app.services import framework as framework_service
from risk_app.services.boundary import checked
from risk_app.services.record import people, risks, sharing

RECORD_FORMAT = "risk-app person record"
RECORD_FORMAT_VERSION = 1

JsonDict = dict[str, Any]


# ----------------------------------------------------------------------------- helpers
def _iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return value.isoformat()


def _label(node_id: str) -> str:
    """The framework's label for a node id, or the id itself if this framework lacks it."""
    try:
        return str(framework_service.current().node(node_id).label)
    except KeyError:
        return node_id


def _coded(node_id: str) -> JsonDict:
    return {"id": node_id, "label": _label(node_id)}


# ----------------------------------------------------------------------------- people list
def _listable_query(by: Actor) -> tuple[Any, str]:
    """The people query the actor may list, and what the audit event names as its scope."""
    query = select(PersonRow)
    if by.is_operator:
        return query, "all"
    if by.role in (Role.PRACTITIONER, Role.TEAM_MANAGER) and by.team_id is not None:
        return query.where(PersonRow.team_id == by.team_id), f"team:{by.team_id}"
    if by.role is Role.INDIVIDUAL and by.person_id is not None:
        return query.where(PersonRow.id == by.person_id), f"person:{by.person_id}"
    raise NotPermitted(
        "Only the operator, staff in a team, or an individual can list people.",
        object_type=AuditObject.PEOPLE,
    )


@checked
def people_list(store: Store, *, by: Actor) -> list[JsonDict]:
    """The people the actor may see, by team then name: id, name, preferred name, stage, team.

    Audited as a VIEW naming every record shown (`id:version`), as the caseload is.
    """
    with audit.transaction(store, by) as session:
        query, scope = _listable_query(by)
        teams = {t.id: t.name for t in session.scalars(select(TeamRow))}
        rows = [
            r
            for r in session.scalars(query)
            if access.can_view_person(by, PersonScope(person_id=r.id, team_id=r.team_id))
        ]
        rows.sort(key=lambda r: (teams.get(r.team_id or -1, ""), r.display_name, r.id))
        shown = ",".join(f"{r.id}:{r.version_id}" for r in rows)
        audit.record(session, by, AuditAction.VIEW, AuditObject.PEOPLE, scope, people=shown)
        return [
            {
                "id": r.id,
                "name": r.display_name,
                "preferred_name": r.preferred_name,
                "stage": _coded(r.current_stage),
                "team": teams.get(r.team_id) if r.team_id is not None else None,
            }
            for r in rows
        ]


# ----------------------------------------------------------------------------- the record
def _rating(scale: RiskScale, rating: Rating | None) -> JsonDict | None:
    if rating is None:
        return None
    return {
        "likelihood": rating.likelihood,
        "likelihood_label": scale.likelihoods[rating.likelihood - 1].label,
        "impact": rating.impact,
        "impact_label": scale.impacts[rating.impact - 1].label,
        "score": rating.score,
        "band": rating.band,
    }


def _scale(scale: RiskScale) -> JsonDict:
    return {
        "name": scale.name,
        "likelihoods": [lv.label for lv in scale.likelihoods],
        "impacts": [lv.label for lv in scale.impacts],
        "bands": [
            {
                "name": b.name,
                "min_score": b.min_score,
                "max_score": b.max_score,
                "escalate": b.escalate,
            }
            for b in scale.bands
        ],
    }


def _risk(
    scale: RiskScale, risk: risks.RiskSummary, actions_by_risk: dict[int, list[int]]
) -> JsonDict:
    return {
        "id": risk.id,
        "activity": risk.activity,
        "benefits": risk.benefits,
        "possible_harm": {
            "to_self": risk.harm_to_self,
            "to_others": risk.harm_to_others,
            "from_others": risk.harm_from_others,
        },
        "person_view": risk.person_view,
        "strengths": risk.strengths,
        "abuse_types": [_coded(a) for a in risk.abuse_types],
        "rating": _rating(scale, risk.view.before),
        "person_rating": _rating(scale, risk.view.person_rating),
        "rating_after_mitigation": _rating(scale, risk.view.after),
        "residual": _rating(scale, residual(risk.view)),
        "high": risk.high,
        "ratings_differ": risk.ratings_differ,
        "version": risk.version,
        "action_ids": actions_by_risk.get(risk.id, []),
    }


def _assessments(
    scale: RiskScale,
    found: Iterable[risks.AssessmentSummary],
    actions_by_risk: dict[int, list[int]],
) -> list[JsonDict]:
    return [
        {
            "id": a.id,
            "stage": _coded(a.stage),
            "framework_version": a.framework_version,
            "scale_name": a.scale_name,
            "created_at": _iso(a.created_at),
            "created_by": a.created_by,
            "risks": [_risk(scale, r, actions_by_risk) for r in a.risks],
        }
        for a in found
    ]


def _person(view: people.PersonView) -> JsonDict:
    return {
        "id": view.id,
        "name": view.display_name,
        "preferred_name": view.preferred_name,
        "team": view.team,
        "jurisdiction": view.jurisdiction,
        "stage": _coded(view.current_stage),
        "communication": view.communication,
        "information_needs": list(view.information_needs),
        "about_me": [{"heading": h, "text": t} for h, t in view.about_me],
        "representative": {
            "name": view.representative_name,
            "authority": {
                "code": view.representative_authority.value,
                "label": view.representative_label,
            },
            "order_covers_welfare": view.representative_order_covers_welfare,
            "registered": view.representative_registered,
        },
        "budget_option": _coded(view.budget_option) if view.budget_option else None,
        "direct_payment_start": _iso(view.direct_payment_start),
        "framework_version": view.framework_version,
        "updated_at": _iso(view.updated_at),
        "version": view.version,
    }


def _action(row: ActionRow, acks: list[AcknowledgementRow]) -> JsonDict:
    kind = OwnerKind(row.owner_kind)
    return {
        "id": row.id,
        "risk_id": row.risk_id,
        "description": row.description,
        "owner": {"name": row.owner_name, "kind": kind.value, "kind_label": kind.label},
        "due": _iso(row.due),
        "status": row.status,
        "created_at": _iso(row.created_at),
        "created_by": row.created_by,
        "version": row.version_id,
        "acknowledgements": [
            {
                "id": a.id,
                "acknowledged_by": a.acknowledged_by,
                "method": a.method,
                "at": _iso(a.at),
                "recorded_by": a.recorded_by,
            }
            for a in acks
        ],
    }


def _export(store: Store, *, by: Actor, person_id: int, scale: RiskScale, fmt: str) -> JsonDict:
    """Gather the whole record (checking access) and log the export; see `person_record`."""
    found = risks.assessments_for(store, by=by, person_id=person_id, scale=scale)
    with audit.transaction(store, by) as session:
        row = people.load_for(session, by, person_id, edit=False)
        view = people.view_of(session, row, with_history=True)
        answers = list(
            session.scalars(
                select(PromptAnswerRow)
                .where(PromptAnswerRow.person_id == person_id)
                # every answer kept; per prompt the newest (the one that counts) first
                .order_by(
                    PromptAnswerRow.prompt_id,
                    PromptAnswerRow.answered_at.desc(),
                    PromptAnswerRow.id.desc(),
                )
            )
        )
        touchpoints = list(
            session.scalars(
                select(TouchpointStatusRow)
                .where(TouchpointStatusRow.person_id == person_id)
                .order_by(
                    TouchpointStatusRow.touchpoint_id,
                    TouchpointStatusRow.recorded_at,
                    TouchpointStatusRow.id,
                )
            )
        )
        action_rows = list(
            session.scalars(
                select(ActionRow).where(ActionRow.person_id == person_id).order_by(ActionRow.id)
            )
        )
        acks: dict[int, list[AcknowledgementRow]] = {a.id: [] for a in action_rows}
        if action_rows:
            for ack in session.scalars(
                select(AcknowledgementRow)
                .where(AcknowledgementRow.action_id.in_(list(acks)))
                .order_by(AcknowledgementRow.at, AcknowledgementRow.id)
            ):
                acks[ack.action_id].append(ack)
        # What the person's own account may not read is left out and counted (ADR 0010).
        withheld = disclosure.withheld_counts(session, by, row)
        shared = sharing.shared_items_in(session, by, row)
        audit.record(
            session,
            by,
            AuditAction.EXPORT,
            AuditObject.PERSON,
            row.id,
            row.version_id,
            format=fmt,
            assessments=",".join(str(a.id) for a in found),
            actions=",".join(str(a.id) for a in action_rows),
            shared=",".join(f"{i.part}:{i.item_id}" for i in shared),
            withheld=",".join(f"{part}:{count}" for part, count in withheld),
        )
        actions = [_action(a, acks[a.id]) for a in action_rows]
        answer_data = [
            {
                "prompt": {"id": a.prompt_id, "text": _prompt_text(a.prompt_id)},
                "answer": a.answer,
                "answered_at": _iso(a.answered_at),
                "answered_by": a.answered_by,
                "framework_version": a.framework_version,
            }
            for a in answers
        ]
        touchpoint_data = [
            {
                "touchpoint": _coded(t.touchpoint_id),
                "stage": t.stage,
                "stage_visit": t.stage_history_id,
                "state": t.state,
                "note": t.note,
                "recorded_at": _iso(t.recorded_at),
                "recorded_by": t.recorded_by,
                "framework_version": t.framework_version,
            }
            for t in touchpoints
        ]
    actions_by_risk: dict[int, list[int]] = {}
    for action in action_rows:
        if action.risk_id is not None:
            actions_by_risk.setdefault(action.risk_id, []).append(action.id)
    versions = {view.framework_version, *(v.framework_version for v in view.history)}
    versions |= {a.framework_version for a in answers} | {t.framework_version for t in touchpoints}
    versions |= {a.framework_version for a in found}
    return {
        "record_type": RECORD_FORMAT,
        "format_version": RECORD_FORMAT_VERSION,
        "exported_at": _iso(datetime.now(UTC)),
        "exported_by": by.username,
        "framework": {
            "current_version": framework_service.version(),
            "versions_in_record": sorted(versions),
        },
        "risk_scale": _scale(scale),
        "person": _person(view),
        "stage_history": [
            {
                "stage": _coded(v.stage),
                "entered_at": _iso(v.entered_at),
                "recorded_by": v.recorded_by,
                "framework_version": v.framework_version,
            }
            for v in view.history
        ],
        "prompt_answers": answer_data,
        "touchpoints": touchpoint_data,
        "risk_assessments": _assessments(scale, found, actions_by_risk),
        "actions": actions,
        "shared_with_person": [_shared(item) for item in shared],
        "withheld": [
            {"part": part.value, "label": PART_LABELS[part], "count": count}
            for part, count in withheld
        ],
    }


def _shared(item: sharing.SharedItem) -> JsonDict:
    return {
        "part": item.part.value,
        "item_id": item.item_id,
        "kind": item.kind,
        "title": item.title,
        "details": [{"label": label, "text": text} for label, text in item.lines],
        "reason": item.reason,
        "shared_at": _iso(item.shared_at),
        "shared_by": item.shared_by,
    }


def _prompt_text(prompt_id: str) -> str:
    try:
        node = framework_service.current().node(prompt_id)
    except KeyError:
        return prompt_id
    return str(node.text or node.label)


@checked
def person_record(
    store: Store, *, by: Actor, person_id: RecordId, scale: RiskScale = THREE_BAND_5X5
) -> JsonDict:
    """The person's whole record as JSON-ready data, audited as an EXPORT (format "json").

    Top-level keys, in order: record_type, format_version, exported_at, exported_by, framework
    (current version and every version the record was made under), risk_scale (the scale the
    ratings were computed on, with its bands), person (details, About Me, representative and
    authority, budget option, direct payment start), stage_history, prompt_answers, touchpoints
    (recorded statuses), risk_assessments (newest first, each with its risks: the practitioner's
    rating, the person's own rating, the rating after mitigation and the residual, each with its
    band name), actions (with owners and acknowledgements), shared_with_person (the items of
    restricted parts shared with the person's own account, in the plain words the person reads)
    and withheld (for the person's own account: each restricted part with items not shared with
    it, as part name, label and count, never content; empty for staff, who read every part).
    Safeguarding concerns, meeting records, capacity assessments and panel records are otherwise
    not part of this export (the whole-record export, `whole_record.whole_record`, has them). Refused (NotPermitted, logged) for a person the actor may not see, or
    one who does not exist.
    """
    return _export(store, by=by, person_id=person_id, scale=scale, fmt="json")


@checked
def person_fhir_bundle(
    store: Store, *, by: Actor, person_id: RecordId, scale: RiskScale = THREE_BAND_5X5
) -> JsonDict:
    """The person's record as an HL7 FHIR R4 Bundle (type collection), audited as an EXPORT
    (format "fhir"). See `risk_app.adapters.fhir` for the mapping."""
    record = _export(store, by=by, person_id=person_id, scale=scale, fmt="fhir")
    return fhir.bundle_from_record(record)
