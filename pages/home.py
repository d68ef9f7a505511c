"""Home: a different starting point for each role."""

from __future__ import annotations

from risk_app.domain.access import Page
from risk_app.domain.roles import Role
from risk_app.ui import guard, home_views

actor = guard.require(Page.HOME)

if actor.role is Role.INDIVIDUAL:
    home_views.individual(actor)
elif actor.role in (Role.PRACTITIONER, Role.TEAM_MANAGER):
    home_views.staff(actor)
elif actor.role is Role.SAFEGUARDING_LEAD:
    home_views.safeguarding_lead(actor)
else:
    home_views.administrator(actor)
