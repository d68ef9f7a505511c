"""The session cookie a browser would send, for AppTest.

AppTest cannot send cookies (`st.context.cookies` comes from the real client), so this is the one
boundary faked in UI tests. It lives in its own module so that the conftest and the tests that
import its helpers share one jar.
"""

from __future__ import annotations


class Browser:
    cookie: str | None = None


BROWSER = Browser()
