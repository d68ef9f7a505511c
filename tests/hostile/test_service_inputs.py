"""Every hostile payload in every service field, on SQLite and PostgreSQL: each is refused with a
message (a RiskAppError) or stored and read back exactly. No traceback, no database error."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from risk_app.services import audit
from tests.hostile.payloads import VALUES
from tests.hostile.slots import SLOTS
from tests.hostile.world import World, attempt


@pytest.mark.parametrize("slot", list(SLOTS))
def test_each_hostile_payload_is_refused_with_a_message_or_round_trips_exactly(
    world: World, slot: str
) -> None:
    world.failures.clear()
    for name, value in VALUES:
        attempt(world, slot, SLOTS[slot], name, value)
    assert world.failures == []


GENERATED = st.one_of(
    st.text(max_size=300),
    st.text(
        alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Mn", "So"]),
        max_size=20,
    ),
    st.integers(),
    st.floats(),
    st.dates(),
    st.datetimes(),
    st.none(),
    st.booleans(),
    st.binary(max_size=20),
    st.lists(st.text(max_size=5), max_size=3),
)


@pytest.mark.parametrize("slot", list(SLOTS))
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(value=GENERATED)
def test_any_generated_value_is_refused_with_a_message_or_round_trips_exactly(
    world: World, slot: str, value: object
) -> None:
    world.failures.clear()
    attempt(world, slot, SLOTS[slot], "generated", value)
    assert world.failures == []


def test_the_audit_chain_is_intact_after_every_hostile_payload(world: World) -> None:
    report = audit.verify(world.store)
    assert report.ok, report.summary()
