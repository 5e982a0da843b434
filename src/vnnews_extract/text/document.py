"""The analysed article that every extractor shares: normalised once, segmented once, tokenised once."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from .normalize import NormalizedText
from .segment import sentences
from .structure import Structure
from .tokenize import Token, WordTokenizer


@dataclass
class Document:
    """One article as the extractors see it.

    Extractors match on ``text`` (the normalised copy) and turn their spans into record offsets
    with ``source_span``. Sentences and tokens are computed on first use and then shared.
    """

    normalized: NormalizedText
    structure: Structure
    tokenizer: WordTokenizer = field(repr=False)
    published: date | None = None
    # What an extractor had to leave out and the user should know ("a number too large to read");
    # the pipeline adds these to Article.warnings.
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.normalized.text

    @property
    def source(self) -> str:
        return self.normalized.source

    def source_span(self, start: int, end: int) -> tuple[str, int, int]:
        """(source text, start, end) in the caller's string for a span of ``text``."""
        return self.normalized.source_text(start, end)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans of title, lead and body (page furniture excluded)."""
        return sentences(self.text, self.structure.content)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [start for start, _ in self.sentences]

    def sentence_at(self, position: int) -> int | None:
        """The index of the sentence holding ``position``, or None between sentences."""
        index = bisect_right(self._sentence_starts, position) - 1
        return index if index >= 0 and position < self.sentences[index][1] else None

    _words: dict[int, list[Token]] = field(default_factory=dict, repr=False)

    def word_after(self, index: int, position: int) -> int:
        """The index in ``words(index)`` of the first word that ends after ``position`` (the word
        holding it, or the next one), found by bisection rather than a scan from the sentence start."""
        return bisect_right(self.words(index), position, key=lambda token: token.end)

    def inside_word(self, index: int, position: int) -> bool:
        """``position`` falls strictly inside a word of sentence ``index`` ("ngoài" of "nước
        ngoài" is no approximation word; a name is whole words)."""
        words = self.words(index)
        at = self.word_after(index, position)
        return at < len(words) and words[at].start < position

    def words(self, index: int) -> list[Token]:
        """Words of sentence ``index``, segmented on first request and then kept: extractors ask
        only for the sentences they need, and no sentence is segmented twice."""
        if index not in self._words:
            start, end = self.sentences[index]
            self._words[index] = self.tokenizer.tokenize(self.text, start, end)
        return self._words[index]

    @property
    def tokens(self) -> list[list[Token]]:
        """Words of every sentence, parallel to ``sentences``."""
        return [self.words(index) for index in range(len(self.sentences))]
