"""The framework the app works under. Loaded once per process: it is reference data, not personal data."""

from __future__ import annotations

from functools import lru_cache

from framework import FrameworkGraph, load_framework
from risk_app.domain.errors import InvalidInput


@lru_cache(maxsize=1)
def current() -> FrameworkGraph:
    return load_framework()


def version() -> str:
    return current().version


def route_id(route: str) -> str:
    """The id of an escalation route in the current framework, or InvalidInput listing them."""
    graph = current()
    try:
        node = graph.node(route)
    except KeyError:
        node = None
    if node is None or str(node.type) != "route":
        known = ", ".join(f"{n.id} ({n.label})" for n in graph.nodes(type="route"))
        raise InvalidInput(f"{route!r} is not a route in the framework. Choose one of: {known}.")
    return node.id


def route_label(route: str) -> str:
    """A route's label, or its stored id if a later framework version retired it."""
    try:
        return current().node(route).label
    except KeyError:
        return route


def escalation_routes() -> frozenset[str]:
    """Routes that count for a risk still high after mitigation: those another route escalates
    to (in the framework, a light-touch agreement escalates to a panel, and so on)."""
    graph = current()
    routes = {n.id for n in graph.nodes(type="route")}
    return frozenset(
        link.target
        for link in graph.links(type="escalates_to")
        if link.source in routes and link.target in routes
    )


def stage_label(stage_id: str) -> str:
    try:
        return current().node(stage_id).label
    except KeyError:
        return stage_id
