"""Where a listing's one sentence ends: the first sentence of a summary's plain line.

A row shows that sentence whole, so the split must never fall inside one: not after an
abbreviation, an initial, a number's point or an ellipsis, and a closing quote or bracket
after the full stop stays with its sentence.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.format.sentences import first_sentence, opening_sentence, sentence_end
from timeline.format.summary import SummaryText


@pytest.mark.parametrize(("line", "first"), [
    ("The team was formed in April. It is led by Sebastian Borgeaud.",
     "The team was formed in April."),
    ("Is it real? Nobody knows.", "Is it real?"),
    ("It works! Everyone agrees.", "It works!"),
    ("No full stop at all", "No full stop at all"),
    ("One sentence only.", "One sentence only."),
])
def test_a_sentence_ends_at_its_full_stop_question_or_exclamation_mark(line, first):
    assert first_sentence(line) == first


@pytest.mark.parametrize("abbreviation", [
    "c.", "e.g.", "i.e.", "U.S.", "Dr.", "Mr.", "Mrs.", "Inc.", "vs.", "Corp.", "St.",
    "No.", "Jan.", "Ph.D."])
def test_an_abbreviation_ends_no_sentence(abbreviation):
    line = f"They met {abbreviation} Later that week a deal followed. Then more."
    assert first_sentence(line) == f"They met {abbreviation} Later that week a deal followed."


def test_a_single_capital_initial_ends_no_sentence():
    assert first_sentence("The memo was signed by J. Smith of Google. It was leaked.") == \
        "The memo was signed by J. Smith of Google."


def test_initials_in_a_row_end_no_sentence():
    assert first_sentence("J. R. R. Tolkien wrote it. Then came more.") == \
        "J. R. R. Tolkien wrote it."


@pytest.mark.parametrize(("line", "first"), [
    ("Funding rose 1.5 times. Then it fell.", "Funding rose 1.5 times."),
    ("Gemini 2.5 Pro came out. Then 3.0 did.", "Gemini 2.5 Pro came out."),
    ("Version 4.8. Anthropic shipped it.", "Version 4.8."),
])
def test_a_decimal_or_version_number_ends_no_sentence(line, first):
    assert first_sentence(line) == first


@pytest.mark.parametrize("ellipsis", ["...", "…", ". . ."[0:1] + ".."])
def test_an_ellipsis_ends_no_sentence(ellipsis):
    assert first_sentence(f"He paused{ellipsis} Then he left. Later more.") == \
        f"He paused{ellipsis} Then he left."


@pytest.mark.parametrize("closer", ['"', "”", ")", "’", "»", '")'])
def test_a_closing_quote_or_bracket_stays_with_its_sentence(closer):
    assert first_sentence(f"Brin called it urgent.{closer} The memo followed.") == \
        f"Brin called it urgent.{closer}"


def test_a_full_stop_before_a_lowercase_word_ends_no_sentence():
    assert first_sentence("It came c. late June, or so. Then more.") == \
        "It came c. late June, or so."


@pytest.mark.parametrize("mark", ["。", "！", "？"])
def test_chinese_marks_end_a_sentence_without_a_space(mark):
    line = f"谷歌组建了编程团队{mark}团队由博尔若领导。"
    assert first_sentence(line) == f"谷歌组建了编程团队{mark}"


def test_a_chinese_closing_quote_stays_with_its_sentence():
    assert first_sentence("他说：「我们必须追赶。」然后离开了。") == "他说：「我们必须追赶。」"


def test_no_end_in_a_line_without_one():
    assert sentence_end("Still going, and going") is None


def test_the_plain_lede_is_the_lede_when_one_is_given():
    text = SummaryText()
    assert text.lede_text("A long summary. With more.", "Our own sentence.") == \
        "Our own sentence."


def test_the_plain_lede_is_the_summary_s_first_sentence_as_plain_text():
    text = SummaryText()
    summary = 'According to [The Information](https://example.com/), *Google* formed a "team". ' \
              "It is led by Dr. Borgeaud."
    assert text.lede_text(summary) == "According to The Information, Google formed a “team”."


def test_the_plain_lede_of_an_event_reads_its_summary_and_lede():
    class Event:
        summary, lede = "First sentence. Second one.", None

    assert SummaryText().lede(Event()) == "First sentence."


# -- reading the first sentence without converting the summary -----------------------------


def _same_quotes(text: str) -> str:
    return text.translate(str.maketrans("“”‘’", "\"\"''"))


@pytest.mark.parametrize("summary", [
    "A plain opening sentence. " + "Then more words. " * 20 + "And *emphasis* far later.",
    'He said "no." Then it ended.',
    "It's a plain one, said Dr. Smith of Acme Inc. in the U.S. Then more.",
    "Wrapped over\n  lines of a block\nscalar. And a second.",
])
def test_a_plain_opening_is_read_as_written_and_agrees_with_the_plain_line(summary):
    quick = opening_sentence(summary, 200)
    assert quick is not None
    assert _same_quotes(quick) == _same_quotes(SummaryText().lede_text(summary))


@pytest.mark.parametrize("summary", [
    "A [link](https://example.com/) first. Then more.",
    "1. A list item. Then more.",
    "- A bullet. Then more.",
    "Heading\n=======\nThen more.",
    "Dashes -- here. Then more.",
    "Entities &amp; here. Then more.",
    "*Emphasis* here. Then more.",
])
def test_an_opening_markdown_may_change_is_left_to_the_converter(summary):
    assert opening_sentence(summary, 200) is None


def test_an_opening_without_an_end_within_the_limit_is_left_to_the_converter():
    assert opening_sentence("word " * 100 + "end.", 200) is None


_PIECES = st.sampled_from([
    "word", "Word", "Dr.", "U.S.", "J.", "1.5", "2.5", "e.g.", ".", "!", "?", "...", "…",
    '"', "”", ")", "(", "*", "_", "[a](https://x.example/)", "<b>", "&amp;", "--", "-",
    "1.", "#", ">", "=", "\n", "\n\n", "  ", " ", "。", "'", "c.", "Inc."])


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_PIECES, min_size=1, max_size=40))
def test_the_quick_reading_never_disagrees_with_the_converted_line(pieces):
    summary = " ".join(pieces)
    quick = opening_sentence(summary, 60)
    if quick is not None:
        assert _same_quotes(quick) == _same_quotes(SummaryText().lede_text(summary))


# Mostly prose, so that most openings are read as written (the pieces above mostly are not).
_PROSE_PIECES = st.sampled_from([
    "word", "Word", "a", "3", "Dr.", "U.S.", "J.", "1.5", "2026.", "e.g.", "c.", "Inc.", "ok.",
    ".", "!", "?", "…", '"', "”", ")", "(", "(see", "it.)", '"Hi."', "“x”", "‘y’", "don't",
    "'90s", "-", "+", "1.", "。", "\n", "\n\n", "    ", "\t"])


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_PROSE_PIECES, min_size=1, max_size=60))
def test_the_quick_reading_of_prose_agrees_with_the_converted_line(pieces):
    summary = " ".join(pieces)
    quick = opening_sentence(summary, 60)
    if quick is not None:
        assert _same_quotes(quick) == _same_quotes(SummaryText().lede_text(summary))
