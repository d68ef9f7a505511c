"""Accounts and sign-in against a real database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow
from risk_app.domain.errors import AccountLocked, AuthenticationFailed, InvalidInput, NotPermitted
from risk_app.domain.roles import Role
from risk_app.services import accounts
from risk_app.services.record import people


def _actions(store: Store) -> list[tuple[str, str]]:
    with store.read() as session:
        return [
            (r.action, r.detail)
            for r in session.scalars(select(AuditEventRow).order_by(AuditEventRow.seq))
        ]


def test_the_right_password_signs_in_and_is_logged(demo_store: Store):
    actor = accounts.authenticate(demo_store, "Practitioner ", "demo-practitioner-1")
    assert actor.role is Role.PRACTITIONER
    assert _actions(demo_store)[-1][0] == "login"


def test_a_wrong_password_and_an_unknown_user_get_the_same_message(demo_store: Store):
    with pytest.raises(AuthenticationFailed) as wrong:
        accounts.authenticate(demo_store, "practitioner", "not-the-password")
    with pytest.raises(AuthenticationFailed) as unknown:
        accounts.authenticate(demo_store, "nobody-here", "not-the-password")
    assert (
        str(wrong.value)
        == str(unknown.value)
        == "The username or password is not right. Please try again."
    )
    failed = [a for a in _actions(demo_store) if a[0] == "login_failed"]
    assert len(failed) == 2


def test_repeated_failures_lock_the_username_then_it_recovers(demo_store: Store):
    now = datetime.now(UTC)
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            accounts.authenticate(demo_store, "manager", "wrong password!", now=now)
    with pytest.raises(AccountLocked) as locked:
        accounts.authenticate(demo_store, "manager", "demo-team-manager", now=now)
    assert "wait" in str(locked.value)
    later = now + timedelta(minutes=31)
    assert (
        accounts.authenticate(demo_store, "manager", "demo-team-manager", now=later).username
        == "manager"
    )


def test_a_disabled_account_cannot_sign_in_and_loses_its_session(demo_store: Store):
    actor = accounts.authenticate(demo_store, "practitioner", "demo-practitioner-1")
    assert accounts.refresh(demo_store, actor.user_id) == actor
    accounts.set_disabled(demo_store, by=accounts.SYSTEM, username="practitioner", disabled=True)
    assert accounts.refresh(demo_store, actor.user_id) is None
    with pytest.raises(AuthenticationFailed):
        accounts.authenticate(demo_store, "practitioner", "demo-practitioner-1")


def test_passwords_are_stored_only_as_argon2_hashes(demo_store: Store):
    from risk_app.adapters.tables import UserRow

    with demo_store.read() as session:
        hashes = list(session.scalars(select(UserRow.password_hash)))
    assert hashes and all(h and h.startswith("$argon2id$") for h in hashes)


def test_only_administrators_manage_accounts(demo_store: Store):
    practitioner = accounts.authenticate(demo_store, "practitioner", "demo-practitioner-1")
    with pytest.raises(NotPermitted):
        accounts.list_users(demo_store, by=practitioner)
    admin = accounts.authenticate(demo_store, "admin", "demo-administrator")
    assert {u.username for u in accounts.list_users(demo_store, by=admin)} >= {
        "admin",
        "lead",
        "amina",
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"username": "x"}, "2 to 100"),
        ({"role": "wizard"}, "Unknown role"),
        ({"password": "short"}, "at least 12"),
        ({"team": None}, "needs a team"),
        ({"username": "admin"}, "already an account"),
    ],
)
def test_bad_account_details_get_a_clear_message(demo_store: Store, kwargs: dict, message: str):
    details = {
        "username": "new.worker",
        "display_name": "New Worker",
        "role": "practitioner",
        "password": "a long enough password",
        "team": "North Locality Team",
    } | kwargs
    with pytest.raises(InvalidInput, match=message):
        accounts.create_user(demo_store, by=accounts.SYSTEM, **details)


def test_staff_cannot_open_people_outside_their_team_and_the_attempt_is_logged(demo_store: Store):
    north = accounts.authenticate(demo_store, "practitioner", "demo-practitioner-1")
    south = accounts.authenticate(demo_store, "practitioner.south", "demo-practitioner-2")
    north_people = people.caseload(demo_store, by=north)
    assert north_people and all(p.team == "North Locality Team" for p in north_people)
    with pytest.raises(NotPermitted):
        people.get_person(demo_store, by=south, person_id=north_people[0].id)
    assert _actions(demo_store)[-1][0] == "access_denied"


def test_an_individual_sees_only_their_own_record(demo_store: Store):
    amina = accounts.authenticate(demo_store, "amina", "demo-individual-1")
    mine = people.my_record(demo_store, by=amina)
    assert mine.display_name == "Amina Okafor"
    with pytest.raises(NotPermitted):
        people.get_person(demo_store, by=amina, person_id=mine.id + 1)
    with pytest.raises(NotPermitted):
        people.caseload(demo_store, by=amina)


def test_every_view_of_a_persons_record_is_audited_with_its_version(demo_store: Store):
    north = accounts.authenticate(demo_store, "practitioner", "demo-practitioner-1")
    person = people.caseload(demo_store, by=north)[0]
    people.get_person(demo_store, by=north, person_id=person.id)
    with demo_store.read() as session:
        last = session.scalars(
            select(AuditEventRow).order_by(AuditEventRow.seq.desc()).limit(1)
        ).one()
    assert (last.action, last.actor, last.object_type, last.object_id, last.object_version) == (
        "view",
        "practitioner",
        "person",
        str(person.id),
        person.version,
    )
