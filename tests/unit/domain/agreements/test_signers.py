"""Who must sign an agreement, as what, on which basis, and under which name."""

from __future__ import annotations

import pytest
from agreement_samples import content

from risk_app.domain.agreements.content import PersonPart, Representative
from risk_app.domain.agreements.signers import (
    REPRESENTATIVE_BASES,
    SignerDetails,
    SignerRole,
    SigningBasis,
    account_role,
    bases_for,
    clean_comment,
    required_signers,
    requirement,
    settle_signer,
    signer_name,
    signs_in_their_job,
)
from risk_app.domain.agreements.who_may_sign import CapacityToAgree, Standing
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.people import RepresentativeAuthority
from risk_app.domain.roles import Role

LACKS = CapacityToAgree(lacks_capacity=True, decision="Agreeing my risk agreement")
WELFARE_DEPUTY = Standing(
    jurisdiction="england",
    name="Grace Okafor",
    authority="deputy",
    order_covers_welfare=True,
    capacity=LACKS,
)
"""The sample's deputy, whose order covers welfare, beside a person recorded as lacking capacity
to agree: the one case in these tests where someone may sign for the person (MCA 2005 s16)."""


def test_the_person_practitioner_manager_and_each_other_owner_must_sign_once():
    needed = required_signers(content())
    assert [(r.key, r.role) for r in needed] == [
        ("person", SignerRole.PERSON),
        ("practitioner", SignerRole.PRACTITIONER),
        ("manager", SignerRole.MANAGER),
        ("owner:family_or_friend:jo okafor", SignerRole.OWNER),
        ("owner:provider:brightside", SignerRole.OWNER),
    ]
    assert needed[0].label == "Amina Okafor, with Grace Okafor (the person)"
    assert needed[3].name == "Jo Okafor"


def test_a_representative_signs_for_the_person_only_under_the_authority_recorded():
    c = content()
    settled = settle_signer(
        c, SignerDetails(requirement="person", basis=SigningBasis.DEPUTY), standing=WELFARE_DEPUTY
    )
    assert (settled.name, settled.on_behalf_of, settled.basis) == (
        "Grace Okafor",
        "Amina Okafor",
        SigningBasis.DEPUTY,
    )
    with pytest.raises(InvalidInput, match="recorded as deputy"):
        settle_signer(
            c,
            SignerDetails(requirement="person", basis=SigningBasis.APPOINTEE),
            standing=WELFARE_DEPUTY,
        )
    with pytest.raises(InvalidInput, match="names Grace Okafor"):
        settle_signer(
            c,
            SignerDetails(requirement="person", basis=SigningBasis.DEPUTY, name="Mallory"),
            standing=WELFARE_DEPUTY,
        )
    with pytest.raises(InvalidInput, match="not been checked"):
        settle_signer(c, SignerDetails(requirement="person", basis=SigningBasis.DEPUTY))


def test_an_advocate_supports_the_person_to_sign_but_does_not_sign_for_them():
    c = content()
    with pytest.raises(InvalidInput, match="who supported"):
        settle_signer(c, SignerDetails(requirement="person", basis="self_with_support"))
    settled = settle_signer(
        c,
        SignerDetails(requirement="person", basis="self_with_support", supported_by="Pat (IMCA)"),
    )
    assert (settled.name, settled.supported_by) == ("Amina Okafor", "Pat (IMCA)")
    assert {b.value for b in REPRESENTATIVE_BASES} <= {a.value for a in RepresentativeAuthority}
    assert RepresentativeAuthority.ADVOCATE.value not in {b.value for b in REPRESENTATIVE_BASES}


def test_staff_sign_in_their_job_and_owners_under_the_name_the_agreement_gives():
    c = content()
    staff = settle_signer(
        c, SignerDetails(requirement="manager", basis="staff_role"), staff_name="Priya N"
    )
    assert staff.name == "Priya N" and staff.role is SignerRole.MANAGER
    with pytest.raises(InvalidInput):
        settle_signer(c, SignerDetails(requirement="manager", basis="self"), staff_name="Priya")
    owner = settle_signer(
        c,
        SignerDetails(
            requirement="owner:provider:brightside",
            basis="action_owner",
            name="brightside",
            on_behalf_of="Brightside Support Ltd",
        ),
    )
    assert (owner.name, owner.on_behalf_of) == ("Brightside", "Brightside Support Ltd")
    with pytest.raises(InvalidInput, match="does not ask"):
        settle_signer(c, SignerDetails(requirement="owner:police:pc smith", basis="action_owner"))
    with pytest.raises(InvalidInput, match="control characters"):
        settle_signer(
            c,
            SignerDetails(requirement="person", basis="self_with_support", supported_by="P\x00t"),
        )


def test_a_comment_is_optional_kept_as_written_and_refused_when_hostile_or_huge():
    assert clean_comment("") == ""
    assert clean_comment("  I agree except\r\nthe texting. <b>really</b>  ") == (
        "I agree except\nthe texting. <b>really</b>"
    )
    with pytest.raises(InvalidInput, match="control characters"):
        clean_comment("I agree\x1b[31m")
    with pytest.raises(InvalidInput, match="too long"):
        clean_comment("x" * 2001)


def _with_representative(authority: str | None) -> PersonPart:
    rep = None if authority is None else Representative(name="Grace Okafor", authority=authority)
    return content().person.model_copy(update={"representative": rep})


def test_each_signer_is_offered_only_the_bases_they_may_sign_on():
    c = content()
    offered = {r.key: bases_for(c, r, WELFARE_DEPUTY) for r in required_signers(c)}
    assert offered == {
        "person": (SigningBasis.SELF, SigningBasis.SELF_WITH_SUPPORT, SigningBasis.DEPUTY),
        "practitioner": (SigningBasis.STAFF_ROLE,),
        "manager": (SigningBasis.STAFF_ROLE,),
        "owner:family_or_friend:jo okafor": (SigningBasis.ACTION_OWNER,),
        "owner:provider:brightside": (SigningBasis.ACTION_OWNER,),
    }


@pytest.mark.parametrize("authority", [None, "advocate", "family_or_friend", "other"])
def test_the_person_signs_for_themselves_when_no_representative_may_sign_for_them(authority):
    c = content(person=_with_representative(authority))
    assert bases_for(c, requirement(c, "person")) == (
        SigningBasis.SELF,
        SigningBasis.SELF_WITH_SUPPORT,
    )


@pytest.mark.parametrize("standing", [None, WELFARE_DEPUTY], ids=["unchecked", "welfare-deputy"])
def test_every_basis_offered_is_one_a_signer_can_settle_on_and_no_other_is(standing):
    c = content()
    for needed in required_signers(c):
        for basis in SigningBasis:
            details = SignerDetails(requirement=needed.key, basis=basis, supported_by="Pat (IMCA)")
            if basis in bases_for(c, needed, standing):
                settled = settle_signer(c, details, staff_name="Priya N", standing=standing)
                assert settled.basis is basis
            else:
                with pytest.raises(InvalidInput):
                    settle_signer(c, details, staff_name="Priya N", standing=standing)


def test_the_name_expected_is_the_representatives_only_under_their_authority():
    c = content()
    person = requirement(c, "person")
    assert signer_name(c, person, SigningBasis.SELF) == "Amina Okafor"
    assert signer_name(c, person, SigningBasis.SELF_WITH_SUPPORT) == "Amina Okafor"
    assert signer_name(c, person, SigningBasis.DEPUTY) == "Grace Okafor"
    owner = requirement(c, "owner:provider:brightside")
    assert signer_name(c, owner, SigningBasis.ACTION_OWNER) == "Brightside"
    assert signer_name(c, requirement(c, "manager"), SigningBasis.STAFF_ROLE) == ""


def test_staff_sign_in_their_job_with_their_own_account_and_owners_have_no_account():
    assert [r for r in SignerRole if r.is_staff] == [SignerRole.PRACTITIONER, SignerRole.MANAGER]
    assert account_role(SignerRole.PERSON) is Role.INDIVIDUAL
    assert account_role(SignerRole.PRACTITIONER) is Role.PRACTITIONER
    assert account_role(SignerRole.MANAGER) is Role.TEAM_MANAGER
    assert account_role(SignerRole.OWNER) is None
    assert signs_in_their_job(Role.PRACTITIONER) is SignerRole.PRACTITIONER
    assert signs_in_their_job(Role.TEAM_MANAGER) is SignerRole.MANAGER
    others = set(Role) - {Role.PRACTITIONER, Role.TEAM_MANAGER}
    assert {signs_in_their_job(r) for r in others} == {None}
