"""Spot events that are probably one event written down twice.

Two events are *likely duplicates* when their dates lie within ``WINDOW`` of each other
and either their titles read nearly the same, or they cite exactly the same articles and
their titles are alike. Titles that name different numbers ("Claude Opus 4.7" and
"Claude Opus 4.8") are different events however alike the rest reads. The validator
warns about each such pair once; a contributor settles it with ``duplicate_of`` (same
event) or ``related`` (different events).

Only events close in time are compared: the events are swept in date order, each against
those whose date ends at most ``WINDOW`` before it starts, so ten thousand events cost a
few hundred thousand cheap comparisons rather than fifty million.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from difflib import SequenceMatcher

WINDOW = timedelta(days=31)
SIMILAR_TITLES = 0.85  # nearly the same words: a duplicate on its own
SIMILAR_TITLES_SAME_SOURCES = 0.7  # alike, and resting on exactly the same articles
SHARED_WORDS = 0.5  # titles that share fewer of their words are never "nearly the same"

_WORD = re.compile(r"\w+(?:[.'’]\w+)*")
# Words that say nothing about which event a title names.
_STOP_WORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in",
    "into", "is", "it", "its", "of", "on", "or", "that", "the", "to", "was", "were",
    "will", "with"))


def title_words(title: str) -> tuple[str, ...]:
    """The title's distinct meaningful words, sorted, so word order does not matter."""
    text = unicodedata.normalize("NFKC", title).casefold()
    words = {word.removesuffix("'s").removesuffix("’s") for word in _WORD.findall(text)}
    return tuple(sorted(words - _STOP_WORDS))


def title_similarity(first: str, second: str) -> float:
    """0 (nothing alike) to 1 (the same words), comparing the sorted words letter by letter,
    so "Google forms a coding team" and "Coding team formed by Google" score high."""
    return _ratio(" ".join(title_words(first)), " ".join(title_words(second)))


def _numbers(words: Iterable[str]) -> frozenset[str]:
    return frozenset(word for word in words if any(c.isdigit() for c in word))


def _ratio(first: str, second: str) -> float:
    if not first or not second:
        return 0.0  # a title of stop words alone says nothing
    return SequenceMatcher(None, first, second, autojunk=False).ratio()


@dataclass(frozen=True)
class Candidate:
    """What the comparison needs to know of one event."""

    path: str  # decides which of a pair is reported: the later path
    id: str
    title: str
    first_day: date
    last_day: date
    source_urls: frozenset[str] = frozenset()
    linked: frozenset[str] = frozenset()  # ids it names in `related`
    words: frozenset[str] = field(init=False, repr=False, compare=False)
    numbers: frozenset[str] = field(init=False, repr=False, compare=False)
    text: str = field(init=False, repr=False, compare=False)  # the sorted words

    def __post_init__(self) -> None:
        # Worked out once per event, not once per comparison.
        words = title_words(self.title)
        object.__setattr__(self, "words", frozenset(words))
        object.__setattr__(self, "numbers", _numbers(words))
        object.__setattr__(self, "text", " ".join(words))


@dataclass(frozen=True)
class LikelyDuplicate:
    """A pair to warn about, at ``later`` (by path), naming ``earlier``."""

    earlier: Candidate
    later: Candidate
    same_sources: bool  # True: flagged for its sources and a similar title


def find_likely_duplicates(candidates: Iterable[Candidate]) -> list[LikelyDuplicate]:
    """Every likely-duplicate pair, once, ordered by the later path, then the earlier."""
    found = []
    ordered = sorted(candidates, key=lambda c: (c.first_day, c.path))
    recent: list[Candidate] = []
    for current in ordered:
        recent = [c for c in recent if c.last_day + WINDOW >= current.first_day]
        matcher = SequenceMatcher(None, "", current.text, autojunk=False)
        for other in recent:
            pair = _compare(other, current, matcher)
            if pair is not None:
                found.append(pair)
        recent.append(current)
    found.sort(key=lambda pair: (pair.later.path, pair.earlier.path))
    return found


def _compare(other: Candidate, current: Candidate,
             matcher: SequenceMatcher) -> LikelyDuplicate | None:
    if other.id in current.linked or current.id in other.linked:
        return None  # already known to each other as different events
    same_sources = bool(current.source_urls) and current.source_urls == other.source_urls
    threshold = SIMILAR_TITLES_SAME_SOURCES if same_sources else SIMILAR_TITLES
    if not _could_reach(other, current, threshold, same_sources):
        return None
    matcher.set_seq1(other.text)
    similarity = matcher.ratio()
    if similarity < threshold:
        return None
    earlier, later = sorted((other, current), key=lambda c: c.path)
    return LikelyDuplicate(earlier, later,
                           same_sources=same_sources and similarity < SIMILAR_TITLES)


def _could_reach(first: Candidate, second: Candidate, threshold: float,
                 same_sources: bool) -> bool:
    """Cheap tests that rule out most pairs before the letter-by-letter comparison."""
    if not first.text or not second.text:
        return False  # a title of stop words alone says nothing
    if first.numbers and second.numbers and first.numbers != second.numbers:
        return False  # versions, counts, sums: different numbers, different events
    shorter, longer = sorted((len(first.text), len(second.text)))
    if 2 * shorter < threshold * (shorter + longer):
        return False  # even a perfect match of the shorter text falls below the bar
    if same_sources:
        return True
    shared = len(first.words & second.words)
    return 2 * shared >= SHARED_WORDS * (len(first.words) + len(second.words))
