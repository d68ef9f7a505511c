"""The agreement's canonical form and digest, what changed between versions, and who must sign."""

from __future__ import annotations

import json
from datetime import date

import pytest
from agreement_samples import FOOTBALL, action, content
from hypothesis import given
from hypothesis import strategies as st

from risk_app.domain.agreements.agreement import (
    REPRESENTATIVE_BASES,
    AgreedDecision,
    ReviewPart,
    SignerDetails,
    SignerRole,
    SigningBasis,
    WhatMatters,
    canonical_json,
    clean_comment,
    content_bytes,
    content_digest,
    describe_changes,
    parse_content,
    required_signers,
    settle_signer,
    sha256_hex,
)
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.people import RepresentativeAuthority


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


def test_no_changes_are_described_between_identical_versions():
    assert describe_changes(content(), content()) == []


def test_an_added_mitigation_is_described_in_plain_words():
    old = content()
    risk = old.risks[0]
    new_risk = risk.model_copy(
        update={
            "mitigations": (
                *risk.mitigations,
                action(15, "Carry a phone", "Amina Okafor", "person", date(2027, 3, 3)),
            )
        }
    )
    new = content(risks=(new_risk,))
    assert describe_changes(old, new) == [
        (
            f"Risk '{FOOTBALL}': mitigation added: 'Carry a phone' "
            "(owner: Amina Okafor, the person; by 3 March 2027)."
        )
    ]


def test_changes_to_owners_dates_levels_decisions_reviews_and_dissent_are_each_described():
    old = content()
    risk = old.risks[0]
    first, second, *rest = risk.mitigations
    changed_risk = risk.model_copy(
        update={
            "benefits": "I see my friends and my cousin.",
            "level_after": "Medium",
            "mitigations": (
                first.model_copy(
                    update={"owner_name": "Jo Okafor", "owner_kind": "family_or_friend"}
                ),
                second.model_copy(update={"due": date(2027, 4, 1)}),
                *rest[:-1],
            ),
        }
    )
    decision = old.decisions[0].model_copy(update={"outcome": "referred_to_panel"})
    new = content(
        risks=(changed_risk,),
        decisions=(decision,),
        review=ReviewPart(due=date(2027, 6, 1), kind="triggered"),
        dissent=(),
        contingency=None,
    )
    changes = describe_changes(old, new)
    assert changes == [
        f"Risk '{FOOTBALL}': what they gain changed.",
        f"Risk '{FOOTBALL}': level after the mitigations changed from Low to Medium.",
        (
            f"Risk '{FOOTBALL}': mitigation 'Text Jo when I leave': owner changed from Amina Okafor "
            "to Jo Okafor (family or friend)."
        ),
        (
            f"Risk '{FOOTBALL}': mitigation 'Collect Amina': date changed from 1 March 2027 to "
            "1 April 2027."
        ),
        f"Risk '{FOOTBALL}': mitigation removed: 'Phone round'.",
        (
            "Decision 'Go to the match without staff': outcome changed from agreed to referred to a "
            "risk enablement panel."
        ),
        "The back-up plan (contingency) removed.",
        "Review date changed from 1 November 2027 to 1 June 2027.",
        "Disagreement removed: Mum on 'Decision: go'.",
    ]


def test_added_and_removed_risks_and_decisions_are_described():
    old = content()
    new = content(
        risks=(),
        decisions=(
            *old.decisions,
            AgreedDecision(
                id=4,
                decision="Manage my own money",
                risk_id=None,
                outcome="agreed",
                person_decides=True,
                decider_name=None,
                decider_role=None,
                conditions="",
            ),
        ),
    )
    assert describe_changes(old, new) == [
        f"Risk removed: '{FOOTBALL}'.",
        "Decision added: 'Manage my own money' (agreed).",
    ]
    assert describe_changes(new, old)[0] == f"Risk added: '{FOOTBALL}'."


def test_the_person_practitioner_manager_and_each_other_owner_must_sign_once():
    needed = required_signers(content())
    assert [(r.key, r.role) for r in needed] == [
        ("person", SignerRole.PERSON),
        ("practitioner", SignerRole.PRACTITIONER),
        ("manager", SignerRole.MANAGER),
        ("owner:family_or_friend:jo okafor", SignerRole.OWNER),
        ("owner:provider:brightside", SignerRole.OWNER),
    ]
    assert needed[0].label == "Amina Okafor, or Grace Okafor for them (the person)"
    assert needed[3].name == "Jo Okafor"


def test_a_representative_signs_for_the_person_only_under_the_authority_recorded():
    c = content()
    settled = settle_signer(c, SignerDetails(requirement="person", basis=SigningBasis.DEPUTY))
    assert (settled.name, settled.on_behalf_of, settled.basis) == (
        "Grace Okafor",
        "Amina Okafor",
        SigningBasis.DEPUTY,
    )
    with pytest.raises(InvalidInput, match="authority recorded"):
        settle_signer(c, SignerDetails(requirement="person", basis=SigningBasis.APPOINTEE))
    with pytest.raises(InvalidInput, match="names Grace Okafor"):
        settle_signer(
            c, SignerDetails(requirement="person", basis=SigningBasis.DEPUTY, name="Mallory")
        )


def test_an_advocate_supports_the_person_to_sign_but_does_not_sign_for_them():
    c = content()
    with pytest.raises(InvalidInput, match="who supported"):
        settle_signer(c, SignerDetails(requirement="person", basis="self_with_support"))
    settled = settle_signer(
        c,
        SignerDetails(requirement="person", basis="self_with_support", supported_by="Pat (IMCA)"),
    )
    assert (settled.name, settled.supported_by) == ("Amina Okafor", "Pat (IMCA)")
    assert {b.value for b in REPRESENTATIVE_BASES} <= {a.value for a in RepresentativeAuthority}
    assert RepresentativeAuthority.ADVOCATE.value not in {b.value for b in REPRESENTATIVE_BASES}


def test_staff_sign_in_their_job_and_owners_under_the_name_the_agreement_gives():
    c = content()
    staff = settle_signer(
        c, SignerDetails(requirement="manager", basis="staff_role"), staff_name="Priya N"
    )
    assert staff.name == "Priya N" and staff.role is SignerRole.MANAGER
    with pytest.raises(InvalidInput):
        settle_signer(c, SignerDetails(requirement="manager", basis="self"), staff_name="Priya")
    owner = settle_signer(
        c,
        SignerDetails(
            requirement="owner:provider:brightside",
            basis="action_owner",
            name="brightside",
            on_behalf_of="Brightside Support Ltd",
        ),
    )
    assert (owner.name, owner.on_behalf_of) == ("Brightside", "Brightside Support Ltd")
    with pytest.raises(InvalidInput, match="does not ask"):
        settle_signer(c, SignerDetails(requirement="owner:police:pc smith", basis="action_owner"))
    with pytest.raises(InvalidInput, match="control characters"):
        settle_signer(
            c,
            SignerDetails(requirement="person", basis="self_with_support", supported_by="P\x00t"),
        )


def test_a_comment_is_optional_kept_as_written_and_refused_when_hostile_or_huge():
    assert clean_comment("") == ""
    assert clean_comment("  I agree except\r\nthe texting. <b>really</b>  ") == (
        "I agree except\nthe texting. <b>really</b>"
    )
    with pytest.raises(InvalidInput, match="control characters"):
        clean_comment("I agree\x1b[31m")
    with pytest.raises(InvalidInput, match="too long"):
        clean_comment("x" * 2001)
