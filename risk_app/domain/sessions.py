"""Session and sign-in rules: idle and absolute timeouts, single sign-on claims, passwords."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from risk_app.domain.throttle import ThrottlePolicy


@dataclass(frozen=True, slots=True)
class SignInPolicy:
    """Numbers an organisation may tune in configuration."""

    idle_timeout: timedelta = timedelta(minutes=15)
    absolute_timeout: timedelta = timedelta(hours=10)
    tries: ThrottlePolicy = field(default_factory=ThrottlePolicy)
    """Locks and back-off for failed sign-ins (see domain.throttle)."""
    touch_every: timedelta = timedelta(seconds=30)
    """How often a signed-in browser's last activity is written (the idle clock's resolution)."""


def session_ends_at(
    *, signed_in_at: datetime, last_seen: datetime, policy: SignInPolicy
) -> datetime:
    """When a session ends unless there is activity first: the idle timeout after the last
    activity, or the absolute timeout after signing in, whichever comes first."""
    return min(last_seen + policy.idle_timeout, signed_in_at + policy.absolute_timeout)


def session_expired(
    *, signed_in_at: datetime, last_seen: datetime, now: datetime, policy: SignInPolicy
) -> bool:
    return now > session_ends_at(signed_in_at=signed_in_at, last_seen=last_seen, policy=policy)


def sso_email(claims: Mapping[str, object], *, trusted_issuer: str | None) -> str | None:
    """The email an identity provider vouches for, or None if we should not rely on it.

    The email claim alone is not proof: some providers let people set an unverified address. We
    accept it when the provider marks it verified, or when it comes from the one issuer the
    organisation has said it trusts (for example its own single-tenant Entra ID).
    """
    email = claims.get("email")
    if not isinstance(email, str) or "@" not in email:
        return None
    if claims.get("email_verified") is True:
        return email
    if trusted_issuer and claims.get("iss") == trusted_issuer:
        return email
    return None


MIN_PASSWORD_LENGTH = 12


def password_problem(password: str) -> str | None:
    """Length over complexity rules (NCSC advice): long passphrases, nothing else required."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Use at least {MIN_PASSWORD_LENGTH} characters (three random words work well)."
    if len(password) > 256:
        return "Use at most 256 characters."
    return None
