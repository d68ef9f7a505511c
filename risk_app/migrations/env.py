"""Alembic environment: runs on the connection risk_app hands it (see risk_app/adapters/migrate.py)."""

from __future__ import annotations

from alembic import context

from risk_app.adapters.tables import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - we always pass a connection
    raise RuntimeError("Run migrations with `risk-app db upgrade`, which supplies the connection.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables safely
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
