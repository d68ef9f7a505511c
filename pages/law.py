"""The law by nation: what risk-app applies in England, Scotland and Wales, each rule cited."""

from __future__ import annotations

from risk_app.domain.access import Page
from risk_app.ui import guard, law_views

guard.require(Page.LAW)
law_views.show_law()
