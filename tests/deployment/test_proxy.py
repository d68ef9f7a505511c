"""Through the reference proxy: every security header, every refusal, and logs without secrets."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from risk_app.config import Settings
from risk_app.services import demo
from risk_app.services.bootstrap import open_store
from tests.browser.conftest import PASSWORDS
from tests.browser.helpers import open_page, sign_in, wait_for_app
from tests.deployment.conftest import UPLOAD_MB, Deployment, deployment

pytestmark = [pytest.mark.proxy, pytest.mark.xdist_group("browser")]
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def proxy_for_module(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    """One app process with the demo organisation behind the proxy, for a module's tests."""
    data_dir = tmp_path_factory.mktemp("proxied-data")
    run_dir = tmp_path_factory.mktemp("proxy-run")
    store = open_store(Settings.from_env({"RISK_APP_DATA_DIR": str(data_dir)}))
    demo.load(store)
    store.dispose()
    with deployment(run_dir, data_dir, replicas=1, env={}) as deployed:
        yield deployed


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    yield from proxy_for_module(tmp_path_factory)


def _request(
    deployed: Deployment,
    method: str,
    path: str,
    *,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> http.client.HTTPResponse:
    port = int(deployed.url.rsplit(":", 1)[1])
    connection = http.client.HTTPSConnection("localhost", port, context=deployed.tls(), timeout=30)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_every_page_carries_the_security_headers_and_no_server_name(proxied):
    for path in ("/account/signin", "/", "/sign", "/_stcore/health"):
        response = _request(proxied, "GET", path)
        headers = {k.lower(): v for k, v in response.getheaders()}
        assert "max-age=31536000" in headers["strict-transport-security"], path
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "no-referrer", path
        assert headers["cache-control"] == "no-store", path
        assert "server" not in headers, path
        assert "x-served-by" not in headers, path


def test_metrics_agent_routes_and_the_default_host_list_are_not_exposed(proxied):
    assert _request(proxied, "GET", "/_stcore/metrics").status == 404
    assert _request(proxied, "GET", "/_stcore/agent/anything").status == 404
    port = int(proxied.url.rsplit(":", 1)[1])
    connection = http.client.HTTPSConnection("localhost", port, context=proxied.tls())
    connection.request("GET", "/_stcore/host-config")
    config = json.loads(connection.getresponse().read())
    assert config["allowedOrigins"] == []


def test_uploads_are_refused_to_visitors_and_over_the_size_limit_at_the_proxy(proxied):
    url = "/_stcore/upload_file/0f6c2c7e-9d0d-4a55-a3b4-8f0e0e2b7a11/file-1"
    assert _request(proxied, "PUT", url, body=b"x" * 2048).status == 403
    oversized = {"Content-Length": str((UPLOAD_MB + 1) * 1024 * 1024)}
    port = int(proxied.url.rsplit(":", 1)[1])
    connection = http.client.HTTPSConnection("localhost", port, context=proxied.tls())
    connection.putrequest("PUT", url)
    for name, value in oversized.items():
        connection.putheader(name, value)
    connection.endheaders()
    assert connection.getresponse().status == 413  # refused before a byte of the body is sent


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def test_large_uploads_from_visitors_straight_to_the_app_cost_it_no_memory(proxied):
    """Even bypassing the proxy, a visitor's upload is refused before its body is read."""
    port, pid = proxied.replicas[0], proxied.pids[0]
    before = _rss_mb(pid)
    body = b"x" * (90 * 1024 * 1024)
    for n in range(3):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            connection.request("PUT", f"/_stcore/upload_file/some-session/file-{n}", body=body)
            assert connection.getresponse().status == 403
        except (BrokenPipeError, ConnectionResetError):
            pass  # refused and closed while the body was still being sent: also nothing read
        finally:
            connection.close()
    assert _rss_mb(pid) - before < 30


def test_a_websocket_from_another_site_is_refused(proxied):
    response = _request(
        proxied,
        "GET",
        "/_stcore/stream",
        headers={
            "Upgrade": "websocket",
            "Connection": "Upgrade",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
            "Sec-WebSocket-Version": "13",
            "Origin": "https://evil.example",
        },
    )
    assert response.status == 403


def test_a_real_upload_leaves_no_session_id_in_the_proxy_log_and_the_cookie_is_secure(
    proxied, browser: Any
):
    context = browser.new_context(ignore_https_errors=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    frames: list[bytes] = []
    page.on(
        "websocket",
        lambda ws: ws.on(
            "framereceived",
            lambda payload: frames.append(payload) if isinstance(payload, bytes) else None,
        ),
    )
    try:
        sign_in(page, proxied.url, "lead", PASSWORDS["lead"])
        session = next(c for c in context.cookies() if c["name"] == "risk_app_session")
        assert session["secure"] and session["httpOnly"] and session["sameSite"] == "Strict"
        open_page(page, "Case audit")
        page.get_by_text("An event log exported from another system", exact=True).click()
        wait_for_app(page)
        uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text="Event log")
        uploader.locator('input[type="file"]').set_input_files(str(EXAMPLES / "events.csv"))
        uploader.get_by_text("events.csv").wait_for()
        wait_for_app(page)
    finally:
        context.close()
    from tests.browser.test_session_binding import _session_id

    session_id = _session_id(frames)
    log = proxied.access_log()
    assert "PUT /_stcore/upload_file/[redacted]" in log
    assert session_id not in log
