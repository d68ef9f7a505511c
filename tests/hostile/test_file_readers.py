"""Every hostile file through every file reader: event logs (CSV and XES), activity mappings,
local process files, framework files, risk scales and evidence packs. Each either says clearly
what is wrong (a RiskAppError, FrameworkError or LocalProcessError, with a message) or gives a
result that accounts for every row it read. No traceback, whatever the bytes.

The event-log reader is being changed (unclosed quotes, size limits), so these tests ask only
for what must stay true after that change: no traceback; a clear error or every row accounted for.
"""

from __future__ import annotations

import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framework.errors import FrameworkError
from framework.loader import load_framework_bytes
from risk_app.adapters.event_logs import read_event_log, read_mapping
from risk_app.domain.agreements.evidence_verify import PackReport, verify_pack
from risk_app.domain.assurance.event_log import EventLog, ImportReport
from risk_app.domain.assurance.local_process import LocalProcessError
from risk_app.domain.errors import RiskAppError
from risk_app.services import accounts
from risk_app.services import framework as framework_service
from risk_app.services.assurance import case_audit, process_audit
from risk_app.services.record import risks
from tests.hostile.payloads import FILES, TEXTS
from tests.hostile.world import World

CLEAR_ERRORS = (RiskAppError, FrameworkError, LocalProcessError)

# The corpus's files, plus every hostile text saved as a file in UTF-8 (where it can be).
CORPUS: list[tuple[str, bytes]] = [
    *FILES,
    *(
        (f"text {name}", value.encode("utf-8"))
        for name, value in TEXTS
        if value.encode("utf-8", "surrogatepass") == value.encode("utf-8", "replace")
    ),
]


def _clear_or_fine(read: object, check: object = None) -> list[str]:
    """[] when `read()` gives a clear error or a result `check` accepts; else what went wrong."""
    try:
        result = read()  # type: ignore[operator]
    except CLEAR_ERRORS as refused:
        return [] if str(refused).strip() else [f"a refusal without a message: {refused!r}"]
    except Exception as crash:  # noqa: BLE001 - the point: nothing else may escape
        where = traceback.extract_tb(crash.__traceback__)[-1]
        return [f"{type(crash).__name__}: {str(crash)[:160]!r} at {where.filename}:{where.lineno}"]
    problem = check(result) if check else None  # type: ignore[operator]
    return [problem] if problem else []


def _rows_accounted_for(report: ImportReport) -> str | None:
    counted = report.events + report.ignored + len(report.skipped)
    if counted != report.rows:
        return (
            f"{report.rows} rows read but {report.events} audited + {report.ignored} ignored "
            f"+ {len(report.skipped)} skipped"
        )
    return None


def _log_accounted_for(log: EventLog) -> str | None:
    return _rows_accounted_for(log.report)


def _is_a_report(report: object) -> str | None:
    return None if isinstance(report, PackReport) else f"not a report: {report!r:.80}"


def _scale_file(raw: bytes, suffix: str) -> object:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"scale{suffix}"
        path.write_bytes(raw)
        return risks.current_scale(str(path))


def _readers() -> dict[str, Callable[[str, bytes], list[str]]]:
    rules = case_audit.current_rules()

    def log(fmt: str | None = None, encoding: str = "auto") -> Callable[[str, bytes], list[str]]:
        return lambda name, raw: _clear_or_fine(
            lambda: read_event_log(raw, rules, name=f"{name}.log", format=fmt, encoding=encoding),
            _log_accounted_for,
        )

    return {
        "event log csv": log("csv"),
        "event log xes": log("xes"),
        "event log by content": log(None),
        "event log unknown codec": log("csv", "no-such-codec"),
        "mapping": lambda name, raw: _clear_or_fine(lambda: read_mapping(raw, rules, name=name)),
        "process yaml": lambda name, raw: _clear_or_fine(
            lambda: process_audit.load_upload(raw, "process.yaml")
        ),
        "process csv": lambda name, raw: _clear_or_fine(
            lambda: process_audit.rows_from_upload(raw, "../../process.csv")
        ),
        "framework": lambda name, raw: _clear_or_fine(
            lambda: load_framework_bytes(raw, "upload.yaml")
        ),
        "risk scale yaml": lambda name, raw: _clear_or_fine(lambda: _scale_file(raw, ".yaml")),
        "risk scale json": lambda name, raw: _clear_or_fine(lambda: _scale_file(raw, ".json")),
        "evidence pack": lambda name, raw: _clear_or_fine(lambda: verify_pack(raw), _is_a_report),
    }


READERS = _readers()
PAYLOADS = dict(CORPUS)


# Crashes found by this suite in files this change may not touch (the CSV reader is being
# changed in parallel; the evidence verifier likewise). Listed, not hidden: each is expected to
# fail until its file is fixed, and passes unnoticed (strict=False) once it is.
def _case(reader: str, payload: str) -> object:
    return pytest.param(reader, payload, id=f"{reader}-{payload}")


@pytest.mark.parametrize(("reader", "payload"), [_case(r, p) for r in READERS for p in PAYLOADS])
def test_each_hostile_file_is_refused_clearly_or_read_with_every_row_accounted_for(
    reader: str, payload: str
):
    assert READERS[reader](payload, PAYLOADS[payload]) == []


@pytest.mark.parametrize(
    "encoding",
    [
        "cp1252",
        "utf-16",
    ],
)
def test_an_event_log_read_in_a_named_encoding_is_refused_clearly_or_read(encoding: str):
    rules = case_audit.current_rules()
    failures = _all(
        lambda name, raw: _clear_or_fine(
            lambda: read_event_log(raw, rules, name="log.csv", format="csv", encoding=encoding),
            _log_accounted_for,
        )
    )
    assert failures == []


def _all(read_one: Callable[[str, bytes], list[str]]) -> list[str]:
    failures = []
    for name, raw in CORPUS:
        failures += [f"{name}: {p}" for p in read_one(name, raw)]
    return failures


def test_a_framework_upload_is_refused_clearly_or_stored_on_each_database(world: World):
    lead = world.lead
    failures = _all(
        lambda name, raw: _clear_or_fine(
            lambda: framework_service.upload(world.store, lead, raw, f"{name}.yaml")
        )
    )
    assert failures == []


def test_an_event_log_upload_is_audited_or_refused_clearly_on_each_database(world: World):
    failures = _all(
        lambda name, raw: _clear_or_fine(
            lambda: case_audit.audit_event_log(
                world.store, by=accounts.SYSTEM, events=raw, name=f"{name}.csv"
            ),
            lambda done: _rows_accounted_for(done.source),
        )
    )
    assert failures == []


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(
    raw=st.binary(max_size=400) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "replace"))
)
def test_any_bytes_are_refused_clearly_or_read_by_every_reader(raw: bytes):
    failures = {reader: read("generated", raw) for reader, read in READERS.items()}
    assert {reader: found for reader, found in failures.items() if found} == {}
