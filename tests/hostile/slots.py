"""Service fields the hostile suite aims at: each slot puts one payload into one field (or into
several fields that share one rule) of a service call, with every other argument valid, and reads
the stored value back through the service (through the table only where no service shows it).

A slot returns normally when what was written reads back exactly (after the documented trimming:
`short`, `long`), raises `ReadOnly` when a query accepted the value and stored nothing, and lets
the service's RiskAppError through when it refused.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from risk_app.adapters.tables import (
    AcknowledgementRow,
    ActionRow,
    ReviewRow,
    RiskRow,
    SafeguardingConcernRow,
)
from risk_app.domain.record.awi_capacity import AwiAbility, AwiPrinciple
from risk_app.domain.record.checks import CheckKind, CheckOutcome
from risk_app.domain.record.ownership import OwnerKind
from risk_app.domain.record.panel_lifecycle import (
    Outcome,
    Referral,
    Rescheduling,
    Scheduling,
    Withdrawal,
)
from risk_app.domain.record.plan import PlanOutcome, ValidationCheck
from risk_app.domain.record.risk import THREE_BAND_5X5
from risk_app.services import accounts, audit
from risk_app.services import framework as framework_service
from risk_app.services.agreements import reading, remote_signing, waiting
from risk_app.services.record import (
    action_codes,
    actions_due,
    checks,
    circle,
    concern_reading,
    concern_steps,
    decisions,
    drafts,
    exports,
    journey,
    local_policy,
    meeting_sections,
    meeting_undo,
    meetings,
    organisation_counts,
    panels,
    people,
    plan_validation,
    reviews,
    risks,
    safeguarding,
    stages,
    whole_record,
)
from tests.hostile.world import Changed, ReadOnly, World, long, same, short

Run = Callable[[World, Any], None]
ABOUT = "What matters to me"
PAST = date(2024, 1, 1)
TODAY = datetime.now(UTC).date()


# ------------------------------------------------------------------------------------- people
def person_name_and_team(w: World, v: Any) -> None:
    made = people.create_person(
        w.store, by=accounts.SYSTEM, display_name=v, team=v, jurisdiction="england"
    )
    got = people.get_person(w.store, by=accounts.SYSTEM, person_id=made.id)
    same(got.display_name, short(v), "name")
    same(got.team, short(v), "team")


def person_nation(w: World, v: Any) -> None:
    made = people.create_person(
        w.store, by=accounts.SYSTEM, display_name="Nation", team="Nation", jurisdiction=v
    )
    same(made.jurisdiction, v.strip().lower(), "nation")
    same(made.jurisdiction in people.jurisdictions(), True, "a nation the law book holds")


def person_moves_nation(w: World, v: Any) -> None:
    before = people.get_person(w.store, by=w.north, person_id=w.person_id)
    people.save_changes(
        w.store,
        by=w.north,
        person_id=w.person_id,
        expected_version=w.version_of_person(),
        changes=people.PersonChanges(jurisdiction=v),
    )
    got = people.get_person(w.store, by=w.north, person_id=w.person_id)
    if v is None:  # None leaves the nation as it was
        same(got.jurisdiction, before.jurisdiction, "nation left as it was")
        return
    same(got.jurisdiction in people.jurisdictions(), True, "a nation the law book holds")


def person_short_details(w: World, v: Any) -> None:
    before = people.get_person(w.store, by=w.north, person_id=w.person_id)
    people.save_changes(
        w.store,
        by=w.north,
        person_id=w.person_id,
        expected_version=w.version_of_person(),
        changes=people.PersonChanges(preferred_name=v, representative_name=v),
    )
    got = people.get_person(w.store, by=w.north, person_id=w.person_id)
    if v is None:  # None leaves a field as it was
        same(got.preferred_name, before.preferred_name, "preferred name left as it was")
        return
    same(got.preferred_name, short(v), "preferred name")
    same(got.representative_name, short(v), "representative's name")


def person_long_details(w: World, v: Any) -> None:
    before = people.get_person(w.store, by=w.north, person_id=w.person_id)
    people.save_changes(
        w.store,
        by=w.north,
        person_id=w.person_id,
        expected_version=w.version_of_person(),
        changes=people.PersonChanges(communication=v, about_me={ABOUT: v}),
    )
    got = people.get_person(w.store, by=w.north, person_id=w.person_id)
    if v is None:  # None leaves a field as it was
        same(got.communication, before.communication, "communication left as it was")
        return
    same(got.communication, long(v), "communication")
    same(dict(got.about_me).get(ABOUT, ""), long(v), "About Me")


def person_stage(w: World, v: Any) -> None:
    before = people.get_person(w.store, by=w.north, person_id=w.person_id).current_stage
    stages.move_stage(
        w.store,
        by=w.north,
        person_id=w.person_id,
        to_stage=v,
        reason="Moving on to test the stage field.",
        expected_version=w.version_of_person(),
    )
    got = people.get_person(w.store, by=w.north, person_id=w.person_id).current_stage
    same(got, before if v is None else v, "stage")


def stage_reason(w: World, v: Any) -> None:
    before = people.get_person(w.store, by=w.north, person_id=w.person_id).current_stage
    stages.move_stage(
        w.store,
        by=w.north,
        person_id=w.person_id,
        to_stage="ST1" if before != "ST1" else "ST2",
        reason=v,
        expected_version=w.version_of_person(),
    )
    got = people.get_person(w.store, by=w.north, person_id=w.person_id)
    same(got.history[-1].reason, long(v), "reason to move on")


def person_authority(w: World, v: Any) -> None:
    before = people.get_person(w.store, by=w.north, person_id=w.person_id)
    people.save_changes(
        w.store,
        by=w.north,
        person_id=w.person_id,
        expected_version=w.version_of_person(),
        changes=people.PersonChanges(representative_authority=v),
    )
    got = people.get_person(w.store, by=w.north, person_id=w.person_id)
    expected = before.representative_authority.value if v is None else str(v)
    same(got.representative_authority.value, expected, "representative's authority")


def person_direct_payment_start(w: World, v: Any) -> None:
    people.save_changes(
        w.store,
        by=w.north,
        person_id=w.person_id,
        expected_version=w.version_of_person(),
        changes=people.PersonChanges(direct_payment_start=v),
    )
    got = people.get_person(w.store, by=w.north, person_id=w.person_id)
    same(got.direct_payment_start, v, "direct payment start")


def person_id(w: World, v: Any) -> None:
    same(people.get_person(w.store, by=accounts.SYSTEM, person_id=v).id, v, "person id")


def expected_version(w: World, v: Any) -> None:
    before = w.version_of_person()
    saved = people.save_changes(
        w.store,
        by=w.north,
        person_id=w.person_id,
        expected_version=v,
        changes=people.PersonChanges(preferred_name=f"V{w.next()}"),
    )
    same(v, before, "a save accepted only from the current version")
    same(saved.version, before + 1, "version after the save")


# ------------------------------------------------------------------------------------ accounts
def account_text(w: World, v: Any) -> None:
    username = f"hostile.{w.next()}"
    accounts.create_user(
        w.store,
        by=w.admin,
        username=username,
        display_name=v,
        role="practitioner",
        password=None,
        team=v,
    )
    [user] = [u for u in accounts.list_users(w.store, by=w.admin) if u.username == username]
    same(user.display_name, short(v), "display name")
    same(user.team, short(v), "team")


def account_username(w: World, v: Any) -> None:
    accounts.create_user(
        w.store, by=w.admin, username=v, display_name="Hostile", role="administrator", password=None
    )
    names = {u.username for u in accounts.list_users(w.store, by=w.admin)}
    same(accounts.normalise_username(v) in names, True, "username listed")


def account_person_id(w: World, v: Any) -> None:
    username = f"hostile.{w.next()}"
    user = accounts.create_user(
        w.store,
        by=w.admin,
        username=username,
        display_name="Rep",
        role="individual",
        password=None,
        person_id=v,
    )
    same(user.person_id, v, "person of an individual's account")


def sign_in(w: World, v: Any) -> None:
    """Signing in with a hostile name or password is refused (and never crashes)."""
    accounts.authenticate(w.store, v, v)
    raise AssertionError("a hostile sign-in was accepted")


def account_disable(w: World, v: Any) -> None:
    accounts.set_disabled(w.store, by=w.admin, username=v, disabled=False)
    raise ReadOnly  # enabling an enabled account changes nothing


# --------------------------------------------------------------------------------------- risks
def risk_text(w: World, v: Any) -> None:
    data = risks.RiskInput(
        activity=v, likelihood=2, impact=2, benefits=v, harm_to_self=v, person_view=v, strengths=v
    )
    risk_id = risks.add_risk(w.store, by=w.north, assessment_id=w.assessment_id, data=data)
    got = _risk(w, risk_id)
    for name in ("activity", "benefits", "harm_to_self", "person_view", "strengths"):
        same(getattr(got, name), long(v), name)


def risk_numbers(w: World, v: Any) -> None:
    data = risks.RiskInput(
        activity="Cooking", likelihood=v, impact=v, person_likelihood=v, person_impact=v
    )
    risk_id = risks.add_risk(w.store, by=w.north, assessment_id=w.assessment_id, data=data)
    got = _risk(w, risk_id)
    same(got.view.before.likelihood, v, "likelihood")
    same(got.view.before.impact, v, "impact")


def risk_abuse_types(w: World, v: Any) -> None:
    data = risks.RiskInput(activity="Money", likelihood=2, impact=2, abuse_types=(v,))
    risk_id = risks.add_risk(w.store, by=w.north, assessment_id=w.assessment_id, data=data)
    same(_risk(w, risk_id).abuse_types, (v,), "abuse types")


def risk_assessment_id(w: World, v: Any) -> None:
    data = risks.RiskInput(activity="Walking", likelihood=2, impact=2)
    risk_id = risks.add_risk(w.store, by=w.north, assessment_id=v, data=data)
    same(_risk(w, risk_id).assessment_id, v, "assessment")


def _risk(w: World, risk_id: int) -> Any:
    """The stored risk, as the assessment view shows it (its summary built by the service)."""
    with w.store.read() as session:
        row = session.get(RiskRow, risk_id)
        assert row is not None
        return risks._summary(session, row, THREE_BAND_5X5)


def action_text(w: World, v: Any) -> None:
    action_id = risks.add_action(
        w.store,
        by=w.north,
        person_id=w.person_id,
        description=v,
        owner_name=v,
        owner_kind="person",
        due=None,
    )
    got = _action(w, action_id)
    same(got.description, long(v), "action")
    same(got.owner_name, short(v), "owner")


def action_due(w: World, v: Any) -> None:
    action_id = risks.add_action(
        w.store,
        by=w.north,
        person_id=w.person_id,
        description="Ring",
        owner_name="Jo",
        owner_kind="person",
        due=v,
    )
    same(_action(w, action_id).due, v, "due date")


def action_risk_id(w: World, v: Any) -> None:
    risks.add_action(
        w.store,
        by=w.north,
        person_id=w.person_id,
        description="Ring",
        owner_name="Jo",
        owner_kind=OwnerKind.PERSON,
        due=None,
        risk_id=v,
    )
    assert v in (None, w.risk_id), "an action links only to the person's own risk"


def action_status(w: World, v: Any) -> None:
    version = _action(w, w.action_id).version
    risks.set_action_status(
        w.store, by=w.north, action_id=w.action_id, expected_version=version, status=v
    )
    same(_action(w, w.action_id).status.value, v, "status")


def acknowledgement(w: World, v: Any) -> None:
    risks.acknowledge(w.store, by=w.north, action_id=w.action_id, acknowledged_by=v, method="phone")
    with w.store.read() as session:
        stored = session.scalars(
            select(AcknowledgementRow.acknowledged_by).order_by(AcknowledgementRow.id.desc())
        ).first()
    same(stored, short(v), "acknowledged by")


def _action(w: World, action_id: int) -> Any:
    """The stored action, as the assessment view shows it."""
    with w.store.read() as session:
        row = session.get(ActionRow, action_id)
        assert row is not None
        return risks._action_view(row, {})


def _member(w: World, member_id: int) -> Any:
    found = circle.members_for(w.store, by=w.north, person_id=w.person_id, include_left=True)
    return next(m for m in found if m.id == member_id)


def _members_now(w: World) -> set[int]:
    return {m.id for m in circle.members_for(w.store, by=w.north, person_id=w.person_id)}


def action_new_owner(w: World, v: Any) -> None:
    action_id = risks.add_action(
        w.store,
        by=w.north,
        person_id=w.person_id,
        description="Ring",
        owner_name="Jo",
        owner_kind=OwnerKind.FAMILY_OR_FRIEND,
        due=None,
        owner_relationship=v,
        owner_agency=v,
        owner_confirmed_new=True,
    )
    got = _member(w, _action(w, action_id).owner_member_id)
    same(got.relationship, short(v), "relationship")
    same(got.agency, short(v), "agency")


def action_owner_member(w: World, v: Any) -> None:
    circle.add_member(
        w.store,
        by=w.north,
        person_id=w.person_id,
        name="Grace",
        kind="advocate",
        confirmed_new=True,
    )
    action_id = risks.add_action(
        w.store, by=w.north, person_id=w.person_id, description="Ring", due=None, owner_member_id=v
    )
    assert v in _members_now(w), "an action's owner is only a member of the person's own circle"
    same(_action(w, action_id).owner_member_id, v, "owner")


def acknowledgement_member(w: World, v: Any) -> None:
    circle.add_member(
        w.store,
        by=w.north,
        person_id=w.person_id,
        name="Grace",
        kind="advocate",
        confirmed_new=True,
    )
    risks.acknowledge(w.store, by=w.north, action_id=w.action_id, member_id=v, method="phone")
    assert v in _members_now(w), "an acknowledgement names only a member of the person's circle"


def circle_text(w: World, v: Any) -> None:
    made = circle.add_member(
        w.store,
        by=w.north,
        person_id=w.person_id,
        name=v,
        kind=OwnerKind.FAMILY_OR_FRIEND,
        relationship=v,
        agency=v,
        contact=v,
        username=v,
        confirmed_new=True,
    )
    got = _member(w, made.id)
    same(got.name, short(v), "name")
    same(got.relationship, short(v), "relationship")
    same(got.agency, short(v), "agency")
    same(got.contact, short(v), "contact")
    same(got.username, short(v) or None, "account")


def circle_kind(w: World, v: Any) -> None:
    made = circle.add_member(
        w.store, by=w.north, person_id=w.person_id, name="Jo", kind=v, confirmed_new=True
    )
    same(_member(w, made.id).kind.value, v, "role")


def circle_correction(w: World, v: Any) -> None:
    made = circle.add_member(
        w.store,
        by=w.north,
        person_id=w.person_id,
        name="Jo",
        kind=OwnerKind.HOUSING,
        confirmed_new=True,
    )
    circle.correct_member(
        w.store,
        by=w.north,
        member_id=made.id,
        expected_version=made.version,
        name=v,
        kind=OwnerKind.HOUSING,
        relationship=v,
        agency=v,
        contact=v,
        username=v,
    )
    got = _member(w, made.id)
    same(got.name, short(v), "name")
    same(got.contact, short(v), "contact")


def circle_leaving(w: World, v: Any) -> None:
    made = circle.add_member(
        w.store, by=w.north, person_id=w.person_id, name="Jo", kind="other", confirmed_new=True
    )
    circle.leave_circle(
        w.store, by=w.north, member_id=made.id, expected_version=made.version, reason=v
    )
    same(_member(w, made.id).left_reason, long(v), "reason")


def overdue_today(w: World, v: Any) -> None:
    risks.overdue_for_team(w.store, by=w.north, today=v)
    raise ReadOnly


# ------------------------------------------------------------------------------------- journey
def prompt_answer(w: World, v: Any) -> None:
    prompt = next(
        n.id
        for n in framework_service.current().nodes()
        if n.is_prompt and str(n.answer_type) == "text"
    )
    journey.answer_prompt(w.store, by=w.north, person_id=w.person_id, prompt_id=prompt, answer=v)
    got = journey.journey(w.store, by=w.north, person_id=w.person_id)
    same(got.answers[prompt], long(v), "answer")


def prompt_id(w: World, v: Any) -> None:
    journey.answer_prompt(w.store, by=w.north, person_id=w.person_id, prompt_id=v, answer="yes")
    same(journey.journey(w.store, by=w.north, person_id=w.person_id).answers[v], "yes", "answer")


def touchpoint_note(w: World, v: Any) -> None:
    here = journey.journey(w.store, by=w.north, person_id=w.person_id).current
    touchpoint = next(t.node.id for t in here.touchpoints if t.evidence is None)
    journey.record_touchpoint(
        w.store,
        by=w.north,
        person_id=w.person_id,
        touchpoint_id=touchpoint,
        state="not_applicable",
        note=v,
    )
    with w.store.read() as session:
        from risk_app.adapters.tables import TouchpointStatusRow

        stored = session.scalars(
            select(TouchpointStatusRow.note)
            .where(
                TouchpointStatusRow.person_id == w.person_id,
                TouchpointStatusRow.touchpoint_id == touchpoint,
            )
            .order_by(TouchpointStatusRow.id.desc())
            .limit(1)
        ).one()
    same(stored, long(v), "touchpoint note")


def journey_stage(w: World, v: Any) -> None:
    shown = journey.journey(w.store, by=w.north, person_id=w.person_id, stage=v)
    same(shown.current.stage.id, v or shown.person.current_stage, "stage")


# -------------------------------------------------------------------------------------- drafts
def draft_payload(w: World, v: Any) -> None:
    payload = {"fields": {"notes": v, "list": [v], "nested": {"k": v}}}
    drafts.save(w.store, by=w.north, form="hostile", person_id=w.person_id, payload=payload)
    got = drafts.load(w.store, by=w.north, form="hostile", person_id=w.person_id)
    assert got is not None
    same(got.payload, payload, "draft")


def draft_form(w: World, v: Any) -> None:
    drafts.save(w.store, by=w.north, form=v, person_id=w.person_id, payload={"a": 1})
    got = drafts.load(w.store, by=w.north, form=v, person_id=w.person_id)
    same(got.payload if got else None, {"a": 1}, "draft under a hostile form name")


# ----------------------------------------------------------------------------------- decisions
def decision_text(w: World, v: Any) -> None:
    made = decisions.record_decision(
        w.store,
        by=w.north,
        person_id=w.person_id,
        data=decisions.DecisionInput(
            decision=v,
            options=[{"option": v, "less_restrictive": True, "notes": v}],
            support_given=[v],
            decided=v,
            outcome=PlanOutcome.AGREED_WITH_CONDITIONS,
            conditions=v,
        ),
    )
    [got] = [
        d
        for d in decisions.decisions_for(w.store, by=w.north, person_id=w.person_id)
        if d.id == made.id
    ]
    same(got.decision, long(v), "decision")
    same(got.conditions, long(v), "conditions")
    same(got.support_given, (long(v),), "support given")
    same(got.options[0].option, long(v), "option")
    same(got.decided, long(v), "what the person decided")


def decision_capacity_text(w: World, v: Any) -> None:
    """The capacity record's own text (s3(4) information, who assessed) and an attorney's."""
    made = decisions.record_decision(
        w.store,
        by=w.north,
        person_id=w.person_id,
        data=decisions.DecisionInput(
            decision="D",
            options=[{"option": "O", "less_restrictive": True, "notes": ""}],
            support_given=["S"],
            outcome=PlanOutcome.AGREED,
            capacity=decisions.CapacityInput(
                reason_to_doubt="R",
                functional={"use_or_weigh": "unable"},
                evidence={"use_or_weigh": "E"},
                impairment="I",
                inability_because_of_impairment=True,
                relevant_information=v,
                balance_of_probabilities=True,
                assessor_name=v,
                assessor_role=v,
            ),
            authority=decisions.AuthorityInput(
                covers=True, kind="lpa_health_welfare", holder=v, scope=v
            ),
            decided=v,
        ),
    )
    same(made.relevant_information, long(v), "information relevant to the decision")
    same(made.assessor_name, short(v), "who assessed")
    same(made.authority_holder, short(v), "who holds the authority")
    same(made.authority_scope, long(v), "the authority and what it covers")
    same(made.decided, long(v), "what the attorney decided")


def decision_awi_text(w: World, v: Any) -> None:
    """A Scottish assessment's text (AWI 2000 s1(6) evidence, the disorder named) and how each s1
    principle was applied: kept as written in the columns the MCA form uses."""
    team = people.get_person(w.store, by=w.north, person_id=w.person_id).team
    scot = people.create_person(
        w.store, by=accounts.SYSTEM, display_name="Scot", team=team, jurisdiction="scotland"
    )
    made = decisions.record_decision(
        w.store,
        by=w.north,
        person_id=scot.id,
        data=decisions.DecisionInput(
            decision="D",
            options=[{"option": "O", "less_restrictive": True, "notes": ""}],
            support_given=["S"],
            outcome=PlanOutcome.AGREED,
            capacity=decisions.CapacityInput(
                reason_to_doubt="R",
                functional={"making": "unable"},
                evidence={"making": v},
                cause="mental_disorder",
                impairment=v,
                relevant_information="I",
                balance_of_probabilities=True,
                assessor_name="A",
                assessor_role="B",
            ),
            authority=decisions.AuthorityInput(covers=False),
            principles=decisions.PrinciplesInput("N", "R", dict.fromkeys(AwiPrinciple, v)),
            decided="D",
        ),
    )
    same(made.ability_evidence[AwiAbility.MAKING], long(v), "evidence under s1(6)")
    same(made.impairment, long(v), "the mental disorder named")
    same(made.principles[AwiPrinciple.BENEFIT], long(v), "how the benefit principle was applied")


# ------------------------------------------------------------------------------------ meetings
def meeting_text(w: World, v: Any) -> None:
    made = meetings.open_meeting(
        w.store,
        by=w.north,
        person_id=w.person_id,
        held_on=PAST,
        title=v,
        purpose=v,
        chair=v,
        attendees=[{"name": v, "agency": v, "role": "person", "present": True}],
        person_view=v,
    )
    got = meetings.meeting(w.store, by=w.north, meeting_id=made.id)
    same(got.title, short(v), "title")
    same(got.purpose, long(v), "purpose")
    same(got.chair, short(v), "chair")
    same(got.person_view, long(v), "person's view")
    same(got.attendees[0].name, short(v), "attendee")


def meeting_held_on(w: World, v: Any) -> None:
    made = meetings.open_meeting(
        w.store,
        by=w.north,
        person_id=w.person_id,
        held_on=v,
        title="T",
        purpose="P",
        chair="C",
        attendees=[{"name": "Amina Okafor", "agency": "", "role": "person", "present": True}],
    )
    same(meetings.meeting(w.store, by=w.north, meeting_id=made.id).held_on, v, "held on")


def meeting_item(w: World, v: Any) -> None:
    item = meetings.add_item(
        w.store, by=w.north, meeting_id=w.meeting_id, kind="dissent", text=v, party=v
    )
    got = meetings.meeting(w.store, by=w.north, meeting_id=w.meeting_id)
    [stored] = [i for i in got.items if i.id == item]
    same(stored.text, long(v), "item")
    same(stored.party, short(v), "party")


def meeting_section(w: World, v: Any) -> None:
    before = {i.id for i in meetings.meeting(w.store, by=w.north, meeting_id=w.meeting_id).items}
    meeting_sections.add_in_section(
        w.store, by=w.north, meeting_id=w.meeting_id, decision=v, party=v, dissent=v, note=v
    )
    got = meetings.meeting(w.store, by=w.north, meeting_id=w.meeting_id)
    added = [i for i in got.items if i.id not in before]
    assert [i.kind.value for i in added] == ["decision", "dissent", "note"], added
    for item in added:
        same(item.text, long(v), f"section {item.kind.value}")
    same(added[1].party, short(v), "who disagrees, in a section")


def meeting_id(w: World, v: Any) -> None:
    same(meetings.meeting(w.store, by=w.north, meeting_id=v).id, v, "meeting id")


def meeting_next(w: World, v: Any) -> None:
    made = meetings.open_meeting(
        w.store,
        by=w.north,
        person_id=w.person_id,
        held_on=PAST,
        title="T",
        purpose="P",
        chair="C",
        attendees=[{"name": "Amina Okafor", "agency": "", "role": "person", "present": True}],
    )
    meetings.close_meeting(
        w.store, by=w.north, meeting_id=made.id, expected_version=made.version, next_meeting=v
    )
    same(meetings.meeting(w.store, by=w.north, meeting_id=made.id).next_meeting, v, "next meeting")


def meeting_withdrawal(w: World, v: Any) -> None:
    item = meetings.add_item(w.store, by=w.north, meeting_id=w.meeting_id, kind="note", text="N")
    meeting_undo.withdraw_item(w.store, by=w.north, meeting_id=w.meeting_id, item_id=item, reason=v)
    got = meetings.meeting(w.store, by=w.north, meeting_id=w.meeting_id)
    [stored] = [i for i in got.items if i.id == item]
    assert stored.withdrawn is not None
    same(stored.withdrawn.reason, long(v), "reason for withdrawing")


def meeting_action_withdrawal(w: World, v: Any) -> None:
    action = meetings.agree_action(
        w.store,
        by=w.north,
        meeting_id=w.meeting_id,
        description="D",
        owner_name="O",
        owner_kind="other",
        due=None,
    )
    meeting_undo.withdraw_action(
        w.store, by=w.north, meeting_id=w.meeting_id, action_id=action, reason=v
    )
    got = meetings.meeting(w.store, by=w.north, meeting_id=w.meeting_id)
    same(got.action_withdrawals[action].reason, long(v), "reason for withdrawing an action")


def meeting_attendee(w: World, v: Any) -> None:
    added = meetings.add_attendee(
        w.store, by=w.north, meeting_id=w.meeting_id, name=v, agency=v, role="other", present=True
    )
    got = meetings.meeting(w.store, by=w.north, meeting_id=w.meeting_id)
    [stored] = [a for a in got.attendees if a.id == added]
    same(stored.name, short(v), "attendee added")
    same(stored.agency, short(v), "attendee's agency")
    meeting_undo.withdraw_attendee(
        w.store, by=w.north, meeting_id=w.meeting_id, attendee_id=added, reason=v
    )


def meeting_correction(w: World, v: Any) -> None:
    made = meetings.open_meeting(
        w.store,
        by=w.north,
        person_id=w.person_id,
        held_on=PAST,
        title="T",
        purpose="P",
        chair="C",
        attendees=[{"name": "Amina Okafor", "agency": "", "role": "person", "present": True}],
    )
    item = meetings.add_item(
        w.store, by=w.north, meeting_id=made.id, kind="dissent", text="T", party="P"
    )
    meetings.close_meeting(w.store, by=w.north, meeting_id=made.id, expected_version=made.version)
    fixed = meeting_undo.correct_item(
        w.store, by=w.north, meeting_id=made.id, corrects_item_id=item, text=v, party=v
    )
    got = meetings.meeting(w.store, by=w.north, meeting_id=made.id)
    [stored] = [i for i in got.items if i.id == fixed]
    same(stored.text, long(v), "correction")
    same(stored.party, short(v), "who holds the corrected dissent")


# -------------------------------------------------------------------------------------- panels
def _referred(w: World, **changes: Any) -> panels.PanelView:
    values: dict[str, Any] = {
        "route": "RT2",
        "reason": "R",
        "question": "Q",
        "risk_ids": [w.risk_id],
        "person_view": "V",
        "advocate": "",
    } | changes
    return panels.refer(w.store, by=w.north, person_id=w.person_id, data=Referral(**values))


def _read_panel(w: World, panel_id: int) -> panels.PanelView:
    [got] = [
        p for p in panels.panels_for(w.store, by=w.north, person_id=w.person_id) if p.id == panel_id
    ]
    return got


def panel_text(w: World, v: Any) -> None:
    made = _referred(w, reason=v, question=v, person_view=v, advocate=v)
    made = panels.schedule(
        w.store, by=w.north, panel_id=made.id, expected_version=made.version, data=Scheduling(TODAY)
    )
    made = panels.record_outcome(
        w.store,
        by=w.north,
        panel_id=made.id,
        expected_version=made.version,
        data=Outcome(
            held_on=TODAY, person_attended=True, options=[v], recommendation=v, conditions=v
        ),
    )
    got = _read_panel(w, made.id)
    same(got.referral_reason, long(v), "referral reason")
    same(got.question, long(v), "question")
    same(got.advocate, short(v), "advocate")
    same(got.options, (long(v),), "options")
    same(got.recommendation, long(v), "recommendation")
    same(got.conditions, long(v), "conditions")


def panel_dates(w: World, v: Any) -> None:
    made = _referred(w)
    made = panels.schedule(
        w.store, by=w.north, panel_id=made.id, expected_version=made.version, data=Scheduling(v)
    )
    same(_read_panel(w, made.id).scheduled_for, v, "panel date")
    made = panels.reschedule(
        w.store,
        by=w.north,
        panel_id=made.id,
        expected_version=made.version,
        data=Rescheduling(TODAY, "Moved"),
    )
    made = panels.record_outcome(
        w.store,
        by=w.north,
        panel_id=made.id,
        expected_version=made.version,
        data=Outcome(
            held_on=TODAY, person_attended=True, options=["O"], recommendation="R", review_date=v
        ),
    )
    same(_read_panel(w, made.id).review_date, v, "review date")


def panel_risk_ids(w: World, v: Any) -> None:
    made = _referred(w, risk_ids=[v])
    same(_read_panel(w, made.id).risk_ids, (v,), "risks to consider")


def panel_reasons(w: World, v: Any) -> None:
    moved = _referred(w)
    moved = panels.schedule(
        w.store,
        by=w.north,
        panel_id=moved.id,
        expected_version=moved.version,
        data=Scheduling(TODAY),
    )
    moved = panels.reschedule(
        w.store,
        by=w.north,
        panel_id=moved.id,
        expected_version=moved.version,
        data=Rescheduling(TODAY + timedelta(days=1), v),
    )
    same(_read_panel(w, moved.id).history[-1].reason, long(v), "reason for moving")
    gone = panels.withdraw(
        w.store,
        by=w.north,
        panel_id=moved.id,
        expected_version=moved.version,
        data=Withdrawal(v),
    )
    same(_read_panel(w, gone.id).withdrawn_reason, long(v), "reason for withdrawing")


# ------------------------------------------------------------------------ plans, reviews, concerns
def plan_text(w: World, v: Any) -> None:
    checks = {check: (True, v) for check in ValidationCheck}
    made = plan_validation.validate_plan(
        w.store,
        by=w.north,
        person_id=w.person_id,
        checks=checks,
        requested=PlanOutcome.AGREED_WITH_CONDITIONS,
        conditions=v,
    )
    same(made.conditions, long(v), "conditions")
    same({r.reason for r in made.checks.values()}, {long(v)}, "reasons")


def review_notes(w: World, v: Any) -> None:
    reviews.record_review(
        w.store, by=w.north, person_id=w.person_id, held_on=PAST, kind="scheduled", notes=v
    )
    with w.store.read() as session:
        stored = session.scalars(select(ReviewRow.notes).order_by(ReviewRow.id.desc())).first()
    same(stored, long(v), "review notes")


def review_dates(w: World, v: Any) -> None:
    reviews.request_review(
        w.store, by=w.north, person_id=w.person_id, trigger="person_asked", due_by=v
    )
    with w.store.read() as session:
        stored = session.scalars(select(ReviewRow.due_by).order_by(ReviewRow.id.desc())).first()
    same(stored, v, "due by")


def review_plan_today(w: World, v: Any) -> None:
    reviews.review_plan(w.store, by=w.north, person_id=w.person_id, today=v)
    raise ReadOnly


def concern_text(w: World, v: Any) -> None:
    made = safeguarding.raise_concern(
        w.store,
        by=w.north,
        person_id=w.person_id,
        abuse_types=["AT1"],
        person_wants=v,
        immediate_action=v,
    )
    [got] = [
        c
        for c in safeguarding.concerns_for(w.store, by=w.north, person_id=w.person_id)
        if c.id == made.id
    ]
    same(got.person_wants, long(v), "what the person wants")
    same(got.immediate_action, long(v), "immediate action")


def concern_abuse_types(w: World, v: Any) -> None:
    made = safeguarding.raise_concern(
        w.store, by=w.north, person_id=w.person_id, abuse_types=[v], person_wants="Safe at home"
    )
    with w.store.read() as session:
        stored = session.get(SafeguardingConcernRow, made.id)
        assert stored is not None
        same(list(stored.abuse_types), [v], "abuse types")


# ---------------------------------------------------------------------------- slice B (issue 12)
def _concern_at(w: World, steps: int) -> Any:
    """A concern of the world's person raised and taken `steps` steps on (clean values)."""
    c = safeguarding.raise_concern(
        w.store, by=w.north, person_id=w.person_id, abuse_types=["AB-FIN"], person_wants="Safe"
    )
    actions = (
        lambda c: concern_steps.decide_s42(
            w.store, by=w.lead, concern_id=c.id, expected_version=c.version, needs=True,
            abuse_or_risk=True, unable_to_protect=True, reasons="All three met",
        ),
        lambda c: concern_steps.start_enquiry(
            w.store, by=w.lead, concern_id=c.id, expected_version=c.version,
            kind="section_42", lead="Sam",
        ),
        lambda c: concern_steps.record_outcome(
            w.store, by=w.lead, concern_id=c.id, expected_version=c.version,
            outcomes_asked=True, desired_outcomes="Safe", achieved="fully", risk_after="removed",
        ),
    )  # fmt: skip
    for act in actions[:steps]:
        c = act(c)
    return c


def _stored_concern(w: World, concern_id: int) -> SafeguardingConcernRow:
    with w.store.read() as session:
        row = session.get(SafeguardingConcernRow, concern_id)
        assert row is not None
        return row


def concern_other(w: World, v: Any) -> None:
    made = safeguarding.raise_concern(
        w.store, by=w.north, person_id=w.person_id, abuse_types=[], other_or_not_sure=v,
        person_wants="Safe",
    )  # fmt: skip
    same(_stored_concern(w, made.id).abuse_other, long(v), "other / not sure")


def concern_decision(w: World, v: Any) -> None:
    c = _concern_at(w, 0)
    concern_steps.decide_s42(
        w.store, by=w.lead, concern_id=c.id, expected_version=c.version, needs=True,
        abuse_or_risk=True, unable_to_protect=True, reasons=v,
    )  # fmt: skip
    same(_stored_concern(w, c.id).decision_reasons, long(v), "decision reasons")


def concern_answers(w: World, v: Any) -> None:
    """A hostile condition id (or a hostile value for the whole mapping) is never taken as an
    answer to the nation's test: the decision is refused."""
    c = _concern_at(w, 0)
    concern_steps.decide_s42(
        w.store, by=w.lead, concern_id=c.id, expected_version=c.version,
        answers={v: True} if isinstance(v, str) else v, reasons="All three met",
    )  # fmt: skip
    raise Changed("a decision was recorded with answers that are not the test's conditions")


def concern_enquiry(w: World, v: Any) -> None:
    c = _concern_at(w, 1)
    concern_steps.start_enquiry(
        w.store, by=w.lead, concern_id=c.id, expected_version=c.version, kind="section_42", lead=v
    )
    same(_stored_concern(w, c.id).enquiry_lead, short(v), "enquiry lead")


def concern_outcome(w: World, v: Any) -> None:
    c = _concern_at(w, 2)
    concern_steps.record_outcome(
        w.store, by=w.lead, concern_id=c.id, expected_version=c.version, outcomes_asked=True,
        desired_outcomes=v, achieved="fully", risk_after="removed",
    )  # fmt: skip
    same(_stored_concern(w, c.id).desired_outcomes, long(v), "desired outcomes")


def concern_close(w: World, v: Any) -> None:
    c = _concern_at(w, 3)
    concern_steps.close_concern(
        w.store,
        by=w.lead,
        concern_id=c.id,
        expected_version=c.version,
        follow_up="next_review",
        note=v,
    )
    same(_stored_concern(w, c.id).closing_note, long(v), "closing note")


def _self_neglect_concern(w: World, *, at_forum: bool) -> Any:
    c = safeguarding.raise_concern(
        w.store, by=w.north, person_id=w.person_id, abuse_types=["AB-SN"], person_wants="Safe"
    )
    if at_forum:
        c = concern_steps.refer_to_forum(
            w.store, by=w.lead, concern_id=c.id, expected_version=c.version, reasons="Hoarding"
        )
    return c


def concern_forum(w: World, v: Any) -> None:
    c = _self_neglect_concern(w, at_forum=False)
    concern_steps.refer_to_forum(
        w.store, by=w.lead, concern_id=c.id, expected_version=c.version, reasons=v
    )
    same(_stored_concern(w, c.id).forum_reasons, long(v), "forum reasons")


def concern_after_forum(w: World, v: Any) -> None:
    c = _self_neglect_concern(w, at_forum=True)
    concern_steps.close_after_forum(
        w.store,
        by=w.lead,
        concern_id=c.id,
        expected_version=c.version,
        follow_up="next_review",
        note=v,
    )
    same(_stored_concern(w, c.id).closing_note, long(v), "what the forum agreed")


def concern_version(w: World, v: Any) -> None:
    c = _concern_at(w, 0)
    concern_steps.decide_s42(
        w.store, by=w.lead, concern_id=c.id, expected_version=v, needs=True,
        abuse_or_risk=True, unable_to_protect=True, reasons="All three met",
    )  # fmt: skip
    same(v, c.version, "expected version")


def concern_case_id(w: World, v: Any) -> None:
    read = concern_reading.concern_case(w.store, by=w.lead, concern_id=v)
    same(read.concern.id, v, "concern id")


# ---------------------------------------------------------------------------- signing, audit, exports
def signing_reference(w: World, v: Any) -> None:
    remote_signing.redeem(w.store, reference=v, code=v)
    raise AssertionError("a hostile signing code was accepted")


def signing_grant(w: World, v: Any) -> None:
    remote_signing.sign_with_grant(w.store, grant=v, digest=v)
    raise AssertionError("a hostile signing grant was accepted")


def ack_code_reference(w: World, v: Any) -> None:
    if action_codes.holds(w.store, reference=v):
        raise AssertionError("a hostile reference was taken for an action code")
    action_codes.redeem(w.store, reference=v, code=v)
    raise AssertionError("a hostile action code was accepted")


def ack_code_grant(w: World, v: Any) -> None:
    action_codes.acknowledge_with_grant(w.store, grant=v)
    raise AssertionError("a hostile acknowledgement grant was accepted")


def minutes_format(w: World, v: Any) -> None:
    meetings.export_minutes(w.store, by=w.north, meeting_id=1, fmt=v)
    raise AssertionError("a hostile minutes format was accepted")


def agreement_version(w: World, v: Any) -> None:
    same(
        reading.get_version(w.store, by=w.north, person_id=w.person_id, version=v).version,
        v,
        "version",
    )


def audit_limit(w: World, v: Any) -> None:
    events = audit.recent_events(w.store, w.lead, limit=v)
    assert len(events) <= v
    raise ReadOnly


def export_person(w: World, v: Any) -> None:
    exports.person_record(w.store, by=w.north, person_id=v)
    same(v, w.person_id, "only the person's own team exports their record")


def export_whole_record(w: World, v: Any) -> None:
    whole_record.whole_record(w.store, by=w.north, person_id=v)
    same(v, w.person_id, "only the person's own team exports their whole record")


# --------------------------------------------------- slice D: review dates agreed, checks recorded
def decision_review_date(w: World, v: Any) -> None:
    made = decisions.record_decision(
        w.store,
        by=w.north,
        person_id=w.person_id,
        data=decisions.DecisionInput(
            decision="D",
            options=[{"option": "O", "less_restrictive": True, "notes": ""}],
            support_given=["S"],
            decided="I",
            outcome=PlanOutcome.AGREED,
            review_date=v,
        ),
    )
    same(made.review_date, v, "review date agreed with the decision")


def check_text(w: World, v: Any) -> None:
    made = checks.record_check(
        w.store,
        by=w.north,
        person_id=w.person_id,
        kind=CheckKind.REFERENCES,
        about=v,
        done_on=PAST,
        outcome=CheckOutcome.CONCERNS,
        note=v,
    )
    [got] = [
        c for c in checks.checks_for(w.store, by=w.north, person_id=w.person_id) if c.id == made.id
    ]
    same(got.about, short(v), "who or what was checked")
    same(got.note, long(v), "note")


def check_done_on(w: World, v: Any) -> None:
    made = checks.record_check(
        w.store,
        by=w.north,
        person_id=w.person_id,
        kind=CheckKind.CQC_REGISTRATION,
        about="Provider",
        done_on=v,
        outcome=CheckOutcome.SATISFACTORY,
    )
    same(made.done_on, v, "done on")


def framework_version_id(w: World, v: Any) -> None:
    framework_service.difference(w.store, w.lead, v)
    raise ReadOnly


# --------------------------------------------- slice E (issue 12): oversight on the home pages
def actions_due_today(w: World, v: Any) -> None:
    actions_due.due_for_team(w.store, by=w.north, today=v)
    actions_due.open_of_mine(w.store, by=w.north, today=v)
    raise ReadOnly


def agreements_waiting_today(w: World, v: Any) -> None:
    waiting.waiting_for_my_signature(w.store, by=w.north, today=v)
    waiting.issued_by_me(w.store, by=w.north, today=v)
    raise ReadOnly


def organisation_counts_today(w: World, v: Any) -> None:
    organisation_counts.organisation_counts(w.store, by=w.lead, today=v)
    waiting.waiting_by_team(w.store, by=w.lead, today=v)
    raise ReadOnly


# issue 13: the council's local policies
def local_policy_id(w: World, v: Any) -> None:
    """A hostile policy id is refused; nothing is stored."""
    local_policy.set_policy(w.store, by=w.lead, policy=v, on=True, expected_version=0)
    same(local_policy.history(w.store, by=w.lead, policy=v)[0].policy.value, v, "policy")


def local_policy_value(w: World, v: Any) -> None:
    """A hostile number of working days is refused; a whole number in range reads back."""
    now = local_policy.policies(w.store, by=w.lead)
    version = next(s.version for s in now.values() if s.policy.value == S42_POLICY)
    local_policy.set_policy(
        w.store, by=w.lead, policy=S42_POLICY, on=True, value=v, expected_version=version
    )
    same(local_policy.history(w.store, by=w.lead, policy=S42_POLICY)[0].value, v, "value")


S42_POLICY = "s42_decision_working_days"


SLOTS: dict[str, Run] = {
    "people.create_person(display_name, team)": person_name_and_team,
    "people.create_person(jurisdiction)": person_nation,
    "people.save_changes(jurisdiction)": person_moves_nation,
    "people.save_changes(preferred_name, representative_name)": person_short_details,
    "people.save_changes(communication, about_me)": person_long_details,
    "stages.move_stage(to_stage)": person_stage,
    "stages.move_stage(reason)": stage_reason,
    "people.save_changes(representative_authority)": person_authority,
    "people.save_changes(direct_payment_start)": person_direct_payment_start,
    "people.save_changes(expected_version)": expected_version,
    "people.get_person(person_id)": person_id,
    "accounts.create_user(display_name, team)": account_text,
    "accounts.create_user(username)": account_username,
    "accounts.create_user(person_id)": account_person_id,
    "accounts.authenticate(username, password)": sign_in,
    "accounts.set_disabled(username)": account_disable,
    "risks.add_risk(RiskInput text)": risk_text,
    "risks.add_risk(RiskInput ratings)": risk_numbers,
    "risks.add_risk(RiskInput abuse_types)": risk_abuse_types,
    "risks.add_risk(assessment_id)": risk_assessment_id,
    "risks.add_action(description, owner_name)": action_text,
    "risks.add_action(due)": action_due,
    "risks.add_action(risk_id)": action_risk_id,
    "risks.set_action_status(status)": action_status,
    "risks.acknowledge(acknowledged_by)": acknowledgement,
    "risks.overdue_for_team(today)": overdue_today,
    "journey.answer_prompt(answer)": prompt_answer,
    "journey.answer_prompt(prompt_id)": prompt_id,
    "journey.record_touchpoint(note)": touchpoint_note,
    "journey.journey(stage)": journey_stage,
    "drafts.save(payload)": draft_payload,
    "drafts.save(form)": draft_form,
    "decisions.record_decision(text fields)": decision_text,
    "decisions.record_decision(capacity and authority text)": decision_capacity_text,
    "decisions.record_decision(AWI assessment and s1 principles text)": decision_awi_text,
    "meetings.open_meeting(text fields)": meeting_text,
    "meetings.open_meeting(held_on)": meeting_held_on,
    "meetings.add_item(text, party)": meeting_item,
    "meeting_sections.add_in_section(decision, party, dissent, note)": meeting_section,
    "meetings.meeting(meeting_id)": meeting_id,
    "meetings.close_meeting(next_meeting)": meeting_next,
    "meeting_undo.withdraw_item(reason)": meeting_withdrawal,
    "meeting_undo.withdraw_action(reason)": meeting_action_withdrawal,
    "meetings.add_attendee(name, agency) and withdraw_attendee(reason)": meeting_attendee,
    "meeting_undo.correct_item(text, party)": meeting_correction,
    "panels.refer/schedule/record_outcome(text fields)": panel_text,
    "panels.schedule/record_outcome(scheduled_for, review_date)": panel_dates,
    "panels.refer(risk_ids)": panel_risk_ids,
    "panels.reschedule/withdraw(reasons)": panel_reasons,
    "plan_validation.validate_plan(conditions, reasons)": plan_text,
    "reviews.record_review(notes)": review_notes,
    "reviews.request_review(due_by)": review_dates,
    "reviews.review_plan(today)": review_plan_today,
    "safeguarding.raise_concern(text fields)": concern_text,
    "safeguarding.raise_concern(abuse_types)": concern_abuse_types,
    "safeguarding.raise_concern(other_or_not_sure)": concern_other,
    "concern_steps.decide_s42(reasons)": concern_decision,
    "concern_steps.decide_s42(answers)": concern_answers,
    "concern_steps.start_enquiry(lead)": concern_enquiry,
    "concern_steps.record_outcome(desired_outcomes)": concern_outcome,
    "concern_steps.close_concern(note)": concern_close,
    "concern_steps.refer_to_forum(reasons)": concern_forum,
    "concern_steps.close_after_forum(note)": concern_after_forum,
    "concern_steps.decide_s42(expected_version)": concern_version,
    "concern_reading.concern_case(concern_id)": concern_case_id,
    "remote_signing.redeem(reference, code)": signing_reference,
    "remote_signing.sign_with_grant(grant, digest)": signing_grant,
    "action_codes.holds/redeem(reference, code)": ack_code_reference,
    "action_codes.acknowledge_with_grant(grant)": ack_code_grant,
    "meetings.export_minutes(fmt)": minutes_format,
    "reading.get_version(version)": agreement_version,
    "audit.recent_events(limit)": audit_limit,
    "exports.person_record(person_id)": export_person,
    "whole_record.whole_record(person_id)": export_whole_record,
    "framework.difference(version_id)": framework_version_id,
    "decisions.record_decision(review_date)": decision_review_date,
    "checks.record_check(about, note)": check_text,
    "checks.record_check(done_on)": check_done_on,
    # slice E (issue 12)
    "actions_due.due_for_team, open_of_mine(today)": actions_due_today,
    "waiting.waiting_for_my_signature, issued_by_me(today)": agreements_waiting_today,
    "organisation_counts, waiting.waiting_by_team(today)": organisation_counts_today,
    # issue 13
    "local_policy.set_policy(policy)": local_policy_id,
    "local_policy.set_policy(value)": local_policy_value,
    # issue 14: the people around the person
    "circle.add_member(text fields)": circle_text,
    "circle.add_member(kind)": circle_kind,
    "circle.correct_member(text fields)": circle_correction,
    "circle.leave_circle(reason)": circle_leaving,
    "risks.add_action(owner_relationship, owner_agency)": action_new_owner,
    "risks.add_action(owner_member_id)": action_owner_member,
    "risks.acknowledge(member_id)": acknowledgement_member,
}
