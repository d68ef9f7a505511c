"""The browser's session cookie: its name, attributes and signature (itsdangerous).

The cookie carries the random secret that `services.web_sessions` knows by its hash, signed with
the server's session key, so a forged or mangled cookie is refused before any database look-up.
Every replica must share the key: set RISK_APP_SESSION_SECRET, or let all replicas read one
`session-secret` file (created, mode 600, in the data directory on first use).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from itsdangerous import BadSignature, Signer

from risk_app.adapters.files import write_new_private
from risk_app.config import Settings
from risk_app.domain.errors import RiskAppError

COOKIE_NAME = "risk_app_session"
SECRET_FILENAME = "session-secret"
SALT = "risk-app browser session"
MAX_COOKIE_LENGTH = 200


@dataclass(frozen=True, slots=True)
class CookieAttributes:
    """How the cookie is set: HttpOnly and SameSite=Strict always; Secure behind TLS."""

    secure: bool
    max_age_seconds: int

    def header_value(self, value: str) -> str:
        parts = [
            f"{COOKIE_NAME}={value}",
            "Path=/",
            "HttpOnly",
            "SameSite=Strict",
            f"Max-Age={self.max_age_seconds}",
        ]
        if self.secure:
            parts.append("Secure")
        return "; ".join(parts)

    def clearing_header_value(self) -> str:
        parts = [f"{COOKIE_NAME}=", "Path=/", "HttpOnly", "SameSite=Strict", "Max-Age=0"]
        if self.secure:
            parts.append("Secure")
        return "; ".join(parts)


def _secret(settings: Settings) -> bytes:
    if settings.session_secret:
        return settings.session_secret.encode()
    path = settings.data_dir / SECRET_FILENAME
    if not path.exists():
        write_new_private(path, secrets.token_urlsafe(48).encode(), what="The session key")
    try:
        value = path.read_bytes().strip()
    except OSError as exc:
        raise RiskAppError(f"The session key {path} cannot be read: {exc.strerror}.") from None
    if len(value) < 32:
        raise RiskAppError(f"The session key {path} is too short; delete it to make a new one.")
    return value


class SessionCookies:
    """Signs the secret for the cookie and reads it back, refusing anything not signed by us."""

    def __init__(self, settings: Settings) -> None:
        self._signer = Signer(_secret(settings), salt=SALT)

    def value_for(self, token: str) -> str:
        return self._signer.sign(token).decode("ascii")

    def token_from(self, cookie: str | None) -> str | None:
        if not cookie or len(cookie) > MAX_COOKIE_LENGTH:
            return None
        try:
            return self._signer.unsign(cookie).decode("ascii")
        except (BadSignature, UnicodeError):
            return None
