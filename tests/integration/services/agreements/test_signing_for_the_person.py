"""Who may sign the risk agreement for the person, through the signing services: in person, with
a one-time code, and on the evidence copy. Runs on SQLite and PostgreSQL.

The rule (risk_app.domain.agreements.who_may_sign): nobody signs for the person unless a capacity
record about agreeing to the agreement finds they lack capacity (MCA 2005 s1(2)) and the
representative holds a welfare authority that covers it (s11(7)(a), s16; AWI(S)A 2000 ss16, 64).
"""

from __future__ import annotations

import json

import pytest

from risk_app.adapters.db import Store
from risk_app.adapters.evidence_pdf import render_html
from risk_app.domain.agreements.signers import (
    SignerDetails,
    SigningBasis,
    SigningMethod,
    bases_for,
    requirement,
)
from risk_app.domain.errors import InvalidInput
from risk_app.domain.sealing import SealKey
from risk_app.services import accounts
from risk_app.services.agreements import evidence, inviting, issuing, reading, remote_signing
from risk_app.services.agreements import signing as signing_service
from risk_app.services.record import people
from tests import factories


@pytest.fixture(scope="module")
def key() -> SealKey:
    return SealKey.generate()


def _person(store: Store, jurisdiction: str = "england", **details) -> people.PersonView:
    return factories.person(
        store,
        "Amina Okafor",
        jurisdiction=jurisdiction,
        representative_name="Sam Patel",
        **details,
    )


def _issue(store: Store, person: people.PersonView, key: SealKey):
    practitioner = factories.actor(store, username=f"practitioner.{person.id}")
    factories.risk(store, person, by=practitioner)
    draft = issuing.draft(store, by=practitioner, person_id=person.id)
    issued = issuing.issue(
        store, by=practitioner, person_id=person.id, expected_digest=draft.digest, key=key
    )
    return practitioner, issued


def _sign(store, practitioner, person, issued, key, basis, **details):
    return signing_service.sign(
        store,
        by=practitioner,
        person_id=person.id,
        version=issued.version,
        digest=issued.digest,
        signer=SignerDetails(requirement="person", basis=basis, **details),
        method=SigningMethod.IN_PERSON,
        key=key,
    )


def _offered(store, practitioner, person) -> tuple[SigningBasis, ...]:
    view = reading.get_version(store, by=practitioner, person_id=person.id)
    return bases_for(view.content, requirement(view.content, "person"), view.standing)


def test_an_appointee_cannot_sign_for_a_person_who_lacks_capacity_but_signs_as_consulted(
    store, key
):
    """SS(C&P) Regs 1987 reg 33: the appointee's authority covers benefits only."""
    amina = _person(store, representative_authority="appointee")
    factories.lacks_capacity_to_agree(store, amina)
    practitioner, issued = _issue(store, amina, key)
    assert SigningBasis.APPOINTEE not in _offered(store, practitioner, amina)
    with pytest.raises(InvalidInput, match="does not let them decide about the person's care"):
        _sign(store, practitioner, amina, issued, key, SigningBasis.APPOINTEE)
    assert SigningBasis.CONSULTEE in _offered(store, practitioner, amina)
    signed = _sign(store, practitioner, amina, issued, key, SigningBasis.CONSULTEE)
    assert (signed.signer_name, signed.on_behalf_of) == ("Sam Patel", "")


def test_a_property_attorney_signs_beside_the_person_as_a_supporter(store, key):
    """MCA 2005 s9: a property-and-finance attorney has no power over care decisions."""
    amina = _person(store, representative_authority="lpa_property_finance")
    amina = factories._change(store, amina, representative_registered=True)
    factories.lacks_capacity_to_agree(store, amina)
    practitioner, issued = _issue(store, amina, key)
    with pytest.raises(InvalidInput, match="cannot sign for the person"):
        _sign(store, practitioner, amina, issued, key, SigningBasis.LPA_PROPERTY_FINANCE)
    signed = _sign(
        store,
        practitioner,
        amina,
        issued,
        key,
        SigningBasis.SELF_WITH_SUPPORT,
        supported_by="Sam Patel",
    )
    assert (signed.signer_name, signed.supported_by) == ("Amina Okafor", "Sam Patel")


def test_a_registered_welfare_attorney_signs_only_once_capacity_to_agree_is_recorded_as_lacking(
    store, key
):
    """MCA 2005 s11(7)(a): the attorney decides only what the person lacks capacity to decide."""
    amina = _person(store, representative_authority="lpa_health_welfare")
    amina = factories._change(store, amina, representative_registered=True)
    factories.lacks_capacity_to_agree(store, amina, decision="Managing my money")
    practitioner, issued = _issue(store, amina, key)
    with pytest.raises(InvalidInput, match="Record that assessment first"):
        _sign(store, practitioner, amina, issued, key, SigningBasis.LPA_HEALTH_WELFARE)
    factories.lacks_capacity_to_agree(store, amina)
    assert SigningBasis.LPA_HEALTH_WELFARE in _offered(store, practitioner, amina)
    signed = _sign(store, practitioner, amina, issued, key, SigningBasis.LPA_HEALTH_WELFARE)
    assert (signed.signer_name, signed.on_behalf_of) == ("Sam Patel", "Amina Okafor")


def test_a_deputy_signs_only_when_the_order_is_recorded_as_covering_welfare(store, key):
    """MCA 2005 s16: a deputy decides only what the Court of Protection's order gives them."""
    amina = _person(store, representative_authority="deputy")
    assert amina.representative_order_covers_welfare is None, "the question starts unanswered"
    factories.lacks_capacity_to_agree(store, amina)
    practitioner, issued = _issue(store, amina, key)
    with pytest.raises(InvalidInput, match="court order covers welfare"):
        _sign(store, practitioner, amina, issued, key, SigningBasis.DEPUTY)
    current = people.get_person(store, by=accounts.SYSTEM, person_id=amina.id)
    factories._change(store, current, representative_order_covers_welfare=False)
    with pytest.raises(InvalidInput, match="does not cover welfare"):
        _sign(store, practitioner, amina, issued, key, SigningBasis.DEPUTY)
    current = people.get_person(store, by=accounts.SYSTEM, person_id=amina.id)
    factories._change(store, current, representative_order_covers_welfare=True)
    assert _sign(store, practitioner, amina, issued, key, SigningBasis.DEPUTY).basis is (
        SigningBasis.DEPUTY
    )


def test_a_scottish_welfare_attorney_may_sign_for_an_adult_recorded_as_incapable(store, key):
    """AWI(S)A 2000 s16, s1(6): a registered welfare attorney acts where the adult is recorded
    as incapable of agreeing, by an assessment under the AWI Act."""
    eilidh = _person(store, "scotland", representative_authority="welfare_attorney")
    eilidh = factories._change(store, eilidh, representative_registered=True)
    # Recorded through the decision form's service, under the AWI Act's s1(6).
    factories.incapable_of_agreeing_in_scotland(store, eilidh)
    practitioner, issued = _issue(store, eilidh, key)
    signed = _sign(store, practitioner, eilidh, issued, key, SigningBasis.WELFARE_ATTORNEY)
    assert signed.on_behalf_of == "Amina Okafor"


def test_a_scottish_welfare_attorney_cannot_sign_once_a_later_record_finds_no_incapacity(
    store, key
):
    """AWI(S)A 2000 s1(6), s16: the attorney acts only while the adult is incapable; a newer
    record with no doubt of capacity ends that, so the person signs for themselves."""
    eilidh = _person(store, "scotland", representative_authority="welfare_attorney")
    eilidh = factories._change(store, eilidh, representative_registered=True)
    found = factories.incapable_of_agreeing_in_scotland(store, eilidh)
    assert found.capacity_outcome.value == "lacks_capacity"
    # A later record about the same decision with no doubt recorded: capacity is presumed.
    factories.decision(store, eilidh, decision="Agreeing my risk agreement", decided="I agree.")
    practitioner, issued = _issue(store, eilidh, key)
    with pytest.raises(InvalidInput, match="Adults with Incapacity"):
        _sign(store, practitioner, eilidh, issued, key, SigningBasis.WELFARE_ATTORNEY)


def test_a_code_to_sign_for_the_person_is_refused_and_rechecked_when_used(store, key):
    """MCA 2005 s1(2): capacity regained after the code was made ends the power to sign."""
    amina = _person(store, representative_authority="deputy")
    practitioner, issued = _issue(store, amina, key)
    for_them = SignerDetails(requirement="person", basis=SigningBasis.DEPUTY)
    args = {"by": practitioner, "person_id": amina.id, "version": 1, "key": key}
    with pytest.raises(InvalidInput, match="presumed able to decide"):
        inviting.invite(store, signer=for_them, **args)
    current = people.get_person(store, by=accounts.SYSTEM, person_id=amina.id)
    factories._change(store, current, representative_order_covers_welfare=True)
    factories.lacks_capacity_to_agree(store, amina)
    sent = inviting.invite(store, signer=for_them, policy=factories.CODES, **args)
    grant = remote_signing.redeem(store, reference=sent.reference, code=sent.code, key=key)
    factories.decision(store, amina, decision="Agreeing my risk agreement")  # capacity presumed
    with pytest.raises(InvalidInput, match="presumed able to decide"):
        remote_signing.sign_with_grant(store, grant=grant.token, digest=issued.digest, key=key)


def test_the_evidence_copy_states_the_representatives_role_and_scope(store, key):
    amina = _person(store, representative_authority="lpa_property_finance")
    practitioner, _ = _issue(store, amina, key)
    files = evidence.evidence(store, by=practitioner, person_id=amina.id, with_pdf=False, key=key)
    html = render_html(json.loads(files.json_text))
    assert "speaks for me" not in html
    assert "Attorney for property and financial affairs" in html
    assert "They cannot decide about your care." in html
