"""Who signs an agreement, as what, on which basis and how: the one place these rules live.

Every version needs the person (or a representative with authority to sign for them), the
practitioner, the manager and every other owner of an action. The person signs for themselves,
with a named supporter if they had support. A representative signs for them only when
`who_may_sign.may_sign_for_the_person` allows it (a recorded lack of capacity to agree and a
welfare authority that covers it); anyone else signs beside the person as a supporter, or as
someone consulted, never for them. Staff sign in their job under their own account's name; owners
sign under the name the agreement gives. Services, pages and views ask these functions rather
than deciding for themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Final

from risk_app.domain.agreements.content import (
    AgreedAction,
    AgreementContent,
    Frozen,
    all_actions,
    authority_label,
    owner_kind_label,
)
from risk_app.domain.agreements.who_may_sign import Standing, Verdict, may_sign_for_the_person
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
    DEPUTY = "deputy"
    WELFARE_ATTORNEY = "welfare_attorney"
    GUARDIAN = "guardian"
    INTERVENTION_ORDER = "intervention_order"
    LPA_PROPERTY_FINANCE = "lpa_property_finance"
    """Kept to read signatures recorded before issue 13; never offered now (no welfare power)."""
    APPOINTEE = "appointee"
    """Kept to read older signatures; never offered now (benefits only)."""
    SUITABLE_PERSON = "suitable_person"
    """Kept to read older signatures; never offered now (direct payments only)."""
    CONSULTEE = "consultee"
    """The representative, beside a person who lacks capacity to agree, as someone consulted
    about their best interests (MCA 2005 s4(7)): they do not sign for the person."""
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
            SigningBasis.CONSULTEE: "Beside the person, as someone consulted (not for them)",
            SigningBasis.STAFF_ROLE: "In their job",
            SigningBasis.ACTION_OWNER: "As the owner of actions in this agreement",
        }[self]


REPRESENTATIVE_BASES = frozenset(
    {
        SigningBasis.LPA_HEALTH_WELFARE,
        SigningBasis.DEPUTY,
        SigningBasis.WELFARE_ATTORNEY,
        SigningBasis.GUARDIAN,
        SigningBasis.INTERVENTION_ORDER,
        SigningBasis.LPA_PROPERTY_FINANCE,
        SigningBasis.APPOINTEE,
        SigningBasis.SUITABLE_PERSON,
    }
)
"""Bases that mean "signed for the person" (shown so on every copy). Only those whose authority
can carry a welfare power are ever offered, and then only when `may_sign_for_the_person` allows;
the others are kept so signatures recorded before issue 13 still read as they were made."""


_FOR_THEM = frozenset(b.value for b in REPRESENTATIVE_BASES)


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


def member_key(member: int) -> str:
    """The requirement key of an owner who is a member of the person's circle."""
    return f"owner:member:{member}"


def signer_keys(actions: Iterable[AgreedAction]) -> dict[int, str]:
    """One requirement key per person, by action id. An owner's key is their kind and name,
    compared without regard to case or spacing (`owner_key`), so an owner typed before the circle
    and the circle member named the same way are one signatory. A second member of the circle
    with the same kind and name (someone else, as the practitioner confirmed) gets a key of their
    own (`member_key`)."""
    holders: dict[str, int | None] = {}
    keys: dict[int, str] = {}
    for action in actions:
        typed = owner_key(action.owner_kind, action.owner_name)
        member = action.owner_member
        holder = holders.setdefault(typed, member)
        if member is not None and holder is None:
            holders[typed] = holder = member
        keys[action.id] = typed if member is None or holder == member else member_key(member)
    return keys


def required_signers(content: AgreementContent) -> tuple[SignerRequirement, ...]:
    """Who must sign: the person (or their representative), the practitioner, the manager and
    every other owner of an action, in that order (owners in order of first appearance). Actions
    owned by the same member of the person's circle ask for one signature, named as the first of
    them names the owner."""
    person = content.person
    who = person.name
    if person.representative is not None:
        who += f", with {person.representative.name}"
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
    actions = all_actions(content)
    keys = signer_keys(actions)
    for action in actions:
        if action.owner_kind in NOT_OWNERS:
            continue
        key = keys[action.id]
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
def for_the_person(content: AgreementContent, standing: Standing | None) -> Verdict:
    """Whether the agreement's representative may sign this version for the person, given the
    facts recorded now (`standing`; None when they were not read). The representative on the
    version must still be the one recorded: otherwise a new version is needed."""
    rep = content.person.representative
    if rep is None:
        return Verdict(False, "This version names nobody who could sign for the person.")
    if standing is None:
        return Verdict(False, "Whether anyone may sign for the person has not been checked.")
    if standing.authority != rep.authority or _name_key(standing.name) != _name_key(rep.name):
        return Verdict(
            False,
            "The representative on the person's details has changed since this version was "
            "issued. Issue a new version, then sign.",
        )
    return may_sign_for_the_person(standing)


def bases_for(
    content: AgreementContent, needed: SignerRequirement, standing: Standing | None = None
) -> tuple[SigningBasis, ...]:
    """The bases on which `needed` may be signed, in the order to offer them: staff in their job;
    an owner as the owner of their actions; the person for themselves, with or without support;
    their representative for them only when `for_the_person` allows it, or else, where the person
    is recorded as lacking capacity to agree, beside them as someone consulted."""
    if needed.role.is_staff:
        return (SigningBasis.STAFF_ROLE,)
    if needed.role is SignerRole.OWNER:
        return (SigningBasis.ACTION_OWNER,)
    bases = [SigningBasis.SELF, SigningBasis.SELF_WITH_SUPPORT]
    rep = content.person.representative
    if rep is None or standing is None:
        return tuple(bases)
    if for_the_person(content, standing).allowed and rep.authority in _FOR_THEM:
        bases.append(SigningBasis(rep.authority))
    elif standing.capacity.lacks_capacity:
        bases.append(SigningBasis.CONSULTEE)
    return tuple(bases)


def signer_name(content: AgreementContent, needed: SignerRequirement, basis: SigningBasis) -> str:
    """The name the agreement expects of whoever signs `needed` on `basis`: the representative's
    for them or as someone consulted, otherwise the name the requirement gives ("" for staff, who
    sign under their own account's name)."""
    rep = content.person.representative
    if (basis in REPRESENTATIVE_BASES or basis is SigningBasis.CONSULTEE) and rep is not None:
        return rep.name
    return needed.name


def _not_a_basis(
    content: AgreementContent, role: SignerRole, basis: SigningBasis, standing: Standing | None
) -> str:
    if role.is_staff:
        return "Staff sign in their job."
    if role is SignerRole.OWNER:
        return "An owner signs as the owner of their actions."
    rep = content.person.representative
    if basis in REPRESENTATIVE_BASES:
        if rep is not None and rep.authority != basis.value:
            return (
                f"{rep.name} is recorded as {authority_label(rep.authority).lower()}, not "
                f"{authority_label(basis.value).lower()}. Correct the person's details, issue a "
                "new version, then sign."
            )
        return for_the_person(content, standing).why
    if basis is SigningBasis.CONSULTEE:
        return (
            "Someone signs as consulted only beside a person recorded as lacking capacity to "
            "agree to this agreement. Otherwise the person signs, with support if they want it."
        )
    return "The person signs for themselves, with support if they want it."


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
    content: AgreementContent,
    details: SignerDetails,
    *,
    staff_name: str = "",
    standing: Standing | None = None,
) -> SettledSigner:
    """Check a signer against the agreement's requirements, or raise InvalidInput saying why not.

    The basis must be one of `bases_for` the requirement given `standing` (the representative's
    standing as recorded now); a name given must be the one `signer_name` expects. A
    representative signs on behalf of the person; someone consulted on behalf of nobody; staff
    and owners on behalf of the organisation given (if any); staff under `staff_name`.
    """
    needed = requirement(content, details.requirement)
    supported_by = clean_short_text(details.supported_by, "name of the supporter", required=False)
    on_behalf_of = clean_short_text(details.on_behalf_of, "organisation", required=False)
    basis = details.basis
    if basis not in bases_for(content, needed, standing):
        raise InvalidInput(_not_a_basis(content, needed.role, basis, standing))
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
    elif basis is SigningBasis.CONSULTEE:
        what, for_whom = "representative", ""
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
