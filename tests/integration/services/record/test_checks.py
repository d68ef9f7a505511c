"""Checks recorded: safer recruitment and provider checks, staff only, audited, never assumed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow
from risk_app.domain.errors import InvalidInput, NotPermitted
from risk_app.domain.record.checks import CheckKind, CheckOutcome
from risk_app.domain.record.people import TouchpointState
from risk_app.domain.roles import Role
from risk_app.services.record import checks, journey
from tests import factories

TODAY = factories.TODAY


def _record(store: Store, by, person_id: int, **changes):
    values = {
        "kind": CheckKind.DBS_ENHANCED_BARRED,
        "about": "Sam, personal assistant",
        "done_on": TODAY,
        "outcome": CheckOutcome.SATISFACTORY,
        "note": "",
    } | changes
    return checks.record_check(store, by=by, person_id=person_id, **values)


def test_a_dbs_check_is_recorded_listed_newest_first_and_audited(store: Store):
    someone = factories.person(store)
    by = factories.actor(store)
    older = _record(store, by, someone.id, done_on=TODAY - timedelta(days=30))
    newer = _record(
        store,
        by,
        someone.id,
        kind=CheckKind.CQC_REGISTRATION,
        about="Bright Care Ltd",
        outcome=CheckOutcome.CONCERNS,
        note="Rated inadequate for safety; talked it through with Amina",
    )
    listed = checks.checks_for(store, by=by, person_id=someone.id)
    assert [c.id for c in listed] == [newer.id, older.id]
    assert listed[0].kind.provider_check and not listed[1].kind.provider_check
    assert (listed[0].recorded_by, listed[0].about) == (by.username, "Bright Care Ltd")
    with store.read() as session:
        events = list(
            session.scalars(select(AuditEventRow).where(AuditEventRow.object_type == "check"))
        )
    assert len(events) == 2


def test_a_check_that_is_not_satisfactory_needs_a_note_saying_what_was_done(store: Store):
    someone = factories.person(store)
    with pytest.raises(InvalidInput, match="write in the note"):
        _record(store, factories.actor(store), someone.id, outcome=CheckOutcome.NOT_SATISFACTORY)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": ""}, "Choose the kind of check"),
        ({"outcome": ""}, "Choose the outcome of the check"),
        ({"about": "   "}, "Give the name of who or what was checked"),
        ({"done_on": TODAY + timedelta(days=1)}, "cannot be recorded as done in the future"),
    ],
)
def test_a_check_with_a_part_missing_or_impossible_is_refused_by_name(
    store: Store, changes, message
):
    someone = factories.person(store)
    with pytest.raises(InvalidInput, match=message):
        _record(store, factories.actor(store), someone.id, **changes)


def test_the_persons_own_account_neither_records_nor_reads_checks(store: Store):
    someone = factories.person(store)
    _record(store, factories.actor(store), someone.id)
    own = factories.actor(store, Role.INDIVIDUAL, person=someone)
    with pytest.raises(NotPermitted):
        _record(store, own, someone.id)
    with pytest.raises(NotPermitted):
        checks.checks_for(store, by=own, person_id=someone.id)


def test_staff_of_another_team_cannot_record_a_check(store: Store):
    someone = factories.person(store)
    south = factories.actor(store, team=factories.SOUTH)
    with pytest.raises(NotPermitted):
        _record(store, south, someone.id)


def test_a_check_recorded_makes_its_own_touchpoint_done_and_not_the_other(store: Store):
    someone = factories.person(store, stage="ST6")
    by = factories.actor(store)
    _record(store, by, someone.id)
    lines = {
        t.node.id: t
        for t in journey.journey(store, by=by, person_id=someone.id).current.touchpoints
    }
    assert lines["TP13"].state is TouchpointState.DONE
    assert lines["TP13"].evidence is not None and "Checks" in lines["TP13"].evidence.where
    assert lines["TP14"].outstanding
    _record(store, by, someone.id, kind=CheckKind.CQC_REGISTRATION, about="Bright Care Ltd")
    lines = {
        t.node.id: t
        for t in journey.journey(store, by=by, person_id=someone.id).current.touchpoints
    }
    assert lines["TP14"].state is TouchpointState.DONE


@pytest.mark.parametrize(
    ("jurisdiction", "kind"),
    [
        pytest.param("scotland", CheckKind.DBS_ENHANCED_BARRED, id="scotland-no-DBS-PVG-Act-2007"),
        pytest.param("scotland", CheckKind.CQC_REGISTRATION, id="scotland-no-CQC-PSR-Act-2010"),
        pytest.param("wales", CheckKind.CQC_REGISTRATION, id="wales-no-CQC-RISCA-2016"),
        pytest.param("wales", CheckKind.PVG_MEMBERSHIP, id="wales-no-PVG-SVGA-2006"),
        pytest.param("england", CheckKind.CIW_REGISTRATION, id="england-no-CIW-HSCA-2008"),
        pytest.param("england", CheckKind.PVG_MEMBERSHIP, id="england-no-PVG-SVGA-2006"),
    ],
)
def test_a_check_of_another_nation_is_refused_naming_those_that_apply(
    store: Store, jurisdiction, kind
):
    someone = factories.person(store, jurisdiction=jurisdiction)
    with pytest.raises(InvalidInput, match=f"not a check for a person in {jurisdiction.title()}"):
        _record(store, factories.actor(store), someone.id, kind=kind)
    assert checks.checks_for(store, by=factories.actor(store), person_id=someone.id) == []


@pytest.mark.parametrize(
    ("jurisdiction", "disclosure", "regulator", "touchpoint"),
    [
        pytest.param(
            "england",
            CheckKind.DBS_ENHANCED_BARRED,
            CheckKind.CQC_REGISTRATION,
            "TP13",
            id="england-SVGA-2006-HSCA-2008",
        ),
        pytest.param(
            "scotland",
            CheckKind.PVG_MEMBERSHIP,
            CheckKind.CARE_INSPECTORATE_REGISTRATION,
            "TP-PVG",
            id="scotland-Disclosure-Act-2020-PSR-Act-2010",
        ),
        pytest.param(
            "wales",
            CheckKind.DBS_ENHANCED_BARRED,
            CheckKind.CIW_REGISTRATION,
            "TP13",
            id="wales-SVGA-2006-RISCA-2016",
        ),
    ],
)
def test_each_nations_checks_make_its_own_touchpoints_done(
    store: Store, jurisdiction, disclosure, regulator, touchpoint
):
    someone = factories.person(store, stage="ST6", jurisdiction=jurisdiction)
    by = factories.actor(store)
    _record(store, by, someone.id, kind=disclosure)
    _record(store, by, someone.id, kind=regulator, about="Bright Care Ltd")
    lines = {
        t.node.id: t
        for t in journey.journey(store, by=by, person_id=someone.id).current.touchpoints
    }
    assert lines[touchpoint].state is TouchpointState.DONE
    assert lines["TP14"].state is TouchpointState.DONE
    other = "TP13" if touchpoint == "TP-PVG" else "TP-PVG"
    assert other not in lines
