"""The caseload in one list, on SQLite and PostgreSQL: each person of the team with their next
review and whether a concern about them is open, in a fixed number of queries however large the
team, refused to anyone without a caseload, logged by id only."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import NotPermitted
from risk_app.domain.roles import Role
from risk_app.services.record import caseload, people, reviews
from tests import factories


@pytest.fixture
def north(store: Store):
    return factories.actor(store, Role.PRACTITIONER, team=factories.NORTH)


def test_each_person_of_the_team_is_listed_by_name_with_the_same_next_review_as_their_record(
    store: Store, north
):
    factories.person(store, "Zara Ahmed")
    factories.person(store, "Beth Jones", jurisdiction="wales")
    factories.person(store, "Someone South", team=factories.SOUTH)
    listed = caseload.overview(store, by=north)
    assert [e.display_name for e in listed] == ["Beth Jones", "Zara Ahmed"]
    plans = reviews.next_reviews_for_team(store, by=north)
    assert all(e.review == plans[e.id] for e in listed)
    assert listed[0].jurisdiction == "wales"


def test_an_open_concern_is_flagged_with_the_oldest_and_a_closed_one_is_not(store: Store, north):
    amina = factories.person(store, "Amina Okafor")
    closed_only = factories.person(store, "Colm Byrne")
    first = factories.concern(store, amina)
    factories.concern(store, amina)
    factories.concern_at(store, closed_only, "closed", duty=False)
    flags = {e.display_name: e.open_concern for e in caseload.overview(store, by=north)}
    assert flags == {"Amina Okafor": first.id, "Colm Byrne": None}


def test_the_list_takes_the_same_number_of_queries_for_three_people_as_for_thirty(
    store: Store, north
):
    def queries() -> int:
        count = 0

        def seen(*_: object) -> None:
            nonlocal count
            count += 1

        event.listen(store.engine, "before_cursor_execute", seen)
        try:
            caseload.overview(store, by=north)
        finally:
            event.remove(store.engine, "before_cursor_execute", seen)
        return count

    for n in range(3):
        factories.concern(store, factories.person(store, f"Person {n:02d}"))
    few = queries()
    for n in range(3, 30):
        factories.person(store, f"Person {n:02d}")
    assert queries() == few


def test_someone_without_a_caseload_is_refused(store: Store):
    lead = factories.actor(store, Role.SAFEGUARDING_LEAD)
    with pytest.raises(NotPermitted):
        caseload.overview(store, by=lead)


def test_the_view_is_logged_with_record_numbers_only(store: Store, north):
    amina = factories.person(store, "Amina Okafor")
    caseload.overview(store, by=north)
    with store.read() as session:
        event_row = session.scalars(
            select(AuditEventRow)
            .where(
                AuditEventRow.action == AuditAction.VIEW.value,
                AuditEventRow.object_type == AuditObject.CASELOAD.value,
            )
            .order_by(AuditEventRow.seq.desc())
        ).first()
    assert event_row is not None
    assert "Amina" not in str(event_row.detail)
    assert str(amina.id) in str(event_row.detail)
    assert people.caseload(store, by=north)[0].id == amina.id


def test_one_persons_line_read_alone_is_their_line_of_the_caseload(store: Store, north):
    amina = factories.person(store, "Amina Okafor")
    beth = factories.person(store, "Beth Jones", jurisdiction="scotland")
    first = factories.concern(store, amina)
    factories.concern(store, amina)
    listed = {e.id: e for e in caseload.overview(store, by=north)}
    assert caseload.entry(store, by=north, person_id=amina.id) == listed[amina.id]
    assert caseload.entry(store, by=north, person_id=beth.id) == listed[beth.id]
    assert caseload.entry(store, by=north, person_id=amina.id).open_concern == first.id


def test_one_persons_line_is_refused_to_a_worker_who_may_not_see_them(store: Store, north):
    south_person = factories.person(store, "Someone South", team=factories.SOUTH)
    with pytest.raises(NotPermitted):
        caseload.entry(store, by=north, person_id=south_person.id)
