"""Sign-in and sign-out over plain HTTP, so the session cookie can be HttpOnly.

Credentials go in a normal form POST (which a proxy can rate-limit by path), never over the
Streamlit WebSocket; a success sets a fresh cookie and redirects into the app. The page is built
from an autoescaped template and needs no script.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from risk_app.adapters.session_cookie import COOKIE_NAME
from risk_app.domain.errors import AuthenticationFailed, RiskAppError
from risk_app.services import accounts, demo, web_sessions
from risk_app.web.context import WebContext, client_address

SIGN_IN_PATH = "/account/signin"
SIGN_OUT_PATH = "/account/signout"
STYLE_PATH = "/account/style.css"
MAX_FORM_BYTES = 4096
_SAFE_NEXT = re.compile(r"^/[A-Za-z0-9_\-/]{0,200}$")
_SAFE_VALUE = re.compile(r"^[A-Za-z0-9_\-]{1,40}$")
NEXT_PARAMS = frozenset({"person", "section", "concern"})
"""The only address parameters carried through sign-in: which record, which section of it, which
concern. Anything else is dropped, so the page after sign-in is always one of ours."""
NOTICES = {
    "signed_out": "You have signed out.",
    "ended": "Your session has ended. Please sign in again.",
}

_templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
)
_STYLE = (Path(__file__).parent / "templates" / "style.css").read_text(encoding="utf-8")


def safe_next(raw: str | None) -> str:
    """Only a path inside this site (never `//host` or a scheme), else the home page; with it the
    known parameters (`person`, `section`, `concern`) when each has a plain value (letters,
    digits, `-` and `_`), rebuilt from what was checked. Any other query is dropped."""
    if not raw or len(raw) > 400:
        return "/"
    path, _, query = raw.partition("?")
    if not _SAFE_NEXT.fullmatch(path) or path.startswith("//"):
        return "/"
    kept = _safe_query(query)
    return f"{path}?{kept}" if kept else path


def _safe_query(query: str) -> str:
    found: dict[str, str] = {}
    for pair in query.split("&") if query else []:
        name, equals, value = pair.partition("=")
        if (
            name not in NEXT_PARAMS
            or not equals
            or name in found
            or not _SAFE_VALUE.fullmatch(value)
        ):
            return ""
        found[name] = value
    return "&".join(f"{name}={value}" for name, value in found.items())


def _same_origin(request: Request) -> bool:
    """A browser's form POST says where it came from: refuse sign-ins posted from other sites."""
    origin = request.headers.get("origin")
    if origin and origin != "null":
        return urlsplit(origin).netloc == request.headers.get("host", "")
    site = request.headers.get("sec-fetch-site")
    return site in {None, "same-origin", "none"}


def _page(
    context: WebContext,
    *,
    status: int = 200,
    error: str | None = None,
    error_field: str = "username",
    username: str = "",
    next_path: str = "/",
    notice: str | None = None,
) -> HTMLResponse:
    settings = context.settings
    accounts_shown = (
        [
            {"role": a.role.label, "username": a.username, "password": a.password}
            for a in demo.DEMO_ACCOUNTS
        ]
        if settings.demo
        else []
    )
    html = _templates.get_template("signin.html").render(
        error=error,
        error_field=error_field,
        username=username,
        next_path=next_path,
        notice=notice,
        demo_accounts=accounts_shown,
        sso=context.sso_configured,
    )
    return HTMLResponse(html, status_code=status)


def routes(context: WebContext) -> list[Route]:
    async def show(request: Request) -> Response:
        notice = NOTICES.get(request.query_params.get("notice", ""))
        response = _page(
            context, next_path=safe_next(request.query_params.get("next")), notice=notice
        )
        if request.cookies.get(COOKIE_NAME) is not None and context.token(request) is None:
            # A cookie we no longer accept (mangled, or signed with an old key): drop it.
            response.headers["set-cookie"] = context.cookie_attributes(
                request
            ).clearing_header_value()
        return response

    async def submit(request: Request) -> Response:
        if not _same_origin(request):
            return _page(context, status=403, error="Sign in from this site's own page.")
        length = request.headers.get("content-length")
        if length is None or not length.isdigit() or int(length) > MAX_FORM_BYTES:
            return _page(context, status=413, error="That sign-in form was too large.")
        form = await request.form(max_files=0, max_fields=5, max_part_size=MAX_FORM_BYTES)
        username = str(form.get("username") or "")[:200]
        password = str(form.get("password") or "")[:300]
        next_path = safe_next(str(form.get("next") or ""))
        if not username.strip() or not password:
            missing = "username" if not username.strip() else "password"
            return _page(
                context,
                status=400,
                error=f"Enter your {missing}.",
                error_field=missing,
                username=username,
                next_path=next_path,
            )
        try:
            actor = await run_in_threadpool(
                accounts.authenticate,
                context.store,
                username,
                password,
                client=client_address(request),
                policy=context.settings.policy,
            )
            token = await run_in_threadpool(
                web_sessions.start, context.store, actor, method="password"
            )
        except AuthenticationFailed as exc:
            return _page(
                context,
                status=401,
                error=str(exc),
                error_field="password",
                username=username,
                next_path=next_path,
            )
        except RiskAppError as exc:  # locked, too many tries, database unavailable
            return _page(
                context, status=429, error=str(exc), username=username, next_path=next_path
            )
        response = RedirectResponse(next_path, status_code=303)
        response.headers["set-cookie"] = context.cookie_attributes(request).header_value(
            context.cookies.value_for(token)
        )
        return response

    async def sign_out(request: Request) -> Response:
        token = context.token(request)
        if token is not None:
            await run_in_threadpool(web_sessions.end, context.store, token, reason="user")
        response = RedirectResponse(f"{SIGN_IN_PATH}?notice=signed_out", status_code=303)
        response.headers["set-cookie"] = context.cookie_attributes(request).clearing_header_value()
        return response

    async def style(request: Request) -> Response:
        return Response(_STYLE, media_type="text/css")

    return [
        Route(SIGN_IN_PATH, show, methods=["GET"]),
        Route(SIGN_IN_PATH, submit, methods=["POST"]),
        Route(SIGN_OUT_PATH, sign_out, methods=["GET", "POST"]),
        Route(STYLE_PATH, style, methods=["GET"]),
    ]
