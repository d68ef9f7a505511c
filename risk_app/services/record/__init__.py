"""Record: see docs/architecture.md."""
