"""The demo organisation the hostile suite aims at, and the rule every attempt is judged by:
refused with a RiskAppError message, or stored and read back exactly; anything else fails."""

from __future__ import annotations

import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from risk_app.adapters.db import Store
from risk_app.domain.access import Actor
from risk_app.domain.errors import RiskAppError, StoreUnavailable
from risk_app.domain.record.ownership import OwnerKind
from risk_app.services import accounts, demo
from risk_app.services.record import meetings, people, risks


class Changed(AssertionError):
    """A value was accepted but what was read back is not what was written."""


class ReadOnly(Exception):
    """A query accepted the value and returned without storing anything (nothing to read back)."""


def same(read: object, expected: object, what: str) -> None:
    if read != expected or type(read) is not type(expected):
        raise Changed(f"{what}: wrote {expected!r:.80}, read back {read!r:.80}")


def short(value: str) -> str:
    """How one-line text is stored: surrounding spaces trimmed (documented)."""
    return value.strip()


def long(value: str) -> str:
    """How free text is stored: Windows line ends as one line break, ends trimmed (documented)."""
    return value.replace("\r\n", "\n").strip()


@dataclass
class World:
    store: Store
    database: str
    tally: Counter[str]
    lead: Actor
    north: Actor
    admin: Actor
    person_id: int
    assessment_id: int
    risk_id: int
    action_id: int
    meeting_id: int
    other_team_person_id: int
    failures: list[str] = field(default_factory=list)
    serial: int = 0

    def next(self) -> int:
        self.serial += 1
        return self.serial

    def version_of_person(self) -> int:
        return people.get_person(self.store, by=self.north, person_id=self.person_id).version


def build_world(store: Store, database: str, tally: Counter[str]) -> World:
    demo.load(store)
    north = accounts.authenticate(store, "practitioner", "demo-practitioner-1")
    lead = accounts.authenticate(store, "lead", "demo-safeguarding-lead")
    admin = accounts.authenticate(store, "admin", "demo-administrator")
    caseload = people.caseload(store, by=north)
    person = next(p for p in caseload if p.display_name == "Amina Okafor")
    south = accounts.authenticate(store, "practitioner.south", "demo-practitioner-2")
    other = people.caseload(store, by=south)[0]
    assessment = risks.start_assessment(store, by=north, person_id=person.id)
    risk = risks.add_risk(
        store,
        by=north,
        assessment_id=assessment,
        data=risks.RiskInput(activity="Going out alone at night", likelihood=3, impact=4),
    )
    action = risks.add_action(
        store,
        by=north,
        person_id=person.id,
        description="Phone a friend when home",
        owner_name="Amina Okafor",
        owner_kind=OwnerKind.PERSON,
        due=date(2030, 1, 1),
        risk_id=risk,
    )
    meeting = meetings.open_meeting(
        store,
        by=north,
        person_id=person.id,
        held_on=date(2024, 1, 1),
        title="Risk meeting",
        purpose="Agree how to keep Amina safe",
        chair="Team manager",
        attendees=[{"name": "Amina Okafor", "agency": "", "role": "person", "present": True}],
    )
    return World(
        store=store,
        database=database,
        tally=tally,
        lead=lead,
        north=north,
        admin=admin,
        person_id=person.id,
        assessment_id=assessment,
        risk_id=risk,
        action_id=action,
        meeting_id=meeting.id,
        other_team_person_id=other.id,
    )


def attempt(
    world: World, slot: str, run: Callable[[World, Any], None], name: str, value: object
) -> None:
    """Try one payload in one field, count the outcome, and note anything but a clean outcome."""
    world.tally["tried"] += 1
    try:
        run(world, value)
    except RiskAppError as refused:
        message = str(refused)
        if isinstance(refused, StoreUnavailable) or not message.strip() or "Traceback" in message:
            world.tally["crash"] += 1
            world.failures.append(
                f"{slot} <- {name}: not a clear refusal: {type(refused).__name__}: {message[:160]!r}"
            )
        else:
            world.tally["refused"] += 1
    except ReadOnly:
        world.tally["read_only"] += 1
    except Changed as changed:
        world.tally["changed"] += 1
        world.failures.append(f"{slot} <- {name}: {changed}")
    except Exception as crash:  # noqa: BLE001 - the point: no other exception may escape
        world.tally["crash"] += 1
        where = traceback.extract_tb(crash.__traceback__)[-1]
        world.failures.append(
            f"{slot} <- {name}: {type(crash).__name__}: {str(crash)[:160]!r} "
            f"at {where.filename}:{where.lineno}"
        )
    else:
        world.tally["round_trip"] += 1
