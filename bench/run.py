"""Benchmarks for the foundation. Prints a table; `--json PATH` also writes the figures.

  make bench                       # or: .venv/bin/python bench/run.py
  RISK_APP_BENCH_PG_URL=postgresql+psycopg://postgres@127.0.0.1:5432/risk_app_test make bench

Measures: framework load and validation; app start to a usable sign-in page (server health, then
the sign-in form visible in Chromium); 8 threads x 50 concurrent updates through the service layer
on SQLite and, when configured, PostgreSQL (nothing lost, audit chain intact).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from framework import load_framework
from risk_app.adapters import migrate
from risk_app.adapters.db import Store
from risk_app.services import accounts, audit
from risk_app.services.record import people


def bench_framework(runs: int = 50) -> dict[str, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        graph = load_framework()
        times.append(time.perf_counter() - start)
    return {
        "runs": runs,
        "nodes": len(graph.nodes()),
        "links": len(graph.links()),
        "median_ms": round(statistics.median(times) * 1000, 1),
        "p95_ms": round(sorted(times)[int(runs * 0.95) - 1] * 1000, 1),
    }


def bench_start(runs: int = 3) -> dict[str, object]:
    """From launching the server process to the sign-in form visible in an already-open browser."""
    from contextlib import ExitStack

    from risk_app.config import Settings
    from risk_app.services import demo
    from risk_app.services.bootstrap import open_store
    from tests.browser.conftest import (
        CHROMIUM,
        CHROMIUM_ARGS,
        free_port,
        start_server,
        wait_healthy,
    )

    health, form = [], []
    with ExitStack() as stack:
        browser = None
        if CHROMIUM:
            from playwright.sync_api import sync_playwright

            playwright = stack.enter_context(sync_playwright())
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            data_dir = Path(tempfile.mkdtemp(prefix="risk-app-bench-"))
            store = open_store(Settings.from_env({"RISK_APP_DATA_DIR": str(data_dir)}))
            demo.load(store)
            store.dispose()
            port = free_port()
            page = browser.new_page() if browser else None
            started = time.perf_counter()
            process = start_server(data_dir, port)
            url = f"http://127.0.0.1:{port}"
            try:
                wait_healthy(url)
                health.append(time.perf_counter() - started)
                if page is not None:
                    page.goto(url)
                    page.get_by_label("Username", exact=True).wait_for(timeout=60_000)
                    form.append(time.perf_counter() - started)
                    page.close()
            finally:
                process.terminate()
                process.wait(timeout=10)
        if browser is not None:
            browser.close()
    result: dict[str, object] = {
        "runs": runs,
        "health_median_s": round(statistics.median(health), 2),
    }
    result["login_form_median_s"] = round(statistics.median(form), 2) if form else "no Chromium"
    return result


def bench_concurrency(url: str, threads: int = 8, updates: int = 50) -> dict[str, object]:
    from tests.load import concurrent_saves

    store = Store(url)
    migrate.upgrade(store)
    team = f"Bench {uuid.uuid4().hex[:6]}"
    person = people.create_person(
        store, by=accounts.SYSTEM, display_name="Bench", team=team, jurisdiction="england"
    )
    result = concurrent_saves(store, person.id, threads=threads, saves=updates)
    report = audit.verify(store)
    store.dispose()
    return {
        "backend": store.dialect,
        "updates": result.saves,
        "lost": result.lost,
        "errors": len(result.errors),
        "stale_retries": result.stale_retries,
        "seconds": round(result.seconds, 2),
        "updates_per_s": round(result.saves / result.seconds, 1),
        "audit_chain": "intact" if report.ok else report.summary(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", type=Path)
    parser.add_argument("--skip-start", action="store_true")
    args = parser.parse_args()
    results: dict[str, object] = {"framework_load_and_validate": bench_framework()}
    print("framework load + validate:", results["framework_load_and_validate"])
    if not args.skip_start:
        results["app_start"] = bench_start()
        print("app start to sign-in page:", results["app_start"])
    with tempfile.TemporaryDirectory() as tmp:
        results["concurrent_sqlite"] = bench_concurrency(f"sqlite:///{tmp}/bench.sqlite3")
    print("8 x 50 concurrent updates:", results["concurrent_sqlite"])
    pg = os.environ.get("RISK_APP_BENCH_PG_URL")
    if pg:
        results["concurrent_postgresql"] = bench_concurrency(pg)
        print("8 x 50 concurrent updates:", results["concurrent_postgresql"])
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
