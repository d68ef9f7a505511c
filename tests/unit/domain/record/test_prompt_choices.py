"""A stored answer to 'who manages the money' reads in the right legal terms (review row 8)."""

from __future__ import annotations

from framework import load_framework
from risk_app.domain.record.prompt_choices import choice_words


def test_the_stored_suitable_person_answer_reads_as_the_care_act_and_welsh_terms():
    """Care Act 2014 ss31-32 (England) and SSWB(W)A 2014 s50 (Wales)."""
    words = choice_words("suitable_person_or_nominee")
    assert "nominated or authorised person" in words
    assert "in Wales a suitable person" in words


def test_every_other_option_of_the_framework_reads_as_stored():
    options = {o for n in load_framework().nodes() for o in n.options or ()}
    for value in options - {"suitable_person_or_nominee"}:
        assert choice_words(value) == value
