from __future__ import annotations

from functools import cache

import pytest

from framework import FrameworkGraph, load_framework
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.safeguarding import RAISE_CONCERN_TOUCHPOINT, screen_concern


@cache
def _graph() -> FrameworkGraph:
    return load_framework()


def test_screening_financial_abuse_raises_a_concern_and_follows_the_safeguarding_route():
    graph = _graph()
    screening = screen_concern(graph, ["AB-FIN"])
    assert screening.positive
    assert [a.id for a in screening.abuse_types] == ["AB-FIN"]
    assert screening.abuse_types[0].label == graph.node("AB-FIN").label
    ids = [t.id for t in screening.touchpoints]
    assert ids[0] == RAISE_CONCERN_TOUCHPOINT
    concerned = {
        link.source
        for link in graph.links(target="AB-FIN", type="concerns")
        if graph.node(link.source).type.value == "touchpoint"
    }
    assert set(ids[1:]) == concerned
    assert all(t.type == "touchpoint" for t in screening.touchpoints)
    route_ids = [n.id for n in screening.route]
    assert route_ids == [n.id for n in graph.escalation_path(RAISE_CONCERN_TOUCHPOINT)]


def test_any_abuse_type_brings_in_the_raise_a_concern_touchpoint():
    graph = _graph()
    for node in graph.nodes("abuse_type"):
        screening = screen_concern(graph, [node.id])
        assert screening.touchpoints[0].id == RAISE_CONCERN_TOUCHPOINT
        assert screening.route, f"{node.id} should lead somewhere"


def test_the_route_lists_routes_before_safeguarding_steps_in_process_order():
    graph = _graph()
    screening = screen_concern(graph, ["AB-PHYS", "AB-ORG", "AB-PHYS"])
    kinds = [n.type for n in screening.route]
    assert kinds == sorted(kinds, key=lambda k: k != "route")
    steps = [graph.node(n.id).order or 0 for n in screening.route if n.type == "safeguarding_step"]
    assert steps == sorted(steps)
    assert [a.id for a in screening.abuse_types] == ["AB-PHYS", "AB-ORG"]


def test_unknown_abuse_types_are_refused_listing_the_valid_ones():
    graph = _graph()
    with pytest.raises(InvalidInput, match="'AB-XYZ'.*Choose from: AB-PHYS") as caught:
        screen_concern(graph, ["AB-FIN", "AB-XYZ"])
    assert graph.node("AB-SN").label in str(caught.value)


def test_a_node_that_is_not_an_abuse_type_is_refused():
    with pytest.raises(InvalidInput, match="'TP11'"):
        screen_concern(_graph(), ["TP11"])


def test_screening_nothing_escalates_nothing():
    screening = screen_concern(_graph(), [])
    assert not screening.positive
    assert screening.touchpoints == () and screening.route == ()


def test_a_framework_without_the_raise_a_concern_touchpoint_is_reported():
    with pytest.raises(InvalidInput, match="no touchpoint 'TP99'"):
        screen_concern(_graph(), ["AB-FIN"], raise_concern_touchpoint="TP99")
