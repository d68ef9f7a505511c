"""A person's whole record, every table of it, as JSON or as an accessible PDF: what a subject
access request needs (issue 12).

Unlike `exports.person_record` (the record's main parts in the words the app shows them, the
shape the FHIR bundle is made from), this is every row the database holds about the person:
details, stage history, answers, touchpoint statuses, risk assessments, risks, actions and their
acknowledgements, decisions with capacity and who decided (an AWI decision's principles under
``awi_s1_principles``), meetings with attendees, items and
actions, panels, safeguarding concerns, plan validations, reviews, agreement versions with their
signatures, invitations and requests to talk, and shared items. The tables are found from the
database's metadata (`risk_app.adapters.person_tables`), so a table or column added later is
included without a change here; sign-in accounts, sessions, drafts and secret columns (signing
codes and grants, as hashes) are left out and named, with the reason, under ``not_included``.

It reads the agreement tables directly rather than through the agreements services, which the
record capability may not import (the import contracts in pyproject.toml): the export copies
stored rows and applies no agreement rule.

Staff allocated to the person (and the operator at the command line) export all of it. The
person's own account downloads what ADR 0010 lets it read: its details, stage history, risks,
actions, reviews and risk agreement whole; concerns, meetings, decisions and panels only where the
item is shared (with its child rows); the rest left out and named with the reason (see
`whole_record.PERSON_READS` and `NOT_FOR_THE_PERSON`), and a count of withheld items per part.
A subject access request to staff is still the way to the rest. Each export is audited as an
EXPORT of the WHOLE_RECORD naming the person, its version, the format, the number of rows per
table and the withheld counts, never any content.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from framework.law import law_book
from risk_app.adapters import person_tables, whole_record_document
from risk_app.adapters.db import Store
from risk_app.adapters.tables import PersonRow, TeamRow
from risk_app.domain.access import Actor, PersonScope
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.disclosure import PART_LABELS, RecordPart
from risk_app.domain.inputs import RecordId
from risk_app.domain.record import whole_record as shape
from risk_app.services import audit, disclosure
from risk_app.services import framework as framework_service
from risk_app.services.boundary import checked
from risk_app.services.record import journey, people, stage_record

JsonDict = dict[str, Any]


def _person(session: Session, row: PersonRow) -> JsonDict:
    details = person_tables.person_row(session, row.id)
    assert details is not None
    team = session.get(TeamRow, row.team_id) if row.team_id is not None else None
    return details | {"team": team.name if team is not None else None}


def _not_included(cut: dict[str, str]) -> list[JsonDict]:
    """Every table and column left out, with the reason: always accounts, sessions, drafts and
    secrets; for the person's own account, also the record kinds it does not read (`cut`)."""
    tables = [
        {"table": name, "column": None, "reason": reason}
        for name, reason in sorted((person_tables.EXCLUDED_TABLES | cut).items())
    ]
    columns = [
        {"table": table, "column": column, "reason": reason}
        for table, secret in sorted(person_tables.SECRET_COLUMNS.items())
        if table not in cut
        for column, reason in secret.items()
    ]
    return tables + columns


UNJUDGED = (
    "A kind of record nobody has yet judged readable by the person's own account (see "
    "NOT_FOR_THE_PERSON in risk_app/domain/record/whole_record.py); staff can release it."
)
RESTRICTED_KINDS: dict[str, RecordPart] = {
    row.__tablename__: part for part, row in disclosure.ITEM_TABLES.items()
}
"""Record kinds the person's own account reads item by item, once shared (ADR 0010)."""


def _person_cut(
    session: Session, by: Actor, row: PersonRow, tables: list[person_tables.PersonTable]
) -> tuple[dict[str, set[int] | None], dict[str, str]]:
    """What of each table `by` reads: None for every row, or the ids of the root rows shared;
    and the tables left out, with the reason. Staff read every row of every table."""
    scope = PersonScope(person_id=row.id, team_id=row.team_id)
    if shape.reads_whole_record(by, scope):
        return {t.name: None for t in tables}, {}
    reads: dict[str, set[int] | None] = {}
    cut: dict[str, str] = {}
    for table in tables:
        if table.root in shape.PERSON_READS:
            reads[table.name] = None
        elif table.root in RESTRICTED_KINDS:
            reads[table.name] = disclosure.shared_ids(session, row.id, RESTRICTED_KINDS[table.root])
        else:
            cut[table.name] = (
                shape.checks_withheld(law_book().law_for(row.jurisdiction))
                if table.root == "checks"
                else shape.NOT_FOR_THE_PERSON.get(table.root, UNJUDGED)
            )
    return reads, cut


DERIVED_TOUCHPOINTS = "touchpoints_by_stage"
"""The section holding each touchpoint's status as the record shows it (not a table)."""


def _touchpoints_by_stage(session: Session, by: Actor, row: PersonRow) -> list[JsonDict]:
    """For the latest visit of every stage reached, each touchpoint's status and how it is known:
    the record that evidences it (kind, number, when, by whom, where to find it), or the status
    set by hand (by whom, when, why), and any conflict between the two (ADR 0011)."""
    reached = {v.stage for v in stage_record.visits_of(session, row.id)}
    found: list[JsonDict] = []
    for stage in framework_service.current().stages():
        if stage.id not in reached:
            continue
        for line in journey.stage_journey_in_transaction(session, row, stage.id, by=by).touchpoints:
            made, manual = line.evidence, line.manual
            found.append(
                {
                    "stage": stage.id,
                    "touchpoint": line.node.id,
                    "label": line.node.label,
                    "state": line.state.value,
                    "required": line.required,
                    "required_by_local_policy": None
                    if line.local_policy is None
                    else line.local_policy.caption,
                    "evidenced_by": None
                    if made is None
                    else {
                        "kind": made.kind.value,
                        "id": made.record_id,
                        "at": person_tables.json_value(made.at),
                        "by": made.by,
                        "where": made.where,
                    },
                    "set_by_hand": None
                    if manual is None
                    else {
                        "state": manual.state.value,
                        "by": manual.by,
                        "at": person_tables.json_value(manual.at),
                        "note": manual.note,
                    },
                    "conflict": line.conflict or None,
                }
            )
    return found


def _gather(session: Session, by: Actor, person_id: int) -> tuple[PersonRow, JsonDict]:
    row = people.load_for(session, by, person_id, edit=False)
    tables = person_tables.person_tables()
    reads, cut = _person_cut(session, by, row, tables)
    found = {t.name: t for t in tables if t.name in reads}
    sections = [
        {
            "table": name,
            "title": shape.section_title(name),
            "rows": shape.law_worded(
                name,
                person_tables.rows_of(session, found[name], row.id, root_ids=reads[name]),
            ),
        }
        for name in shape.section_order(list(found))
    ]
    if not cut:
        sections.append(
            {
                "table": DERIVED_TOUCHPOINTS,
                "title": "Where safeguarding links in, as the record shows it",
                "rows": _touchpoints_by_stage(session, by, row),
            }
        )
    withheld = disclosure.withheld_counts(session, by, row)
    return row, {
        "format": shape.FORMAT,
        "format_version": shape.FORMAT_VERSION,
        "exported_at": datetime.now(UTC).isoformat(),
        "exported_by": by.username,
        "scope": "own_account" if cut else "whole",
        "framework_version": framework_service.version(),
        "person": _person(session, row),
        "sections": sections,
        "withheld": [
            {"part": part.value, "label": PART_LABELS[part], "count": count}
            for part, count in withheld
        ],
        "not_included": _not_included(cut),
    }


def _audit(session: Session, by: Actor, row: PersonRow, record: JsonDict, fmt: str) -> None:
    audit.record(
        session,
        by,
        AuditAction.EXPORT,
        AuditObject.WHOLE_RECORD,
        row.id,
        row.version_id,
        format=fmt,
        rows=",".join(f"{s['table']}:{len(s['rows'])}" for s in record["sections"]),
        withheld=",".join(f"{w['part']}:{w['count']}" for w in record["withheld"]),
    )


@checked
def whole_record(store: Store, *, by: Actor, person_id: RecordId) -> JsonDict:
    """The person's whole record as JSON-ready data, audited as an EXPORT (format "json").

    Keys, in order: format ("risk-app whole record"), format_version, exported_at (UTC, ISO
    8601), exported_by, scope ("whole" for staff; "own_account": what the person's own account
    reads), framework_version (in use now; each row names the version it was made
    under), person (every column of the person's row, then the team's name), sections (one per
    table of the record the actor reads, in `whole_record.SECTION_TITLES` order then by name:
    table, title and rows, each row every column in the table's order, dates ISO 8601), withheld
    (for the person's own account: each restricted part with unshared items, as part, label and
    count; empty for staff) and not_included (each table or column left out, with the reason).
    Refused (NotPermitted, logged) for a person the actor may not see or who does not exist.
    """
    with audit.transaction(store, by) as session:
        row, record = _gather(session, by, person_id)
        _audit(session, by, row, record, "json")
    return record


@checked
def whole_record_pdf(store: Store, *, by: Actor, person_id: RecordId) -> bytes:
    """The same record as a tagged PDF/UA-1 document, audited as an EXPORT (format "pdf").

    The PDF is made before the export is logged, so a PDF that cannot be made (RiskAppError when
    WeasyPrint or Pango is missing) logs no export."""
    with audit.transaction(store, by) as session:
        row, record = _gather(session, by, person_id)
        pdf = whole_record_document.pdf(record)
        _audit(session, by, row, record, "pdf")
    return pdf
