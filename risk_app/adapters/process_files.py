"""Read a local process file from disk or from an upload: size, format and text encoding.

Files must be UTF-8 (with or without a byte-order mark). Anything else is refused with a message
that says what was found and how to save the file properly, never with a traceback. What the
text says is checked by :mod:`risk_app.domain.assurance.local_process_reading`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from risk_app.adapters.files import FileRefused, read_bounded
from risk_app.domain.assurance.local_process import LocalProcessError, ProcessProblem

MAX_PROCESS_BYTES = 1_000_000
"""A local process is a few kilobytes; refuse anything over a megabyte rather than parse it."""

ProcessFormat = Literal["yaml", "csv"]

_SUFFIXES: dict[str, ProcessFormat] = {".yaml": "yaml", ".yml": "yaml", ".csv": "csv"}
_SAVE_AS = (
    "save it as UTF-8 (in Excel: File > Save As > 'CSV UTF-8 (Comma delimited)'; in a text "
    "editor: choose the UTF-8 encoding)"
)


def _fail(source: str, message: str, line: int | None = None) -> LocalProcessError:
    return LocalProcessError([ProcessProblem(source, message, line=line)])


def process_format(filename: str) -> ProcessFormat:
    """``yaml`` or ``csv`` from the file name's extension, or LocalProcessError."""
    suffix = Path(filename).suffix.lower()
    try:
        return _SUFFIXES[suffix]
    except KeyError:
        found = f"'{suffix}'" if suffix else "no extension"
        raise _fail(
            Path(filename).name or filename,
            f"the file name has {found}; a local process is a .yaml, .yml or .csv file",
        ) from None


def decode_process_bytes(raw: bytes, source: str) -> str:
    """The file's text, if it is UTF-8 (a BOM is allowed) and not too large."""
    if len(raw) > MAX_PROCESS_BYTES:
        raise _fail(source, f"the file is larger than {MAX_PROCESS_BYTES:,} bytes")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(source, f"the file is saved as UTF-16 ('Unicode text'); {_SAVE_AS}")
    if raw.startswith(b"PK\x03\x04"):
        raise _fail(
            source,
            "this is a zipped file such as an Excel workbook (.xlsx), not text; "
            "export the sheet as CSV UTF-8 instead",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        byte = raw[exc.start]
        raise _fail(
            source,
            f"the file is not UTF-8 text: byte 0x{byte:02x} on line {line} cannot be read "
            f"(files saved as 'CSV' from older Excel use Windows-1252); {_SAVE_AS}",
            line=line,
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise _fail(source, f"the file contains a NUL character on line {line}; is it text?", line)
    return text


def read_process_file(path: Path) -> tuple[str, ProcessFormat]:
    """Read and decode a local process file: its text and its format."""
    name = path.name or str(path)
    fmt = process_format(name)
    try:
        raw = read_bounded(path, MAX_PROCESS_BYTES, what="a local process file")
    except FileRefused as exc:
        raise _fail(name, f"cannot read the file: {exc.reason.rstrip('.')}") from None
    return decode_process_bytes(raw, name), fmt
