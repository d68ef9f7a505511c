"""Open the store for the app or the command line, migrating it to the current schema."""

from __future__ import annotations

from risk_app.adapters import migrate
from risk_app.adapters.db import Store
from risk_app.config import Settings
from risk_app.services import framework as framework_service


def open_store(settings: Settings, *, upgrade: bool = True) -> Store:
    """Connect, check the database answers, and apply any pending migrations."""
    if settings.is_sqlite:
        settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    store = Store(settings.database_url)
    store.check()
    if upgrade:
        migrate.upgrade(store)
        # The framework version a safeguarding lead activated, if any.
        framework_service.refresh(store)
    return store


def schema_status(store: Store) -> tuple[str | None, str]:
    """(current revision, newest revision)."""
    return migrate.current_revision(store), migrate.head_revision()
