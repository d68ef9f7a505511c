"""Reading local process files: the extension picks the format; only UTF-8 text (with or without a
byte-order mark) is accepted, and anything else gets a message saying how to save it properly."""

from __future__ import annotations

from pathlib import Path

import pytest

from risk_app.adapters.process_files import (
    MAX_PROCESS_BYTES,
    decode_process_bytes,
    process_format,
    read_process_file,
)
from risk_app.domain.assurance.local_process import LocalProcessError


def message(exc: pytest.ExceptionInfo[LocalProcessError]) -> str:
    [problem] = exc.value.problems
    return problem.message


def test_the_extension_says_yaml_or_csv_in_any_case() -> None:
    assert process_format("a.yaml") == "yaml"
    assert process_format("a.YML") == "yaml"
    assert process_format("dir/a.Csv") == "csv"


def test_an_unknown_extension_is_refused_with_the_allowed_ones() -> None:
    with pytest.raises(LocalProcessError) as caught:
        process_format("process.xlsx")
    assert (
        message(caught)
        == "the file name has '.xlsx'; a local process is a .yaml, .yml or .csv file"
    )
    with pytest.raises(LocalProcessError) as caught:
        process_format("process")
    assert "has no extension" in message(caught)


def test_utf8_with_or_without_a_byte_order_mark_decodes_the_same() -> None:
    text = "local_stage,maps_to\nCarers’ café,none\n"
    assert decode_process_bytes(text.encode("utf-8"), "p.csv") == text
    assert decode_process_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"), "p.csv") == text


def test_a_windows_1252_file_is_refused_with_the_line_and_how_to_save_it() -> None:
    raw = "local_stage,maps_to\nCarers’ check-in,none\n".encode("cp1252")
    with pytest.raises(LocalProcessError) as caught:
        decode_process_bytes(raw, "p.csv")
    [problem] = caught.value.problems
    assert problem.line == 2
    assert "byte 0x92 on line 2" in problem.message
    assert "CSV UTF-8 (Comma delimited)" in problem.message


def test_a_utf16_file_is_named_as_such() -> None:
    with pytest.raises(LocalProcessError) as caught:
        decode_process_bytes("local_stage,maps_to\n".encode("utf-16"), "p.csv")
    assert "saved as UTF-16" in message(caught)


def test_an_excel_workbook_is_told_to_export_csv() -> None:
    with pytest.raises(LocalProcessError) as caught:
        decode_process_bytes(b"PK\x03\x04rest-of-zip", "p.csv")
    assert "Excel workbook" in message(caught)


def test_a_binary_file_with_nul_characters_is_refused() -> None:
    with pytest.raises(LocalProcessError) as caught:
        decode_process_bytes(b"title: x\n\x00\x01", "p.yaml")
    assert "NUL character on line 2" in message(caught)


def test_an_oversized_file_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    with pytest.raises(LocalProcessError) as caught:
        decode_process_bytes(b"a" * (MAX_PROCESS_BYTES + 1), "p.csv")
    assert "larger than" in message(caught)
    big = tmp_path / "big.csv"
    big.write_bytes(b"a" * (MAX_PROCESS_BYTES + 1))
    with pytest.raises(LocalProcessError):
        read_process_file(big)


def test_a_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    with pytest.raises(LocalProcessError) as caught:
        read_process_file(tmp_path / "nowhere.yaml")
    assert message(caught).startswith("cannot read the file")
    assert caught.value.problems[0].source == "nowhere.yaml"


def test_reading_a_file_gives_its_text_and_format(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_bytes(b"\xef\xbb\xbfstages: []\n")
    assert read_process_file(path) == ("stages: []\n", "yaml")
