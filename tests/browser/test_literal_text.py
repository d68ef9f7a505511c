"""Markdown typed into a risk, a decision and a meeting is shown as typed, in a real browser, and
no page asks any host but the app's own for anything (issue 10, "Literal text, everywhere").

Each text holds a setext and an ATX heading, web addresses (bare and in angle brackets), an
image and a link to a closed local port, a material icon, emphasis, HTML with an onerror
handler, LaTeX, a colour directive and an emoji shortcode. The DOM must hold the words exactly as
typed, and nothing may have been made from them: no link, heading, image, icon, formula, colour
or emoji. Every request of the whole journey, favicon included, must go to the app itself.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORDS
from tests.browser.helpers import (
    choose,
    open_page,
    open_tab,
    pick,
    plain_date,
    sign_in,
    wait_for_app,
)
from tests.literal_html import CONSTRUCTS

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
expect.set_options(timeout=20_000)

PERSON = "Amina Okafor"
HERE = "Who is here (the person, or who speaks for them, and the agencies)"


def long(tag: str) -> str:
    return "\n".join(["Title", "=====", f"# Big {tag}", *CONSTRUCTS])


def short(tag: str) -> str:
    """One line, as short fields take (at most 200 characters: a longer paste is refused)."""
    return (f"# {tag} " + " ".join(CONSTRUCTS))[:200].rstrip()


ACTIVITY, BENEFITS = long("activity"), long("benefits")
CHOICE, OPTION, DISSENT = long("choice"), short("option"), long("dissent")
TITLE, PURPOSE = short("title"), long("purpose")

MADE_FROM_TEXT = """() => {
  const found = [];
  const add = (what, nodes) => { for (const n of nodes) found.push(what + ': ' + n.outerHTML.slice(0, 120)); };
  add('link', document.querySelectorAll('a[href*="evil.example"], a[href*="127.0.0.1:9"]'));
  add('image', document.querySelectorAll('img[src*="127.0.0.1"], img[src="x"]'));
  add('icon', document.querySelectorAll('[aria-label="home icon"]'));
  add('formula', document.querySelectorAll('.katex, math'));
  add('colour', document.querySelectorAll('.stMarkdownColoredText, .stMarkdownColoredBackground'));
  for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const words = h.textContent.trim();
    if (words === 'Title' || words.startsWith('Big ')) add('heading', [h]);
  }
  for (const block of document.querySelectorAll('[data-literal]')) {
    const ours = /^(DIV|H[1-6]|DL|DT|DD|UL|LI|TABLE|CAPTION|THEAD|TBODY|TR|TH|TD)$/;
    add('markup', [...block.querySelectorAll('*')].filter(n => !ours.test(n.tagName)));
  }
  if (document.body.innerText.includes('\\u{1F604}')) found.push('emoji: a smiling face');
  return found;
}"""

TEXTS = """(wanted) => {
  const shown = [...document.querySelectorAll('[data-literal], [data-literal] *')]
    .map(n => n.textContent);
  return wanted.filter(w => !shown.some(s => s === w || s.endsWith(w) || s.startsWith(w)));
}"""


def assert_nothing_made_from_text(page: Any, where: str) -> None:
    wait_for_app(page)
    assert page.evaluate(MADE_FROM_TEXT) == [], where


def assert_shown_as_typed(page: Any, *typed: str) -> None:
    """Each text is the whole text of an element (a cell, a value, a paragraph), or its end."""
    assert page.evaluate(TEXTS, list(typed)) == []


def test_markdown_in_a_risk_a_decision_and_a_meeting_is_shown_as_typed_and_nothing_leaves_the_app(
    fresh_server, page
):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    own = urlparse(fresh_server).hostname

    sign_in(page, fresh_server, "practitioner", PASSWORDS["practitioner"])
    open_page(page, "People")
    page.get_by_label("Open a person's record").click()
    page.get_by_role("option", name=PERSON, exact=True).click()
    wait_for_app(page)

    # A risk in the person's words.
    risks = open_tab(page, "Risks and who owns what")
    risks.get_by_role("button", name="Start a risk assessment at this stage").click()
    words = "The activity or choice, in the person's words"
    risks.get_by_role("textbox", name=words, exact=True).fill(ACTIVITY)
    risks.get_by_role("textbox", name="What the person gains from it", exact=True).fill(BENEFITS)
    choose(risks, "Likelihood (practitioner)", "4. Likely")
    choose(risks, "Impact (practitioner)", "3. Moderate")
    wait_for_app(page)
    risks.get_by_role("button", name="Add risk", exact=True).click()
    heading = risks.locator('h3[data-literal="heading"]').filter(has_text="Risk 1: ")
    expect(heading).to_have_count(1)
    assert heading.evaluate("h => h.textContent") == f"Risk 1: {ACTIVITY}"
    assert_shown_as_typed(page, ACTIVITY, BENEFITS)
    assert_nothing_made_from_text(page, "risks tab")

    # A supported decision, with an option and a dissent.
    decisions = open_tab(page, "Decisions and panels")
    decisions.get_by_role("textbox", name="The choice, in the person's words", exact=True).fill(
        CHOICE
    )
    decisions.get_by_role("textbox", name="Option 1 considered", exact=True).fill(OPTION)
    decisions.get_by_role("textbox", name="Who disagrees (if anyone)", exact=True).fill("Jo")
    decisions.get_by_role("textbox", name="What they said, in their words", exact=True).fill(
        DISSENT
    )
    decisions.get_by_role(
        "textbox", name="What the person decided, in their words", exact=True
    ).fill(CHOICE)
    choose(decisions, "The council's response", "Agreed")  # no response is assumed
    wait_for_app(page)
    decisions.get_by_role("button", name="Record decision", exact=True).click()
    expect(decisions.get_by_role("heading", name="Decisions recorded")).to_be_visible()
    decisions.get_by_text(f"Decision recorded {plain_date(date.today())}").first.click()
    wait_for_app(page)
    assert_shown_as_typed(page, CHOICE, OPTION, f"Jo: {DISSENT}")
    assert_nothing_made_from_text(page, "decisions tab")

    # A multi-agency meeting.
    meeting = open_tab(page, "Multi-agency meetings")
    meeting.get_by_role("textbox", name="Title", exact=True).fill(TITLE)
    meeting.get_by_role("textbox", name="Chair", exact=True).fill("Sam Carter")
    meeting.get_by_role("textbox", name="Purpose", exact=True).fill(PURPOSE)
    pick(meeting, HERE, f"{PERSON} (the person)")
    meeting.get_by_role("button", name="Start the meeting", exact=True).click()
    wait_for_app(page)
    title = meeting.locator('[data-literal="heading"]').filter(has_text="# title ")
    expect(title).to_have_count(1)
    heading = f"{TITLE}, {plain_date(date.today())} (Open)"
    assert title.evaluate("h => h.textContent") == heading
    assert_shown_as_typed(page, TITLE, PURPOSE)
    assert_nothing_made_from_text(page, "meetings tab")

    # Nothing was fetched from anywhere but the app: not an image, a font, nor the favicon.
    icons = page.evaluate(
        "() => [...document.querySelectorAll('link[rel~=\"icon\"]')].map(l => l.href)"
    )
    assert icons and all(urlparse(href).hostname == own for href in icons), icons
    elsewhere = sorted(
        {url for url in requests if urlparse(url).scheme in ("http", "https", "ws", "wss")}
        - {url for url in requests if urlparse(url).hostname == own}
    )
    assert elsewhere == [], "requests to other hosts"
    assert len(requests) > 10, "the requests were seen"
