"""Build any state a test needs in milliseconds: an actor of any role and team, a person at any
stage with any record, an agreement at any status and an invitation to sign in any state.

Everything goes through the service layer, so each record is consistent and audited as the app
would make it; nothing loads the demo organisation, and accounts get no password unless a test
asks for one (and then it is hashed at the tests' cheap cost, see tests/conftest.py). Each
factory names its defaults; pass a keyword to change one.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import UserRow
from risk_app.config import SigningCodePolicy
from risk_app.domain.access import Actor
from risk_app.domain.agreements.signers import SignerDetails, SigningBasis, SigningMethod
from risk_app.domain.agreements.signing_codes import InvitationState
from risk_app.domain.errors import SigningCodeRefused
from risk_app.domain.record.capacity import BestInterestsItem
from risk_app.domain.record.circle import CircleMember
from risk_app.domain.record.panel_lifecycle import (
    Closure,
    Outcome,
    PanelState,
    Referral,
    Scheduling,
    Withdrawal,
)
from risk_app.domain.record.plan import PlanOutcome, ValidationCheck
from risk_app.domain.roles import STAFF_ROLES_WITH_TEAMS, Role
from risk_app.domain.sealing import SealKey
from risk_app.services import accounts
from risk_app.services import framework as framework_service
from risk_app.services.agreements import (
    inviting,
    issuing,
    remote_signing,
    signing,
)
from risk_app.services.record import (
    circle,
    decisions,
    meetings,
    panels,
    people,
    plan_validation,
    risks,
    safeguarding,
    stages,
)

NORTH = "North Locality Team"
SOUTH = "South Locality Team"
TODAY = datetime.now(UTC).date()

_serial = itertools.count(1)


# ------------------------------------------------------------------------------ people and actors
def actor(
    store: Store,
    role: Role = Role.PRACTITIONER,
    *,
    team: str | None = None,
    person: people.PersonView | None = None,
    username: str | None = None,
    display_name: str | None = None,
    password: str | None = None,
) -> Actor:
    """An account of `role`, as the actor the app would see once it signed in.

    Staff with teams join `team` (North by default); an individual's account is for `person`.
    No password unless one is given (single sign-on accounts have none), so nothing is hashed.
    """
    number = next(_serial)
    if role in STAFF_ROLES_WITH_TEAMS and team is None:
        team = NORTH
    created = accounts.create_user(
        store,
        by=accounts.SYSTEM,
        username=username or f"{role.value.replace('_', '.')}.{number}",
        display_name=display_name or f"{role.label} {number}",
        role=role,
        password=password,
        team=team,
        person_id=person.id if person is not None else None,
    )
    with store.read() as session:
        user_id = session.scalar(select(UserRow.id).where(UserRow.username == created.username))
    assert user_id is not None
    found = accounts.refresh(store, user_id)
    assert found is not None
    return found


def person(
    store: Store,
    name: str = "Amina Okafor",
    *,
    preferred: str = "",
    team: str = NORTH,
    stage: str | None = None,
    jurisdiction: str = "england",
    **details: Any,
) -> people.PersonView:
    """A person allocated to `team`, moved stage by stage (as the journey records it) up to
    `stage` (the first stage by default), with any details `people.save_changes` takes
    (`about_me`, `communication`, `representative_name`...)."""
    order = [node.id for node in framework_service.current().stages()]
    view = people.create_person(
        store,
        by=accounts.SYSTEM,
        display_name=name,
        preferred_name=preferred,
        team=team,
        stage=order[0],
        jurisdiction=jurisdiction,
    )
    for later in order[1 : order.index(stage or order[0]) + 1]:
        view = move(store, view, later)
    return _change(store, view, **details) if details else view


def _change(store: Store, view: people.PersonView, **changes: Any) -> people.PersonView:
    return people.save_changes(
        store,
        by=accounts.SYSTEM,
        person_id=view.id,
        expected_version=view.version,
        changes=people.PersonChanges(**changes),
    )


# ------------------------------------------------------------------------ a person's record
FOOTBALL = "Going to the football alone"


def risk(
    store: Store,
    person: people.PersonView,
    *,
    by: Actor = accounts.SYSTEM,
    assessment_id: int | None = None,
    **fields: Any,
) -> int:
    """A risk in a new assessment (or `assessment_id`): by default one rated Medium before
    mitigation and Low after; `fields` are those of `risks.RiskInput`."""
    data = {
        "activity": FOOTBALL,
        "benefits": "I see my friends.",
        "harm_to_self": "I could miss the last bus.",
        "likelihood": 3,
        "impact": 3,
        "residual_likelihood": 2,
        "residual_impact": 2,
    } | fields
    if assessment_id is None:
        assessment_id = risks.start_assessment(store, by=by, person_id=person.id)
    return risks.add_risk(store, by=by, assessment_id=assessment_id, data=risks.RiskInput(**data))


def action(
    store: Store,
    person: people.PersonView,
    *,
    by: Actor = accounts.SYSTEM,
    description: str = "Text Jo when I leave",
    owner_name: str | None = None,
    owner_kind: str = "person",
    due: date | None = None,
    risk_id: int | None = None,
) -> int:
    """An action (a mitigation when `risk_id` is given), owned by the person unless said."""
    return risks.add_action(
        store,
        by=by,
        person_id=person.id,
        description=description,
        owner_name=owner_name or person.display_name,
        owner_kind=owner_kind,
        due=due or TODAY + timedelta(days=30),
        risk_id=risk_id,
    )


def member(
    store: Store,
    person: people.PersonView,
    name: str = "Grace Okafor",
    *,
    kind: str = "family_or_friend",
    relationship: str = "sister",
    by: Actor = accounts.SYSTEM,
    **details: Any,
) -> CircleMember:
    """Someone in the person's circle (their sister Grace by default), even if a likely duplicate
    is there already; any of `circle.add_member`'s details (`agency`, `contact`, `username`)."""
    return circle.add_member(
        store,
        by=by,
        person_id=person.id,
        name=name,
        kind=kind,
        relationship=relationship,
        confirmed_new=True,
        **details,
    )


def decision(
    store: Store, person: people.PersonView, *, by: Actor = accounts.SYSTEM, **fields: Any
) -> decisions.DecisionView:
    """A supported decision, agreed with capacity presumed; `fields` are `record_decision`'s."""
    values: dict[str, Any] = {
        "decision": "Go to the match without staff",
        "options": [
            decisions.DecisionOption("Go alone"),
            decisions.DecisionOption("Go with staff"),
        ],
        "support_given": ["Talked it through at home"],
        "decided": "I will go to the match without staff.",
        "outcome": PlanOutcome.AGREED,
    } | fields
    risk_id = values.pop("risk_id", None)
    return decisions.record_decision(
        store, by=by, person_id=person.id, data=decisions.DecisionInput(**values), risk_id=risk_id
    )


AGREEING = "Agreeing my risk agreement"
"""The decision a capacity record must be about before anyone may sign the agreement for the
person (`risk_app.domain.agreements.who_may_sign`)."""


def lacks_capacity_to_agree(
    store: Store,
    person: people.PersonView,
    *,
    by: Actor = accounts.SYSTEM,
    decision: str = AGREEING,
) -> decisions.DecisionView:
    """A finished capacity assessment (MCA 2005 ss2-3) finding that `person` cannot weigh up
    `decision` (by default: agreeing to their risk agreement), with its best-interests record."""
    return decisions.record_decision(
        store,
        by=by,
        person_id=person.id,
        data=decisions.DecisionInput(
            decision=decision,
            options=[
                decisions.DecisionOption("Agree with changes", less_restrictive=True),
                decisions.DecisionOption("Agree as written"),
            ],
            support_given=["Easy-read copy, read together over two visits"],
            outcome=PlanOutcome.AGREED,
            capacity=decisions.CapacityInput(
                reason_to_doubt="Advanced dementia; could not recall the agreement next day.",
                functional={
                    "understand": "able",
                    "retain": "unable",
                    "use_or_weigh": "unable",
                    "communicate": "able",
                },
                evidence={
                    "retain": "Could not say what the agreement was about ten minutes later.",
                    "use_or_weigh": "Could not weigh the late bus against going to the match.",
                },
                impairment="dementia",
                inability_because_of_impairment=True,
                relevant_information="What the agreement says and what follows from agreeing.",
                balance_of_probabilities=True,
                assessor_name="Sam Carter",
                assessor_role="Social worker",
            ),
            authority=decisions.AuthorityInput(covers=False),
            decided="Agrees to the risk agreement with changes.",
            best_interests=decisions.BestInterestsInput(
                decider_name="Sam Carter",
                decider_role="Social worker",
                answers={
                    item.value: f"Considered: {item.value.replace('_', ' ')}"
                    for item in BestInterestsItem
                },
            ),
        ),
    )


def incapable_of_agreeing_in_scotland(
    store: Store,
    person: people.PersonView,
    *,
    by: Actor = accounts.SYSTEM,
    decision: str = AGREEING,
    who: str = "Sam Patel",
) -> decisions.DecisionView:
    """A finished assessment under the Adults with Incapacity (Scotland) Act 2000, s1(6), finding
    a Scottish `person` incapable of `decision` by reason of mental disorder, with their welfare
    attorney `who` (s16) deciding it."""
    return decisions.record_decision(
        store,
        by=by,
        person_id=person.id,
        data=decisions.DecisionInput(
            decision=decision,
            options=[decisions.DecisionOption("Agree as written")],
            support_given=["Easy-read copy, read together over two visits"],
            outcome=PlanOutcome.AGREED,
            capacity=decisions.CapacityInput(
                reason_to_doubt="Advanced dementia; could not recall the agreement next day.",
                functional={
                    "acting": "able",
                    "making": "unable",
                    "communicating": "able",
                    "understanding": "unable",
                    "retaining": "unable",
                },
                evidence={
                    "making": "Could not choose between the options after two visits.",
                    "understanding": "Thought the agreement was about her pension.",
                    "retaining": "Could not say what the agreement was about ten minutes later.",
                },
                cause="mental_disorder",
                impairment="Alzheimer's dementia",
                relevant_information="What the agreement says and what follows from signing it.",
                balance_of_probabilities=True,
                assessor_name="Sam Carter",
                assessor_role="Mental health officer",
            ),
            authority=decisions.AuthorityInput(
                covers=True,
                kind="welfare_attorney",
                holder=who,
                scope="Registered welfare power of attorney, seen: covers her care and support.",
            ),
            decided="Agrees to the risk agreement as written.",
        ),
    )


def panel(
    store: Store,
    person: people.PersonView,
    *,
    by: Actor = accounts.SYSTEM,
    at: PanelState = PanelState.REFERRED,
    **fields: Any,
) -> panels.PanelView:
    """A referral to a panel (route RT2) with the person's view, taken through the lifecycle to
    state `at`: scheduled for a week ahead, then met today with a recommendation, then closed (or
    withdrawn before a date is set). `fields` are those of `Referral`, `Outcome`, `Scheduling.on`
    (as `scheduled_for`), `Withdrawal.reason` (as `withdrawn_reason`) and `Closure.note`."""
    values: dict[str, Any] = {
        "route": "RT2",
        "reason": "Risk stays high after mitigation.",
        "question": "Can the plan go ahead as the person wants?",
        "risk_ids": [],
        "person_view": "It is my choice.",
        "advocate": "",
        "scheduled_for": TODAY + timedelta(days=7),
        "held_on": TODAY,
        "person_attended": True,
        "options": ["Carry on"],
        "recommendation": "Go ahead, with a check-in call each week.",
        "withdrawn_reason": "The risk came down after the new equipment arrived.",
        "note": "",
    } | fields
    made = panels.refer(
        store,
        by=by,
        person_id=person.id,
        data=Referral(**{k: values[k] for k in _REFERRAL_FIELDS}),
    )
    if at is PanelState.WITHDRAWN:
        return panels.withdraw(
            store,
            by=by,
            panel_id=made.id,
            expected_version=made.version,
            data=Withdrawal(values["withdrawn_reason"]),
        )
    for state, step in (
        (
            PanelState.SCHEDULED,
            lambda p: panels.schedule(
                store,
                by=by,
                panel_id=p.id,
                expected_version=p.version,
                data=Scheduling(values["scheduled_for"]),
            ),
        ),
        (
            PanelState.OUTCOME,
            lambda p: panels.record_outcome(
                store,
                by=by,
                panel_id=p.id,
                expected_version=p.version,
                data=Outcome(**{k: values[k] for k in _OUTCOME_FIELDS if k in values}),
            ),
        ),
        (
            PanelState.CLOSED,
            lambda p: panels.close(
                store,
                by=by,
                panel_id=p.id,
                expected_version=p.version,
                data=Closure(values["note"]),
            ),
        ),
    ):
        if made.state is at:
            break
        made = step(made)
        assert made.state is state
    return made


_REFERRAL_FIELDS = ("route", "reason", "question", "risk_ids", "person_view", "advocate")
_OUTCOME_FIELDS = (
    "held_on",
    "person_attended",
    "options",
    "recommendation",
    "dissent",
    "conditions",
    "review_date",
)


def meeting(
    store: Store,
    person: people.PersonView,
    *,
    by: Actor = accounts.SYSTEM,
    closed: bool = False,
    **fields: Any,
) -> meetings.MeetingView:
    """A meeting the person attended, open unless `closed`; `fields` are `open_meeting`'s."""
    values: dict[str, Any] = {
        "held_on": TODAY,
        "title": "Risk meeting",
        "purpose": f"Agree how {person.called} keeps going out",
        "chair": "Priya",
        "attendees": [{"name": person.display_name, "agency": "", "role": "person"}],
    } | fields
    opened = meetings.open_meeting(store, by=by, person_id=person.id, **values)
    if closed:
        meetings.close_meeting(store, by=by, meeting_id=opened.id, expected_version=opened.version)
        return meetings.meeting(store, by=by, meeting_id=opened.id)
    return opened


def concern(
    store: Store, person: people.PersonView, *, by: Actor = accounts.SYSTEM, **fields: Any
) -> safeguarding.ConcernView:
    """A safeguarding concern about financial abuse, raised (its Section 42 decision waiting);
    `fields` are `raise_concern`'s. `concern_at` puts one at any state of its lifecycle."""
    values: dict[str, Any] = {
        "abuse_types": ["AB-FIN"],
        "person_wants": "For my cousin to stop asking for money",
        "immediate_action": "Bank told",
    } | fields
    return safeguarding.raise_concern(store, by=by, person_id=person.id, **values)


SELF_NEGLECT_WANTS = "To stay at home with her things, and be warm"


def self_neglect_at_forum(
    store: Store, person: people.PersonView, *, by: Actor = accounts.SYSTEM, **fields: Any
) -> safeguarding.ConcernView:
    """A self-neglect concern referred to the multi-agency high-risk forum by `by` (who must be a
    team manager or the safeguarding lead)."""
    from risk_app.services.record import concern_steps

    values: dict[str, Any] = {
        "abuse_types": ["AB-SN"],
        "person_wants": SELF_NEGLECT_WANTS,
    } | fields
    c = concern(store, person, by=by, **values)
    return concern_steps.refer_to_forum(
        store,
        by=by,
        concern_id=c.id,
        expected_version=c.version,
        reasons="Hoarding blocks the exits; she has capacity and refuses help; agencies to agree a plan",
    )


CONTINGENCY = "If Jo cannot collect her, she takes a taxi paid from her budget."


def agreed_plan(
    store: Store,
    person: people.PersonView,
    *,
    by: Actor = accounts.SYSTEM,
    contingency: str = CONTINGENCY,
    went_on_reason: str = "",
) -> plan_validation.PlanValidationView:
    """The plan validated as agreed, every check passed (the person must be at ST4); a safeguarding
    concern still open needs `went_on_reason`."""
    checks = {check: (True, f"{check.value} checked") for check in ValidationCheck}
    checks[ValidationCheck.CONTINGENCY] = (True, contingency)
    return plan_validation.validate_plan(
        store,
        by=by,
        person_id=person.id,
        checks=checks,
        requested=PlanOutcome.AGREED,
        went_on_reason=went_on_reason,
    )


# ------------------------------------------------------------------------------- agreements
class AgreementStatus(StrEnum):
    """Where a person's risk agreement stands."""

    DRAFT = "draft"
    """There is something to agree, and no version has been issued."""
    ISSUED = "issued"
    """Version 1 is issued and nobody has signed it."""
    PARTLY_SIGNED = "partly_signed"
    """Version 1 is issued and the practitioner alone has signed it."""
    SIGNED = "signed"
    """Version 1 is issued and everyone required has signed it."""
    SUPERSEDED = "superseded"
    """Version 1 was issued and signed by the practitioner, then the record changed and version 2
    was issued in its place."""


JO = "Jo Okafor"


@dataclass(frozen=True)
class Agreement:
    """A person's agreement at a status, with everyone who takes part in it."""

    person: people.PersonView
    practitioner: Actor
    manager: Actor
    individual: Actor
    key: SealKey
    version: int | None
    """The version in the status asked for (None for a draft)."""
    digest: str
    """That version's digest (the draft's, for a draft)."""


def agreement(
    store: Store,
    status: AgreementStatus = AgreementStatus.ISSUED,
    *,
    key: SealKey | None = None,
    team: str = NORTH,
) -> Agreement:
    """A person in `team` with one risk and two mitigations (one theirs, one their brother Jo's),
    their practitioner, manager and own account, and their agreement at `status`."""
    key = key or SealKey.generate()
    practitioner = actor(store, Role.PRACTITIONER, team=team)
    manager = actor(store, Role.TEAM_MANAGER, team=team)
    someone = person(
        store, preferred="Amina", team=team, about_me={"What matters to me": "My friends."}
    )
    individual = actor(store, Role.INDIVIDUAL, person=someone)
    risk_id = risk(store, someone, by=practitioner)
    action(store, someone, by=practitioner, risk_id=risk_id)
    action(
        store,
        someone,
        by=practitioner,
        description="Collect her if she misses the bus",
        owner_name=JO,
        owner_kind="family_or_friend",
        risk_id=risk_id,
    )
    made = Agreement(someone, practitioner, manager, individual, key, None, "")
    draft = issuing.draft(store, by=practitioner, person_id=someone.id)
    if status is AgreementStatus.DRAFT:
        return replace(made, digest=draft.digest)
    issued = _issue(store, made, draft.digest)
    if status is AgreementStatus.ISSUED:
        return issued
    sign(store, issued, "practitioner")
    if status is AgreementStatus.PARTLY_SIGNED:
        return issued
    if status is AgreementStatus.SIGNED:
        for needed in draft.required:
            if needed.key != "practitioner":
                sign(store, issued, needed.key)
        return issued
    supersede(store, issued)
    return issued


def _issue(store: Store, made: Agreement, digest: str) -> Agreement:
    result = issuing.issue(
        store,
        by=made.practitioner,
        person_id=made.person.id,
        expected_digest=digest,
        key=made.key,
    )
    return replace(made, version=result.version, digest=result.digest)


def supersede(store: Store, made: Agreement) -> Agreement:
    """Change the person's record and issue the next version: `made`'s version is superseded."""
    current = people.get_person(store, by=accounts.SYSTEM, person_id=made.person.id)
    _change(store, current, about_me={"What matters to me": "My friends, and my own money."})
    draft = issuing.draft(store, by=made.practitioner, person_id=made.person.id)
    return _issue(store, made, draft.digest)


def sign(store: Store, made: Agreement, requirement: str, **details: Any) -> None:
    """One required signature on `made`'s version, given the way that signer would give it:
    staff and the person with their own accounts, other owners in person with the practitioner.
    `details` change the signer's `SignerDetails` (`basis`, `supported_by`...)."""
    assert made.version is not None, "a draft cannot be signed"
    own, in_person = SigningMethod.OWN_ACCOUNT, SigningMethod.IN_PERSON
    by, basis, method = {
        "practitioner": (made.practitioner, SigningBasis.STAFF_ROLE, own),
        "manager": (made.manager, SigningBasis.STAFF_ROLE, own),
        "person": (made.individual, SigningBasis.SELF, own),
    }.get(requirement, (made.practitioner, SigningBasis.ACTION_OWNER, in_person))
    signing.sign(
        store,
        by=by,
        person_id=made.person.id,
        version=made.version,
        digest=made.digest,
        signer=SignerDetails(**({"requirement": requirement, "basis": basis} | details)),
        method=method,
        key=made.key,
    )


# ------------------------------------------------------------------------------ invitations
CODES = SigningCodePolicy(
    code_lifetime=timedelta(hours=4), max_attempts=5, grant_lifetime=timedelta(minutes=20)
)
"""The one-time code rules the factories invite with (the defaults of risk_app.config)."""

JO_SIGNS = SignerDetails(
    requirement="owner:family_or_friend:jo okafor", basis=SigningBasis.ACTION_OWNER
)


@dataclass(frozen=True)
class InvitationAt:
    """An invitation for Jo to sign an agreement remotely, in a state."""

    agreement: Agreement
    invitation: inviting.Invitation
    grant: remote_signing.SigningGrant | None
    """The grant the code was swapped for, once redeemed."""


def invitation(
    store: Store, state: str = InvitationState.WAITING, *, key: SealKey | None = None
) -> InvitationAt:
    """An issued agreement (see `agreement`) whose other owner, Jo, was sent a one-time code that is
    now in `state` (an `InvitationState`)."""
    made = agreement(store, AgreementStatus.ISSUED, key=key)
    now = datetime.now(UTC)
    sent_at = now - CODES.code_lifetime - timedelta(minutes=1) if state == "expired" else now
    sent = inviting.invite(
        store,
        by=made.practitioner,
        person_id=made.person.id,
        version=1,
        signer=JO_SIGNS,
        key=made.key,
        policy=CODES,
        now=sent_at,
    )
    grant = None
    if state in (InvitationState.REDEEMED, InvitationState.SIGNED):
        grant = remote_signing.redeem(
            store, reference=sent.reference, code=sent.code, key=made.key, policy=CODES
        )
    if state == InvitationState.SIGNED:
        assert grant is not None
        remote_signing.sign_with_grant(store, grant=grant.token, digest=made.digest, key=made.key)
    elif state == InvitationState.LOCKED:
        wrong = ("1" if sent.code[0] != "1" else "2") + sent.code[1:]
        for _ in range(CODES.max_attempts):
            try:
                remote_signing.redeem(store, reference=sent.reference, code=wrong, key=made.key)
            except SigningCodeRefused:
                pass
    elif state == InvitationState.REVOKED:
        inviting.revoke_invitation(
            store, by=made.practitioner, person_id=made.person.id, reference=sent.reference
        )
    elif state == InvitationState.SUPERSEDED:
        supersede(store, made)
    return InvitationAt(made, sent, grant)


# ------------------------------------------------------------------ A2: moving stage (issue 12)
def move(
    store: Store, view: people.PersonView, stage: str, reason: str = "Moved on by the factory"
) -> people.PersonView:
    """The person moved on to `stage` (a reason is given: what is outstanding is not looked at)."""
    return stages.move_stage(
        store,
        by=accounts.SYSTEM,
        person_id=view.id,
        to_stage=stage,
        reason=reason,
        expected_version=view.version,
    )


# ------------------------------------------------------- slice F (issue 12): the whole record
HOSTILE = '<script>alert("x")</script> <b>bold</b> **not markdown** [link](http://evil.example)'
"""Text a person might type that must come out exactly as typed, never as markup."""


@dataclass(frozen=True)
class WholeRecord:
    """A person holding at least one record of every kind, with everyone who made them."""

    made: Agreement
    practitioner: Actor
    individual: Actor
    concern_id: int


def whole_record(store: Store, *, hostile: str = HOSTILE) -> WholeRecord:
    """An issued agreement signed remotely by Jo (`invitation`, signed) that the person asked to
    talk about, then, for the same person at ST4: an answer, a touchpoint, an acknowledgement, a
    decision, a panel, a closed meeting with an item and an agreed action, a concern shared with
    the person, a plan validation and a review. `hostile` is written into several free-text
    fields (the review's notes, the meeting item, the concern's wishes)."""
    from risk_app.services.agreements import signing as agreement_signing
    from risk_app.services.record import journey, reviews, sharing

    made = invitation(store, InvitationState.SIGNED).agreement
    by, someone = made.practitioner, made.person
    agreement_signing.ask_to_talk(store, by=made.individual, person_id=someone.id, version=1)
    current = people.get_person(store, by=by, person_id=someone.id)
    order = [node.id for node in framework_service.current().stages()]
    for later in order[order.index(current.current_stage) + 1 : order.index("ST4") + 1]:
        current = move(store, current, later)
    journey.answer_prompt(store, by=by, person_id=someone.id, prompt_id="RA07", answer="yes")
    journey.record_touchpoint(
        store,
        by=by,
        person_id=someone.id,
        touchpoint_id="TP10",
        state="not_applicable",
        note=hostile,
    )
    action_id = action(store, someone, by=by, description="Ring Jo on Fridays")
    risks.acknowledge(store, by=by, action_id=action_id, acknowledged_by=JO, method="phone")
    decision(store, someone, by=by)
    panel(store, someone, by=by)
    held = meeting(store, someone, by=by)
    meetings.add_item(store, by=by, meeting_id=held.id, kind="note", text=hostile)
    later_bus = meetings.agree_action(
        store,
        by=by,
        meeting_id=held.id,
        description="Ask about a later bus",
        owner_name="Gill",
        owner_kind="council",
        due=TODAY + timedelta(days=7),
    )
    # Gill has no account: she acknowledges her action with a one-time code.
    from risk_app.services.record import action_codes

    sent = action_codes.issue_ack_code(store, by=by, action_id=later_bus, key=made.key)
    granted = action_codes.redeem(store, reference=sent.reference, code=sent.code, key=made.key)
    action_codes.acknowledge_with_grant(store, grant=granted.token, key=made.key)
    raised = concern(store, someone, by=by, person_wants=hostile)
    sharing.share(
        store, by=by, part="safeguarding_concern", item_id=raised.id, reason="She asked to see it"
    )
    agreed_plan(store, someone, by=by, went_on_reason="The enquiry is about her cousin only")
    reviews.record_review(
        store, by=by, person_id=someone.id, held_on=TODAY, kind="scheduled", notes=hostile
    )
    from risk_app.domain.record.checks import CheckKind, CheckOutcome
    from risk_app.services.record import checks

    checks.record_check(
        store,
        by=by,
        person_id=someone.id,
        kind=CheckKind.REFERENCES,
        about="Jo, personal assistant",
        done_on=TODAY,
        outcome=CheckOutcome.CONCERNS,
        note=hostile,
    )
    return WholeRecord(made, by, made.individual, raised.id)


# ------------------------------------------------- slice A1 (issue 12): touchpoints per visit
def move_to(store: Store, person_id: int, stage: str) -> people.PersonView:
    """The person moved to `stage` as the journey records it (a stage already visited is a new
    visit of it)."""
    view = people.get_person(store, by=accounts.SYSTEM, person_id=person_id)
    return move(store, view, stage)


# ---------------------------------------------------------------------------- slice B (issue 12)
def concern_at(
    store: Store,
    person: people.PersonView,
    state: str,
    *,
    by: Actor = accounts.SYSTEM,
    duty: bool = True,
    risk_after: str = "reduced",
    **fields: Any,
) -> safeguarding.ConcernView:
    """A concern taken through its lifecycle to `state` (a `ConcernState` value) by `by`, under the
    test of the person's nation: the duty (England's Section 42) arises unless `duty` is False
    (then the enquiry is an other one, and "closed" means closed without an enquiry); the outcome
    leaves the risk `risk_after`. `fields` are `raise_concern`'s. "forum" is a self-neglect
    concern referred to the high-risk forum."""
    from risk_app.services.record import concern_steps

    if state == "forum":
        return self_neglect_at_forum(store, person, by=by, **fields)
    c = concern(store, person, by=by, **fields)
    path = ["raised", "s42_decided", "enquiry", "outcome", "closed"]
    if duty is False and state == "closed":
        path = ["raised", "s42_decided", "closed"]
    for step in path[1 : path.index(state) + 1]:
        common: dict[str, Any] = {"by": by, "concern_id": c.id, "expected_version": c.version}
        if step == "s42_decided":
            # the test of the person's nation: every condition met but the last, which is `duty`
            # (England: s42(1)(c), unable to protect; Scotland: s3(1)(c); Wales: s126(1)(c))
            *met, last = (cid for cid, _ in c.answers)
            c = concern_steps.decide_s42(
                store,
                **common,
                answers={**dict.fromkeys(met, True), last: duty},
                reasons="Her cousin takes her card; she cannot stop him because of her dementia",
            )
        elif step == "enquiry":
            c = concern_steps.start_enquiry(
                store,
                **common,
                kind="section_42" if duty else "other",
                lead="Sam Lee, social worker",
            )
        elif step == "outcome":
            c = concern_steps.record_outcome(
                store,
                **common,
                outcomes_asked=True,
                desired_outcomes="To keep seeing her cousin, but not to give him money",
                achieved="partly",
                risk_after=risk_after,
            )
        elif duty is False:
            c = concern_steps.close_without_enquiry(
                store, **common, response="advice_and_information", note="Advice given to her"
            )
        else:
            c = concern_steps.close_concern(
                store,
                **common,
                follow_up="early_review" if risk_after == "remains" else "next_review",
                note="Review how her money is handled",
            )
    return c


# ------------------------------------------------------------------- slice D: next review dates
PANEL_REVIEW = TODAY + timedelta(days=20)
"""The review date a panel agrees in `review_dates_agreed`: well before the twelve-month rule."""


@dataclass(frozen=True)
class ReviewDatesAgreed:
    """A person at ST4 with an agreed plan and review dates agreed at a panel and a meeting."""

    person: people.PersonView
    practitioner: Actor
    individual: Actor
    panel: panels.PanelView
    meeting: meetings.MeetingView


def review_dates_agreed(
    store: Store,
    *,
    panel_review: date = PANEL_REVIEW,
    meeting_next: date | None = None,
    team: str = NORTH,
) -> ReviewDatesAgreed:
    """A person with a risk and an action, their plan agreed today (so the rule says a year), a
    panel held today agreeing `panel_review`, and a meeting closed today agreeing to meet again on
    `meeting_next` (six weeks by default); their practitioner and own account."""
    practitioner = actor(store, Role.PRACTITIONER, team=team)
    someone = person(store, "Rosa Lewis", preferred="Rosa", team=team, stage="ST4")
    individual = actor(store, Role.INDIVIDUAL, person=someone)
    risk_id = risk(store, someone, by=practitioner)
    action(store, someone, by=practitioner, risk_id=risk_id)
    agreed_plan(store, someone, by=practitioner)
    made_panel = panel(
        store, someone, by=practitioner, at=PanelState.OUTCOME, review_date=panel_review
    )
    opened = meeting(store, someone, by=practitioner)
    meetings.close_meeting(
        store,
        by=practitioner,
        meeting_id=opened.id,
        expected_version=opened.version,
        next_meeting=meeting_next or TODAY + timedelta(weeks=6),
    )
    closed = meetings.meeting(store, by=practitioner, meeting_id=opened.id)
    return ReviewDatesAgreed(someone, practitioner, individual, made_panel, closed)


# ------------------------------------------------- slice E (issue 12): oversight on the homes
def action_due(
    store: Store,
    person: people.PersonView,
    days: int | None,
    *,
    by: Actor = accounts.SYSTEM,
    description: str = "Check the smoke alarm",
    owner_name: str = "Brightside Support",
    owner_kind: str = "provider",
    status: str = "open",
) -> int:
    """An action due `days` from today (negative: that many days late; None: no date set),
    left open unless `status` says done or cancelled."""
    action_id = risks.add_action(
        store,
        by=by,
        person_id=person.id,
        description=description,
        owner_name=owner_name,
        owner_kind=owner_kind,
        due=None if days is None else TODAY + timedelta(days=days),
    )
    if status != "open":
        risks.set_action_status(
            store, by=by, action_id=action_id, expected_version=1, status=status
        )
    return action_id
