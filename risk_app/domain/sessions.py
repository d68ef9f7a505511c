"""Session and sign-in rules: idle timeout and failed-login throttling, as pure functions of time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class SignInPolicy:
    """Numbers an organisation may tune in configuration."""

    idle_timeout: timedelta = timedelta(minutes=15)
    absolute_timeout: timedelta = timedelta(hours=10)
    max_failures: int = 5
    """Failed attempts on one username within `failure_window` before it is locked."""
    failure_window: timedelta = timedelta(minutes=15)
    lockout: timedelta = timedelta(minutes=15)


def session_expired(
    *, signed_in_at: datetime, last_seen: datetime, now: datetime, policy: SignInPolicy
) -> bool:
    return now - last_seen > policy.idle_timeout or now - signed_in_at > policy.absolute_timeout


def locked_until(
    failures: list[datetime], *, now: datetime, policy: SignInPolicy
) -> datetime | None:
    """When a username is locked because of recent failed attempts, until when; otherwise None."""
    recent = sorted(f for f in failures if now - f <= policy.failure_window + policy.lockout)
    window: list[datetime] = []
    lock_end: datetime | None = None
    for moment in recent:
        window = [m for m in window if moment - m <= policy.failure_window] + [moment]
        if len(window) >= policy.max_failures:
            lock_end = moment + policy.lockout
    if lock_end is not None and lock_end > now:
        return lock_end
    return None


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
