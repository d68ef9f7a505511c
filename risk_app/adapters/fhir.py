"""A person's record as an HL7 FHIR R4 Bundle: a pure mapping from data to JSON-ready dicts.

Input is the JSON-ready record built by `risk_app.services.record.exports.person_record` (this layer may
not import services, and mapping the published record keeps the two exports in step). Output is
a `Bundle` of type `collection` whose entries all have `urn:uuid:` fullUrls made with uuid5 from
our own ids, so exporting the same record twice gives the same bundle; references between entries
use those fullUrls. No extensions are used. Mapping (see docs/framework-and-law §7.3-7.5):

- Person → `Patient`: the name as an `official` HumanName (as text: we do not split names), the
  preferred name as a second HumanName with use `usual`, our id as an identifier, and the
  allocated team as `managingOrganization` (an `Organization`).
- About Me (and the staff note on communication) → `DocumentReference` (status current) with the
  text under the PRSB About Me headings as a Markdown attachment; §7.5 maps About Me to
  DocumentReference/QuestionnaireResponse, and `Patient.communication` is only for languages.
- "What matters to me" (else the answer to RA01) → `Goal` (lifecycleStatus active), expressedBy
  and subject the Patient; the CarePlan's `goal`.
- Each risk → `RiskAssessment` (status final, subject, occurrenceDateTime = when the assessment was
  opened, method = the risk scale, code.text = the activity or choice in the person's words,
  performer = the practitioner who opened the assessment, reasonCode = types of abuse screened
  for). One `prediction` per possible harm written down (to self / to others / from others, in
  `outcome.text`), each with `qualitativeRisk` coded in `risk-probability` from the band of the
  residual rating (the risk as it stands with the plan in place): the scale's lowest band → low,
  an escalating band → high, any other → moderate; the band's own name is the CodeableConcept
  text, and `rationale` spells out every rating. The person's own rating and view are a `note`
  authored by the Patient; benefits and strengths are further notes (R4 has no field for them).
  `mitigation` lists the actions attached to the risk.
- Action owners (who have no accounts) → by kind: the person → the Patient; representative,
  family or friend, personal assistant, advocate → `RelatedPerson`; provider, health, police,
  council, other → `Organization`. One resource per distinct name and type; the representative
  recorded on the person's details is the same RelatedPerson when the names match.
- Staff usernames (who recorded things) → `Practitioner` with the username as identifier.
- Actions → one `CarePlan` (status active, intent plan, subject, author the team): one `activity`
  per action with `detail.description`, `detail.status` (open → in-progress, done → completed,
  cancelled → cancelled, withdrawn → entered-in-error), the due date as
  `detail.scheduledPeriod.end`, the owner as `detail.performer`, the risk it manages as `detail.reasonCode.text`, and each acknowledgement as
  a `progress` annotation (who, how, when). Owners are also `contributor`s; the RiskAssessments are
  `supportingInfo` (CarePlan.addresses takes Conditions only).
- Owners → `CareTeam` (status active) with each owner as a participant, role = kind of owner.
- `Provenance` targeting the CarePlan: recorded = the latest change to the plan; agents = the
  team (author) and every staff member who recorded an assessment, action or acknowledgement
  (enterer).
- Answer to RA08 ("How do you want risks to be recorded, and who may see that information?") →
  `Consent` (status active, scope patient-privacy, category LOINC 59284-0, patient and performer
  the Patient, the team as organization, dateTime = when answered), with the answer in
  `policyRule.text`. `provision` has no free-text element, so the person's own words go in
  policyRule (which also satisfies invariant ppc-1: a policy or policyRule is required).

Record parts withheld from the reader (the person's own account reads safeguarding concerns,
meeting records, capacity assessments and panel records only once shared: ADR 0010) → one empty
`List` each, with `emptyReason` "withheld" (list-empty-reason) and the count in its text, and the
Bundle's `meta.security` labelled REDACTED (v3-ObservationValue).

Not mapped: the items shared with the person (they stay in the JSON record), stage history, the other prompt answers and touchpoint statuses (these stay in the
JSON record; a Questionnaire/QuestionnaireResponse mapping is future work), and export time
(Bundle.timestamp is omitted so the bundle is reproducible).
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from risk_app.domain.record.ownership import OwnerKind

JsonDict = dict[str, Any]

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:risk-app:fhir")
"""uuid5 namespace for every fullUrl; fixed so that exports are reproducible."""
PERSON_ID_SYSTEM = "urn:risk-app:id:person"
RISK_ID_SYSTEM = "urn:risk-app:id:risk"
ACTION_ID_SYSTEM = "urn:risk-app:id:action"
USERNAME_SYSTEM = "urn:risk-app:id:username"
FRAMEWORK_SYSTEM = "urn:risk-app:framework"
RISK_PROBABILITY = "http://terminology.hl7.org/CodeSystem/risk-probability"
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
PARTICIPANT_TYPE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type"
LOINC = "http://loinc.org"

ACTION_STATUS = {
    "open": "in-progress",
    "done": "completed",
    "cancelled": "cancelled",
    "withdrawn": "entered-in-error",
}
RELATED_PERSON_KINDS = frozenset(
    {
        OwnerKind.REPRESENTATIVE,
        OwnerKind.FAMILY_OR_FRIEND,
        OwnerKind.PERSONAL_ASSISTANT,
        OwnerKind.ADVOCATE,
    }
)
"""Owner kinds mapped to RelatedPerson; the person is the Patient; the rest are Organizations."""
_PROBABILITY_DISPLAY = {
    "low": "Low likelihood",
    "moderate": "Moderate likelihood",
    "high": "High likelihood",
}
_HARMS = (
    ("to_self", "Possible harm to the person"),
    ("to_others", "Possible harm to others"),
    ("from_others", "Possible harm from others"),
)


def full_url(key: str) -> str:
    """The deterministic `urn:uuid:` for one of our records (e.g. ``Patient/12``)."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, key)}"


def _ref(url: str, display: str | None = None) -> JsonDict:
    return {"reference": url, **({"display": display} if display else {})}


def probability_code(band: str, bands: Sequence[Mapping[str, Any]]) -> str:
    """`risk-probability` code for one of the scale's bands (listed lowest first)."""
    for position, entry in enumerate(bands):
        if entry["name"] == band:
            if entry.get("escalate"):
                return "high"
            return "low" if position == 0 else "moderate"
    return "moderate"


def _describe(rating: Mapping[str, Any] | None) -> str:
    if rating is None:
        return "not rated"
    return (
        f"{rating['likelihood_label']} ({rating['likelihood']}) × {rating['impact_label']} "
        f"({rating['impact']}) = {rating['score']}, {rating['band']}"
    )


class _Bundle:
    def __init__(self, record: Mapping[str, Any]) -> None:
        self.record = record
        self.person: Mapping[str, Any] = record["person"]
        self.pid = self.person["id"]
        self.entries: dict[str, JsonDict] = {}
        self.patient = full_url(f"Patient/{self.pid}")

    def add(self, url: str, resource_type: str, body: JsonDict) -> str:
        if url not in self.entries:
            self.entries[url] = {
                "resourceType": resource_type,
                "id": url.removeprefix("urn:uuid:"),
                **body,
            }
        return url

    # ---------------------------------------------------------------- who
    def team(self) -> str | None:
        name = self.person["team"]
        if not name:
            return None
        return self.add(full_url(f"Organization/{name}"), "Organization", {"name": name})

    def practitioner(self, username: str) -> str:
        return self.add(
            full_url(f"Practitioner/{username}"),
            "Practitioner",
            {"identifier": [{"system": USERNAME_SYSTEM, "value": username}]},
        )

    def owner(self, name: str, kind: str, relationship: str | None = None) -> str:
        owner_kind = OwnerKind(kind)
        if owner_kind is OwnerKind.PERSON:
            return self.patient
        if owner_kind in RELATED_PERSON_KINDS:
            return self.add(
                full_url(f"RelatedPerson/{self.pid}/{name}"),
                "RelatedPerson",
                {
                    "patient": _ref(self.patient),
                    "relationship": [{"text": relationship or owner_kind.label}],
                    "name": [{"text": name}],
                },
            )
        return self.add(
            full_url(f"Organization/{name}"),
            "Organization",
            {"type": [{"text": owner_kind.label}], "name": name},
        )

    # ---------------------------------------------------------------- what
    def patient_entry(self) -> None:
        names: list[JsonDict] = [{"use": "official", "text": self.person["name"]}]
        if self.person["preferred_name"]:
            names.append({"use": "usual", "text": self.person["preferred_name"]})
        body: JsonDict = {
            "identifier": [{"system": PERSON_ID_SYSTEM, "value": str(self.pid)}],
            "active": True,
            "name": names,
        }
        self.add(self.patient, "Patient", body)
        team = self.team()
        if team:
            self.entries[self.patient]["managingOrganization"] = _ref(team, self.person["team"])
        rep = self.person["representative"]
        if rep["name"]:
            self.owner(rep["name"], OwnerKind.REPRESENTATIVE.value, rep["authority"]["label"])

    def about_me(self) -> None:
        sections = [(s["heading"], s["text"]) for s in self.person["about_me"]]
        if self.person["communication"]:
            sections.append(
                ("Note on communication (recorded by staff)", self.person["communication"])
            )
        if not sections:
            return
        text = "\n\n".join(f"## {heading}\n\n{body}" for heading, body in sections) + "\n"
        self.add(
            full_url(f"DocumentReference/{self.pid}/about-me"),
            "DocumentReference",
            {
                "status": "current",
                "type": {"text": "About Me (PRSB About Me headings)"},
                "subject": _ref(self.patient),
                "date": self.person["updated_at"],
                "description": "What the person wants people who support them to know.",
                "content": [
                    {
                        "attachment": {
                            "contentType": "text/markdown",
                            "data": base64.b64encode(text.encode("utf-8")).decode("ascii"),
                            "title": "About Me",
                        }
                    }
                ],
            },
        )

    def goal(self) -> str | None:
        matters = {s["heading"]: s["text"] for s in self.person["about_me"]}.get(
            "What matters to me"
        )
        if not matters:
            matters = next(
                (a["answer"] for a in self.record["prompt_answers"] if a["prompt"]["id"] == "RA01"),
                None,
            )
        if not matters:
            return None
        return self.add(
            full_url(f"Goal/{self.pid}/what-matters"),
            "Goal",
            {
                "lifecycleStatus": "active",
                "description": {"text": matters},
                "subject": _ref(self.patient),
                "expressedBy": _ref(self.patient),
            },
        )

    def consent(self) -> None:
        answer = next(
            (a for a in self.record["prompt_answers"] if a["prompt"]["id"] == "RA08"), None
        )
        if answer is None:
            return
        body: JsonDict = {
            "status": "active",
            "scope": {
                "coding": [
                    {
                        "system": CONSENT_SCOPE,
                        "code": "patient-privacy",
                        "display": "Privacy Consent",
                    }
                ]
            },
            "category": [{"coding": [{"system": LOINC, "code": "59284-0"}]}],
            "patient": _ref(self.patient),
            "dateTime": answer["answered_at"],
            "performer": [_ref(self.patient)],
        }
        team = self.team()
        if team:
            body["organization"] = [_ref(team, self.person["team"])]
        body["policyRule"] = {"text": answer["answer"]}
        self.add(full_url(f"Consent/{self.pid}/RA08"), "Consent", body)

    def risk(
        self,
        assessment: Mapping[str, Any],
        risk: Mapping[str, Any],
        actions: Mapping[int, Mapping[str, Any]],
    ) -> str:
        bands = self.record["risk_scale"]["bands"]
        band = risk["residual"]["band"]
        code = probability_code(band, bands)
        qualitative = {
            "coding": [
                {"system": RISK_PROBABILITY, "code": code, "display": _PROBABILITY_DISPLAY[code]}
            ],
            "text": band,
        }
        rationale = (
            f"Before mitigation: {_describe(risk['rating'])}. "
            f"After mitigation: {_describe(risk['rating_after_mitigation'])}. "
            f"The person's own rating: {_describe(risk['person_rating'])}."
        )
        harms = [(label, risk["possible_harm"][key]) for key, label in _HARMS]
        predictions = [
            {
                "outcome": {"text": f"{label}: {text}"},
                "qualitativeRisk": qualitative,
                "rationale": rationale,
            }
            for label, text in harms
            if text
        ] or [{"qualitativeRisk": qualitative, "rationale": rationale}]
        notes: list[JsonDict] = []
        if risk["person_rating"] is not None or risk["person_view"]:
            text = f"The person's own rating: {_describe(risk['person_rating'])}."
            if risk["person_view"]:
                text += f" In their words: {risk['person_view']}"
            notes.append({"authorReference": _ref(self.patient), "text": text})
        if risk["benefits"]:
            notes.append({"text": f"What the person gains: {risk['benefits']}"})
        if risk["strengths"]:
            notes.append({"text": f"Strengths and natural support: {risk['strengths']}"})
        body: JsonDict = {
            "identifier": [{"system": RISK_ID_SYSTEM, "value": str(risk["id"])}],
            "status": "final",
            "method": {"text": assessment["scale_name"]},
            "code": {"text": risk["activity"]},
            "subject": _ref(self.patient),
            "occurrenceDateTime": assessment["created_at"],
            "performer": _ref(self.practitioner(assessment["created_by"])),
        }
        if risk["abuse_types"]:
            body["reasonCode"] = [
                {
                    "coding": [
                        {"system": FRAMEWORK_SYSTEM, "code": a["id"], "display": a["label"]}
                    ],
                    "text": a["label"],
                }
                for a in risk["abuse_types"]
            ]
        body["prediction"] = predictions
        mitigations = [actions[i] for i in risk["action_ids"] if i in actions]
        if mitigations:
            body["mitigation"] = "; ".join(
                f"{a['description']} ({a['owner']['name']}"
                + (f", by {a['due']})" if a["due"] else ")")
                for a in mitigations
            )
        if notes:
            body["note"] = notes
        return self.add(full_url(f"RiskAssessment/{risk['id']}"), "RiskAssessment", body)

    def activity(self, action: Mapping[str, Any], risk_names: Mapping[int, str]) -> JsonDict:
        owner = action["owner"]
        performer = self.owner(owner["name"], owner["kind"])
        detail: JsonDict = {"status": ACTION_STATUS[action["status"]]}
        if action["risk_id"] in risk_names:
            detail["reasonCode"] = [{"text": f"Manages the risk: {risk_names[action['risk_id']]}"}]
        if action["due"]:
            detail["scheduledPeriod"] = {"end": action["due"]}
        detail["performer"] = [_ref(performer, owner["name"])]
        detail["description"] = action["description"]
        activity: JsonDict = {}
        progress = [
            {
                "authorString": ack["acknowledged_by"],
                "time": ack["at"],
                "text": f"Acknowledged by {ack['acknowledged_by']} ({ack['method'].replace('_', ' ')}); "
                f"recorded by {ack['recorded_by']}.",
            }
            for ack in action["acknowledgements"]
        ]
        if progress:
            activity["progress"] = progress
        activity["detail"] = detail
        return activity


def bundle_from_record(record: Mapping[str, Any]) -> JsonDict:
    """The FHIR R4 `collection` Bundle for one exported person record (see the module notes)."""
    b = _Bundle(record)
    b.patient_entry()
    b.about_me()
    goal = b.goal()
    b.consent()
    actions = {a["id"]: a for a in record["actions"]}
    risk_refs: list[str] = []
    risk_names: dict[int, str] = {}
    for assessment in record["risk_assessments"]:
        for risk in assessment["risks"]:
            risk_refs.append(b.risk(assessment, risk, actions))
            risk_names[risk["id"]] = risk["activity"]

    activities = [b.activity(a, risk_names) for a in record["actions"]]
    owners: dict[str, str] = {}  # fullUrl → kind label, in order of first appearance
    for a in record["actions"]:
        url = b.owner(a["owner"]["name"], a["owner"]["kind"])
        owners.setdefault(url, a["owner"]["kind_label"])

    team = b.team()
    care_team = None
    if owners:
        care_team_body: JsonDict = {
            "status": "active",
            "name": "People who share the risk plan",
            "subject": _ref(b.patient),
            "participant": [
                {"role": [{"text": label}], "member": _ref(url)} for url, label in owners.items()
            ],
        }
        if team:
            care_team_body["managingOrganization"] = [_ref(team)]
        care_team = b.add(full_url(f"CareTeam/{b.pid}/risk-plan"), "CareTeam", care_team_body)

    plan: JsonDict = {
        "identifier": [{"system": PERSON_ID_SYSTEM, "value": str(b.pid)}],
        "status": "active",
        "intent": "plan",
        "title": "Risk management plan",
        "subject": _ref(b.patient),
    }
    if team:
        plan["author"] = _ref(team)
    if owners:
        plan["contributor"] = [_ref(url) for url in owners]
    if care_team:
        plan["careTeam"] = [_ref(care_team)]
    if goal:
        plan["goal"] = [_ref(goal)]
    if risk_refs:
        plan["supportingInfo"] = [_ref(url) for url in risk_refs]
    if activities:
        plan["activity"] = activities
    care_plan = b.add(full_url(f"CarePlan/{b.pid}/risk-plan"), "CarePlan", plan)
    _provenance(b, care_plan, team)
    labels = _withheld(b)
    return {
        "resourceType": "Bundle",
        **labels,
        "type": "collection",
        "entry": [{"fullUrl": url, "resource": resource} for url, resource in b.entries.items()],
    }


REDACTED: JsonDict = {
    "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue",
    "code": "REDACTED",
    "display": "redacted",
}
LIST_EMPTY_REASON = "http://terminology.hl7.org/CodeSystem/list-empty-reason"


def _withheld(b: _Bundle) -> JsonDict:
    """One empty `List` per record part withheld from the reader (ADR 0010): emptyReason
    "withheld", the part's name as its code text and the count in its text; never any content.
    Returns the Bundle's security label (REDACTED) when anything was withheld."""
    parts = b.record.get("withheld", [])
    for part in parts:
        b.add(
            full_url(f"List/{b.pid}/withheld/{part['part']}"),
            "List",
            {
                "status": "current",
                "mode": "snapshot",
                "title": f"Withheld from this export: {part['label']}",
                "code": {"text": part["part"]},
                "subject": _ref(b.patient),
                "emptyReason": {
                    "coding": [
                        {"system": LIST_EMPTY_REASON, "code": "withheld", "display": "Withheld"}
                    ],
                    "text": f"{part['count']} not shared with the person's own account",
                },
            },
        )
    return {"meta": {"security": [REDACTED]}} if parts else {}


def _provenance(b: _Bundle, care_plan: str, team: str | None) -> None:
    record = b.record
    times = [a["created_at"] for a in record["risk_assessments"]]
    usernames = [a["created_by"] for a in record["risk_assessments"]]
    for action in record["actions"]:
        times.append(action["created_at"])
        usernames.append(action["created_by"])
        for ack in action["acknowledgements"]:
            times.append(ack["at"])
            usernames.append(ack["recorded_by"])
    if not usernames:  # no plan yet: whoever last moved the record on
        usernames = [record["stage_history"][-1]["recorded_by"]] if record["stage_history"] else []
    agents: list[JsonDict] = []
    if team:
        agents.append({"type": _participant("author", "Author"), "who": _ref(team)})
    for username in dict.fromkeys(usernames):
        agents.append(
            {"type": _participant("enterer", "Enterer"), "who": _ref(b.practitioner(username))}
        )
    if not agents:
        agents.append({"type": _participant("author", "Author"), "who": _ref(b.patient)})
    b.add(
        full_url(f"Provenance/{b.pid}/risk-plan"),
        "Provenance",
        {
            "target": [_ref(care_plan)],
            "recorded": max(times, default=b.person["updated_at"]),
            "agent": agents,
        },
    )


def _participant(code: str, display: str) -> JsonDict:
    return {"coding": [{"system": PARTICIPANT_TYPE, "code": code, "display": display}]}
