"""Safeguarding concerns across the organisation, for the safeguarding lead: open one to decide on
the Section 42 duty or take its next step (the concern only, not the rest of the record)."""

from __future__ import annotations

from risk_app.domain.access import Page
from risk_app.ui import guard, runtime
from risk_app.ui.record import concern_case_views

actor = guard.require(Page.CONCERNS)
concern_case_views.render(runtime.store(), actor)
