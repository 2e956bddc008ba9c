"""The likely-duplicate search finds through its word index exactly the pairs that the plain
sweep finds by comparing each event with every event of its window."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import PROPERTY
from timeline.check.duplicates import (
    SHARED_WORDS,
    WINDOW,
    Candidate,
    LikelyDuplicate,
    _compare,
    find_likely_duplicates,
)


def plain_sweep(candidates: list[Candidate]) -> list[LikelyDuplicate]:
    """The definition: in date order, each event against every earlier one whose date ends
    at most WINDOW before it starts, when they share enough words or all their sources."""
    found = []
    ordered = sorted(candidates, key=lambda c: (c.first_day, c.path))
    for index, current in enumerate(ordered):
        for other in ordered[:index]:
            if other.last_day + WINDOW < current.first_day:
                continue
            shares_words = len(current.words & other.words) * 2 >= SHARED_WORDS * (
                len(current.words) + len(other.words))
            same_sources = bool(current.source_urls) \
                and current.source_urls == other.source_urls
            if (shares_words or same_sources) \
                    and (pair := _compare(other, current)) is not None:
                found.append(pair)
    found.sort(key=lambda pair: (pair.later.path, pair.earlier.path))
    return found


# Few words and few sources, so that titles and sources often coincide.
WORDS = ["Google", "DeepMind", "forms", "a", "coding", "team", "DeepMnd", "Claude", "Opus",
         "4.7", "4.8", "raises", "$2", "billion", "the", "Tidal", "Labs", "ships", "agent"]
START = date(2026, 1, 1)


@st.composite
def candidates(draw: st.DrawFn) -> list[Candidate]:
    found = []
    for number in range(draw(st.integers(0, 25))):
        first = START + timedelta(days=draw(st.integers(0, 150)))
        last = first + timedelta(days=draw(st.sampled_from([0, 0, 0, 29, 364])))
        title = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=0, max_size=7)))
        urls = frozenset(draw(st.lists(st.sampled_from(["u1", "u2", "u3"]), max_size=2)))
        linked = frozenset(draw(st.lists(st.sampled_from([f"e{n}" for n in range(number)]),
                                         max_size=1))) if number else frozenset()
        found.append(Candidate(f"{number:02d}.yaml", f"e{number}", title, first, last,
                               urls, linked))
    return found


def pairs(found: list[LikelyDuplicate]) -> list[tuple[str, str, bool]]:
    return [(pair.earlier.path, pair.later.path, pair.same_sources) for pair in found]


@PROPERTY
@given(candidates=candidates())
def test_the_index_finds_what_the_plain_sweep_finds(candidates):
    assert pairs(find_likely_duplicates(candidates)) == pairs(plain_sweep(candidates))


def test_an_event_leaves_the_window_when_its_date_has_ended_long_enough_before():
    day = date(2026, 1, 1)
    first = Candidate("a.yaml", "a", "Google forms a coding team", day, day)
    within = Candidate("b.yaml", "b", "Google forms a coding team", day + WINDOW, day + WINDOW)
    later = day + WINDOW + timedelta(days=1)
    after = Candidate("c.yaml", "c", "Google forms a coding team", later, later)

    assert pairs(find_likely_duplicates([after, within, first])) == [
        ("a.yaml", "b.yaml", False), ("b.yaml", "c.yaml", False)]
