"""The session cookie each AppTest "browser" sends.

AppTest cannot send cookies (`st.context.cookies` comes from the real client), so this is the one
boundary faked in UI tests. Each AppTest session is its own browser: at its first run it takes
`BROWSER.cookie` (the newest sign-in, or None for a visitor) and keeps it, so a test can hold a
practitioner and a person side by side. It lives in its own module so that the conftest and the
tests that import its helpers share one jar.
"""

from __future__ import annotations

from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx


class Browser:
    def __init__(self) -> None:
        self.cookie: str | None = None
        """What the next new browser sends."""
        self.sessions: dict[int, str | None] = {}

    def reset(self) -> None:
        self.cookie = None
        self.sessions.clear()

    def sent_by_this_session(self) -> str | None:
        ctx = get_script_run_ctx()
        if ctx is None:
            return self.cookie
        # Every AppTest has the same session id, but its own session state: that is the tab.
        return self.sessions.setdefault(id(ctx.session_state), self.cookie)

    def replace_everywhere(self, cookie: str | None) -> None:
        """One browser, whose cookie every open tab now sends (e.g. after signing in again)."""
        self.cookie = cookie
        self.sessions = dict.fromkeys(self.sessions, cookie)


BROWSER = Browser()
