"""The framework package stays pure, and hostile input only ever raises FrameworkError."""

from __future__ import annotations

import ast
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framework
from framework import FrameworkError, load_framework_bytes, load_framework_text

PACKAGE = Path(framework.__file__).resolve().parent
FORBIDDEN = {"streamlit", "sqlalchemy", "plotly"}


def imported_roots(source: str) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_nothing_in_framework_imports_streamlit_sqlalchemy_or_plotly() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    assert files
    for path in files:
        assert not imported_roots(path.read_text(encoding="utf-8")) & FORBIDDEN, path


def test_framework_imports_only_the_allowed_libraries() -> None:
    allowed = {"framework", "pydantic", "pydantic_core", "yaml", "networkx", "__future__"}
    import sys

    stdlib = set(sys.stdlib_module_names)
    for path in sorted(PACKAGE.rglob("*.py")):
        third_party = imported_roots(path.read_text(encoding="utf-8")) - stdlib
        assert third_party <= allowed, (path, third_party - allowed)


def test_the_package_exports_its_public_api() -> None:
    for name in framework.__all__:
        assert hasattr(framework, name), name


quick = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@quick
@given(st.text(max_size=400))
def test_arbitrary_text_only_ever_raises_framework_error(text: str) -> None:
    try:
        load_framework_text(text, "fuzz.yaml")
    except FrameworkError as error:
        assert error.problems
        assert str(error).startswith("fuzz.yaml is not a valid framework")


@quick
@given(st.binary(max_size=300))
def test_arbitrary_bytes_only_ever_raise_framework_error(raw: bytes) -> None:
    try:
        load_framework_bytes(raw, "fuzz.yaml")
    except FrameworkError as error:
        assert error.problems


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["id", "type", "source", "target", "nodes", "links", "refs", "x"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@quick
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "version": yaml_values,
            "title": yaml_values,
            "references": yaml_values,
            "nodes": yaml_values,
            "links": yaml_values,
        },
    )
)
def test_arbitrary_yaml_structures_only_ever_raise_framework_error(doc: object) -> None:
    try:
        load_framework_text(yaml.safe_dump(doc), "fuzz.yaml")
    except FrameworkError as error:
        assert error.problems
