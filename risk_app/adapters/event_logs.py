"""Reading event logs (CSV and XES) and activity mappings from files, for the case audit.

- Encodings: a byte-order mark decides (UTF-8, UTF-16, UTF-32); UTF-16 without one is recognised
  by its zero bytes; otherwise UTF-8, and a file that is not valid UTF-8 is read as Windows-1252
  (or Latin-1) with a warning naming the first line that is not UTF-8. ``encoding=`` forces one.
- CSV: a header row naming at least ``case_id``, ``activity`` and ``timestamp`` (the XES names
  ``case:concept:name``, ``concept:name`` and ``time:timestamp`` also work), optional ``answer``,
  ``status`` and ``jurisdiction`` (england, scotland or wales: a case attribute, the first value
  a case gives counts), any other columns ignored; comma, semicolon, tab or bar separated. One row per
  line (CR, LF or CRLF): a quote left open at the end of a line skips that line alone, listed with
  its number, and reading goes on at the next line, so a stray quote never swallows the rows
  after it. The one exception is a quoted line break in a column the audit does not read (a notes
  column, say): the row then runs on to where the quote closes (at most ``MAX_ROW_LINES`` lines),
  its extra lines are counted as ``continued`` and named in a warning.
- Size: at most ``MAX_EVENT_LOG_BYTES`` for a log and ``MAX_MAPPING_BYTES`` for a mapping,
  checked before reading (:func:`risk_app.adapters.files.read_bounded`).
- XES (IEEE 1849): each ``trace``'s ``concept:name`` is the case; each ``event``'s
  ``concept:name`` and ``time:timestamp`` the activity and time (and ``answer``, ``status`` if
  present); a trace's ``jurisdiction`` attribute is the case's jurisdiction. Parsed with the standard library's expat, refusing any DOCTYPE, so no entity (internal
  or external) is ever expanded.

A file that cannot be read as a log at all (empty, no header, wrong columns, XML not well formed)
raises ``EventLogError`` and nothing is audited; a row that cannot be used is skipped and listed.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import xml.parsers.expat
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from framework.limits import MAX_DEPTH
from risk_app.adapters.files import FileRefused, read_bounded, too_large
from risk_app.domain.assurance.conformance_rules import ConformanceRules
from risk_app.domain.assurance.event_log import (
    ActivityMapping,
    Columns,
    EventLog,
    EventLogBuilder,
    EventLogError,
    ImportProgress,
    ProgressCallback,
    parse_mapping,
    quoted,
)

MAX_EVENT_LOG_BYTES = 100 * 2**20
"""The largest event log read (the app's upload limit for it is the same 100 MB)."""
MAX_MAPPING_BYTES = 2**20
"""A mapping lists a few hundred local activity names: 1 MB is far more than any needs."""
MAX_ROW_LINES = 20
"""The most lines one row may run over (a quoted line break in a column not audited)."""
PROGRESS_EVERY = 20_000
"""Rows between two progress reports."""
XES_CHUNK = 1 << 20
DELIMITERS = (",", ";", "\t", "|")
COLUMNS = {
    "case_id": ("case_id", "case", "case id", "caseid", "case:concept:name"),
    "activity": ("activity", "activity name", "concept:name", "event"),
    "timestamp": ("timestamp", "time:timestamp", "time", "date", "datetime"),
    "answer": ("answer", "value"),
    "status": ("status", "state"),
    "jurisdiction": ("jurisdiction", "case:jurisdiction", "nation"),
}
REQUIRED = ("case_id", "activity", "timestamp")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Raw bytes with the encoding chosen for them (checked to decode) and what was noticed."""

    raw: bytes
    encoding: str
    """A Python codec name, e.g. ``utf-8``, ``utf-8-sig``, ``utf-16``, ``cp1252``."""
    warnings: tuple[str, ...]


def _line_of(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def _utf16_without_bom(sample: bytes) -> str | None:
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > len(odd) * 0.4 and even.count(0) < len(even) * 0.1:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.4 and odd.count(0) < len(odd) * 0.1:
        return "utf-16-be"
    return None


_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


def _needs_bom(encoding: str) -> bool:
    """UTF-16 and UTF-32 without a stated byte order can only be read from a byte order mark."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return name in {"utf-16", "utf-32"}


def _forced(raw: bytes, encoding: str) -> Decoded:
    """The encoding the user chose, if the whole file decodes in it."""
    if _needs_bom(encoding) and not raw.startswith(_BOMS):
        raise EventLogError(
            f"The file does not start with the byte order mark {quoted(encoding)} needs. "
            "Choose utf-16-le or utf-16-be (or utf-32-le, utf-32-be) instead. Nothing was "
            "audited."
        )
    try:
        raw.decode(encoding)
    except LookupError:
        raise EventLogError(f"Unknown encoding {quoted(encoding)}.") from None
    except UnicodeDecodeError as exc:
        raise EventLogError(
            f"The file is not valid {encoding}: line {_line_of(raw, exc.start)} has bytes "
            "that cannot be read. Nothing was audited."
        ) from None
    except UnicodeError as exc:  # e.g. UTF-16 without a byte order mark
        raise EventLogError(
            f"The file cannot be read as {encoding} ({exc}). Nothing was audited."
        ) from None
    return Decoded(raw, encoding, ())


def decode_choice(raw: bytes, encoding: str = "auto") -> Decoded:
    """Choose how to decode a file (and check that it decodes), or refuse it."""
    if not raw.strip(b" \t\r\n\x00\xef\xbb\xbf\xfe\xff"):
        raise EventLogError("The file is empty: there is nothing to audit.")
    if encoding != "auto":
        return _forced(raw, encoding)
    for bom, name in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if raw.startswith(bom):
            return decode_choice(raw, name)
    guessed = _utf16_without_bom(raw[:4096])
    if guessed is not None:
        decode_choice(raw, guessed)
        note = f"The file has no byte-order mark; it was read as {guessed.upper()}."
        return Decoded(raw, guessed, (note,))
    try:
        raw.decode("utf-8")
        return Decoded(raw, "utf-8", ())
    except UnicodeDecodeError as exc:
        line = _line_of(raw, exc.start)
    for fallback in ("cp1252", "latin-1"):
        try:
            raw.decode(fallback)
        except UnicodeDecodeError:
            continue
        reading = "Windows-1252" if fallback == "cp1252" else "Latin-1"
        note = (
            f"The file is not UTF-8 (line {line} is the first that is not), so it was read as "
            f"{reading}. Check names with accents, or give the encoding."
        )
        return Decoded(raw, fallback, (note,))
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _read(source: Path | bytes, limit: int, what: str) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        if len(source) > limit:
            raise EventLogError(f"The {what} was not read: {too_large(limit, what)}")
        return source, "upload"
    try:
        return read_bounded(source, limit, what=what), source.name
    except FileRefused as exc:
        raise EventLogError(f"{exc} Nothing was audited.") from None


# ------------------------------------------------------------------------------------------ CSV
def _columns(header: Sequence[str]) -> dict[str, int]:
    names = [name.strip().lstrip("\ufeff").casefold() for name in header]
    found: dict[str, int] = {}
    for column, aliases in COLUMNS.items():
        at = [i for i, name in enumerate(names) if name in aliases]
        if len(at) > 1:
            raise EventLogError(
                f"The header names the {column} column more than once "
                f"({', '.join(quoted(header[i]) for i in at)})."
            )
        if at:
            found[column] = at[0]
    return found


def _header(first_line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([first_line], delimiter=delimiter), [])
    except csv.Error as exc:  # e.g. a header field over the CSV field size limit
        raise EventLogError(
            f"The first line cannot be read as a CSV header ({exc}). Nothing was audited."
        ) from None


def _dialect(first_line: str) -> tuple[str, list[str]]:
    """The separator that makes the header name the required columns, and the header."""
    for delimiter in DELIMITERS:
        header = _header(first_line, delimiter)
        if all(c in _columns(header) for c in REQUIRED):
            return delimiter, header
    header = _header(first_line, ",")
    raise EventLogError(
        "The first line must name the columns case_id, activity and timestamp "
        f"(found {', '.join(quoted(h) for h in header) or 'nothing'}). Nothing was audited."
    )


def _balanced_pattern(delimiter: str) -> re.Pattern[str]:
    """Matches a whole line (or joined lines) that leaves no quoted field open, read as Python's
    ``csv`` reads it (a quote inside an unquoted field, or after a closing quote, is literal)."""
    d = re.escape(delimiter)
    field = f'(?:"(?:[^"]|"")*+"[^{d}\\n]*+|[^"{d}\\n][^{d}\\n]*+)?'
    return re.compile(f"{field}(?:{d}{field})*+")


class _Rows:
    """The data lines of a CSV log as records for ``csv.reader``: one line each, except that a
    quoted line break in a column not audited joins lines into one row. A line that leaves a
    quote open otherwise is skipped (listed with its number) and reading resumes on the next.

    ``line`` is the line where the record last handed out starts."""

    def __init__(self, text: Iterable[str], delimiter: str, columns: Columns) -> None:
        self.text = text
        self.delimiter = delimiter
        self.balanced = _balanced_pattern(delimiter).fullmatch
        self.columns = columns
        self.used = [
            at
            for at in (columns.case_id, columns.activity, columns.timestamp)
            + (columns.answer, columns.status, columns.jurisdiction)
            if at is not None
        ]
        self.line = 1
        self.unclosed: list[int] = []
        """Lines skipped because a quote opened on them is not closed (in order)."""
        self.joined: list[tuple[int, int]] = []
        """(first, last) lines of the rows that run over several lines."""

    def _fits(self, record: str) -> bool:
        """Whether lines joined at a quoted line break make a row as the header says, with the
        line breaks only in columns the audit does not read."""
        try:
            row = next(csv.reader([record], delimiter=self.delimiter), [])
        except csv.Error:  # e.g. a field over the size limit: not a row
            return False
        width = self.columns.width
        if len(row) < width or any(field.strip() for field in row[width:]):
            return False
        return not any("\n" in row[at] for at in self.used)

    def __iter__(self) -> Iterator[str]:
        source = enumerate(self.text, start=2)  # the header is line 1
        back: deque[tuple[int, str]] = deque()
        """Lines read ahead for a quote that did not close: read again, in order."""
        balanced = self.balanced
        while True:
            if back:
                number, line = back.popleft()
                if '"' not in line or balanced(_bare(line)):
                    self.line = number
                    yield line
                    continue
            else:
                for number, line in source:  # the fast path: a line, a test, a row
                    if '"' in line and not balanced(_bare(line)):
                        break
                    self.line = number
                    yield line
                else:
                    return
            record = self._run_on(number, _bare(line), source, back)
            if record is not None:
                self.line = number
                yield record

    def _run_on(
        self,
        number: int,
        line: str,
        source: Iterator[tuple[int, str]],
        back: deque[tuple[int, str]],
    ) -> str | None:
        """The row that starts on a line leaving a quote open: joined with the lines up to the
        closing quote if that makes a row (see :meth:`_fits`); else None, the line is listed as
        skipped and the lines read ahead go back to be read again."""
        taken, record = [(number, line)], line
        limit = csv.field_size_limit()
        while len(taken) < MAX_ROW_LINES and len(record) <= limit:
            more = back.popleft() if back else next(source, None)
            if more is None:
                break
            taken.append(more)
            text = _bare(more[1])
            record += "\n" + text
            if '"' in text and self.balanced(record):
                if self._fits(record):
                    self.joined.append((number, more[0]))
                    return record
                break
        back.extendleft(reversed(taken[1:]))
        self.unclosed.append(number)
        return None


def _bare(line: str) -> str:
    """A line without its line break (CR, LF or CRLF)."""
    return line[:-2] if line.endswith("\r\n") else line.rstrip("\r\n")


def read_csv_log(
    decoded: Decoded,
    rules: ConformanceRules,
    mapping: ActivityMapping | None = None,
    *,
    name: str = "upload",
    progress: ProgressCallback | None = None,
) -> EventLog:
    raw = decoded.raw
    buffer = io.BytesIO(raw)
    text = io.TextIOWrapper(buffer, encoding=decoded.encoding, newline="")
    first_line = text.readline()
    delimiter, header = _dialect(first_line.rstrip("\r\n"))
    found = _columns(header)
    columns = Columns(
        case_id=found["case_id"],
        activity=found["activity"],
        timestamp=found["timestamp"],
        width=len(header),
        answer=found.get("answer"),
        status=found.get("status"),
        jurisdiction=found.get("jurisdiction"),
    )
    builder = EventLogBuilder(rules, mapping, source=name, format="csv", encoding=decoded.encoding)
    for warning in decoded.warnings:
        builder.warn(warning)
    # Without a quote character anywhere, every line is one row: the CSV reader's own line count
    # is exact and nothing needs checking line by line (the common case, at full speed).
    records = _Rows(text, delimiter, columns) if b'"' in raw else None
    reader = csv.reader(records or text, delimiter=delimiter)

    def line() -> int:
        return records.line if records is not None else reader.line_num + 1  # after the header

    total, rows = len(raw), 0
    while True:
        try:
            read = builder.add_rows(islice(reader, PROGRESS_EVERY), columns, line)
        except csv.Error as exc:
            builder.rows += 1
            builder.skip(line(), "malformed_row", f"cannot be read as CSV ({exc})")
            continue
        rows += read
        if progress is not None:
            progress(ImportProgress(rows, buffer.tell() if read else total, total))
        if read < PROGRESS_EVERY:
            break
    if records is not None:
        _account_for_quotes(builder, records)
    return builder.finish()


def _account_for_quotes(builder: EventLogBuilder, records: _Rows) -> None:
    for number in records.unclosed:
        builder.rows += 1
        builder.skip(
            number,
            "unclosed_quote",
            f"a quote opened on line {number} is not closed on it; this line was skipped and "
            f"reading went on at line {number + 1}",
        )
    if records.joined:
        builder.continued = sum(last - first for first, last in records.joined)
        spans = ", ".join(f"{first}-{last}" for first, last in records.joined[:5])
        more = f" and {len(records.joined) - 5} more" if len(records.joined) > 5 else ""
        count = len(records.joined)
        rows = "1 row runs" if count == 1 else f"{count} rows run"
        builder.warn(
            f"{rows} over several lines (lines {spans}{more}): a quoted "
            "line break in a column the audit does not read. Check that no row was joined by a "
            "stray quote."
        )


# ------------------------------------------------------------------------------------------ XES
class _XesHandler:
    """Streams a XES log into the builder: one trace's events are held until the trace ends."""

    def __init__(self, parser: xml.parsers.expat.XMLParserType, builder: EventLogBuilder) -> None:
        self.parser = parser
        self.builder = builder
        self.stack: list[str] = []
        self.case: str | None = None
        self.pending: list[tuple[int, dict[str, str]]] = []
        self.event: dict[str, str] | None = None
        self.event_line = 0
        self.events = 0
        self.jurisdiction: str | None = None

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        name = tag.rsplit(":", 1)[-1]
        depth = len(self.stack)
        if depth >= MAX_DEPTH:
            raise EventLogError(
                f"The XES file nests elements more than {MAX_DEPTH} levels deep (line "
                f"{self.parser.CurrentLineNumber}). Nothing was audited."
            )
        parent = self.stack[-1] if self.stack else None
        self.stack.append(name)
        if depth == 0:
            if name != "log":
                raise EventLogError(
                    f"This XML file is not an XES log: its root element is {quoted(tag)}."
                )
            return
        if name == "trace" and parent == "log":
            self.case, self.pending, self.jurisdiction = None, [], None
        elif name == "event" and parent in ("trace", "log"):
            self.event, self.event_line = {}, self.parser.CurrentLineNumber
        elif "key" in attributes and "value" in attributes:
            if parent == "event" and self.event is not None:
                self.event[attributes["key"]] = attributes["value"]
            elif parent == "trace" and attributes["key"] == "concept:name":
                self.case = attributes["value"]
            elif parent == "trace" and attributes["key"] in ("jurisdiction", "case:jurisdiction"):
                self.jurisdiction = attributes["value"]

    def end(self, tag: str) -> None:
        name = self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        if name == "event" and self.event is not None:
            self.events += 1
            if parent == "trace":
                self.pending.append((self.event_line, self.event))
            else:
                self.builder.rows += 1
                self.builder.skip(self.event_line, "malformed_row", "event outside a trace")
            self.event = None
        elif name == "trace" and parent == "log":
            for line, event in self.pending:
                if self.case is None:
                    self.builder.rows += 1
                    self.builder.skip(line, "missing_value", "the trace has no concept:name (case)")
                    continue
                self.builder.add(
                    line,
                    self.case,
                    event.get("concept:name", ""),
                    event.get("time:timestamp", ""),
                    event.get("answer"),
                    event.get("status"),
                    self.jurisdiction,
                )
            self.pending = []


def _refuse(*_: object) -> int:
    raise EventLogError(
        "The XES file declares a DOCTYPE or entities; they are refused for safety. "
        "Nothing was audited."
    )


def read_xes_log(
    raw: bytes,
    rules: ConformanceRules,
    mapping: ActivityMapping | None = None,
    *,
    name: str = "upload",
    progress: ProgressCallback | None = None,
) -> EventLog:
    if not raw.strip():
        raise EventLogError("The file is empty: there is nothing to audit.")
    parser = xml.parsers.expat.ParserCreate()
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    encoding = ["utf-8"]

    def declaration(_version: str | None, declared: str | None, _standalone: int) -> None:
        if declared:
            encoding[0] = declared.lower()

    builder = EventLogBuilder(rules, mapping, source=name, format="xes", encoding="utf-8")
    handler = _XesHandler(parser, builder)
    parser.XmlDeclHandler = declaration
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    total = len(raw)
    try:
        for offset in range(0, total, XES_CHUNK):
            parser.Parse(raw[offset : offset + XES_CHUNK], False)
            if progress is not None:
                done = min(total, offset + XES_CHUNK)
                progress(ImportProgress(handler.events, done, total))
        parser.Parse(b"", True)
    except xml.parsers.expat.ExpatError as exc:
        raise EventLogError(
            f"The XES file is not well-formed XML (line {exc.lineno}: "
            f"{xml.parsers.expat.errors.messages.get(exc.code, 'error')}). Nothing was audited."
        ) from None
    builder.encoding = encoding[0]
    return builder.finish()


# ----------------------------------------------------------------------------------- front door
def _format_of(raw: bytes, name: str) -> str:
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix == "xes":
        return "xes"
    if suffix in ("csv", "tsv", "txt"):
        return "csv"
    head = raw[:512].lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n\x00")
    return "xes" if head.startswith(b"<") else "csv"


def read_event_log(
    source: Path | bytes,
    rules: ConformanceRules,
    mapping: ActivityMapping | None = None,
    *,
    name: str | None = None,
    encoding: str = "auto",
    format: str | None = None,  # noqa: A002 - the word users know
    progress: ProgressCallback | None = None,
) -> EventLog:
    """Read a CSV or XES event log (chosen by ``format``, else the name, else the content)."""
    raw, found_name = _read(source, MAX_EVENT_LOG_BYTES, "an event log")
    name = name or found_name
    kind = format or _format_of(raw, name)
    if kind == "xes":
        return read_xes_log(raw, rules, mapping, name=name, progress=progress)
    if kind != "csv":
        raise EventLogError(f"Unknown log format {quoted(kind)}: use csv or xes.")
    decoded = decode_choice(raw, encoding)
    return read_csv_log(decoded, rules, mapping, name=name, progress=progress)


def read_mapping(
    source: Path | bytes, rules: ConformanceRules, *, name: str | None = None
) -> ActivityMapping:
    """Read a mapping file (CSV ``local_activity,framework_id``); refused whole if any row is bad."""
    raw, found_name = _read(source, MAX_MAPPING_BYTES, "a mapping file")
    decoded = decode_choice(raw)
    text = raw.decode(decoded.encoding)
    first = text.split("\n", 1)[0].rstrip("\r")
    delimiter = next(
        (d for d in DELIMITERS if d in first and "framework_id" in first.casefold()), ","
    )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def rows() -> Iterator[tuple[int, list[str]]]:
        last = 0
        try:
            for row in reader:
                yield last + 1, row
                last = reader.line_num
        except csv.Error as exc:
            raise EventLogError(
                f"The mapping file cannot be read as CSV at line {last + 1} ({exc})."
            ) from None

    return parse_mapping(rows(), rules, source=name or found_name)
