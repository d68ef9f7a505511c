"""One person is one signatory: owners who are members of the person's circle, and the digest of
agreements issued before the circle existed is unchanged."""

from __future__ import annotations

from agreement_samples import action, content

from risk_app.domain.agreements.content import (
    AgreedAction,
    content_bytes,
    content_digest,
    parse_content,
)
from risk_app.domain.agreements.signers import SignerRole, required_signers, signer_keys

BEFORE_THE_CIRCLE = "2b1cc8d57485e57bacc558d9416cb9c8ab77b90bd919448626775d797dbac6af"
"""The digest of the sample content, computed before `owner_member` existed."""


def _member_action(action_id: int, name: str, kind: str, member: int) -> AgreedAction:
    return action(action_id, "Help", name, kind).model_copy(update={"owner_member": member})


def test_content_made_before_the_circle_keeps_its_digest():
    c = content()
    assert content_digest(c) == BEFORE_THE_CIRCLE
    assert b"owner_member" not in content_bytes(c)
    assert content_digest(parse_content(content_bytes(c))) == BEFORE_THE_CIRCLE


def test_an_owner_in_the_circle_is_part_of_the_canonical_form_and_reads_back():
    linked = _member_action(20, "Grace Okafor", "family_or_friend", 5)
    c = content(other_actions=(linked,))
    assert b'"owner_member":5' in content_bytes(c)
    again = parse_content(content_bytes(c))
    assert again.other_actions[0].owner_member == 5
    assert content_digest(again) == content_digest(c) != BEFORE_THE_CIRCLE


def _owner_keys(*actions: AgreedAction) -> list[str]:
    c = content(other_actions=actions)
    return [r.key for r in required_signers(c) if r.role is SignerRole.OWNER]


def test_the_same_member_is_one_signatory_and_a_namesake_is_another():
    assert _owner_keys(
        _member_action(20, "Grace Okafor", "family_or_friend", 5),
        _member_action(21, "Grace Okafor", "family_or_friend", 5),
        _member_action(22, "Grace Okafor", "family_or_friend", 6),
    )[-2:] == ["owner:family_or_friend:grace okafor", "owner:member:6"]


def test_an_owner_typed_before_the_circle_is_the_member_named_the_same_way():
    keys = signer_keys(
        [
            action(20, "Help", "grace okafor", "family_or_friend"),
            _member_action(21, "Grace Okafor", "family_or_friend", 5),
            _member_action(22, "Grace  Okafor", "family_or_friend", 6),
        ]
    )
    assert keys == {
        20: "owner:family_or_friend:grace okafor",
        21: "owner:family_or_friend:grace okafor",
        22: "owner:member:6",
    }
