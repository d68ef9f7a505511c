"""A person's risk agreement: what a version says, its canonical form and its digest.

The agreement is assembled from the person's current records (what matters to them, the choices
they are making and each risk with its benefits, the mitigations with their owners and dates, the
supported decisions, the contingency, the review date and any dissent in each party's words). Once
a version is issued it never changes: any change to the records makes a new version, which needs
signing again (`risk_app.domain.agreements.changes` says what changed).

Canonical form (so anyone can recompute the digest): the content as JSON with object keys sorted,
no whitespace between tokens, non-ASCII characters written as themselves (not escaped), UTF-8,
no floating-point numbers, every field present (null when empty), and an explicit ``format`` and
``format_version``. Strings are kept exactly as stored, with no Unicode normalisation. The digest
is the SHA-256 of those bytes, in lower-case hex.

The labels at the end turn the content's stored values (owner kinds, authorities, outcomes, review
kinds, dates) into words.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Final, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    SerializerFunctionWrapHandler,
    ValidationError,
    model_serializer,
)

from risk_app.domain.canonical import canonical_json, sha256_hex
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.council_response import CouncilResponse
from risk_app.domain.record.ownership import OwnerKind
from risk_app.domain.record.people import RepresentativeAuthority
from risk_app.domain.record.plan import PlanOutcome, ReviewKind

FORMAT: Final = "risk-app risk agreement"
FORMAT_VERSION: Final = 1


class Frozen(BaseModel):
    """Base of the agreement's values: they never change and hold only their declared fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


# ---------------------------------------------------------------------------- the content
class Representative(Frozen):
    """Who speaks or acts for the person, and on what authority (a RepresentativeAuthority)."""

    name: str
    authority: str


class PersonPart(Frozen):
    id: int
    name: str
    preferred_name: str
    representative: Representative | None


class WhatMatters(Frozen):
    """One About Me entry: a standard heading and the person's own words."""

    heading: str
    text: str


class AgreedAction(Frozen):
    """A mitigation or other action: what, who (an OwnerKind and a name) and by when."""

    id: int
    what: str
    owner_kind: str
    owner_name: str
    due: date | None
    owner_member: int | None = None
    """The owner's number in the person's circle, so that one person is one signatory however
    their actions were worded. None (an owner typed before the circle, or the person themself) is
    left out of the canonical form, so the digest of every agreement made before this field
    existed is unchanged."""

    @model_serializer(mode="wrap")
    def _without_unset_member(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        out: dict[str, Any] = handler(self)
        if out.get("owner_member") is None:
            out.pop("owner_member", None)
        return out


class AgreedRisk(Frozen):
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


class AgreedDecision(Frozen):
    """A supported decision. `person_decides` is true when the person made it themselves;
    otherwise the decision-maker is named (best interests under the MCA; under the AWI Act, an
    intervention following its s1 principles)."""

    id: int
    decision: str
    risk_id: int | None
    outcome: str
    person_decides: bool
    decider_name: str | None
    decider_role: str | None
    conditions: str
    capacity_law: str | None = None
    """"awi" when the capacity record followed the Adults with Incapacity (Scotland) Act 2000, so
    a decision made for the person is worded by its s1 principles, never as best interests. None
    (the Mental Capacity Act 2005) is left out of the canonical form, so the digest of every
    agreement made before this field existed is unchanged."""

    @model_serializer(mode="wrap")
    def _without_unset_law(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        out: dict[str, Any] = handler(self)
        if out.get("capacity_law") is None:
            out.pop("capacity_law", None)
        return out


class DissentEntry(Frozen):
    """A view that differs, in the words of the party who holds it, and what it is about."""

    about: str
    party: str
    words: str


class ReviewPart(Frozen):
    due: date | None
    kind: str | None
    """A ReviewKind value, or None when nothing is due yet."""
    source: str | None = None
    """Where the date comes from, in plain words (a panel, a meeting, the plan, the rule); None in
    versions issued before it was kept. The date is the person's one next review, the same the
    record and the staff lists show (`risk_app.domain.record.next_review`)."""


class AgreementContent(Frozen):
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
    """The content in canonical form (see the module docstring)."""
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


def all_actions(content: AgreementContent) -> list[AgreedAction]:
    """Every action in the agreement: each risk's mitigations in order, then the other actions."""
    return [a for r in content.risks for a in r.mitigations] + list(content.other_actions)


# ---------------------------------------------------------------------------- labels
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
    """A plan's outcome or the council's response to a decision, in words."""
    for kind in (PlanOutcome, CouncilResponse):
        try:
            return kind(outcome).label
        except ValueError:
            continue
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
