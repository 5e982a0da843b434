"""Paragraph and sentence segmentation over the normalised text.

Paragraphs are split on line breaks first: a headline line without a full stop is its own segment
(underthesea's sent_tokenize would glue it to the next paragraph). Sentences end at . ! ? … (with
closing quotes or brackets) before a capital, digit, quote or bracket, except after abbreviations
such as "TP.", "TX.", "GS." or initials ("Nguyễn Văn A.").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

_LINE = regex.compile(r"[^\n]+")
_SENTENCE_END = regex.compile(
    r"""
    (?<! (?<![/-])\b\p{Lu}{1,4}\.? )  # not after "TP." "TX." "GS.TS." "A." (abbreviations, initials),
                                     # but after the symbol of a document number ("18-NQ/TW. Theo …")
    (?<! \b(?:Tp|Th|Ts|Bs|Ths|St|Mr|Ms|Dr) )
    (?<! [.!?…] )                      # a terminator run is tried once, from its first mark
    [.!?…]++ [\"”’'»)\]]*+         # the terminator (possessive: "..." and "." overlapped and a
                                     # failed lookahead retried every split of a dot run)
    (?= \s+ [\p{Lu}\d\"“‘'«(\[*-] )    # followed by a new sentence
    """,
    regex.VERBOSE,
)


def paragraphs(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Non-blank lines of ``text[start:end]``, trimmed of surrounding white space."""
    for match in _LINE.finditer(text, start, len(text) if end is None else end):
        a, b = _trim(text, match.start(), match.end())
        if a < b:
            yield a, b


def sentences(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans inside ``spans`` (e.g. the article's content spans), in text order."""
    found: list[tuple[int, int]] = []
    for span_start, span_end in spans:
        for para_start, para_end in paragraphs(text, span_start, span_end):
            found.extend(_split(text, para_start, para_end))
    return found


def _split(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        a, b = _trim(text, cursor, match.end())
        if a < b:
            yield a, b
        cursor = match.end()
    a, b = _trim(text, cursor, end)
    if a < b:
        yield a, b


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
