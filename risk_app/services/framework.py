"""The framework the app works under. Loaded once per process: it is reference data, not personal data."""

from __future__ import annotations

from functools import lru_cache

from framework import FrameworkGraph, load_framework


@lru_cache(maxsize=1)
def current() -> FrameworkGraph:
    return load_framework()


def version() -> str:
    return current().version
