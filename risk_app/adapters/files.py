"""Reading a file named by a user, bounded: its size is checked before it is read, and the read
itself stops one byte past the limit.

Every reader of a file given on the command line (event logs, mappings, local process files,
framework files, evidence packs, public keys) goes through :func:`read_bounded`, so that a device
(``/dev/zero``), a pipe or FIFO, a folder, or a file that grows while it is read is refused at
once with one sentence, instead of filling memory or waiting for ever. The limit is the reader's
own (each states it beside its format); the refusal names the file and the limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from framework.limits import LimitExceeded, check_json
from risk_app.domain.errors import InvalidInput, RiskAppError

MAX_EVIDENCE_PACK_BYTES = 20 * 2**20
"""An evidence pack holds one agreement version, its signatures and its audit events: a few
hundred kilobytes; 20 MB leaves room for a long history."""
MAX_KEY_FILE_BYTES = 64 * 2**10
"""A PEM public key is a few hundred bytes."""
_CHUNK = 1 << 24
"""Largest single read once the expected size has been read (16 MiB)."""


class FileRefused(InvalidInput):
    """A file was not read: missing, unreadable, not a regular file, or over its limit.

    ``reason`` is the sentence without the file's name, for readers that name the file
    themselves."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"Cannot read {name}: {reason}")


def size_words(limit: int) -> str:
    """A byte count as people read it: ``100 MB (104,857,600 bytes)``, ``5,000,000 bytes``."""
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if limit >= size and limit % size == 0:
            return f"{limit // size} {unit} ({limit:,} bytes)"
    return f"{limit:,} bytes"


def too_large(limit: int, what: str) -> str:
    """The reason given for a file over its limit."""
    return f"it is larger than {size_words(limit)}, the limit for {what}."


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bounded(path: Path | str, limit: int, *, what: str = "this file") -> bytes:
    """The whole content of a regular file of at most ``limit`` bytes, or :class:`FileRefused`.

    ``what`` names the kind of file in the refusal ("an event log"). The file is opened without
    blocking (a FIFO with no writer does not hang), checked with ``fstat`` (only regular files;
    its size against the limit) and read at most ``limit + 1`` bytes, so a file that grows while
    it is read is refused too."""
    name = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise FileRefused(name, f"{exc.strerror or type(exc).__name__}.") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(name, f"it is {_kind(info.st_mode)}, not a file; give {what}.")
        if info.st_size > limit:
            raise FileRefused(name, too_large(limit, what))
        chunks: list[bytes] = []
        total = 0
        want = info.st_size + 1  # one read for the whole file; one more to see its end
        while total <= limit:
            chunk = os.read(fd, min(want, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            want = _CHUNK
    except OSError as exc:
        raise FileRefused(name, f"{exc.strerror or type(exc).__name__}.") from None
    finally:
        os.close(fd)
    if total > limit:
        raise FileRefused(name, f"it grew while being read; {too_large(limit, what)}")
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_bounded_json(path: Path | str, limit: int, *, what: str = "this file") -> bytes:
    """:func:`read_bounded`, then the JSON limits of :mod:`framework.limits` (depth, number
    size); the bytes are returned for the reader's own parsing."""
    raw = read_bounded(path, limit, what=what)
    try:
        check_json(raw)
    except LimitExceeded as exc:
        raise FileRefused(str(path), f"{exc}.") from None
    return raw


def write_new_private(path: Path, data: bytes, *, what: str) -> None:
    """Create `path` readable by this account only, unless it exists: another process may have
    made it a moment ago (O_EXCL), and a key is never overwritten. `what` names it in errors."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise RiskAppError(f"{what} {path} cannot be created: {exc.strerror}.") from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
