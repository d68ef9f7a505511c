"""The organisation's seal: an Ed25519 key that signs what it issues and the signatures it records.

A seal is an Ed25519 signature over a canonical payload (see `risk_app.domain.agreements.seals`).
Anyone holding the organisation's public key can check a seal offline, so an evidence pack stands
on its own. The key's fingerprint is the SHA-256 of the raw 32-byte public key, in hex; it names the key
in stored rows, in packs and on the printed agreement.

Keys are loaded and created by `risk_app.adapters.seal_keys`; nothing here touches files.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from risk_app.domain.errors import InvalidInput

ALGORITHM = "Ed25519"


def fingerprint_of(public_key: bytes) -> str:
    """The SHA-256 of a raw 32-byte Ed25519 public key, as 64 hex characters."""
    return hashlib.sha256(public_key).hexdigest()


def short_fingerprint(fingerprint: str) -> str:
    """The first 16 hex characters in groups of four, for reading aloud or printing."""
    head = fingerprint[:16].upper()
    return " ".join(head[i : i + 4] for i in range(0, len(head), 4))


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str, what: str) -> bytes:
    """Strict standard base64, or InvalidInput naming what could not be read."""
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise InvalidInput(f"The {what} is not valid base64.") from None


class SealKey:
    """The organisation's private sealing key. Never printed, never logged, never exported."""

    __slots__ = ("_private", "public_key")

    def __init__(self, private: Ed25519PrivateKey) -> None:
        self._private = private
        self.public_key: bytes = private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )

    def __repr__(self) -> str:
        return f"SealKey(fingerprint={self.fingerprint[:16]}...)"

    @classmethod
    def generate(cls) -> SealKey:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_pem(cls, pem: bytes | str) -> SealKey:
        """A key from PKCS#8 PEM text (unencrypted), or InvalidInput."""
        data = pem.encode("ascii", "replace") if isinstance(pem, str) else pem
        try:
            key = serialization.load_pem_private_key(data, password=None)
        except (ValueError, TypeError):
            raise InvalidInput(
                "The organisation's seal key cannot be read: it must be an unencrypted "
                "Ed25519 private key in PEM (PKCS#8) form."
            ) from None
        if not isinstance(key, Ed25519PrivateKey):
            raise InvalidInput("The organisation's seal key must be an Ed25519 key.")
        return cls(key)

    def private_pem(self) -> bytes:
        """PKCS#8 PEM, for writing the key file once when it is created."""
        return self._private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    @property
    def public_key_b64(self) -> str:
        return b64(self.public_key)

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.public_key)

    def public_pem(self) -> str:
        return public_pem(self.public_key)

    def seal(self, payload: bytes) -> str:
        """The Ed25519 signature over `payload`, base64."""
        return b64(self._private.sign(payload))

    def derive_secret(self, purpose: str) -> bytes:
        """A 32-byte secret for one purpose (e.g. hashing one-time codes), derived from the key.

        HMAC-SHA256 keyed with the raw private key over a purpose label: one secret to configure,
        separate keys for separate uses. Rotating the seal key changes every derived secret.
        """
        raw = self._private.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        return hmac.new(raw, f"risk-app derived secret: {purpose}".encode(), "sha256").digest()


def public_pem(public_key: bytes) -> str:
    key = Ed25519PublicKey.from_public_bytes(public_key)
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def parse_public_key(text: str) -> bytes:
    """A raw 32-byte Ed25519 public key from PEM (SubjectPublicKeyInfo) or base64 of the raw key."""
    text = text.strip()
    if text.startswith("-----BEGIN"):
        try:
            key = serialization.load_pem_public_key(text.encode("ascii", "replace"))
        except (ValueError, TypeError):
            raise InvalidInput("The public key PEM cannot be read.") from None
        if not isinstance(key, Ed25519PublicKey):
            raise InvalidInput("The public key is not an Ed25519 key.")
        return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    raw = unb64(text, "public key")
    if len(raw) != 32:
        raise InvalidInput("An Ed25519 public key is 32 bytes; this one is not.")
    return raw


def seal_holds(public_key: bytes, payload: bytes, seal_b64: str) -> bool:
    """Whether `seal_b64` is the holder of `public_key`'s seal over exactly `payload`."""
    try:
        signature = base64.b64decode(seal_b64.encode("ascii"), validate=True)
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, payload)
    except (InvalidSignature, ValueError, binascii.Error, UnicodeEncodeError):
        return False
    return True
