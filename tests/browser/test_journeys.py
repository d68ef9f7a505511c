"""Each role signs in through a real browser and opens its pages; axe scans every page we show."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PASSWORDS
from tests.browser.helpers import blocking_violations, open_page, open_tab, sign_in, wait_for_app

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

STAFF_AND_LEADS = ["practitioner", "manager", "lead", "admin"]


def test_the_sign_in_page_has_no_serious_accessibility_problems(server, page):
    page.goto(server)
    page.get_by_label("Username", exact=True).wait_for()  # a plain HTML form (ADR 0009)
    assert page.locator("html").get_attribute("lang")
    assert blocking_violations(page) == []
    page.get_by_role("button", name="Sign in").click()  # nothing typed: the error state
    page.get_by_role("alert").wait_for()
    assert blocking_violations(page) == []


def test_a_deep_link_without_signing_in_shows_only_the_sign_in_page(server, page):
    page.goto(f"{server}/accounts")
    page.get_by_label("Username", exact=True).wait_for()
    page.get_by_role("heading", name="Sign in to risk-app").wait_for()
    assert "/account/signin" in page.url
    assert page.get_by_role("heading", name="Accounts", exact=True).count() == 0
    assert page.get_by_text("Disable or enable an account").count() == 0
    assert page.get_by_role("link", name="Accounts").count() == 0


def test_a_wrong_password_is_refused_in_the_browser(server, page):
    page.goto(server)
    page.get_by_label("Username", exact=True).fill("practitioner")
    page.get_by_label("Password", exact=True).fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("The username or password is not right").wait_for()
    assert page.get_by_role("alert").count() >= 1


@pytest.mark.parametrize("username", [*STAFF_AND_LEADS, "amina"])
def test_each_role_signs_in_to_an_accessible_home_page(server, page, username):
    sign_in(page, server, username, PASSWORDS[username])
    assert page.get_by_role("heading", level=1).first.is_visible()
    assert blocking_violations(page) == []


@pytest.mark.parametrize("username", STAFF_AND_LEADS)
def test_each_staff_role_opens_an_accessible_framework_map(server, page, username):
    sign_in(page, server, username, PASSWORDS[username])
    open_page(page, "Framework map")
    page.locator(".js-plotly-plot").first.wait_for()
    page.get_by_role("heading", name="Where safeguarding links in (touchpoints)").wait_for()
    assert blocking_violations(page) == []
    # The table of the same information sits beside the map (issue 13), not in a tab.
    page.locator('[data-testid="stDataFrame"]').first.wait_for()


def test_the_individual_reads_their_own_plain_language_page(server, page):
    sign_in(page, server, "amina", PASSWORDS["amina"])
    page.get_by_role("heading", name="Hello Amina").wait_for()
    page.get_by_role("heading", name="If you feel unsafe").wait_for()
    assert page.get_by_role("link", name="Framework map").count() == 0


def test_hostile_text_is_shown_literally_and_fetches_nothing(server, server_data_dir, page):
    from risk_app.config import Settings
    from risk_app.services import accounts
    from risk_app.services.bootstrap import open_store
    from risk_app.services.record import people

    store = open_store(Settings.from_env({"RISK_APP_DATA_DIR": str(server_data_dir)}))
    manager = accounts.authenticate(store, "manager", PASSWORDS["manager"])
    person = next(p for p in people.caseload(store, by=manager) if p.display_name == "Tomasz Nowak")
    hostile = "![pixel](http://127.0.0.1:9/track.png) <img src=x onerror=alert(1)> **loud**"
    people.save_changes(
        store,
        by=manager,
        person_id=person.id,
        expected_version=person.version,
        changes=people.PersonChanges(preferred_name=hostile),
    )
    store.dispose()

    outbound: list[str] = []
    page.on(
        "request", lambda request: outbound.append(request.url) if ":9/" in request.url else None
    )
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, server, "practitioner", PASSWORDS["practitioner"])
    open_page(page, "People")
    page.get_by_label("Open a person's record").click()
    page.get_by_role("option", name="Tomasz Nowak").click()
    wait_for_app(page)
    page.get_by_role("heading", name="Tomasz Nowak").wait_for()
    details = open_tab(page, "Details and About Me")
    assert details.get_by_label("Preferred name").input_value() == hostile
    page.wait_for_timeout(500)
    assert outbound == [] and dialogs == []
    assert page.locator("img[src*='127.0.0.1:9']").count() == 0


@pytest.mark.parametrize(
    ("username", "link", "heading"),
    [
        ("practitioner", "People", "People"),
        ("lead", "Audit log", "Audit log"),
        ("admin", "Accounts", "Accounts"),
    ],
)
def test_every_other_page_passes_an_accessibility_scan(server, page, username, link, heading):
    sign_in(page, server, username, PASSWORDS[username])
    open_page(page, link)
    page.get_by_role("heading", name=heading, exact=True).wait_for()
    assert blocking_violations(page) == []


def test_clicking_a_stage_in_the_map_shows_that_stage(server, page):
    sign_in(page, server, "practitioner", PASSWORDS["practitioner"])
    open_page(page, "Framework map")
    page.locator(".js-plotly-plot").first.wait_for()
    stage_markers = page.locator(".scatterlayer .trace").nth(1).locator(".points path")
    box = stage_markers.nth(6).bounding_box()  # plotly's drag layer sits on top: click the spot
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_for_app(page)
    page.get_by_role("heading", name="Stage 6: Organising support").wait_for()


def test_the_risks_tab_with_its_matrix_passes_an_accessibility_scan(server, server_data_dir, page):
    from risk_app.config import Settings
    from risk_app.services import accounts
    from risk_app.services.bootstrap import open_store
    from risk_app.services.record import people, risks
    from risk_app.services.record.risks import RiskInput

    store = open_store(Settings.from_env({"RISK_APP_DATA_DIR": str(server_data_dir)}))
    manager = accounts.authenticate(store, "manager", PASSWORDS["manager"])
    margaret = next(
        p for p in people.caseload(store, by=manager) if p.display_name == "Margaret Hughes"
    )
    assessment = risks.start_assessment(store, by=manager, person_id=margaret.id)
    risk_id = risks.add_risk(
        store,
        by=manager,
        assessment_id=assessment,
        data=RiskInput(
            activity="Walking to the shops alone",
            likelihood=3,
            impact=3,
            residual_likelihood=2,
            residual_impact=3,
            benefits="Fresh air, chatting to neighbours",
        ),
    )
    risks.add_action(
        store,
        by=manager,
        person_id=margaret.id,
        risk_id=risk_id,
        description="Carry the pendant alarm",
        owner_name="Margaret Hughes",
        owner_kind="person",
        due=None,
    )
    store.dispose()

    sign_in(page, server, "practitioner", PASSWORDS["practitioner"])
    open_page(page, "People")
    page.get_by_label("Open a person's record").click()
    page.get_by_role("option", name="Margaret Hughes").click()
    wait_for_app(page)
    open_tab(page, "Risks and who owns what")
    page.get_by_role("heading", name="Risk matrix").wait_for()
    page.locator(".js-plotly-plot >> visible=true").first.wait_for()
    assert blocking_violations(page) == []


def test_the_decisions_tab_with_the_capacity_questions_open_passes_an_accessibility_scan(
    server, page
):
    sign_in(page, server, "practitioner", PASSWORDS["practitioner"])
    open_page(page, "People")
    open_tab(page, "Decisions and panels")
    page.get_by_label("Is there a reason to doubt capacity for this decision?", exact=False).fill(
        "Recent diagnosis; forgot last week's conversation"
    )
    page.keyboard.press("Tab")
    wait_for_app(page)
    page.get_by_text("Can they understand the relevant information?").wait_for()
    assert blocking_violations(page) == []


def test_the_meetings_tab_with_the_start_form_open_passes_an_accessibility_scan(server, page):
    sign_in(page, server, "practitioner", PASSWORDS["practitioner"])
    open_page(page, "People")
    open_tab(page, "Multi-agency meetings")
    wait_for_app(page)
    chair = page.get_by_role("textbox", name="Chair", exact=True)
    if not chair.is_visible():  # folded away once the person has had a meeting
        page.get_by_text("Start a multi-agency risk meeting").click()
        wait_for_app(page)
    chair.wait_for()
    # The start form's date is filled in (today): its segments are the known target-size problem.
    assert blocking_violations(page) == []
