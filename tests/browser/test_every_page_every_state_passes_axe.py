"""One axe harness over every page, role and state (issue 15): 0 critical, 0 serious, nothing
allow-listed.

For each demo role it opens every page its menu offers (for staff with a caseload, every section
of a person's record too) and scans, on each: as it opens; with every tab chosen in turn; with
every expander opened; and after pressing each form's button with nothing filled in (the error
states). The person also reads their agreement step by step with easy read off and on, and a
visitor scans sign-in and the code page, with a wrong code's error. Each test reports how many
scans it made (`record_property`), and fails listing every violation found, not just the first.

The server is the module's own (the demo organisation, with Amina's agreement sealed), so an
empty submit that a form should refuse but saves would show here as a change nobody asked for.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from risk_app.adapters.seal_keys import ensure_seal_key
from risk_app.config import Settings
from risk_app.domain.agreements.agreement_words import SIGNING_COPY
from risk_app.services import accounts, demo
from risk_app.services.bootstrap import open_store
from risk_app.services.record import people
from tests.browser.conftest import PASSWORDS, serving
from tests.browser.helpers import (
    SECTION_CONTROL,
    blocking_violations,
    open_page,
    open_person,
    sign_in,
    wait_for_app,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

STAFF = ["practitioner", "manager", "lead", "admin"]
MOST_EXPANDERS = 40
"""Expanders opened on one screen at most (a record's risks hold a few per risk)."""
MOST_FORMS = 8
"""Forms submitted empty on one screen at most."""


@pytest.fixture(scope="module")
def harness_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("axe-harness")
    settings = Settings.from_env({"RISK_APP_DATA_DIR": str(data_dir)})
    with serving(data_dir) as url:
        key, _ = ensure_seal_key(settings)
        store = open_store(settings)
        try:
            manager = accounts.authenticate(store, "manager", PASSWORDS["manager"])
            amina = next(
                p for p in people.caseload(store, by=manager) if p.display_name == "Amina Okafor"
            )
            demo.add_agreement(store, amina.id, key)
        finally:
            store.dispose()
        yield url


HEADING_LEVELS = """() => [...document.querySelectorAll(
    '[data-testid="stMain"] :is(h1, h2, h3, h4, h5, h6)')]
    .filter((h) => h.getClientRects().length > 0)
    .map((h) => [Number(h.tagName[1]), h.textContent.trim().slice(0, 60)])"""


def heading_jumps(page: Any) -> list[str]:
    """Headings shown that skip a level on the way down (an h2 then an h4), or a page that
    does not start at h1: axe counts heading order as moderate, the person's screens hold it."""
    levels = page.evaluate(HEADING_LEVELS)
    jumps = [] if not levels or levels[0][0] == 1 else [f"starts at h{levels[0][0]}"]
    for (before, _), (level, words) in itertools.pairwise(levels):
        if level > before + 1:
            jumps.append(f"h{before} then h{level} {words!r}")
    return jumps


class Scans:
    """Every scan made on one page, and every violation they found."""

    def __init__(self, page: Any, *, heading_order: bool = False) -> None:
        self.page = page
        self.count = 0
        self.found: list[str] = []
        self.heading_order = heading_order

    def scan(self, where: str) -> None:
        wait_for_app(self.page)
        self.count += 1
        self.found += [f"{where}: {v}" for v in blocking_violations(self.page)]
        if self.heading_order:
            self.found += [f"{where}: heading order: {j}" for j in heading_jumps(self.page)]

    def every_state(self, where: str) -> None:
        """As shown, each tab chosen, every expander open, and each form submitted empty."""
        self.scan(where)
        self.tabs(where)
        self.expanders(where)
        self.empty_forms(where)

    def tabs(self, where: str) -> None:
        main = self.page.get_by_role("main")
        tabs = main.get_by_role("tab")
        for n in range(tabs.count()):
            tab = tabs.nth(n)
            if not tab.is_visible() or tab.get_attribute("aria-selected") == "true":
                continue
            name = tab.inner_text().strip()
            tab.click()
            self.scan(f"{where}, tab {name!r}")

    def expanders(self, where: str) -> None:
        """Open every closed expander (opening one can draw others inside it), then scan."""
        shut = self.page.get_by_role("main").locator("details:not([open]) > summary")
        opened = 0
        while shut.count() and opened < MOST_EXPANDERS:
            summary = shut.first
            if not summary.is_visible():
                break
            summary.click()
            wait_for_app(self.page)
            opened += 1
        if opened:
            self.scan(f"{where}, {opened} expanders open")

    def empty_forms(self, where: str) -> None:
        buttons = self.page.get_by_role("main").locator(
            '[data-testid="stFormSubmitButton"] button:visible'
        )
        labels = [b.strip() for b in buttons.all_inner_texts()][:MOST_FORMS]
        for label in labels:
            button = (
                self.page.get_by_role("main")
                .locator('[data-testid="stFormSubmitButton"] button:visible')
                .filter(has_text=label)
                .first
            )
            if not button.count() or not button.is_enabled():
                continue
            button.click()
            self.scan(f"{where}, {label!r} pressed with nothing filled in")

    def assert_clean(self, record_property: Any) -> None:
        record_property("axe scans", self.count)
        assert self.count > 0
        assert self.found == [], "\n".join(self.found)


def menu(page: Any) -> list[str]:
    links = page.get_by_test_id("stSidebarNavLink")
    return [" ".join(t.split()[1:]) or t for t in links.all_inner_texts()]


@pytest.mark.parametrize("username", STAFF)
def test_every_page_a_member_of_staff_reaches_passes_axe_in_every_state(
    harness_server, page, username, record_property
):
    sign_in(page, harness_server, username, PASSWORDS[username])
    scans = Scans(page)
    for name in menu(page):
        open_page(page, name)
        scans.every_state(f"{username}, {name}")
        if name == "People" and page.get_by_label("Open a person's record").count():
            open_person(page)
            group = page.get_by_role("radiogroup", name=SECTION_CONTROL)
            names = [t.strip() for t in group.locator("label").all_inner_texts()]
            assert len(names) > 3, names
            for section in names:
                choice = page.get_by_role("radio", name=section, exact=True)
                page.locator('[data-testid="stRadio"] label').filter(has=choice).click()
                wait_for_app(page)
                scans.every_state(f"{username}, a person's record, {section}")
    scans.assert_clean(record_property)


def test_the_persons_pages_and_every_signing_step_pass_axe_in_easy_read_and_not(
    harness_server, page, record_property
):
    sign_in(page, harness_server, "amina", PASSWORDS["amina"])
    scans = Scans(page, heading_order=True)
    for name in menu(page):
        open_page(page, name)
        scans.scan(f"amina, {name}")
    open_page(page, "Your agreement")
    for easy in (False, True):
        switch = page.get_by_role("switch", name=SIGNING_COPY["easy_read"])
        if switch.is_checked() != easy:
            page.get_by_text(SIGNING_COPY["easy_read"], exact=True).click()
            wait_for_app(page)
        where = "easy read" if easy else "standard"
        while page.get_by_role("button", name=SIGNING_COPY["next"], exact=True).count():
            step = page.get_by_text("Step ", exact=False).first.inner_text()
            scans.scan(f"amina, agreement, {where}, {step}")
            if page.get_by_role("radiogroup").count():
                page.get_by_role("button", name=SIGNING_COPY["next"], exact=True).click()
                scans.scan(f"amina, agreement, {where}, no answer chosen")
                break
            page.get_by_role("button", name=SIGNING_COPY["next"], exact=True).click()
            wait_for_app(page)
        while page.get_by_role("button", name=SIGNING_COPY["back"], exact=True).count():
            page.get_by_role("button", name=SIGNING_COPY["back"], exact=True).click()
            wait_for_app(page)
    scans.assert_clean(record_property)


def test_sign_in_and_the_code_page_pass_axe_with_their_errors(
    harness_server, page, record_property
):
    scans = Scans(page, heading_order=True)
    page.goto(harness_server)
    page.get_by_label("Username", exact=True).wait_for()
    scans.count += 1
    scans.found += [f"sign-in: {v}" for v in blocking_violations(page)]
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Username", exact=True).wait_for()
    scans.count += 1
    scans.found += [f"sign-in, nothing filled in: {v}" for v in blocking_violations(page)]
    page.goto(f"{harness_server}/sign")
    wait_for_app(page)
    scans.scan("the code page")
    page.get_by_label("Reference", exact=True).fill("ABCD-EFGH")
    page.get_by_label("Code", exact=True).fill("0000 0000")
    page.get_by_role("button", name="Continue").click()
    scans.scan("the code page, a wrong code")
    scans.assert_clean(record_property)


def test_the_harness_reaches_what_it_says_it_does(harness_server, page, tmp_path: Path):
    """A harness that scanned nothing would pass: the practitioner's run must reach the record's
    sections, open expanders and press an empty form."""
    sign_in(page, harness_server, "practitioner", PASSWORDS["practitioner"])
    open_page(page, "People")
    open_person(page)
    scans = Scans(page)
    before = scans.count
    scans.every_state("practitioner, a person's record")
    assert scans.count >= before + 2
    assert page.get_by_role("main").locator("details[open]").count() > 0
