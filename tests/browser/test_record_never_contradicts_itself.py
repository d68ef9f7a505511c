"""Issue 12's sequence, clicked and typed through a real browser, and then the whole record read
back for each contradiction the issue found: none may appear.

Sam Carter (practitioner) works Amina Okafor's record from stage 3: TP11 marked "not applicable",
then a safeguarding concern raised; a supported decision with a reason to doubt capacity; a move to
stage 4 with a touchpoint outstanding; a question of stage 1 answered again after moving on; a
panel referred, scheduled and decided; the plan validated while the concern is open; review dates
agreed at the panel, with the plan and with the decision, all earlier than the twelve-month rule;
and the risk agreement issued. Amina then reads her own home, and Priya Natarajan (team manager)
finds the concern waiting on her home and takes it to closed. axe scans each new screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from risk_app.adapters.db import Store
from risk_app.adapters.seal_keys import ensure_seal_key
from risk_app.config import Settings
from risk_app.services.bootstrap import open_store
from tests.browser import record_contradictions
from tests.browser.conftest import PASSWORDS
from tests.browser.helpers import (
    assert_accessible,
    choose,
    open_page,
    open_tab,
    plain_date,
    sign_in,
    type_date,
    wait_for_app,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
expect.set_options(timeout=20_000)  # as the pages' own default: a rerun on a busy machine is slow

PERSON = "Amina Okafor"
JOURNEY = "Where safeguarding links in"
DECISIONS = "Decisions and panels"
CONCERN = "Safeguarding concern"
TP11 = "TP11: Raise a safeguarding concern"
NOT_SUSPECTED = "No abuse or neglect disclosed or suspected"
CHOICE = "I want to manage my own direct payment and employ my cousin"
DOUBT = "Amina was confused about money last month after her fall"
MOVE_REASON = "The plan is ready for agreement; the contingency is written next week"
ABILITIES = (
    "understand the relevant information",
    "retain that information",
    "use or weigh that information",
    "communicate the decision",
)


def scan(page: Any, where: str) -> None:
    assert_accessible(page, where)


def row(scope: Any, first_cell: str) -> Any:
    """The table row whose first cell reads exactly `first_cell`."""
    first = scope.page.locator("xpath=./*[1]").get_by_text(first_cell, exact=True)
    return scope.get_by_role("row").filter(has=first)


def cells(scope: Any, first_cell: str) -> Any:
    return row(scope, first_cell).get_by_role("cell")


def field(scope: Any, term: str) -> Any:
    """The value shown beside `term` in a record's list of fields (text.fields)."""
    return scope.locator("dt", has_text=re.compile(f"^{re.escape(term)}$")).first.locator(
        "xpath=./following-sibling::dd[1]"
    )


def form(scope: Any, button: str) -> Any:
    """The st.form whose submit button reads `button`. Found by its text, not its role: while a
    list in the form is open, the rest of the form is hidden from the accessibility tree."""
    submit = scope.page.get_by_test_id("stFormSubmitButton").filter(
        has_text=re.compile(f"^{re.escape(button)}$")
    )
    return scope.get_by_test_id("stForm").filter(has=submit)


def radio(scope: Any, group: str, option: str) -> None:
    scope.get_by_role("radiogroup", name=group, exact=True).get_by_text(option, exact=True).click()


def shown(scope: Any, words: str) -> None:
    expect(scope.get_by_text(words, exact=False).first).to_be_visible()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The fresh server's data directory (the `fresh_server` fixture serves `tmp_path`)."""
    return tmp_path


@pytest.fixture
def sealing_server(fresh_server: str, data_dir: Path) -> str:
    """A fresh server with the organisation's seal key, so an agreement can be issued."""
    ensure_seal_key(Settings.from_env({"RISK_APP_DATA_DIR": str(data_dir)}))
    return fresh_server


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    opened = open_store(Settings.from_env({"RISK_APP_DATA_DIR": str(data_dir)}))
    yield opened
    opened.dispose()


@contextmanager
def signed_in(browser: Any, url: str, username: str) -> Iterator[Any]:
    """A browser window of its own (its own session cookie), signed in as `username`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(20_000)
        sign_in(page, url, username, PASSWORDS[username])
        yield page
    finally:
        context.close()


def open_amina(page: Any) -> None:
    open_page(page, "People")
    page.get_by_label("Open a person's record").click()
    page.get_by_role("option", name=PERSON, exact=True).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name=PERSON, exact=True)).to_be_visible()


# ---------------------------------------------------------------------- 1. TP11, then a concern
def not_applicable_then_a_concern(page: Any, today: date) -> None:
    journey = open_tab(page, JOURNEY)
    touchpoint = form(journey, "Record touchpoint")
    choose(touchpoint, "Touchpoint", TP11)
    radio(touchpoint, "Status", "Not applicable")
    touchpoint.get_by_role("textbox", name="Note (say why, if it does not apply)").fill(
        NOT_SUSPECTED
    )
    touchpoint.get_by_role("button", name="Record touchpoint").click()
    wait_for_app(page)
    expect(cells(journey, TP11).nth(1)).to_have_text("Not applicable")
    expect(cells(journey, TP11).nth(2)).to_have_text(
        f"Set by practitioner on {plain_date(today)}: {NOT_SUSPECTED}"
    )
    scan(page, "stage 3 with TP11 not applicable")

    concern = open_tab(page, CONCERN)
    choose(concern, "What may be happening", "Financial or material abuse")
    page.keyboard.press("Escape")
    shown(concern, "Where this leads in the framework")  # the route, shown before the form
    wait_for_app(page)
    concern.get_by_role("textbox", name="What does the person want to happen? (ask first)").fill(
        "I want my cousin to stop asking me for money"
    )
    concern.get_by_role("textbox", name="Immediate action taken to keep people safe").fill(
        "Talked with Amina alone; her bank card is back with her"
    )
    wait_for_app(page)
    concern.get_by_role("button", name="Raise the concern").click()
    shown(concern, "raised. The Section 42 decision is due by")
    scan(page, "concern raised, waiting for the Section 42 decision")

    journey = open_tab(page, JOURNEY)
    expect(cells(journey, TP11).nth(1)).to_have_text("Done by a record")
    how = cells(journey, TP11).nth(2)
    expect(how).to_contain_text(
        f"A safeguarding concern was raised on {plain_date(today)} by practitioner; this "
        f"replaces 'not applicable' set by practitioner on {plain_date(today)}: {NOT_SUSPECTED}"
    )
    expect(how).to_contain_text("See Safeguarding concern tab, concern #")
    shown(journey, "TP11: A safeguarding concern was raised")  # the conflict, said above the table
    scan(page, "stage 3 with TP11 done by the concern, naming the conflict")


# ---------------------------------------------------------------------- 4. capacity in doubt
def decision_with_a_doubt(page: Any, decision_review: date) -> None:
    decisions = open_tab(page, DECISIONS)
    decisions.get_by_role("textbox", name="The choice, in the person's words").fill(CHOICE)
    decisions.get_by_role("textbox", name="Option 1 considered").fill("A direct payment she runs")
    decisions.get_by_role(
        "textbox",
        name="Is there a reason to doubt capacity for this decision? "
        "Leave blank if not: capacity is presumed.",
    ).fill(DOUBT)
    decisions.get_by_role("textbox", name="Option 2 considered").click()  # leaving it shows more
    wait_for_app(page)
    # No answer is assumed: the four questions of the functional test start unanswered.
    for ability in ABILITIES:
        group = decisions.get_by_role("radiogroup", name=f"Can they {ability}?", exact=True)
        expect(group.get_by_role("radio")).to_have_count(2)
        for option in group.get_by_role("radio").all():
            expect(option).not_to_be_checked()
    scan(page, "decision form with a reason to doubt capacity")
    choose(decisions, "The council's response", "Agreed")
    type_date(decisions, "Date agreed to look at this decision again (if any)", decision_review)
    wait_for_app(page)
    decisions.get_by_role("button", name="Record decision").click()
    wait_for_app(page)
    refusal = decisions.get_by_text("Still needed: Assess whether the person can")
    expect(refusal).to_be_visible()
    for ability in ABILITIES:
        expect(refusal).to_contain_text(ability)
    # Nothing typed is lost.
    expect(
        decisions.get_by_role("textbox", name="The choice, in the person's words")
    ).to_have_value(CHOICE)

    # Found unable to understand: the evidence, the impairment and the causative link are asked,
    # the link unanswered; saving without them is refused naming each.
    radio(decisions, f"Can they {ABILITIES[0]}?", "Unable")
    wait_for_app(page)
    link = decisions.get_by_role(
        "radiogroup", name="Is the inability because of that impairment?", exact=True
    )
    for option in link.get_by_role("radio").all():
        expect(option).not_to_be_checked()
    decisions.get_by_role("button", name="Record decision").click()
    wait_for_app(page)
    refusal = decisions.get_by_text("Still needed:")
    for part in (
        "practicable steps",
        f"evidence that the person cannot {ABILITIES[0]}",
        "Name the impairment",
        "because of that impairment",
    ):
        expect(refusal).to_contain_text(part)
    scan(page, "decision refused, naming each part of the capacity test still needed")

    # Answered in full (able in every respect), with the information relevant to the decision
    # (s3(4)) and the balance of probabilities (s2(4)): the record says what was answered.
    for ability in ABILITIES:
        radio(decisions, f"Can they {ability}?", "Able")
    decisions.get_by_role(
        "textbox", name="The information relevant to the decision", exact=True
    ).fill("What the payment is for, and what happens if the bills are not paid")
    radio(
        decisions,
        "Is your conclusion reached on the balance of probabilities (more likely than not)?",
        "Yes",
    )
    decisions.get_by_role(
        "textbox", name="What the person decided, in their words", exact=True
    ).fill(CHOICE)
    wait_for_app(page)
    decisions.get_by_role("button", name="Record decision").click()
    expect(cells(decisions, CHOICE)).to_have_text(
        [CHOICE, plain_date(date.today()), "Has capacity", CHOICE, "Agreed", "—"]
    )
    decisions.get_by_text("Decision recorded", exact=False).first.click()
    for ability in ABILITIES:
        expect(field(decisions, f"Can they {ability}?")).to_have_text("Able")
    expect(field(decisions, "Reason to doubt capacity")).to_have_text(DOUBT)
    expect(field(decisions, "Review by")).to_have_text(plain_date(decision_review))

    journey = open_tab(page, JOURNEY)
    tp08 = "TP08: Supported decision for choices that carry risk"
    expect(cells(journey, tp08).nth(1)).to_have_text("Done by a record")
    expect(cells(journey, tp08).nth(2)).to_contain_text("A supported decision was recorded on")
    expect(cells(journey, tp08).nth(2)).to_contain_text("See Decisions and panels tab, decision #")


# ---------------------------------------------------------------------- 3 and 6. moving on
def answer_stage_one_children_question(page: Any, answer: str) -> Any:
    journey = open_tab(page, JOURNEY)
    choose(
        journey,
        "Questions of the stage (stages the person has reached)",
        "1. Self-assessment and eligibility",
    )
    wait_for_app(page)
    prompts = form(journey, "Save answers")
    choose(prompts, "Answer to RA07", answer)
    prompts.get_by_role("button", name="Save answers").click()
    wait_for_app(page)
    return journey


def move_to_stage_four(page: Any) -> None:
    journey = open_tab(page, JOURNEY)
    shown(journey, "Still outstanding at 3. Support planning and brokerage for this person")
    shown(journey, "TP07")
    move = form(journey, "Move to this stage")
    choose(move, "Move to stage", "4. Agreeing the plan")
    move.get_by_role("button", name="Move to this stage").click()
    wait_for_app(page)
    expect(journey.get_by_text("TP07", exact=False).first).to_be_visible()
    scan(page, "move refused without a reason, listing what is outstanding")
    reason = "Reason to move on with touchpoints outstanding"
    move.get_by_role("textbox", name=reason).fill(MOVE_REASON)
    move.get_by_role("button", name="Move to this stage").click()
    expect(page.get_by_text("Currently at stage 4. Agreeing the plan")).to_be_visible()
    moved = page.get_by_role("row").filter(has_text=MOVE_REASON).get_by_role("cell")
    expect(moved.first).to_have_text("4. Agreeing the plan")
    expect(moved.last).to_have_text(MOVE_REASON)


def stage_four_stands_on_its_own(page: Any) -> None:
    journey = open_tab(page, JOURNEY)
    shown(journey, "Where safeguarding links in at stage 4: Agreeing the plan")
    expect(cells(journey, TP11).nth(1)).to_have_text("Outstanding")  # not stage 3's n/a
    journey.get_by_role("tab", name="Table (same information)", exact=True).first.click()
    for later in ("5. Organising the money", "6. Organising support", "7. Living life"):
        expect(cells(journey, later).nth(1)).to_have_text("Not yet")
        expect(cells(journey, later).nth(3)).to_have_text("Not reached yet")
    expect(cells(journey, "3. Support planning and brokerage").nth(1)).to_have_text("Been")
    scan(page, "stage 4 view with the journey map as a table")


def earlier_question_answered_again(page: Any) -> None:
    journey = answer_stage_one_children_question(page, "Yes")
    shown(journey, "These are the questions of an earlier stage")
    shown(journey, "Answer that counts: Yes (by practitioner")
    shown(journey, "This answer asks you to consider touchpoint TP13")
    journey.get_by_text("Earlier answers to RA07 (1)").click()
    shown(journey, "No (by practitioner")
    scan(page, "an earlier stage's questions, answered again after moving on")


# ---------------------------------------------------------------------- 2 and 5. panel, plan
def panel_with_a_review_date(page: Any, today: date, panel_review: date) -> None:
    decisions = open_tab(page, DECISIONS)
    decisions.get_by_text("Refer to a panel or forum").click()
    referral = form(decisions, "Refer to the panel")
    referral.get_by_role("combobox", name="Route", exact=True).scroll_into_view_if_needed()
    wait_for_app(page)
    choose(referral, "Route", "Risk enablement panel")
    referral.get_by_role("textbox", name="Why it is referred").fill(
        "Amina and her family disagree about her cousin as her assistant"
    )
    referral.get_by_role("textbox", name="The question for the panel").fill(
        "Can Amina employ her cousin, and with what safeguards?"
    )
    referral.get_by_role(
        "textbox", name="The person's view, in their words (or as their advocate gives it)"
    ).fill("He knows me and I trust him")
    wait_for_app(page)
    scan(page, "panel referral form")
    referral.get_by_role("button", name="Refer to the panel").click()
    expect(cells(decisions, plain_date(today)).nth(2)).to_have_text("Referred, not yet scheduled")

    decisions.get_by_text("(referred, not yet scheduled): the full record").click()
    radio(decisions, "What next?", "Set the panel's date")
    type_date(decisions, "Date of the panel", today)
    decisions.get_by_role("button", name="Set the date", exact=True).click()
    expect(cells(decisions, plain_date(today)).nth(2)).to_have_text(
        "Scheduled, waiting for the panel"
    )
    decisions.get_by_text("(scheduled, waiting for the panel): the full record").click()
    radio(decisions, "What next?", "Record the panel's outcome")
    radio(decisions, "Did the person attend?", "Yes")
    decisions.get_by_role("textbox", name="Options considered (one per line)").fill(
        "Employ her cousin after a DBS check\nEmploy someone through an agency"
    )
    decisions.get_by_role("textbox", name="Recommendation", exact=True).fill(
        "Go ahead with a DBS check and a support planner's visit"
    )
    type_date(decisions, "Review by", panel_review)
    wait_for_app(page)
    scan(page, "panel outcome form")
    decisions.get_by_role("button", name="Record the outcome", exact=True).click()
    expect(cells(decisions, plain_date(today)).nth(6)).to_have_text(plain_date(panel_review))


def plan_agreed_while_the_concern_is_open(page: Any, plan_review: date) -> None:
    decisions = open_tab(page, DECISIONS)
    shown(decisions, "Agreeing the plan")
    validation = form(decisions, "Record the validation")
    for check in ("Effective", "Legal", "Affordable", "Safe", "Contingency"):
        validation.get_by_text(f"{check}: met", exact=True).click()
        validation.get_by_role("textbox", name=f"Why ({check.lower()})").fill(
            f"{check}: talked through with Amina and her sister"
        )
    choose(validation, "Outcome", "Agreed with conditions")
    validation.get_by_role("textbox", name="Conditions (if agreed with conditions)").fill(
        "Look at it again in three weeks"
    )
    validation.get_by_role(
        "textbox", name="Why agree the plan now, while the safeguarding concern is open"
    ).fill("The plan keeps her money safer than today; the enquiry is told")
    type_date(validation, "Date agreed to look at the plan again (if any)", plan_review)
    wait_for_app(page)
    scan(page, "plan validation with an open concern")
    validation.get_by_role("button", name="Record the validation").click()
    shown(decisions, "Recorded: Agreed with conditions.")

    journey = open_tab(page, JOURNEY)
    for touchpoint, said, where in (
        (
            "TP09: Validation checks the plan is safe and legal",
            "A plan validation was recorded on",
            "See Decisions and panels tab, Plan validations recorded, validation #",
        ),
        (
            "TP10: Refer complex risk decisions to a risk enablement panel",
            "A panel referral was made on",
            "See Decisions and panels tab, Panels and forums, panel #",
        ),
    ):
        expect(cells(journey, touchpoint).nth(1)).to_have_text("Done by a record")
        expect(cells(journey, touchpoint).nth(2)).to_contain_text(said)
        expect(cells(journey, touchpoint).nth(2)).to_contain_text(where)
    scan(page, "stage 4 with TP09 and TP10 done by their records")


def one_review_date_for_staff(page: Any, due: date) -> None:
    journey = open_tab(page, JOURNEY)
    shown(journey, f"Next review due by {plain_date(due)} (agreed at a panel)")
    agreement = open_tab(page, "Risk agreement")
    agreement.get_by_role("button", name="Issue version 1 for signing").click()
    wait_for_app(page)
    agreement.get_by_text("Read it as the person will").click()
    shown(agreement, f"We will look at this agreement again by {plain_date(due)}.")
    scan(page, "risk agreement issued, read as the person will")
    open_page(page, "Home")
    reviews = page.get_by_role("row").filter(has_text=PERSON).filter(has_text="Agreed at a panel")
    expect(reviews.get_by_role("cell")).to_have_text(
        [PERSON, plain_date(due), "Due soon", "Agreed at a panel"]
    )
    scan(page, "practitioner's home with the review due")


# ---------------------------------------------------------------------- 7. the manager
def manager_takes_the_concern_to_closed(page: Any, review_due: date) -> None:
    shown(page, "Safeguarding decisions waiting")
    # The team's reviews-due list, on the manager's home too, has the person's one date.
    reviews = page.get_by_role("row").filter(has_text=PERSON).filter(has_text="Agreed at a panel")
    expect(reviews.get_by_role("cell")).to_have_text(
        [PERSON, plain_date(review_due), "Due soon", "Agreed at a panel"]
    )
    waiting = page.get_by_role("row").filter(has_text=PERSON).filter(has_text="by practitioner")
    expect(waiting.get_by_role("cell").last).to_have_text(
        re.compile(r"^(\d+ working days? left|Due today)$")
    )
    scan(page, "manager's home with a Section 42 decision waiting")
    open_amina(page)
    concern = open_tab(page, CONCERN)
    decide = form(concern, "Record the Section 42 decision")
    for question in (  # the Care Act 2014 s42(1) conditions, as the law book words them
        "Has needs for care and support",
        "Experiencing or at risk of abuse or neglect",
        "Unable to protect themselves because of those needs",
    ):
        decide.get_by_role("radiogroup", name=re.compile("^" + re.escape(question))).get_by_text(
            "Yes", exact=True
        ).click()
    decide.get_by_role("textbox", name="Reasons for the decision").fill(
        "Her cousin has taken money; she cannot stop it while he helps her at home"
    )
    scan(page, "Section 42 decision form")
    decide.get_by_role("button", name="Record the Section 42 decision").click()
    wait_for_app(page)
    expect(field(concern, "Where it stands")).to_have_text("Section 42 decision made")
    # With the duty to enquire found, the enquiry is the one step that may follow.
    expect(concern.get_by_role("radiogroup", name="Next step", exact=True)).to_have_count(0)
    enquiry = form(concern, "Start the enquiry")
    radio(enquiry, "Kind of enquiry", "Section 42 enquiry")
    enquiry.get_by_role("textbox", name="Who leads the enquiry (name, role or organisation)").fill(
        "Priya Natarajan, team manager"
    )
    scan(page, "enquiry form")
    enquiry.get_by_role("button", name="Start the enquiry").click()
    wait_for_app(page)
    outcome = form(concern, "Record the outcome")
    radio(
        outcome,
        "Was the person (or their representative) asked what outcomes they wanted?",
        "Yes",
    )
    outcome.get_by_role("textbox", name="The outcomes they said they wanted").fill(
        "My cousin stops asking me for money"
    )
    radio(outcome, "How far were those outcomes achieved?", "Fully achieved")
    radio(outcome, "Where does the risk stand now?", "Risk reduced")
    scan(page, "enquiry outcome form (Making Safeguarding Personal)")
    outcome.get_by_role("button", name="Record the outcome").click()
    wait_for_app(page)
    close = form(concern, "Close the concern")
    radio(
        close, "How does the person's review take this up?", "The next planned review takes it up"
    )
    close.get_by_role("textbox", name="Closing note: what the review should look at").fill(
        "Check at the panel's review that the DBS check was done"
    )
    close.get_by_role("button", name="Close the concern").click()
    wait_for_app(page)
    expect(field(concern, "Where it stands")).to_have_text("Closed")
    scan(page, "concern closed")


# ---------------------------------------------------------------------- the journey
def test_the_record_never_contradicts_itself_after_issue_twelves_sequence(
    sealing_server, page, browser, store
):
    today = date.today()
    panel_review = today + timedelta(days=10)
    plan_review = today + timedelta(days=15)
    decision_review = today + timedelta(days=20)

    sign_in(page, sealing_server, "practitioner", PASSWORDS["practitioner"])
    open_amina(page)
    not_applicable_then_a_concern(page, today)
    decision_with_a_doubt(page, decision_review)
    answer_stage_one_children_question(page, "No")
    move_to_stage_four(page)
    stage_four_stands_on_its_own(page)
    earlier_question_answered_again(page)
    panel_with_a_review_date(page, today, panel_review)
    plan_agreed_while_the_concern_is_open(page, plan_review)
    one_review_date_for_staff(page, panel_review)

    # The person's own home says the same one date, and where it comes from.
    with signed_in(browser, sealing_server, "amina") as own:
        shown(own, f"We will look at your plan again by {plain_date(panel_review)}.")
        shown(own, f"This date was agreed at a panel meeting about you on {plain_date(today)}.")
        scan(own, "the person's own home")

    with signed_in(browser, sealing_server, "manager") as managing:
        manager_takes_the_concern_to_closed(managing, panel_review)

    # Afterwards, the whole record: none of the contradictions issue 12 found.
    found = record_contradictions.contradictions(store, PERSON)
    assert found == [], found
