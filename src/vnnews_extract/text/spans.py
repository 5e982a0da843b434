"""Interval queries the extractors share, each in O(log n), so no rule compares every mention with
every other one (hostile articles have tens of thousands of candidates)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate
from typing import TypeVar

T = TypeVar("T")
Span = tuple[int, int]


class SpanSet:
    """A fixed set of half-open spans that answers "does [start, end) overlap one of them?"."""

    def __init__(self, spans: Iterable[Span]):
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(accumulate((end for _, end in ordered), max))  # furthest end so far

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect_left(self._starts, end)  # the spans that start before ``end``
        return before > 0 and self._reach[before - 1] > start


def longest_first(items: Iterable[T], span: Callable[[T], Span]) -> list[T]:
    """Non-overlapping items chosen greedily, longer before shorter, earlier before later (and in
    input order on ties); returned in text order."""
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[T] = []
    for item in sorted(items, key=lambda it: (span(it)[0] - span(it)[1], span(it)[0])):
        start, end = span(item)
        before = bisect_left(starts, end)
        # chosen spans are disjoint, so the last one starting before ``end`` reaches furthest
        if before and ends[before - 1] > start:
            continue
        at = bisect_left(starts, start)
        starts.insert(at, start)
        ends.insert(at, end)
        chosen.insert(at, item)
    return chosen


def outermost(items: Iterable[T], span: Callable[[T], Span]) -> list[T]:
    """Items not inside another item's span (of identical spans the first one), in text order."""
    kept: list[T] = []
    reach = -1
    for item in sorted(items, key=lambda it: (span(it)[0], -span(it)[1])):
        if span(item)[1] <= reach:
            continue
        kept.append(item)
        reach = span(item)[1]
    return kept


def whole_words(text: str, needle: str, start: int, end: int) -> Iterator[Span]:
    """Occurrences of ``needle`` in ``text[start:end]`` not glued to a letter or digit: a plain
    search for the few names an article introduces, with no regex to build per article."""
    position = text.find(needle, start, end)
    while position >= 0:
        after = position + len(needle)
        glued = (position > 0 and text[position - 1].isalnum()) or (after < len(text) and text[after].isalnum())
        if not glued:
            yield position, after
        position = text.find(needle, after, end)
