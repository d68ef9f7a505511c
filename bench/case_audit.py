"""Benchmark: the case audit of a large event log, parse to report, against reading the file.

  .venv/bin/python bench/case_audit.py                  # 100,000 cases, about 1.1 million events
  .venv/bin/python bench/case_audit.py --cases 20000    # quicker

1. Writes a synthetic CSV log with planted deviations, and its mapping
   (``risk_app.domain.assurance.synthetic_logs``, seeded).
2. "Read into memory": ``list(csv.reader(f))`` over the same file opened as UTF-8 text, in a fresh
   process. This is the baseline: reading the file and splitting it into fields, nothing else.
3. The audit: reading the mapping and the log (encoding detection, header, every row's activity
   mapped and timestamp parsed, grouping by case), then judging every case and building the
   report with its aggregates, in a fresh process.
4. Checks that exactly the planted deviations are found (same keys, same counts) and nothing else.

The read and the audit run ``--repeat`` times, interleaved and each in a fresh process, and the
ratio is the median of the paired runs' ratios (so that both sides of a pair see the same load on
the machine); CPU times are printed beside the elapsed times. Both run with the interpreter's
defaults (garbage collector on): the baseline pays for its million row lists as the audit pays for
its events. Peak memory is the audit process's peak resident
set size (``resource.getrusage``). Exits non-zero if the audit takes more than ``--max-ratio``
times the read, uses ``--max-mb`` or more, or finds anything but the planted deviations.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def phase_read(log: Path) -> dict[str, float]:
    start, start_cpu = time.perf_counter(), cpu()
    with log.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    seconds, cpu_seconds = time.perf_counter() - start, cpu() - start_cpu
    return {"seconds": seconds, "cpu": cpu_seconds, "rows": len(rows) - 1, "peak_mb": peak_mb()}


def phase_audit(log: Path, mapping: Path, found: Path, as_of: str) -> dict[str, float]:
    from datetime import date

    from risk_app.adapters.event_logs import read_event_log, read_mapping
    from risk_app.domain.assurance.conformance import audit_cases
    from risk_app.domain.assurance.conformance_rules import derive_rules
    from risk_app.services import framework as framework_service

    rules = derive_rules(framework_service.current())
    start, start_cpu = time.perf_counter(), cpu()
    activity_mapping = read_mapping(mapping, rules)
    parsed = read_event_log(log, rules, activity_mapping)
    read_done = time.perf_counter()
    report = audit_cases(rules, parsed.traces, as_of=date.fromisoformat(as_of))
    seconds, cpu_seconds = time.perf_counter() - start, cpu() - start_cpu
    memory = peak_mb()
    keys = [list(d.key) for d in report.deviations]
    found.write_text(json.dumps(keys))
    return {
        "seconds": seconds,
        "cpu": cpu_seconds,
        "parse_seconds": read_done - start,
        "events": parsed.report.events,
        "skipped": len(parsed.report.skipped),
        "cases": report.overall.cases,
        "deviations": report.deviation_count,
        "peak_mb": memory,
    }


def generate(folder: Path, cases: int, seed: int) -> tuple[Path, Path, list[list[object]], str]:
    from framework import load_framework
    from risk_app.domain.assurance.synthetic_logs import LOG_HEADER, SyntheticLogs, mapping_rows

    logs = SyntheticLogs(load_framework(), seed=seed)
    log, mapping = folder / "events.csv", folder / "mapping.csv"
    planted: list[list[object]] = []
    with log.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(LOG_HEADER)
        for case in logs.cases(cases):
            writer.writerows(case.rows)
            planted += [list(key) for key in case.planted]
    with mapping.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(mapping_rows(logs.mapping))
    return log, mapping, planted, logs.as_of.isoformat()


def run_phase(*args: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--phase", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--max-ratio", type=float, default=3.0)
    parser.add_argument("--max-mb", type=float, default=2048)
    parser.add_argument("--keep", type=Path, help="Write the log here and keep it.")
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        kind, *paths = args.phase
        if kind == "read":
            result = phase_read(Path(paths[0]))
        else:
            result = phase_audit(Path(paths[0]), Path(paths[1]), Path(paths[2]), paths[3])
        print(json.dumps(result))
        return 0

    with tempfile.TemporaryDirectory(prefix="risk-app-case-audit-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        log, mapping, planted, as_of = generate(folder, args.cases, args.seed)
        size_mb = log.stat().st_size / 2**20
        print(
            f"case audit: generated {args.cases} cases ({size_mb:.0f} MB, seed {args.seed}) "
            f"in {time.perf_counter() - started:.0f} s"
        )
        found_file = folder / "found.json"
        reads, audits = [], []
        for _ in range(args.repeat):  # interleaved, so that both see the same machine load
            reads.append(run_phase("read", str(log)))
            audits.append(run_phase("audit", str(log), str(mapping), str(found_file), as_of))
        found = Counter(tuple(key) for key in json.loads(found_file.read_text()))
    wanted = Counter(tuple(key) for key in planted)
    ratios = [a["seconds"] / r["seconds"] for r, a in zip(reads, audits, strict=True)]
    cpu_ratios = [a["cpu"] / r["cpu"] for r, a in zip(reads, audits, strict=True)]
    ratio = statistics.median(ratios)
    read_s = statistics.median(r["seconds"] for r in reads)
    audit_s = statistics.median(a["seconds"] for a in audits)
    best = audits[0]
    peak = max(a["peak_mb"] for a in audits)
    figures = {
        "cases": best["cases"],
        "events": best["events"],
        "rows_skipped": best["skipped"],
        "runs": args.repeat,
        "read_s": round(read_s, 2),
        "audit_s": round(audit_s, 2),
        "parse_s": round(statistics.median(a["parse_seconds"] for a in audits), 2),
        "ratio": round(ratio, 2),
        "ratios": [round(r, 2) for r in ratios],
        "read_cpu_s": round(statistics.median(r["cpu"] for r in reads), 2),
        "audit_cpu_s": round(statistics.median(a["cpu"] for a in audits), 2),
        "cpu_ratio": round(statistics.median(cpu_ratios), 2),
        "read_peak_mb": round(max(r["peak_mb"] for r in reads)),
        "audit_peak_mb": round(peak),
        "events_per_s": round(best["events"] / audit_s),
        "planted": sum(wanted.values()),
        "found": best["deviations"],
        "exact_match": found == wanted,
    }
    print(
        f"case audit: {figures['cases']} cases, {figures['events']} events, median of "
        f"{args.repeat} interleaved runs each in a fresh process:\n"
        f"  read into memory {figures['read_s']} s (CPU {figures['read_cpu_s']} s)\n"
        f"  audit, parse to report {figures['audit_s']} s (parse {figures['parse_s']} s; "
        f"CPU {figures['audit_cpu_s']} s)\n"
        f"  ratio {figures['ratio']} (runs {figures['ratios']}; CPU {figures['cpu_ratio']})\n"
        f"  peak memory {figures['audit_peak_mb']} MB (the read alone "
        f"{figures['read_peak_mb']} MB); {figures['events_per_s']} events/s\n"
        f"  planted {figures['planted']} deviations, found {figures['found']}, exact match "
        f"{figures['exact_match']}"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    problems = []
    if found != wanted:
        missed, extra = wanted - found, found - wanted
        problems.append(f"missed {sorted(missed)[:5]}, extra {sorted(extra)[:5]}")
    if ratio > args.max_ratio:
        problems.append(f"audit took {ratio:.2f} times the read (limit {args.max_ratio})")
    if peak >= args.max_mb:
        problems.append(f"peak memory {peak:.0f} MB (limit {args.max_mb:.0f} MB)")
    if figures["rows_skipped"]:
        problems.append(f"{figures['rows_skipped']} rows skipped in a clean synthetic log")
    for problem in problems:
        print(f"case audit: FAILED: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
