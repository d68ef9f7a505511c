"""Every recorded text is shown, and shown literally (issue 10, "Literal text, everywhere").

Completeness: every text column of the database is either in tests/ui/free_text.py's SHOWN
(with the view that shows it) or NOT_TYPED (with why nobody types it). Then, table-driven: each
SHOWN column gets markdown of every kind (web addresses, headings, images, links, icons,
emphasis, HTML, LaTeX, colour directives, emoji shortcodes) through the services, the views its
readers use are run, and each value must be on screen exactly as typed, while nothing rendered
as markdown (labels, captions, alerts, headings, tab names, options) holds any of it.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import JSON, String, Text
from streamlit.testing.v1 import AppTest

from risk_app.adapters.tables import Base
from risk_app.config import Settings
from risk_app.domain.agreements.signers import (
    SignerDetails,
    SignerRole,
    SigningBasis,
    SigningMethod,
)
from risk_app.domain.record.capacity import BestInterestsItem, FunctionalAbility
from risk_app.domain.record.checks import CheckKind, CheckOutcome
from risk_app.domain.record.panel_lifecycle import (
    Closure,
    Outcome,
    Referral,
    Rescheduling,
    Scheduling,
    Withdrawal,
)
from risk_app.domain.record.plan import PlanOutcome, ReviewKind, ReviewTrigger, ValidationCheck
from risk_app.services import accounts
from risk_app.services import framework as framework_service
from risk_app.services.agreements import inviting, issuing, reading, signing
from risk_app.services.bootstrap import open_store
from risk_app.services.demo import NORTH
from risk_app.services.record import (
    checks,
    circle,
    concern_steps,
    decisions,
    journey,
    meeting_undo,
    meetings,
    panels,
    people,
    plan_validation,
    reviews,
    risks,
    safeguarding,
    stages,
)
from risk_app.services.record.risks import RiskInput
from risk_app.ui.person_record import SECTIONS
from tests.literal_html import CONSTRUCTS, read
from tests.ui import shown
from tests.ui.conftest import PASSWORDS, ROOT
from tests.ui.free_text import NOT_TYPED, SHOWN
from tests.ui.records import open_record, open_section

"""Markdown of every kind (the setext heading needs two lines, so long texts only)."""
TRACES = ("evil.example", "127.0.0.1:9", "material/home", "onerror", "red[x]", ":smile:")
"""Pieces of the constructs: none may reach anything Streamlit renders as markdown."""
OUR_TAGS = {"div", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "ul", "li"}
OUR_TAGS |= {"table", "caption", "thead", "tbody", "tr", "th", "td"}


def long(field: str) -> str:
    """Several lines: a setext heading, an ATX heading and every construct on its own line."""
    return "\n".join(["Title", "=====", f"# Big ⟦{field}⟧", *CONSTRUCTS])


def short(field: str, limit: int = 200) -> str:
    """One line (short fields refuse line breaks): an ATX heading first, then the constructs."""
    text = f"# ⟦{field}⟧ " + " ".join(CONSTRUCTS)
    assert len(text) <= 260
    return text[:limit].rstrip()


def text_columns() -> set[str]:
    return {
        f"{table.name}.{column.name}"
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, String | Text | JSON)
    }


# ---------------------------------------------------------------------------- completeness


def test_every_text_column_is_either_shown_to_its_readers_or_not_typed_by_anyone():
    columns = text_columns()
    assert not SHOWN.keys() & NOT_TYPED.keys(), "a column is in both lists"
    assert columns - SHOWN.keys() - NOT_TYPED.keys() == set(), "text columns with no view"
    assert (SHOWN.keys() | NOT_TYPED.keys()) - columns == set(), "listed columns that do not exist"


@pytest.mark.parametrize("column", sorted(SHOWN))
def test_each_shown_column_names_a_view_that_exists(column: str):
    pages = re.findall(r"pages/\w+\.py", SHOWN[column])
    functions = re.findall(r"(risk_app\.[\w.]+):(\w+)", SHOWN[column])
    assert pages or functions, SHOWN[column]
    for page in pages:
        assert (ROOT / page).is_file(), page
    for module, function in functions:
        assert callable(getattr(importlib.import_module(module), function)), (module, function)


# ---------------------------------------------------------------------------- the record


def _actor(store, username: str):
    return accounts.authenticate(store, username, PASSWORDS[username])


def _record_everything(store) -> tuple[int, dict[str, str]]:
    """A new person at the agreeing stage with every free-text field of their record filled with
    markdown; the values typed, by column."""
    typed: dict[str, str] = {}

    def t(column: str, *, one_line: bool = False, limit: int = 200) -> str:
        value = short(column, limit) if one_line else long(column)
        typed[column] = value
        return value

    me = _actor(store, "practitioner")
    person = people.create_person(
        store,
        by=me,
        display_name=t("people.display_name", one_line=True),
        team=NORTH,
        stage="ST4",
        jurisdiction="england",
        preferred_name=t("people.preferred_name", one_line=True),
    )
    pid = person.id
    person = people.save_changes(
        store,
        by=me,
        person_id=pid,
        expected_version=person.version,
        changes=people.PersonChanges(
            communication=t("people.communication"),
            about_me={"What matters to me": t("people.about_me")},
            representative_name=t("people.representative_name", one_line=True),
        ),
    )
    scale = risks.current_scale(None)
    assessment = risks.start_assessment(store, by=me, person_id=pid, scale=scale)
    risks.add_risk(
        store,
        by=me,
        assessment_id=assessment,
        scale=scale,
        data=RiskInput(
            activity=t("risks.activity"),
            likelihood=5,
            impact=5,
            benefits=t("risks.benefits"),
            harm_to_self=t("risks.harm_to_self"),
            harm_to_others=t("risks.harm_to_others"),
            harm_from_others=t("risks.harm_from_others"),
            person_view=t("risks.person_view"),
            strengths=t("risks.strengths"),
            residual_likelihood=5,
            residual_impact=5,
        ),
    )
    [risk] = risks.assessments_for(store, by=me, person_id=pid, scale=scale)[0].risks
    action = risks.add_action(
        store,
        by=me,
        person_id=pid,
        risk_id=risk.id,
        description=t("actions.description"),
        owner_name=t("actions.owner_name", one_line=True),
        owner_kind="provider",
        due=None,
    )
    risks.acknowledge(
        store,
        by=me,
        action_id=action,
        acknowledged_by=t("acknowledgements.acknowledged_by", one_line=True),
        method="in_person",
    )
    circle.add_member(
        store,
        by=me,
        person_id=pid,
        name=t("circle_members.name", one_line=True),
        kind="housing",
        relationship=t("circle_members.relationship", one_line=True),
        agency=t("circle_members.agency", one_line=True),
        contact=t("circle_members.contact", one_line=True),
        username=t("circle_members.username", one_line=True, limit=100),
    )
    gone = circle.add_member(store, by=me, person_id=pid, name="Pat", kind="other")
    circle.leave_circle(
        store,
        by=me,
        member_id=gone.id,
        expected_version=gone.version,
        reason=t("circle_members.left_reason"),
    )
    plan_validation.validate_plan(
        store,
        by=me,
        person_id=pid,
        checks={c: (True, t("plan_validations.checks")) for c in ValidationCheck},
        requested=PlanOutcome.AGREED_WITH_CONDITIONS,
        conditions=t("plan_validations.conditions"),
        routes={risk.id: "RT2"},
    )
    decisions.record_decision(
        store,
        by=me,
        person_id=pid,
        data=decisions.DecisionInput(
            decision=t("decisions.decision"),
            options=[{"option": t("decisions.options"), "less_restrictive": True}],
            support_given=[t("decisions.support_given")],
            outcome=PlanOutcome.AGREED_WITH_CONDITIONS,
            conditions=t("decisions.conditions"),
            dissent=[{"party": "Jo", "words": t("decisions.dissent")}],
            capacity=decisions.CapacityInput(
                reason_to_doubt=t("decisions.reason_to_doubt"),
                functional={a.value: "unable" for a in FunctionalAbility},
                evidence={a.value: t("decisions.evidence") for a in FunctionalAbility},
                impairment=t("decisions.impairment"),
                inability_because_of_impairment=True,
                relevant_information=t("decisions.relevant_information"),
                balance_of_probabilities=True,
                assessor_name=t("decisions.assessor_name", one_line=True),
                assessor_role=t("decisions.assessor_role", one_line=True),
            ),
            authority=decisions.AuthorityInput(covers=False),
            decided=t("decisions.decided"),
            best_interests=decisions.BestInterestsInput(
                answers={i.value: t("decisions.best_interests") for i in BestInterestsItem},
                decider_name=t("decisions.decider_name", one_line=True),
                decider_role=t("decisions.decider_role", one_line=True),
            ),
        ),
    )
    decisions.record_decision(  # an attorney decides: its authority's fields are shown too
        store,
        by=me,
        person_id=pid,
        data=decisions.DecisionInput(
            decision="Where to live",
            options=[{"option": "Stay at home", "less_restrictive": True}],
            support_given=["Easy-read sheet"],
            outcome="agreed",
            capacity=decisions.CapacityInput(
                reason_to_doubt="Confused about the tenancy",
                functional={"use_or_weigh": "unable"},
                evidence={"use_or_weigh": "Could not weigh the rent"},
                impairment="Dementia",
                inability_because_of_impairment=True,
                relevant_information="Rent and bills",
                balance_of_probabilities=True,
                assessor_name="Sam Carter",
                assessor_role="Social worker",
            ),
            authority=decisions.AuthorityInput(
                covers=True,
                kind="deputy",
                holder=t("decisions.authority_holder", one_line=True),
                scope=t("decisions.authority_scope"),
            ),
            decided="Stays at home for now",
        ),
    )
    referred = panels.refer(
        store,
        by=me,
        person_id=pid,
        data=Referral(
            route="RT2",
            reason=t("panels.referral_reason"),
            question=t("panels.question"),
            risk_ids=[risk.id],
            person_view=t("panels.person_view"),
            advocate=t("panels.advocate", one_line=True),
        ),
    )
    scheduled = panels.schedule(
        store,
        by=me,
        panel_id=referred.id,
        expected_version=referred.version,
        data=Scheduling(date.today()),
    )
    moved = panels.reschedule(
        store,
        by=me,
        panel_id=scheduled.id,
        expected_version=scheduled.version,
        data=Rescheduling(date.today() + timedelta(days=1), t("panel_steps.reason")),
    )
    met = panels.record_outcome(
        store,
        by=me,
        panel_id=moved.id,
        expected_version=moved.version,
        data=Outcome(
            held_on=date.today(),
            person_attended=True,
            options=[t("panels.options", one_line=True)],
            recommendation=t("panels.recommendation"),
            dissent=[{"party": "Jo", "words": t("panels.dissent")}],
            conditions=t("panels.conditions"),
        ),
    )
    panels.close(
        store,
        by=me,
        panel_id=met.id,
        expected_version=met.version,
        data=Closure(t("panels.close_note")),
    )
    second = panels.refer(
        store,
        by=me,
        person_id=pid,
        data=Referral(route="RT2", reason="R", question="Q", risk_ids=[], person_view="V"),
    )
    panels.withdraw(
        store,
        by=me,
        panel_id=second.id,
        expected_version=second.version,
        data=Withdrawal(t("panels.withdrawn_reason")),
    )
    concern = safeguarding.raise_concern(
        store,
        by=me,
        person_id=pid,
        abuse_types=["AB-PHYS"],
        person_wants=t("safeguarding_concerns.person_wants"),
        immediate_action=t("safeguarding_concerns.immediate_action"),
    )
    from risk_app.domain.disclosure import RecordPart
    from risk_app.services.record import sharing

    concern_part = RecordPart.SAFEGUARDING_CONCERN
    sharing.share(
        store, by=me, part=concern_part, item_id=concern.id, reason=t("shared_items.reason")
    )
    second = safeguarding.raise_concern(
        store, by=me, person_id=pid, abuse_types=["AB-FIN"], person_wants="To talk first"
    )
    sharing.share(store, by=me, part=concern_part, item_id=second.id, reason="To read together")
    sharing.stop_sharing(
        store,
        by=me,
        part=concern_part,
        item_id=second.id,
        reason=t("shared_items.stop_reason"),
    )
    # slice B (issue 12): a concern taken through its lifecycle by the team manager, and the plan
    # agreed again while the second concern waits for its decision
    manager = _actor(store, "manager")
    third = safeguarding.raise_concern(
        store,
        by=me,
        person_id=pid,
        abuse_types=[],
        other_or_not_sure=t("safeguarding_concerns.abuse_other"),
        person_wants="To stay at home",
    )
    step = {"by": manager, "concern_id": third.id}
    third = concern_steps.decide_s42(
        store,
        **step,
        expected_version=third.version,
        needs=True,
        abuse_or_risk=True,
        unable_to_protect=True,
        reasons=t("safeguarding_concerns.decision_reasons"),
    )
    third = concern_steps.start_enquiry(
        store,
        **step,
        expected_version=third.version,
        kind="section_42",
        lead=t("safeguarding_concerns.enquiry_lead", one_line=True),
    )
    third = concern_steps.record_outcome(
        store,
        **step,
        expected_version=third.version,
        outcomes_asked=True,
        desired_outcomes=t("safeguarding_concerns.desired_outcomes"),
        achieved="partly",
        risk_after="reduced",
    )
    concern_steps.close_concern(
        store,
        **step,
        expected_version=third.version,
        follow_up="next_review",
        note=t("safeguarding_concerns.closing_note"),
    )
    # issue 13: a self-neglect concern referred to the multi-agency high-risk forum
    fourth = safeguarding.raise_concern(
        store, by=me, person_id=pid, abuse_types=["AB-SN"], person_wants="To keep her things"
    )
    concern_steps.refer_to_forum(
        store,
        by=manager,
        concern_id=fourth.id,
        expected_version=fourth.version,
        reasons=t("safeguarding_concerns.forum_reasons"),
    )
    plan_validation.validate_plan(
        store,
        by=me,
        person_id=pid,
        checks={c: (True, "Checked again") for c in ValidationCheck},
        requested=PlanOutcome.AGREED_WITH_CONDITIONS,
        conditions="As before",
        routes={risk.id: "RT2"},
        went_on_reason=t("plan_validations.went_on_reason"),
    )
    reviews.record_review(
        store,
        by=me,
        person_id=pid,
        held_on=date.today(),
        kind=ReviewKind.TRIGGERED,
        trigger=ReviewTrigger.OTHER_CHANGE,
        notes=t("reviews.notes"),
    )
    checks.record_check(
        store,
        by=me,
        person_id=pid,
        kind=CheckKind.REFERENCES,
        about=t("checks.about", one_line=True),
        done_on=date.today(),
        outcome=CheckOutcome.CONCERNS,
        note=t("checks.note"),
    )
    meeting = meetings.open_meeting(
        store,
        by=me,
        person_id=pid,
        held_on=date.today(),
        title=t("meetings.title", one_line=True),
        purpose=t("meetings.purpose"),
        chair=t("meetings.chair", one_line=True),
        attendees=[
            {
                "name": t("meeting_attendees.name", one_line=True),
                "agency": t("meeting_attendees.agency", one_line=True),
                "role": "person",
                "present": True,
            }
        ],
        person_view=t("meetings.person_view"),
    )
    meetings.add_item(
        store,
        by=me,
        meeting_id=meeting.id,
        kind="dissent",
        text=t("meeting_items.text"),
        party=t("meeting_items.party", one_line=True),
    )
    mistaken = meetings.add_item(store, by=me, meeting_id=meeting.id, kind="note", text="Oops")
    meeting_undo.withdraw_item(
        store,
        by=me,
        meeting_id=meeting.id,
        item_id=mistaken,
        reason=t("meeting_items.withdrawal_reason"),
    )
    extra = meetings.add_attendee(
        store, by=me, meeting_id=meeting.id, name="Not here", role="other", present=False
    )
    meeting_undo.withdraw_attendee(
        store,
        by=me,
        meeting_id=meeting.id,
        attendee_id=extra,
        reason=t("meeting_attendees.withdrawal_reason"),
    )
    twice = meetings.agree_action(
        store,
        by=me,
        meeting_id=meeting.id,
        description="Added twice",
        owner_name="Nobody",
        owner_kind="other",
        due=None,
    )
    meeting_undo.withdraw_action(
        store,
        by=me,
        meeting_id=meeting.id,
        action_id=twice,
        reason=t("meeting_actions.withdrawal_reason"),
    )
    draft = issuing.draft(store, by=me, person_id=pid, scale=scale)
    issued = issuing.issue(store, by=me, person_id=pid, expected_digest=draft.digest)
    view = reading.get_version(store, by=me, person_id=pid, version=issued.version)
    person_key = next(r.key for r in view.required if r.role is SignerRole.PERSON)
    owner_key = next(r.key for r in view.required if r.role is SignerRole.OWNER)
    for requirement, basis, extra in (
        (person_key, SigningBasis.SELF_WITH_SUPPORT, "supported_by"),
        (owner_key, SigningBasis.ACTION_OWNER, "on_behalf_of"),
    ):
        words = {extra: t(f"signing_invitations.{extra}", one_line=True)}
        signer = SignerDetails(requirement=requirement, basis=basis, **words)
        inviting.invite(store, by=me, person_id=pid, version=view.version, signer=signer)
    typed["signing_invitations.signer_name"] = typed["actions.owner_name"]
    for requirement, basis, extra, comment in (
        (person_key, SigningBasis.SELF_WITH_SUPPORT, "supported_by", ""),
        (owner_key, SigningBasis.ACTION_OWNER, "on_behalf_of", "comment"),
    ):
        words = {extra: t(f"agreement_signatures.{extra}", one_line=True)}
        signing.sign(
            store,
            by=me,
            person_id=pid,
            version=view.version,
            digest=view.digest,
            signer=SignerDetails(requirement=requirement, basis=basis, **words),
            method=SigningMethod.IN_PERSON,
            comment=t("agreement_signatures.comment") if comment else "",
        )
    typed["agreement_signatures.signer_name"] = typed["actions.owner_name"]
    typed["agreement_versions.content"] = typed["risks.activity"]
    # The one text prompt at the first stage: the person is moved there to answer it.
    person = people.get_person(store, by=me, person_id=pid)
    stages.move_stage(
        store,
        by=me,
        person_id=pid,
        to_stage="ST1",
        reason=t("stage_history.reason"),
        expected_version=person.version,
    )
    journey.answer_prompt(
        store, by=me, person_id=pid, prompt_id="RA01", answer=t("prompt_answers.answer")
    )
    journey.record_touchpoint(
        store,
        by=me,
        person_id=pid,
        touchpoint_id=journey.journey(store, by=me, person_id=pid).current.touchpoints[0].node.id,
        state="not_applicable",
        note=t("touchpoint_status.note"),
    )
    return pid, typed


def _on_screen(at: AppTest) -> list[str]:
    """Everything shown without markdown: literal blocks, text, code, tables, field values."""
    values = shown.texts(at)
    values += [str(e.value) for e in (*at.text, *at.code)]
    values += [str(w.value) for w in (*at.text_area, *at.text_input)]
    for frame in at.dataframe:
        values += [str(cell) for cell in frame.value.to_numpy().ravel()]
    return values


def _rendered_as_markdown(at: AppTest) -> list[str]:
    """Everything Streamlit renders as markdown: none of it may hold anyone's text."""
    found = [
        str(e.value)
        for e in (
            *at.markdown,
            *at.caption,
            *at.title,
            *at.header,
            *at.subheader,
            *at.error,
            *at.warning,
            *at.info,
            *at.success,
            *at.toast,
        )
    ]
    found += [str(e.label) for e in (*at.expander, *at.tabs, *at.button, *at.metric)]
    for widget in (*at.text_area, *at.text_input, *at.selectbox, *at.multiselect, *at.checkbox):
        found += [str(widget.label), str(widget.help or "")]
    for radio in at.radio:
        found += [str(radio.label), str(radio.help or ""), *map(str, radio.options)]
    return found


def _literal_blocks_have_only_our_tags(at: AppTest) -> None:
    for element in at.html:
        for block in read(element.value):
            assert set(block.tags) <= OUR_TAGS, block.tags


@pytest.fixture
def recorded(data_dir: Path) -> Iterator[tuple[int, dict[str, str]]]:
    store = open_store(Settings.from_env())
    try:
        yield _record_everything(store)
    finally:
        store.dispose()


def test_every_free_text_field_of_a_record_is_shown_exactly_as_typed_and_never_as_markdown(
    signed_in, recorded
):
    person_id, typed = recorded
    at = signed_in("practitioner")
    open_record(at, person_id)
    assert not shown.errors(at), shown.errors(at)

    screen: list[str] = []
    for section in SECTIONS:  # one section is drawn at a time: read each in turn
        open_section(at, section.key)
        assert not shown.errors(at), (section.key, shown.errors(at))
        screen += _on_screen(at)
        markdown = _rendered_as_markdown(at)
        leaked = [m for m in markdown if any(trace in m for trace in TRACES)]
        assert leaked == [], section.key
        _literal_blocks_have_only_our_tags(at)
    missing = sorted(
        column for column, value in typed.items() if not any(value in s for s in screen)
    )
    assert missing == [], "typed but not shown exactly as typed"
    record_columns = {c for c in SHOWN if not c.startswith(("users.", "teams.", "framework_"))}
    assert record_columns - typed.keys() == set(), "a column of the record was not tried"


def test_an_account_name_and_team_are_shown_exactly_as_typed(signed_in, data_dir: Path):
    store = open_store(Settings.from_env())
    name, team = short("users.display_name"), short("teams.name")
    from risk_app.domain.roles import Role

    accounts.create_user(
        store,
        by=_actor(store, "admin"),
        username="hostile.names",
        display_name=name,
        role=Role.PRACTITIONER,
        password="a long enough password",
        team=team,
    )
    store.dispose()
    at = signed_in("admin")
    at.switch_page("../../pages/accounts.py").run()
    assert not at.exception, at.exception
    screen = _on_screen(at)
    assert name in screen and team in screen
    assert not [m for m in _rendered_as_markdown(at) if any(t in m for t in TRACES)]


def test_an_uploaded_frameworks_title_labels_and_file_name_are_shown_literally_on_every_page(
    signed_in, data_dir: Path
):
    bundled = (ROOT / "framework" / "data" / "framework.yaml").read_text(encoding="utf-8")
    title, label = long("framework title"), short("stage label")
    body = bundled.replace(
        'title: "Safeguarding and Personalisation Framework (risk-app encoding)"',
        f"title: {json.dumps(title)}",
        1,
    )
    stage_one = framework_service.current().node("ST1").label
    body = body.replace(f'label: "{stage_one}"', f"label: {json.dumps(label)}", 1)
    body = body.replace('version: "2026.12.1"', 'version: "2026.12.2"', 1)
    file_name = "# ![a](x) <img src=x onerror=alert(1)> :smile: **b** www.evil.example.yaml"
    store = open_store(Settings.from_env())
    lead = _actor(store, "lead")
    _, upload_id = framework_service.upload(store, lead, body.encode("utf-8"), file_name)
    framework_service.activate(store, lead, upload_id)
    store.dispose()
    try:  # activating changes the framework this test process holds: put it back at the end
        at = signed_in("lead")
        for page in ("framework_map", "framework_explorer", "framework_versions", "home"):
            at.switch_page(f"../../pages/{page}.py").run()
            assert not at.exception, (page, at.exception)
            screen = _on_screen(at)
            if page != "home":
                assert any(title in s for s in screen), page
            if page == "framework_map":
                assert any(label in s for s in screen), page
                spec = at.get("plotly_chart")[0].proto.spec
                assert "<img" not in spec and "&lt;img" in spec, "chart text is escaped"
            if page == "framework_versions":
                assert any(file_name in s for s in screen), [s for s in screen if "yaml" in s]
            leaked = [m for m in _rendered_as_markdown(at) if any(t in m for t in TRACES)]
            assert leaked == [], page
            _literal_blocks_have_only_our_tags(at)
    finally:
        framework_service.use_packaged()
