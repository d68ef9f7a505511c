"""The person's own copy: the screens they read, large print, a picture with alt text beside each
point in easy read, every text escaped, and none of the seal details (SHA-256, fingerprints,
seals, "UTC") or a stray "None"."""

from __future__ import annotations

import io
import re

import pikepdf
import pytest
from agreement_samples import content
from pdf_checks import pdf_text, struct_types

from risk_app.adapters.persons_copy import render_html, render_pdf
from risk_app.domain.agreements.agreement_words import SIGNING_COPY, screens
from risk_app.domain.agreements.content import WhatMatters
from risk_app.domain.agreements.plain_language import plain_language_problems

HOSTILE = '<img src=x onerror="alert(1)"> <script>alert(1)</script> & \u202eevil\u202c'
NOT_FOR_THE_PERSON = re.compile(r"SHA-?256|fingerprint|seal|UTC|base64|\bNone\b", re.IGNORECASE)


def pages():
    agreed = content(what_matters=(WhatMatters(heading="What matters to me", text=HOSTILE),))
    return screens(agreed, version=2)


def copy(easy_read: bool, **kw) -> str:
    return render_html(
        pages(),
        title="Your risk agreement",
        about=["This is your copy of version 2 of your risk agreement."],
        signed=["Amina Okafor signed it on 6 December 2026."],
        easy_read=easy_read,
        **kw,
    )


def test_every_text_is_escaped_and_nothing_can_load():
    html = copy(True)
    assert "<script>" not in html and 'onerror="' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert re.findall(r'<img src="([^"]*)"', html)
    assert all(
        src.startswith("data:image/svg+xml;base64,")
        for src in re.findall(r'<img src="([^"]*)"', html)
    )


@pytest.mark.parametrize("easy_read", [True, False], ids=["easy read", "large print"])
def test_the_copy_has_what_the_person_read_and_nothing_of_the_seals(easy_read):
    pdf = render_pdf(
        pages(),
        title="Your risk agreement",
        about=["This is your copy of version 2 of your risk agreement."],
        signed=["Amina Okafor signed it on 6 December 2026."],
        easy_read=easy_read,
    )
    said = pdf_text(pdf)
    for screen in pages():
        assert screen.title in said
    assert "Going to the football alone" in said and "Collect Amina" in said
    assert "Amina Okafor signed it on 6 December 2026." in said
    assert not NOT_FOR_THE_PERSON.search(said), NOT_FOR_THE_PERSON.search(said)
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        assert str(opened.Root.Lang) == "en-GB"
        tags = struct_types(opened)
        assert {"/H1", "/H2", "/P"} <= tags
        if easy_read:
            assert "/Figure" in tags
            assert figure_alts(opened) == [p.alt for s in pages() for p, _ in s.points()]
        else:
            assert "/Figure" not in tags


def test_every_sentence_the_copy_adds_is_plain_language():
    # The screens' own lines are checked in tests/unit/domain/agreements/test_agreement_words.py.
    for name in ("copy_intro", "copy_made", "copy_record", "copy_signed", "copy_comment"):
        filled = SIGNING_COPY[name].format(version=2, day="6 December 2026", name="Amina Okafor")
        assert plain_language_problems(filled) == [], name


def figure_alts(pdf: pikepdf.Pdf) -> list[str]:
    """Each Figure's Alt text, in the order of the tag tree."""
    alts: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Array):
            for item in node:
                walk(item)
        elif isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == "/Figure":
                alts.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node.K)

    walk(pdf.Root.StructTreeRoot)
    return alts
