"""Load, and on first set-up create, the organisation's Ed25519 seal key.

Where the key comes from, first match wins:

1. ``RISK_APP_SEAL_KEY``: the PEM text itself (for containers with a secret store);
2. ``RISK_APP_SEAL_KEY_FILE``: a PEM file;
3. ``<data dir>/seal-key.pem``, created by ``risk-app init`` if it does not exist.

The file is written once, readable by this account only (0600), and never overwritten. Back it
up with the database: seals made with a lost key can still be checked with its public key (kept
in every evidence pack), but no new seal can be made with it. Every server of one deployment must
share the same key.
"""

from __future__ import annotations

from functools import lru_cache

from risk_app.adapters.files import write_new_private
from risk_app.config import Settings
from risk_app.domain.errors import RiskAppError
from risk_app.domain.sealing import SealKey


class SealKeyMissing(RiskAppError):
    """No seal key is configured and none has been created yet."""


def load_seal_key(settings: Settings) -> SealKey:
    """The configured key, or SealKeyMissing / InvalidInput with a one-line explanation."""
    if settings.seal_key_pem:
        return SealKey.from_pem(settings.seal_key_pem)
    path = settings.seal_key_path
    try:
        pem = path.read_bytes()
    except FileNotFoundError:
        raise SealKeyMissing(
            f"The organisation's seal key is not set up ({path} does not exist). Run "
            "`risk-app init`, or set RISK_APP_SEAL_KEY_FILE to the organisation's key."
        ) from None
    except OSError as exc:
        raise RiskAppError(f"The seal key {path} cannot be read: {exc.strerror}.") from None
    return SealKey.from_pem(pem)


def ensure_seal_key(settings: Settings) -> tuple[SealKey, bool]:
    """The configured key, creating the key file first if nothing is configured yet.

    Returns the key and whether it was created now.
    """
    try:
        return load_seal_key(settings), False
    except SealKeyMissing:
        pass
    key = SealKey.generate()
    write_new_private(settings.seal_key_path, key.private_pem(), what="The seal key")
    return load_seal_key(settings), True


@lru_cache(maxsize=4)
def _cached_key(settings: Settings, mtime: float) -> SealKey:
    return load_seal_key(settings)


def seal_key(settings: Settings | None = None) -> SealKey:
    """The organisation's configured seal key (RISK_APP_SEAL_KEY, RISK_APP_SEAL_KEY_FILE or the
    data directory's seal-key.pem), loaded once per process and again if the file changes.
    Raises RiskAppError with a one-line explanation when none is set up."""
    settings = settings or Settings.from_env()
    if settings.seal_key_pem:
        return _cached_key(settings, 0.0)
    try:
        mtime = settings.seal_key_path.stat().st_mtime
    except OSError:
        return load_seal_key(settings)  # raises with a clear message
    return _cached_key(settings, mtime)
