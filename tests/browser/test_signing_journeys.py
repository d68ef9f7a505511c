"""Risk agreements signed in a real browser (issue 4): the person signs on her own page using only
the keyboard, someone without an account signs with a one-time code, and the practitioner's tab
passes axe with everything open.

Each test has a server of its own. The browser fixtures load the demo organisation without a seal
key, so `agreement_server` adds one to the server's data directory and gives Amina the demo's
risk agreement: version 1, issued and signed by the practitioner only (Amina, the manager, Jo
Okafor and Brightside Support still to sign). The server reads the key when it first needs it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from risk_app.adapters.db import Store
from risk_app.adapters.seal_keys import ensure_seal_key
from risk_app.config import Settings
from risk_app.domain.agreements.agreement_words import SIGNING_COPY
from risk_app.domain.agreements.signers import SignerRole
from risk_app.services import accounts, demo
from risk_app.services.agreements import reading
from risk_app.services.agreements.views import AgreementVersionView
from risk_app.services.bootstrap import open_store
from risk_app.services.record import people
from tests.browser.conftest import PASSWORDS
from tests.browser.helpers import (
    assert_accessible,
    choose,
    open_page,
    open_tab,
    sign_in,
    wait_for_app,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
expect.set_options(timeout=20_000)  # as the pages' own default: a rerun on a busy machine is slow

PERSON = "Amina Okafor"
PROVIDER = "Brightside Support"
EXCEPTION = "Jo should not have to collect me from the ground"
STEP = re.compile(r"^Step (\d+) of (\d+)$")
MOST_PRESSES = 15
"""Tab presses allowed to reach the next control a person needs."""

FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body || e === document.documentElement) return null;
    const label = e.labels && e.labels.length ? e.labels[0].innerText : '';
    const name = e.getAttribute('aria-label') || label || e.innerText || '';
    const shown = (e.closest('label') || e).getBoundingClientRect();
    const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((v) => {
        v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    }).reduce((t, v, i) => t + v * [0.2126, 0.7152, 0.0722][i], 0);
    const behind = (el) => {
        for (let x = el.parentElement; x; x = x.parentElement) {
            const c = rgb(getComputedStyle(x).backgroundColor);
            if (c.length === 3 || c[3] > 0.5) return c.slice(0, 3);
        }
        return [255, 255, 255];
    };
    const ratio = (colour, el) => {
        const a = lum(rgb(colour)), b = lum(behind(el));
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    };
    let indicator = 0;
    for (let x = e, i = 0; x && i < 4 && !indicator; x = x.parentElement, i++) {
        const cs = getComputedStyle(x);
        if (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) {
            indicator = ratio(cs.outlineColor, x);
        }
        // A shadow ring (GOV.UK's black edge round a yellow outline) of 2 px or more counts too.
        const ring = cs.boxShadow.match(/^(rgba?\\([^)]*\\))((?: -?[\\d.]+px){2,4})/);
        if (ring && Math.max(...ring[2].trim().split(' ').map(parseFloat)) >= 2) {
            indicator = Math.max(indicator, ratio(ring[1], x));
        }
    }
    return {
        tag: e.tagName.toLowerCase(),
        kind: e.getAttribute('role') || (e.tagName === 'INPUT' ? e.type : e.tagName.toLowerCase()),
        name: name.replace(/\\s+/g, ' ').trim().slice(0, 80),
        focusVisible: e.matches(':focus-visible'),
        indicator: Math.round(indicator * 100) / 100,
        onScreen: shown.width > 0 && shown.height > 0 && shown.bottom > 0
            && shown.top < innerHeight && shown.right > 0 && shown.left < innerWidth,
        checked: e.type === 'checkbox' || e.type === 'radio' ? e.checked : null,
    };
}"""
"""What has keyboard focus (None for nothing, i.e. the page itself), how it is named, whether the
browser shows it as focused (:focus-visible) where the person can see it, and the contrast of
the outline drawn round it (or round its label) against what is behind (0 when there is none)."""
INDICATOR = 3.0
"""WCAG 2.2 (1.4.11, 2.4.13): a focus indicator of at least 3:1 against what is around it."""
VIEWPORTS = {
    "1280 px": {"width": 1280, "height": 900},
    "320 px": {"width": 320, "height": 640},
    "200% zoom": {"width": 640, "height": 450},  # a 1280 x 900 window at 200%
}
LIVE = "#risk-app-live"
EDGE = """(label) => {
    const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((v) => {
        v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    }).reduce((t, v, i) => t + v * [0.2126, 0.7152, 0.0722][i], 0);
    const ratio = (c) => (lum([255, 255, 255]) + 0.05) / (lum(rgb(c)) + 0.05);
    let best = 0;
    for (const el of label.querySelectorAll('*')) {
        const cs = getComputedStyle(el);
        if (cs.borderTopStyle !== 'none' && parseFloat(cs.borderTopWidth) >= 1) {
            best = Math.max(best, ratio(cs.borderTopColor));
        }
        const inset = cs.boxShadow.match(/^(rgba?\\([^)]*\\)).*inset/);
        if (inset) best = Math.max(best, ratio(inset[1]));
    }
    return Math.round(best * 100) / 100;
}"""
"""The strongest edge drawn inside a radio's, checkbox's or toggle's label (a border, or an inset
shadow ring), as a contrast ratio against the white page."""
SIDE_BY_SIDE = """() => [...document.querySelectorAll('[data-easy-read="point"]')].map((p) => {
    const picture = p.querySelector('img').getBoundingClientRect();
    const words = p.querySelector('div').getBoundingClientRect();
    return picture.right <= words.left + 1 && words.top < picture.bottom;
})"""


def assert_edges(page: Any, role: str, where: str) -> None:
    """An unchecked control's edge is 3:1 against the page (WCAG 1.4.11)."""
    control = page.get_by_role("main").get_by_role(role).first
    label = control.locator("xpath=ancestor::label[1]")
    contrast = label.evaluate(EDGE)
    assert contrast >= INDICATOR, f"{where}: the {role}'s edge is {contrast}:1"


# ---------------------------------------------------------------------- the demo agreement
def _store(data_dir: Path) -> Store:
    return open_store(Settings.from_env({"RISK_APP_DATA_DIR": str(data_dir)}))


@pytest.fixture
def agreement_server(fresh_server: str, tmp_path: Path) -> str:
    """A fresh server (its data directory is this test's `tmp_path`) where Amina has the demo's
    risk agreement, sealed with a key in that directory."""
    key, _ = ensure_seal_key(Settings.from_env({"RISK_APP_DATA_DIR": str(tmp_path)}))
    store = _store(tmp_path)
    try:
        manager = accounts.authenticate(store, "manager", PASSWORDS["manager"])
        amina = next(p for p in people.caseload(store, by=manager) if p.display_name == PERSON)
        demo.add_agreement(store, amina.id, key)
    finally:
        store.dispose()
    return fresh_server


def amina_version(data_dir: Path) -> AgreementVersionView:
    store = _store(data_dir)
    try:
        manager = accounts.authenticate(store, "manager", PASSWORDS["manager"])
        amina = next(p for p in people.caseload(store, by=manager) if p.display_name == PERSON)
        return reading.get_version(store, by=manager, person_id=amina.id)
    finally:
        store.dispose()


# ---------------------------------------------------------------------- keyboard and focus
class Keyboard:
    """Keys pressed on one page, with every place focus landed kept as a trail for messages."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.trail: list[str] = []
        self.presses = 0

    def focused(self) -> dict[str, Any] | None:
        return self.page.evaluate(FOCUSED)  # type: ignore[no-any-return]

    def note(self, what: str) -> dict[str, Any] | None:
        now = self.focused()
        self.trail.append(f"{what} -> " + (f"{now['kind']} {now['name']!r}" if now else "BODY"))
        return now

    def press(self, key: str) -> dict[str, Any] | None:
        self.page.keyboard.press(key)
        self.presses += 1
        return self.note(key)

    def type(self, words: str) -> None:
        self.page.keyboard.type(words)
        self.trail.append(f"typed {words!r}")

    def recent(self) -> str:
        return "\n  ".join(self.trail[-12:])

    def assert_visible(
        self, now: dict[str, Any] | None, where: str, *, on_screen: bool = True
    ) -> dict[str, Any]:
        assert now is not None, (
            f"{where}: focus is on nothing (the page); lately:\n  {self.recent()}"
        )
        assert now["focusVisible"], f"{where}: focus not shown as focus: {now}"
        assert now["indicator"] >= INDICATOR, f"{where}: focus hard to see: {now}"
        assert now["onScreen"] or not on_screen, f"{where}: focus out of sight: {now}"
        return now

    def tab_to(self, kind: str, name: str, *, back: bool = False) -> dict[str, Any]:
        """Tab (or Shift+Tab) until the control of this kind and name has focus.

        Within MOST_PRESSES, without passing through nothing (the page, which is where focus goes
        past the last control) and showing every stop: so the control comes in a sensible order
        from where the person is, and each control on the way shows that it has focus.
        """
        key = "Shift+Tab" if back else "Tab"
        for _ in range(MOST_PRESSES):
            now = self.assert_visible(self.press(key), f"tabbing to {kind} {name!r}")
            if now["kind"] == kind and now["name"] == name:
                return now
        raise AssertionError(f"{kind} {name!r} not reached in {MOST_PRESSES} presses of {key}")

    def settled_on(
        self, kind: str, name: str, where: str, *, new_screen: bool = False
    ) -> dict[str, Any]:
        """Once the app has settled after a key press: focus is on this control, not lost.

        On a `new_screen` the control may be below the fold: the browser keeps the page at the
        top, where the new screen starts, and the focused button comes into sight as the person
        scrolls or tabs (Enter still presses it).
        """
        wait_for_app(self.page)
        now = self.assert_visible(self.note(f"settled on {where}"), where, on_screen=not new_screen)
        assert (now["kind"], now["name"]) == (kind, name), f"{where}: focus moved to {now}"
        return now


def step_shown(page: Any) -> tuple[int, int]:
    caption = page.get_by_text(STEP).first
    expect(caption).to_be_visible()
    found = STEP.match(caption.inner_text().strip())
    assert found, caption.inner_text()
    return int(found[1]), int(found[2])


def assert_pictures_described(page: Any, where: str) -> None:
    pictures = page.get_by_role("main").locator("img")
    expect(pictures.first).to_be_visible()
    alts = [pictures.nth(n).get_attribute("alt") for n in range(pictures.count())]
    assert alts and all(alt and alt.strip() for alt in alts), f"{where}: pictures' alt {alts}"
    drawn = pictures.evaluate_all("(all) => all.map((i) => i.complete && i.naturalWidth > 0)")
    assert all(drawn), f"{where}: a picture did not load: {list(zip(alts, drawn, strict=True))}"


# ---------------------------------------------------------------------- 1. the person, by keyboard
def on_the_new_step(keys: Keyboard, heading: str, where: str, step: int, total: int) -> None:
    """After Next or Back: focus is on the new step's heading, in sight, shown; the page's title
    names the step; and the live region has said which step it is."""
    page = keys.page
    wait_for_app(page)
    expect(page.locator(LIVE)).to_have_text(f"Step {step} of {total}: {heading}")
    now = keys.assert_visible(keys.note(f"settled on {where}"), where)
    assert (now["tag"], now["name"]) == ("h2", heading), f"{where}: focus on {now}"
    assert page.title() == f"Your risk agreement, step {step} of {total} – risk-app", page.title()


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_the_person_reads_and_signs_her_agreement_using_only_the_keyboard(
    agreement_server, tmp_path, page, viewport, record_property
):
    page.set_viewport_size(viewport)
    keys = Keyboard(page)

    # Sign in by keyboard: the username field comes first, then the password, then Enter.
    page.goto(agreement_server)
    page.get_by_label("Username", exact=True).wait_for()
    keys.tab_to("text", "Username")
    keys.type("amina")
    keys.press("Tab")
    keys.type(PASSWORDS["amina"])
    with page.expect_navigation():  # the sign-in form is a plain HTTP form (ADR 0009)
        page.keyboard.press("Enter")
    wait_for_app(page)
    if viewport["width"] < 700:  # the sidebar starts shut on a narrow screen: open it
        page.get_by_test_id("stExpandSidebarButton").focus()
        keys.press("Enter")
        wait_for_app(page)
    page.get_by_text("Signed in as").wait_for()

    # Back through the page to the sidebar's "Your agreement", and open it with Enter.
    keys.tab_to("a", "handshake Your agreement", back=True)
    keys.press("Enter")
    expect(page.get_by_role("heading", name="Your risk agreement", exact=True)).to_be_visible()
    wait_for_app(page)
    step, total = step_shown(page)
    assert step == 1 and total >= 4, (step, total)
    expect(page.get_by_role("heading", name="About this agreement", exact=True)).to_be_visible()
    assert page.title() == f"Your risk agreement, step 1 of {total} – risk-app", page.title()
    assert_accessible(page, "step 1")

    # Easy read on, with the space bar: pictures appear, each with words saying what it shows.
    assert_edges(page, "switch", "the easy-read toggle")
    toggle = keys.tab_to("switch", SIGNING_COPY["easy_read"])
    assert toggle["checked"] is False
    keys.press("Space")
    assert keys.settled_on("switch", SIGNING_COPY["easy_read"], "easy read on")["checked"]
    assert_pictures_described(page, "step 1, easy read")
    beside = page.evaluate(SIDE_BY_SIDE)
    assert beside and all(beside), f"pictures beside the words at {viewport}: {beside}"
    assert_accessible(page, "step 1, easy read")

    # Every screen, read with Next: each time focus moves to the new step's heading, at the top,
    # and the step is announced; Tab from the heading reaches Next again.
    keys.tab_to("button", SIGNING_COPY["next"])
    for expected in range(2, total):
        keys.press("Enter")
        expect(page.get_by_text(f"Step {expected} of {total}", exact=True)).to_be_visible()
        wait_for_app(page)
        heading = page.get_by_role("main").get_by_role("heading", level=2)
        expect(heading).to_have_count(1)  # one thing per screen, shown from its start
        on_the_new_step(keys, heading.inner_text().strip(), f"step {expected}", expected, total)
        assert step_shown(page) == (expected, total)
        assert_pictures_described(page, f"step {expected}")
        assert_accessible(page, f"step {expected}")
        if expected < total - 1:
            keys.tab_to("button", SIGNING_COPY["next"])
    # The question: from its heading, Tab reaches the answers; arrows choose one. Choosing "I
    # agree, except" inserts nothing: what they do not agree with is the next step.
    assert_edges(page, "radio", "the question")
    keys.tab_to("radio", SIGNING_COPY["agree"])
    keys.press("ArrowDown")
    chosen = keys.settled_on("radio", SIGNING_COPY["agree_except"], "answer chosen")
    assert chosen["checked"]
    expect(page.get_by_role("textbox")).to_have_count(0)
    total += 1  # the step for their words is added
    expect(page.get_by_text(f"Step {total - 2} of {total}", exact=True)).to_be_visible()
    keys.tab_to("button", SIGNING_COPY["next"])
    keys.press("Enter")
    on_the_new_step(keys, SIGNING_COPY["except_label"], "their words", total - 1, total)

    # Next with nothing written: the error says what to do, above the box, which gets focus and
    # is described by it.
    keys.tab_to("button", SIGNING_COPY["next"])
    keys.press("Enter")
    error = f"Error: {SIGNING_COPY['except_missing']}"
    expect(page.get_by_text(error, exact=True)).to_be_visible()
    now = keys.settled_on("textarea", SIGNING_COPY["except_label"], "nothing written")
    box = page.get_by_role("textbox", name=SIGNING_COPY["except_label"], exact=True)
    expect(box).to_have_accessible_description(error)
    assert now["onScreen"]
    above = page.get_by_text(error, exact=True).bounding_box()
    assert above and above["y"] < (box.bounding_box() or {"y": 0})["y"], "the error is above"
    assert_accessible(page, "their words, the error shown")
    keys.type(EXCEPTION)
    keys.tab_to("button", SIGNING_COPY["next"])  # leaving the box keeps what was typed
    wait_for_app(page)

    # The check screen: the answer and the words, a box to tick, and the button to sign.
    keys.press("Enter")
    on_the_new_step(keys, SIGNING_COPY["check"], "the check screen", total, total)
    main = page.get_by_role("main")
    expect(main.get_by_text(SIGNING_COPY["agree_except"], exact=True)).to_be_visible()
    expect(main.get_by_text(EXCEPTION, exact=True)).to_be_visible()
    assert_pictures_described(page, "the check screen")
    assert_accessible(page, "the check screen")
    assert_edges(page, "checkbox", "the check screen")
    keys.tab_to("checkbox", SIGNING_COPY["confirm"])
    keys.press("Space")
    assert keys.settled_on("checkbox", SIGNING_COPY["confirm"], "confirm ticked")["checked"]
    keys.tab_to("button", SIGNING_COPY["sign_button"])
    keys.press("Enter")

    # Signed: focus on the heading that says so, and Tab reaches the copy to download.
    expect(page.get_by_role("heading", name=SIGNING_COPY["signed"], exact=True)).to_be_visible()
    wait_for_app(page)
    expect(page.locator(LIVE)).to_have_text(SIGNING_COPY["signed"])
    now = keys.assert_visible(keys.note("signed"), "signed")
    assert now["name"] == SIGNING_COPY["signed"], now
    assert_accessible(page, "the confirmation")
    keys.tab_to("button", "Download your copy (PDF)")
    record_property("key presses, sign-in to the copy", keys.presses)

    signature = next(s for s in amina_version(tmp_path).signatures if s.role is SignerRole.PERSON)
    assert signature.comment == f"I agree except: {EXCEPTION}"
    assert signature.method.value == "own_account"
    assert signature.seal_holds


# ---------------------------------------------------------------------- the practitioner's tab
def open_agreement_tab(page: Any, url: str) -> Any:
    sign_in(page, url, "practitioner", PASSWORDS["practitioner"])
    open_page(page, "People")
    page.get_by_label("Open a person's record").click()
    page.get_by_role("option", name=PERSON, exact=True).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name=PERSON, exact=True)).to_be_visible()
    return open_tab(page, "Risk agreement")


def open_expander(tab: Any, title: str) -> Any:
    """Open one of the tab's expanders by its title and return what it holds."""
    expander = tab.get_by_test_id("stExpander").filter(has_text=title)
    expander.get_by_text(title, exact=True).click()
    details = expander.get_by_test_id("stExpanderDetails")
    expect(details).to_be_visible()
    return details


def test_the_practitioners_tab_read_as_the_person_will_in_easy_read_is_accessible(
    agreement_server, page
):
    tab = open_agreement_tab(page, agreement_server)
    reading = open_expander(tab, "Read it as the person will")
    reading.get_by_text("Easy read", exact=True).click()
    expect(reading.get_by_role("switch", name="Easy read", exact=True)).to_be_checked()
    wait_for_app(page)
    expect(reading.get_by_role("heading", name="About this agreement")).to_be_visible()
    expect(reading.get_by_role("heading", name="What happens next")).to_be_visible()
    assert_pictures_described(page, "the staff tab, easy read")
    assert_accessible(page, "the practitioner's agreement tab, read as the person will, easy read")


# ---------------------------------------------------------------------- 2. a one-time code
def test_a_provider_without_an_account_signs_with_a_one_time_code(
    agreement_server, tmp_path, page, browser
):
    tab = open_agreement_tab(page, agreement_server)
    open_expander(tab, "Read it as the person will")
    open_expander(tab, "Record a signature given in person, on this device")
    open_expander(tab, "The organisation's public key")
    remote = open_expander(tab, "Ask someone to sign remotely, with a one-time code")
    who = remote.get_by_role("combobox", name="Who is signing", exact=True)
    who.scroll_into_view_if_needed()  # and let the page come to rest: a list opened while
    wait_for_app(page)  # the page still scrolls closes again at once
    offered = choose(remote, "Who is signing", f"{PROVIDER} (provider)")
    assert offered == [
        "Amina Okafor (the person)",
        "Jo Okafor (family or friend)",
        f"{PROVIDER} (provider)",
    ]
    wait_for_app(page)
    remote.get_by_role("button", name="Make a one-time code", exact=True).click()
    expect(remote.get_by_text(f"Give {PROVIDER} this reference and code.")).to_be_visible()
    shown = remote.get_by_test_id("stCode").filter(has_text="Reference:").inner_text()
    found = re.search(r"Reference: (\S+)\s+Code: (\d{4} \d{4})\n", shown)
    assert found, shown
    reference, code = found[1], found[2]
    wrong = code[:-1] + str((int(code[-1]) + 1) % 10)
    assert_accessible(page, "the practitioner's agreement tab, expanders open, code made")

    visitor_context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        visitor = visitor_context.new_page()
        visitor.set_default_timeout(20_000)
        visitor.goto(f"{agreement_server}/sign")
        expect(visitor.get_by_role("heading", name="Sign with a code", exact=True)).to_be_visible()
        assert visitor.get_by_text("Signed in as").count() == 0
        assert_accessible(visitor, "the code page")

        visitor.get_by_role("textbox", name="Reference", exact=True).fill(reference)
        visitor.get_by_role("textbox", name="Code", exact=True).fill(wrong)
        visitor.get_by_role("button", name="Continue", exact=True).click()
        expect(visitor.get_by_text("That code is not right.")).to_be_visible()
        main = visitor.get_by_role("main")
        expect(main.get_by_role("heading", level=2)).to_have_count(0)  # nothing of the agreement
        for secret in ("Amina", "Brightside", "football", "Step 1 of"):
            expect(main).not_to_contain_text(secret)
        assert_accessible(visitor, "the code page, code refused")

        visitor.get_by_role("textbox", name="Code", exact=True).fill(code)
        visitor.get_by_role("button", name="Continue", exact=True).click()
        expect(visitor.get_by_text(f"You are signing as {PROVIDER}.")).to_be_visible()
        wait_for_app(visitor)
        answer = visitor.get_by_role("radio", name=SIGNING_COPY["agree"], exact=True)
        for _ in range(10):
            if answer.count():
                break
            visitor.get_by_role("button", name=SIGNING_COPY["next"], exact=True).click()
            wait_for_app(visitor)
        visitor.get_by_text(SIGNING_COPY["agree"], exact=True).click()
        expect(answer).to_be_checked()
        wait_for_app(visitor)
        visitor.get_by_role("button", name=SIGNING_COPY["next"], exact=True).click()
        expect(main.get_by_role("heading", name=SIGNING_COPY["check"])).to_be_visible()
        visitor.get_by_text(SIGNING_COPY["confirm"], exact=True).click()
        expect(visitor.get_by_role("checkbox", name=SIGNING_COPY["confirm"])).to_be_checked()
        wait_for_app(visitor)
        visitor.get_by_role("button", name=SIGNING_COPY["sign_button"], exact=True).click()
        expect(
            visitor.get_by_role("heading", name=SIGNING_COPY["signed"], exact=True)
        ).to_be_visible()
        assert_accessible(visitor, "the code page, signed")
    finally:
        visitor_context.close()

    signature = next(s for s in amina_version(tmp_path).signatures if s.signer_name == PROVIDER)
    assert signature.method.value == "remote_code"
    assert signature.comment == ""
    assert signature.seal_holds
