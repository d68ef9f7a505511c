"""Shared fixtures for the framework tests: the bundled framework and a tiny valid document."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from framework import BUNDLED_FRAMEWORK, FrameworkGraph, load_framework

MINIMAL: dict[str, Any] = {
    "version": "2026.1.0",
    "title": "Tiny framework",
    "published": "2026-01-01",
    "description": "A two-stage framework used in tests.",
    "references": [
        {
            "id": "R1",
            "title": "A source",
            "publisher": "Someone",
            "url": "https://example.org/",
            "kind": "guidance",
        }
    ],
    "nodes": [
        {
            "id": "ST0",
            "type": "stage",
            "order": 0,
            "label": "Start",
            "plain_label": "Starting",
            "summary": "First stage.",
            "plain_summary": "You start here.",
            "provenance": {"status": "stated", "refs": ["R1"]},
        },
        {
            "id": "ST1",
            "type": "stage",
            "order": 1,
            "label": "Next",
            "plain_label": "Next step",
            "summary": "Second stage.",
            "plain_summary": "You go on to this.",
            "provenance": {"status": "inferred"},
        },
        {
            "id": "TP01",
            "type": "touchpoint",
            "label": "Check",
            "summary": "A safeguarding check.",
            "provenance": {"status": "stated", "refs": ["R1"]},
        },
    ],
    "links": [
        {"source": "ST0", "type": "next", "target": "ST1", "provenance": {"status": "inferred"}},
        {
            "source": "ST0",
            "type": "has_touchpoint",
            "target": "TP01",
            "provenance": {"status": "inferred"},
        },
        {
            "source": "ST1",
            "type": "has_touchpoint",
            "target": "TP01",
            "provenance": {"status": "inferred"},
        },
    ],
}


@pytest.fixture
def minimal() -> dict[str, Any]:
    """A fresh copy of a tiny valid framework document, to break in a test."""
    return copy.deepcopy(MINIMAL)


@pytest.fixture(scope="session")
def bundled() -> FrameworkGraph:
    return load_framework()


@pytest.fixture(scope="session")
def bundled_text() -> str:
    return BUNDLED_FRAMEWORK.read_text(encoding="utf-8")


@pytest.fixture
def node_dict() -> Callable[..., dict[str, Any]]:
    def make(node_id: str, node_type: str, **extra: Any) -> dict[str, Any]:
        return {
            "id": node_id,
            "type": node_type,
            "label": node_id,
            "summary": f"{node_id} summary",
            "provenance": {"status": "inferred"},
            **extra,
        }

    return make


@pytest.fixture
def link_dict() -> Callable[..., dict[str, Any]]:
    def make(source: str, link_type: str, target: str, **extra: Any) -> dict[str, Any]:
        return {
            "source": source,
            "type": link_type,
            "target": target,
            "provenance": {"status": "inferred"},
            **extra,
        }

    return make
