"""Files named by a user are read bounded: size checked first, devices and pipes refused at once."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from risk_app.adapters.files import FileRefused, read_bounded, read_bounded_json, size_words
from risk_app.domain.errors import InvalidInput


def test_a_file_within_its_limit_is_read_whole(tmp_path: Path):
    path = tmp_path / "log.csv"
    path.write_bytes(b"x" * 1000)
    assert read_bounded(path, 1000) == b"x" * 1000
    assert read_bounded(tmp_path / "log.csv", 10_000) == b"x" * 1000


def test_a_file_over_its_limit_is_refused_naming_the_limit(tmp_path: Path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * (2**20 + 1))
    with pytest.raises(FileRefused) as caught:
        read_bounded(path, 2**20, what="a mapping file")
    assert str(caught.value) == (
        f"Cannot read {path}: it is larger than 1 MB (1,048,576 bytes), the limit for a mapping "
        "file."
    )
    assert isinstance(caught.value, InvalidInput)


def test_dev_zero_is_refused_at_once_as_a_device():
    started = time.monotonic()
    with pytest.raises(FileRefused, match="it is a device, not a file; give an event log"):
        read_bounded("/dev/zero", 100 * 2**20, what="an event log")
    assert time.monotonic() - started < 1


def test_a_fifo_with_no_writer_is_refused_without_waiting(tmp_path: Path):
    fifo = tmp_path / "events.csv"
    os.mkfifo(fifo)
    result: list[BaseException] = []

    def attempt() -> None:
        try:
            read_bounded(fifo, 1000)
        except FileRefused as exc:
            result.append(exc)

    reader = threading.Thread(target=attempt, daemon=True)
    reader.start()
    reader.join(timeout=5)
    assert not reader.is_alive(), "read_bounded waited on a FIFO"
    assert "it is a pipe" in str(result[0])


def test_a_folder_and_a_missing_file_are_refused_in_words(tmp_path: Path):
    with pytest.raises(FileRefused, match="it is a folder, not a file"):
        read_bounded(tmp_path, 1000)
    with pytest.raises(FileRefused, match=r"Cannot read .*nowhere\.csv: No such file"):
        read_bounded(tmp_path / "nowhere.csv", 1000)


def test_a_file_that_grows_past_the_limit_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "growing.csv"
    path.write_bytes(b"x" * 100)
    real_read = os.read

    def growing(fd: int, n: int) -> bytes:
        with path.open("ab") as handle:  # another process appends while we read
            handle.write(b"y" * 1000)
        return real_read(fd, n)

    monkeypatch.setattr(os, "read", growing)
    with pytest.raises(FileRefused, match="it grew while being read"):
        read_bounded(path, 500)


def test_json_too_deep_or_with_huge_numbers_is_refused(tmp_path: Path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 10_000 + "]" * 10_000)
    with pytest.raises(FileRefused, match="more than 50 levels deep"):
        read_bounded_json(deep, 2**20)
    big = tmp_path / "big.json"
    big.write_text('{"n": ' + "9" * 31 + "}")
    with pytest.raises(FileRefused, match="31 digits, more than the 30 allowed"):
        read_bounded_json(big, 2**20)
    fine = tmp_path / "fine.json"
    fine.write_text('{"a": [1, 2.5, "[[[[", null]}')
    assert read_bounded_json(fine, 2**20) == fine.read_bytes()


def test_sizes_are_said_in_words():
    assert size_words(100 * 2**20) == "100 MB (104,857,600 bytes)"
    assert size_words(5_000_000) == "5,000,000 bytes"


def test_a_risk_scale_file_is_read_bounded_and_limited_like_the_others(tmp_path: Path):
    from risk_app.services.record.risks import current_scale

    with pytest.raises(InvalidInput, match="it is a device, not a file"):
        current_scale("/dev/zero")
    deep = tmp_path / "scale.yaml"
    deep.write_text("levels: " + "[" * 60 + "]" * 60)
    with pytest.raises(InvalidInput, match="more than 50 levels deep"):
        current_scale(str(deep))
