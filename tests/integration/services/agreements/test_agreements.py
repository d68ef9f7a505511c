"""Risk agreements, version by version: issued from the records, co-signed, sealed, verifiable.

Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import threading

import agreement_setup as setup
import pytest
from agreement_setup import CONTINGENCY, FOOTBALL, Scenario
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AgreementSignatureRow, AuditEventRow
from risk_app.domain.agreements.evidence_verify import Verdict, verify_pack
from risk_app.domain.agreements.signers import (
    SignerDetails,
    SignerRole,
    SigningBasis,
    SigningMethod,
)
from risk_app.domain.errors import ChangedSinceShown, InvalidInput, NotPermitted
from risk_app.domain.sealing import SealKey
from risk_app.services import audit
from risk_app.services.agreements import evidence, issuing, reading, signing
from risk_app.services.record import people, risks
from tests import factories

OWN = SigningMethod.OWN_ACCOUNT
IN_PERSON = SigningMethod.IN_PERSON
PRACTITIONER = SignerDetails(requirement="practitioner", basis=SigningBasis.STAFF_ROLE)
MANAGER = SignerDetails(requirement="manager", basis=SigningBasis.STAFF_ROLE)
PERSON = SignerDetails(requirement="person", basis=SigningBasis.SELF)


@pytest.fixture(scope="module")
def key() -> SealKey:
    return SealKey.generate()


@pytest.fixture
def amina(store: Store) -> Scenario:
    return setup.build(store)


def test_the_agreement_is_assembled_from_the_persons_current_records(store, amina):
    draft = issuing.draft(store, by=amina.practitioner, person_id=amina.person_id)
    content = draft.content
    assert [m.heading for m in content.what_matters] == ["What matters to me"]
    [risk] = content.risks
    assert risk.choice == FOOTBALL and risk.benefits == "I see my friends."
    assert (risk.level_before, risk.level_after) == ("Medium", "Low")
    assert [(a.owner_name, a.owner_kind) for a in risk.mitigations] == [
        ("Amina Okafor", "person"),
        ("Jo Okafor", "family_or_friend"),
        ("Brightside Support", "provider"),
    ]
    assert [d.decision for d in content.decisions] == ["Go to the match without staff"]
    assert content.decisions[0].person_decides
    assert content.contingency == CONTINGENCY
    assert content.review.due is not None and content.review.kind == "scheduled"
    assert [(d.party, d.words) for d in content.dissent] == [
        ("Amina's mother", "I worry about the late bus.")
    ]
    assert [r.key for r in draft.required] == [
        "person",
        "practitioner",
        "manager",
        "owner:family_or_friend:jo okafor",
        "owner:provider:brightside support",
    ]
    assert draft.latest_version is None and draft.changes == ()


def test_issuing_makes_a_sealed_version_and_issuing_again_unchanged_does_nothing_and_says_so(
    store, amina, key
):
    first = setup.issue(store, amina, key)
    assert (first.version, first.created) == (1, True)
    again = setup.issue(store, amina, key)
    assert (again.version, again.created) == (1, False)
    assert "Nothing has changed since version 1" in again.message
    view = reading.get_version(store, by=amina.practitioner, person_id=amina.person_id)
    assert view.digest == first.digest and view.intact and view.is_current
    assert view.key_fingerprint == key.fingerprint
    assert [r.key for r in view.missing] == [r.key for r in view.required]


def test_issuing_is_refused_when_the_records_changed_after_the_draft_was_shown(store, amina, key):
    shown = issuing.draft(store, by=amina.practitioner, person_id=amina.person_id)
    risks.add_action(
        store,
        by=amina.practitioner,
        person_id=amina.person_id,
        description="Carry a charged phone",
        owner_name="Amina Okafor",
        owner_kind="person",
        due=None,
        risk_id=amina.risk_id,
    )
    with pytest.raises(ChangedSinceShown):
        issuing.issue(
            store,
            by=amina.practitioner,
            person_id=amina.person_id,
            expected_digest=shown.digest,
            key=key,
        )
    assert reading.versions(store, by=amina.practitioner, person_id=amina.person_id) == []


def test_an_edit_makes_a_new_version_that_needs_signing_again_and_says_what_changed(
    store, amina, key
):
    first = setup.issue(store, amina, key)
    by = amina.practitioner
    signing.sign(
        store,
        by=by,
        person_id=amina.person_id,
        version=1,
        digest=first.digest,
        signer=PRACTITIONER,
        method=OWN,
        key=key,
    )
    risks.add_action(
        store,
        by=by,
        person_id=amina.person_id,
        description="Carry a charged phone",
        owner_name="Amina Okafor",
        owner_kind="person",
        due=None,
        risk_id=amina.risk_id,
    )
    draft = issuing.draft(store, by=by, person_id=amina.person_id)
    assert not draft.unchanged
    assert draft.changes == (
        (
            f"Risk '{FOOTBALL}': mitigation added: 'Carry a charged phone' "
            "(owner: Amina Okafor, the person; by no date set)."
        ),
    )
    second = setup.issue(store, amina, key)
    assert second.version == 2 and "replaces version 1" in second.message
    old = reading.get_version(store, by=by, person_id=amina.person_id, version=1)
    new = reading.get_version(store, by=by, person_id=amina.person_id)
    assert [s.requirement for s in old.signatures] == ["practitioner"] and not old.is_current
    assert new.signatures == () and new.version == 2
    assert reading.changes_between(
        store, by=amina.individual, person_id=amina.person_id, old=1, new=2
    ) == list(draft.changes)
    with pytest.raises(InvalidInput, match="replaced by version 2"):
        signing.sign(
            store,
            by=amina.manager,
            person_id=amina.person_id,
            version=1,
            digest=first.digest,
            signer=MANAGER,
            method=OWN,
            key=key,
        )
    summaries = reading.versions(store, by=by, person_id=amina.person_id)
    assert [(s.version, s.is_current, s.signed) for s in summaries] == [(2, True, 0), (1, False, 1)]


def test_signing_twice_is_refused_and_signing_what_was_not_shown_is_refused(store, amina, key):
    issued = setup.issue(store, amina, key)
    args = {"person_id": amina.person_id, "version": 1, "method": OWN, "key": key}
    signed = signing.sign(store, by=amina.individual, digest=issued.digest, signer=PERSON, **args)
    assert signed.role is SignerRole.PERSON and signed.signer_name == "Amina Okafor"
    assert signed.seal_holds and signed.digest == issued.digest
    with pytest.raises(InvalidInput, match="already signed"):
        signing.sign(store, by=amina.individual, digest=issued.digest, signer=PERSON, **args)
    with pytest.raises(ChangedSinceShown):
        signing.sign(store, by=amina.manager, digest="0" * 64, signer=MANAGER, **args)


def test_each_signer_signs_only_in_their_own_capacity(store, amina, key):
    issued = setup.issue(store, amina, key)
    args = {"person_id": amina.person_id, "version": 1, "digest": issued.digest, "key": key}
    with pytest.raises(NotPermitted):
        signing.sign(store, by=amina.practitioner, signer=MANAGER, method=OWN, **args)
    with pytest.raises(NotPermitted):
        signing.sign(store, by=amina.manager, signer=PERSON, method=OWN, **args)
    with pytest.raises(NotPermitted):
        signing.sign(store, by=amina.individual, signer=PERSON, method=IN_PERSON, **args)
    with pytest.raises(InvalidInput, match="own account"):
        signing.sign(store, by=amina.practitioner, signer=MANAGER, method=IN_PERSON, **args)
    owner = SignerDetails(requirement="owner:provider:brightside support", basis="action_owner")
    with pytest.raises(InvalidInput, match="in person"):
        signing.sign(store, by=amina.individual, signer=owner, method=OWN, **args)
    with pytest.raises(InvalidInput, match="names Jo Okafor"):
        signing.sign(
            store,
            by=amina.practitioner,
            signer=SignerDetails(
                requirement="owner:family_or_friend:jo okafor", basis="action_owner", name="Mallory"
            ),
            method=IN_PERSON,
            **args,
        )
    denied = _agreement_events(store, "access_denied")
    assert len(denied) == 3


def test_a_representative_signs_for_the_person_only_with_their_recorded_authority(
    store, amina, key
):
    """MCA 2005 s16: a deputy whose order covers welfare signs for a person recorded as lacking
    capacity to agree (tests/integration/services/agreements/test_signing_for_the_person.py has the rest)."""
    person = people.get_person(store, by=amina.practitioner, person_id=amina.person_id)
    person = people.save_changes(
        store,
        by=amina.practitioner,
        person_id=amina.person_id,
        expected_version=person.version,
        changes=people.PersonChanges(
            representative_name="Grace Okafor",
            representative_authority="deputy",
            representative_order_covers_welfare=True,
        ),
    )
    factories.lacks_capacity_to_agree(store, person, by=amina.practitioner)
    issued = setup.issue(store, amina, key)
    args = {
        "person_id": amina.person_id,
        "version": 1,
        "digest": issued.digest,
        "method": IN_PERSON,
        "key": key,
    }
    for wrong in (
        SignerDetails(requirement="person", basis=SigningBasis.LPA_HEALTH_WELFARE),
        SignerDetails(requirement="person", basis=SigningBasis.DEPUTY, name="Someone Else"),
        SignerDetails(requirement="person", basis=SigningBasis.SELF_WITH_SUPPORT),
    ):
        with pytest.raises(InvalidInput):
            signing.sign(store, by=amina.practitioner, signer=wrong, **args)
    signed = signing.sign(
        store,
        by=amina.practitioner,
        signer=SignerDetails(requirement="person", basis=SigningBasis.DEPUTY),
        comment="Signed at the review meeting.",
        **args,
    )
    assert (signed.signer_name, signed.basis, signed.on_behalf_of) == (
        "Grace Okafor",
        SigningBasis.DEPUTY,
        "Amina Okafor",
    )
    assert signed.method is IN_PERSON and signed.recorded_by == "practitioner"


def test_the_person_can_sign_with_an_advocates_support(store, amina, key):
    issued = setup.issue(store, amina, key)
    signed = signing.sign(
        store,
        by=amina.practitioner,
        person_id=amina.person_id,
        version=1,
        digest=issued.digest,
        signer=SignerDetails(
            requirement="person", basis="self_with_support", supported_by="Pat (advocate)"
        ),
        method=IN_PERSON,
        key=key,
    )
    assert signed.supported_by == "Pat (advocate)" and signed.signer_name == "Amina Okafor"


def test_simultaneous_signatures_by_the_same_signer_give_exactly_one(store: Store, key):
    amina = setup.build(store, plan=False)
    issued = setup.issue(store, amina, key)
    outcomes: list[str] = []
    barrier = threading.Barrier(6)

    def attempt() -> None:
        barrier.wait()
        try:
            signing.sign(
                store,
                by=amina.practitioner,
                person_id=amina.person_id,
                version=1,
                digest=issued.digest,
                signer=PRACTITIONER,
                method=OWN,
                key=key,
            )
            outcomes.append("signed")
        except InvalidInput as refused:
            outcomes.append(str(refused))

    threads = [threading.Thread(target=attempt) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("signed") == 1
    assert all("already signed" in o for o in outcomes if o != "signed")
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(AgreementSignatureRow)) == 1
    assert audit.verify(store).ok


def test_the_database_itself_refuses_a_second_signature_and_any_change_to_a_version(
    store, amina, key
):
    issued = setup.issue(store, amina, key)
    signing.sign(
        store,
        by=amina.practitioner,
        person_id=amina.person_id,
        version=1,
        digest=issued.digest,
        signer=PRACTITIONER,
        method=OWN,
        key=key,
    )
    with store.read() as session:
        row = session.scalars(select(AgreementSignatureRow)).one()
        columns = {c.name: getattr(row, c.name) for c in AgreementSignatureRow.__table__.columns}
    columns.pop("id")
    with pytest.raises(IntegrityError), store.write() as session:
        session.execute(AgreementSignatureRow.__table__.insert().values(**columns))
    for statement in (
        "UPDATE agreement_versions SET content = '{}'",
        "UPDATE agreement_signatures SET signer_name = 'Mallory'",
    ):
        with pytest.raises(DBAPIError, match="never changed"), store.write() as session:
            session.execute(text(statement))


def test_a_fully_signed_version_gives_an_evidence_pack_that_verifies(store, amina, key):
    issued = setup.issue(store, amina, key)
    setup.sign_everyone(store, amina, issued, key)
    view = reading.get_version(store, by=amina.individual, person_id=amina.person_id)
    assert view.fully_signed and all(s.seal_holds for s in view.signatures)
    files = evidence.evidence(
        store, by=amina.practitioner, person_id=amina.person_id, with_pdf=False, key=key
    )
    assert files.file_stem == f"agreement-person-{amina.person_id}-v1" and files.pdf is None
    report = verify_pack(files.json_text, pinned_key=key.public_key)
    assert report.verdict is Verdict.VERIFIED, report.problems
    pack = json.loads(files.json_text)
    assert {e["action"] for e in pack["audit_events"]} >= {"create", "sign", "export"}
    assert pack["organisation_keys"][0]["fingerprint"] == key.fingerprint


def test_agreement_audit_events_hold_ids_versions_and_digests_never_personal_text(
    store, amina, key
):
    issued = setup.issue(store, amina, key)
    setup.sign_everyone(store, amina, issued, key)
    evidence.evidence(
        store, by=amina.practitioner, person_id=amina.person_id, with_pdf=False, key=key
    )
    with store.read() as session:
        rows = session.scalars(
            select(AuditEventRow).where(AuditEventRow.object_type == "agreement")
        ).all()
        details = " ".join(r.detail for r in rows)
    assert issued.digest in details
    for personal in ("Okafor", "Jo", "Brightside", "texting", "football", "Amina"):
        assert personal not in details


def test_reading_an_agreement_is_logged_as_a_view_of_the_persons_record(store, amina, key):
    setup.issue(store, amina, key)
    reading.get_version(store, by=amina.individual, person_id=amina.person_id)
    with store.read() as session:
        last = session.scalars(select(AuditEventRow).order_by(AuditEventRow.seq.desc())).first()
    assert (last.action, last.object_type, last.actor) == ("view", "person", "amina")
    assert '"part":"agreement"' in last.detail


def test_staff_of_another_team_and_other_individuals_cannot_read_or_issue(store, amina, key):
    setup.issue(store, amina, key)
    south = factories.actor(store, team=factories.SOUTH)
    with pytest.raises(NotPermitted):
        reading.get_version(store, by=south, person_id=amina.person_id)
    with pytest.raises(NotPermitted):
        issuing.draft(store, by=amina.individual, person_id=amina.person_id)
    david = factories.person(store, "David Price", preferred="Dave")
    with pytest.raises(NotPermitted):
        reading.get_version(store, by=amina.individual, person_id=david.id)


def test_nothing_to_agree_cannot_be_issued(store, key):
    practitioner = factories.actor(store)
    tomasz = factories.person(store, "Tomasz Nowak")
    draft = issuing.draft(store, by=practitioner, person_id=tomasz.id)
    with pytest.raises(InvalidInput, match="nothing to agree"):
        issuing.issue(
            store, by=practitioner, person_id=tomasz.id, expected_digest=draft.digest, key=key
        )


def test_hostile_text_is_kept_exactly_and_escaped_in_the_pdf(store, amina, key):
    hostile = "![x](http://127.0.0.1:9/p.png) <script>alert(1)</script> \u202eevil\u202c 👍"
    person = people.get_person(store, by=amina.practitioner, person_id=amina.person_id)
    people.save_changes(
        store,
        by=amina.practitioner,
        person_id=amina.person_id,
        expected_version=person.version,
        changes=people.PersonChanges(
            about_me={
                "What matters to me": "<b>Always</b> the match",
                "My hopes and worries": hostile,
            }
        ),
    )
    setup.issue(store, amina, key)
    view = reading.get_version(store, by=amina.practitioner, person_id=amina.person_id)
    assert view.content.what_matters[-1].text == hostile and view.intact
    from risk_app.adapters.evidence_pdf import render_html

    files = evidence.evidence(
        store, by=amina.practitioner, person_id=amina.person_id, with_pdf=False, key=key
    )
    html = render_html(json.loads(files.json_text))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>" not in html and "&lt;b&gt;Always&lt;/b&gt;" in html


def test_teams_see_whose_current_agreement_still_needs_signatures(store, amina, key):
    issued = setup.issue(store, amina, key)
    [waiting] = reading.awaiting_signatures(store, by=amina.manager)
    assert (waiting.person_id, waiting.version, len(waiting.missing)) == (amina.person_id, 1, 5)
    setup.sign_everyone(store, amina, issued, key)
    assert reading.awaiting_signatures(store, by=amina.manager) == []
    with pytest.raises(NotPermitted):
        reading.awaiting_signatures(store, by=amina.individual)


def test_the_public_key_and_its_fingerprint_are_available_for_display(key):
    info = evidence.public_key(key)
    assert info.algorithm == "Ed25519" and info.fingerprint == key.fingerprint
    assert info.pem.startswith("-----BEGIN PUBLIC KEY-----")


def _agreement_events(store: Store, action: str) -> list[AuditEventRow]:
    with store.read() as session:
        return list(
            session.scalars(
                select(AuditEventRow).where(
                    AuditEventRow.action == action, AuditEventRow.object_type == "agreement"
                )
            )
        )
