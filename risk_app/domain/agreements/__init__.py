"""Agreements: see docs/architecture.md."""
