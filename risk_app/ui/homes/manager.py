"""The team manager's home: what waits for the manager's decision or signature, and what is due
soon or late across the team. The sections run in the order of `SECTIONS`: a new oversight
section is one more line there (a function taking the store and the actor)."""

from __future__ import annotations

from risk_app.adapters.db import Store
from risk_app.domain.access import Actor
from risk_app.ui import homes
from risk_app.ui.homes import local_policy_section, own_sections, team_sections
from risk_app.ui.record import panels_waiting_views, safeguarding_oversight_views, shared_views

SECTIONS: tuple[homes.Section, ...] = (
    team_sections.team_by_stage,
    safeguarding_oversight_views.render_for_manager,
    panels_waiting_views.render_panels_waiting,
    own_sections.agreements_waiting_for_your_signature,
    team_sections.actions_due_soon_and_overdue,
    team_sections.reviews_due,
    team_sections.team_agreements_waiting,
    shared_views.accounts_created,
    local_policy_section.render_local_policies,
)


def render(store: Store, actor: Actor) -> None:
    homes.render(SECTIONS, store, actor)
