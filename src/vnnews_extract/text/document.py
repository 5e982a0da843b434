"""The analysed article that every extractor shares: normalised once, segmented once, tokenised once."""

from __future__ import annotations

from collections.abc import Iterator
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
    def tokens(self) -> list[list[Token]]:
        """Words of each sentence, parallel to ``sentences``."""
        return [self.tokenizer.tokenize(self.text, a, b) for a, b in self.sentences]

    def sentence_tokens(self) -> Iterator[tuple[tuple[int, int], list[Token]]]:
        yield from zip(self.sentences, self.tokens, strict=True)
