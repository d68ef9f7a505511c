"""The demo people's circles: family, friends, personal assistants, providers, health, housing,
police, an advocate and the council, each recorded once, so the demo's actions and the risk
agreement pick their owners from them. Invented people and organisations only."""

from __future__ import annotations

from risk_app.adapters.db import Store
from risk_app.domain.access import Actor
from risk_app.domain.record.ownership import OwnerKind
from risk_app.services.record import circle

GP = ("Dr Ana Patel", OwnerKind.HEALTH, "GP", "Riverside Surgery", "01632 960111")
CIRCLES: dict[str, tuple[tuple[str, OwnerKind, str, str, str], ...]] = {
    "amina": (
        ("Jo Okafor", OwnerKind.FAMILY_OR_FRIEND, "brother", "", "07700 900201"),
        ("Brightside Support", OwnerKind.PROVIDER, "", "", "0161 496 0102"),
        ("Femi Adebayo", OwnerKind.ADVOCATE, "Care Act advocate", "Voices Advocacy", ""),
        GP,
    ),
    "david": (
        ("Mark Ellis", OwnerKind.PERSONAL_ASSISTANT, "PA", "", "07700 900305"),
        GP,
    ),
    "margaret": (
        ("Sue Hughes", OwnerKind.FAMILY_OR_FRIEND, "daughter", "", "07700 900410"),
        ("Brightside Support", OwnerKind.PROVIDER, "", "", "0161 496 0102"),
    ),
    "tomasz": (
        ("Ewa Nowak", OwnerKind.FAMILY_OR_FRIEND, "sister", "", "07700 900512"),
        GP,
        ("Sam Carter", OwnerKind.COUNCIL, "", "North Locality Team", "Through the council"),
    ),
    "ravi": (("Arjun Shah", OwnerKind.FAMILY_OR_FRIEND, "cousin", "", "07700 900620"),),
    "eilidh": (
        ("Morag Campbell", OwnerKind.PERSONAL_ASSISTANT, "PA", "", "07700 900731"),
        ("Jo Evans", OwnerKind.COUNCIL, "", "South Locality Team", "Through the council"),
    ),
    "bethan": (("Cerys Griffiths", OwnerKind.FAMILY_OR_FRIEND, "mother", "", ""),),
    "grace": (
        ("Tom Fielding", OwnerKind.HOUSING, "housing officer", "Northway Homes", "0161 496 0190"),
        ("Jo Evans", OwnerKind.COUNCIL, "", "South Locality Team", "Through the council"),
    ),
    "samuel": (
        ("PC Dan Hale", OwnerKind.POLICE, "neighbourhood officer", "Greater Northshire Police", ""),
        ("Jo Evans", OwnerKind.COUNCIL, "", "South Locality Team", "Through the council"),
    ),
}
"""Each demo person's circle by `DemoPerson.key`: name, role, relationship, agency, contact."""

SOUTH_PEOPLE = frozenset({"ravi", "eilidh", "bethan", "grace", "samuel"})


def load_circles(store: Store, ids: dict[str, int], north: Actor, south: Actor) -> None:
    """Record each demo person's circle (`ids` by `DemoPerson.key`), by their team's
    practitioner."""
    for key, members in CIRCLES.items():
        by = south if key in SOUTH_PEOPLE else north
        for name, kind, relationship, agency, contact in members:
            circle.add_member(
                store,
                by=by,
                person_id=ids[key],
                name=name,
                kind=kind,
                relationship=relationship,
                agency=agency,
                contact=contact,
            )
