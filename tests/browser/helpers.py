"""Browser steps shared by journeys: signing in, moving between pages, scanning with axe."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

BLOCKING = {"serious", "critical"}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


_SETTLED = """() => !document.querySelector(
    '[data-testid="stStatusWidgetRunningIcon"], [data-testid="stStatusWidgetRunningManIcon"],'
    + ' [data-stale="true"], [data-testid="stSkeleton"]')"""


def wait_for_app(page: Any) -> None:
    """Wait until the script has finished and nothing on screen is stale (faded) or loading.

    Streamlit fades stale elements while a script reruns; scanning then would measure faded
    text. Settled twice, a moment apart, so a rerun that starts just after is not missed.
    """
    page.wait_for_selector('[data-testid="stApp"]')
    for _ in range(2):
        page.wait_for_function(_SETTLED)
        page.wait_for_timeout(400)
    page.wait_for_function(_SETTLED)


def sign_in(page: Any, url: str, username: str, password: str) -> None:
    page.goto(url)
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as").wait_for()
    wait_for_app(page)


def open_page(page: Any, name: str) -> None:
    page.get_by_role("link", name=name).first.click()
    wait_for_app(page)


Known = Callable[[str, dict[str, Any]], bool]
"""Says whether one failing node of an axe rule (by id) is an app problem already reported."""


def blocking_violations(page: Any, known: Known | None = None) -> list[str]:
    results = Axe().run(page, options=AXE_OPTIONS)
    found = []
    for violation in results.response["violations"]:
        if violation.get("impact") in BLOCKING:
            nodes = [n for n in violation["nodes"] if not (known and known(violation["id"], n))]
            if not nodes:
                continue
            targets = [", ".join(node["target"]) for node in nodes][:5]
            found.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}"
            )
    return found


SECTION_CONTROL = "Section of the record"
SECTION_BODY = ".st-key-record_section_body"
PICKER = "Open a person's record"


def open_person(page: Any, name: str | None = None) -> None:
    """Open a person's record from the caseload's picker (the first person when no name given)."""
    page.get_by_label(PICKER).click()
    options = page.get_by_role("option")
    (options.first if name is None else page.get_by_role("option", name=name, exact=True)).click()
    wait_for_app(page)
    page.get_by_role("radiogroup", name=SECTION_CONTROL).wait_for()


def open_tab(page: Any, name: str) -> Any:
    """Choose one section of the open record (the first person's, when none is open yet) and
    return what it shows: only that section is drawn, so it is the scope for what is on it."""
    if page.get_by_role("radiogroup", name=SECTION_CONTROL).count() == 0:
        open_person(page)
    choice = page.get_by_role("radio", name=name, exact=True)
    if not choice.is_checked():
        page.locator('[data-testid="stRadio"] label').filter(has=choice).click()
        wait_for_app(page)
    expect(choice).to_be_checked()
    return page.locator(SECTION_BODY)


def section_width_fits(page: Any) -> bool:
    """Nothing on the page is wider than the window (no sideways scrolling)."""
    return bool(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))


def choose(scope: Any, label: str, option: str) -> list[str]:
    """Open a select box (or multiselect) by its label and click one of its options.

    Returns every option the list offered, as shown. A click that lands while the app redraws
    (leaving a text field just typed in starts a rerun) can leave the list shut; a person would
    click again, and so do we, only while it is shut (a second click on an open list closes it).
    """
    box = scope.get_by_role("combobox", name=label, exact=True)
    box.focus()
    for _ in range(3):
        if box.get_attribute("aria-expanded") != "true":
            box.click()
        try:
            expect(box).to_have_attribute("aria-expanded", "true", timeout=2_000)
        except AssertionError:
            wait_for_app(scope.page)
            continue
        break
    wanted = scope.page.get_by_role("option", name=option, exact=True)
    wanted.wait_for()
    offered = [str(text) for text in scope.page.get_by_role("option").all_inner_texts()]
    wanted.click()
    return offered


def pick(scope: Any, label: str, *options: str) -> None:
    """Open a select box (or multiselect) by its label and click each option, as a person does:
    one click to open, one per option, and another to reopen only a list that has shut. The open
    list hides the rest of the page from the accessibility tree, so the box is held as found
    before it opened; Escape shuts a list left open (a multiselect's), and submits nothing."""
    page = scope.page
    wait_for_app(page)
    box = scope.get_by_role("combobox", name=label, exact=True).element_handle()
    for option in options:
        for _ in range(3):  # a click that lands while the app redraws leaves the list shut
            if box.get_attribute("aria-expanded") != "true":
                box.click()
            try:
                page.wait_for_function(
                    "b => b.getAttribute('aria-expanded') === 'true'", arg=box, timeout=3_000
                )
                break
            except PlaywrightError:
                wait_for_app(page)
        page.get_by_role("option", name=option, exact=True).click()
        wait_for_app(page)
    if box.get_attribute("aria-expanded") == "true":
        page.keyboard.press("Escape")
    wait_for_app(page)


def type_date(scope: Any, label: str, day: date) -> None:
    """Type a date into an empty date field (day, month and year segments), as a keyboard user.

    Focusing the field opens its calendar, which stays open over the form's own buttons until
    Escape closes it (the typed date stays); Tab then moves on and commits the value.
    """
    scope.get_by_role("spinbutton", name=f"day, {label}", exact=True).focus()
    scope.page.keyboard.type(f"{day:%d%m%Y}")
    scope.page.keyboard.press("Escape")
    scope.page.keyboard.press("Tab")


def plain_date(day: date) -> str:
    """A date as the app writes it in sentences and ownership tables: 7 March 2027."""
    return f"{day.day} {day:%B %Y}"


def assert_accessible(page: Any, where: str, known: Known | None = None) -> None:
    """Once the app has settled: no serious or critical axe violation on what is shown."""
    wait_for_app(page)
    found = blocking_violations(page, known)
    assert found == [], f"axe, {where}: {found}"
