"""Two app processes on one PostgreSQL behind the reference proxy, with sticky sessions.

Two browsers are pinned to different replicas (by the proxy's own sticky cookie). What one changes
through its replica, the other sees through the other: a risk recorded, a framework version
activated. Nothing is lost and each replica reads the other's writes from the shared database.
"""

from __future__ import annotations

import http.client
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from framework.loader import BUNDLED_FRAMEWORK
from risk_app.adapters.tables import RiskRow
from risk_app.config import Settings
from risk_app.services import demo
from risk_app.services import framework as framework_service
from risk_app.services.bootstrap import open_store
from tests.browser.conftest import PASSWORDS
from tests.browser.helpers import choose, open_page, open_tab, sign_in, wait_for_app
from tests.deployment.conftest import Deployment, deployment

pytestmark = [pytest.mark.proxy, pytest.mark.postgres, pytest.mark.xdist_group("browser")]
expect.set_options(timeout=30_000)
SECRET = "a-session-key-shared-by-every-replica-in-this-test-0123456789"
ACTIVITY = "Taking the bus to college on her own"


@pytest.fixture
def replicated(pg_url: str, tmp_path: Path) -> Iterator[tuple[Deployment, str]]:
    data_dir, run_dir = tmp_path / "data", tmp_path / "run"
    data_dir.mkdir()
    run_dir.mkdir()
    env = {"RISK_APP_DATABASE_URL": pg_url, "RISK_APP_SESSION_SECRET": SECRET}
    store = open_store(Settings.from_env({"RISK_APP_DATA_DIR": str(data_dir), **env}))
    demo.load(store)
    store.dispose()
    with deployment(run_dir, data_dir, replicas=2, env=env) as deployed:
        yield deployed, pg_url


def _health_lines(deployed: Deployment) -> list[str]:
    return [line for line in deployed.access_log().splitlines() if "/_stcore/health" in line]


def _replica_of(deployed: Deployment, cookie: str) -> str:
    """Which app process the proxy sends a browser with this sticky cookie to (from its log,
    which nginx writes just after the response: wait for the new line)."""
    before = len(_health_lines(deployed))
    port = int(deployed.url.rsplit(":", 1)[1])
    connection = http.client.HTTPSConnection("localhost", port, context=deployed.tls())
    connection.request("GET", "/_stcore/health", headers={"Cookie": f"risk_replica={cookie}"})
    connection.getresponse().read()
    connection.close()
    deadline = time.monotonic() + 5
    while len(lines := _health_lines(deployed)) <= before and time.monotonic() < deadline:
        time.sleep(0.05)
    found = re.search(r"upstream=([\d.:]+)", lines[-1]) if len(lines) > before else None
    assert found, lines[-3:]
    return found.group(1)


def _pinned(browser: Any, deployed: Deployment, cookie: str) -> Any:
    context = browser.new_context(ignore_https_errors=True, viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [
            {
                "name": "risk_replica",
                "value": cookie,
                "domain": "localhost",
                "path": "/",
                "secure": True,
                "httpOnly": True,
                "sameSite": "Strict",
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def _open_amina(page: Any) -> Any:
    open_page(page, "People")
    page.get_by_label("Open a person's record").click()
    page.get_by_role("option", name="Amina Okafor", exact=True).click()
    wait_for_app(page)
    return open_tab(page, "Risks and who owns what")


def test_two_replicas_behind_the_proxy_share_every_change_and_keep_each_browser(
    replicated, browser, tmp_path
):
    deployed, pg_url = replicated
    by_replica: dict[str, str] = {}
    for n in range(64):
        by_replica.setdefault(_replica_of(deployed, f"probe-{n}"), f"probe-{n}")
        if len(by_replica) == 2:
            break
    assert len(by_replica) == 2, by_replica
    first_cookie, second_cookie = by_replica.values()
    first = _pinned(browser, deployed, first_cookie)
    second = _pinned(browser, deployed, second_cookie)

    # Through the first replica: the practitioner records a risk.
    sign_in(first, deployed.url, "practitioner", PASSWORDS["practitioner"])
    risks = _open_amina(first)
    risks.get_by_role("button", name="Start a risk assessment at this stage").click()
    words = "The activity or choice, in the person's words"
    risks.get_by_role("textbox", name=words, exact=True).fill(ACTIVITY)
    risks.get_by_role("textbox", name="What the person gains from it", exact=True).fill(
        "Independence and her course"
    )
    risks.get_by_role("textbox", name="What could go wrong for the person", exact=True).fill(
        "She might miss her stop"
    )
    choose(risks, "Likelihood (practitioner)", "2. Unlikely")
    choose(risks, "Impact (practitioner)", "2. Minor")
    wait_for_app(first)
    risks.get_by_role("button", name="Add risk", exact=True).click()
    expect(risks.get_by_role("heading", name=f"Risk 1: {ACTIVITY}", exact=True)).to_be_visible()

    # Through the second replica: a colleague sees it, and the lead activates a new framework.
    sign_in(second, deployed.url, "manager", PASSWORDS["manager"])
    seen = _open_amina(second)
    expect(seen.get_by_role("heading", name=f"Risk 1: {ACTIVITY}", exact=True)).to_be_visible()
    lead = _pinned(browser, deployed, second_cookie)
    sign_in(lead, deployed.url, "lead", PASSWORDS["lead"])
    version = framework_service.current().version
    revised = tmp_path / "revised-framework.yaml"
    body = BUNDLED_FRAMEWORK.read_text(encoding="utf-8")
    revised.write_text(body.replace(f'version: "{version}"', 'version: "2099.2.0"', 1))
    open_page(lead, "Framework versions")
    uploader = lead.locator('[data-testid="stFileUploader"]').filter(has_text="Framework file")
    uploader.locator('input[type="file"]').set_input_files(str(revised))
    lead.get_by_role("heading", name=re.compile(r"How version 2099\.2\.0 differs")).wait_for()
    lead.get_by_text(
        "I have read the difference and want every new record to use this version", exact=True
    ).click()
    wait_for_app(lead)
    lead.get_by_role("button", name="Activate version 2099.2.0", exact=True).click()
    expect(lead.get_by_text("is the version in use").first).to_be_visible()

    # Back on the first replica: the new version is in use there too, from the next click.
    open_page(first, "Framework map")
    expect(first.get_by_text("version 2099.2.0").first).to_be_visible()

    # Each browser kept to its replica all along (nginx logs a WebSocket when it closes), and the
    # shared database holds one risk.
    for page in (first, second, lead):
        page.context.close()
    time.sleep(1)
    streams = {
        m.group(1)
        for line in deployed.access_log().splitlines()
        if "/_stcore/stream" in line and (m := re.search(r"upstream=([\d.:]+)", line))
    }
    assert streams == set(by_replica), streams
    store = open_store(Settings.from_env({"RISK_APP_DATABASE_URL": pg_url}))
    with store.read() as session:
        recorded = list(session.scalars(select(RiskRow).where(RiskRow.activity == ACTIVITY)))
    store.dispose()
    assert len(recorded) == 1
