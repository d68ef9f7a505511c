"""The framework per jurisdiction (issue 13): which touchpoints and ways of managing a budget apply
in England, Scotland and Wales, and that nothing is "required by law" that is not.

Each table row names the law it checks.
"""

from __future__ import annotations

import pytest

from framework import FrameworkGraph, Origin, ReferenceKind
from framework.loader import BUNDLED_FRAMEWORK


def ids(nodes) -> list[str]:
    return [n.id for n in nodes]


def test_no_link_in_the_bundled_framework_makes_a_touchpoint_required_by_law(
    bundled: FrameworkGraph,
) -> None:
    """SVGA 2006 Sch 4 and s6(5)-(7): a barred-list check depends on regulated activity, and a
    private employer is not a regulated activity provider, so no answer makes TP13 a duty."""
    assert [link.label for link in bundled.links(type="may_trigger") if link.required] == []
    every_answer = {"RA07": "yes", "RA02": "yes", "RA05": "yes", "RM09": "panel"}
    for stage in bundled.stages():
        for jurisdiction in ("england", "scotland", "wales"):
            found = bundled.required_touchpoints(stage.id, every_answer, jurisdiction=jurisdiction)
            assert found == (), (stage.id, jurisdiction)


def test_children_in_the_home_are_a_prompt_to_consider_the_dbs_check_not_a_duty(
    bundled: FrameworkGraph,
) -> None:
    """SVGA 2006 Sch 4 Part 1: only the PA's own work with children is regulated activity."""
    (link,) = bundled.links(source="RA07", target="TP13", type="may_trigger")
    assert link.required is None
    assert link.provenance.note and "not a duty" in link.provenance.note
    assert "does not by itself" in bundled.node("RA07").summary
    assert "does not by itself" in bundled.node("TP13").summary


def test_the_words_legal_requirement_appear_nowhere_in_the_framework_file() -> None:
    """Nothing is a 'legal requirement' in the file: the one there was invented (review row 3)."""
    text = BUNDLED_FRAMEWORK.read_text(encoding="utf-8").casefold()
    assert "legal requirement" not in text
    assert "children's barred list check is" not in text


@pytest.mark.parametrize(
    ("jurisdiction", "present", "absent"),
    [
        pytest.param("england", {"TP13", "TP14", "TP11"}, {"TP-PVG"}, id="england-SVGA-2006"),
        pytest.param("wales", {"TP13", "TP14", "TP11"}, {"TP-PVG"}, id="wales-SVGA-2006"),
        pytest.param(
            "scotland", {"TP-PVG", "TP14", "TP11"}, {"TP13"}, id="scotland-Disclosure-Scot-Act-2020"
        ),
    ],
)
def test_organising_support_shows_the_disclosure_check_of_the_persons_jurisdiction(
    bundled: FrameworkGraph, jurisdiction: str, present: set[str], absent: set[str]
) -> None:
    """DBS (SVGA 2006) in England and Wales; PVG membership (Disclosure (Scotland) Act 2020)."""
    found = set(ids(bundled.touchpoints_for("ST6", jurisdiction=jurisdiction)))
    assert present <= found
    assert not absent & found
    detail = bundled.stage_detail("ST6", jurisdiction=jurisdiction)
    assert set(ids(detail.touchpoints)) == found


def test_the_pvg_touchpoint_sits_where_the_dbs_touchpoint_does_and_is_recorded_the_same_way(
    bundled: FrameworkGraph,
) -> None:
    """PVG (Scotland) Act 2007 / Disclosure (Scotland) Act 2020: the check of the same moment."""
    assert ids(bundled.stages_of("TP-PVG")) == ids(bundled.stages_of("TP13"))
    assert ids(bundled.records_for("TP-PVG")) == ids(bundled.records_for("TP13"))
    assert "DISC-SCOT-2020" in [r.id for r in bundled.references_for("TP-PVG")]


@pytest.mark.parametrize(
    ("regulator", "reference"),
    [
        pytest.param("Care Quality Commission", "HSCA-2008", id="england-HSCA-2008"),
        pytest.param("Care Inspectorate in Scotland", "PSRSA-2010-P5", id="scotland-PSR-2010-Pt5"),
        pytest.param("Care Inspectorate Wales", "RISCA-2016", id="wales-RISCA-2016"),
    ],
)
def test_the_regulated_provider_touchpoint_names_each_nations_regulator(
    bundled: FrameworkGraph, regulator: str, reference: str
) -> None:
    """TP14 and RM04 are regulator-neutral: every nation's regulator, each cited to its Act."""
    for item in ("TP14", "RM04"):
        node = bundled.node(item)
        assert regulator in f"{node.summary} {node.text or ''}"
        assert reference in node.provenance.refs


@pytest.mark.parametrize(
    ("jurisdiction", "options"),
    [
        pytest.param(
            "england",
            {"BO-DP", "BO-PRO", "BO-ISF", "BO-MIX", "BO-IND", "BO-TRUST", "BO-BROK"},
            id="england-Care-Act-CSSG-ch11",
        ),
        pytest.param(
            "scotland", {"SC-OPT1", "SC-OPT2", "SC-OPT3", "SC-OPT4"}, id="scotland-SDS-Act-2013"
        ),
        pytest.param("wales", {"WA-DP", "WA-LA"}, id="wales-SSWB-Act-2014-ss50-53"),
    ],
)
def test_the_ways_of_managing_a_budget_are_those_of_the_persons_jurisdiction(
    bundled: FrameworkGraph, jurisdiction: str, options: set[str]
) -> None:
    assert set(ids(bundled.budget_options_offered("ST5", jurisdiction=jurisdiction))) == options


def test_englands_older_local_arrangements_are_marked_local_policy(
    bundled: FrameworkGraph,
) -> None:
    """Care and support statutory guidance ch.11: direct payment, council-managed account,
    individual service fund, or a mix; the rest are a council's own arrangements."""
    for option in ("BO-IND", "BO-TRUST", "BO-BROK"):
        node = bundled.node(option)
        assert node.provenance.origin is Origin.LOCAL_POLICY
        assert "older local arrangement" in node.label
    for option in ("BO-DP", "BO-PRO", "BO-ISF", "BO-MIX"):
        assert bundled.node(option).provenance.origin is not Origin.LOCAL_POLICY
    assert bundled.node("BO-PRO").label == "Account managed by the council"
    assert "six ways" not in bundled.node("ST5").summary


@pytest.mark.parametrize(
    "item", ["RM01", "TP12", "RO-REP"], ids=["RM01-CA-s31-s32", "TP12-CA-s31-s32", "RO-REP"]
)
def test_someone_receiving_a_direct_payment_for_the_person_is_named_per_jurisdiction(
    bundled: FrameworkGraph, item: str
) -> None:
    """Care Act 2014 ss31-32 (England: nominated, authorised person); SSWB(W)A 2014 s50 (Wales:
    suitable person). 'Suitable person' is never given as the English term."""
    node = bundled.node(item)
    words = f"{node.summary} {node.text or ''}"
    assert "nominated" in words and "authorised person" in words
    assert "suitable person" in words
    at = words.index("suitable person")
    assert "Wales" in words[at - 25 : at + 40]


def test_stored_answers_to_who_manages_the_money_keep_their_values(
    bundled: FrameworkGraph,
) -> None:
    """Answers are stored as option values: the wording changed, the values did not."""
    assert bundled.node("RM01").options == (
        "me",
        "suitable_person_or_nominee",
        "third_party",
        "council",
    )


def test_the_law_behind_disclosure_and_providers_is_cited_to_the_primary_text(
    bundled: FrameworkGraph,
) -> None:
    wanted = {
        "SVGA-2006-SCH4": "https://www.legislation.gov.uk/ukpga/2006/47/schedule/4",
        "DP-REGS-2014-R3": "https://www.legislation.gov.uk/uksi/2014/2871/regulation/3",
        "PVG-2007": "https://www.legislation.gov.uk/asp/2007/14",
        "DISC-SCOT-2020": "https://www.legislation.gov.uk/asp/2020/13",
    }
    for ref_id, url in wanted.items():
        ref = bundled.reference(ref_id)
        assert ref.url == url
        assert ref.kind is ReferenceKind.LEGISLATION
    assert "DP-REGS-2014-R3" in bundled.node("RM03").provenance.refs


def test_safer_recruitment_is_not_listed_as_screening_for_abuse(bundled: FrameworkGraph) -> None:
    """Review row 22: recruiting a PA safely is prevention, not screening the person for abuse."""
    assert bundled.abuse_types_for("TP13") == ()
    assert bundled.abuse_types_for("TP-PVG") == ()


def test_a_risk_to_others_is_not_read_as_a_concern_about_the_person(
    bundled: FrameworkGraph,
) -> None:
    (link,) = bundled.links(source="RA05", target="TP11", type="may_trigger")
    assert link.provenance.note and "not a concern about them" in link.provenance.note
