"""Loading one untrusted YAML file: plain data, positions, and a diagnostic for the rest."""

from __future__ import annotations

import pytest

from timeline.read.load import MAX_FILE_BYTES, Position, load_bytes, load_file


def load(text: str):
    return load_bytes(text.encode("utf-8"), "events/2026/x.yaml")


def test_a_mapping_loads_as_plain_data():
    document, problems = load('title: "A"\nactors:\n  - gemini\napproximate: true\n')

    assert problems == []
    assert document.data == {"title": "A", "actors": ["gemini"], "approximate": True}


def test_positions_of_keys_and_values_are_1_based():
    document, _ = load('title: "A"\nsources:\n  - title: "B"\n    url: "https://x.org"\n')

    assert document.key_position(("sources",)) == Position(2, 1)
    assert document.value_position(("sources", 0)) == Position(3, 5)
    assert document.key_position(("sources", 0, "url")) == Position(4, 5)
    assert document.value_position(("sources", 0, "url")) == Position(4, 10)


def test_a_position_of_a_missing_path_falls_back_to_its_nearest_parent():
    document, _ = load('title: "A"\nsources:\n  - title: "B"\n')

    assert document.value_position(("sources", 0, "url")) == Position(3, 5)


def test_unquoted_dates_stay_text_as_written():
    document, _ = load("date: 2026-04-21\nend: 2026-04\n")

    assert document.data == {"date": "2026-04-21", "end": "2026-04"}
    assert document.scalar_types[("date",)] == "date"


def test_yaml_readings_of_scalars_are_remembered_with_their_source_text():
    document, _ = load("title: no\nsummary: 3.10\n")

    assert document.data == {"title": False, "summary": 3.1}
    assert (document.scalar_types[("title",)], document.scalar_sources[("title",)]) == (
        "boolean", "no")
    assert (document.scalar_types[("summary",)], document.scalar_sources[("summary",)]) == (
        "number", "3.10")


def test_a_byte_order_mark_is_ignored():
    document, problems = load_bytes('\ufefftitle: "A"\n'.encode(), "x.yaml")

    assert problems == []
    assert document.data == {"title": "A"}


def test_a_duplicate_key_keeps_the_first_value_and_reports_the_second():
    document, problems = load('title: "First"\ntitle: "Second"\n')

    assert document.data == {"title": "First"}
    assert [p.format_text() for p in problems] == [
        'events/2026/x.yaml:2:1: error: duplicate key "title" (first written at line 1); '
        "keep one of them [EVT008]"]


def test_a_python_tag_is_refused_without_running_anything(tmp_path):
    marker = tmp_path / "ran"

    document, problems = load(f'title: !!python/object/apply:os.system ["touch {marker}"]\n')

    assert document is None
    assert [p.code for p in problems] == ["EVT006"]
    assert not marker.exists()


def test_an_alias_bomb_stops_at_the_budget():
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for name, previous in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")

    document, problems = load("\n".join(lines) + "\n")

    assert document is None
    assert [p.code for p in problems] == ["EVT007"]


def test_a_few_aliases_are_expanded():
    document, problems = load('title: &t "Same"\nsummary: *t\n')

    assert problems == []
    assert document.data == {"title": "Same", "summary": "Same"}


def test_nesting_deeper_than_the_limit_is_refused():
    document, problems = load("title: " + "[" * 40 + "]" * 40 + "\n")

    assert document is None
    assert [p.format_text() for p in problems] == [
        "events/2026/x.yaml:1:39: error: the YAML nests deeper than 32 levels; event files "
        "need only a few [EVT007]"]


def test_a_mapping_as_a_key_is_refused():
    document, problems = load("? {a: 1}\n: value\n")

    assert document is None
    assert [p.format_text() for p in problems] == [
        "events/2026/x.yaml:1:3: error: a key must be plain text, not a list or mapping "
        "[EVT004]"]


def test_a_comment_only_file_is_empty():
    document, problems = load("# nothing yet\n")

    assert document is None
    assert [p.code for p in problems] == ["EVT004"]


def test_a_file_at_the_size_limit_is_read(tmp_path):
    file = tmp_path / "2026-04-big.yaml"
    head = 'title: "'
    file.write_text(head + "x" * (MAX_FILE_BYTES - len(head) - 2) + '"\n', encoding="utf-8")

    document, problems = load_file(file, "big.yaml")

    assert problems == []
    assert len(document.data["title"]) == MAX_FILE_BYTES - len(head) - 2


def test_a_file_over_the_size_limit_is_not_read(tmp_path):
    file = tmp_path / "2026-04-big.yaml"
    file.write_bytes(b"#" * (MAX_FILE_BYTES + 1))

    document, problems = load_file(file, "big.yaml")

    assert document is None
    assert [p.format_text() for p in problems] == [
        "big.yaml:1:1: error: file is 262,145 bytes; the limit is 262,144 bytes [EVT003]"]


LONE_SURROGATE = ("error: this text contains lone surrogate U+D83D, written as an escape "
                  "(\\uD83D or similar): half of a UTF-16 pair, no character on its own; "
                  "write the character itself, or its \\U escape of 8 hex digits "
                  "(\\U0001F600, not \\uD83D\\uDE00) [EVT002]")


def test_an_escaped_lone_surrogate_is_refused_at_its_text():
    document, problems = load('title: "A"\nsummary: "Launch \\ud83d"\n')

    assert document is None
    assert [p.format_text() for p in problems] == [f"events/2026/x.yaml:2:10: {LONE_SURROGATE}"]


def test_an_escaped_lone_surrogate_in_a_key_is_refused_at_the_key():
    document, problems = load('title: "A"\n"sum\\uD83Dmary": "B"\n')

    assert document is None
    assert [p.format_text() for p in problems] == [f"events/2026/x.yaml:2:1: {LONE_SURROGATE}"]


def test_the_bytes_of_a_surrogate_are_refused_as_invalid_utf8():
    # What UTF-8 would make of U+D83D, were it allowed (CESU-8 and WTF-8 write it so).
    document, problems = load_bytes(b'title: "\xed\xa0\xbd"\n', "x.yaml")

    assert document is None
    assert [p.format_text() for p in problems] == [
        "x.yaml:1:9: error: invalid UTF-8 (byte 0xED); save the file as UTF-8 [EVT002]"]


def test_an_escaped_character_beyond_the_surrogates_is_read():
    document, problems = load('title: "Launch \\U0001F680"\n')

    assert problems == []
    assert document.data == {"title": "Launch \U0001F680"}


# -- characters allowed in some places only (see text_policy.problem_in) ----------------


@pytest.mark.parametrize("text", [
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian, ZWNJ: می‌خواهم
    "\u0915\u094d\u200d\u0937",  # Hindi, ZWJ after a virama: क्‍ष
    "\u0915\u094d\u200c\u0937",  # Hindi, ZWNJ after a virama: क्‌ष
    "\U0001f469\u200d\U0001f4bb",  # woman technologist, an emoji ZWJ sequence: 👩‍💻
    "\U0001f469\U0001f3fd\u200d\U0001f4bb",  # with a skin-tone modifier before the ZWJ
    "\u2764\ufe0f",  # one variation selector, emoji presentation: ❤️
    "\u2764\ufe0f\u200d\U0001f525",  # heart on fire: ❤️‍🔥
    "\U0001f3f3\ufe0f\u200d\U0001f308",  # rainbow flag: 🏳️‍🌈
    "\u8fbb\U000e0100",  # one ideographic variation selector after a CJK ideograph
])
@pytest.mark.parametrize("quoting", ["{}", '"{}"', "'{}'"])
def test_joiners_and_a_single_variation_selector_are_allowed_where_they_belong(
        text, quoting):
    document, problems = load(f"title: {quoting.format(text)}\n")

    assert problems == []
    assert document.data == {"title": text}


@pytest.mark.parametrize(("escaped", "text"), [
    ("\\u2764\\uFE0F", "\u2764\ufe0f"),
    ("\\U0001F469\\u200D\\U0001F4BB", "\U0001f469\u200d\U0001f4bb"),
    ("\\u0645\\u06CC\\u200C\\u062E", "\u0645\u06cc\u200c\u062e"),
])
def test_joiners_and_a_variation_selector_written_as_escapes_are_allowed_too(escaped, text):
    document, problems = load(f'title: "{escaped}"\n')

    assert problems == []
    assert document.data == {"title": text}


@pytest.mark.parametrize(("text", "column", "code_point", "name"), [
    ("Claude\u200dCode", 14, "200D", "ZERO WIDTH JOINER"),  # between Latin letters
    ("\u200d\U0001f4bb", 8, "200D", "ZERO WIDTH JOINER"),  # at the start
    ("\u0645\u06cc\u200c", 10, "200C", "ZERO WIDTH NON-JOINER"),  # at the end
    ("\u0645 \u200c\u062e", 10, "200C", "ZERO WIDTH NON-JOINER"),  # after a space
    ("\U0001f469\u200dx", 9, "200D", "ZERO WIDTH JOINER"),  # an emoji, then a letter
])
def test_joiners_are_refused_anywhere_else(text, column, code_point, name):
    _, problems = load(f"title: {text}\n")

    assert [problem.format_text() for problem in problems] == [
        f"events/2026/x.yaml:1:{column}: error: invisible character U+{code_point} ({name}) "
        "is not allowed: it can hide or reorder text; delete it [EVT050]"]


def test_a_variation_selector_after_a_quote_mark_is_refused_where_it_is_written():
    _, problems = load('title: "\ufe0fx"\n')

    assert [problem.format_text() for problem in problems] == [
        "events/2026/x.yaml:1:9: error: invisible character U+FE0F (VARIATION SELECTOR-16) "
        "is not allowed: only one may follow a character, and a run of them can hide text; "
        "delete it [EVT050]"]
