"""The plain-language check used on copy written for the person."""

from __future__ import annotations

from risk_app.domain.agreements.plain_language import plain_language_problems, sentences


def test_short_everyday_sentences_pass():
    assert plain_language_problems("You can sign now. Or ask to talk first. Your GP knows.") == []


def test_a_sentence_over_fifteen_words_is_named():
    long = "This is a sentence that goes on and on and on for far more than fifteen words."
    [problem] = plain_language_problems(long)
    assert problem.startswith("Sentence 1 has 17 words (at most 15)")


def test_jargon_semicolons_and_shouting_are_named_with_a_plainer_choice():
    problems = plain_language_problems("The mitigation is agreed; it is DONE.")
    assert "Sentence 1 uses 'mitigation': try 'what will make it safer'." in problems
    assert "Sentence 1 uses a semicolon; split it in two." in problems
    assert "Sentence 1 has 'DONE' in capitals: use bold or plain words." in problems


def test_each_line_counts_as_its_own_sentence():
    assert sentences("Heading\n- one item\nLast one. Really last!") == [
        "Heading",
        "- one item",
        "Last one.",
        "Really last!",
    ]
