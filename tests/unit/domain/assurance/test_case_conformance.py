"""Case conformance: rules read off the framework graph, and what they find in journeys."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import UTC, date, datetime

import pytest

from framework import load_framework, load_framework_text
from framework.loader import BUNDLED_FRAMEWORK
from risk_app.domain.assurance.conformance import audit_cases
from risk_app.domain.assurance.conformance_check import DeviationType, check_case
from risk_app.domain.assurance.conformance_output import report_csv_rows, report_json, report_text
from risk_app.domain.assurance.conformance_report import DrillGroup, DrillKey, DrillOutcome
from risk_app.domain.assurance.conformance_rules import ConformanceRules, derive_rules
from risk_app.domain.assurance.conformance_trace import CaseEvent, CaseTrace, EventState
from risk_app.domain.assurance.synthetic_logs import SyntheticLogs

GRAPH = load_framework()
RULES = derive_rules(GRAPH)
AS_OF = date(2027, 1, 1)
_TRIGGER = 'target: TP13, when: "yes", provenance'
REQUIRING_GRAPH = load_framework_text(
    BUNDLED_FRAMEWORK.read_text(encoding="utf-8").replace(
        _TRIGGER, 'target: TP13, when: "yes", required: true, provenance'
    ),
    "local-policy.yaml",
)
"""The framework as a council might revise it (local policy): RA07 "yes" requires TP13. The
bundled file marks no link required, so the triggered-touchpoint rule is tested on this one."""
REQUIRING = derive_rules(REQUIRING_GRAPH)


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=UTC)


def ev(day: str, item: str, answer: str | None = None, state: int = EventState.DONE) -> CaseEvent:
    return CaseEvent(at(day), item, answer, state)


def full_journey_to(stage: str) -> list[CaseEvent]:
    """A journey that does everything the bundled framework expects, up to ``stage``."""
    steps = [
        ev("2026-01-05", "ST0"),
        ev("2026-01-05T10:00", "TP01"),
        ev("2026-01-12", "ST1"),
        ev("2026-01-13", "TP02"),
        ev("2026-01-13T11:00", "RC-RA"),
        ev("2026-01-14", "TP04"),
        ev("2026-01-14T10:00", "TP05"),
        ev("2026-01-15", "RA07", "no"),
        ev("2026-02-01", "ST2"),
        ev("2026-02-02", "TP06"),
        ev("2026-02-15", "ST3"),
        ev("2026-03-01", "TP07"),
        ev("2026-03-01T10:00", "TP08"),
        ev("2026-03-10", "ST4"),
        ev("2026-03-11", "TP09"),
        ev("2026-03-11T10:00", "RC-PLAN"),
        ev("2026-03-20", "ST5"),
        ev("2026-03-21", "TP12"),
        ev("2026-03-21T10:00", "BO-PRO"),
        ev("2026-04-01", "ST6"),
        ev("2026-04-02", "TP14"),
        ev("2026-05-01", "ST7"),
        ev("2026-05-02", "TP15"),
        ev("2026-09-01", "ST8"),
        ev("2026-09-02", "TP18"),
    ]
    if stage == RULES.stages[-1]:
        return steps
    following = RULES.stages[RULES.stages.index(stage) + 1]
    return steps[: next(i for i, e in enumerate(steps) if e.item == following)]


def found(
    events: list[CaseEvent],
    as_of: date = AS_OF,
    rules: ConformanceRules = RULES,
    **trace: object,
) -> list[tuple[str, str | None, str | None]]:
    result = check_case(rules, CaseTrace("case-1", events, **trace), as_of)  # type: ignore[arg-type]
    return [(d.type.value, d.stage, d.touchpoint) for d in result.deviations]


def messages(
    events: list[CaseEvent], as_of: date = AS_OF, rules: ConformanceRules = RULES, **trace: object
) -> list[str]:
    result = check_case(rules, CaseTrace("case-1", events, **trace), as_of)  # type: ignore[arg-type]
    return [d.message for d in result.deviations]


# ------------------------------------------------------------------------------- rules
def test_each_stage_expects_its_touchpoints_except_those_an_answer_can_trigger():
    expected = {stage: [e.touchpoint for e in items] for stage, items in RULES.expected.items()}
    assert expected["ST1"] == ["TP01", "TP02", "TP04", "TP05"]  # TP03 waits for RA02
    assert expected["ST4"] == ["TP09"]  # TP10 waits for RM09
    assert expected["ST6"] == ["TP14", "TP-PVG"]  # TP13 waits for RA07; PVG is Scotland's
    pvg = next(e for e in RULES.expected["ST6"] if e.touchpoint == "TP-PVG")
    assert pvg.jurisdictions == {"scotland"} and pvg.options == {"SC-OPT1", "SC-OPT4"}
    assert all("TP11" not in tps for tps in expected.values())  # concerns are raised when needed
    assert {e.touchpoint: e.options for e in RULES.expected["ST8"]} == {
        "TP16": frozenset({"BO-DP"}),
        "TP17": frozenset({"BO-DP"}),
        "TP18": frozenset(),
    }


def test_only_triggers_marked_required_make_a_touchpoint_expected():
    """SVGA 2006 Sch 4: the bundled framework makes nothing required (children in the home do not
    make a barred-list check a duty); a council's revision can."""
    assert RULES.triggers == {}
    assert [(t.prompt, t.when, t.touchpoint) for ts in REQUIRING.triggers.values() for t in ts] == [
        ("RA07", "yes", "TP13")
    ]


def test_the_removed_rule_is_reported_for_nobody_whatever_the_jurisdiction():
    events = [*full_journey_to("ST8"), ev("2026-01-15T12:00", "RA07", "yes")]
    for jurisdiction in ("england", "scotland", "wales", None):
        result = check_case(RULES, CaseTrace("c", events, jurisdiction=jurisdiction), AS_OF)
        assert [d for d in result.deviations if d.touchpoint == "TP13"] == [], jurisdiction


def test_a_signed_off_record_needs_the_records_of_earlier_stages_before_it():
    assert [
        (p.record, p.requires, p.record_stage, p.requires_stage) for p in RULES.prerequisites
    ] == [
        ("RC-PLAN", "RC-RA", "ST3", "ST1"),
        ("RC-RISKAGR", "RC-RA", "ST3", "ST1"),
    ]


def test_the_review_schedule_comes_from_the_review_loop_and_direct_payment_touchpoints():
    review = RULES.review
    assert review is not None
    assert review.stage == "ST8"
    assert review.items == {"ST8", "TP16", "TP17", "TP18"}
    assert review.options == {"BO-DP"}
    assert (review.first_months, review.interval_months) == (6, 12)


def test_a_revised_framework_changes_the_rules_without_code_changes():
    text = BUNDLED_FRAMEWORK.read_text(encoding="utf-8")
    capacity = '{source: RA02, type: may_trigger, target: TP03, when: "yes", provenance:'
    assert capacity in text
    revised = text.replace(
        capacity, capacity.replace('when: "yes",', 'when: "yes", required: true,')
    )
    rules = derive_rules(load_framework_text(revised, "revised.yaml"))
    assert ("RA02", "yes", "TP03") in [
        (t.prompt, t.when, t.touchpoint) for ts in rules.triggers.values() for t in ts
    ]
    events = [*full_journey_to("ST1"), ev("2026-01-15T12:00", "RA02", "Yes")]
    result = check_case(rules, CaseTrace("c", events), AS_OF)
    assert [(d.type.value, d.touchpoint) for d in result.deviations] == [
        ("missing_triggered_touchpoint", "TP03")
    ]
    assert found(events) == []  # the bundled framework does not require it


# ------------------------------------------------------------------------------- cases
@pytest.mark.parametrize("stage", RULES.stages)
def test_a_journey_that_does_what_each_stage_expects_conforms(stage):
    assert found(full_journey_to(stage)) == []


def test_a_stage_reached_without_one_of_its_touchpoints_says_which_in_words():
    events = [e for e in full_journey_to("ST3") if e.item != "TP07"]
    assert messages(events) == [
        (
            "Stage 'Support planning and brokerage' reached on 15 February 2026: touchpoint TP07 "
            "'Plan covers risks to, from and by the person, with a contingency' missing."
        )
    ]


def test_a_touchpoint_expected_at_two_stages_is_reported_once_at_the_first():
    events = [e for e in full_journey_to("ST2") if e.item != "TP01"]
    assert found(events) == [("missing_touchpoint", "ST0", "TP01")]


def test_a_touchpoint_done_before_its_stage_began():
    events = [e for e in full_journey_to("ST2") if e.item != "TP05"] + [ev("2026-01-06", "TP05")]
    assert found(events) == [("touchpoint_before_stage", "ST1", "TP05")]
    assert messages(events) == [
        (
            "Touchpoint TP05 'Check the case history' done on 6 January 2026, before stage "
            "'Self-assessment and eligibility' began on 12 January 2026."
        )
    ]


def test_a_touchpoint_whose_stage_was_never_reached_is_before_it():
    events = [*full_journey_to("ST1"), ev("2026-01-20", "TP07")]
    assert messages(events) == [
        (
            "Touchpoint TP07 'Plan covers risks to, from and by the person, with a contingency' done "
            "on 20 January 2026, before stage 'Support planning and brokerage' began (it was never "
            "reached)."
        )
    ]


def test_a_touchpoint_done_after_the_next_stage_began():
    events = [e for e in full_journey_to("ST3") if e.item != "TP06"] + [ev("2026-02-20", "TP06")]
    assert found(events) == [("touchpoint_after_next_stage", "ST2", "TP06")]
    assert (
        "after the next stage, 'Support planning and brokerage', began on 15 February 2026"
        in (messages(events)[0])
    )


def test_a_touchpoint_done_exactly_when_the_next_stage_began_is_in_order():
    events = [e for e in full_journey_to("ST3") if e.item != "TP06"] + [ev("2026-02-15", "TP06")]
    assert found(events) == []


def test_done_once_in_order_is_enough_even_if_done_again_later():
    events = [*full_journey_to("ST3"), ev("2026-03-05", "TP05")]
    assert found(events) == []


def test_a_touchpoint_judged_not_applicable_is_not_missing():
    events = [e for e in full_journey_to("ST3") if e.item != "TP08"]
    events.append(ev("2026-03-02", "TP08", state=EventState.NOT_APPLICABLE))
    assert found(events) == []


def test_an_answer_that_makes_a_touchpoint_required_is_followed_up_at_its_stage():
    events = [*full_journey_to("ST6"), ev("2026-01-15T12:00", "RA07", "Yes")]
    assert found(events, rules=REQUIRING) == [("missing_triggered_touchpoint", "ST6", "TP13")]
    assert messages(events, rules=REQUIRING)[0].endswith(
        "touchpoint TP13 'Safer recruitment of personal assistants' missing, required since RA07 "
        "'Children in or visiting the home' was answered 'Yes' on 15 January 2026."
    )
    assert found([*events, ev("2026-04-03", "TP13")], rules=REQUIRING) == []


def test_a_required_touchpoint_of_another_jurisdiction_is_not_expected():
    """A required DBS touchpoint (England and Wales) is never missing in a Scottish case."""
    events = [*full_journey_to("ST6"), ev("2026-01-15T12:00", "RA07", "Yes")]
    assert found(events, rules=REQUIRING, jurisdiction="scotland") == []
    assert found(events, rules=REQUIRING, jurisdiction="wales") == [
        ("missing_triggered_touchpoint", "ST6", "TP13")
    ]


def test_a_required_touchpoint_is_not_expected_before_its_stage_is_reached():
    events = [*full_journey_to("ST5"), ev("2026-01-15T12:00", "RA07", "yes")]
    assert found(events, rules=REQUIRING) == []


def test_the_newest_answer_counts():
    events = [*full_journey_to("ST6"), ev("2026-01-15T12:00", "RA07", "yes")]
    assert found([*events, ev("2026-01-20", "RA07", "no")], rules=REQUIRING) == []


def test_a_plan_agreed_with_no_risk_assessment_recorded():
    events = [e for e in full_journey_to("ST4") if e.item != "RC-RA"]
    events = [e for e in events if e.item != "RC-PLAN"] + [ev("2026-05-03", "RC-PLAN")]
    assert found(events) == [("missing_prerequisite", "ST4", None)]
    assert messages(events) == [
        "Support plan agreed on 3 May 2026 with no risk assessment recorded."
    ]


def test_a_plan_agreed_before_the_risk_assessment_names_when_that_came():
    events = [e for e in full_journey_to("ST4") if e.item != "RC-RA"] + [ev("2026-03-15", "RC-RA")]
    assert messages(events) == [
        (
            "Support plan agreed on 11 March 2026 with no risk assessment recorded before it (the "
            "first was on 15 March 2026)."
        )
    ]


def dp_journey(*reviews: str) -> list[CaseEvent]:
    events = [e for e in full_journey_to("ST7") if e.item != "BO-PRO"] + [ev("2026-03-21", "BO-DP")]
    return events + [ev(day, "TP16") for day in reviews]


def test_direct_payment_touchpoints_are_expected_only_with_a_direct_payment():
    events = [*full_journey_to("ST8")]
    assert found(events) == []
    dp = [e for e in events if e.item != "BO-PRO"] + [ev("2026-03-21T10:00", "BO-DP")]
    assert found(dp, as_of=date(2026, 9, 3)) == [
        ("missing_touchpoint", "ST8", "TP16"),
        ("missing_touchpoint", "ST8", "TP17"),
    ]


def test_a_direct_payment_is_reviewed_within_six_months_then_every_twelve():
    on_time = dp_journey()  # started 21 March 2026: first review due by 21 September 2026
    assert found(on_time, as_of=date(2026, 9, 21)) == []
    assert messages(on_time, as_of=date(2026, 9, 22)) == [
        (
            "First direct payment review due by 21 September 2026 (6 months after it started on 21 "
            "March 2026) not held by 22 September 2026: 1 day overdue."
        )
    ]
    review = ["ST8", "TP16", "TP17", "TP18"]
    late = dp_journey() + [ev(f"2026-10-01T1{i}:00", item) for i, item in enumerate(review)]
    assert found(late, as_of=date(2027, 10, 1)) == [("review_late", "ST8", None)]
    assert "was held on 1 October 2026, 10 days late." in messages(late, as_of=date(2027, 10, 1))[0]
    then = [*late, ev("2027-11-05", "TP16")]
    assert found(then, as_of=date(2027, 11, 5)) == [
        ("review_late", "ST8", None),
        ("review_late", "ST8", None),
    ]
    assert found(late, as_of=date(2027, 10, 2)) == [
        ("review_late", "ST8", None),
        ("review_overdue", "ST8", None),
    ]
    assert messages(late, as_of=date(2027, 10, 2))[1] == (
        "Direct payment review due by 1 October 2027 (12 months after the review on 1 October "
        "2026) not held by 2 October 2027: 1 day overdue."
    )


def test_a_review_before_the_payment_started_does_not_count_as_its_first():
    events = dp_journey()
    result = check_case(
        RULES, CaseTrace("c", events, "BO-DP", date(2026, 9, 10)), date(2027, 3, 11)
    )
    assert [(d.type.value, d.due) for d in result.deviations] == [
        ("review_overdue", date(2027, 3, 10))
    ]


def test_a_review_recorded_outside_the_stage_history_counts_for_timeliness_only():
    events = [*dp_journey(), ev("2026-08-01", "ST8", state=EventState.REVIEW)]
    assert found(events, as_of=date(2027, 7, 31)) == []
    assert found(events, as_of=date(2027, 8, 2)) == [("review_overdue", "ST8", None)]


def test_going_round_the_review_loop_opens_the_stages_again():
    events = [*full_journey_to("ST8"), ev("2026-10-01", "ST1"), ev("2026-10-02", "TP05")]
    assert found(events) == []
    assert found([*events, ev("2026-09-20", "TP05")]) == []  # done in order once already
    result = check_case(RULES, CaseTrace("c", [*events[:-1], ev("2026-09-20", "TP03")]), AS_OF)
    assert [d.type for d in result.deviations] == [DeviationType.TOUCHPOINT_AFTER_NEXT_STAGE]


# ------------------------------------------------------------------------------- report
def sample_report() -> tuple[ConformanceRules, object]:
    traces = [
        CaseTrace("A", full_journey_to("ST3")),
        CaseTrace("B", [e for e in full_journey_to("ST3") if e.item != "TP07"]),
        CaseTrace(
            "C",
            [e for e in full_journey_to("ST1") if e.item != "TP05"] + [ev("2026-01-06", "TP05")],
        ),
    ]
    return RULES, audit_cases(RULES, traces, as_of=AS_OF)


def test_aggregates_give_rates_per_stage_and_touchpoint_with_the_cases_behind_them():
    _, report = sample_report()
    assert report.overall.cases == 3 and report.overall.conforming == 1
    stages = {s.stage: s.reached for s in report.by_stage()}
    assert (stages["ST1"].cases, stages["ST1"].conforming, stages["ST1"].rate) == (3, 2, 0.6667)
    assert (stages["ST3"].cases, stages["ST3"].deviating) == (2, 1)
    assert stages["ST8"].cases == 0 and stages["ST8"].rate is None
    tps = {t.touchpoint: t for t in report.by_touchpoint()}
    assert (tps["TP07"].judged.cases, tps["TP07"].missing) == (2, 1)
    assert (tps["TP05"].judged.cases, tps["TP05"].out_of_order) == (3, 1)
    assert report.case_ids(DrillKey.stage("ST3", DrillOutcome.DEVIATING)) == ("B",)
    assert report.case_ids(DrillKey.touchpoint("TP05", DrillOutcome.OUT_OF_ORDER)) == ("C",)
    assert report.case_ids(DrillKey.touchpoint("TP05", DrillOutcome.CONFORMING)) == ("A", "B")
    assert report.case_ids(DrillKey.cases(DrillOutcome.CONFORMING)) == ("A",)
    assert report.case_ids(DrillKey.stage("ST8")) == ()


def test_deviations_by_type_and_by_month_can_be_drilled_into():
    _, report = sample_report()
    types = {t.type.value: (t.deviations, t.cases) for t in report.by_type()}
    assert types["missing_touchpoint"] == (1, 1) and types["review_late"] == (0, 0)
    months = [(m.month, m.deviations, dict(m.by_type)) for m in report.by_month()]
    assert months == [
        ("2026-01", 1, {"touchpoint_before_stage": 1}),
        ("2026-02", 1, {"missing_touchpoint": 1}),
    ]
    assert report.case_ids(DrillKey.month("2026-02")) == ("B",)
    assert report.case_ids(DrillKey.month("2026-02", DeviationType.MISSING_TOUCHPOINT)) == ("B",)
    assert report.case_ids(DrillKey.of_type(DeviationType.REVIEW_OVERDUE)) == ()
    with pytest.raises(KeyError):
        report.case_ids(DrillKey.stage("ST99"))
    with pytest.raises(KeyError):
        report.case_ids(DrillKey.month("2026-13"))


def test_a_drill_down_key_is_a_value_written_as_the_json_report_writes_it():
    keys = [
        DrillKey.cases(),
        DrillKey.cases(DrillOutcome.DEVIATING),
        DrillKey.stage("ST3", DrillOutcome.DEVIATING),
        DrillKey.touchpoint("TP05", DrillOutcome.OUT_OF_ORDER),
        DrillKey.of_type(DeviationType.REVIEW_LATE),
        DrillKey.month("2026-05"),
        DrillKey.month("2026-05", DeviationType.MISSING_TOUCHPOINT),
    ]
    assert [str(key) for key in keys] == [
        "cases",
        "cases:deviating",
        "stage:ST3:deviating",
        "touchpoint:TP05:out_of_order",
        "type:review_late",
        "month:2026-05",
        "month:2026-05:missing_touchpoint",
    ]
    assert DrillKey.stage("ST3") == DrillKey(DrillGroup.STAGE, "ST3")
    for impossible in (
        lambda: DrillKey.stage("ST3", DrillOutcome.MISSING),
        lambda: DrillKey(DrillGroup.TYPE),
        lambda: DrillKey(DrillGroup.CASES, "ST3"),
        lambda: DrillKey(DrillGroup.STAGE),
    ):
        with pytest.raises(ValueError):
            impossible()
    _, report = sample_report()
    data = report_json(report, RULES)
    assert list(data["drill_down"]) == [str(key) for key in report.drill_down_keys()]


def test_every_output_names_the_framework_version_judged_against():
    rules, report = sample_report()
    data = report_json(report, rules)
    assert data["framework"]["version"] == GRAPH.version
    assert data["summary"]["cases"] == 3 and data["drill_down"]["cases:deviating"] == ["B", "C"]
    assert [c["case_id"] for c in data["cases"]] == ["B", "C"]
    assert GRAPH.version in next(iter(report_text(report, rules)))
    rows = list(
        csv.reader(io.StringIO("\n".join(",".join(r) for r in report_csv_rows(report, rules))))
    )
    assert rows[0][0] == "framework_version" and {r[0] for r in rows[1:]} == {GRAPH.version}


def test_a_case_id_that_looks_like_a_formula_is_defused_in_csv():
    report = audit_cases(RULES, [CaseTrace("=cmd()", [ev("2026-01-01", "ST0")])], as_of=AS_OF)
    rows = list(report_csv_rows(report, RULES))
    assert rows[1][2] == "'=cmd()"


def test_the_audit_date_defaults_to_the_latest_event():
    report = audit_cases(RULES, [CaseTrace("A", full_journey_to("ST2"))])
    assert report.as_of == date(2026, 2, 2)


@pytest.mark.parametrize("seed", [3, 17])
def test_synthetic_logs_plant_exactly_the_deviations_the_audit_finds(seed):
    logs = SyntheticLogs(REQUIRING_GRAPH, seed=seed, deviation_rate=0.3)
    cases = list(logs.cases(4000))
    traces = []
    for case in cases:
        events = []
        for _, activity, stamp, _, _ in case.rows:
            target = logs.mapping.get(activity, activity)
            if target == "ignore":
                continue
            item, _, answer = target.partition("=")
            events.append(CaseEvent(datetime.fromisoformat(stamp), item, answer or None))
        traces.append(CaseTrace(case.case_id, events, jurisdiction=case.jurisdiction))
    report = audit_cases(REQUIRING, traces, as_of=logs.as_of)
    planted = Counter(key for case in cases for key in case.planted)
    assert {case.jurisdiction for case in cases} == {"england", "scotland", "wales"}
    assert Counter(d.key for d in report.deviations) == planted
    assert len({kind for _, kind, _, _ in planted}) == len(DeviationType)


# ------------------------------------------------------------------------- by jurisdiction
def _organising_support_with(option: str) -> list[CaseEvent]:
    events = [e for e in full_journey_to("ST6") if e.item != "BO-PRO"]
    return [*events, ev("2026-03-21T10:00", option)]


@pytest.mark.parametrize(
    ("jurisdiction", "option", "missing"),
    [
        pytest.param(
            "scotland",
            "SC-OPT1",
            [("missing_touchpoint", "ST6", "TP-PVG")],
            id="scotland-option1-Disclosure-Act-2020",
        ),
        pytest.param("scotland", "SC-OPT3", [], id="scotland-option3-no-PA-employed"),
        pytest.param("england", "BO-DP", [], id="england-SVGA-2006-no-PVG"),
        pytest.param("wales", "WA-DP", [], id="wales-SVGA-2006-no-PVG"),
    ],
)
def test_a_case_is_held_only_to_the_disclosure_touchpoint_of_its_jurisdiction(
    jurisdiction, option, missing
):
    """PVG membership (Disclosure (Scotland) Act 2020) is expected of a Scottish option 1 case;
    an English or Welsh case is never missing it, and nobody is missing the DBS touchpoint."""
    events = [*_organising_support_with(option), ev("2026-01-15T12:00", "RA07", "yes")]
    # Judged before a direct payment's first review falls due (Direct Payments Regs 2014 reg 7).
    assert found(events, as_of=date(2026, 6, 1), jurisdiction=jurisdiction) == missing


def test_a_case_without_a_jurisdiction_is_judged_as_english_and_the_report_says_so():
    traces = [
        CaseTrace("known", full_journey_to("ST6"), jurisdiction="scotland"),
        CaseTrace("unknown", _organising_support_with("SC-OPT1")),
    ]
    report = audit_cases(RULES, traces, as_of=AS_OF)
    assert report.deviations == ()  # judged as English, the unknown case is not held to PVG
    assert report.unknown_jurisdiction == 1
    caveat = report.jurisdiction_caveat
    assert caveat is not None and caveat.startswith("1 of 2 cases had no jurisdiction recorded")
    assert caveat in list(report_text(report, RULES))
    data = report_json(report, RULES)
    assert data["summary"]["cases_without_jurisdiction"] == 1
    assert data["summary"]["jurisdiction_caveat"] == caveat
    assert {c["case_id"]: c["jurisdiction"] for c in data["cases"]} == {}


def test_a_report_whose_cases_all_have_a_jurisdiction_has_no_caveat():
    traces = [CaseTrace("a", full_journey_to("ST2"), jurisdiction="wales")]
    report = audit_cases(RULES, traces, as_of=AS_OF)
    assert report.jurisdiction_caveat is None
    assert not [line for line in report_text(report, RULES) if "jurisdiction" in line]
