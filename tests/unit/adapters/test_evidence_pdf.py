"""The agreement PDF: tagged PDF/UA-1 in British English, every user text escaped (list items
too), digest printed, styled by the shared stylesheet."""

from __future__ import annotations

import io
import re

import pikepdf
import pypdf
from agreement_samples import action, content, pack
from pdf_checks import struct_types

from risk_app.adapters.documents import FOLDER
from risk_app.adapters.evidence_pdf import render_html, render_pdf
from risk_app.domain.agreements.content import AgreedDecision, DissentEntry, WhatMatters
from risk_app.domain.agreements.signers import required_signers
from risk_app.domain.sealing import SealKey

KEY = SealKey.generate()
HOSTILE = (
    '<img src="http://127.0.0.1:9/x.png" onerror="alert(1)"> ![x](http://127.0.0.1:9/p.png) '
    "<script>alert(1)</script> & \u202eevil\u202c"
)


def hostile_pack():
    return pack(
        KEY,
        content(what_matters=(WhatMatters(heading="What matters to me", text=HOSTILE),)),
        signers=["person", "practitioner"],
    )


def test_every_user_text_is_escaped_in_the_html():
    html = render_html(hostile_pack())
    assert "<script>" not in html and "<img" not in html and 'onerror="' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in html
    assert 'lang="en-GB"' in html and "<table>" in html and "<caption>" in html


def test_the_pdf_is_tagged_pdf_ua_in_british_english_with_the_digest_printed():
    data = hostile_pack()
    pdf_bytes = render_pdf(data)
    pdf = pikepdf.open(io.BytesIO(pdf_bytes))
    assert str(pdf.Root.Lang) == "en-GB"
    assert bool(pdf.Root.MarkInfo.Marked) is True
    assert "/StructTreeRoot" in pdf.Root
    assert {"/H1", "/H2", "/P", "/Table", "/TH", "/TD"} <= struct_types(pdf)
    with pdf.open_metadata() as meta:
        assert "Risk agreement for Amina Okafor, version 1" in str(meta.get("dc:title"))
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf_bytes)).pages)
    assert data["agreement"]["digest"] in re.sub(r"\s+", "", text)
    assert "<script>alert(1)</script>" in text  # shown literally, as text
    assert "Still to sign" in text and "Jo Okafor (family or friend)" in text


def test_a_replaced_version_says_so_on_the_first_page():
    data = pack(KEY)
    data["agreement"]["is_current"] = False
    data["agreement"]["latest_version"] = 2
    assert "replaced by version 2" in render_html(data)


def test_hostile_list_items_come_out_as_text_one_item_each():
    breakout = "</li><li>injected"
    risk = (
        content()
        .risks[0]
        .model_copy(
            update={"mitigations": (action(11, "Collect Amina", breakout, "family_or_friend"),)}
        )
    )
    decision = AgreedDecision(
        id=3,
        decision=breakout,
        risk_id=1,
        outcome="agreed",
        person_decides=True,
        decider_name=None,
        decider_role=None,
        conditions="",
    )
    hostile = content(
        risks=(risk,),
        decisions=(decision,),
        dissent=(DissentEntry(about="<script>alert(1)</script>", party=breakout, words="No"),),
    )
    still_to_sign = len(required_signers(hostile)) - 1
    html = render_html(pack(KEY, hostile, signers=["person"]))
    assert "<script" not in html and "<li>injected" not in html
    assert html.count("<li>") == 2 + still_to_sign  # a decision, a dissent, who is still to sign
    assert "<li><p>&lt;/li&gt;&lt;li&gt;injected</p>" in html
    assert "<li>&lt;/li&gt;&lt;li&gt;injected (family or friend)</li>" in html


def test_the_agreement_is_styled_by_the_one_shared_stylesheet():
    stylesheet = (FOLDER / "document.css").read_text(encoding="utf-8")
    assert f"<style>{stylesheet}</style>" in render_html(pack(KEY))


def test_the_persons_pdf_copy_says_call_999_and_that_they_can_change_their_mind():
    """Law review row 27: the copy carries the same safety words as the person's screens."""
    html = render_html(pack(KEY))
    for words in (
        "If you are in danger now, call 999.",
        "Relay UK: 18000",
        "You can change your mind.",
        "We still have to help keep you safe.",
    ):
        assert words in html
    assert "call the council on" not in html, "no number is shown unless one is configured"
    assert "call the council on 0300 123 4567" in render_html(
        pack(KEY), safeguarding_phone="0300 123 4567"
    )


def _decided_for(capacity_law: str | None) -> str:
    decision = AgreedDecision(
        id=4,
        decision="Walks to the harbour with her sister",
        risk_id=None,
        outcome="agreed",
        person_decides=False,
        decider_name="Ann Ross",
        decider_role="Mental health officer",
        conditions="",
        capacity_law=capacity_law,
    )
    return render_html(pack(KEY, content(decisions=(decision,)), signers=["person"]))


def test_awi_s1_a_decision_made_for_a_scottish_person_never_says_best_interests():
    """AWI(S)A 2000 s1: Scots law has no best-interests test; MCA 2005 s4 keeps its words."""
    scottish = _decided_for("awi")
    assert "Adults with Incapacity (Scotland) Act 2000" in scottish
    assert "best interests" not in scottish.lower()
    assert "Decided in my best interests by Ann Ross" in _decided_for(None)


def test_an_agreement_made_before_the_law_was_kept_has_the_same_digest():
    """The new field is left out of the canonical form while unset, so old digests hold."""
    made = AgreedDecision(
        id=1,
        decision="D",
        risk_id=None,
        outcome="agreed",
        person_decides=True,
        decider_name=None,
        decider_role=None,
        conditions="",
    )
    assert "capacity_law" not in made.model_dump(mode="json")
    scottish = made.model_copy(update={"capacity_law": "awi"})
    assert scottish.model_dump(mode="json")["capacity_law"] == "awi"
