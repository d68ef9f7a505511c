"""The agreement's canonical form and digest."""

from __future__ import annotations

import json

import pytest
from agreement_samples import content
from hypothesis import given
from hypothesis import strategies as st

from risk_app.domain.agreements.content import (
    WhatMatters,
    content_bytes,
    content_digest,
    parse_content,
)
from risk_app.domain.canonical import canonical_json, sha256_hex
from risk_app.domain.errors import InvalidInput


def test_the_canonical_form_sorts_keys_has_no_whitespace_and_keeps_unicode_as_utf8():
    assert (
        canonical_json({"b": 1, "a": ["é", None, True]}) == '{"a":["é",null,true],"b":1}'.encode()
    )
    raw = content_bytes(content())
    compact = json.dumps(json.loads(raw), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert raw == compact.encode("utf-8") and raw.startswith(b'{"contingency"')
    assert "Café ☕".encode() in raw
    assert json.loads(raw)["format"] == "risk-app risk agreement"
    assert json.loads(raw)["format_version"] == 1


def test_the_digest_is_the_sha256_of_the_canonical_bytes_whatever_the_key_order():
    c = content()
    assert content_digest(c) == sha256_hex(content_bytes(c))
    shuffled = dict(reversed(list(c.model_dump(mode="json").items())))
    assert sha256_hex(canonical_json(shuffled)) == content_digest(c)


def test_numbers_with_fractions_have_no_canonical_form():
    with pytest.raises(InvalidInput):
        canonical_json({"a": [1.5]})


def test_content_read_back_from_its_canonical_bytes_is_identical():
    c = content()
    again = parse_content(content_bytes(c))
    assert again == c and content_digest(again) == content_digest(c)


def test_content_that_is_not_an_agreement_is_refused_plainly():
    with pytest.raises(InvalidInput, match="not in the expected form"):
        parse_content(b'{"format": "something else"}')
    data = content().model_dump(mode="json")
    data["surprise"] = 1
    with pytest.raises(InvalidInput):
        parse_content(data)


@given(st.text(max_size=300))
def test_any_text_survives_the_canonical_form_exactly(text: str):
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates cannot be stored
    c = content(what_matters=(WhatMatters(heading="What matters to me", text=text),))
    again = parse_content(content_bytes(c))
    assert again.what_matters[0].text == text
    assert content_digest(again) == content_digest(c)


def test_one_changed_character_changes_the_digest():
    c = content()
    other = content(contingency="A taxi home!")
    assert content_digest(c) != content_digest(other)
