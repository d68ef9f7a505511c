"""Any text typed into a name is either refused with a clear message or stored exactly as typed."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from risk_app.adapters.db import Store
from risk_app.domain.errors import InvalidInput
from risk_app.services import accounts
from risk_app.services.record import people
from tests import factories

NASTY = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "\x00",
            "a\x00b",
            "\ud800",
            "Zoë \u202ereversed\u202c",
            "\u200bzero width",
            "😀" * 60,
            "'; DROP TABLE people; --",
            "![x](http://127.0.0.1:9/p.png)",
            "<script>alert(1)</script>",
            "x" * 201,
            "   ",
            "O'Brien-Smith",
            "Åsa Ñúñez",
        ]
    ),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=NASTY)
def test_a_preferred_name_is_refused_clearly_or_round_trips_exactly(store: Store, name: str):
    person = factories.person(store)
    try:
        saved = people.save_changes(
            store,
            by=accounts.SYSTEM,
            person_id=person.id,
            expected_version=person.version,
            changes=people.PersonChanges(preferred_name=name),
        )
    except InvalidInput as refused:
        assert str(refused)  # a message a person can act on
        return
    again = people.get_person(store, by=accounts.SYSTEM, person_id=person.id)
    assert again.preferred_name == saved.preferred_name == name.strip()
