"""A person's risk agreement: its content, canonical form, digest, changes, signers and seals.

The agreement is assembled from the person's current records (what matters to them, the choices
they are making and each risk with its benefits, the mitigations with their owners and dates, the
supported decisions, the contingency, the review date and any dissent in each party's words). Once
a version is issued it never changes: any change to the records makes a new version, which needs
signing again, and `describe_changes` says what changed in words a person understands.

Canonical form (so anyone can recompute the digest): the content as JSON with object keys sorted,
no whitespace between tokens, non-ASCII characters written as themselves (not escaped), UTF-8,
no floating-point numbers, every field present (null when empty), and an explicit ``format`` and
``format_version``. Strings are kept exactly as stored, with no Unicode normalisation. The digest
is the SHA-256 of those bytes, in lower-case hex.

Seals: the organisation seals each issued version and each signature with its Ed25519 key (see
`risk_app.domain.sealing`) over a canonical payload built here, so a seal covers the digest and
every detail of who signed, how, when and on what basis.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from risk_app.domain.canonical import canonical_json, sha256_hex
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.ownership import OwnerKind
from risk_app.domain.record.people import RepresentativeAuthority
from risk_app.domain.record.plan import PlanOutcome, ReviewKind
from risk_app.domain.text import clean_long_text, clean_short_text

FORMAT: Final = "risk-app risk agreement"
FORMAT_VERSION: Final = 1
SIGNATURE_SEAL: Final = "risk-app signature seal"
ISSUE_SEAL: Final = "risk-app issued version seal"
SEAL_VERSION: Final = 1


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# ---------------------------------------------------------------------------- the content
class Representative(_Frozen):
    """Who speaks or acts for the person, and on what authority (a RepresentativeAuthority)."""

    name: str
    authority: str


class PersonPart(_Frozen):
    id: int
    name: str
    preferred_name: str
    representative: Representative | None


class WhatMatters(_Frozen):
    """One About Me entry: a standard heading and the person's own words."""

    heading: str
    text: str


class AgreedAction(_Frozen):
    """A mitigation or other action: what, who (an OwnerKind and a name) and by when."""

    id: int
    what: str
    owner_kind: str
    owner_name: str
    due: date | None


class AgreedRisk(_Frozen):
    """A choice the person is making, what they gain from it, what could go wrong, and how it is
    made safer. `level_before` and `level_after` are band names on the organisation's scale."""

    id: int
    choice: str
    benefits: str
    harm_to_self: str
    harm_to_others: str
    harm_from_others: str
    person_view: str
    strengths: str
    level_before: str | None
    level_after: str | None
    mitigations: tuple[AgreedAction, ...]


class AgreedDecision(_Frozen):
    """A supported decision. `person_decides` is true when the person made it themselves;
    otherwise the decision-maker is named (best interests)."""

    id: int
    decision: str
    risk_id: int | None
    outcome: str
    person_decides: bool
    decider_name: str | None
    decider_role: str | None
    conditions: str


class DissentEntry(_Frozen):
    """A view that differs, in the words of the party who holds it, and what it is about."""

    about: str
    party: str
    words: str


class ReviewPart(_Frozen):
    due: date | None
    kind: str | None
    """A ReviewKind value, or None when nothing is due yet."""


class AgreementContent(_Frozen):
    """Everything a version of the agreement says. Issued versions never change."""

    format: Literal["risk-app risk agreement"] = FORMAT
    format_version: Literal[1] = FORMAT_VERSION
    person: PersonPart
    what_matters: tuple[WhatMatters, ...]
    risks: tuple[AgreedRisk, ...]
    other_actions: tuple[AgreedAction, ...]
    decisions: tuple[AgreedDecision, ...]
    contingency: str | None
    review: ReviewPart
    dissent: tuple[DissentEntry, ...]

    @property
    def is_empty(self) -> bool:
        """Nothing to agree yet: no risk, no decision and no action."""
        return not (self.risks or self.decisions or self.other_actions)


def content_bytes(content: AgreementContent) -> bytes:
    return canonical_json(content.model_dump(mode="json"))


def content_digest(content: AgreementContent) -> str:
    """SHA-256 (hex) of the canonical bytes: the identity of exactly what was agreed."""
    return sha256_hex(content_bytes(content))


def parse_content(data: str | bytes | Mapping[str, Any]) -> AgreementContent:
    """Content from canonical JSON (or parsed JSON), or InvalidInput saying it is not readable."""
    try:
        if isinstance(data, Mapping):
            return AgreementContent.model_validate(dict(data))
        return AgreementContent.model_validate_json(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "content"
        raise InvalidInput(
            f"The agreement content is not in the expected form ({where})."
        ) from None


# ---------------------------------------------------------------------------- labels
def plain_date(value: date | None) -> str:
    return "no date set" if value is None else f"{value.day} {value:%B %Y}"


def owner_kind_label(kind: str) -> str:
    try:
        return OwnerKind(kind).label
    except ValueError:
        return kind


def authority_label(authority: str) -> str:
    try:
        return RepresentativeAuthority(authority).label
    except ValueError:
        return authority


def outcome_label(outcome: str) -> str:
    try:
        return PlanOutcome(outcome).label
    except ValueError:
        return outcome


def review_kind_label(kind: str | None) -> str:
    if kind is None:
        return "No review is due yet"
    labels = {
        ReviewKind.FIRST_DIRECT_PAYMENT.value: "First direct payment review",
        ReviewKind.SCHEDULED.value: "Regular review",
        ReviewKind.TRIGGERED.value: "Early review",
    }
    return labels.get(kind, kind)


# ---------------------------------------------------------------------------- signers
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


class SignerRequirement(_Frozen):
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
    return f"owner:{kind}:{_name_key(name)}"


def all_actions(content: AgreementContent) -> list[AgreedAction]:
    return [a for r in content.risks for a in r.mitigations] + list(content.other_actions)


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
    for needed in required_signers(content):
        if needed.key == key:
            return needed
    raise InvalidInput("This agreement does not ask that signer to sign.")


class SignerDetails(_Frozen):
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


class SettledSigner(_Frozen):
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

    The person signs for themselves (with a named supporter if they had support), or a
    representative signs for them only under the authority recorded on the person's record.
    Staff sign in their job under their own name; owners sign under the name the agreement gives.
    """
    needed = requirement(content, details.requirement)
    supported_by = clean_short_text(details.supported_by, "name of the supporter", required=False)
    on_behalf_of = clean_short_text(details.on_behalf_of, "organisation", required=False)
    basis = details.basis
    if needed.role is SignerRole.PERSON:
        person = content.person
        if basis is SigningBasis.SELF:
            name = _check_name(details.name, person.name, "person")
            return SettledSigner(
                requirement=needed.key,
                role=needed.role,
                name=name,
                basis=basis,
                on_behalf_of="",
                supported_by=supported_by,
            )
        if basis is SigningBasis.SELF_WITH_SUPPORT:
            if not supported_by:
                raise InvalidInput("Say who supported the person to sign.")
            name = _check_name(details.name, person.name, "person")
            return SettledSigner(
                requirement=needed.key,
                role=needed.role,
                name=name,
                basis=basis,
                on_behalf_of="",
                supported_by=supported_by,
            )
        if basis in REPRESENTATIVE_BASES:
            rep = person.representative
            if rep is None or rep.authority != basis.value:
                raise InvalidInput(
                    "A representative can sign for the person only with that authority recorded "
                    "on the person's record. Record it, issue a new version, then sign."
                )
            name = _check_name(details.name, rep.name, "representative")
            return SettledSigner(
                requirement=needed.key,
                role=needed.role,
                name=name,
                basis=basis,
                on_behalf_of=person.name,
                supported_by=supported_by,
            )
        raise InvalidInput(
            "The person signs for themselves (with support if they want it), or their "
            "attorney, deputy or appointee signs for them."
        )
    if needed.role in (SignerRole.PRACTITIONER, SignerRole.MANAGER):
        if basis is not SigningBasis.STAFF_ROLE:
            raise InvalidInput("Staff sign in their job.")
        name = clean_short_text(staff_name, "staff member's name", required=True)
        return SettledSigner(
            requirement=needed.key,
            role=needed.role,
            name=name,
            basis=basis,
            on_behalf_of=on_behalf_of,
            supported_by="",
        )
    if basis is not SigningBasis.ACTION_OWNER:
        raise InvalidInput("An owner signs as the owner of their actions.")
    name = _check_name(details.name, needed.name, "owner")
    return SettledSigner(
        requirement=needed.key,
        role=needed.role,
        name=name,
        basis=basis,
        on_behalf_of=on_behalf_of,
        supported_by=supported_by,
    )


def clean_comment(text: str) -> str:
    """An optional comment with the signature, such as "I agree except ..."."""
    return clean_long_text(text, "comment", max_length=2000)


# ---------------------------------------------------------------------------- seals
class IssueRecord(_Frozen):
    """What the organisation seals when it issues a version."""

    person_id: int
    version: int
    digest: str
    issued_at: str
    issued_by: str


class SignatureRecord(_Frozen):
    """What the organisation seals for each signature: who, in what role, on whose behalf, on
    what basis, how, when, the digest of the version signed and the comment."""

    person_id: int
    version: int
    digest: str
    requirement: str
    role: SignerRole
    signer_name: str
    on_behalf_of: str
    basis: SigningBasis
    supported_by: str
    method: SigningMethod
    signed_at: str
    comment: str
    recorded_by: str


def issue_seal_payload(record: IssueRecord) -> bytes:
    return canonical_json(
        {"seal": ISSUE_SEAL, "seal_version": SEAL_VERSION, **record.model_dump(mode="json")}
    )


def signature_seal_payload(record: SignatureRecord) -> bytes:
    return canonical_json(
        {"seal": SIGNATURE_SEAL, "seal_version": SEAL_VERSION, **record.model_dump(mode="json")}
    )


def missing_signers(
    content: AgreementContent, signed_requirements: Iterable[str]
) -> tuple[SignerRequirement, ...]:
    done = set(signed_requirements)
    return tuple(r for r in required_signers(content) if r.key not in done)


# ---------------------------------------------------------------------------- changes
def _quote(text: str, limit: int = 60) -> str:
    one_line = " ".join(text.split())
    if len(one_line) > limit:
        one_line = one_line[: limit - 1].rstrip() + "…"
    return f"'{one_line}'"


def _action_words(action: AgreedAction) -> str:
    return (
        f"{_quote(action.what)} (owner: {action.owner_name}, "
        f"{owner_kind_label(action.owner_kind).lower()}; by {plain_date(action.due)})"
    )


def _action_changes(
    prefix: str, old: Iterable[AgreedAction], new: Iterable[AgreedAction]
) -> list[str]:
    before = {a.id: a for a in old}
    after = {a.id: a for a in new}
    out: list[str] = []
    for action_id, action in after.items():
        if action_id not in before:
            out.append(f"{prefix}mitigation added: {_action_words(action)}.")
            continue
        was = before[action_id]
        name = _quote(action.what)
        if was.what != action.what:
            out.append(f"{prefix}mitigation {_quote(was.what)} reworded to {name}.")
        if (was.owner_name, was.owner_kind) != (action.owner_name, action.owner_kind):
            out.append(
                f"{prefix}mitigation {name}: owner changed from {was.owner_name} to "
                f"{action.owner_name} ({owner_kind_label(action.owner_kind).lower()})."
            )
        if was.due != action.due:
            out.append(
                f"{prefix}mitigation {name}: date changed from {plain_date(was.due)} to "
                f"{plain_date(action.due)}."
            )
    out.extend(
        f"{prefix}mitigation removed: {_quote(a.what)}."
        for i, a in before.items()
        if i not in after
    )
    return out


_RISK_FIELDS = (
    ("choice", "the choice was reworded"),
    ("benefits", "what they gain changed"),
    ("harm_to_self", "what could go wrong for them changed"),
    ("harm_to_others", "what could go wrong for others changed"),
    ("harm_from_others", "what could go wrong from others changed"),
    ("person_view", "their own view changed"),
    ("strengths", "strengths and support changed"),
)


def _risk_changes(old: AgreedRisk, new: AgreedRisk) -> list[str]:
    prefix = f"Risk {_quote(new.choice)}: "
    out = [
        prefix + words + "."
        for field, words in _RISK_FIELDS
        if getattr(old, field) != getattr(new, field)
    ]
    for field, when in (("level_before", "before"), ("level_after", "after the mitigations")):
        was, now = getattr(old, field), getattr(new, field)
        if was != now:
            out.append(
                f"{prefix}level {when} changed from {was or 'not rated'} to {now or 'not rated'}."
            )
    out.extend(_action_changes(prefix, old.mitigations, new.mitigations))
    return out


def _decision_changes(
    old: tuple[AgreedDecision, ...], new: tuple[AgreedDecision, ...]
) -> list[str]:
    before = {d.id: d for d in old}
    after = {d.id: d for d in new}
    out: list[str] = []
    for decision_id, d in after.items():
        name = _quote(d.decision)
        was = before.get(decision_id)
        if was is None:
            out.append(f"Decision added: {name} ({outcome_label(d.outcome).lower()}).")
            continue
        if was.decision != d.decision:
            out.append(f"Decision {_quote(was.decision)} reworded to {name}.")
        if was.outcome != d.outcome:
            out.append(
                f"Decision {name}: outcome changed from {outcome_label(was.outcome).lower()} "
                f"to {outcome_label(d.outcome).lower()}."
            )
        if (was.person_decides, was.decider_name, was.decider_role) != (
            d.person_decides,
            d.decider_name,
            d.decider_role,
        ):
            out.append(f"Decision {name}: who decides changed.")
        if was.conditions != d.conditions:
            out.append(f"Decision {name}: conditions changed.")
    out.extend(
        f"Decision removed: {_quote(d.decision)}." for i, d in before.items() if i not in after
    )
    return out


def _text_change(what: str, old: str | None, new: str | None) -> list[str]:
    if old == new:
        return []
    if not old:
        return [f"{what} added."]
    if not new:
        return [f"{what} removed."]
    return [f"{what} changed."]


def _person_changes(old: PersonPart, new: PersonPart) -> list[str]:
    out: list[str] = []
    if (old.name, old.preferred_name) != (new.name, new.preferred_name):
        out.append("The person's name changed.")
    if old.representative != new.representative:
        if new.representative is None:
            out.append("The representative was removed.")
        else:
            rep = new.representative
            out.append(
                f"Representative is now {rep.name} ({authority_label(rep.authority).lower()})."
            )
    return out


def describe_changes(old: AgreementContent, new: AgreementContent) -> list[str]:
    """What changed from `old` to `new`, one plain sentence each, in the agreement's order."""
    out = _person_changes(old.person, new.person)
    was_matters = {m.heading: m.text for m in old.what_matters}
    now_matters = {m.heading: m.text for m in new.what_matters}
    for heading in dict.fromkeys([*now_matters, *was_matters]):
        out += _text_change(
            f"What matters to them, {_quote(heading)}:",
            was_matters.get(heading),
            now_matters.get(heading),
        )
    before = {r.id: r for r in old.risks}
    after = {r.id: r for r in new.risks}
    for risk_id, risk in after.items():
        if risk_id not in before:
            out.append(f"Risk added: {_quote(risk.choice)}.")
            out.extend(_action_changes(f"Risk {_quote(risk.choice)}: ", (), risk.mitigations))
        else:
            out.extend(_risk_changes(before[risk_id], risk))
    out.extend(f"Risk removed: {_quote(r.choice)}." for i, r in before.items() if i not in after)
    out.extend(_action_changes("Other actions: ", old.other_actions, new.other_actions))
    out.extend(_decision_changes(old.decisions, new.decisions))
    out += _text_change("The back-up plan (contingency)", old.contingency, new.contingency)
    if old.review != new.review:
        out.append(
            f"Review date changed from {plain_date(old.review.due)} to {plain_date(new.review.due)}."
        )
    was_dissent = set(old.dissent)
    now_dissent = set(new.dissent)
    out.extend(
        f"Disagreement added: {d.party} on {_quote(d.about, 40)}."
        for d in new.dissent
        if d not in was_dissent
    )
    out.extend(
        f"Disagreement removed: {d.party} on {_quote(d.about, 40)}."
        for d in old.dissent
        if d not in now_dissent
    )
    return out
