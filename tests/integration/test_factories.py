"""The test factories build what they say: each role, stage, record, agreement status and
invitation state really is that, read back through the services. SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import UserRow
from risk_app.domain.agreements.signing_codes import InvitationState
from risk_app.domain.roles import Role
from risk_app.services import accounts
from risk_app.services import framework as framework_service
from risk_app.services.agreements import (
    inviting,
    issuing,
    reading,
)
from risk_app.services.record import decisions, meetings, panels, people, risks, safeguarding
from tests import factories
from tests.factories import AgreementStatus


@pytest.mark.parametrize("role", list(Role))
def test_an_actor_of_any_role_is_the_actor_the_app_sees_and_has_no_password(
    store: Store, role: Role
):
    someone = factories.person(store) if role is Role.INDIVIDUAL else None
    team = factories.SOUTH if role in (Role.PRACTITIONER, Role.TEAM_MANAGER) else None
    made = factories.actor(store, role, team=team, person=someone)
    assert made.role is role and accounts.refresh(store, made.user_id) == made
    assert (made.person_id is not None) is (role is Role.INDIVIDUAL)
    with store.read() as session:
        row = session.scalars(select(UserRow).where(UserRow.id == made.user_id)).one()
    assert row.password_hash is None
    if role in (Role.PRACTITIONER, Role.TEAM_MANAGER):
        south = factories.person(store, "Ravi Shah", team=factories.SOUTH)
        assert [p.id for p in people.caseload(store, by=made)] == [south.id]


def test_staff_join_the_north_team_unless_told_and_a_password_given_signs_in(store: Store):
    north = factories.actor(store, Role.TEAM_MANAGER, username="boss", password="a long password")
    mine = factories.person(store)
    factories.person(store, "Ravi Shah", team=factories.SOUTH)
    assert [p.id for p in people.caseload(store, by=north)] == [mine.id]
    assert accounts.authenticate(store, "boss", "a long password").user_id == north.user_id


@pytest.mark.parametrize("stage", ["ST0", "ST4", "ST8"])
def test_a_person_reaches_any_stage_through_every_stage_before_it(store: Store, stage: str):
    order = [node.id for node in framework_service.current().stages()]
    made = factories.person(store, stage=stage, about_me={"What matters to me": "My friends."})
    read = people.get_person(store, by=accounts.SYSTEM, person_id=made.id)
    assert read.current_stage == stage
    assert [visit.stage for visit in read.history] == order[: order.index(stage) + 1]
    assert read.about_me == (("What matters to me", "My friends."),)


def test_a_person_can_have_any_record(store: Store):
    made = factories.person(store, stage="ST4")
    by = factories.actor(store)
    risk_id = factories.risk(store, made, by=by)
    action_id = factories.action(store, made, by=by, risk_id=risk_id)
    decision = factories.decision(store, made, by=by, risk_id=risk_id)
    panel = factories.panel(store, made, by=by)
    meeting = factories.meeting(store, made, by=by, closed=True)
    concern = factories.concern(store, made, by=by)
    plan = factories.agreed_plan(store, made, by=by, went_on_reason="Her support cannot wait")
    [assessment] = risks.assessments_for(store, by=by, person_id=made.id)
    [risk] = assessment.risks
    assert risk.id == risk_id and [a.id for a in risk.actions] == [action_id]
    assert [d.id for d in decisions.decisions_for(store, by=by, person_id=made.id)] == [decision.id]
    assert [p.id for p in panels.panels_for(store, by=by, person_id=made.id)] == [panel.id]
    [held] = meetings.meetings_for(store, by=by, person_id=made.id)
    assert held.id == meeting.id and held.status is meetings.MeetingStatus.CLOSED
    [raised] = safeguarding.concerns_for(store, by=by, person_id=made.id)
    assert raised.id == concern.id
    assert plan.outcome == "agreed"


def _is_draft(store: Store, made: factories.Agreement) -> None:
    assert made.version is None
    assert reading.versions(store, by=made.practitioner, person_id=made.person.id) == []
    draft = issuing.draft(store, by=made.practitioner, person_id=made.person.id)
    assert draft.digest == made.digest and draft.content.risks


def _signed(store: Store, made: factories.Agreement) -> tuple[int, int, bool]:
    listed = reading.versions(store, by=made.practitioner, person_id=made.person.id)
    [this] = [v for v in listed if v.version == made.version]
    assert this.digest == made.digest
    return this.signed, this.required, this.is_current


def _is_issued(store: Store, made: factories.Agreement) -> None:
    assert _signed(store, made) == (0, 4, True)


def _is_partly_signed(store: Store, made: factories.Agreement) -> None:
    assert _signed(store, made) == (1, 4, True)


def _is_signed(store: Store, made: factories.Agreement) -> None:
    assert _signed(store, made) == (4, 4, True)
    assert reading.awaiting_signatures(store, by=made.manager) == []


def _is_superseded(store: Store, made: factories.Agreement) -> None:
    assert made.version == 1 and _signed(store, made) == (1, 4, False)
    current = reading.get_version(store, by=made.practitioner, person_id=made.person.id)
    assert current.version == 2 and current.is_current


CHECKS: dict[AgreementStatus, Callable[[Store, factories.Agreement], None]] = {
    AgreementStatus.DRAFT: _is_draft,
    AgreementStatus.ISSUED: _is_issued,
    AgreementStatus.PARTLY_SIGNED: _is_partly_signed,
    AgreementStatus.SIGNED: _is_signed,
    AgreementStatus.SUPERSEDED: _is_superseded,
}


@pytest.mark.parametrize("status", list(AgreementStatus))
def test_an_agreement_is_at_the_status_asked_for(store: Store, status: AgreementStatus):
    CHECKS[status](store, factories.agreement(store, status))


STATES = [
    value for name, value in vars(InvitationState).items() if name.isupper() and name[0] != "_"
]


def test_the_factory_builds_every_invitation_state_there_is():
    assert set(STATES) == {
        "waiting",
        "redeemed",
        "signed",
        "expired",
        "locked",
        "revoked",
        "superseded",
    }


@pytest.mark.parametrize("state", STATES)
def test_an_invitation_is_in_the_state_asked_for(store: Store, state: str):
    made = factories.invitation(store, state)
    [listed] = inviting.invitations(
        store, by=made.agreement.practitioner, person_id=made.agreement.person.id
    )
    assert listed.state == state and listed.signer_name == factories.JO
    assert (made.grant is not None) is (state in ("redeemed", "signed"))
