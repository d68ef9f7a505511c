"""Rate limits at the reference proxy, on a deployment of their own (so that no other test's
sign-in waits behind them)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.deployment.conftest import Deployment
from tests.deployment.test_proxy import _request, proxy_for_module

pytestmark = [pytest.mark.proxy, pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    yield from proxy_for_module(tmp_path_factory)


def test_rapid_sign_in_attempts_are_rate_limited_at_the_proxy(proxied):
    statuses = [
        _request(
            proxied,
            "POST",
            "/account/signin",
            body=b"username=nobody&password=guess-guess-guess",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        ).status
        for _ in range(12)
    ]
    assert 429 in statuses
    assert "/account/signin" in proxied.access_log()
