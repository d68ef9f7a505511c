"""The organisation's Ed25519 seal, and one-time signing codes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from risk_app.domain.agreements.signing_codes import (
    REFERENCE_ALPHABET,
    InvitationFacts,
    InvitationState,
    code_hash,
    code_matches,
    invitation_state,
    new_code,
    new_reference,
    normalise_code,
    normalise_reference,
    show_code,
    show_reference,
)
from risk_app.domain.errors import InvalidInput
from risk_app.domain.sealing import (
    SealKey,
    fingerprint_of,
    parse_public_key,
    seal_holds,
    short_fingerprint,
)

KEY = SealKey.generate()


def test_a_seal_holds_only_for_the_exact_payload_and_the_key_that_made_it():
    seal = KEY.seal(b"payload")
    assert seal_holds(KEY.public_key, b"payload", seal)
    assert not seal_holds(KEY.public_key, b"payloaD", seal)
    assert not seal_holds(SealKey.generate().public_key, b"payload", seal)
    assert not seal_holds(KEY.public_key, b"payload", "not base64!")
    assert not seal_holds(KEY.public_key, b"payload", seal[:-4] + "AAA=")


def test_a_key_round_trips_through_pem_and_its_public_half_parses_from_pem_or_base64():
    again = SealKey.from_pem(KEY.private_pem())
    assert again.fingerprint == KEY.fingerprint == fingerprint_of(KEY.public_key)
    assert parse_public_key(KEY.public_pem()) == KEY.public_key
    assert parse_public_key(KEY.public_key_b64) == KEY.public_key
    assert len(short_fingerprint(KEY.fingerprint)) == 19
    assert "fingerprint" in repr(KEY) and KEY.private_pem().decode() not in repr(KEY)


def test_bad_key_material_is_refused_plainly():
    with pytest.raises(InvalidInput, match="Ed25519 private key"):
        SealKey.from_pem("-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n")
    with pytest.raises(InvalidInput, match="32 bytes"):
        parse_public_key("AAAA")
    with pytest.raises(InvalidInput, match="base64"):
        parse_public_key("not a key at all")


def test_derived_secrets_differ_by_purpose_and_by_key():
    assert KEY.derive_secret("a") != KEY.derive_secret("b")
    assert KEY.derive_secret("a") != SealKey.generate().derive_secret("a")
    assert len(KEY.derive_secret("a")) == 32


def test_references_avoid_look_alike_characters_and_are_read_back_however_typed():
    reference = new_reference()
    assert len(reference) == 8 and set(reference) <= set(REFERENCE_ALPHABET)
    assert not set("01ILOU") & set(REFERENCE_ALPHABET)
    shown = show_reference(reference)
    assert normalise_reference(shown.lower()) == reference
    assert normalise_reference(f" {shown[:4]} {shown[5:]} ") == reference
    assert normalise_reference("O0O0-1111") is None and normalise_reference("<script>") is None


def test_codes_are_eight_digits_shown_in_two_groups_and_compared_by_keyed_hash():
    code = new_code()
    assert len(code) == 8 and code.isdigit()
    assert normalise_code(show_code(code)) == code and normalise_code("12ab5678") is None
    secret = KEY.derive_secret("codes")
    stored = code_hash(secret, "ABCDEFGH", code)
    assert code not in stored and code_matches(secret, "ABCDEFGH", code, stored)
    assert not code_matches(secret, "ABCDEFGJ", code, stored)
    assert not code_matches(KEY.derive_secret("other"), "ABCDEFGH", code, stored)


NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def facts(**changes) -> InvitationFacts:
    values = {
        "expires_at": NOW + timedelta(hours=1),
        "failed_attempts": 0,
        "max_attempts": 5,
        "redeemed_at": None,
        "signed_at": None,
        "revoked_at": None,
        "superseded": False,
    }
    values.update(changes)
    return InvitationFacts(**values)


@pytest.mark.parametrize(
    ("changes", "state"),
    [
        ({}, InvitationState.WAITING),
        ({"expires_at": NOW}, InvitationState.EXPIRED),
        ({"failed_attempts": 5}, InvitationState.LOCKED),
        ({"failed_attempts": 4}, InvitationState.WAITING),
        ({"redeemed_at": NOW}, InvitationState.REDEEMED),
        ({"signed_at": NOW, "redeemed_at": NOW}, InvitationState.SIGNED),
        ({"revoked_at": NOW, "failed_attempts": 9}, InvitationState.REVOKED),
        ({"superseded": True}, InvitationState.SUPERSEDED),
    ],
)
def test_an_invitation_is_in_exactly_one_state(changes, state):
    assert invitation_state(facts(**changes), NOW) == state
