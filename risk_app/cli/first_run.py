"""`risk-app init` and `risk-app demo`: make a data directory ready (database and the
organisation's seal key), and load the fictional demo organisation into it."""

from __future__ import annotations

import typer

from risk_app.cli import shared
from risk_app.domain.sealing import SealKey


def _seal_key_ready() -> SealKey:
    """The organisation's seal key, created in the data directory if none is configured yet."""
    from risk_app.adapters.seal_keys import ensure_seal_key
    from risk_app.domain.sealing import short_fingerprint

    settings = shared.settings()
    key, created = ensure_seal_key(settings)
    where = "from RISK_APP_SEAL_KEY" if settings.seal_key_pem else str(settings.seal_key_path)
    state = "created" if created else "in use"
    typer.echo(f"Seal key {state} ({where}), fingerprint {short_fingerprint(key.fingerprint)}.")
    return key


def init() -> None:
    """Create the database (if needed) and migrate it, and create the organisation's seal key."""
    store = shared.store()
    typer.echo(f"Database ready ({store.dialect}): {shared.settings().database_url.split('@')[-1]}")
    _seal_key_ready()


def demo() -> None:
    """Load the fictional demo organisation into an empty database."""
    from risk_app.services import demo as demo_service

    store = shared.store()
    key = _seal_key_ready()
    if demo_service.load(store, seal_key=key):
        typer.echo(
            f"Demo organisation loaded: 2 teams, {len(demo_service.DEMO_PEOPLE)} people (one "
            "in Scotland, one in Wales), one account per role, with safeguarding concerns, "
            "panels, decisions, checks and actions in their records; Amina's risk agreement is "
            "issued and partly signed."
        )
    else:
        typer.echo("The database already has accounts; the demo organisation was not loaded again.")
