"""A real server and the system Chromium (Debian's package), driven by Playwright.

Browser downloads are impossible on our machines, so Playwright launches the installed Chromium.
Without one, these tests skip locally and fail in CI (RISK_APP_REQUIRE_BROWSER=1).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from risk_app.cli.serve import SERVER_FLAGS
from risk_app.config import Settings
from risk_app.services import demo
from risk_app.services.bootstrap import open_store

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # so `.venv/bin/pytest`, not only `python -m pytest`, finds tests.*
    sys.path.insert(0, str(ROOT))
PASSWORDS = {a.username: a.password for a in demo.DEMO_ACCOUNTS}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    data_dir: Path, port: int, extra_env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "RISK_APP_DATA_DIR": str(data_dir),
        "RISK_APP_DEMO": "1",
        **(extra_env or {}),
    }
    env.pop("RISK_APP_DATABASE_URL", None)
    flags = {**SERVER_FLAGS, "server.port": str(port)}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "risk_app" / "web" / "server.py"),
    ]
    command += [f"--{k}={v}" for k, v in flags.items()]
    log = open(data_dir / "server.log", "wb")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)


def wait_healthy(url: str, timeout: float = 60) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return time.perf_counter() - start
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"server at {url} did not become healthy in {timeout}s")


@pytest.fixture(scope="session")
def server_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("browser-data")


@contextmanager
def serving(data_dir: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """The demo organisation in `data_dir`, served by a real Streamlit server until the block ends
    (with `extra_env` added to its environment: a shorter time limit, say)."""
    settings = Settings.from_env({"RISK_APP_DATA_DIR": str(data_dir)})
    store = open_store(settings)
    demo.load(store)
    store.dispose()
    port = free_port()
    process = start_server(data_dir, port, extra_env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def server(server_data_dir: Path) -> Iterator[str]:
    with serving(server_data_dir) as url:
        yield url


@pytest.fixture
def fresh_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A server of its own on a fresh data directory, for a test that changes records.

    The end of the server's log is added to the test's report, shown when the test fails.
    """
    try:
        with serving(tmp_path) as url:
            yield url
    finally:
        log = tmp_path / "server.log"
        if log.exists():
            tail = log.read_text(errors="replace")[-6000:]
            request.node.add_report_section("teardown", "server log", tail)


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()
