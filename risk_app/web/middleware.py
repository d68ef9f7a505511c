"""Middleware in front of Streamlit: security headers, the upload gate, the sign-in redirect.

A reverse proxy adds the same headers in a real deployment (docs/deployment.md); setting them
here too means `risk-app run` on its own is never without them.
"""

from __future__ import annotations

import os
from urllib.parse import quote

from starlette.datastructures import Headers
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from risk_app.domain.roles import Role
from risk_app.web.context import WebContext
from risk_app.web.signin import SIGN_IN_PATH, safe_next

CSP = (
    "default-src 'self'; "
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'; "  # Streamlit's bundle needs both
    "style-src 'self' 'unsafe-inline'; "  # Streamlit styles with emotion (CSS-in-JS)
    "img-src 'self' data: blob:; font-src 'self' data:; "
    "connect-src 'self'; frame-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}
NO_STORE = {"cache-control": "no-store", "pragma": "no-cache"}
UPLOAD_PREFIX = "/_stcore/upload_file"
HIDDEN_PATHS = ("/_stcore/metrics", "/_stcore/agent")
HOST_CONFIG_PATH = "/_stcore/host-config"
HOST_CONFIG = {
    "allowedOrigins": [],
    "useExternalAuthToken": False,
    "enableCustomParentMessages": False,
    "enforceDownloadInNewTab": False,
    "metricsUrl": "",
    "blockErrorDialogs": False,
    "resourceCrossOriginMode": None,
}
"""What the page needs of Streamlit's host configuration, without the default list of hosting
sites allowed to message it from a parent frame (we are never framed)."""
ANONYMOUS_PAGES = {"/sign", "/signin"}
"""Streamlit pages open without an account: signing with a one-time code, and single sign-on."""
ASSET_PREFIXES = ("/_stcore/", "/static/", "/media/", "/component/", "/account/", "/auth/")
UPLOAD_LIMITS_MB = {Role.SAFEGUARDING_LEAD: 100}
"""Who may upload at all, and how much: only the lead's pages have file uploads (event logs)."""


def _core_path(path: str) -> str:
    """Streamlit's own routes, wherever the page is: the frontend also probes them under the
    page's path (`/sign/_stcore/health`) to find its base URL."""
    at = path.find("/_stcore/")
    return path[at:] if at > 0 else path


def _is_page_request(scope: Scope) -> bool:
    path: str = scope["path"]
    if scope["method"] != "GET" or path.startswith(ASSET_PREFIXES) or "/_stcore/" in path:
        return False
    if "." in path.rsplit("/", 1)[-1]:
        return False
    return path.rstrip("/") not in ANONYMOUS_PAGES and path != "/oauth2callback"


class EdgeMiddleware:
    """Pure ASGI (no body buffering), so a refused upload is never read into memory."""

    def __init__(self, app: ASGIApp, context: WebContext) -> None:
        self.app = app
        self.context = context
        self.served_by = os.environ.get("RISK_APP_REPLICA_NAME", "")[:40]
        """Names this process in an `x-served-by` header (the proxy hides it from browsers)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        core = _core_path(path)
        if core.startswith(HIDDEN_PATHS):
            await _with_headers(
                PlainTextResponse("Not found", status_code=404), scope, receive, send
            )
            return
        if core == HOST_CONFIG_PATH:
            await _with_headers(JSONResponse(HOST_CONFIG), scope, receive, send)
            return
        if core.startswith(UPLOAD_PREFIX) and scope["method"] not in {"OPTIONS"}:
            refusal = await self._upload_refusal(scope)
            if refusal is not None:
                await _with_headers(refusal, scope, receive, send)
                return
        elif _is_page_request(scope) and not self.context.sso_configured:
            from starlette.requests import Request

            if await self._page_refused(Request(scope)):
                target = _sign_in_target(path, scope.get("query_string", b""))
                await _with_headers(RedirectResponse(target, 303), scope, receive, send)
                return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                _add_headers(message, no_store=not path.startswith(("/static/", "/_stcore/static")))
                if self.served_by:
                    message["headers"].append((b"x-served-by", self.served_by.encode()))
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _page_refused(self, request: object) -> bool:
        """No valid cookie. If the database cannot say, the page goes on to the app, which
        checks again, fails closed and says plainly that risk-app is unavailable."""
        try:
            return await self.context.actor(request) is None  # type: ignore[arg-type]
        except Exception:  # noqa: BLE001 - any failure of the store: let the app explain it
            return False

    async def _upload_refusal(self, scope: Scope) -> PlainTextResponse | None:
        from starlette.requests import Request

        try:
            actor = await self.context.actor(Request(scope))
        except Exception:  # noqa: BLE001 - the store cannot say who this is: refuse, plainly
            return PlainTextResponse("risk-app cannot check who you are just now.", 503)
        limit = UPLOAD_LIMITS_MB.get(actor.role) if actor is not None else None
        if limit is None:
            return PlainTextResponse("Sign in to upload files.", status_code=403)
        length = Headers(scope=scope).get("content-length")
        if length is None or not length.isdigit():
            return PlainTextResponse("Uploads must say their length.", status_code=411)
        if int(length) > limit * 1024 * 1024 + 64 * 1024:  # multipart framing on top of the file
            return PlainTextResponse(f"Files over {limit} MB are not accepted.", status_code=413)
        return None


def _sign_in_target(path: str, query_string: bytes) -> str:
    """Sign-in, then back to the page asked for, with its record and section when they are
    plain (`safe_next` checks again when the form comes back)."""
    query = query_string.decode("latin-1")
    wanted = safe_next(f"{path}?{query}" if query else path)
    if wanted == "/":
        return SIGN_IN_PATH
    return f"{SIGN_IN_PATH}?next={quote(wanted, safe='/')}"


def _add_headers(message: Message, *, no_store: bool) -> None:
    headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"server"]
    present = {k.lower() for k, _ in headers}
    extra = {**SECURITY_HEADERS, **(NO_STORE if no_store else {})}
    for name, value in extra.items():
        if name.encode() not in present:
            headers.append((name.encode(), value.encode()))
    message["headers"] = headers


async def _with_headers(response: object, scope: Scope, receive: Receive, send: Send) -> None:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            _add_headers(message, no_store=True)
        await send(message)

    await response(scope, receive, sending)  # type: ignore[operator]
