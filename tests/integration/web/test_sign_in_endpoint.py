"""The sign-in form over HTTP and the edge middleware, on a real database (SQLite and PostgreSQL).

The app behind the middleware is a stand-in page: what is tested is our own HTTP edge.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from risk_app.adapters.db import Store
from risk_app.adapters.session_cookie import COOKIE_NAME
from risk_app.adapters.tables import AuditEventRow, WebSessionRow
from risk_app.config import Settings
from risk_app.services import accounts
from risk_app.web.context import WebContext
from risk_app.web.middleware import EdgeMiddleware
from risk_app.web.signin import routes

BODY = "the app itself"


def _app(store: Store, settings: Settings) -> Starlette:
    context = WebContext(settings=settings, store=store)

    async def page(request: Request) -> PlainTextResponse:
        if request.method == "PUT":
            await request.body()
        return PlainTextResponse(BODY)

    return Starlette(
        routes=[*routes(context), Route("/{path:path}", page, methods=["GET", "PUT", "POST"])],
        middleware=[Middleware(EdgeMiddleware, context=context)],
    )


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.delenv("RISK_APP_SESSION_SECRET", raising=False)
    return Settings.from_env({"RISK_APP_DATA_DIR": str(tmp_path), "RISK_APP_DEMO": "1"})


@pytest.fixture
def app(demo_store: Store, settings: Settings) -> Starlette:
    return _app(demo_store, settings)


@pytest.fixture
def client(app: Starlette) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://risk.test", follow_redirects=False) as c:
        yield c


def _sign_in(client: TestClient, username: str, password: str, **extra: str):
    return client.post(
        "/account/signin",
        data={"username": username, "password": password, **extra},
        headers={"origin": "http://risk.test"},
    )


def test_the_right_password_sets_a_fresh_httponly_strict_cookie_and_goes_where_asked(client):
    first = _sign_in(client, "practitioner", "demo-practitioner-1", next="/people")
    assert first.status_code == 303 and first.headers["location"] == "/people"
    cookie = first.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # plain HTTP on this test host
    client.cookies.clear()
    second = _sign_in(client, "practitioner", "demo-practitioner-1")
    assert second.headers["set-cookie"].split(";")[0] != cookie.split(";")[0]


def test_the_cookie_is_secure_when_the_browser_came_over_tls(app):
    with TestClient(app, base_url="https://risk.test", follow_redirects=False) as c:
        response = c.post(
            "/account/signin",
            data={"username": "lead", "password": "demo-safeguarding-lead"},
            headers={"origin": "https://risk.test"},
        )
    assert "Secure" in response.headers["set-cookie"]


def test_the_database_keeps_only_a_hash_of_the_cookie_secret(client, demo_store):
    response = _sign_in(client, "practitioner", "demo-practitioner-1")
    value = response.headers["set-cookie"].split(";")[0].split("=", 1)[1]
    secret = value.rsplit(".", 1)[0]
    with demo_store.read() as session:
        stored = [r.token_sha256 for r in session.scalars(select(WebSessionRow))]
    assert len(stored) == 1 and secret not in stored[0]


@pytest.mark.parametrize("username", ["practitioner", "nobody-here"])
def test_a_wrong_password_or_unknown_user_gets_the_same_message_and_no_cookie(client, username):
    response = _sign_in(client, username, "not the password at all")
    assert response.status_code == 401
    assert "set-cookie" not in response.headers
    assert "The username or password is not right. Please try again." in response.text
    assert "not the password at all" not in response.text  # never echoed back
    assert f'value="{username}"' in response.text  # the username is kept


@pytest.mark.parametrize(
    ("username", "password", "missing"), [("", "x", "username"), ("sam", "", "password")]
)
def test_a_blank_field_is_named_in_the_error_summary(client, username, password, missing):
    response = _sign_in(client, username, password)
    assert response.status_code == 400
    assert f'href="#{missing}">Enter your {missing}.' in response.text
    assert 'role="alert"' in response.text


def test_hostile_text_in_the_username_is_shown_escaped(client):
    hostile = '"><script>alert(1)</script><img src=x>'
    response = _sign_in(client, hostile, "whatever it is")
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text or "&#34;&gt;&lt;script" in response.text


@pytest.mark.parametrize(
    "target", ["//evil.example/x", "https://evil.example", "/ok\r\nSet-Cookie: x=y", "javascript:x"]
)
def test_the_page_after_sign_in_is_always_on_this_site(client, target):
    response = _sign_in(client, "practitioner", "demo-practitioner-1", next=target)
    assert response.headers["location"] == "/"


def test_a_sign_in_posted_from_another_site_is_refused(client):
    response = client.post(
        "/account/signin",
        data={"username": "practitioner", "password": "demo-practitioner-1"},
        headers={"origin": "https://evil.example"},
    )
    assert response.status_code == 403 and "set-cookie" not in response.headers


def test_an_oversized_form_is_refused_before_it_is_read(client):
    response = _sign_in(client, "practitioner", "x" * 10_000)
    assert response.status_code == 413


def test_demo_passwords_appear_on_the_form_only_in_demo_mode(demo_store, tmp_path):
    shown = "demo-administrator"
    for demo, expected in (("1", True), ("0", False)):
        settings = Settings.from_env({"RISK_APP_DATA_DIR": str(tmp_path), "RISK_APP_DEMO": demo})
        with TestClient(_app(demo_store, settings)) as c:
            assert (shown in c.get("/account/signin").text) is expected


def test_signing_out_ends_the_session_so_the_old_cookie_opens_nothing(client):
    cookie = _sign_in(client, "practitioner", "demo-practitioner-1").headers["set-cookie"]
    value = cookie.split(";")[0].split("=", 1)[1]
    client.cookies.set(COOKIE_NAME, value)
    assert client.get("/people").text == BODY
    out = client.get("/account/signout")
    assert out.status_code == 303 and "Max-Age=0" in out.headers["set-cookie"]
    client.cookies.set(COOKIE_NAME, value)  # a copy kept by an attacker
    refused = client.get("/people")
    assert refused.status_code == 303 and refused.headers["location"].startswith("/account/signin")


def test_a_page_without_a_valid_cookie_redirects_to_sign_in_but_anonymous_pages_open(client):
    assert client.get("/people").headers["location"] == "/account/signin?next=/people"
    client.cookies.set(COOKIE_NAME, "forged.value")
    assert client.get("/").headers["location"] == "/account/signin"
    assert client.get("/sign").text == BODY  # signing with a one-time code needs no account
    assert client.get("/_stcore/health").text == BODY


def test_a_deep_link_comes_back_after_sign_in_with_its_record_and_section(client):
    asked = client.get("/caseload?person=12&section=meetings")
    location = asked.headers["location"]
    assert location == "/account/signin?next=/caseload%3Fperson%3D12%26section%3Dmeetings"
    form = client.get(location)
    assert 'value="/caseload?person=12&amp;section=meetings"' in form.text
    back = _sign_in(
        client, "practitioner", "demo-practitioner-1", next="/caseload?person=12&section=meetings"
    )
    assert back.headers["location"] == "/caseload?person=12&section=meetings"


@pytest.mark.parametrize(
    "query",
    ["person=//evil.example", "next=https://evil.example", "person=1%0d%0aSet-Cookie:x=y"],
)
def test_a_deep_link_with_a_hostile_query_keeps_only_the_page(client, query):
    assert client.get(f"/caseload?{query}").headers["location"] == "/account/signin?next=/caseload"


def test_every_response_carries_the_security_headers_and_metrics_are_hidden(client):
    for path in ("/account/signin", "/people", "/_stcore/metrics"):
        headers = client.get(path).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["cache-control"] == "no-store"
    assert client.get("/_stcore/metrics").status_code == 404


def _cookie_for(client: TestClient, username: str, password: str) -> str:
    cookie = _sign_in(client, username, password).headers["set-cookie"]
    return cookie.split(";")[0].split("=", 1)[1]


def test_only_a_signed_in_safeguarding_lead_may_upload_and_only_within_the_limit(client):
    url = "/_stcore/upload_file/some-session/some-file"
    assert client.put(url, content=b"x" * 1000).status_code == 403
    client.cookies.set(COOKIE_NAME, _cookie_for(client, "practitioner", "demo-practitioner-1"))
    assert client.put(url, content=b"x" * 1000).status_code == 403
    client.cookies.set(COOKIE_NAME, _cookie_for(client, "lead", "demo-safeguarding-lead"))
    assert client.put(url, content=b"x" * 1000).status_code == 200
    too_big = {"content-length": str(101 * 1024 * 1024)}
    assert client.put(url, content=b"", headers=too_big).status_code == 413


def test_eight_simultaneous_correct_sign_ins_all_succeed(app):
    def one(_: int) -> int:
        with TestClient(app, base_url="http://risk.test", follow_redirects=False) as c:
            return _sign_in(c, "practitioner", "demo-practitioner-1").status_code

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(one, range(8))) == [303] * 8


def test_wrong_passwords_lock_the_account_only_for_the_client_that_typed_them(app, demo_store):
    def attempt(address: str, password: str) -> int:
        with TestClient(
            app, "http://risk.test", follow_redirects=False, client=(address, 5000)
        ) as c:
            return _sign_in(c, "practitioner", password).status_code

    assert [attempt("203.0.113.9", "wrong-password-guess") for _ in range(5)] == [401] * 5
    assert attempt("203.0.113.9", "demo-practitioner-1") == 429  # locked from there
    assert attempt("198.51.100.4", "demo-practitioner-1") == 303  # the person, at their desk
    accounts.unlock(demo_store, by=accounts.SYSTEM, username="practitioner")
    assert attempt("203.0.113.9", "demo-practitioner-1") == 303


def test_a_run_of_failures_is_logged_as_its_first_and_its_locking_try_with_counts(app, demo_store):
    with TestClient(
        app, "http://risk.test", follow_redirects=False, client=("203.0.113.7", 1)
    ) as c:
        for _ in range(7):
            _sign_in(c, "practitioner", "wrong-password-guess")
    with demo_store.read() as session:
        failed = [
            r.detail
            for r in session.scalars(
                select(AuditEventRow).where(AuditEventRow.action == "login_failed")
            )
        ]
    assert len(failed) == 2
    assert '"attempts":1' in failed[0].replace(" ", "") and '"locked":true' in failed[1].replace(
        " ", ""
    )


def test_streamlits_own_routes_probed_under_a_page_path_are_treated_as_its_routes(client):
    # The frontend finds its base URL by asking for /<page>/_stcore/health and host-config.
    assert client.get("/sign/_stcore/health").text == BODY
    assert client.get("/people/_stcore/host-config").json()["allowedOrigins"] == []
    assert client.get("/people/_stcore/metrics").status_code == 404
    assert client.put("/people/_stcore/upload_file/s/f", content=b"x" * 10).status_code == 403


def test_an_unreachable_database_lets_pages_explain_and_refuses_uploads_plainly(tmp_path):
    settings = Settings.from_env({"RISK_APP_DATA_DIR": str(tmp_path)})
    down = Store("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    try:
        with TestClient(_app(down, settings), follow_redirects=False) as c:
            c.cookies.set(COOKIE_NAME, _any_signed_cookie(settings))
            assert c.get("/people").text == BODY  # the app checks again and says it is down
            refused = c.put("/_stcore/upload_file/s/f", content=b"x" * 10)
            assert refused.status_code == 503 and "cannot check who you are" in refused.text
    finally:
        down.dispose()


def _any_signed_cookie(settings: Settings) -> str:
    from risk_app.adapters.session_cookie import SessionCookies

    return SessionCookies(settings).value_for("a-token-the-database-cannot-look-up")
