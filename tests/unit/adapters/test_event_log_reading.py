"""Reading event logs and mappings: every row accounted for, hostile files refused whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framework import load_framework
from risk_app.adapters.event_logs import read_event_log, read_mapping
from risk_app.domain.assurance.conformance import audit_cases
from risk_app.domain.assurance.conformance_rules import derive_rules
from risk_app.domain.assurance.conformance_trace import EventState
from risk_app.domain.assurance.event_log import EventLog, EventLogError, ImportProgress

RULES = derive_rules(load_framework())
EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"
MAPPING = read_mapping(EXAMPLES / "mapping.csv", RULES)
HEADER = "case_id,activity,timestamp\n"


def read(text: str | bytes, *, name: str = "log.csv", mapping=MAPPING, **options) -> EventLog:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return read_event_log(raw, RULES, mapping, name=name, **options)


def accounted(log: EventLog) -> bool:
    report = log.report
    return report.rows == report.events + report.ignored + len(report.skipped)


def skipped(log: EventLog) -> list[tuple[int, str]]:
    return [(row.line, row.code) for row in log.report.skipped]


# ----------------------------------------------------------------------------- examples
def test_the_example_csv_and_xes_logs_hold_the_same_journeys():
    csv_log = read_event_log(EXAMPLES / "events.csv", RULES, MAPPING)
    xes_log = read_event_log(EXAMPLES / "events.xes", RULES, MAPPING)
    assert (csv_log.report.format, xes_log.report.format) == ("csv", "xes")
    for log in (csv_log, xes_log):
        assert (log.report.rows, log.report.events, log.report.ignored) == (75, 74, 1)
        assert log.report.cases == 4 and log.report.skipped == ()
    as_csv = audit_cases(RULES, csv_log.traces)
    as_xes = audit_cases(RULES, xes_log.traces)
    assert [d.message for d in as_csv.deviations] == [d.message for d in as_xes.deviations]
    assert "Support plan agreed on 3 May 2026 with no risk assessment recorded." in [
        d.message for d in as_csv.deviations
    ]


def test_activities_that_are_framework_ids_need_no_mapping():
    log = read(HEADER + "c1,ST0,2026-01-01\nc1,tp01,2026-01-01T10:00\n", mapping=None)
    assert [e[1] for e in log.traces[0].events] == ["ST0", "TP01"]


def test_answers_come_from_an_answer_column_or_the_mapping():
    log = read(
        "case_id,activity,timestamp,answer\nc1,RA07,2026-01-01,Yes\nc1,Children in home? no,"
        "2026-01-02,\nc1,RA07,2026-01-03,\nc1,RA07,2026-01-04,maybe\n"
    )
    assert [(e[1], e[2]) for e in log.traces[0].events] == [("RA07", "Yes"), ("RA07", "no")]
    assert skipped(log) == [(4, "missing_answer"), (5, "bad_answer")]


@pytest.mark.parametrize(
    ("given", "recorded"),
    [
        pytest.param("england", "england", id="england"),
        pytest.param("Scotland", "scotland", id="scotland-any-case"),
        pytest.param("wales", "wales", id="wales"),
        pytest.param("", None, id="blank-is-unknown"),
    ],
)
def test_a_jurisdiction_column_gives_each_case_its_nation(given, recorded):
    log = read(f"case_id,activity,timestamp,jurisdiction\nc1,ST0,2026-01-01,{given}\n")
    assert log.traces[0].jurisdiction == recorded
    assert log.report.skipped == () and log.report.warnings == ()


def test_a_jurisdiction_that_is_no_nation_or_changes_within_a_case_is_reported_once():
    log = read(
        "case_id,activity,timestamp,jurisdiction\n"
        "c1,ST0,2026-01-01,northern ireland\nc1,ST1,2026-01-02,northern ireland\n"
        "c2,ST0,2026-01-01,scotland\nc2,ST1,2026-01-02,england\n"
    )
    nations = {t.case_id: t.jurisdiction for t in log.traces}
    assert nations == {"c1": None, "c2": "scotland"}
    assert log.report.events == 4 and accounted(log)
    assert [w.split(" (")[0] for w in log.report.warnings] == [
        "1 case names a jurisdiction that is not england, scotland or wales",
        "1 case names more than one jurisdiction",
    ]


def test_a_xes_trace_attribute_gives_the_cases_jurisdiction():
    xes = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<log>\n<trace>\n'
        '<string key="concept:name" value="c1"/>\n<string key="jurisdiction" value="scotland"/>\n'
        '<event><string key="concept:name" value="ST0"/>'
        '<date key="time:timestamp" value="2026-01-01T00:00:00Z"/></event>\n'
        "</trace>\n</log>\n"
    )
    log = read(xes, name="log.xes")
    assert log.traces[0].jurisdiction == "scotland"


def test_a_status_column_marks_touchpoints_not_applicable():
    log = read("case_id,activity,timestamp,status\nc1,TP13,2026-01-01,n/a\nc1,TP14,2026-01-01,\n")
    assert [e[3] for e in log.traces[0].events] == [EventState.NOT_APPLICABLE, EventState.DONE]
    assert skipped(read("case_id,activity,timestamp,status\nc1,TP13,2026-01-01,maybe\n")) == [
        (2, "bad_status")
    ]


def test_other_column_names_from_xes_exports_and_other_separators_are_understood():
    log = read("case:concept:name;concept:name;time:timestamp;org:resource\nc1;ST0;2026-01-01;x\n")
    assert log.report.events == 1
    tabbed = read("Case ID\tActivity\tTimestamp\nc1\tST0\t2026-01-01T09:00:00+01:00\n")
    assert tabbed.traces[0].events[0][0].utcoffset().total_seconds() == 3600


# --------------------------------------------------------------------------- bad rows
def test_every_bad_row_is_listed_with_its_line_and_reason_and_nothing_is_dropped_silently():
    text = (
        HEADER
        + "c1,ST0,2026-01-01T09:00:00Z\n"  # 2 good
        + "c1,Phone call,2026-01-01T10:00:00Z\n"  # 3 ignored by the mapping
        + "c1,Coffee,2026-01-01T11:00:00Z\n"  # 4 unknown activity
        + "c1,ST1,01/02/2026\n"  # 5 bad timestamp
        + ",ST1,2026-01-02\n"  # 6 no case
        + "c1,ST1\n"  # 7 too few fields
        + "\n"  # 8 blank
        + "c1,ST1,2026-01-02,extra\n"  # 9 too many fields
        + "c1,ST1,2026-01-02,\n"  # 10 a trailing empty field is fine
        + 'c2,"Coffee\nbreak",2026-01-03\n'  # 11-12 a line break in an audited column: 2 rows
        + "c2, ST1 ,2026-01-04\n"  # 13 spaces around an id are fine
    )
    log = read(text)
    assert skipped(log) == [
        (4, "unknown_activity"),
        (5, "bad_timestamp"),
        (6, "missing_value"),
        (7, "malformed_row"),
        (8, "blank_line"),
        (9, "malformed_row"),
        (11, "unclosed_quote"),
        (12, "malformed_row"),
    ]
    assert (log.report.events, log.report.ignored) == (3, 1)
    assert accounted(log)
    reasons = [row.reason for row in log.report.skipped]
    assert reasons[0] == "activity 'Coffee' is not in the mapping and is not a framework id"
    assert reasons[1] == "timestamp '01/02/2026' is not ISO 8601"
    assert reasons[6].startswith("a quote opened on line 11 is not closed on it")


def test_an_unclosed_quote_skips_its_own_line_only_and_reading_resumes_on_the_next():
    log = read(HEADER + 'c1,ST0,2026-01-01\nc1,"ST1,2026-01-02\nc1,ST2,2026-01-03\n')
    assert log.report.events == 2
    assert skipped(log) == [(3, "unclosed_quote")]
    assert accounted(log)


def test_a_timestamp_without_a_zone_is_taken_as_utc():
    log = read(HEADER + "c1,ST0,2026-05-03 10:15\n")
    assert log.traces[0].events[0][0].isoformat() == "2026-05-03T10:15:00+00:00"


# --------------------------------------------------------------------------- encodings
@pytest.mark.parametrize(
    ("encode", "named"),
    [
        (lambda t: t.encode("utf-8-sig"), "utf-8-sig"),
        (lambda t: t.encode("utf-16"), "utf-16"),
        (lambda t: t.encode("utf-16-le"), "utf-16-le"),
        (lambda t: t.encode("utf-16-be"), "utf-16-be"),
        (lambda t: t.encode("utf-32"), "utf-32"),
    ],
)
def test_byte_order_marks_and_utf16_without_one_are_recognised(encode, named):
    log = read(encode(HEADER + "Zoë,ST0,2026-01-01\n"))
    assert log.report.encoding == named
    assert log.traces[0].case_id == "Zoë" and log.report.skipped == ()


def test_a_latin1_file_is_read_with_a_warning_naming_the_first_line_that_is_not_utf8():
    log = read((HEADER + "c1,ST0,2026-01-01\nZoë,ST0,2026-01-01\n").encode("latin-1"))
    assert log.report.encoding == "cp1252"
    assert [t.case_id for t in log.traces] == ["c1", "Zoë"]
    assert "not UTF-8 (line 3 is the first that is not)" in log.report.warnings[0]


def test_an_encoding_given_that_does_not_fit_refuses_the_whole_file():
    with pytest.raises(EventLogError, match="not valid utf-8: line 2"):
        read((HEADER + "Zoë,ST0,2026-01-01\n").encode("latin-1"), encoding="utf-8")
    with pytest.raises(EventLogError, match="Unknown encoding"):
        read(HEADER, encoding="klingon")


@pytest.mark.parametrize("content", [b"", b"   \n\n", b"\xef\xbb\xbf", "\n".encode("utf-16")])
def test_an_empty_file_is_refused(content):
    with pytest.raises(EventLogError, match="empty"):
        read(content)


def test_a_header_without_events_is_audited_as_nothing_with_a_warning():
    log = read(HEADER)
    assert log.traces == () and log.report.warnings == ("The log has no events.",)


def test_a_header_without_the_needed_columns_refuses_the_file():
    with pytest.raises(EventLogError, match="case_id, activity and timestamp.*'when'"):
        read("case,what,when\nc1,ST0,2026-01-01\n")
    with pytest.raises(EventLogError, match="more than once"):
        read("case,case_id,activity,timestamp\n")


# --------------------------------------------------------------------------- mapping
def test_a_mapping_with_any_bad_row_is_refused_whole_listing_every_problem():
    text = (
        "local_activity,framework_id\nA,ST1\nB,TP99\nC,RA07=perhaps\nD,TP05=yes\nA,ST2\n,ST1\nE\n"
    )
    with pytest.raises(EventLogError) as refused:
        read_mapping(text.encode(), RULES)
    message = str(refused.value)
    for expected in (
        "line 3: 'TP99' is not an id in framework",
        "line 4: 'perhaps' is not an answer RA07 can take",
        "line 5: TP05 is not a prompt",
        "line 6: 'A' is already mapped to 'ST1' on line 2",
        "line 7: local_activity is empty",
        "line 8: expected 2 columns, found 1",
    ):
        assert expected in message
    assert message.endswith("Nothing was audited.")


def test_a_mapping_matches_activities_ignoring_case_and_spacing_and_can_ignore_some():
    mapping = read_mapping(b"local_activity;framework_id\nFirst  Contact;st0\nNoise;\n", RULES)
    log = read(HEADER + "c1,first contact,2026-01-01\nc1,NOISE,2026-01-01\n", mapping=mapping)
    assert (log.report.events, log.report.ignored) == (1, 1)


def test_a_mapping_without_its_header_is_refused():
    with pytest.raises(EventLogError, match="local_activity and framework_id"):
        read_mapping(b"First contact,ST0\n", RULES)


# --------------------------------------------------------------------------- XES
XES_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1849-2016">\n'


def xes(body: str) -> bytes:
    return (XES_HEAD + body + "</log>\n").encode()


def event(activity: str, when: str, extra: str = "") -> str:
    return (
        f'<event><string key="concept:name" value="{activity}"/>'
        f'<date key="time:timestamp" value="{when}"/>{extra}</event>\n'
    )


def test_xes_traces_are_cases_and_nested_attributes_are_ignored():
    body = (
        '<trace><string key="concept:name" value="c1"/>\n'
        + event("ST0", "2026-01-01T09:00:00.000+00:00")
        + event(
            "RA07",
            "2026-01-02T09:00:00.000+00:00",
            '<string key="answer" value="yes"><string key="concept:name" value="x"/></string>',
        )
        + "</trace>\n"
    )
    log = read(xes(body), name="log.xes")
    assert [(e[1], e[2]) for e in log.traces[0].events] == [("ST0", None), ("RA07", "yes")]


def test_xes_events_without_a_case_are_listed_with_their_lines():
    body = event("ST0", "2026-01-01") + "<trace>\n" + event("ST0", "2026-01-01") + "</trace>\n"
    log = read(xes(body), name="log.xes")
    assert skipped(log) == [(3, "malformed_row"), (5, "missing_value")]
    assert accounted(log)


@pytest.mark.parametrize(
    "doc",
    [
        (
            '<?xml version="1.0"?><!DOCTYPE log [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            '<log><trace><string key="concept:name" value="&b;"/></trace></log>'
        ),
        '<?xml version="1.0"?><!DOCTYPE log SYSTEM "file:///etc/passwd"><log/>',
        (
            '<?xml version="1.0"?><!DOCTYPE log [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            "<log>&x;</log>"
        ),
    ],
)
def test_xes_with_a_doctype_or_entities_is_refused_unexpanded(doc):
    with pytest.raises(EventLogError, match="DOCTYPE or entities"):
        read(doc.encode(), name="log.xes")


def test_xes_that_is_not_well_formed_or_not_a_log_is_refused():
    with pytest.raises(EventLogError, match=r"not well-formed XML \(line 5: mismatched tag"):
        read(xes("<trace>\n<event>\n</trace>"), name="log.xes")
    with pytest.raises(EventLogError, match="root element is 'html'"):
        read(b"<html><body/></html>", name="page.xes")


def test_the_format_is_recognised_by_content_when_the_name_does_not_say():
    log = read(xes(""), name="upload")
    assert log.report.format == "xes"


# --------------------------------------------------------------------------- progress
def test_progress_reports_rows_and_bytes_until_the_whole_file_is_read(monkeypatch):
    from risk_app.adapters import event_logs

    monkeypatch.setattr(event_logs, "PROGRESS_EVERY", 10)
    text = HEADER + "".join(f"c{i},ST0,2026-01-01\n" for i in range(35))
    seen: list[ImportProgress] = []
    log = read(text, progress=seen.append)
    assert log.report.events == 35
    assert [p.rows for p in seen] == [10, 20, 30, 35]
    assert [p.bytes_done for p in seen] == sorted(p.bytes_done for p in seen)
    assert seen[-1].bytes_done == seen[-1].total_bytes == len(text) and seen[-1].fraction == 1.0


def test_xes_progress_reaches_the_whole_file():
    seen: list[ImportProgress] = []
    raw = (EXAMPLES / "events.xes").read_bytes()
    read(raw, name="e.xes", progress=seen.append)
    assert seen[-1].bytes_done == len(raw) and seen[-1].rows == 75


# --------------------------------------------------------------------------- hostile input
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_any_bytes_are_either_refused_whole_or_every_row_is_accounted_for(raw):
    try:
        log = read(HEADER.encode() + raw)
    except EventLogError:
        return
    assert accounted(log)
    audit_cases(RULES, log.traces)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.lists(
            st.sampled_from(["c1", "ST0", "TP05", "2026-01-01", "", '"', "\n", ",", "x" * 5, "é"]),
            max_size=5,
        ),
        max_size=12,
    )
)
def test_any_mix_of_fields_and_separators_keeps_the_accounting_exact(rows):
    text = HEADER + "\n".join("".join(fields) for fields in rows)
    try:
        log = read(text)
    except EventLogError:
        return
    assert accounted(log)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_as_xes_is_refused_or_read_without_expanding_anything(text):
    try:
        log = read(("<log>" + text).encode(), name="fuzz.xes")
    except EventLogError:
        return
    assert accounted(log)
