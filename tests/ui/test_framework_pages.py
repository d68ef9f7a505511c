"""The framework explorer (every item, filtered, with its sources and links) and the framework
versions page (a safeguarding lead uploads a revised framework, reads the difference, activates
it and can go back)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from framework import BUNDLED_FRAMEWORK
from risk_app.adapters.tables import FrameworkVersionRow
from risk_app.config import Settings
from risk_app.services import framework as framework_service
from risk_app.services.bootstrap import open_store
from risk_app.ui import downloads, framework_views
from risk_app.ui.charts import provenance_words
from tests.ui import shown
from tests.ui.conftest import ROOT

PACKAGED_VERSION = "2026.12.1"
TP07_LABEL = "Plan covers risks to, from and by the person, with a contingency"
YAML = "application/x-yaml"


@pytest.fixture(autouse=True)
def back_to_the_packaged_framework() -> Iterator[None]:
    """Activating a version changes the framework this test process holds; put it back."""
    framework_service.use_packaged()
    yield
    framework_service.use_packaged()


def revised(version: str = "2026.12.2", label: str = "Plan covers every risk") -> bytes:
    """The packaged file with a new version number and one touchpoint (TP07) relabelled."""
    body = BUNDLED_FRAMEWORK.read_text(encoding="utf-8")
    body = body.replace(f'version: "{PACKAGED_VERSION}"', f'version: "{version}"', 1)
    assert f'label: "{TP07_LABEL}"' in body
    return body.replace(f'label: "{TP07_LABEL}"', f'label: "{label}"', 1).encode("utf-8")


def go(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"../../pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def table_of(at: AppTest, first_column: str):
    return next(t for t in shown.tables(at) if first_column in t.columns)


def upload(at: AppTest, data: bytes, name: str = "revised.yaml") -> AppTest:
    at.file_uploader(key="versions_file").set_value((name, data, YAML)).run()
    assert not at.exception, at.exception
    return at


def activate(at: AppTest, upload_id: int) -> AppTest:
    at.checkbox(key=f"versions_confirm_{upload_id}").check().run()
    at.button(key=f"versions_activate_{upload_id}").click().run()
    assert not at.exception, at.exception
    return at


def stored_uploads(data_dir: Path) -> int:
    store = open_store(Settings.from_env())
    with store.read() as session:
        count = session.scalar(select(func.count()).select_from(FrameworkVersionRow))
    store.dispose()
    return int(count or 0)


# --------------------------------------------------------------------------- explorer


def test_the_explorer_names_the_framework_and_lists_every_item_unfiltered(signed_in):
    at = go(signed_in("practitioner"), "framework_explorer")
    graph = framework_service.current()
    assert [t.value for t in at.title] == ["Framework explorer"]
    assert f"{graph.title}, version {graph.version}: every stage" in shown.texts(at, "text")[0]
    listed = at.dataframe[0].value
    assert list(listed["ID"]) == [node.id for node in graph.nodes()]
    assert {"ID", "Type", "Item", "Provenance", "References"} <= set(listed.columns)


def test_the_explorer_filters_by_level_and_stage_and_shows_provenance_and_references_for_the_chosen_item(
    signed_in,
):
    at = go(signed_in("practitioner"), "framework_explorer")
    graph = framework_service.current()
    at.selectbox(key="explorer_stage").set_value("ST3")
    at.selectbox(key="explorer_level").set_value("LV-PRAC")
    at.checkbox(key="explorer_untied").uncheck().run()
    listed = at.dataframe[0].value
    ids = set(listed["ID"])
    assert "TP07" in ids
    assert ids <= framework_views.stage_items(graph, "ST3")
    assert all("Practitioner" in levels for levels in listed["Levels"])
    assert all("LV-PRAC" in {n.id for n in graph.levels_for(i)} for i in ids)

    at.selectbox(key="explorer_item").set_value("TP07").run()
    node = graph.node("TP07")
    assert f"TP07: {node.label}" in shown.texts(at, "heading")
    about = table_of(at, "About")
    provenance = dict(zip(about["About"], about["Value"], strict=True))["Provenance"]
    assert provenance == provenance_words(node.provenance.status)
    sources = table_of(at, "Publisher")
    expected = [ref.id for ref in graph.references_for("TP07")]
    assert expected and list(sources["ID"]) == expected
    web = [ref.url for ref in graph.references_for("TP07") if ref.url]
    assert [b.proto.url for b in at.link_button] == web
    links_out = next(d.value for d in at.dataframe if "To" in d.value.columns)
    assert any(other.startswith("LV-PRAC: ") for other in links_out["To"])
    links_in = next(d.value for d in at.dataframe if "From" in d.value.columns)
    assert "ST3: " + graph.node("ST3").label in set(links_in["From"])


def test_items_not_tied_to_a_level_are_shown_under_every_level_unless_the_box_is_unticked(
    signed_in,
):
    at = go(signed_in("practitioner"), "framework_explorer")
    at.selectbox(key="explorer_type").set_value("principle")
    at.selectbox(key="explorer_level").set_value("LV-CORP").run()
    principles = set(at.dataframe[0].value["ID"])
    assert principles == {n.id for n in framework_service.current().nodes(type="principle")}
    at.checkbox(key="explorer_untied").uncheck().run()
    assert at.dataframe[0].value.empty
    assert any("No item" in i for i in shown.infos(at))


def test_the_explorer_filters_by_type_and_way_of_managing_the_budget(signed_in):
    at = go(signed_in("manager"), "framework_explorer")
    graph = framework_service.current()
    at.selectbox(key="explorer_type").set_value("management_prompt")
    at.selectbox(key="explorer_budget_option").set_value("BO-DP")
    at.checkbox(key="explorer_untied").uncheck().run()
    ids = set(at.dataframe[0].value["ID"])
    expected = {
        n.id
        for n in graph.nodes(type="management_prompt")
        if "BO-DP" in {o.id for o in graph.budget_options_for(n.id)}
    }
    assert ids == expected and ids


def test_the_explorer_search_ignores_capitals_and_its_text_is_shown_literally(signed_in):
    at = go(signed_in("lead"), "framework_explorer")
    at.text_input(key="explorer_search").set_value("tp07").run()
    assert "TP07" in set(at.dataframe[0].value["ID"])
    assert "1 of " in shown.texts(at, "text")[1] and "“tp07”" in shown.texts(at, "text")[1]
    typed = "[click me](https://example.org) **bold** <b>x</b>"
    at.text_input(key="explorer_search").set_value(typed).run()
    assert not at.exception
    [message] = [i for i in shown.infos(at) if "No item" in i]
    assert typed in message


def test_the_explorer_csv_prefixes_cells_a_spreadsheet_would_run_as_formulas():
    rows = [{"ID": "X1", "Item": "=HYPERLINK(1)", "Other": "-1", "Plain": "safe @ middle"}]
    [header, row] = list(csv.reader(io.StringIO(downloads.csv_text(rows))))
    assert header == ["ID", "Item", "Other", "Plain"]
    assert row == ["X1", "'=HYPERLINK(1)", "'-1", "safe @ middle"]
    assert downloads.csv_text([]) == ""


# --------------------------------------------------------------------------- versions


def test_a_lead_uploads_a_revised_framework_sees_the_difference_and_activates_it(
    signed_in, data_dir: Path
):
    at = go(signed_in("lead"), "framework_versions")
    assert PACKAGED_VERSION in set(table_of(at, "Version")["Version"])
    upload(at, revised())
    assert not shown.errors(at), shown.errors(at)
    [upload_id] = [int(i) for i in at.dataframe[-1].value["Upload"]]
    assert at.selectbox(key="versions_view").value == upload_id
    assert f"How version 2026.12.2 differs from version {PACKAGED_VERSION}, in use" in [
        s.value for s in at.subheader
    ]
    counts = table_of(at, "Section")
    assert list(counts["Section"]) == ["Items", "Links", "References"]
    assert list(counts["Changed"]) == ["1", "0", "0"]  # as shown on screen
    items = next(d.value for d in at.dataframe if "Change" in d.value.columns)
    changed = items[items["What"] == "TP07"].iloc[0]
    assert (changed["Change"], changed["Before"], changed["After"]) == (
        "Changed",
        TP07_LABEL,
        "Plan covers every risk",
    )
    assert at.download_button(key=f"versions_diff_json_{upload_id}").label == (
        "Download the difference as JSON"
    )
    assert framework_service.version() == PACKAGED_VERSION, "uploading does not activate"

    at.button(key=f"versions_activate_{upload_id}").click().run()
    assert any("Tick the box" in w for w in shown.warnings(at))
    assert framework_service.version() == PACKAGED_VERSION

    activate(at, upload_id)
    [notice] = [s for s in shown.successes(at) if "now in use" in s]
    assert "activated by lead" in notice
    assert "Records made earlier keep the framework version" in notice
    in_use = table_of(at, "Version")
    assert list(in_use["Version"]) == ["2026.12.2"]
    assert f"Upload {upload_id}" in in_use["Where it comes from"].iloc[0]
    assert framework_service.version() == "2026.12.2"
    assert list(at.dataframe[-1].value["In use"]) == ["Yes"]

    explorer = go(at, "framework_explorer")
    assert "2026.12.2" in shown.texts(explorer, "text")[0]


def test_a_lead_goes_back_to_an_earlier_upload_by_activating_it_again(signed_in):
    at = go(signed_in("lead"), "framework_versions")
    upload(at, revised("2026.12.2", "First wording"), "first.yaml")
    first = at.selectbox(key="versions_view").value
    activate(at, first)
    upload(at, revised("2026.12.3", "Second wording"), "second.yaml")
    second = at.selectbox(key="versions_view").value
    activate(at, second)
    assert framework_service.version() == "2026.12.3"

    at.selectbox(key="versions_view").set_value(first).run()
    assert any("goes back to it" in i for i in shown.infos(at))
    activate(at, first)
    assert framework_service.version() == "2026.12.2"
    assert framework_service.current().node("TP07").label == "First wording"
    listed = at.dataframe[-1].value
    assert dict(zip(listed["Upload"], listed["In use"], strict=True)) == {
        first: "Yes",
        second: "No",
    }


def test_a_malformed_file_shows_its_problems_with_line_numbers_and_stores_nothing(
    signed_in, data_dir: Path
):
    broken = revised().replace(
        b"source: ST3, type: has_touchpoint, target: TP07",
        b"source: ST3, type: has_touchpoint, target: TP99",
        1,
    )
    at = go(signed_in("lead"), "framework_versions")
    upload(at, broken, "broken*name.yaml")
    [error] = shown.errors(at)
    assert "broken*name.yaml is not a valid framework file" in error
    assert "Nothing was stored" in error
    problems = table_of(at, "Problem")
    tp99 = problems[problems["Problem"].str.contains("TP99")]
    assert not tp99.empty and all(line.isdigit() for line in tp99["Line"])
    assert not at.subheader, "no difference is shown for a file that was refused"
    assert any("Nothing has been uploaded yet" in i for i in shown.infos(at))
    assert stored_uploads(data_dir) == 0


def test_a_file_that_is_not_yaml_at_all_is_refused_with_a_message_not_a_traceback(
    signed_in, data_dir: Path
):
    at = go(signed_in("lead"), "framework_versions")
    upload(at, b"version: [unclosed\n  - {", "bad.yaml")
    assert shown.errors(at) and "not a valid framework file" in shown.errors(at)[0]
    assert stored_uploads(data_dir) == 0


def test_a_version_number_already_used_for_other_content_is_refused_with_the_reason(
    signed_in, data_dir: Path
):
    at = go(signed_in("lead"), "framework_versions")
    upload(at, revised(PACKAGED_VERSION, "Same number, other words"))
    [error] = shown.errors(at)
    assert "packaged with the app" in error and "Nothing was stored" in error
    assert stored_uploads(data_dir) == 0


def test_a_practitioner_cannot_open_framework_versions(signed_in: Callable[[str], AppTest]):
    at = signed_in("practitioner")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("../../pages/framework_versions.py")
    page = AppTest.from_file(str(ROOT / "pages" / "framework_versions.py"), default_timeout=30)
    # The page runs in the same browser: it sends the same session cookie.
    page.run()
    assert shown.errors(page) == ["You do not have access to this page."]
    assert not page.file_uploader and not page.dataframe
