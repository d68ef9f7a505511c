"""Which records evidence which touchpoints: read from the framework graph, never listed in code."""

from __future__ import annotations

import pytest

from framework import load_framework
from risk_app.domain.record.evidence import RECORD_TYPE, RecordKind, evidenced_touchpoints

GRAPH = load_framework()


@pytest.mark.parametrize("kind", list(RecordKind))
def test_every_record_kind_is_a_record_type_in_the_graph_that_evidences_a_touchpoint(kind):
    node = GRAPH.node(RECORD_TYPE[kind])
    assert str(node.type) == "record_type"
    assert evidenced_touchpoints(GRAPH, kind), f"no touchpoint is recorded_as {node.id}"


def test_every_record_kind_has_a_record_type():
    assert set(RECORD_TYPE) == set(RecordKind)


@pytest.mark.parametrize(
    ("touchpoint", "kind"),
    [
        ("TP02", RecordKind.RISK_ASSESSMENT),
        ("TP03", RecordKind.CAPACITY_ASSESSMENT),
        ("TP03", RecordKind.BEST_INTERESTS),
        ("TP08", RecordKind.SUPPORTED_DECISION),
        ("TP09", RecordKind.PLAN_VALIDATION),
        ("TP10", RecordKind.PANEL_REFERRAL),
        ("TP11", RecordKind.SAFEGUARDING_CONCERN),
        ("TP16", RecordKind.REVIEW_HELD),
        ("TP18", RecordKind.REVIEW_HELD),
        ("TP07", RecordKind.AGREEMENT),
        ("TP13", RecordKind.RECRUITMENT_CHECK),
        ("TP14", RecordKind.PROVIDER_CHECK),
    ],
)
def test_the_touchpoints_the_issue_names_are_evidenced_by_their_record(touchpoint, kind):
    assert touchpoint in evidenced_touchpoints(GRAPH, kind)


def test_a_supported_decision_alone_does_not_evidence_a_capacity_assessment():
    assert "TP03" not in evidenced_touchpoints(GRAPH, RecordKind.SUPPORTED_DECISION)


def test_only_touchpoints_are_evidenced_not_other_nodes_recorded_the_same_way():
    # RT2 (a route) and SG1 (a safeguarding step) are also recorded_as records the app keeps.
    assert "RT2" not in evidenced_touchpoints(GRAPH, RecordKind.PANEL_REFERRAL)
    assert "SG1" not in evidenced_touchpoints(GRAPH, RecordKind.SAFEGUARDING_CONCERN)


def test_the_links_we_designed_say_so_in_their_provenance():
    for touchpoint, record_type in [
        ("TP09", "RC-VALID"),
        ("TP10", "RC-PANELREF"),
        ("TP18", "RC-REVIEW"),
    ]:
        (link,) = GRAPH.links(source=touchpoint, target=record_type, type="recorded_as")
        assert str(link.provenance.status) == "inferred"


def test_a_personal_assistants_check_says_nothing_about_the_care_provider_and_back():
    # The DBS touchpoint (England and Wales) or the PVG one (Scotland): one applies to a person.
    assert evidenced_touchpoints(GRAPH, RecordKind.RECRUITMENT_CHECK) == ("TP13", "TP-PVG")
    assert evidenced_touchpoints(GRAPH, RecordKind.PROVIDER_CHECK) == ("TP14",)
