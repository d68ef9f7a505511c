"""The practitioner's home: the team at a glance, what is due soon or late, and their own loose
ends. The sections run in the order of `SECTIONS`."""

from __future__ import annotations

from risk_app.adapters.db import Store
from risk_app.domain.access import Actor
from risk_app.ui import homes
from risk_app.ui.homes import local_policy_section, own_sections, team_sections

SECTIONS: tuple[homes.Section, ...] = (
    team_sections.team_by_stage,
    team_sections.actions_due_soon_and_overdue,
    own_sections.your_waiting_items,
    team_sections.reviews_due,
    team_sections.team_agreements_waiting,
    local_policy_section.render_local_policies,
)


def render(store: Store, actor: Actor) -> None:
    homes.render(SECTIONS, store, actor)
