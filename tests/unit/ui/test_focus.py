"""The focus script: the same static text every time, what it does passed only as escaped data."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from unittest import mock

from risk_app.ui import focus

HOSTILE = '"></script><script>alert(1)</script><img src=x onerror=alert(2)>'


def drawn(call: Callable[[], None]) -> str:
    with mock.patch.object(focus.st, "html") as html_call:
        call()
    [(args, kwargs)] = html_call.call_args_list
    assert kwargs == {"unsafe_allow_javascript": True}
    return str(args[0])


def test_the_script_is_the_same_whatever_the_words_and_they_travel_escaped_as_data():
    calm = drawn(lambda: focus.to_heading("flow_screen", "About", say="Step 1 of 6", turn=1))
    hostile = drawn(lambda: focus.to_heading("flow_screen", HOSTILE, say=HOSTILE, turn=2))
    strip = re.compile(r'data-focus="[^"]*"')
    assert strip.sub("", calm) == strip.sub("", hostile)
    assert hostile.count("<script") == 1 and hostile.count("</script>") == 1
    [data] = re.findall(r'data-focus="([^"]*)"', hostile)
    assert "<" not in data and ">" not in data
    want = json.loads(html.unescape(data))
    assert want == {
        "heading": HOSTILE,
        "say": HOSTILE,
        "top": True,
        "turn": 2,
        "within": ".st-key-flow_screen",
    }


def test_a_control_is_focused_with_its_error_as_its_description():
    drawn_once = drawn(
        lambda: focus.to_control("s", "textarea", described_by="s_error_message", turn=3)
    )
    [data] = re.findall(r'data-focus="([^"]*)"', drawn_once)
    assert json.loads(html.unescape(data)) == {
        "control": "textarea",
        "described": "s_error_message",
        "top": False,
        "turn": 3,
        "within": ".st-key-s",
    }
