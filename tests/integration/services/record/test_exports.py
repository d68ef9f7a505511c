"""The people list and the JSON and FHIR exports of a person's record, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle  # R4B: the same resources as R4 (see pyproject.toml)
from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow
from risk_app.domain.errors import NotPermitted
from risk_app.domain.record.ownership import ActionStatus
from risk_app.domain.record.people import RepresentativeAuthority
from risk_app.domain.roles import Role
from risk_app.services import accounts
from risk_app.services.demo import DEMO_PEOPLE
from risk_app.services.record import exports, journey, people, risks
from risk_app.services.record.risks import RiskInput
from tests import factories
from tests.command_line import CommandRun
from tests.command_line import run_command as cli

NORTH_PEOPLE = {"Amina Okafor", "David Price", "Margaret Hughes", "Tomasz Nowak"}
ABOUT_ME = {
    "What matters to me": "Seeing my grandson every Sunday and riding my motorbike.",
    "How I communicate and how to communicate with me": "Talk to me face to face; no jargon.",
    "Please do and please don't": "Please ask me first. Don't talk to my neighbour about me.",
}
SHARING = "Write risks down in my plan. My sister Jan may see it; my neighbour may not."
MOTORBIKE = RiskInput(
    activity="Riding my motorbike to see my grandson on Sundays",
    likelihood=3,
    impact=5,
    benefits="Independence; time with my grandson",
    harm_to_self="A fall or crash if I am tired after my medication",
    harm_from_others="Other drivers not seeing me in the dark",
    person_view="I have ridden for forty years. I know my limits.",
    person_likelihood=2,
    person_impact=4,
    strengths="Grandson rides with me; bike serviced monthly",
    residual_likelihood=2,
    residual_impact=5,
    abuse_types=("AB-SN",),
)
OWNERS = (
    ("Take the medication in the morning, not before riding", "David Price", "person"),
    ("Ride with David on Sundays", "Jan Price", "family_or_friend"),
    ("Check the bike's lights every month", "Kit Wheeler", "personal_assistant"),
    ("Review medication timing", "Riverside Surgery", "health"),
)


@pytest.fixture
def north(store: Store):
    return factories.actor(store, username="practitioner")


@pytest.fixture
def south(store: Store):
    return factories.actor(store, team=factories.SOUTH, username="practitioner.south")


@pytest.fixture
def david(store: Store, north) -> dict[str, Any]:
    """David Price with a realistic record, built through the services as a practitioner would."""
    person = factories.person(store, "David Price", preferred="Dave", stage="ST6")
    person = people.save_changes(
        store,
        by=north,
        person_id=person.id,
        expected_version=person.version,
        changes=people.PersonChanges(
            communication="Hard of hearing on the left side.",
            about_me=ABOUT_ME,
            representative_name="Jan Price",
            representative_authority=RepresentativeAuthority.LPA_HEALTH_WELFARE,
            budget_option="BO-DP",
            direct_payment_start=date(2026, 3, 1),
        ),
    )
    journey.answer_prompt(store, by=north, person_id=person.id, prompt_id="RA07", answer="yes")
    journey.answer_prompt(store, by=north, person_id=person.id, prompt_id="RA08", answer=SHARING)
    assessment = risks.start_assessment(store, by=north, person_id=person.id)
    risk = risks.add_risk(store, by=north, assessment_id=assessment, data=MOTORBIKE)
    actions = [
        risks.add_action(
            store,
            by=north,
            person_id=person.id,
            description=what,
            owner_name=who,
            owner_kind=kind,
            due=date(2026, 12, 1) if kind != "health" else None,
            risk_id=risk,
        )
        for what, who, kind in OWNERS
    ]
    risks.acknowledge(
        store, by=north, action_id=actions[1], acknowledged_by="Jan Price", method="phone"
    )
    risks.set_action_status(
        store, by=north, action_id=actions[3], expected_version=1, status=ActionStatus.DONE
    )
    return {"id": person.id, "assessment": assessment, "risk": risk, "actions": actions}


def _audit(store: Store, action: str) -> list[AuditEventRow]:
    with store.read() as session:
        return list(
            session.scalars(
                select(AuditEventRow)
                .where(AuditEventRow.action == action)
                .order_by(AuditEventRow.seq)
            )
        )


def _references(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["reference"]] if isinstance(node.get("reference"), str) else []
        return found + [r for value in node.values() for r in _references(value)]
    if isinstance(node, list):
        return [r for item in node for r in _references(item)]
    return []


# fhir.resources checks structure, cardinality and primitive formats but not required value sets,
# so the codes bound by the R4 specification are checked here.
R4_REQUIRED_CODES: dict[tuple[str, str], set[str]] = {
    ("CarePlan", "status"): {"draft", "active", "on-hold", "revoked", "completed", "unknown"},
    ("CarePlan", "intent"): {"proposal", "plan", "order", "option"},
    ("RiskAssessment", "status"): {"registered", "preliminary", "final", "amended", "unknown"},
    ("Goal", "lifecycleStatus"): {"proposed", "planned", "accepted", "active", "completed"},
    ("Consent", "status"): {"draft", "proposed", "active", "rejected", "inactive"},
    ("CareTeam", "status"): {"proposed", "active", "suspended", "inactive"},
    ("DocumentReference", "status"): {"current", "superseded"},
}
ACTIVITY_STATUSES = {
    "not-started",
    "scheduled",
    "in-progress",
    "on-hold",
    "completed",
    "cancelled",
    "stopped",
    "unknown",
}


def _check_required_codes(bundle: dict[str, Any]) -> None:
    for entry in bundle["entry"]:
        resource = entry["resource"]
        for (kind, element), codes in R4_REQUIRED_CODES.items():
            if resource["resourceType"] == kind:
                assert resource[element] in codes, (kind, element, resource[element])
        for activity in resource.get("activity", []):
            assert activity["detail"]["status"] in ACTIVITY_STATUSES


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


# ----------------------------------------------------------------------------- people list
def test_the_operator_lists_all_nine_people_with_stage_and_team(demo_store: Store):
    listed = exports.people_list(demo_store, by=accounts.SYSTEM)
    assert len(listed) == len(DEMO_PEOPLE) == 9
    david = next(p for p in listed if p["name"] == "David Price")
    assert list(david) == ["id", "name", "preferred_name", "stage", "team"]
    assert david["preferred_name"] == "Dave"
    assert david["stage"] == {"id": "ST6", "label": "Organising support"}
    assert david["team"] == "North Locality Team"
    assert {p["team"] for p in listed} == {"North Locality Team", "South Locality Team"}


def test_a_practitioner_lists_only_their_own_team_and_the_view_is_audited_by_id(
    store: Store, north
):
    for name in sorted(NORTH_PEOPLE):
        factories.person(store, name)
    factories.person(store, "Ravi Shah", team=factories.SOUTH)
    listed = exports.people_list(store, by=north)
    assert {p["name"] for p in listed} == NORTH_PEOPLE
    event = _audit(store, "view")[-1]
    assert (event.actor, event.object_type) == ("practitioner", "people")
    shown = json.loads(event.detail)["people"].split(",")
    assert sorted(int(item.split(":")[0]) for item in shown) == sorted(p["id"] for p in listed)
    assert not any(name.split()[0] in event.detail for name in NORTH_PEOPLE)


def test_an_account_without_a_team_cannot_list_people(store: Store):
    lead = factories.actor(store, Role.SAFEGUARDING_LEAD)
    with pytest.raises(NotPermitted):
        exports.people_list(store, by=lead)
    assert _audit(store, "access_denied")[-1].object_type == "people"


# ----------------------------------------------------------------------------- JSON record
def test_the_json_record_holds_the_whole_record_and_round_trips(store: Store, north, david):
    record = exports.person_record(store, by=north, person_id=david["id"])
    assert json.loads(json.dumps(record)) == record
    assert list(record)[:4] == ["record_type", "format_version", "exported_at", "exported_by"]
    assert record["framework"]["versions_in_record"] == [record["framework"]["current_version"]]

    person = record["person"]
    assert person["name"] == "David Price" and person["preferred_name"] == "Dave"
    assert person["stage"]["id"] == "ST6" and person["team"] == "North Locality Team"
    assert [s["heading"] for s in person["about_me"]] == list(ABOUT_ME)
    assert person["representative"] == {
        "name": "Jan Price",
        "authority": {
            "code": "lpa_health_welfare",
            "label": "Attorney for health and welfare (registered lasting power of attorney)",
        },
        "order_covers_welfare": None,
        "registered": None,
    }
    assert person["budget_option"] == {"id": "BO-DP", "label": "Direct payment"}
    assert person["direct_payment_start"] == "2026-03-01"
    assert person["communication"] == "Hard of hearing on the left side."
    assert [v["stage"]["id"] for v in record["stage_history"]][-1] == "ST6"

    answers = {a["prompt"]["id"]: a["answer"] for a in record["prompt_answers"]}
    assert answers == {"RA07": "yes", "RA08": SHARING}
    assert record["touchpoints"] == []

    [assessment] = record["risk_assessments"]
    assert assessment["stage"]["id"] == "ST6" and assessment["created_by"] == "practitioner"
    [risk] = assessment["risks"]
    assert risk["rating"]["score"] == 15 and risk["rating"]["band"] == "High"
    assert risk["rating"]["likelihood_label"] == "Possible"
    assert (risk["person_rating"]["score"], risk["person_rating"]["band"]) == (8, "Medium")
    assert (risk["residual"]["score"], risk["residual"]["band"]) == (10, "Medium")
    assert risk["rating_after_mitigation"] == risk["residual"]
    assert risk["abuse_types"] == [{"id": "AB-SN", "label": "Self-neglect"}]
    assert risk["possible_harm"]["from_others"].startswith("Other drivers")
    assert risk["action_ids"] == david["actions"]

    actions = record["actions"]
    assert [a["owner"]["kind"] for a in actions] == [kind for _, _, kind in OWNERS]
    assert actions[0]["due"] == "2026-12-01" and actions[3]["due"] is None
    assert actions[3]["status"] == "done"
    [ack] = actions[1]["acknowledgements"]
    assert (ack["acknowledged_by"], ack["method"], ack["recorded_by"]) == (
        "Jan Price",
        "phone",
        "practitioner",
    )
    assert ack["at"].endswith("+00:00")
    assert all(a["acknowledgements"] == [] for a in actions if a["id"] != david["actions"][1])


def test_another_team_cannot_export_and_the_refusal_is_logged(store: Store, south, david):
    with pytest.raises(NotPermitted):
        exports.person_record(store, by=south, person_id=david["id"])
    with pytest.raises(NotPermitted):
        exports.person_fhir_bundle(store, by=south, person_id=david["id"])
    denied = _audit(store, "access_denied")
    assert [(e.actor, e.object_id) for e in denied[-2:]] == [
        ("practitioner.south", str(david["id"]))
    ] * 2
    assert not [e for e in _audit(store, "export") if e.actor == "practitioner.south"]


def test_exports_are_audited_by_id_with_no_names_or_content(store: Store, north, david):
    exports.person_record(store, by=north, person_id=david["id"])
    exports.person_fhir_bundle(store, by=north, person_id=david["id"])
    events = _audit(store, "export")
    assert [(e.actor, e.object_type, e.object_id) for e in events] == [
        ("practitioner", "person", str(david["id"]))
    ] * 2
    details = [json.loads(e.detail) for e in events]
    assert [d["format"] for d in details] == ["json", "fhir"]
    assert details[0]["actions"] == ",".join(str(a) for a in david["actions"])
    assert details[0]["assessments"] == str(david["assessment"])
    text = " ".join(e.detail for e in events)
    for word in ("David", "Price", "Dave", "Jan", "motorbike", "Surgery", "grandson"):
        assert word not in text


# ----------------------------------------------------------------------------- FHIR bundle
def test_the_fhir_bundle_validates_as_r4_and_links_every_reference(store: Store, north, david):
    bundle = exports.person_fhir_bundle(store, by=north, person_id=david["id"])
    parsed = Bundle.model_validate(bundle)
    _check_required_codes(bundle)
    assert parsed.type == "collection"
    assert json.loads(parsed.model_dump_json())["entry"][0]["resource"]["resourceType"] == "Patient"

    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    for kind in (
        "Patient",
        "DocumentReference",
        "Goal",
        "Consent",
        "RiskAssessment",
        "CarePlan",
        "CareTeam",
        "Provenance",
        "RelatedPerson",
        "Organization",
        "Practitioner",
    ):
        assert kind in kinds, kind
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(set(urls)) == len(urls) and all(u.startswith("urn:uuid:") for u in urls)
    assert set(_references(bundle)) <= set(urls)

    [patient] = _resources(bundle, "Patient")
    assert [(n["use"], n["text"]) for n in patient["name"]] == [
        ("official", "David Price"),
        ("usual", "Dave"),
    ]
    [plan] = _resources(bundle, "CarePlan")
    assert (plan["status"], plan["intent"]) == ("active", "plan")
    assert len(plan["activity"]) == len(david["actions"])
    statuses = [a["detail"]["status"] for a in plan["activity"]]
    assert statuses == ["in-progress", "in-progress", "in-progress", "completed"]
    assert plan["activity"][0]["detail"]["scheduledPeriod"]["end"] == "2026-12-01"
    assert plan["activity"][1]["progress"][0]["authorString"] == "Jan Price"
    by_url = {e["fullUrl"]: e["resource"] for e in bundle["entry"]}
    performers = [by_url[a["detail"]["performer"][0]["reference"]] for a in plan["activity"]]
    assert [p["resourceType"] for p in performers] == [
        "Patient",
        "RelatedPerson",
        "RelatedPerson",
        "Organization",
    ]
    # Jan is both the representative (with her authority) and an owner: one RelatedPerson.
    assert len(_resources(bundle, "RelatedPerson")) == 2
    [care_team] = _resources(bundle, "CareTeam")
    assert len(care_team["participant"]) == len(OWNERS)

    [assessment] = _resources(bundle, "RiskAssessment")
    assert assessment["status"] == "final"
    assert assessment["subject"]["reference"] == patient_url(bundle)
    codes = {p["qualitativeRisk"]["coding"][0]["code"] for p in assessment["prediction"]}
    assert codes == {"moderate"}  # residual 10, in the Medium band
    assert assessment["prediction"][0]["outcome"]["text"].endswith("after my medication")
    assert "8, Medium" in assessment["note"][0]["text"]
    assert assessment["note"][0]["authorReference"]["reference"] == patient_url(bundle)

    [goal] = _resources(bundle, "Goal")
    assert goal["description"]["text"] == ABOUT_ME["What matters to me"]
    assert goal["expressedBy"]["reference"] == patient_url(bundle)
    [consent] = _resources(bundle, "Consent")
    assert consent["scope"]["coding"][0]["code"] == "patient-privacy"
    assert consent["policyRule"]["text"] == SHARING
    [provenance] = _resources(bundle, "Provenance")
    assert provenance["target"] == [{"reference": next(u for u, r in by_url.items() if r is plan)}]


def patient_url(bundle: dict[str, Any]) -> str:
    return next(e["fullUrl"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient")


def test_the_fhir_bundle_is_reproducible(store: Store, north, david):
    first = exports.person_fhir_bundle(store, by=north, person_id=david["id"])
    again = exports.person_fhir_bundle(store, by=north, person_id=david["id"])
    assert first == again


def test_a_person_with_no_plan_or_sharing_answer_still_makes_a_valid_bundle(store: Store):
    tomasz = factories.person(store, "Tomasz Nowak")
    bundle = exports.person_fhir_bundle(store, by=accounts.SYSTEM, person_id=tomasz.id)
    Bundle.model_validate(bundle)
    _check_required_codes(bundle)
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert "Consent" not in kinds and "Goal" not in kinds and "RiskAssessment" not in kinds
    assert set(_references(bundle)) <= {e["fullUrl"] for e in bundle["entry"]}


# ----------------------------------------------------------------------------- CLI
def one_line_error(result: CommandRun) -> str:
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.stderr
    assert len(lines) == 1 and lines[0].startswith("error: ")
    return lines[0]


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("cli-exports")
    assert cli("demo", data_dir=data_dir).returncode == 0
    return data_dir


def test_the_cli_lists_people_and_exports_json_and_fhir(demo_dir: Path):
    listed = cli("people", "list", "--format", "json", data_dir=demo_dir)
    assert listed.returncode == 0, listed.stderr
    people_json = json.loads(listed.stdout)
    assert len(people_json) == len(DEMO_PEOPLE) and listed.stdout.startswith("[\n  {")
    david = next(p for p in people_json if p["name"] == "David Price")

    text = cli("people", "list", "--format", "text", data_dir=demo_dir)
    assert f"{david['id']}\tST6\tNorth Locality Team\tDavid Price (Dave)" in text.stdout

    record = cli("export", "summary", "--person", str(david["id"]), data_dir=demo_dir)
    assert record.returncode == 0, record.stderr
    assert json.loads(record.stdout)["person"]["name"] == "David Price"

    bundle = cli("export", "fhir", "--person", str(david["id"]), data_dir=demo_dir)
    assert bundle.returncode == 0, bundle.stderr
    Bundle.model_validate(json.loads(bundle.stdout))

    for kind in ("json", "summary", "fhir"):
        missing = cli("export", kind, "--person", "9999", data_dir=demo_dir)
        assert "Not found" in one_line_error(missing)
        assert missing.stdout == ""
    assert one_line_error(cli("people", "list", "--format", "xml", data_dir=demo_dir))
