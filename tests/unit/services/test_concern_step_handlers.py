"""Every step of the concern lifecycle's table has a checked service function and a form."""

from __future__ import annotations

from risk_app.domain.record.concern_lifecycle import TRANSITIONS, Step
from risk_app.services.boundary import CHECKED_MARK
from risk_app.services.record.concern_steps import HANDLERS
from risk_app.ui.record.concern_step_views import FORMS


def test_every_step_of_the_table_has_a_service_function_checked_at_the_boundary():
    assert set(HANDLERS) == {t.step for t in TRANSITIONS} == set(Step)
    assert all(getattr(f, CHECKED_MARK, False) for f in HANDLERS.values())


def test_every_step_after_raising_has_a_form_on_the_persons_page():
    assert set(FORMS) == set(Step) - {Step.RAISE}
