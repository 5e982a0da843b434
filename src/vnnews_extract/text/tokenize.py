"""Word tokenisation with underthesea's CRF segmenter, keeping character offsets.

underthesea's ``word_tokenize`` returns strings without offsets and splits document numbers
("18-NQ/TW" -> five tokens). We run its own pre-tokeniser regex ourselves (so every syllable keeps
its offsets), put our protected codes in front of it so they stay single tokens, and ask its CRF
model only for the word boundaries (B-W / I-W). The model ships inside the underthesea wheel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ..resolve.document_numbers import CODE_PATTERN


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the normalised text: ``text == normalized[start:end]``."""

    text: str
    start: int
    end: int


class WordTokenizer:
    """Loads underthesea's segmenter once; ``tokenize`` is then cheap to call per sentence."""

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        from underthesea.pipeline.word_tokenize.regex_tokenize import regex_patterns

        combined = "|".join([f"(?P<protected>(?-x:{CODE_PATTERN}))", *regex_patterns])
        return re.compile(combined, re.VERBOSE | re.UNICODE)

    @cached_property
    def _model(self) -> tuple[Any, Any]:
        import underthesea.pipeline.word_tokenize as ws
        from underthesea_core import CRFFeaturizer, CRFTagger

        model_dir = Path(ws.__file__).parent / "models" / "ws_crf_vlsp2013_20230727"
        import joblib

        tagger = CRFTagger()
        tagger.load(str(model_dir / "models.bin"))
        featurizer = CRFFeaturizer(
            joblib.load(model_dir / "features.bin"), joblib.load(model_dir / "dictionary.bin")
        )
        return featurizer, tagger

    def tokenize(self, text: str, start: int = 0, end: int | None = None) -> list[Token]:
        """Words of ``text[start:end]`` with offsets into ``text``."""
        pieces: list[tuple[int, int, bool]] = [
            (m.start(), m.end(), m.lastgroup == "protected")
            for m in self._pattern.finditer(text, start, len(text) if end is None else end)
        ]
        if not pieces:
            return []
        featurizer, tagger = self._model
        tags = tagger.tag(featurizer.process([[[text[a:b]] for a, b, _ in pieces]])[0])
        words: list[Token] = []
        previous_protected = True
        for (a, b, protected), tag in zip(pieces, tags, strict=True):
            joins = tag == "I-W" and not protected and not previous_protected
            if joins:
                a = words.pop().start
            words.append(Token(text[a:b], a, b))
            previous_protected = protected
        return words
