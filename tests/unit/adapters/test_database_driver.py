"""PostgreSQL's driver is an optional extra: without it, a PostgreSQL address is refused in words."""

from __future__ import annotations

import importlib.util

import pytest

from risk_app.adapters.db import make_engine
from risk_app.domain.errors import StoreUnavailable


def _without_psycopg(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "psycopg" else real(name, *a)
    )


@pytest.mark.parametrize(
    "url",
    ["postgresql:///council", "postgresql+psycopg://u@db/council", "postgresql+psycopg2:///x"],
)
def test_a_postgresql_address_without_the_driver_says_how_to_install_it(monkeypatch, url):
    _without_psycopg(monkeypatch)
    with pytest.raises(StoreUnavailable, match=r"risk-app\[postgres\]"):
        make_engine(url)


def test_sqlite_needs_no_optional_driver(monkeypatch, tmp_path):
    _without_psycopg(monkeypatch)
    engine = make_engine(f"sqlite:///{tmp_path / 'app.db'}")
    assert engine.dialect.name == "sqlite"
    engine.dispose()


def test_with_the_driver_a_postgresql_address_gets_an_engine_without_connecting():
    engine = make_engine("postgresql://nobody@127.0.0.1:1/none")
    assert engine.dialect.driver == "psycopg"
    engine.dispose()
