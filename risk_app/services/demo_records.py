"""The demo organisation's records: what its people's journeys hold, so every screen has
something to show.

Everything is recorded through the services, as the people named in `DEMO_ACCOUNTS` would record
it, with dates relative to today: safeguarding concerns in every state of their lifecycle in both
teams (one Section 42 decision late), panels waiting, scheduled and held, a supported decision
with a capacity assessment, a consent-to-share answer, actions due soon and overdue, a check,
a plan validation with a review date and a touchpoint marked "not applicable" with a reason.
Two people live outside England, so their records show their nation's law: Eilidh in Scotland
(a self-directed support option 1 direct payment employing a personal assistant) and Beth in
Wales (a direct payment, with a review date agreed with her); Dave's English direct payment has
its review by the 2014 Regulations.
Everyone and everything here is invented.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from risk_app.adapters.db import Store
from risk_app.domain.access import Actor
from risk_app.domain.record.capacity import BestInterestsItem
from risk_app.domain.record.checks import CheckKind, CheckOutcome
from risk_app.domain.record.panel_lifecycle import Outcome, Referral, Scheduling
from risk_app.domain.record.plan import PlanOutcome, ValidationCheck
from risk_app.services.demo_circles import load_circles
from risk_app.services.record import checks as check_records
from risk_app.services.record import (
    concern_steps,
    decisions,
    journey,
    panels,
    people,
    plan_validation,
    risks,
    safeguarding,
)

Find = Callable[[str], Actor]
"""The demo account with this username, as an actor."""

LATE_BY_DAYS = 7
"""How long ago Peggy's latest concern was raised: more than the working days its Section 42
decision allows, so it is late."""
PANEL_REVIEW_IN_DAYS = 42
"""The review date David's panel agreed, from today: six weeks."""
PLAN_REVIEW_IN_DAYS = 56
"""The review date agreed with Ravi's plan, from today: eight weeks."""
PANEL_MEETS_IN_DAYS = 10
"""When Grace's panel meets, from today."""
DAVE_PAYMENT_DAYS_AGO = 30
"""When Dave's direct payment started (England: first review within six months, reg 7)."""
EILIDH_PAYMENT_DAYS_AGO = 60
"""When Eilidh's option 1 direct payment started."""
EILIDH_CHECK_IN_DAYS = 14
"""When the check of Eilidh's assistant's PVG membership is due: after the week the team homes
count, so each team keeps one action due soon and one overdue."""
BETH_PAYMENT_DAYS_AGO = 100
"""When Beth's direct payment started."""
BETH_REVIEW_IN_DAYS = 70
"""The review date agreed with Beth's decision about her swimming, from today."""


def load_records(store: Store, ids: dict[str, int], find: Find) -> None:
    """Record the demo people's journeys (`ids` by `DemoPerson.key`)."""
    today = datetime.now(UTC).date()
    north, south = find("practitioner"), find("practitioner.south")
    manager, lead = find("manager"), find("lead")
    load_circles(store, ids, north, south)
    _concerns(store, ids, north, south, manager, lead)
    _capacity_decision(store, ids["margaret"], north)
    _panels(store, ids, north, south, today)
    _consent_to_share(store, ids["tomasz"], north)
    _actions(store, ids, north, south, today)
    _stage_records(store, ids, north, south, today)
    _direct_payments(store, ids, north, south, today)


# ---------------------------------------------------------------------- safeguarding
def _concerns(
    store: Store, ids: dict[str, int], north: Actor, south: Actor, manager: Actor, lead: Actor
) -> None:
    # North: raised today (decision due within the working days), decided, at outcome, one
    # closed without an enquiry, and one raised a week ago (its decision late).
    safeguarding.raise_concern(
        store,
        by=north,
        person_id=ids["tomasz"],
        abuse_types=["AB-SN"],
        person_wants="Tomasz wants to stay in his flat and choose who comes in.",
        immediate_action="Food and a heater taken round; GP asked to visit this week.",
    )
    earlier = safeguarding.raise_concern(
        store,
        by=north,
        person_id=ids["david"],
        abuse_types=["AB-FIN"],
        person_wants="Dave wants the phone calls to stop. He does not want the police involved.",
        immediate_action="Call blocking set up on his landline with his agreement.",
    )
    closed = concern_steps.decide_s42(
        store,
        by=manager,
        concern_id=earlier.id,
        expected_version=earlier.version,
        needs=True,
        abuse_or_risk=True,
        unable_to_protect=False,
        reasons="Dave recognised the calls as a scam, hung up and told his sister; "
        "he can protect himself with the call blocking in place.",
    )
    concern_steps.close_without_enquiry(
        store,
        by=manager,
        concern_id=closed.id,
        expected_version=closed.version,
        response="advice_and_information",
        note="Advice on scam calls given to Dave and his sister; call blocking stays on.",
    )
    decided = safeguarding.raise_concern(
        store,
        by=north,
        person_id=ids["david"],
        abuse_types=["AB-PSY"],
        person_wants="Dave wants to feel safe using the shared garden again.",
        immediate_action="Housing officer told; Dave has the out-of-hours number.",
    )
    concern_steps.decide_s42(
        store,
        by=manager,
        concern_id=decided.id,
        expected_version=decided.version,
        needs=True,
        abuse_or_risk=True,
        unable_to_protect=True,
        reasons="A neighbour shouts threats at Dave whenever he goes out; since his stroke he "
        "cannot get away quickly and has stopped going out.",
    )
    outcome = safeguarding.raise_concern(
        store,
        by=north,
        person_id=ids["margaret"],
        abuse_types=["AB-NEG"],
        person_wants="Peggy wants her carers to come at the times agreed.",
        immediate_action="Agency asked for a rota for the next fortnight.",
    )
    at_enquiry = _through_enquiry(store, outcome, manager, "Priya Natarajan, team manager")
    concern_steps.record_outcome(
        store,
        by=manager,
        concern_id=at_enquiry.id,
        expected_version=at_enquiry.version,
        outcomes_asked=True,
        desired_outcomes="Her carers to come on time, and the same faces each week.",
        achieved="partly",
        risk_after="reduced",
    )
    safeguarding.raise_concern(
        store,
        by=north,
        person_id=ids["margaret"],
        abuse_types=["AB-PHYS"],
        person_wants="Peggy wants to stay in her own home, whatever happens.",
        immediate_action="GP saw Peggy the same day and recorded the bruising on her arms.",
        raised_at=datetime.now(UTC) - timedelta(days=LATE_BY_DAYS),
    )
    # South: raised today, at the high-risk forum, at enquiry, and one closed after an enquiry.
    safeguarding.raise_concern(
        store,
        by=south,
        person_id=ids["samuel"],
        abuse_types=["AB-DOM"],
        person_wants="Sam wants his brother to move out, and to keep his own key.",
        immediate_action="Sam stayed with a friend last night; locks to be changed.",
    )
    # A self-neglect concern the safeguarding lead sent to the high-risk forum (issue 13).
    hoarding = safeguarding.raise_concern(
        store,
        by=south,
        person_id=ids["samuel"],
        abuse_types=["AB-SN"],
        person_wants="Sam wants to keep his papers, and for nobody to throw things away.",
        immediate_action="Fire service asked for a home safety visit.",
    )
    concern_steps.refer_to_forum(
        store,
        by=lead,
        concern_id=hoarding.id,
        expected_version=hoarding.version,
        reasons="Sam has capacity and refuses help; the papers block the stairs. Agencies to agree "
        "a plan together before any Section 42 decision.",
    )
    enquiry = safeguarding.raise_concern(
        store,
        by=south,
        person_id=ids["grace"],
        abuse_types=["AB-FIN"],
        person_wants="Gracie wants her pension back in her own account.",
        immediate_action="Bank told; a new card sent to Gracie only.",
    )
    _through_enquiry(store, enquiry, lead, "Chris Morgan, safeguarding lead")
    done = safeguarding.raise_concern(
        store,
        by=south,
        person_id=ids["grace"],
        abuse_types=["AB-ORG"],
        person_wants="Gracie wants the day centre to let her go outside when she asks.",
        immediate_action="Day centre manager spoken to the same day.",
    )
    at_enquiry = _through_enquiry(store, done, lead, "Jo Evans, social worker")
    at_outcome = concern_steps.record_outcome(
        store,
        by=lead,
        concern_id=at_enquiry.id,
        expected_version=at_enquiry.version,
        outcomes_asked=True,
        desired_outcomes="To go into the garden whenever she wants, with someone if she likes.",
        achieved="fully",
        risk_after="removed",
    )
    concern_steps.close_concern(
        store,
        by=lead,
        concern_id=at_outcome.id,
        expected_version=at_outcome.version,
        follow_up="next_review",
        note="The centre changed its garden rule for everyone; look at it at her next review.",
    )


def _through_enquiry(
    store: Store, raised: safeguarding.ConcernView, by: Actor, enquiry_lead: str
) -> safeguarding.ConcernView:
    """The Section 42 duty arises (decided by `by`); its enquiry starts, led by `enquiry_lead`."""
    decided = concern_steps.decide_s42(
        store,
        by=by,
        concern_id=raised.id,
        expected_version=raised.version,
        needs=True,
        abuse_or_risk=True,
        unable_to_protect=True,
        reasons="Care and support needs, harm is happening, and the person cannot stop it alone.",
    )
    return concern_steps.start_enquiry(
        store,
        by=by,
        concern_id=decided.id,
        expected_version=decided.version,
        kind="section_42",
        lead=enquiry_lead,
    )


# ---------------------------------------------------------------------- panels
def _panels(store: Store, ids: dict[str, int], north: Actor, south: Actor, today: date) -> None:
    # Waiting for a date (Ravi, Peggy), set for a date (Grace), held with a review date (David).
    panels.refer(
        store,
        by=north,
        person_id=ids["margaret"],
        data=Referral(
            route="RT2",
            reason="Peggy's daughter disagrees with the best-interests decision about her walks.",
            question="Is walking in daylight with a tracker the right balance for Peggy?",
            risk_ids=[],
            person_view="I want to fetch my paper when I like, as I always have.",
        ),
    )
    panels.refer(
        store,
        by=south,
        person_id=ids["ravi"],
        data=Referral(
            route="RT2",
            reason="Ravi wants to drive his adapted car again after his seizures; his GP is "
            "unsure.",
            question="Can Ravi's plan include driving to work, and on what conditions?",
            risk_ids=[],
            person_view="I have been seizure-free for eight months. Driving is my independence.",
        ),
    )
    scheduled = panels.refer(
        store,
        by=south,
        person_id=ids["grace"],
        data=Referral(
            route="RT2",
            reason="Gracie wants to manage her own money again while the enquiry goes on.",
            question="Can Gracie hold her own bank card again, with what support?",
            risk_ids=[],
            person_view="",
            advocate="Lena Fischer, independent advocate",
        ),
    )
    panels.schedule(
        store,
        by=south,
        panel_id=scheduled.id,
        expected_version=scheduled.version,
        data=Scheduling(today + timedelta(days=PANEL_MEETS_IN_DAYS)),
    )
    held = panels.refer(
        store,
        by=north,
        person_id=ids["david"],
        data=Referral(
            route="RT2",
            reason="Dave wants to go out alone again although the threats have not stopped.",
            question="Can Dave's plan let him go out alone while the threats are looked into?",
            risk_ids=[],
            person_view="I will not be a prisoner in my own home.",
        ),
    )
    held = panels.schedule(
        store, by=north, panel_id=held.id, expected_version=held.version, data=Scheduling(today)
    )
    panels.record_outcome(
        store,
        by=north,
        panel_id=held.id,
        expected_version=held.version,
        data=Outcome(
            held_on=today,
            person_attended=True,
            options=[
                "Go out alone, with a personal alarm",
                "Go out only with a support worker until the enquiry ends",
            ],
            recommendation="Dave goes out alone with a personal alarm and a phone call each "
            "evening.",
            conditions="Review after six weeks, or sooner if the threats get worse.",
            review_date=today + timedelta(days=PANEL_REVIEW_IN_DAYS),
        ),
    )


# ---------------------------------------------------------------------- capacity
def _capacity_decision(store: Store, person_id: int, by: Actor) -> None:
    """Peggy's decision about walking to the shops in the evening: a reason to doubt, each part of
    the functional test answered with its evidence, and the causative link, so it is made in her
    best interests."""
    answers = {
        BestInterestsItem.NOT_ON_APPEARANCE_ALONE: "Decided on what she said and did, not on her "
        "age or diagnosis.",
        BestInterestsItem.ALL_RELEVANT_CIRCUMSTANCES: "Her walks, the dark evenings, the busy "
        "road, the shop staff who know her.",
        BestInterestsItem.REGAINING_CAPACITY: "Unlikely to improve; we will ask her again in "
        "the summer when the evenings are light.",
        BestInterestsItem.PARTICIPATION: "Talked it through at home with her daughter, using "
        "photos of the route.",
        BestInterestsItem.WISHES_FEELINGS_BELIEFS_VALUES: "She has always walked to the shop "
        "for her paper and wants to keep doing it.",
        BestInterestsItem.OTHER_FACTORS: "Her independence has always mattered most to her; she "
        "would want to keep seeing the shop staff.",
        BestInterestsItem.VIEWS_OF_CARERS_AND_OTHERS: "Her daughter wants her to keep walking, "
        "but not after dark.",
        BestInterestsItem.VIEWS_OF_ATTORNEY_OR_DEPUTY: "Not applicable: she has no attorney or "
        "deputy.",
        BestInterestsItem.LESS_RESTRICTIVE_OPTION: "Walking in daylight with a tracker chosen "
        "over stopping the walks.",
    }
    decisions.record_decision(
        store,
        by=by,
        person_id=person_id,
        data=decisions.DecisionInput(
            decision="Whether Peggy walks to the corner shop alone after dark",
            options=[
                decisions.DecisionOption("Walk alone at any time"),
                decisions.DecisionOption(
                    "Walk alone in daylight, with a GPS tracker", less_restrictive=True
                ),
                decisions.DecisionOption("Stop the walks; shopping delivered"),
            ],
            support_given=["Photos of the route and a daylight walk together to the shop."],
            decided="Peggy walks to the shop alone in daylight, with her GPS tracker.",
            outcome=PlanOutcome.AGREED_WITH_CONDITIONS,
            conditions="Walks in daylight with her tracker; her daughter is told of any fall.",
            capacity=decisions.CapacityInput(
                reason_to_doubt="Peggy was found lost on the ring road twice in November after "
                "dark.",
                functional={
                    "understand": "able",
                    "retain": "unable",
                    "use_or_weigh": "unable",
                    "communicate": "able",
                },
                evidence={
                    "understand": "She explained the route and why the road is busy at night.",
                    "retain": "Ten minutes later she did not recall talking about the dark.",
                    "use_or_weigh": "She could not weigh getting lost against going out.",
                    "communicate": "She told us clearly what she wanted, in her own words.",
                },
                impairment="Alzheimer's disease",
                inability_because_of_impairment=True,
                relevant_information="The route to the shop and the ring road beside it; that "
                "after dark she may get lost or fall with nobody near; that staying in means "
                "missing her walk and the shop staff she knows.",
                balance_of_probabilities=True,
                assessor_name="Sam Carter",
                assessor_role="Social worker",
            ),
            authority=decisions.AuthorityInput(covers=False),
            best_interests=decisions.BestInterestsInput(
                decider_name="Sam Carter", decider_role="Social worker", answers=answers
            ),
        ),
    )


# ---------------------------------------------------------------------- sharing
def _consent_to_share(store: Store, person_id: int, by: Actor) -> None:
    """Tomasz's answer about how his risks are recorded and who may see them (RA08)."""
    journey.answer_prompt(
        store,
        by=by,
        person_id=person_id,
        prompt_id="RA08",
        answer="Write it in my record. My GP and my sister Ewa may see it; my neighbour may not.",
    )


# ---------------------------------------------------------------------- actions
def _actions(store: Store, ids: dict[str, int], north: Actor, south: Actor, today: date) -> None:
    """In each team, one action due within the week and one overdue."""
    for by, key, what, owner, kind, days in (
        (north, "tomasz", "Ask the GP for a home visit.", "Sam Carter", "council", 6),
        (north, "margaret", "Confirm the new visit times.", "Brightside Support", "provider", -5),
        (south, "samuel", "Book the locksmith.", "Jo Evans", "council", 4),
        (south, "grace", "Send the bank's letter to Gracie.", "Jo Evans", "council", -3),
    ):
        risks.add_action(
            store,
            by=by,
            person_id=ids[key],
            description=what,
            owner_name=owner,
            owner_kind=kind,
            due=today + timedelta(days=days),
        )


# ---------------------------------------------------------------------- stage records
def _stage_records(
    store: Store, ids: dict[str, int], north: Actor, south: Actor, today: date
) -> None:
    """David's stage (ST6) shows a touchpoint evidenced by a check (TP13) and one marked not
    applicable with a reason (TP14); Ravi's plan is validated (ST4) with a review date."""
    check_records.record_check(
        store,
        by=north,
        person_id=ids["david"],
        kind=CheckKind.DBS_ENHANCED_BARRED,
        about="Mark Ellis, personal assistant",
        done_on=today - timedelta(days=3),
        outcome=CheckOutcome.SATISFACTORY,
        note="Enhanced check with the adults' barred list, through a registered body.",
    )
    journey.record_touchpoint(
        store,
        by=north,
        person_id=ids["david"],
        touchpoint_id="TP14",
        state="not_applicable",
        note="Dave employs his own personal assistant; no care agency is used.",
    )
    checks: dict[str | ValidationCheck, tuple[bool, str]] = {
        c: (True, f"{c.value.capitalize()}: checked with Ravi.") for c in ValidationCheck
    }
    checks[ValidationCheck.CONTINGENCY] = (
        True,
        "If his personal assistant is ill, his cousin covers mornings; the agency covers nights.",
    )
    plan_validation.validate_plan(
        store,
        by=south,
        person_id=ids["ravi"],
        checks=checks,
        requested=PlanOutcome.AGREED_WITH_CONDITIONS,
        conditions="Look at the plan again after his first two months with the new assistant.",
        review_date=today + timedelta(days=PLAN_REVIEW_IN_DAYS),
    )


# ---------------------------------------------------------------------- other nations
def _direct_payments(
    store: Store, ids: dict[str, int], north: Actor, south: Actor, today: date
) -> None:
    """A direct payment in each nation. Dave's (England) has its first review by the rule of the
    2014 Regulations (reg 7); Eilidh's (Scotland, option 1) and Beth's (Wales) have none from an
    English rule: Beth's date is agreed with her, and Eilidh's record asks for one to be agreed.
    Each of them has a supported decision showing their own nation's capacity words."""
    _details(
        store,
        north,
        ids["david"],
        people.PersonChanges(budget_option="BO-DP"),
        today - timedelta(days=DAVE_PAYMENT_DAYS_AGO),
    )
    _details(
        store,
        south,
        ids["eilidh"],
        people.PersonChanges(
            budget_option="SC-OPT1",
            about_me={"What matters to me": "Getting the ferry to see my sister on Mull."},
        ),
        today - timedelta(days=EILIDH_PAYMENT_DAYS_AGO),
    )
    risks.add_action(
        store,
        by=south,
        person_id=ids["eilidh"],
        description="Help Eilidh check with Disclosure Scotland that Morag, her new personal "
        "assistant, is a member of the PVG scheme.",
        owner_name="Jo Evans",
        owner_kind="council",
        due=today + timedelta(days=EILIDH_CHECK_IN_DAYS),
    )
    decisions.record_decision(
        store,
        by=south,
        person_id=ids["eilidh"],
        data=decisions.DecisionInput(
            decision="I want Morag from the village to be my personal assistant.",
            options=[
                decisions.DecisionOption("Employ Morag herself with her direct payment"),
                decisions.DecisionOption("Use an agency chosen by the council"),
            ],
            support_given=["Talked it through at home, with her sister on the phone."],
            decided="Morag will be my personal assistant, paid from my direct payment.",
            outcome=PlanOutcome.AGREED,
        ),
    )
    _details(
        store,
        south,
        ids["bethan"],
        people.PersonChanges(
            budget_option="WA-DP",
            about_me={"What matters to me": "Swimming at the leisure centre on Tuesdays."},
        ),
        today - timedelta(days=BETH_PAYMENT_DAYS_AGO),
    )
    decisions.record_decision(
        store,
        by=south,
        person_id=ids["bethan"],
        data=decisions.DecisionInput(
            decision="I want to pay my neighbour's son to take me swimming.",
            options=[
                decisions.DecisionOption("Pay him from her direct payment"),
                decisions.DecisionOption("Go with the day centre's group", less_restrictive=False),
            ],
            support_given=["Easy-read information about paying someone with a direct payment."],
            decided="I will pay my neighbour's son to take me swimming on Tuesdays.",
            outcome=PlanOutcome.AGREED,
            review_date=today + timedelta(days=BETH_REVIEW_IN_DAYS),
        ),
    )


def _details(
    store: Store, by: Actor, person_id: int, changes: people.PersonChanges, started: date
) -> None:
    """Save a demo person's budget option and About Me, with the day their direct payment began."""
    current = people.get_person(store, by=by, person_id=person_id)
    people.save_changes(
        store,
        by=by,
        person_id=person_id,
        expected_version=current.version,
        changes=dataclasses.replace(changes, direct_payment_start=started),
    )
