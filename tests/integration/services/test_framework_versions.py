"""The live framework: a safeguarding lead uploads a revised file, sees how it differs from the
version in use, and activates it; who and when are recorded, records keep the version they were
made under, and reports name the version they judged against."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import DBAPIError

from framework import BUNDLED_FRAMEWORK, FrameworkError
from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow, FrameworkVersionRow, PersonRow
from risk_app.config import Settings
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput, NotPermitted
from risk_app.domain.roles import Role
from risk_app.services import framework as framework_service
from risk_app.services.accounts import SYSTEM
from risk_app.services.assurance.process_audit import run_process_audit
from risk_app.services.bootstrap import open_store
from risk_app.services.record import people

LEAD = Actor(user_id=10, username="lead", role=Role.SAFEGUARDING_LEAD)
PRACTITIONER = Actor(user_id=11, username="sam", role=Role.PRACTITIONER, team_id=1)
EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "local-process.yaml"
PACKAGED_VERSION = "2026.12.1"


@pytest.fixture(autouse=True)
def back_to_the_packaged_framework() -> Iterator[None]:
    """Activation changes the framework this test process holds; put it back afterwards."""
    framework_service.use_packaged()
    yield
    framework_service.use_packaged()


def packaged_text() -> str:
    return BUNDLED_FRAMEWORK.read_text(encoding="utf-8")


def revised(version: str = "2026.12.2", label: str = "Plan covers every risk") -> bytes:
    """The packaged file with a new version number and one touchpoint relabelled."""
    body = packaged_text()
    assert f'version: "{PACKAGED_VERSION}"' in body
    body = body.replace(f'version: "{PACKAGED_VERSION}"', f'version: "{version}"', 1)
    old = 'label: "Plan covers risks to, from and by the person, with a contingency"'
    assert old in body
    return body.replace(old, f'label: "{label}"', 1).encode("utf-8")


def audit_rows(store: Store) -> list[AuditEventRow]:
    with store.read() as session:
        return list(
            session.scalars(
                select(AuditEventRow)
                .where(AuditEventRow.object_type == "framework_version")
                .order_by(AuditEventRow.seq)
            )
        )


def test_nothing_uploaded_means_the_packaged_framework_is_in_use(store: Store) -> None:
    assert framework_service.refresh(store).version == PACKAGED_VERSION
    info = framework_service.current_info()
    assert info.stored_id is None and info.version == PACKAGED_VERSION
    assert framework_service.versions(store, LEAD) == []


def test_an_upload_is_stored_and_shown_as_a_difference_but_not_yet_used(store: Store) -> None:
    diff, version_id = framework_service.upload(store, LEAD, revised(), "C:\\lead\\new.yaml")
    assert (diff.old_version, diff.new_version) == (PACKAGED_VERSION, "2026.12.2")
    [changed] = diff.nodes.changed
    assert changed.item.id == "TP07"
    assert changed.changes[0].new == "Plan covers every risk"
    assert framework_service.version() == PACKAGED_VERSION
    [listed] = framework_service.versions(store, LEAD)
    assert listed.id == version_id and listed.version == "2026.12.2"
    assert listed.source_name == "new.yaml" and listed.uploaded_by == "lead"
    assert listed.activated_at is None and not listed.active
    assert framework_service.difference(store, LEAD, version_id) == diff


def test_activating_records_who_and_when_and_puts_the_version_in_use(store: Store) -> None:
    _, version_id = framework_service.upload(store, LEAD, revised())
    info = framework_service.activate(store, LEAD, version_id)
    assert info.active and info.activated_by == "lead" and info.activated_at is not None
    assert framework_service.version() == "2026.12.2"
    assert framework_service.current().node("TP07").label == "Plan covers every risk"
    assert framework_service.current_info().stored_id == version_id
    with store.read() as session:
        row = session.get(FrameworkVersionRow, version_id)
        assert row is not None and row.activated_by == "lead"


def test_the_audit_log_holds_ids_and_digests_not_the_file(store: Store) -> None:
    _, version_id = framework_service.upload(store, LEAD, revised())
    framework_service.activate(store, LEAD, version_id)
    created, activated = audit_rows(store)
    sha = framework_service.current_info().sha256
    assert (created.action, created.object_id) == ("create", str(version_id))
    assert json.loads(created.detail) == {"sha256": sha}
    assert activated.action == "change"
    assert json.loads(activated.detail) == {"activated": True, "sha256": sha, "previous_id": None}
    assert "Plan covers" not in created.detail + activated.detail


def test_records_keep_the_version_they_were_made_under(store: Store) -> None:
    before = people.create_person(
        store, by=SYSTEM, display_name="Before", team="North", jurisdiction="england"
    )
    _, version_id = framework_service.upload(store, LEAD, revised())
    framework_service.activate(store, LEAD, version_id)
    after = people.create_person(
        store, by=SYSTEM, display_name="After", team="North", jurisdiction="england"
    )
    with store.read() as session:
        versions = {
            row.display_name: row.framework_version
            for row in session.scalars(
                select(PersonRow).where(PersonRow.id.in_([before.id, after.id]))
            )
        }
    assert versions == {"Before": PACKAGED_VERSION, "After": "2026.12.2"}


def test_the_process_audit_names_the_activated_version(store: Store) -> None:
    _, version_id = framework_service.upload(store, LEAD, revised())
    framework_service.activate(store, LEAD, version_id)
    framework_service.use_packaged()  # as in a fresh command-line process
    output, _ = run_process_audit(EXAMPLE, "json", store)
    assert json.loads(output)["framework"]["version"] == "2026.12.2"


def test_another_process_picks_up_the_activated_version_when_it_opens_the_store(
    tmp_path: Path,
) -> None:
    settings = Settings.from_env({"RISK_APP_DATA_DIR": str(tmp_path)})
    first = open_store(settings)
    _, version_id = framework_service.upload(first, LEAD, revised())
    framework_service.activate(first, LEAD, version_id)
    first.dispose()
    framework_service.use_packaged()
    second = open_store(settings)
    assert framework_service.version() == "2026.12.2"
    second.dispose()


def test_going_back_to_an_earlier_upload_is_an_activation_too(store: Store) -> None:
    _, first = framework_service.upload(store, LEAD, revised("2026.12.2", "First wording"))
    _, second = framework_service.upload(store, LEAD, revised("2026.12.3", "Second wording"))
    framework_service.activate(store, LEAD, first)
    framework_service.activate(store, LEAD, second)
    assert framework_service.version() == "2026.12.3"
    framework_service.activate(store, LEAD, first)
    assert framework_service.version() == "2026.12.2"
    framework_service.use_packaged()
    assert framework_service.refresh(store).version == "2026.12.2"
    listed = {v.id: v.active for v in framework_service.versions(store, LEAD)}
    assert listed == {first: True, second: False}
    assert json.loads(audit_rows(store)[-1].detail)["previous_id"] == second


def test_uploading_the_same_file_again_stores_it_once(store: Store) -> None:
    _, first = framework_service.upload(store, LEAD, revised())
    _, again = framework_service.upload(store, LEAD, b"\xef\xbb\xbf" + revised())
    assert first == again
    assert len(framework_service.versions(store, LEAD)) == 1


def test_an_invalid_file_is_refused_with_every_problem_and_nothing_is_stored(
    store: Store,
) -> None:
    broken = revised().replace(
        b"source: ST3, type: has_touchpoint, target: TP07",
        b"source: ST3, type: has_touchpoint, target: TP99",
        1,
    )
    with pytest.raises(FrameworkError) as caught:
        framework_service.upload(store, LEAD, broken, "broken.yaml")
    assert any("TP99" in p.message and p.line for p in caught.value.problems)
    with pytest.raises(FrameworkError):
        framework_service.upload(store, LEAD, "version: x\n".encode("utf-16"), "u16.yaml")
    assert framework_service.versions(store, LEAD) == []


def test_a_version_number_cannot_name_two_different_contents(store: Store) -> None:
    framework_service.upload(store, LEAD, revised("2026.12.2", "One"))
    with pytest.raises(InvalidInput, match="already uploaded"):
        framework_service.upload(store, LEAD, revised("2026.12.2", "Two"))
    with pytest.raises(InvalidInput, match="packaged with the app"):
        framework_service.upload(store, LEAD, revised(PACKAGED_VERSION, "Three"))


def test_the_packaged_file_itself_can_be_uploaded_to_go_back_to_it(store: Store) -> None:
    diff, version_id = framework_service.upload(store, LEAD, packaged_text().encode())
    assert diff.is_empty
    framework_service.activate(store, LEAD, version_id)
    assert framework_service.current_info().stored_id == version_id
    assert framework_service.version() == PACKAGED_VERSION


def test_only_the_safeguarding_lead_may_upload_activate_or_list(store: Store) -> None:
    _, version_id = framework_service.upload(store, LEAD, revised())
    with pytest.raises(NotPermitted):
        framework_service.upload(store, PRACTITIONER, revised("2026.12.5"))
    with pytest.raises(NotPermitted):
        framework_service.activate(store, PRACTITIONER, version_id)
    with pytest.raises(NotPermitted):
        framework_service.versions(store, PRACTITIONER)
    with pytest.raises(NotPermitted):
        framework_service.difference(store, PRACTITIONER, version_id)
    assert framework_service.version() == PACKAGED_VERSION
    denials = [r for r in audit_rows(store) if r.action == "access_denied"]
    assert len(denials) == 4 and all(r.actor == "sam" for r in denials)


def test_an_unknown_upload_cannot_be_activated(store: Store) -> None:
    with pytest.raises(InvalidInput, match="no uploaded framework version 99"):
        framework_service.activate(store, LEAD, 99)


def test_the_stored_content_of_an_upload_cannot_be_changed(store: Store) -> None:
    _, version_id = framework_service.upload(store, LEAD, revised())
    with pytest.raises(DBAPIError), store.write() as session:
        session.execute(
            update(FrameworkVersionRow)
            .where(FrameworkVersionRow.id == version_id)
            .values(content="tampered")
        )
    with store.read() as session:
        assert session.execute(text("SELECT count(*) FROM framework_versions")).scalar() == 1


def test_an_active_upload_that_no_longer_loads_does_not_lock_anyone_out(store: Store) -> None:
    """The checks may grow stricter after an upload was activated: the app keeps working on the
    framework it has, says which upload is unusable, and a lead can activate another."""
    with store.write() as session:
        session.add(
            FrameworkVersionRow(
                version="2099.1.0",
                sha256="0" * 64,
                content="version: [not, a, framework",
                source_name="old.yaml",
                uploaded_by="lead",
                uploaded_at=datetime.now(UTC),
                activated_by="lead",
                activated_at=datetime.now(UTC),
            )
        )
    graph = framework_service.refresh(store)
    assert graph.version == framework_service.current().version
    broken = framework_service.unusable_active_version()
    assert broken is not None
    assert framework_service.refresh(store) is graph, "judged once, not re-read every run"
    _, good = framework_service.upload(store, SYSTEM, revised("2099.2.0"), "good.yaml")
    framework_service.activate(store, SYSTEM, good)
    assert framework_service.refresh(store).version == "2099.2.0"
    assert framework_service.unusable_active_version() is None
