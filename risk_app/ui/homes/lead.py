"""The safeguarding lead's home: counts and ages across the organisation first, then the audits,
the framework and the audit log. The sections run in the order of `SECTIONS`: a new oversight
section is one more line there (a function taking the store and the actor)."""

from __future__ import annotations

from risk_app.adapters.db import Store
from risk_app.domain.access import Actor
from risk_app.ui import homes
from risk_app.ui.homes import lead_sections, local_policy_section
from risk_app.ui.record import panels_waiting_views, safeguarding_oversight_views

SECTIONS: tuple[homes.Section, ...] = (
    safeguarding_oversight_views.render_for_lead,
    panels_waiting_views.render_panels_waiting,
    lead_sections.late_work_across_the_organisation,
    lead_sections.agreements_waiting_across_the_organisation,
    lead_sections.audits,
    lead_sections.the_framework,
    local_policy_section.render_local_policies,
    lead_sections.audit_log,
)


def render(store: Store, actor: Actor) -> None:
    homes.render(SECTIONS, store, actor)
