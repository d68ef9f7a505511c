"""Where sign-in sends the browser next: a page of this site, with only the record, section and
concern it was going to, each a plain value; anything else is dropped."""

from __future__ import annotations

import pytest

from risk_app.web.signin import safe_next


@pytest.mark.parametrize(
    ("asked", "sent"),
    [
        ("/caseload", "/caseload"),
        ("/caseload?person=12&section=meetings", "/caseload?person=12&section=meetings"),
        ("/caseload?section=risks&person=7", "/caseload?section=risks&person=7"),
        ("/concerns?concern=3", "/concerns?concern=3"),
        ("/caseload?", "/caseload"),
    ],
)
def test_a_page_of_this_site_with_its_record_and_section_is_kept(asked, sent):
    assert safe_next(asked) == sent


@pytest.mark.parametrize(
    "hostile",
    [
        None,
        "",
        "//evil.example/x",
        "///evil.example",
        "https://evil.example",
        "javascript:alert(1)",
        "/ok\r\nSet-Cookie: x=y",
        "/ok\n",
        "\\\\evil.example",
        "/\\evil.example",
        "/%2F%2Fevil.example",
        "/%2e%2e/account",
        "evil.example",
        "/caseload#frag",
        "/" + "a" * 500,
    ],
)
def test_anything_not_a_plain_page_of_this_site_goes_home(hostile):
    assert safe_next(hostile) == "/"


@pytest.mark.parametrize(
    "query",
    [
        "next=//evil.example",
        "person=//evil.example",
        "person=javascript:alert(1)",
        "person=12%2F%2Fevil",
        "person=12%0d%0aSet-Cookie:x",
        "person=12\r\nSet-Cookie: x=y",
        "person=1&person=2",
        "person",
        "person=",
        "person=12&redirect=https://evil.example",
        "section=<script>",
        "person=" + "1" * 41,
        "person=12;section=risks",
        "Person=12",
    ],
)
def test_a_query_with_anything_unknown_or_not_plain_is_dropped_and_the_page_kept(query):
    assert safe_next(f"/caseload?{query}") == "/caseload"
