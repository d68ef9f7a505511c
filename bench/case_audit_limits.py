"""Benchmark: peak memory of `risk-app audit cases` on hostile log shapes, each in a fresh process.

  .venv/bin/python bench/case_audit_limits.py               # every shape (several minutes)
  .venv/bin/python bench/case_audit_limits.py --shape json-10mb --max-mb 2048

Shapes (written to a temporary folder, audited with ``--format json`` into /dev/null):

- ``one-event-cases``: 3.5 million cases of one event each (98 million bytes): more than one audit
  takes, so it must be refused (exit 1, one line) without reading the rest.
- ``at-the-case-cap``: as many one-event cases as one audit takes (each missing four
  touchpoints), JSON output: the largest report the audit accepts.
- ``json-10mb``: a 10 MB log of one-event cases, JSON output (the issue's 3.4 GB case).
- ``many-events``: 100 MB of events in 2,000 cases (about 4 million events).
- ``cap-and-events``: cases at the cap, and the rest of 100 MB as more events in them.
- ``dev-zero``: ``/dev/zero`` as the log (refused at once).

Peak memory is the child's maximum resident set size (``os.wait4``). Exits non-zero if any
shape reaches ``--max-mb`` or exits otherwise than expected.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from risk_app.domain.assurance.event_log import MAX_CASES

MB = 2**20
HEADER = "case_id,activity,timestamp\n"


def _write(path: Path, rows: Callable[[], object], limit: int | None = None) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        written = len(HEADER)
        for row in rows():  # type: ignore[attr-defined]
            if limit is not None and written + len(row) > limit:
                break
            handle.write(row)
            written += len(row)


def one_event_cases(count: int) -> Callable[[], object]:
    def rows() -> object:
        return (f"case-{i:07d},ST1,2026-01-{1 + i % 28:02d}\n" for i in range(count))

    return rows


def events_in(cases: int, activities: tuple[str, ...]) -> Callable[[], object]:
    def rows() -> object:
        i = 0
        while True:
            yield f"case-{i % cases:07d},{activities[i % len(activities)]},2026-01-01\n"
            i += 1

    return rows


def cap_then_events() -> object:
    yield from one_event_cases(MAX_CASES)()  # type: ignore[misc]
    yield from events_in(MAX_CASES, ("TP05", "ST2", "TP06"))()  # type: ignore[misc]


SHAPES: dict[str, tuple[str, int]] = {
    # name: (what it is, expected exit code)
    "one-event-cases": ("3,500,000 one-event cases", 1),
    "at-the-case-cap": (f"{MAX_CASES:,} one-event cases", 3),
    "json-10mb": ("10 MB of one-event cases", 3),
    "many-events": ("100 MB of events in 2,000 cases", 3),
    "cap-and-events": (f"{MAX_CASES:,} cases and 100 MB of events", 3),
    "dev-zero": ("/dev/zero", 1),
}


def make(shape: str, folder: Path) -> Path:
    path = folder / f"{shape}.csv"
    if shape == "dev-zero":
        return Path("/dev/zero")
    if shape == "one-event-cases":
        _write(path, one_event_cases(3_500_000))
    elif shape == "at-the-case-cap":
        _write(path, one_event_cases(MAX_CASES))
    elif shape == "json-10mb":
        _write(path, one_event_cases(10**7), limit=10 * MB)
    elif shape == "many-events":
        _write(path, events_in(2_000, ("ST1", "TP05", "ST2", "TP06", "ST3")), limit=100 * MB - 1)
    elif shape == "cap-and-events":
        _write(path, lambda: cap_then_events(), limit=100 * MB - 1)
    return path


def audit(log: Path, data_dir: Path) -> tuple[int, float, float, str]:
    """Exit code, peak MB, seconds, and the first line of stderr."""
    env = {**os.environ, "RISK_APP_DATA_DIR": str(data_dir)}
    env.pop("RISK_APP_DATABASE_URL", None)
    command = [sys.executable, "-m", "risk_app.cli", "audit", "cases", str(log), "--format", "json"]
    started = time.perf_counter()
    with open(os.devnull, "w") as sink, tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(command, stdout=sink, stderr=errors, env=env, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        first = errors.read().decode("utf-8", "replace").strip().splitlines()[:1]
    return child.returncode, usage.ru_maxrss / 1024, time.perf_counter() - started, "".join(first)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--shape", choices=sorted(SHAPES), action="append")
    parser.add_argument("--max-mb", type=float, default=2048)
    args = parser.parse_args()
    failed = []
    with tempfile.TemporaryDirectory(prefix="risk-app-limits-") as tmp:
        folder = Path(tmp)
        for shape in args.shape or list(SHAPES):
            what, expected = SHAPES[shape]
            log = make(shape, folder)
            size = log.stat().st_size / MB if log.is_file() else 0.0
            code, peak, seconds, first = audit(log, folder / "data")
            print(
                f"{shape}: {what}, {size:.1f} MB: exit {code}, peak {peak:.0f} MB, "
                f"{seconds:.1f} s" + (f"\n    {first}" if first else "")
            )
            if peak >= args.max_mb or code != expected:
                failed.append(shape)
            if log.is_file():
                log.unlink()
    for shape in failed:
        print(f"case audit limits: FAILED: {shape}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
