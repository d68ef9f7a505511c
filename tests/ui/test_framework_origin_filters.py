"""The framework map and explorer show whose words each item is, and filter by it (issue 13,
law review rows 12 and 13): the framework's own text, our synthesis, or local policy."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from risk_app.services import framework as framework_service
from risk_app.ui.charts import ORIGIN_WORDS
from tests.ui import shown


def go(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"../../pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def test_the_map_table_says_every_placement_is_our_synthesis(signed_in):
    at = go(signed_in("practitioner"), "framework_map")
    table = at.dataframe[0].value
    assert set(table["Placement at this stage"]) == {ORIGIN_WORDS["synthesis"]}
    assert any("Open markers and dashed lines" in c.value for c in at.caption)


def test_the_map_filtered_to_the_framework_s_own_text_says_no_touchpoint_is_placed_there(
    signed_in,
):
    at = go(signed_in("practitioner"), "framework_map")
    at.selectbox(key="map_origin").set_value("framework_text").run()
    assert not at.exception, at.exception
    assert at.dataframe[0].value.empty
    assert any("No touchpoint is placed at a stage" in i for i in shown.infos(at))


def test_the_explorer_filtered_to_the_framework_s_own_text_lists_only_the_three_levels(
    signed_in,
):
    at = go(signed_in("practitioner"), "framework_explorer")
    at.selectbox(key="explorer_origin").set_value("framework_text").run()
    assert not at.exception, at.exception
    listed = at.dataframe[0].value
    assert set(listed["ID"]) == {"LV-CORP", "LV-PRAC", "LV-IND"}
    assert set(listed["Whose words"]) == {ORIGIN_WORDS["framework_text"]}


def test_the_explorer_filtered_to_our_synthesis_lists_every_stage_and_touchpoint(signed_in):
    at = go(signed_in("practitioner"), "framework_explorer")
    at.selectbox(key="explorer_origin").set_value("synthesis").run()
    ids = set(at.dataframe[0].value["ID"])
    graph = framework_service.current()
    assert {n.id for n in graph.stages()} <= ids
    assert {n.id for n in graph.nodes(type="touchpoint")} <= ids
    assert "LV-CORP" not in ids


def test_the_explorer_shows_whose_words_an_item_is_and_each_source_s_kind(signed_in):
    at = go(signed_in("practitioner"), "framework_explorer")
    at.selectbox(key="explorer_item").set_value("MCA-1").run()
    about = next(t for t in shown.tables(at) if "About" in t.columns)
    values = dict(zip(about["About"], about["Value"], strict=True))
    assert values["Whose words"] == ORIGIN_WORDS["synthesis"]
    sources = next(t for t in shown.tables(at) if "Publisher" in t.columns)
    kinds = dict(zip(sources["ID"], sources["Kind"], strict=True))
    assert kinds["MCA-2005-S1"] == "Legislation (primary text)"
    assert kinds["LAWBRIEF-MCA"].startswith("Secondary source")
