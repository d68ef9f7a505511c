"""Every public service function checks its inputs at the boundary (`@checked`), or is on the
list below with the reason it need not. A new service function without either fails here."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from dataclasses import dataclass
from datetime import date, datetime

import pytest

import risk_app.services
from risk_app.domain.errors import InvalidInput
from risk_app.domain.inputs import Code, Day, JsonDocument, LongText, RecordId, ShortText, TeamName
from risk_app.services.boundary import CHECKED_MARK, checked

IN_A_TRANSACTION = (
    "takes an open Session or rows: a building block run inside another service's transaction, "
    "after that service checked its own inputs"
)
NO_INPUT = "takes no input from a caller"
OWN_OUTPUT = "takes only a value that a checked service produced"
CONFIGURATION = "takes the deployment's settings, read and checked by risk_app.config"
MECHANISM = "the boundary check itself"

ALLOWED: dict[str, str] = {
    "sharing.shared_items_in": IN_A_TRANSACTION,
    "accounts.actor_of": IN_A_TRANSACTION,
    "decisions.view_of": IN_A_TRANSACTION,
    "decision_input.validated": IN_A_TRANSACTION,
    "awi_input.awi_record": IN_A_TRANSACTION,
    "awi_input.awi_who_decides": IN_A_TRANSACTION,
    "panels.view_of": IN_A_TRANSACTION,
    "meetings.view_in": IN_A_TRANSACTION,
    "meetings.meeting_for": IN_A_TRANSACTION,
    "meetings.open_meeting_row": IN_A_TRANSACTION,
    "meetings.write_item": IN_A_TRANSACTION,
    "meetings.write_action": IN_A_TRANSACTION,
    "safeguarding.concern_view": IN_A_TRANSACTION,
    "safeguarding.view_in": IN_A_TRANSACTION,
    "safeguarding.facts_of": IN_A_TRANSACTION,
    "safeguarding.add_event": IN_A_TRANSACTION,
    "safeguarding.open_states": IN_A_TRANSACTION,
    "safeguarding.decision_working_days": IN_A_TRANSACTION,
    "local_policy.in_force": IN_A_TRANSACTION,
    "local_policy.touchpoints_required": IN_A_TRANSACTION,
    "local_policy.touchpoints_required_for_everyone": IN_A_TRANSACTION,
    "local_policy.env_s42_days": CONFIGURATION,
    "safeguarding.words_of_person": IN_A_TRANSACTION,
    "concern_law.law_of": IN_A_TRANSACTION,
    "reviews.add_request": IN_A_TRANSACTION,
    "risks.acknowledgements_of": IN_A_TRANSACTION,
    "disclosure.check_item": IN_A_TRANSACTION,
    "disclosure.readable": IN_A_TRANSACTION,
    "disclosure.reads_all": IN_A_TRANSACTION,
    "disclosure.shared_ids": IN_A_TRANSACTION,
    "disclosure.withheld_counts": IN_A_TRANSACTION,
    "assembly.assemble": IN_A_TRANSACTION,
    "repository.all_versions": IN_A_TRANSACTION,
    "repository.latest_row": IN_A_TRANSACTION,
    "repository.latest_number": IN_A_TRANSACTION,
    "repository.version_row": IN_A_TRANSACTION,
    "repository.write_version": IN_A_TRANSACTION,
    "repository.issue_record": IN_A_TRANSACTION,
    "repository.sealing_key_fingerprint": IN_A_TRANSACTION,
    "repository.signature_rows": IN_A_TRANSACTION,
    "repository.signature_record": IN_A_TRANSACTION,
    "repository.has_signed": IN_A_TRANSACTION,
    "repository.write_signature": IN_A_TRANSACTION,
    "repository.sign_detail": IN_A_TRANSACTION,
    "repository.record_talk_request": IN_A_TRANSACTION,
    "repository.talk_requested": IN_A_TRANSACTION,
    "views.version_view": IN_A_TRANSACTION,
    "views.signature_view": IN_A_TRANSACTION,
    "inviting.invitation_facts": IN_A_TRANSACTION,
    "standing.standing_of": IN_A_TRANSACTION,
    "audit.append": IN_A_TRANSACTION,
    "audit.record": IN_A_TRANSACTION,
    "audit.record_person_view": IN_A_TRANSACTION,
    "audit.to_event": IN_A_TRANSACTION,
    "audit.transaction": "opens the transaction a checked service reads and writes in (Store and Actor only)",
    "accounts.use_hasher": "takes a password hasher from the tests' set-up, never a user's input",
    "bootstrap.open_store": CONFIGURATION,
    "bootstrap.schema_status": "takes only the Store (the operator's command `db upgrade`)",
    "boundary.checked": MECHANISM,
    "boundary.refusal": MECHANISM,
    "case_audit.current_rules": "takes only the origin a checked service was given (or none)",
    "framework.current": NO_INPUT,
    "framework.version": NO_INPUT,
    "framework.current_info": NO_INPUT,
    "framework.use_packaged": NO_INPUT,
    "framework.unusable_active_version": NO_INPUT,
    "framework.escalation_routes": NO_INPUT,
    "people.view_of": IN_A_TRANSACTION,
    "people.check_stage": "checks a stage id that a checked service was given against the framework",
    "journey.stage_journey_in_transaction": IN_A_TRANSACTION,
    "stage_record.visits_of": IN_A_TRANSACTION,
    "reviews.plans_in_transaction": IN_A_TRANSACTION,
    "demo_records.load_records": "takes only what demo.load made: the demo people's ids and "
    "a finder for the demo's own accounts",
    "stage_record.records_made": IN_A_TRANSACTION,
    "stage_record.person_record": IN_A_TRANSACTION,
    "people.load_for": IN_A_TRANSACTION,
    "people.jurisdictions": "takes no input: the nations the law book holds, for the person form",
    "people.listed_for": (
        "a building block for other services' list views: its person_id comes from the checked "
        "service that calls it, with the query and views that service supplies"
    ),
    "process_audit.problems_json": OWN_OUTPUT,
    "inviting.code_policy": NO_INPUT,
    "reviews.plan_in_transaction": IN_A_TRANSACTION,
    "review_sources.agreed_sources": IN_A_TRANSACTION,
    "action_owners.check_risks_belong": IN_A_TRANSACTION,
    "action_owners.owner_member_in": IN_A_TRANSACTION,
    "risks.risk_ids_of": IN_A_TRANSACTION,
    # slice E (issue 12): building blocks of the oversight lists
    "risks.action_views": IN_A_TRANSACTION,
    "waiting.current_waiting": IN_A_TRANSACTION,
    # issue 14: the people around the person
    "circle.member_in": IN_A_TRANSACTION,
    "circle.join_circle": IN_A_TRANSACTION,
    "circle.member_view": IN_A_TRANSACTION,
    "circle.members_in": IN_A_TRANSACTION,
    "demo_circles.load_circles": "takes only what demo.load made: the demo people's ids and "
    "the demo's own accounts",
}


def _public_service_functions() -> dict[str, object]:
    found: dict[str, object] = {}
    for module_info in pkgutil.walk_packages(risk_app.services.__path__, "risk_app.services."):
        if module_info.ispkg:
            continue
        module = importlib.import_module(module_info.name)
        short = module_info.name.rsplit(".", 1)[-1]
        for name, obj in vars(module).items():
            if name.startswith("_") or not callable(obj) or inspect.isclass(obj):
                continue
            if getattr(obj, "__module__", None) != module.__name__:
                continue  # imported from elsewhere
            found[f"{short}.{name}"] = obj
    return found


FUNCTIONS = _public_service_functions()


def test_the_service_functions_are_found():
    # guards the enumeration itself: if it found nothing, every check below would pass
    assert {"people.create_person", "accounts.create_user", "risks.add_risk"} <= set(FUNCTIONS)
    assert len(FUNCTIONS) > 100


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_every_public_service_function_checks_its_inputs_or_says_why_not(name: str):
    checked_here = getattr(FUNCTIONS[name], CHECKED_MARK, False)
    assert checked_here or name in ALLOWED, (
        f"{name} in risk_app.services neither checks its inputs (@checked from "
        "risk_app.services.boundary, with the types of risk_app.domain.inputs) nor is on ALLOWED "
        "with a reason"
    )
    assert not (checked_here and name in ALLOWED), f"{name} is checked: take it off ALLOWED"


def test_every_allowed_function_still_exists():
    assert set(ALLOWED) - set(FUNCTIONS) == set()


# ------------------------------------------------------------------ the refusals, in plain words
@checked
def _service(
    person_id: RecordId,
    *,
    held_on: Day | None = None,
    name: ShortText = "",
    notes: LongText = "",
    team: TeamName | None = None,
    reference: Code = "",
    payload: JsonDocument | None = None,
) -> dict[str, object]:
    return {"person_id": person_id, "held_on": held_on, "team": team, "notes": notes}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"person_id": 0}, "The person id is out of range"),
        ({"person_id": 2**63}, "The person id is out of range"),
        ({"person_id": 2**31}, "The person id is out of range: it must be from 1 to 2147483647"),
        ({"person_id": -1}, "The person id is out of range"),
        ({"person_id": "3"}, "The person id must be a whole number"),
        ({"person_id": 3.0}, "The person id must be a whole number"),
        ({"person_id": True}, "The person id must be a whole number"),
        ({"person_id": 1, "held_on": "2024-02-29"}, "The held on must be a date"),
        ({"person_id": 1, "held_on": 20240101}, "The held on must be a date"),
        ({"person_id": 1, "held_on": datetime(2024, 1, 1)}, "The held on must be a date"),
        ({"person_id": 1, "name": "a\x00b"}, "The name contains control characters"),
        ({"person_id": 1, "name": "line\nbreak"}, "The name contains control characters"),
        ({"person_id": 1, "name": "x" * 201}, "The name is too long: at most 200 characters"),
        (
            {"person_id": 1, "notes": "\ud800"},
            "The notes contains characters that cannot be stored",
        ),
        ({"person_id": 1, "notes": "x" * 4001}, "The notes is too long: at most 4000 characters"),
        ({"person_id": 1, "team": "   "}, "The team must not be blank"),
        ({"person_id": 1, "team": "North\x00"}, "The team contains control characters"),
        ({"person_id": 1, "team": 7}, "The team must be text"),
        ({"person_id": 1, "reference": "\u202e"}, None),
        (
            {"person_id": 1, "payload": {"a": float("nan")}},
            "The payload contains a number that is not finite",
        ),
        ({"person_id": 1, "payload": {"a": ["\x00"]}}, "The payload contains control characters"),
        ({"person_id": 1, "payload": {"a": object()}}, "The payload "),
        ({}, "The person id is missing"),
        ({"person_id": 1, "colour": "red"}, "The colour is not something this action takes"),
    ],
)
def test_a_wrong_input_is_refused_with_a_message_naming_the_field(kwargs, message):
    if message is None:  # a format character is text like any other: accepted
        assert _service(**kwargs)["person_id"] == 1
        return
    with pytest.raises(InvalidInput) as refused:
        _service(**kwargs)
    assert str(refused.value).startswith(message)


def test_a_refusal_never_repeats_what_was_typed():
    with pytest.raises(InvalidInput) as refused:
        _service(1, name="hunter2-secret\x00")
    assert "hunter2" not in str(refused.value)


def test_a_positional_argument_is_named_by_its_parameter():
    with pytest.raises(InvalidInput, match="^The person id must be a whole number"):
        _service("seven")


def test_valid_inputs_pass_through_unchanged_and_a_team_name_is_trimmed():
    out = _service(2**31 - 1, held_on=date(9999, 12, 31), team="  North  ", notes="a\r\nb\tc")
    assert out == {
        "person_id": 2**31 - 1,
        "held_on": date(9999, 12, 31),
        "team": "North",
        "notes": "a\r\nb\tc",
    }


# ------------------------------------------------------------------ command objects
@dataclass(frozen=True)
class _Part:
    when: Day
    notes: LongText = ""


@dataclass(frozen=True)
class _Command:
    name: ShortText
    part: _Part | None = None


@checked
def _service_with_a_command(person_id: RecordId, *, data: _Command) -> _Command:
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_Command(name=7), "The name (in data) must be text"),  # type: ignore[arg-type]
        (_Command(name="x" * 201), "The name (in data) is too long: at most 200 characters"),
        (
            _Command(name="Jo", part=_Part(when="2024-01-01")),  # type: ignore[arg-type]
            "The when (in data) must be a date",
        ),
        (
            _Command(name="Jo", part=_Part(when=date(2024, 1, 1), notes="a\x00b")),
            "The notes (in data) contains control characters",
        ),
        ({"name": "Jo"}, "The data is of the wrong kind"),
    ],
)
def test_a_command_object_is_checked_field_by_field_however_deep(data, message):
    with pytest.raises(InvalidInput) as refused:
        _service_with_a_command(1, data=data)
    assert str(refused.value).startswith(message)


def test_a_valid_command_object_passes_through_with_its_values():
    command = _Command(name="Jo", part=_Part(when=date(2024, 1, 1), notes="a\r\nb"))
    assert _service_with_a_command(1, data=command) == command


def test_an_error_raised_inside_a_service_is_not_mistaken_for_a_bad_argument():
    from pydantic import BaseModel, ValidationError

    class Inner(BaseModel):
        x: int

    @checked
    def service(person_id: RecordId) -> None:
        Inner(x="not a number")  # type: ignore[arg-type]

    with pytest.raises(ValidationError):
        service(1)
