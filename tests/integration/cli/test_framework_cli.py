"""`risk-app framework versions | upload FILE | activate ID`, run as the operator would."""

from __future__ import annotations

from pathlib import Path

from framework import BUNDLED_FRAMEWORK
from tests.command_line import CommandRun
from tests.command_line import run_command as cli

PACKAGED_VERSION = "2026.12.1"
TP07_LABEL = "Plan covers risks to, from and by the person, with a contingency"


def one_line_error(result: CommandRun) -> str:
    """Exit 1, no traceback, and stderr opens with one `error:` line (a file's problems follow)."""
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: "), result.stderr
    return result.stderr


def revised_file(folder: Path, version: str = "2026.12.2", label: str = "Plan covers it") -> Path:
    """The packaged file with a new version number and touchpoint TP07 relabelled."""
    body = BUNDLED_FRAMEWORK.read_text(encoding="utf-8")
    body = body.replace(f'version: "{PACKAGED_VERSION}"', f'version: "{version}"', 1)
    assert f'label: "{TP07_LABEL}"' in body
    path = folder / f"framework-{version}.yaml"
    path.write_text(body.replace(f'label: "{TP07_LABEL}"', f'label: "{label}"', 1))
    return path


def test_before_any_upload_the_packaged_framework_is_listed_as_in_use(tmp_path: Path):
    listed = cli("framework", "versions", data_dir=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert f"In use: version {PACKAGED_VERSION} (packaged with the app)" in listed.stdout
    assert "No framework file has been uploaded." in listed.stdout


def test_the_operator_uploads_reads_the_difference_and_activates_a_revised_framework(
    tmp_path: Path,
):
    data = tmp_path / "data"
    uploaded = cli("framework", "upload", str(revised_file(tmp_path)), data_dir=data)
    assert uploaded.returncode == 0, uploaded.stderr
    assert f"Framework {PACKAGED_VERSION} → 2026.12.2" in uploaded.stdout
    assert "~ TP07 (touchpoint) 'Plan covers it'" in uploaded.stdout
    assert f"label: '{TP07_LABEL}' → 'Plan covers it'" in uploaded.stdout
    assert "risk-app framework activate 1" in uploaded.stdout
    before = cli("framework", "versions", data_dir=data).stdout
    assert f"In use: version {PACKAGED_VERSION}" in before
    assert "1\t2026.12.2\t" in before and "framework-2026.12.2.yaml" in before

    activated = cli("framework", "activate", "1", data_dir=data)
    assert activated.returncode == 0, activated.stderr
    assert "Version 2026.12.2 (upload 1) is now in use: activated by system" in activated.stdout
    assert "Records made earlier keep the framework version" in activated.stdout
    after = cli("framework", "versions", data_dir=data).stdout
    assert "In use: version 2026.12.2 (upload 1)" in after
    assert after.rstrip().endswith("yes")


def test_going_back_to_an_earlier_upload_from_the_command_line(tmp_path: Path):
    data = tmp_path / "data"
    cli("framework", "upload", str(revised_file(tmp_path, "2026.12.2", "One")), data_dir=data)
    cli("framework", "upload", str(revised_file(tmp_path, "2026.12.3", "Two")), data_dir=data)
    assert cli("framework", "activate", "2", data_dir=data).returncode == 0
    assert cli("framework", "activate", "1", data_dir=data).returncode == 0
    listed = cli("framework", "versions", data_dir=data).stdout
    assert "In use: version 2026.12.2 (upload 1)" in listed


def test_an_invalid_file_is_refused_with_every_problem_and_nothing_is_stored(tmp_path: Path):
    data = tmp_path / "data"
    broken = revised_file(tmp_path)
    broken.write_text(
        broken.read_text().replace(
            "source: ST3, type: has_touchpoint, target: TP07",
            "source: ST3, type: has_touchpoint, target: TP99",
            1,
        )
    )
    refused = cli("framework", "upload", str(broken), data_dir=data)
    stderr = one_line_error(refused)
    assert "is not a valid framework" in stderr
    assert any("line" in row and "TP99" in row for row in stderr.splitlines())
    assert (
        "No framework file has been uploaded." in cli("framework", "versions", data_dir=data).stdout
    )


def test_a_missing_file_and_an_unknown_id_give_one_clear_error(tmp_path: Path):
    data = tmp_path / "data"
    missing = one_line_error(cli("framework", "upload", str(tmp_path / "nope.yaml"), data_dir=data))
    assert "Cannot read" in missing
    unknown = one_line_error(cli("framework", "activate", "99", data_dir=data))
    assert "no uploaded framework version 99" in unknown
    not_a_number = cli("framework", "activate", "latest", data_dir=data)
    assert not_a_number.returncode != 0 and "Traceback" not in not_a_number.stderr


def test_a_version_number_already_used_for_other_content_is_refused(tmp_path: Path):
    data = tmp_path / "data"
    same_number = revised_file(tmp_path, PACKAGED_VERSION, "Other words")
    refused = one_line_error(cli("framework", "upload", str(same_number), data_dir=data))
    assert "packaged with the app" in refused
