"""Settings for the minutes: the organisation's name and the protective marking, from the
environment, checked before they are printed on any document."""

from __future__ import annotations

import pytest

from risk_app.config import Settings


def test_the_marking_is_official_sensitive_and_the_organisation_unset_by_default():
    settings = Settings.from_env({})
    assert settings.protective_marking == "OFFICIAL-SENSITIVE"
    assert settings.organisation_name is None


def test_the_organisation_and_marking_come_from_the_environment_trimmed():
    settings = Settings.from_env(
        {
            "RISK_APP_ORGANISATION_NAME": "  Cyngor Sir Ynys Môn / Isle of Anglesey Council ",
            "RISK_APP_PROTECTIVE_MARKING": "OFFICIAL",
        }
    )
    assert settings.organisation_name == "Cyngor Sir Ynys Môn / Isle of Anglesey Council"
    assert settings.protective_marking == "OFFICIAL"


def test_a_blank_setting_is_the_same_as_unset():
    settings = Settings.from_env(
        {"RISK_APP_ORGANISATION_NAME": "   ", "RISK_APP_PROTECTIVE_MARKING": ""}
    )
    assert settings.organisation_name is None
    assert settings.protective_marking == "OFFICIAL-SENSITIVE"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("RISK_APP_ORGANISATION_NAME", "North\nBorough"),
        ("RISK_APP_ORGANISATION_NAME", "x" * 201),
        ("RISK_APP_PROTECTIVE_MARKING", "OFFICIAL\x00"),
        ("RISK_APP_PROTECTIVE_MARKING", "OFFICIAL-SENSITIVE " * 4),
    ],
)
def test_a_name_or_marking_that_cannot_be_printed_on_one_line_is_refused(name, value):
    with pytest.raises(ValueError, match=name):
        Settings.from_env({name: value})
