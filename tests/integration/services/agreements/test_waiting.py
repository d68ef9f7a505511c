"""Agreements waiting for a member of staff's signature, those they issued, and the lead's counts
of agreements waiting per team, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from risk_app.adapters.db import Store
from risk_app.domain.agreements.signers import SignerRole
from risk_app.domain.errors import NotPermitted
from risk_app.domain.roles import Role
from risk_app.services.agreements import waiting
from tests import factories
from tests.factories import AgreementStatus


def test_an_issued_agreement_waits_for_the_managers_signature_until_the_manager_signs(
    store: Store,
):
    made = factories.agreement(store, AgreementStatus.PARTLY_SIGNED)
    [item] = waiting.waiting_for_my_signature(store, by=made.manager)
    assert (item.person_name, item.version, item.days_waiting) == ("Amina Okafor", 1, 0)
    assert SignerRole.MANAGER in {m.role for m in item.missing}
    assert waiting.waiting_for_my_signature(store, by=made.practitioner) == []
    factories.sign(store, made, "manager")
    assert waiting.waiting_for_my_signature(store, by=made.manager) == []


def test_an_unsigned_agreement_waits_for_a_practitioners_signature_too(store: Store):
    made = factories.agreement(store, AgreementStatus.ISSUED)
    [item] = waiting.waiting_for_my_signature(store, by=made.practitioner)
    assert item.person_id == made.person.id


def test_a_fully_signed_or_superseded_version_is_not_waiting(store: Store):
    signed = factories.agreement(store, AgreementStatus.SIGNED)
    assert waiting.waiting_for_my_signature(store, by=signed.manager) == []
    assert waiting.issued_by_me(store, by=signed.practitioner) == []
    moved_on = factories.agreement(store, AgreementStatus.SUPERSEDED)
    [item] = waiting.issued_by_me(store, by=moved_on.practitioner)
    assert item.version == 2


def test_the_practitioner_sees_what_they_issued_and_not_what_a_colleague_issued(store: Store):
    made = factories.agreement(store, AgreementStatus.PARTLY_SIGNED)
    [item] = waiting.issued_by_me(store, by=made.practitioner)
    assert item.issued_by == made.practitioner.username
    assert item.missing[0].key == "person"
    colleague = factories.actor(store, Role.PRACTITIONER)
    assert waiting.issued_by_me(store, by=colleague) == []


def test_another_teams_manager_never_sees_an_agreement_waiting(store: Store):
    factories.agreement(store, AgreementStatus.PARTLY_SIGNED)
    south_manager = factories.actor(store, Role.TEAM_MANAGER, team=factories.SOUTH)
    assert waiting.waiting_for_my_signature(store, by=south_manager) == []


@pytest.mark.parametrize("role", [Role.SAFEGUARDING_LEAD, Role.ADMINISTRATOR])
def test_a_role_without_a_caseload_is_refused_the_team_lists(store: Store, role: Role):
    factories.agreement(store, AgreementStatus.ISSUED)
    someone = factories.actor(store, role)
    for service in (waiting.waiting_for_my_signature, waiting.issued_by_me):
        with pytest.raises(NotPermitted):
            service(store, by=someone)


def test_the_lead_counts_agreements_waiting_per_team_without_a_name(store: Store):
    factories.agreement(store, AgreementStatus.ISSUED)
    factories.agreement(store, AgreementStatus.PARTLY_SIGNED, team=factories.SOUTH)
    factories.agreement(store, AgreementStatus.SIGNED, team=factories.SOUTH)
    lead = factories.actor(store, Role.SAFEGUARDING_LEAD)
    counts = waiting.waiting_by_team(store, by=lead)
    assert [(c.team, c.waiting, c.longest_days) for c in counts] == [
        (factories.NORTH, 1, 0),
        (factories.SOUTH, 1, 0),
    ]
    assert "Amina" not in repr([asdict(c) for c in counts])


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.TEAM_MANAGER, Role.ADMINISTRATOR])
def test_anyone_but_the_lead_is_refused_the_organisations_agreement_counts(
    store: Store, role: Role
):
    someone = factories.actor(store, role)
    with pytest.raises(NotPermitted):
        waiting.waiting_by_team(store, by=someone)
