"""Rules about the shape of the code that import-linter cannot see (pages/ is not a package)."""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

from risk_app.cli.serve import SERVER_FLAGS

ROOT = Path(__file__).resolve().parents[2]
PAGE_MAY_IMPORT = ("risk_app.ui", "risk_app.services", "risk_app.domain", "streamlit", "__future__")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_pages_import_only_the_ui_service_and_domain_layers():
    offenders = {}
    for page in sorted((ROOT / "pages").glob("*.py")):
        bad = {
            name
            for name in imported_modules(page)
            if not name.startswith(PAGE_MAY_IMPORT)
            and name.split(".")[0] not in sys.stdlib_module_names
        }
        if bad:
            offenders[page.name] = sorted(bad)
    assert offenders == {}


def test_no_page_writes_to_the_database_directly():
    for page in (ROOT / "pages").glob("*.py"):
        source = page.read_text()
        assert "store.write(" not in source and "session.add(" not in source, page.name


def test_the_streamlit_config_file_and_the_run_command_agree():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    flat = {
        f"{section}.{key}": value
        for section, values in config.items()
        for key, value in values.items()
    }
    for key, value in SERVER_FLAGS.items():
        expected = flat[key]
        assert str(expected).lower() == value.lower(), key
    assert flat["client.showErrorDetails"] == "none"
    assert flat["server.enableXsrfProtection"] is True
    assert flat["browser.gatherUsageStats"] is False


def test_no_person_level_data_goes_through_a_shared_streamlit_cache():
    for path in (ROOT / "risk_app").rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                for deco in node.decorator_list:
                    text = ast.unparse(deco)
                    if "cache_data" in text or "cache_resource" in text:
                        assert node.name == "_store", f"{path}:{node.lineno} caches {node.name}"
    for page in (ROOT / "pages").glob("*.py"):
        assert "cache_data" not in page.read_text() and "cache_resource" not in page.read_text()


def test_no_user_text_can_reach_unsafe_html():
    for path in [*(ROOT / "risk_app").rglob("*.py"), *(ROOT / "pages").glob("*.py")]:
        source = path.read_text()
        assert "unsafe_allow_html=True" not in source, path
        if path != ROOT / "risk_app" / "ui" / "focus.py":  # its one static script (ADR 0016)
            assert "unsafe_allow_javascript" not in source, path


def test_test_modules_have_unique_names():
    # pytest's default import mode cannot hold two test modules with the same file name.
    names = [p.name for p in (ROOT / "tests").rglob("test_*.py")]
    assert sorted(n for n in set(names) if names.count(n) > 1) == []


def test_no_bench_script_shares_a_name_with_a_test_helper():
    # Both folders' scripts import their helpers by bare name from sys.path, so a shared name lets
    # whichever folder comes first shadow the other (a CI run was lost to that once).
    helpers = {p.stem for p in (ROOT / "tests").glob("*.py")}
    scripts = {p.stem for p in (ROOT / "bench").glob("*.py")}
    assert sorted(helpers & scripts) == []


MAX_MODULE_LINES = 600
CAPABILITIES = {"record", "agreements", "assurance"}


def test_no_module_of_the_app_or_the_framework_is_over_600_lines():
    too_long = {
        str(path.relative_to(ROOT)): n
        for package in ("framework", "risk_app")
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
        and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not too_long, f"cut these along their jobs: {too_long}"


def test_the_domain_services_and_ui_layers_show_their_capabilities():
    for layer in ("domain", "services", "ui"):
        folder = ROOT / "risk_app" / layer
        packages = {p.name for p in folder.iterdir() if (p / "__init__.py").is_file()}
        assert CAPABILITIES <= packages, f"risk_app/{layer} lacks {CAPABILITIES - packages}"


def test_the_tests_mirror_the_capabilities():
    for kind, layer in (("unit", "domain"), ("integration", "services"), ("ui", "")):
        folder = ROOT / "tests" / kind / layer
        for capability in CAPABILITIES:
            assert list((folder / capability).glob("test_*.py")), (
                f"no tests in {folder / capability}"
            )


def test_no_heading_adds_a_link_to_itself():
    # Streamlit gives every title and header a focusable 16 px "link to heading" (a target under
    # 24 px on every page, and a stop in the person's tab order): each heading turns it off.
    offenders = []
    for path in [*(ROOT / "risk_app").rglob("*.py"), *(ROOT / "pages").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"title", "header", "subheader"}
                and ast.unparse(node.func.value) == "st"
                and not any(k.arg == "anchor" for k in node.keywords)
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_no_confirmation_is_a_toast():
    # st.toast is an unnamed alertdialog that goes after a few seconds: confirmations are shown
    # where the change was made (risk_app/ui/notices.py).
    for path in [*(ROOT / "risk_app").rglob("*.py"), *(ROOT / "pages").glob("*.py")]:
        assert "st.toast(" not in path.read_text(), path
