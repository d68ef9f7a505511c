"""Structured text is limited in depth, alias expansion and number size (framework.limits)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framework import FrameworkError, load_framework_text
from framework.limits import MAX_DEPTH, LimitExceeded, check_json, check_yaml

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 10)}]\n"
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (LAUGHS, "with its aliases (*name) written out it holds more than 2,000,000 values"),
        ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "more than 50 levels deep (line 1)"),
        ("year: " + "9" * 31, "a number has 31 digits, more than the 30 allowed (line 1)"),
        ("x: 1\nweight: .inf", "'.inf' is not a finite number (line 2)"),
        ("weight: .NaN", "'.NaN' is not a finite number"),
        ("weight: !!float nan", "'nan' is not a finite number"),
        ("weight: 1.0e+999", "'1.0e+999' is too large a number"),
    ],
)
def test_yaml_past_a_limit_is_refused_naming_it(text: str, words: str):
    with pytest.raises(LimitExceeded) as caught:
        check_yaml(text)
    assert words in str(caught.value)


@pytest.mark.parametrize(
    "text",
    [
        "year: " + "9" * 30,
        'weight: ".inf"',
        "a: &a [1, 2]\nb: *a\n",  # PyYAML writes aliases for repeated values: allowed
        "[" * MAX_DEPTH + "]" * MAX_DEPTH,
        "not: [valid",  # not YAML: the loader says so, not this check
    ],
)
def test_yaml_within_the_limits_passes(text: str):
    check_yaml(text)


def test_a_framework_file_past_a_limit_is_one_problem_on_its_line():
    with pytest.raises(FrameworkError) as caught:
        load_framework_text("version: '1'\ntitle: " + "[" * 60 + "]" * 60, "bomb.yaml")
    (problem,) = caught.value.problems
    assert problem.line == 2 and "more than 50 levels deep" in problem.message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[" * 100_000 + "]" * 100_000, "more than 50 levels deep"),
        ('{"n": -' + "1" * 31 + "}", "31 digits"),
        ("[NaN]", "NaN is not a number JSON allows"),
        ('{"x": Infinity}', "Infinity is not a number JSON allows"),
        ("[1e999]", "'1e999' is too large a number"),
    ],
)
def test_json_past_a_limit_is_refused_naming_it(text: str, words: str):
    with pytest.raises(LimitExceeded, match=words.replace("(", r"\(").replace("*", r"\*")):
        check_json(text.encode())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_either_passed_or_refused_with_a_limit_never_a_crash(text: str):
    for check in (check_yaml, check_json):
        try:
            check(text)
        except LimitExceeded as exc:
            assert str(exc)
