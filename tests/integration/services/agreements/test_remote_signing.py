"""Signing remotely with a one-time code: short-lived, single use, locked after wrong tries.

Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import agreement_setup as setup
import pytest
from agreement_setup import Scenario
from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow, SigningInvitationRow
from risk_app.config import SigningCodePolicy
from risk_app.domain.agreements.evidence_verify import Verdict, verify_pack
from risk_app.domain.agreements.signers import SignerDetails, SigningBasis, SigningMethod
from risk_app.domain.errors import InvalidInput, NotPermitted, SigningCodeRefused
from risk_app.domain.sealing import SealKey
from risk_app.services.agreements import (
    evidence,
    inviting,
    issuing,
    reading,
    remote_signing,
    signing,
)

JO = SignerDetails(requirement="owner:family_or_friend:jo okafor", basis=SigningBasis.ACTION_OWNER)
POLICY = SigningCodePolicy(
    code_lifetime=timedelta(hours=4), max_attempts=5, grant_lifetime=timedelta(minutes=20)
)


@pytest.fixture(scope="module")
def key() -> SealKey:
    return SealKey.generate()


@pytest.fixture
def amina(store: Store) -> Scenario:
    return setup.build(store, plan=False)


@pytest.fixture
def issued(store: Store, amina: Scenario, key: SealKey) -> issuing.IssueResult:
    return setup.issue(store, amina, key)


def invite(store: Store, amina: Scenario, key: SealKey, signer: SignerDetails = JO, **kw):
    return inviting.invite(
        store,
        by=amina.practitioner,
        person_id=amina.person_id,
        version=1,
        signer=signer,
        key=key,
        policy=POLICY,
        **kw,
    )


def wrong(code: str) -> str:
    return ("1" if code[0] != "1" else "2") + code[1:]


def test_an_invited_owner_reads_and_signs_with_reference_and_code_and_no_account(
    store, amina, issued, key
):
    invitation = invite(store, amina, key)
    assert len(invitation.reference) == 9 and invitation.reference[4] == "-"
    assert len(invitation.code.replace(" ", "")) == 8
    grant = remote_signing.redeem(
        store, reference=invitation.reference.lower(), code=invitation.code, key=key
    )
    assert (grant.signer_name, grant.version) == ("Jo Okafor", 1)
    view = remote_signing.agreement_for_grant(store, grant=grant.token, key=key)
    assert view.digest == issued.digest
    signed = remote_signing.sign_with_grant(
        store, grant=grant.token, digest=view.digest, comment="Happy to help.", key=key
    )
    assert signed.method is SigningMethod.REMOTE_CODE and signed.seal_holds
    assert signed.recorded_by == "remote:" + invitation.reference.replace("-", "")
    [listed] = inviting.invitations(store, by=amina.practitioner, person_id=amina.person_id)
    assert listed.state == "signed" and listed.signer_name == "Jo Okafor"
    with pytest.raises(SigningCodeRefused):
        remote_signing.sign_with_grant(store, grant=grant.token, digest=view.digest, key=key)
    with pytest.raises(SigningCodeRefused, match="already been used"):
        remote_signing.redeem(store, reference=invitation.reference, code=invitation.code, key=key)


def test_wrong_codes_count_and_lock_the_code_after_five_tries(store, amina, issued, key):
    invitation = invite(store, amina, key)
    left = []
    for _ in range(4):
        with pytest.raises(SigningCodeRefused) as refused:
            remote_signing.redeem(
                store, reference=invitation.reference, code=wrong(invitation.code), key=key
            )
        left.append(refused.value.tries_left)
    assert left == [4, 3, 2, 1]
    with pytest.raises(SigningCodeRefused, match="locked") as locked:
        remote_signing.redeem(store, reference=invitation.reference, code="garbage", key=key)
    assert locked.value.tries_left == 0
    with pytest.raises(SigningCodeRefused, match="locked"):
        remote_signing.redeem(store, reference=invitation.reference, code=invitation.code, key=key)
    rejected = _events(store, "code_rejected")
    assert len(rejected) == 6
    assert '"locked":true' in rejected[4].detail and '"reason":"locked"' in rejected[5].detail


def test_an_expired_code_is_refused(store, amina, issued, key):
    made = datetime.now(UTC)
    invitation = invite(store, amina, key, now=made)
    with pytest.raises(SigningCodeRefused, match="run out of time"):
        remote_signing.redeem(
            store,
            reference=invitation.reference,
            code=invitation.code,
            key=key,
            now=made + timedelta(hours=4, seconds=1),
        )


def test_a_grant_runs_out_and_cannot_then_be_used(store, amina, issued, key):
    invitation = invite(store, amina, key)
    now = datetime.now(UTC)
    grant = remote_signing.redeem(
        store, reference=invitation.reference, code=invitation.code, key=key, now=now
    )
    later = now + timedelta(minutes=21)
    with pytest.raises(SigningCodeRefused, match="run out"):
        remote_signing.agreement_for_grant(store, grant=grant.token, key=key, now=later)
    with pytest.raises(SigningCodeRefused):
        remote_signing.sign_with_grant(
            store, grant=grant.token, digest=issued.digest, key=key, now=later
        )
    with pytest.raises(SigningCodeRefused):
        remote_signing.sign_with_grant(store, grant="made-up-token", digest="x", key=key)


def test_more_time_extends_a_live_grant_up_to_a_limit_and_never_revives_one_that_ended(
    store, amina, issued, key
):
    invitation = invite(store, amina, key)
    used = datetime.now(UTC)
    grant = remote_signing.redeem(
        store, reference=invitation.reference, code=invitation.code, key=key, now=used
    )
    assert grant.expires_at == used + timedelta(minutes=20)
    at = used + timedelta(minutes=18)  # the warning shows; they ask for more time
    longer = remote_signing.extend_grant(store, grant=grant.token, key=key, policy=POLICY, now=at)
    assert longer.expires_at == at + timedelta(minutes=20)
    assert (longer.token, longer.requirement) == (grant.token, grant.requirement)
    # The grant works past its first end, then is extended again up to 80 minutes after use.
    remote_signing.agreement_for_grant(
        store, grant=grant.token, key=key, now=used + timedelta(minutes=30)
    )
    for minutes in (36, 54, 72):
        last = remote_signing.extend_grant(
            store, grant=grant.token, key=key, policy=POLICY, now=used + timedelta(minutes=minutes)
        )
    assert last.expires_at == used + timedelta(minutes=80)
    with pytest.raises(SigningCodeRefused, match="no more time"):
        remote_signing.extend_grant(
            store, grant=grant.token, key=key, policy=POLICY, now=used + timedelta(minutes=79)
        )
    with pytest.raises(SigningCodeRefused, match="run out"):  # ended: not revived
        remote_signing.extend_grant(
            store, grant=grant.token, key=key, policy=POLICY, now=used + timedelta(minutes=81)
        )
    with store.read() as session:
        logged = session.scalars(
            select(AuditEventRow.action).where(AuditEventRow.action == "grant_extended")
        ).all()
    assert len(logged) == 4


def test_a_code_for_a_version_that_has_been_replaced_is_refused(store, amina, issued, key):
    invitation = invite(store, amina, key)
    from risk_app.services.record import risks

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
    setup.issue(store, amina, key)
    with pytest.raises(SigningCodeRefused, match="agreement has changed"):
        remote_signing.redeem(store, reference=invitation.reference, code=invitation.code, key=key)


def test_a_grant_for_a_version_replaced_meanwhile_cannot_sign_it(store, amina, issued, key):
    invitation = invite(store, amina, key)
    grant = remote_signing.redeem(
        store, reference=invitation.reference, code=invitation.code, key=key
    )
    from risk_app.services.record import people

    person = people.get_person(store, by=amina.practitioner, person_id=amina.person_id)
    people.save_changes(
        store,
        by=amina.practitioner,
        person_id=amina.person_id,
        expected_version=person.version,
        changes=people.PersonChanges(about_me={"What matters to me": "Something new"}),
    )
    setup.issue(store, amina, key)
    with pytest.raises(InvalidInput, match="replaced by version 2"):
        remote_signing.sign_with_grant(store, grant=grant.token, digest=issued.digest, key=key)


def test_unknown_and_malformed_references_are_refused_and_logged_without_what_was_typed(
    store, amina, issued, key
):
    for reference in ("ZZZZ-ZZZZ", "<script>", ""):
        with pytest.raises(SigningCodeRefused, match="cannot find"):
            remote_signing.redeem(store, reference=reference, code="12345678", key=key)
    details = " ".join(e.detail for e in _events(store, "code_rejected"))
    assert "unknown_reference" in details and "malformed_reference" in details
    assert "script" not in details and "12345678" not in details


def test_the_code_itself_never_reaches_the_database_or_the_audit_log(store, amina, issued, key):
    invitation = invite(store, amina, key)
    code = invitation.code.replace(" ", "")
    with pytest.raises(SigningCodeRefused):
        remote_signing.redeem(store, reference=invitation.reference, code=wrong(code), key=key)
    grant = remote_signing.redeem(
        store, reference=invitation.reference, code=invitation.code, key=key
    )
    with store.read() as session:
        row = session.scalars(select(SigningInvitationRow)).one()
        events = session.scalars(select(AuditEventRow)).all()
    assert code not in row.code_hash and row.grant_hash != grant.token
    for event in events:
        assert code not in event.detail and wrong(code) not in event.detail
        assert grant.token not in event.detail


def test_a_new_code_for_the_same_signer_cancels_the_earlier_one(store, amina, issued, key):
    first = invite(store, amina, key)
    second = invite(store, amina, key)
    with pytest.raises(SigningCodeRefused, match="cancelled"):
        remote_signing.redeem(store, reference=first.reference, code=first.code, key=key)
    assert remote_signing.redeem(
        store, reference=second.reference, code=second.code, key=key
    ).signer_name == ("Jo Okafor")
    inviting.revoke_invitation(
        store, by=amina.practitioner, person_id=amina.person_id, reference=second.reference
    )
    states = [
        i.state
        for i in inviting.invitations(store, by=amina.practitioner, person_id=amina.person_id)
    ]
    assert states == ["revoked", "revoked"]


def test_codes_are_only_for_people_without_accounts_and_only_staff_make_them(
    store, amina, issued, key
):
    staff = SignerDetails(requirement="practitioner", basis=SigningBasis.STAFF_ROLE)
    with pytest.raises(InvalidInput, match="own account"):
        invite(store, amina, key, signer=staff)
    with pytest.raises(NotPermitted):
        inviting.invite(
            store,
            by=amina.individual,
            person_id=amina.person_id,
            version=1,
            signer=JO,
            key=key,
            policy=POLICY,
        )


def test_the_person_can_sign_remotely_and_the_pack_shows_how(store, amina, issued, key):
    me = SignerDetails(
        requirement="person", basis=SigningBasis.SELF_WITH_SUPPORT, supported_by="Pat"
    )
    invitation = invite(store, amina, key, signer=me)
    grant = remote_signing.redeem(
        store, reference=invitation.reference, code=invitation.code, key=key
    )
    signed = remote_signing.sign_with_grant(store, grant=grant.token, digest=issued.digest, key=key)
    assert (signed.signer_name, signed.supported_by) == ("Amina Okafor", "Pat")
    files = evidence.evidence(
        store, by=amina.practitioner, person_id=amina.person_id, with_pdf=False, key=key
    )
    report = verify_pack(files.json_text, pinned_key=key.public_key)
    assert report.intact and report.verdict is Verdict.INCOMPLETE, report.problems
    assert any("sealed, for this version" in c.message for c in report.checks if c.ok)


def test_asking_to_talk_first_signs_nothing_and_shows_on_the_version(store, amina, issued, key):
    invitation = invite(store, amina, key)
    grant = remote_signing.redeem(
        store, reference=invitation.reference, code=invitation.code, key=key
    )
    remote_signing.ask_to_talk(store, grant=grant.token, key=key)
    remote_signing.ask_to_talk(store, grant=grant.token, key=key)  # once is enough
    signing.ask_to_talk(store, by=amina.individual, person_id=amina.person_id, version=1)
    view = reading.get_version(store, by=amina.practitioner, person_id=amina.person_id)
    assert view.signatures == ()
    assert [r.key for r in view.asked_to_talk] == ["person", JO.requirement]
    [waiting] = reading.awaiting_signatures(store, by=amina.practitioner)
    assert len(waiting.asked_to_talk) == 2
    assert len([e for e in _events(store, "create") if "asked_to_talk" in e.detail]) == 2
    remote_signing.sign_with_grant(store, grant=grant.token, digest=issued.digest, key=key)
    view = reading.get_version(store, by=amina.practitioner, person_id=amina.person_id)
    assert [r.key for r in view.asked_to_talk] == ["person"]


def _events(store: Store, action: str) -> list[AuditEventRow]:
    with store.read() as session:
        return list(
            session.scalars(
                select(AuditEventRow)
                .where(AuditEventRow.action == action, AuditEventRow.object_type == "agreement")
                .order_by(AuditEventRow.seq)
            )
        )


def test_guessing_references_from_one_client_backs_off_and_logs_a_bounded_number_of_events(
    store, key
):
    from risk_app.domain.agreements.signing_codes import new_reference
    from risk_app.domain.errors import TooManyTries

    refused = []
    moment = datetime.now(UTC)  # thirty tries in the same second
    for _ in range(30):
        try:
            remote_signing.redeem(
                store,
                reference=new_reference(),
                code="12345678",
                key=key,
                client="203.0.113.5",
                session="tab-1",
                now=moment,
            )
        except SigningCodeRefused:
            refused.append("refused")
        except TooManyTries as exc:
            refused.append(f"wait {exc.seconds}")
    assert refused[:10] == ["refused"] * 10
    assert all(r.startswith("wait") for r in refused[10:])
    assert len(_events(store, "code_rejected")) == 10  # nothing logged while held back
    other = remote_signing.redeem  # another address is not held back by this one
    with pytest.raises(SigningCodeRefused):
        other(store, reference=new_reference(), code="1", key=key, client="198.51.100.1")
