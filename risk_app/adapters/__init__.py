"""Adapters at the edge: the database (SQLAlchemy) and migrations (Alembic)."""
