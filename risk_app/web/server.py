"""The ASGI app `risk-app run` serves: Streamlit, with our sign-in routes and edge middleware.

`streamlit run risk_app/web/server.py` finds `app` below (it looks for an `App(...)` assignment)
and serves it with uvicorn (Streamlit's st.App).
"""

from __future__ import annotations

from pathlib import Path

from starlette.middleware import Middleware
from streamlit.starlette import App

from risk_app.web.context import WebContext
from risk_app.web.middleware import EdgeMiddleware
from risk_app.web.signin import routes

ENTRYPOINT = Path(__file__).resolve().parents[1] / "ui" / "app.py"

_context = WebContext()
app = App(
    str(ENTRYPOINT),
    routes=routes(_context),
    middleware=[Middleware(EdgeMiddleware, context=_context)],
)
