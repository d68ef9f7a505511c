"""Where the organisation's seal key comes from, and the signing-code settings."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from risk_app.adapters import seal_keys
from risk_app.adapters.seal_keys import SealKeyMissing, ensure_seal_key, load_seal_key
from risk_app.config import Settings
from risk_app.domain.sealing import SealKey


def settings(tmp_path: Path, **env: str) -> Settings:
    return Settings.from_env({"RISK_APP_DATA_DIR": str(tmp_path), **env})


def test_init_creates_a_private_key_file_once_and_never_overwrites_it(tmp_path: Path):
    with pytest.raises(SealKeyMissing, match="risk-app init"):
        load_seal_key(settings(tmp_path))
    key, created = ensure_seal_key(settings(tmp_path))
    path = tmp_path / "seal-key.pem"
    assert created and path.stat().st_mode & 0o777 == 0o600
    again, created_again = ensure_seal_key(settings(tmp_path))
    assert not created_again and again.fingerprint == key.fingerprint
    assert seal_keys.seal_key(settings(tmp_path)).fingerprint == key.fingerprint


def test_a_key_from_the_environment_wins_and_a_named_file_is_used(tmp_path: Path):
    pem = SealKey.generate().private_pem().decode()
    from_env = load_seal_key(settings(tmp_path, RISK_APP_SEAL_KEY=pem))
    assert from_env.fingerprint == SealKey.from_pem(pem).fingerprint
    other = tmp_path / "elsewhere" / "org.pem"
    other.parent.mkdir()
    other.write_text(pem)
    named = settings(tmp_path, RISK_APP_SEAL_KEY_FILE=str(other))
    assert load_seal_key(named).fingerprint == from_env.fingerprint
    assert "seal_key_pem" not in repr(named) or pem not in repr(named)


def test_a_damaged_key_file_gives_a_clear_error(tmp_path: Path):
    (tmp_path / "seal-key.pem").write_text("not a key")
    with pytest.raises(Exception, match="cannot be read"):
        load_seal_key(settings(tmp_path))


def test_signing_code_settings_have_defaults_and_refuse_nonsense(tmp_path: Path):
    policy = settings(tmp_path).signing_codes
    assert (policy.code_lifetime, policy.max_attempts, policy.grant_lifetime) == (
        timedelta(hours=4),
        5,
        timedelta(minutes=20),
    )
    custom = settings(
        tmp_path,
        RISK_APP_SIGNING_CODE_MINUTES="30",
        RISK_APP_SIGNING_CODE_ATTEMPTS="3",
        RISK_APP_SIGNING_GRANT_MINUTES="5",
    ).signing_codes
    assert (custom.code_lifetime, custom.max_attempts) == (timedelta(minutes=30), 3)
    with pytest.raises(ValueError, match="whole number of tries"):
        settings(tmp_path, RISK_APP_SIGNING_CODE_ATTEMPTS="lots")
