"""Settings from the environment. Secrets never live in the repository."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from risk_app.domain.record.minutes_document import DEFAULT_MARKING
from risk_app.domain.sessions import SignInPolicy

SEAL_KEY_FILENAME = "seal-key.pem"


def default_data_dir(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "risk-app"


@dataclass(frozen=True, slots=True)
class SigningCodePolicy:
    """How long codes and grants last and how many wrong tries lock a code (one-time signing codes)."""

    code_lifetime: timedelta = timedelta(hours=4)
    max_attempts: int = 5
    grant_lifetime: timedelta = timedelta(minutes=20)


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path
    database_url: str
    demo: bool
    policy: SignInPolicy
    sso_trusted_issuer: str | None = None
    """Issuer whose email claims we trust without email_verified (e.g. the council's own tenant)."""
    risk_scale_path: str | None = None
    """The organisation's risk scale: a built-in one by name ("npsa-2008" for the NPSA 2008
    four-band matrix, "risk-app-three-band") or a YAML or JSON file; risk-app's own three-band
    scale when unset."""
    seal_key_file: Path | None = None
    """The organisation's Ed25519 seal key (PEM); `<data dir>/seal-key.pem` when unset."""
    seal_key_pem: str | None = field(default=None, repr=False)
    """The seal key itself, from RISK_APP_SEAL_KEY (for containers); wins over the file."""
    signing_codes: SigningCodePolicy = field(default_factory=SigningCodePolicy)
    """How long one-time signing codes and signing grants last, and tries before a code locks."""
    session_secret: str | None = field(default=None, repr=False)
    """The key that signs browser session cookies, from RISK_APP_SESSION_SECRET (shared by every
    replica); `<data dir>/session-secret` when unset."""
    safeguarding_phone: str | None = None
    """The council's own number for reporting a safeguarding worry, from
    RISK_APP_SAFEGUARDING_PHONE; shown to the person only when set (never a made-up number)."""
    s42_decision_working_days: int = 2
    """Working days within which a Section 42 decision on a raised concern is due (local policy),
    from RISK_APP_S42_DECISION_WORKING_DAYS: the starting figure until the safeguarding lead sets
    the local policy `s42_decision_working_days` in the app (then the lead's figure counts)."""
    s42_decision_working_days_set: bool = False
    """Whether RISK_APP_S42_DECISION_WORKING_DAYS was set (else the policy's own default)."""
    organisation_name: str | None = None
    """The organisation's name at the head of documents such as meeting minutes, from
    RISK_APP_ORGANISATION_NAME. When unset, the minutes are headed with the name of the team that
    holds the person's record; a record held by no team cannot have minutes until it is set."""
    protective_marking: str = DEFAULT_MARKING
    """The protective marking on every page of the minutes, from RISK_APP_PROTECTIVE_MARKING
    (OFFICIAL-SENSITIVE when unset)."""

    @property
    def seal_key_path(self) -> Path:
        return self.seal_key_file or self.data_dir / SEAL_KEY_FILENAME

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        data_dir = Path(env.get("RISK_APP_DATA_DIR") or default_data_dir(env)).expanduser()
        url = env.get("RISK_APP_DATABASE_URL") or f"sqlite:///{data_dir / 'risk-app.sqlite3'}"
        idle = _int(env, "RISK_APP_IDLE_TIMEOUT_MINUTES", 15)
        policy = SignInPolicy(idle_timeout=timedelta(minutes=idle))
        demo = env.get("RISK_APP_DEMO", "").lower() in {"1", "true", "yes", "on"}
        return cls(
            data_dir=data_dir,
            database_url=url,
            demo=demo,
            policy=policy,
            sso_trusted_issuer=env.get("RISK_APP_SSO_TRUSTED_ISSUER") or None,
            risk_scale_path=env.get("RISK_APP_RISK_SCALE") or None,
            seal_key_file=Path(env["RISK_APP_SEAL_KEY_FILE"]).expanduser()
            if env.get("RISK_APP_SEAL_KEY_FILE")
            else None,
            seal_key_pem=env.get("RISK_APP_SEAL_KEY") or None,
            session_secret=env.get("RISK_APP_SESSION_SECRET") or None,
            safeguarding_phone=_phone(env, "RISK_APP_SAFEGUARDING_PHONE"),
            s42_decision_working_days=_int(
                env, "RISK_APP_S42_DECISION_WORKING_DAYS", 2, unit="working days"
            ),
            s42_decision_working_days_set=bool(env.get("RISK_APP_S42_DECISION_WORKING_DAYS")),
            organisation_name=_label(env, "RISK_APP_ORGANISATION_NAME", 200),
            protective_marking=_label(env, "RISK_APP_PROTECTIVE_MARKING", 60) or DEFAULT_MARKING,
            signing_codes=SigningCodePolicy(
                code_lifetime=timedelta(minutes=_int(env, "RISK_APP_SIGNING_CODE_MINUTES", 240)),
                max_attempts=_int(env, "RISK_APP_SIGNING_CODE_ATTEMPTS", 5, unit="tries"),
                grant_lifetime=timedelta(minutes=_int(env, "RISK_APP_SIGNING_GRANT_MINUTES", 20)),
            ),
        )


def _int(env: Mapping[str, str], name: str, default: int, *, unit: str = "minutes") -> int:
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a whole number of {unit}, not {raw!r}") from exc
    if value <= 0:
        raise ValueError(f"{name} must be more than zero")
    return value


_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{4,24}$")


def _phone(env: Mapping[str, str], name: str) -> str | None:
    """A telephone number as the council wrote it (digits, spaces, brackets, hyphens, a leading
    plus), or None when unset; anything else is refused rather than shown to the person."""
    raw = (env.get(name) or "").strip()
    if not raw:
        return None
    if not _PHONE.match(raw):
        raise ValueError(f"{name} must be a telephone number such as 0300 123 4567, not {raw!r}")
    return raw


def _label(env: Mapping[str, str], name: str, longest: int) -> str | None:
    """A line of text printed on documents (a name, a marking), or None when unset or blank;
    control characters, line breaks and anything longer than ``longest`` are refused."""
    raw = (env.get(name) or "").strip()
    if not raw:
        return None
    if len(raw) > longest or any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in raw):
        raise ValueError(
            f"{name} must be one line of at most {longest} characters, without control characters"
        )
    return raw
