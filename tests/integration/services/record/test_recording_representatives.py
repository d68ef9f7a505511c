"""Recording a representative: only the authorities of the person's nation, the questions their
power depends on starting unanswered, and older English "suitable person" rows still shown.
Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow, PersonRow
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.people import OLDER_ENGLISH_TERM, RepresentativeAuthority
from risk_app.services import accounts
from risk_app.services.record import people
from tests import factories


def _save(store: Store, person: people.PersonView, **changes) -> people.PersonView:
    current = people.get_person(store, by=accounts.SYSTEM, person_id=person.id)
    return people.save_changes(
        store,
        by=accounts.SYSTEM,
        person_id=person.id,
        expected_version=current.version,
        changes=people.PersonChanges(**changes),
    )


def test_an_english_lpa_code_is_refused_for_a_scottish_person(store):
    """AWI(S)A 2000 s16: Scotland has welfare attorneys, not lasting powers of attorney."""
    eilidh = factories.person(store, "Eilidh Ross", jurisdiction="scotland")
    with pytest.raises(InvalidInput, match="not an authority in Scotland"):
        _save(store, eilidh, representative_authority="lpa_health_welfare")
    saved = _save(store, eilidh, representative_authority="welfare_attorney")
    assert saved.representative_label == "Welfare attorney (registered power of attorney)"
    assert saved.representative_registered is None, "registration starts unanswered"


def test_suitable_person_cannot_be_newly_chosen_for_an_english_person(store):
    """Care Act 2014 ss31-32: in England the terms are nominated and authorised person."""
    amina = factories.person(store)
    with pytest.raises(InvalidInput, match="nominated person"):
        _save(store, amina, representative_authority="suitable_person")
    assert _save(store, amina, representative_authority="authorised_person").representative_label


def test_an_older_english_suitable_person_row_keeps_displaying_as_the_older_term(store):
    amina = factories.person(store, representative_name="Jo Okafor")
    with store.write() as session:
        row = session.get(PersonRow, amina.id)
        assert row is not None
        row.representative_authority = "suitable_person"
    shown = people.get_person(store, by=accounts.SYSTEM, person_id=amina.id)
    assert shown.representative_authority is RepresentativeAuthority.SUITABLE_PERSON
    assert shown.representative_label == OLDER_ENGLISH_TERM
    kept = _save(store, amina, preferred_name="Amina")  # other details still save around it
    assert kept.representative_authority is RepresentativeAuthority.SUITABLE_PERSON


def test_moving_a_person_to_a_nation_without_their_authority_is_refused(store):
    amina = factories.person(store, representative_authority="lpa_health_welfare")
    with pytest.raises(InvalidInput, match="not an authority in Scotland"):
        _save(store, amina, jurisdiction="scotland")


def test_the_scope_questions_start_unanswered_are_stored_and_reset_with_the_authority(store):
    """MCA 2005 s16: what a deputy may decide depends on the order, so it is asked, not assumed."""
    amina = factories.person(store, representative_authority="deputy")
    assert amina.representative_order_covers_welfare is None
    answered = _save(store, amina, representative_order_covers_welfare=True)
    assert answered.representative_order_covers_welfare is True
    with pytest.raises(InvalidInput, match="not asked of this representative's authority"):
        _save(store, amina, representative_registered=True)
    moved = _save(store, amina, representative_authority="lpa_health_welfare")
    assert moved.representative_order_covers_welfare is None
    assert moved.representative_registered is None
    with store.read() as session:
        fields = session.scalars(
            select(AuditEventRow.detail).where(
                AuditEventRow.object_type == "person", AuditEventRow.object_id == str(amina.id)
            )
        ).all()
    assert any("representative_order_covers_welfare" in str(f) for f in fields)
    assert not any("True" in str(f) for f in fields), "the audit names fields, never values"
