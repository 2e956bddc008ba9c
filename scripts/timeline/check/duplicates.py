"""Spot events that are probably one event written down twice.

Two events are *likely duplicates* when their dates lie within ``WINDOW`` of each other
and either their titles read nearly the same, or they cite exactly the same articles and
their titles are alike. Titles that each name something the other does not ("Claude Opus
4.7" and "Claude Opus 4.8", "Jasper Research raises ..." and "Tidal Labs raises ...") are
different events however alike the rest reads. The validator warns about each such pair
once; a contributor settles it with ``duplicate_of`` (same event) or ``related``
(different events).

Only events close in time are compared: the events are swept in date order, each against
those whose date ends at most ``WINDOW`` before it starts and that share enough of its
title's words or all its sources, found through an index of the window's words; ten
thousand events cost some thirty thousand close comparisons rather than fifty million.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from difflib import SequenceMatcher
from itertools import chain
from typing import Any

WINDOW = timedelta(days=31)
SIMILAR_TITLES = 0.85  # nearly the same words: a duplicate on its own
SIMILAR_TITLES_SAME_SOURCES = 0.7  # alike, and resting on exactly the same articles
SHARED_WORDS = 0.5  # titles that share fewer of their words are never "nearly the same"
MISSPELT = 0.8  # two names this alike are one name, misspelt: "Acme Lbs", "Acme Labs"
TITLE_CASE = 0.6  # above this share of capitalised words, capitals say nothing about names

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


def title_names(title: str) -> frozenset[str]:
    """The names and numbers in a title, lower-cased: its capitalised words (unless the
    whole title is capitalised, Like This) and every word with a digit."""
    words = [word.removesuffix("'s").removesuffix("’s")
             for word in _WORD.findall(unicodedata.normalize("NFKC", title))]
    capitalised = [word for word in words if word[:1].isupper()]
    title_case = len(capitalised) > TITLE_CASE * len(words)
    names = {word.casefold() for word in words if _has_a_digit(word)
             or (word[:1].isupper() and not title_case)}
    return frozenset(names - _STOP_WORDS)


def title_similarity(first: str, second: str) -> float:
    """0 (nothing alike) to 1 (the same words), comparing the sorted words letter by letter,
    so "Google forms a coding team" and "Coding team formed by Google" score high."""
    return _ratio(" ".join(title_words(first)), " ".join(title_words(second)))


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
    names: frozenset[str] = field(init=False, repr=False, compare=False)
    text: str = field(init=False, repr=False, compare=False)  # the sorted words

    def __post_init__(self) -> None:
        # Worked out once per event, not once per comparison.
        words = title_words(self.title)
        object.__setattr__(self, "words", frozenset(words))
        object.__setattr__(self, "names", title_names(self.title))
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
    window = _Window()
    for current in sorted(candidates, key=lambda c: (c.first_day, c.path)):
        window.leave_before(current.first_day)
        for other in window.alike(current):
            pair = _compare(other, current)
            if pair is not None:
                found.append(pair)
        window.enter(current)
    found.sort(key=lambda pair: (pair.later.path, pair.earlier.path))
    return found


class _Window:
    """The events met so far whose dates end at most ``WINDOW`` before the current one
    starts, indexed by title word and by sources.

    A window holds a few hundred events (an event dated to a year stays in it for the
    year); looking up the current title's words finds the few that share enough of them,
    instead of intersecting its words with every event of the window.
    """

    def __init__(self) -> None:
        self.members: dict[int, tuple[Candidate, int]] = {}  # number: (event, its words)
        self.by_word: dict[str, set[int]] = {}
        self.by_sources: dict[frozenset[str], set[int]] = {}
        self.ends: list[tuple[date, int]] = []  # a heap: the next to leave first
        self.entered = 0

    def enter(self, candidate: Candidate) -> None:
        number, self.entered = self.entered, self.entered + 1
        self.members[number] = (candidate, len(candidate.words))
        for word in candidate.words:
            self.by_word.setdefault(word, set()).add(number)
        if candidate.source_urls:
            self.by_sources.setdefault(candidate.source_urls, set()).add(number)
        heapq.heappush(self.ends, (candidate.last_day + WINDOW, number))

    def leave_before(self, day: date) -> None:
        """Drop the events whose date ends more than ``WINDOW`` before ``day``; days only
        grow during the sweep, so they never come back."""
        while self.ends and self.ends[0][0] < day:
            number = heapq.heappop(self.ends)[1]
            candidate, _ = self.members.pop(number)
            for word in candidate.words:
                _discard(self.by_word, word, number)
            if candidate.source_urls:
                _discard(self.by_sources, candidate.source_urls, number)

    def alike(self, candidate: Candidate) -> list[Candidate]:
        """The events of the window that share enough title words with ``candidate`` (a
        pair that shares none is never alike) or cite exactly the same sources."""
        shared = Counter(chain.from_iterable(self.by_word.get(word, ())
                                             for word in candidate.words))
        size = len(candidate.words)
        # An event that shares `count` words has at least that many, so sharing enough
        # (count * 2 >= SHARED_WORDS * (size + its words)) needs count * (2 - SHARED_WORDS)
        # >= SHARED_WORDS * size: most counts are below that, and are never looked at.
        close = set()
        for number, count in shared.most_common():
            if count * (2 - SHARED_WORDS) < SHARED_WORDS * size:
                break
            if count * 2 >= SHARED_WORDS * (size + self.members[number][1]):
                close.add(number)
        if candidate.source_urls:
            close |= self.by_sources.get(candidate.source_urls, set())
        return [self.members[number][0] for number in close]


def _discard(index: dict[Any, set[int]], key: Any, number: int) -> None:
    """Take ``number`` out of ``index[key]``, and the key with its last number."""
    numbers = index[key]
    numbers.discard(number)
    if not numbers:
        del index[key]


def _compare(other: Candidate, current: Candidate) -> LikelyDuplicate | None:
    if other.id in current.linked or current.id in other.linked:
        return None  # already known to each other as different events
    same_sources = bool(current.source_urls) and current.source_urls == other.source_urls
    threshold = SIMILAR_TITLES_SAME_SOURCES if same_sources else SIMILAR_TITLES
    if not _could_reach(other, current, threshold) or names_different_things(other, current):
        return None
    similarity = _ratio(other.text, current.text)
    if similarity < threshold:
        return None
    earlier, later = sorted((other, current), key=lambda c: c.path)
    return LikelyDuplicate(earlier, later,
                           same_sources=same_sources and similarity < SIMILAR_TITLES)


def _could_reach(first: Candidate, second: Candidate, threshold: float) -> bool:
    """Whether the letter-by-letter similarity could reach ``threshold`` at all."""
    if not first.text or not second.text:
        return False  # a title of stop words alone says nothing
    shorter, longer = sorted((len(first.text), len(second.text)))
    return 2 * shorter >= threshold * (shorter + longer)


def names_different_things(first: Candidate, second: Candidate) -> bool:
    """True when each title names something (a lab, a product, a version, a sum) that the
    other does not mention: "Claude Opus 4.7" and "Claude Opus 4.8" are two releases."""
    only_first = first.names - second.words
    only_second = second.names - first.words
    if not only_first or not only_second:
        return False  # one title only adds detail to the other
    return _has_a_name_not_in(only_first, only_second) \
        and _has_a_name_not_in(only_second, only_first)


def _has_a_name_not_in(names: frozenset[str], others: frozenset[str]) -> bool:
    """Whether some name is not among ``others``, even misspelt there ("DeepMnd")."""
    # Typos rarely change a name's first letter, so only those pairs are compared closely.
    return any(not any(name[0] == other[0] and _misspelt(name, other) for other in others)
               for name in names)


def _misspelt(first: str, second: str) -> bool:
    """One name written two ways ("Acme Lbs", "Acme Labs"); never two numbers."""
    if abs(len(first) - len(second)) > 2 or min(len(first), len(second)) < 4 \
            or _has_a_digit(first) or _has_a_digit(second):
        return False
    return SequenceMatcher(None, first, second, autojunk=False).ratio() >= MISSPELT


def _has_a_digit(word: str) -> bool:
    # Most words are letters only, which no digit is: answered without a loop.
    return not word.isalpha() and any(character.isdigit() for character in word)
