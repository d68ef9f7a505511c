"""Errors the service layer raises. Each carries a message written for the person using the app."""

from __future__ import annotations

from risk_app.domain.audit import AuditObject


class RiskAppError(Exception):
    """Base class: `str(error)` is safe and meaningful to show to a user."""


class NotPermitted(RiskAppError):
    """The actor may not do this, or the record does not exist for them (we do not say which).
    The kind of record and its id are for the audit log's record of the refusal."""

    def __init__(
        self,
        message: str = "Not found, or you do not have permission to see it.",
        *,
        object_type: AuditObject = AuditObject.UNKNOWN,
        object_id: object = "",
    ) -> None:
        self.object_type = object_type
        self.object_id = str(object_id)
        super().__init__(message)


class StaleEdit(RiskAppError):
    """Someone saved a newer version since this one was opened; nothing was overwritten."""

    def __init__(self, record: str, expected: int, current: int) -> None:
        self.record = record
        self.expected = expected
        self.current = current
        super().__init__(
            f"This {record} was changed by someone else after you opened it "
            f"(you had version {expected}, it is now version {current}). "
            "Your changes were not saved, so nothing was overwritten. "
            "The newer version is shown: please check it and make your change again."
        )


class InvalidInput(RiskAppError):
    """Input failed validation; the message says what to fix."""


class AuthenticationFailed(RiskAppError):
    """Wrong username or password. Deliberately does not say which."""

    def __init__(self) -> None:
        super().__init__("The username or password is not right. Please try again.")


class AccountLocked(RiskAppError):
    """Too many failed attempts; the account waits before another try is accepted."""

    def __init__(self, minutes: int) -> None:
        self.minutes = minutes
        super().__init__(
            "Too many failed attempts for this account. "
            f"Please wait {minutes} minute{'s' if minutes != 1 else ''} and try again, "
            "or ask your administrator."
        )


class StoreUnavailable(RiskAppError):
    """The database cannot be reached or is busy; nothing was changed."""


class ChangedSinceShown(RiskAppError):
    """What was shown to the user (e.g. an agreement draft) no longer matches the records."""


class SigningCodeRefused(RiskAppError):
    """A one-time signing code was not accepted. `tries_left` is set after a wrong code."""

    def __init__(
        self, message: str, *, tries_left: int | None = None, unknown_reference: bool = False
    ) -> None:
        self.tries_left = tries_left
        self.unknown_reference = unknown_reference
        super().__init__(message)


class TooManyTries(RiskAppError):
    """This client has failed often: it must wait before trying again (whatever it tries)."""

    def __init__(self, seconds: int) -> None:
        self.seconds = seconds
        wait = (
            f"{seconds} second{'s' if seconds != 1 else ''}"
            if seconds < 120
            else f"{seconds // 60} minutes"
        )
        super().__init__(f"Too many failed attempts from here. Please wait {wait} and try again.")
