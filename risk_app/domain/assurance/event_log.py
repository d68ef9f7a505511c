"""Event logs as the case audit reads them: activities mapped to framework items, what was skipped.

Pure: the file formats (CSV, XES) and their encodings are read in ``risk_app.adapters.event_logs``,
which hands every row to an :class:`EventLogBuilder`. The builder maps each activity to a
framework item (through the organisation's mapping, or directly when the activity is a framework
id such as ``TP05``), parses the timestamp (ISO 8601; a time without a zone is taken as UTC) and
groups events by case. A row it cannot use is never dropped silently: it is listed as skipped,
with its line and the reason.

A mapping target is a framework id (``ST3``, ``TP05``, ``BO-DP``, ``RC-PLAN``), a prompt with
its answer (``RA07=yes``), or ``ignore`` (also an empty target or ``-``) for local activities
that are deliberately not audited; ignored rows are counted, not listed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from risk_app.domain.assurance.conformance_rules import ConformanceRules
from risk_app.domain.assurance.conformance_trace import (
    CaseTrace,
    EventKind,
    EventState,
    EventTuple,
)
from risk_app.domain.errors import InvalidInput

MAX_CASES = 500_000
"""Cases one audit takes: a large council's whole caseload several times over. Holding the
findings of every case needs memory in proportion (about 2 KB a case at worst), so a log with
more is refused, with the line of the first case over, rather than read until memory runs out."""
MAX_EVENTS = 8_000_000
"""Events one audit takes (a 100 MB log holds at most about 6 million)."""
MAX_SKIPPED = 200_000
"""Rows that may be skipped (each listed with its line and reason) before the file is refused
as not the log it claims to be."""
JURISDICTIONS = frozenset({"england", "scotland", "wales"})
"""Values the optional jurisdiction column (or XES trace attribute) may take, any case."""
SPLIT_ADVICE = "Split the log (by team or by period) and audit each part. Nothing was audited."
IGNORE_TARGETS = frozenset({"", "-", "ignore"})
MAX_DETAIL = 80
"""Longest value quoted back in a skipped row's reason."""

STATES = {
    "": EventState.DONE,
    "done": EventState.DONE,
    "complete": EventState.DONE,
    "completed": EventState.DONE,
    "not_applicable": EventState.NOT_APPLICABLE,
    "not applicable": EventState.NOT_APPLICABLE,
    "n/a": EventState.NOT_APPLICABLE,
}
"""Values of the optional ``status`` column (XES ``lifecycle:transition`` is not read)."""


class EventLogError(InvalidInput):
    """The file cannot be audited at all (empty, wrong columns, not a log); nothing was read."""


@dataclass(frozen=True, slots=True)
class SkippedRow:
    line: int
    """The line in the file where the row (or XES event) starts."""
    code: str
    """A stable reason code, e.g. ``unknown_activity``."""
    reason: str
    """The reason in words, quoting the offending value."""


SKIP_CODES = {
    "blank_line": "Blank line",
    "malformed_row": "Malformed row",
    "unclosed_quote": "Quote not closed on its line",
    "missing_value": "Case, activity or timestamp empty",
    "unknown_activity": "Activity not in the mapping and not a framework id",
    "bad_timestamp": "Timestamp not ISO 8601",
    "missing_answer": "Prompt without an answer",
    "bad_answer": "Answer the prompt cannot take",
    "bad_status": "Unknown status",
}


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """How far the reading of a file has got, for a progress bar."""

    rows: int
    """Rows (CSV) or events (XES) read so far."""
    bytes_done: int
    """Bytes of the file read so far (estimated from the characters decoded)."""
    total_bytes: int

    @property
    def fraction(self) -> float:
        return min(1.0, self.bytes_done / self.total_bytes) if self.total_bytes else 1.0


ProgressCallback = Callable[[ImportProgress], None]


@dataclass(frozen=True)
class ImportReport:
    """What was read from a file, what was skipped and why."""

    source: str
    format: str
    """``csv``, ``xes`` or ``app``."""
    encoding: str
    rows: int
    """Data rows (CSV, header excluded) or events (XES) found."""
    events: int
    """Events accepted for the audit."""
    cases: int
    ignored: int
    """Rows whose activity the mapping says to ignore."""
    skipped: tuple[SkippedRow, ...]
    warnings: tuple[str, ...]
    continued: int = 0
    """Lines that continue the row above them (a quoted line break in a column not audited):
    with ``rows`` they make up every line after the header."""

    def skipped_by_code(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self.skipped:
            counts[row.code] = counts.get(row.code, 0) + 1
        return counts


@dataclass(frozen=True)
class EventLog:
    traces: tuple[CaseTrace, ...]
    report: ImportReport


def quoted(value: str) -> str:
    """A value quoted back to the user, shortened."""
    value = value if len(value) <= MAX_DETAIL else value[: MAX_DETAIL - 1] + "…"
    return repr(value)


def parse_timestamp(text: str) -> datetime | None:
    """An ISO 8601 date or date-time; without a zone it is taken as UTC. None if unreadable."""
    try:
        at = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def resolve_target(rules: ConformanceRules, target: str) -> tuple[str, str | None] | str:
    """``(item, fixed answer)`` for a mapping target or a direct activity, or why it is not one."""
    text = target.strip()
    ident, sep, answer = text.partition("=")
    item = rules.ids.get(ident.strip().upper())
    if item is None:
        return f"{quoted(ident.strip())} is not an id in framework {rules.framework_version}"
    if not sep:
        return item, None
    spec = rules.prompts.get(item)
    if spec is None:
        return f"{item} is not a prompt, so it cannot take an answer ({quoted(text)})"
    answer = answer.strip()
    if not answer or not spec.accepts(answer):
        return f"{quoted(answer)} is not an answer {item} can take"
    return item, answer


def normalise_activity(activity: str) -> str:
    return " ".join(activity.split()).casefold()


@dataclass(frozen=True)
class ActivityMapping:
    """Local activity names (compared ignoring case and repeated spaces) → framework targets."""

    targets: Mapping[str, tuple[str, str | None] | None]
    """None: ignore the activity."""
    source: str = ""

    def __len__(self) -> int:
        return len(self.targets)


def parse_mapping(
    rows: Iterable[tuple[int, Sequence[str]]], rules: ConformanceRules, *, source: str = ""
) -> ActivityMapping:
    """Read mapping rows (line, fields), the first being the header ``local_activity,framework_id``.

    All-or-nothing: any bad row refuses the whole mapping, listing every problem by line."""
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None:
        raise EventLogError(f"The mapping file {source} is empty.".replace("  ", " "))
    names = [name.strip().casefold() for name in header[1]]
    if "local_activity" not in names or "framework_id" not in names:
        raise EventLogError(
            "The mapping file needs the columns local_activity and framework_id; "
            f"its first line has {', '.join(quoted(n) for n in header[1]) or 'nothing'}."
        )
    local_at, target_at = names.index("local_activity"), names.index("framework_id")
    targets: dict[str, tuple[str, str | None] | None] = {}
    seen: dict[str, tuple[int, str]] = {}
    problems: list[str] = []
    for line, fields in iterator:
        if not any(field.strip() for field in fields):
            continue
        if len(fields) <= max(local_at, target_at):
            problems.append(f"line {line}: expected 2 columns, found {len(fields)}")
            continue
        local, target = fields[local_at], fields[target_at].strip()
        key = normalise_activity(local)
        if not key:
            problems.append(f"line {line}: local_activity is empty")
            continue
        resolved = None if target.casefold() in IGNORE_TARGETS else resolve_target(rules, target)
        if isinstance(resolved, str):
            problems.append(f"line {line}: {resolved}")
            continue
        if key in seen and seen[key][1] != target:
            problems.append(
                f"line {line}: {quoted(local)} is already mapped to {quoted(seen[key][1])} "
                f"on line {seen[key][0]}"
            )
            continue
        seen[key] = (line, target)
        targets[key] = resolved
    if problems:
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        raise EventLogError(
            f"The mapping was not used: {'; '.join(problems[:10])}{more}. Nothing was audited."
        )
    return ActivityMapping(targets, source)


@dataclass(frozen=True, slots=True)
class Columns:
    """Where each field is in a table's rows (from its header)."""

    case_id: int
    activity: int
    timestamp: int
    width: int
    """How many fields the header has."""
    answer: int | None = None
    status: int | None = None
    jurisdiction: int | None = None
    """The optional case attribute naming the case's nation (england, scotland, wales)."""


_PROMPT = EventKind.PROMPT

_Resolved = tuple[str | None, str | None, EventKind | None]
"""(item, fixed answer, kind), or (None, skip reason or None for ignore, None)."""


class EventLogBuilder:
    """Collects a log's events by case, row by row; reports every row it cannot use."""

    def __init__(
        self,
        rules: ConformanceRules,
        mapping: ActivityMapping | None = None,
        *,
        source: str,
        format: str,  # noqa: A002 - the report's word for it
        encoding: str,
    ) -> None:
        self.rules = rules
        self.mapping = mapping
        self.source = source
        self.format = format
        self.encoding = encoding
        self.rows = 0
        self.events = 0
        self.ignored = 0
        self.continued = 0
        self.skipped: list[SkippedRow] = []
        self.warnings: list[str] = []
        self._cases: dict[str, list[EventTuple]] = {}
        self._jurisdictions: dict[str, str] = {}
        self._bad_jurisdictions: dict[str, str] = {}
        self._conflicting: list[str] = []
        self._resolved: dict[str, _Resolved] = {}
        self._answers: dict[tuple[str, str], bool] = {}

    def skip(self, line: int, code: str, reason: str) -> None:
        if len(self.skipped) >= MAX_SKIPPED:
            first = min(self.skipped, key=lambda row: row.line)
            raise EventLogError(
                f"More than {MAX_SKIPPED:,} rows cannot be used (the first, line {first.line}: "
                f"{first.reason}; the last read, line {line}: {reason}). Check that this is the "
                "log meant, its columns and its mapping. Nothing was audited."
            )
        self.skipped.append(SkippedRow(line, code, reason))

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def jurisdiction(self, case: str, value: str | None) -> None:
        """A case attribute: the nation whose law applies to the case. The first value a case
        gives counts; a value that is not a nation, or a second one, is counted and reported in
        one warning each (the case is then judged as English: see the report's caveat)."""
        raw = (value or "").strip()
        given = raw.casefold()
        if not given:
            return
        known = self._jurisdictions.get(case)
        if known is None:
            if given in JURISDICTIONS:
                self._jurisdictions[case] = given
            else:
                self._bad_jurisdictions.setdefault(case, raw[:MAX_DETAIL])
        elif known != given and len(self._conflicting) < MAX_SKIPPED:
            self._conflicting.append(case)

    def _jurisdiction_warnings(self) -> None:
        bad = {c: v for c, v in self._bad_jurisdictions.items() if c not in self._jurisdictions}
        if bad:
            case, value = next(iter(bad.items()))
            self.warn(
                f"{len(bad):,} {'cases name' if len(bad) != 1 else 'case names'} a jurisdiction that is not "
                f"england, scotland or wales (first: case {quoted(case)}, {quoted(value)}); "
                "judged as English."
            )
        if self._conflicting:
            cases = sorted(set(self._conflicting))
            self.warn(
                f"{len(cases):,} {'cases name' if len(cases) != 1 else 'case names'} more than one "
                f"jurisdiction (first: case {quoted(cases[0])}); the first named was used."
            )

    def _resolve(self, activity: str) -> _Resolved:
        targets = self.mapping.targets if self.mapping is not None else {}
        key = normalise_activity(activity)
        if key in targets:
            found = targets[key]
            if found is None:
                result: _Resolved = (None, None, None)
            else:
                result = (found[0], found[1], self.rules.kinds[found[0]])
        else:
            direct = resolve_target(self.rules, activity)
            if isinstance(direct, str):
                why = (
                    f"activity {quoted(activity)} is not in the mapping and is not a framework id"
                    if self.mapping is not None
                    else f"activity {quoted(activity)} is not a framework id (give a mapping)"
                )
                result = (None, why, None)
            else:
                result = (direct[0], direct[1], self.rules.kinds[direct[0]])
        self._resolved[activity] = result
        return result

    def _details(
        self, line: int, item: str, kind: EventKind | None, answer: str | None, status: str | None
    ) -> tuple[str | None, int] | None:
        """The answer and state of a row with a status or a prompt; None if it was skipped."""
        state = EventState.DONE
        if status:
            found = STATES.get(status.strip().casefold())
            if found is None:
                self.skip(line, "bad_status", f"status {quoted(status)} is not done or n/a")
                return None
            state = found
        if kind is not EventKind.PROMPT:
            return None, state
        answer = answer.strip() if answer else None
        if not answer:
            self.skip(line, "missing_answer", f"{item} has no answer (give an answer column)")
            return None
        accepted = self._answers.get((item, answer))
        if accepted is None:
            accepted = self._answers[(item, answer)] = self.rules.prompts[item].accepts(answer)
        if not accepted:
            self.skip(line, "bad_answer", f"{quoted(answer)} is not an answer {item} can take")
            return None
        return answer, state

    def add(
        self,
        line: int,
        case_id: str,
        activity: str,
        timestamp: str,
        answer: str | None = None,
        status: str | None = None,
        jurisdiction: str | None = None,
    ) -> None:
        """One row of the log. Every outcome is counted: accepted, ignored or skipped."""
        self.rows += 1
        case = case_id.strip()
        if case and jurisdiction:
            self.jurisdiction(case, jurisdiction)
        if not case or not activity or not timestamp:
            empty = [
                name
                for name, value in (
                    ("case", case),
                    ("activity", activity),
                    ("timestamp", timestamp),
                )
                if not value
            ]
            self.skip(line, "missing_value", f"{' and '.join(empty)} empty")
            return
        resolved = self._resolved.get(activity)
        if resolved is None:
            resolved = self._resolve(activity)
        item, fixed, kind = resolved
        if item is None:
            if fixed is None:
                self.ignored += 1
            else:
                self.skip(line, "unknown_activity", fixed)
            return
        at = parse_timestamp(timestamp)
        if at is None:
            self.skip(line, "bad_timestamp", f"timestamp {quoted(timestamp)} is not ISO 8601")
            return
        if status or kind is EventKind.PROMPT:
            details = self._details(line, item, kind, fixed or answer, status)
            if details is None:
                return
            answer, state = details
        else:
            answer, state = None, EventState.DONE
        events = self._cases.get(case)
        if events is None:
            if len(self._cases) >= MAX_CASES:
                raise EventLogError(
                    f"The log has more than {MAX_CASES:,} cases (line {line} starts case "
                    f"number {MAX_CASES + 1:,}); one audit takes at most {MAX_CASES:,}. "
                    + SPLIT_ADVICE
                )
            events = self._cases[case] = []
        events.append((at, item, answer, state))
        self.events += 1

    def add_rows(
        self, rows: Iterable[Sequence[str]], columns: Columns, line: Callable[[], int]
    ) -> int:
        """Many rows of a table (CSV), the common ones on a fast path; returns how many were read.

        ``line()`` gives the line of the row just read (only asked for rows that are skipped).
        A row that is not plain (wrong width, empty value, prompt, status, a timestamp that needs
        tidying, a case id with spaces) goes through :meth:`add`, which explains any skip."""
        if self.events > MAX_EVENTS:
            raise EventLogError(
                f"The log has more than {MAX_EVENTS:,} events; one audit takes at most "
                f"{MAX_EVENTS:,}. " + SPLIT_ADVICE
            )
        resolved_get = self._resolved.get
        cases = self._cases
        from_iso = datetime.fromisoformat
        case_at, activity_at, time_at = columns.case_id, columns.activity, columns.timestamp
        width = columns.width
        extras = [at for at in (columns.answer, columns.status) if at is not None]
        nation_at = columns.jurisdiction
        nations = self._jurisdictions
        read = fast = 0
        try:
            for row in rows:
                read += 1
                if len(row) == width and not (extras and any(row[at] for at in extras)):
                    resolved = resolved_get(row[activity_at])
                    if (
                        resolved is not None
                        and resolved[0] is not None
                        and resolved[2] is not _PROMPT
                    ):
                        try:
                            at = from_iso(row[time_at])
                        except ValueError:
                            at = None
                        events = cases.get(row[case_at])
                        if at is not None and events is not None:
                            if at.tzinfo is None:
                                at = at.replace(tzinfo=UTC)
                            events.append((at, resolved[0], None, 0))
                            fast += 1
                            if nation_at is not None and row[nation_at]:
                                case = row[case_at]
                                if nations.get(case) != row[nation_at]:
                                    self.jurisdiction(case, row[nation_at])
                            continue
                self._add_row(row, columns, line())
        finally:
            self.rows += fast
            self.events += fast
        return read

    def _add_row(self, row: Sequence[str], columns: Columns, line: int) -> None:
        if len(row) != columns.width:
            if not row or (len(row) == 1 and not row[0].strip()):
                self.rows += 1
                self.skip(line, "blank_line", "blank line")
                return
            if len(row) < columns.width or any(field.strip() for field in row[columns.width :]):
                self.rows += 1
                self.skip(
                    line,
                    "malformed_row",
                    f"expected {columns.width} fields as in the header, found {len(row)}",
                )
                return
        self.add(
            line,
            row[columns.case_id],
            row[columns.activity],
            row[columns.timestamp],
            row[columns.answer] if columns.answer is not None else None,
            row[columns.status] if columns.status is not None else None,
            row[columns.jurisdiction] if columns.jurisdiction is not None else None,
        )

    def finish(self) -> EventLog:
        if self.events > MAX_EVENTS:
            raise EventLogError(
                f"The log has {self.events:,} events; one audit takes at most {MAX_EVENTS:,}. "
                + SPLIT_ADVICE
            )
        if self.rows and not self.events:
            self.warn("No row could be used, so there is nothing to audit.")
        elif not self.rows:
            self.warn("The log has no events.")
        self._jurisdiction_warnings()
        nations = self._jurisdictions
        traces = tuple(
            CaseTrace(case, events, jurisdiction=nations.get(case))
            for case, events in self._cases.items()
        )
        report = ImportReport(
            source=self.source,
            format=self.format,
            encoding=self.encoding,
            rows=self.rows,
            events=self.events,
            cases=len(traces),
            ignored=self.ignored,
            skipped=tuple(sorted(self.skipped, key=lambda row: row.line)),
            warnings=tuple(self.warnings),
            continued=self.continued,
        )
        return EventLog(traces, report)
