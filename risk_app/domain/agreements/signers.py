"""Who signs an agreement, as what, on which basis and how: the one place these rules live.

Every version needs the person (or a representative with authority to sign for them), the
practitioner, the manager and every other owner of an action. The person signs for themselves,
with a named supporter if they had support, or a representative signs for them only under the
authority recorded on the person's record; an advocate, family member or friend without legal
authority supports the person, never signs for them. Staff sign in their job under their own
account's name; owners sign under the name the agreement gives. Services, pages and views ask
these functions rather than deciding for themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Final

from risk_app.domain.agreements.content import (
    AgreementContent,
    Frozen,
    all_actions,
    authority_label,
    owner_kind_label,
)
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.ownership import OwnerKind
from risk_app.domain.roles import Role
from risk_app.domain.text import clean_long_text, clean_short_text


class SignerRole(StrEnum):
    """In what capacity someone signs."""

    PERSON = "person"
    """The person, or a representative with authority to sign for them."""
    PRACTITIONER = "practitioner"
    MANAGER = "manager"
    OWNER = "owner"
    """Someone who owns actions in the agreement: family, a provider, health and so on."""

    @property
    def label(self) -> str:
        return {
            SignerRole.PERSON: "The person or their representative",
            SignerRole.PRACTITIONER: "Practitioner",
            SignerRole.MANAGER: "Team manager",
            SignerRole.OWNER: "Owner of actions",
        }[self]

    @property
    def is_staff(self) -> bool:
        """The practitioner and the manager: they sign in their job, with their own account only.
        Everyone else may sign in person on the practitioner's device, or with a one-time code."""
        return self in (SignerRole.PRACTITIONER, SignerRole.MANAGER)


class SigningBasis(StrEnum):
    """On what basis the signer signs. Representative bases share RepresentativeAuthority's values."""

    SELF = "self"
    """The person, for themselves."""
    SELF_WITH_SUPPORT = "self_with_support"
    """The person, for themselves, supported by an advocate or someone they chose (named)."""
    LPA_HEALTH_WELFARE = "lpa_health_welfare"
    LPA_PROPERTY_FINANCE = "lpa_property_finance"
    DEPUTY = "deputy"
    APPOINTEE = "appointee"
    SUITABLE_PERSON = "suitable_person"
    STAFF_ROLE = "staff_role"
    """A practitioner or manager, in their job."""
    ACTION_OWNER = "action_owner"
    """Someone who has taken on actions in the agreement."""

    @property
    def label(self) -> str:
        if self in REPRESENTATIVE_BASES:
            return f"For the person, as {authority_label(self.value).lower()}"
        return {
            SigningBasis.SELF: "For themselves",
            SigningBasis.SELF_WITH_SUPPORT: "For themselves, with support",
            SigningBasis.STAFF_ROLE: "In their job",
            SigningBasis.ACTION_OWNER: "As the owner of actions in this agreement",
        }[self]


REPRESENTATIVE_BASES = frozenset(
    {
        SigningBasis.LPA_HEALTH_WELFARE,
        SigningBasis.LPA_PROPERTY_FINANCE,
        SigningBasis.DEPUTY,
        SigningBasis.APPOINTEE,
        SigningBasis.SUITABLE_PERSON,
    }
)
"""Authorities under which a representative may sign for the person. An advocate, family member
or friend without legal authority supports the person to sign; they do not sign for them."""


class SigningMethod(StrEnum):
    """How the signature was given."""

    IN_PERSON = "in_person"
    """In person, on the practitioner's device; the practitioner records it."""
    OWN_ACCOUNT = "own_account"
    """Signed in to the app with their own account."""
    REMOTE_CODE = "remote_code"
    """Remotely, with a one-time code sent to them."""

    @property
    def label(self) -> str:
        return {
            SigningMethod.IN_PERSON: "In person, on the practitioner's device",
            SigningMethod.OWN_ACCOUNT: "Signed in with their own account",
            SigningMethod.REMOTE_CODE: "Remotely, with a one-time code",
        }[self]


NOT_OWNERS = frozenset({OwnerKind.PERSON.value, OwnerKind.COUNCIL.value})
"""Owner kinds whose signature is already asked for as the person, practitioner or manager."""

_ACCOUNT_ROLES: Final = {
    SignerRole.PERSON: Role.INDIVIDUAL,
    SignerRole.PRACTITIONER: Role.PRACTITIONER,
    SignerRole.MANAGER: Role.TEAM_MANAGER,
}


def account_role(role: SignerRole) -> Role | None:
    """The role of the account that signs as `role` with its own account: the person's own
    account, the practitioner's or the team manager's. None for owners of actions, who sign in
    person on the practitioner's device or with a one-time code."""
    return _ACCOUNT_ROLES.get(role)


def signs_in_their_job(role: Role) -> SignerRole | None:
    """What a member of staff signs as, in their job: a practitioner as the practitioner and a
    team manager as the manager. None for anyone else."""
    for signer_role, account in _ACCOUNT_ROLES.items():
        if account is role and signer_role.is_staff:
            return signer_role
    return None


# ---------------------------------------------------------------------------- who must sign
class SignerRequirement(Frozen):
    """One signature the agreement needs. `key` is stable across versions for the same signer."""

    key: str
    role: SignerRole
    name: str
    """The name expected ("" for staff: any practitioner or manager of the team may sign)."""
    owner_kind: str | None
    label: str


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def owner_key(kind: str, name: str) -> str:
    """The requirement key of an owner of actions: the same owner in every version."""
    return f"owner:{kind}:{_name_key(name)}"


def required_signers(content: AgreementContent) -> tuple[SignerRequirement, ...]:
    """Who must sign: the person (or their representative), the practitioner, the manager and
    every other owner of an action, in that order (owners in order of first appearance)."""
    person = content.person
    who = person.name
    if person.representative is not None:
        who += f", or {person.representative.name} for them"
    needed = [
        SignerRequirement(
            key="person",
            role=SignerRole.PERSON,
            name=person.name,
            owner_kind=None,
            label=f"{who} (the person)",
        ),
        SignerRequirement(
            key="practitioner",
            role=SignerRole.PRACTITIONER,
            name="",
            owner_kind=None,
            label="The practitioner",
        ),
        SignerRequirement(
            key="manager", role=SignerRole.MANAGER, name="", owner_kind=None, label="The manager"
        ),
    ]
    seen: set[str] = set()
    for action in all_actions(content):
        if action.owner_kind in NOT_OWNERS:
            continue
        key = owner_key(action.owner_kind, action.owner_name)
        if key in seen:
            continue
        seen.add(key)
        needed.append(
            SignerRequirement(
                key=key,
                role=SignerRole.OWNER,
                name=action.owner_name,
                owner_kind=action.owner_kind,
                label=f"{action.owner_name} ({owner_kind_label(action.owner_kind).lower()})",
            )
        )
    return tuple(needed)


def requirement(content: AgreementContent, key: str) -> SignerRequirement:
    """The signature `key` names, or InvalidInput when the agreement does not ask for it."""
    for needed in required_signers(content):
        if needed.key == key:
            return needed
    raise InvalidInput("This agreement does not ask that signer to sign.")


def missing_signers(
    content: AgreementContent, signed_requirements: Iterable[str]
) -> tuple[SignerRequirement, ...]:
    """Who must still sign, given the requirement keys that have signed."""
    done = set(signed_requirements)
    return tuple(r for r in required_signers(content) if r.key not in done)


# ---------------------------------------------------------------------------- on which basis
def bases_for(content: AgreementContent, needed: SignerRequirement) -> tuple[SigningBasis, ...]:
    """The bases on which `needed` may be signed, in the order to offer them: staff in their job;
    an owner as the owner of their actions; the person for themselves, with or without support,
    or their representative under the authority recorded on the person's record (if it is one
    under which a representative may sign)."""
    if needed.role.is_staff:
        return (SigningBasis.STAFF_ROLE,)
    if needed.role is SignerRole.OWNER:
        return (SigningBasis.ACTION_OWNER,)
    bases = [SigningBasis.SELF, SigningBasis.SELF_WITH_SUPPORT]
    rep = content.person.representative
    if rep is not None and rep.authority in REPRESENTATIVE_BASES:
        bases.append(SigningBasis(rep.authority))
    return tuple(bases)


def signer_name(content: AgreementContent, needed: SignerRequirement, basis: SigningBasis) -> str:
    """The name the agreement expects of whoever signs `needed` on `basis`: the representative's
    under a representative authority, otherwise the name the requirement gives ("" for staff, who
    sign under their own account's name)."""
    rep = content.person.representative
    if basis in REPRESENTATIVE_BASES and rep is not None:
        return rep.name
    return needed.name


def _not_a_basis(role: SignerRole, basis: SigningBasis) -> str:
    if role.is_staff:
        return "Staff sign in their job."
    if role is SignerRole.OWNER:
        return "An owner signs as the owner of their actions."
    if basis in REPRESENTATIVE_BASES:
        return (
            "A representative can sign for the person only with that authority recorded "
            "on the person's record. Record it, issue a new version, then sign."
        )
    return (
        "The person signs for themselves (with support if they want it), or their "
        "attorney, deputy or appointee signs for them."
    )


# ---------------------------------------------------------------------------- settling a signer
class SignerDetails(Frozen):
    """Who is signing, as given by the caller, before it is checked against the agreement.

    `requirement` is a `SignerRequirement.key`. `name` may be left blank when the agreement names
    the signer (the person, their representative or an owner); staff names come from their account.
    """

    requirement: str
    basis: SigningBasis
    name: str = ""
    supported_by: str = ""
    """Who supported the person to sign (an advocate, family member or friend)."""
    on_behalf_of: str = ""
    """For owners: the organisation they sign for, if any. Filled in for representatives."""


class SettledSigner(Frozen):
    """A signer checked against the agreement: what will be recorded and sealed."""

    requirement: str
    role: SignerRole
    name: str
    basis: SigningBasis
    on_behalf_of: str
    supported_by: str


def _check_name(given: str, expected: str, what: str) -> str:
    cleaned = clean_short_text(given, what, required=False)
    if cleaned and _name_key(cleaned) != _name_key(expected):
        raise InvalidInput(f"The agreement names {expected} as the {what}, not {cleaned}.")
    return expected


def settle_signer(
    content: AgreementContent, details: SignerDetails, *, staff_name: str = ""
) -> SettledSigner:
    """Check a signer against the agreement's requirements, or raise InvalidInput saying why not.

    The basis must be one of `bases_for` the requirement; a name given must be the one
    `signer_name` expects. A representative signs on behalf of the person; staff and owners on
    behalf of the organisation given (if any); staff under `staff_name`, their account's name.
    """
    needed = requirement(content, details.requirement)
    supported_by = clean_short_text(details.supported_by, "name of the supporter", required=False)
    on_behalf_of = clean_short_text(details.on_behalf_of, "organisation", required=False)
    basis = details.basis
    if basis not in bases_for(content, needed):
        raise InvalidInput(_not_a_basis(needed.role, basis))
    if basis is SigningBasis.SELF_WITH_SUPPORT and not supported_by:
        raise InvalidInput("Say who supported the person to sign.")
    if needed.role.is_staff:
        return SettledSigner(
            requirement=needed.key,
            role=needed.role,
            name=clean_short_text(staff_name, "staff member's name", required=True),
            basis=basis,
            on_behalf_of=on_behalf_of,
            supported_by="",
        )
    if needed.role is SignerRole.OWNER:
        what, for_whom = "owner", on_behalf_of
    elif basis in REPRESENTATIVE_BASES:
        what, for_whom = "representative", content.person.name
    else:
        what, for_whom = "person", ""
    return SettledSigner(
        requirement=needed.key,
        role=needed.role,
        name=_check_name(details.name, signer_name(content, needed, basis), what),
        basis=basis,
        on_behalf_of=for_whom,
        supported_by=supported_by,
    )


def clean_comment(text: str) -> str:
    """An optional comment with the signature, such as "I agree except ..."."""
    return clean_long_text(text, "comment", max_length=2000)
