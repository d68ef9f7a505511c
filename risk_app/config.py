"""Settings from the environment. Secrets never live in the repository."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from risk_app.domain.sessions import SignInPolicy


def default_data_dir(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "risk-app"


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path
    database_url: str
    demo: bool
    policy: SignInPolicy
    sso_trusted_issuer: str | None = None
    """Issuer whose email claims we trust without email_verified (e.g. the council's own tenant)."""
    risk_scale_path: str | None = None
    """YAML or JSON file with the organisation's risk scale; the NHS 5x5 when unset."""

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        data_dir = Path(env.get("RISK_APP_DATA_DIR") or default_data_dir(env)).expanduser()
        url = env.get("RISK_APP_DATABASE_URL") or f"sqlite:///{data_dir / 'risk-app.sqlite3'}"
        idle = _int(env, "RISK_APP_IDLE_TIMEOUT_MINUTES", 15)
        from datetime import timedelta

        policy = SignInPolicy(idle_timeout=timedelta(minutes=idle))
        demo = env.get("RISK_APP_DEMO", "").lower() in {"1", "true", "yes", "on"}
        return cls(
            data_dir=data_dir,
            database_url=url,
            demo=demo,
            policy=policy,
            sso_trusted_issuer=env.get("RISK_APP_SSO_TRUSTED_ISSUER") or None,
            risk_scale_path=env.get("RISK_APP_RISK_SCALE") or None,
        )


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a whole number of minutes, not {raw!r}") from exc
    if value <= 0:
        raise ValueError(f"{name} must be more than zero")
    return value
