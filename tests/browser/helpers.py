"""Browser steps shared by journeys: signing in, moving between pages, scanning with axe."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe

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


def blocking_violations(page: Any) -> list[str]:
    results = Axe().run(page, options=AXE_OPTIONS)
    found = []
    for violation in results.response["violations"]:
        if violation.get("impact") in BLOCKING:
            targets = [", ".join(node["target"]) for node in violation["nodes"]][:5]
            found.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}"
            )
    return found
