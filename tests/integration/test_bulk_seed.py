"""The bulk seeder (tests/bulk.py) builds an organisation the app accepts as its own, and the saves
benchmark (bench/saves.py) runs on it: tiny sizes here, so neither rots. No timings are asserted.
SQLite and PostgreSQL."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from sqlalchemy import func, select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow, CircleMemberRow, PersonRow, RiskRow, TeamRow
from risk_app.services import audit
from risk_app.services.record import circle, journey, meetings, people, risks, safeguarding
from tests import bulk


def _bench_saves():
    """bench/saves.py, loaded by its path: `bench/` never joins sys.path, where its
    scripts could shadow the tests' helpers of the same name."""
    path = Path(__file__).resolve().parents[2] / "bench" / "saves.py"
    spec = importlib.util.spec_from_file_location("bench_saves", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_a_seeded_organisation_keeps_its_audit_chain_and_every_copied_record_reads_back(
    store: Store,
):
    seeded = bulk.seed(store, people=40, team_size=10, templates=4)
    assert audit.verify(store).ok
    with store.read() as session:
        copied = session.scalar(
            select(func.count())
            .select_from(PersonRow)
            .where(PersonRow.display_name.like("Person %"))
        )
        risk_count = session.scalar(
            select(func.count())
            .select_from(RiskRow)
            .where(
                RiskRow.person_id.in_(
                    select(PersonRow.id).where(PersonRow.display_name.like("Person %"))
                )
            )
        )
        teams = session.scalar(
            select(func.count()).select_from(TeamRow).where(TeamRow.name.like("Bulk team %"))
        )
    assert copied == 36 and risk_count == 36 * bulk.RISKS_PER_PERSON and teams == 3
    by = bulk.practitioner(store)
    caseload = bulk.north_people(store)
    assert caseload and seeded.template_ids
    for person_id in caseload:
        view = people.get_person(store, by=by, person_id=person_id)
        assert view.display_name.startswith("Person ")
        shown = risks.assessments_for(store, by=by, person_id=person_id)
        assert sum(len(a.risks) for a in shown) == bulk.RISKS_PER_PERSON
        meetings.meetings_for(store, by=by, person_id=person_id)
        safeguarding.concerns_for(store, by=by, person_id=person_id)
        journey.journey(store, by=by, person_id=person_id)
    assert audit.verify(store).ok


def test_every_copied_person_has_a_circle_that_owns_their_actions_and_attends_their_meeting(
    store: Store,
):
    bulk.seed(store, people=24, team_size=12, templates=4)
    by = bulk.practitioner(store)
    for person_id in bulk.north_people(store):
        members = circle.members_for(store, by=by, person_id=person_id)
        assert {m.name for m in members} == {"Jo", "PC Hill", "Nurse Ade"}
        ids = {m.id for m in members}
        shown = risks.assessments_for(store, by=by, person_id=person_id)
        owners = {a.owner_member_id for r in shown[0].risks for a in r.actions}
        assert owners and owners <= ids
        for held in meetings.meetings_for(store, by=by, person_id=person_id):
            attended = meetings.meeting(store, by=by, meeting_id=held.id).attendees
            assert {a.member_id for a in attended} - {None} == ids - owners
    with store.read() as session:
        rows = session.scalar(select(func.count()).select_from(CircleMemberRow))
        created = session.scalar(
            select(func.count())
            .select_from(AuditEventRow)
            .where(AuditEventRow.object_type == "circle_member", AuditEventRow.action == "create")
        )
    assert rows and created == rows  # one `create` event for each member, copied or not
    assert audit.verify(store).ok


def test_the_saves_benchmark_times_every_save_on_a_seeded_organisation(store: Store):
    saves = _bench_saves()

    bulk.seed(store, people=12, team_size=12, templates=2)
    by = bulk.practitioner(store)
    results = saves.measure(store, by, bulk.north_people(store, 3), runs=2)
    assert [label for label, _ in saves.SAVES] == list(results)
    assert all(f["runs"] == 2 and f["median_ms"] > 0 for f in results.values())
    assert audit.verify(store).ok
