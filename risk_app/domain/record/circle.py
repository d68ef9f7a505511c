"""The people around the person: their circle, each recorded once.

Rule encoded: family, friends, personal assistants, providers, an advocate, a representative,
health, police, housing and the council are each recorded once in the person's circle (name,
relationship or agency, role, how to contact them, and whether they have an account), and
actions, attendees, acknowledgements and signatories pick from it. Before a new entry is made, a
likely duplicate (the same name, and the same relationship, or the same role when either has no
relationship given) is offered, so "Grace Okafor (sister)" and "Grace Okafor" do not become two
people who must each sign. Shared responsibility needs the people sharing it to be clear
("Independence, choice and risk", DH 2007). Wording is our own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.ownership import OwnerKind
from risk_app.domain.text import clean_short_text

USERNAME_MAX = 100
"""Account names are stored in 100 characters (as `created_by` is)."""
MEMBER_KINDS: tuple[OwnerKind, ...] = tuple(k for k in OwnerKind if k is not OwnerKind.PERSON)
"""The roles someone in the circle may have: anyone but the person themself."""


def same_name(a: str, b: str) -> bool:
    """Names compared without regard to case or spacing ("grace  OKAFOR" is "Grace Okafor")."""
    return name_key(a) == name_key(b)


def name_key(name: str) -> str:
    """A name folded for comparison: spaces collapsed, case folded."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True, slots=True)
class CircleMember:
    """Someone in the person's circle, as recorded (the person themself is not in it)."""

    id: int
    person_id: int
    name: str
    kind: OwnerKind
    relationship: str
    """Their relationship to the person in words ("sister", "GP"); "" when not given."""
    agency: str
    """The organisation they are from ("Riverside Surgery"); "" for family and friends."""
    contact: str
    """How to reach them (a phone number, an email, "through the care home")."""
    username: str | None
    """Their account in the app, if they have one."""
    version: int
    created_at: datetime
    created_by: str
    left_at: datetime | None = None
    """When they left the circle (never deleted); None while they are in it."""
    left_reason: str = ""

    @property
    def label(self) -> str:
        """How pickers show them: "Grace Okafor (sister)", "Dr Ana Patel (Health, Riverside
        Surgery)"."""
        return f"{self.name} ({self.described})"

    @property
    def described(self) -> str:
        """Their relationship (or role when none is given), then their agency."""
        parts = [self.relationship or self.kind.label]
        if self.agency:
            parts.append(self.agency)
        return ", ".join(parts)

    @property
    def has_account(self) -> bool:
        return self.username is not None

    @property
    def in_circle(self) -> bool:
        return self.left_at is None


def checked_kind(kind: OwnerKind | str | None) -> OwnerKind:
    """The role chosen, or InvalidInput: it must be chosen, and the person is not in their own
    circle."""
    if kind is None or (isinstance(kind, str) and not kind.strip()):
        raise InvalidInput("Choose their role (family or friend, provider, health...).")
    try:
        found = OwnerKind(kind if isinstance(kind, OwnerKind) else kind.strip().lower())
    except ValueError:
        valid = ", ".join(k.label for k in MEMBER_KINDS)
        raise InvalidInput(f"{kind!r} is not a role we know. Choose one of: {valid}.") from None
    if found is OwnerKind.PERSON:
        raise InvalidInput(
            "The person themself is not part of their own circle: choose them as the person."
        )
    return found


@dataclass(frozen=True, slots=True)
class NewMember:
    """Checked details of someone joining (or corrected in) the circle."""

    name: str
    kind: OwnerKind
    relationship: str
    agency: str
    contact: str
    username: str | None

    @classmethod
    def checked(
        cls,
        *,
        name: str,
        kind: OwnerKind | str | None,
        relationship: str = "",
        agency: str = "",
        contact: str = "",
        username: str | None = None,
    ) -> NewMember:
        """Clean the details, or InvalidInput saying what to fix. The role has no default."""
        cleaned = clean_short_text(name, "name of the person or organisation", required=True)
        role = checked_kind(kind)
        account = clean_short_text(
            username or "", "account name", required=False, max_length=USERNAME_MAX
        )
        return cls(
            name=cleaned,
            kind=role,
            relationship=clean_short_text(relationship, "relationship", required=False),
            agency=clean_short_text(agency, "agency", required=False),
            contact=clean_short_text(contact, "contact details", required=False),
            username=account or None,
        )

    @property
    def label(self) -> str:
        parts = [self.relationship or self.kind.label]
        if self.agency:
            parts.append(self.agency)
        return f"{self.name} ({', '.join(parts)})"


def _same_relationship(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


def is_likely_duplicate(
    member: CircleMember, name: str, relationship: str, kind: OwnerKind
) -> bool:
    """The same name, and the same relationship; or, when either has no relationship given, the
    same role."""
    if not same_name(member.name, name):
        return False
    if relationship.strip() and member.relationship.strip():
        return _same_relationship(member.relationship, relationship)
    return member.kind is kind


def likely_duplicates(
    existing: Iterable[CircleMember], name: str, relationship: str, kind: OwnerKind | str
) -> tuple[CircleMember, ...]:
    """The members of `existing` who are likely the person being added (current members only)."""
    role = OwnerKind(kind)
    return tuple(
        m for m in existing if m.in_circle and is_likely_duplicate(m, name, relationship, role)
    )


class LikelyDuplicate(InvalidInput):
    """Someone like this is already in the circle: use them, or confirm this is someone else."""

    def __init__(self, matches: Iterable[CircleMember]) -> None:
        self.matches: tuple[CircleMember, ...] = tuple(matches)
        named = " and ".join(m.label for m in self.matches)
        verb = "is" if len(self.matches) == 1 else "are"
        super().__init__(
            f"{named} {verb} already in the person's circle. Use them, or say that this is a "
            "different person."
        )
