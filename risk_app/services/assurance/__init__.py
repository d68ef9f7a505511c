"""Assurance: see docs/architecture.md."""
