"""Where a sentence ends in plain text, for the one sentence a listing shows of an event.

No library that is already a dependency splits sentences, and the rules a listing needs are
few: never end at an abbreviation, an initial, a number or an ellipsis, keep the closing
quote or bracket after the full stop, and end at Chinese 。！？ as well. Kept apart from
summary.py, which loads Markdown: the checker reads most summaries' first sentence as
written (``opening_sentence``) and needs no converter for them.
"""

from __future__ import annotations

import re

# Words that end in a full stop without ending the sentence: titles before a name, company
# forms, and the short forms of running text. Each as written here, or with a capital.
ABBREVIATIONS = frozenset({
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "Ft", "Gen", "Col", "Lt",
    "Sgt", "Capt", "Cmdr", "Adm", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "Inc", "Corp",
    "Co", "Ltd", "Bros", "Assn", "Dept", "Univ", "No", "Nos", "Vol", "Fig", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "c", "ca", "cf",
    "vs", "v", "al", "approx", "est", "p", "pp", "ed", "eds", "vol", "fig", "ch", "sec"})
# Punctuation that ends a sentence: a run of Latin marks (an ellipsis among them ends
# nothing), or Chinese and Japanese full-width marks, which need no space after them.
_TERMINATOR = re.compile(r"[.!?…]+|[。！？]+")
_FULL_WIDTH_ENDS = frozenset("。！？")
# Closing quotes and brackets that belong to the sentence they follow: `."`, `.”`, `.)`.
_CLOSERS = re.compile("[\"'”’»›)\\]}」』）》〉]{0,3}")
_OPENERS = frozenset("\"'“‘(«‹[¿¡「『（")
_DOTTED_WORD = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)*")
_HAS_WORD = re.compile(r"[^\W_]")
# How far past a sentence's end (its closers included) the decision looks: a space, a few
# opening quotes or brackets, and the first letter of what follows.
LOOKAHEAD = 6


def sentence_end(text: str) -> int | None:
    """Where the first sentence of a line of plain text ends (after its closing quotes and
    brackets), or None when none ends before the end of the text.

    A full stop, "!" or "?" ends a sentence when a space follows and the next word does
    not start in lowercase; a full stop after an abbreviation ("Dr.", "Inc.", "vs."), a
    single capital ("J.") or a dotted short form ("U.S.", "e.g.") ends none, nor does an
    ellipsis, and one inside a number ("1.5", "Gemini 2.5") has no space after it.
    Chinese 。！？ end a sentence wherever they stand.
    """
    for match in _TERMINATOR.finditer(text):
        run = match.group()
        end = _CLOSERS.match(text, match.end()).end()
        if not _HAS_WORD.search(text, 0, match.start()):
            continue  # punctuation before any word ends no sentence
        if run[0] in _FULL_WIDTH_ENDS:
            return end
        if ".." in run or "…" in run:
            continue
        if end == len(text):
            return end
        if not text[end].isspace():
            continue
        if run == "." and _abbreviation_before(text, match.start()):
            continue
        if _next_word_is_lowercase(text, end):
            continue
        return end
    return None


def first_sentence(line: str) -> str:
    """The first sentence of a line of plain text; the whole line when no sentence ends."""
    end = sentence_end(line)
    return line if end is None else line[:end].rstrip()


def _abbreviation_before(text: str, stop: int) -> bool:
    """Whether the word before the full stop at ``stop`` is an abbreviation."""
    start = stop
    while start > 0 and stop - start < 24 and (text[start - 1].isalpha()
                                               or text[start - 1] == "."):
        start -= 1
    word = text[start:stop]
    if not _DOTTED_WORD.fullmatch(word) or (start > 0 and text[start - 1].isalpha()):
        return False  # no word, or a long one
    if "." in word:  # U.S, e.g, i.e, a.m, Ph.D
        return all(len(part) <= 3 for part in word.split("."))
    if len(word) == 1 and word.isupper():  # an initial: J. R. R. Tolkien
        return True
    return word in ABBREVIATIONS or (word[0].isupper() and
                                     word[0].lower() + word[1:] in ABBREVIATIONS)


def _next_word_is_lowercase(text: str, position: int) -> bool:
    """Whether the text after ``position`` (spaces, then opening quotes or brackets) goes
    on with a lowercase letter: "c. late June", "e.g. the", a sentence still running."""
    index = position
    while index < len(text) and text[index].isspace():
        index += 1
    skipped = 0
    while index < len(text) and text[index] in _OPENERS and skipped < 3:
        index, skipped = index + 1, skipped + 1
    return index < len(text) and text[index].islower()


# What Markdown (with smarty) may change in a summary's opening, so that its plain line
# would not start with the summary's own words: markup and entities, dashes and ellipses,
# and, at a line's start, list items, quotes, headings and the underlines of headings.
_NOT_PLAIN = re.compile(r"[*_`\\\[\]<>&#|~=\x00-\x08\x0b-\x1f]|--|\.\.")
_BLOCK_MARK = re.compile(r"^[ \t]*(?:[-+]|\d+[.)])", re.MULTILINE)


def opening_sentence(summary: str, within: int) -> str | None:
    """The first sentence of the summary's plain line, read from the summary as written,
    or None when that cannot be done safely: its opening holds something Markdown changes,
    or no sentence ends within ``within`` characters.

    Converting every summary while checking was a build's worth of Markdown. Straight quotes
    are left as written (smarty curls them into as many characters, and sentences end alike
    after either), so the length is the plain line's.
    """
    head = summary[:within + 4 * LOOKAHEAD]
    if _NOT_PLAIN.search(head) or _BLOCK_MARK.search(head):
        return None
    line = " ".join(head.split())  # runs of spaces made one, as line() does
    end = sentence_end(line)
    if end is None or end > within or (len(head) < len(summary)
                                       and end + LOOKAHEAD + 2 > len(line)):
        return None
    return line[:end].rstrip()
