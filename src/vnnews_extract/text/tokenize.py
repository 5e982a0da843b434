"""Word tokenisation with underthesea's CRF segmenter, keeping character offsets.

underthesea's ``word_tokenize`` returns strings without offsets and splits document numbers
("18-NQ/TW" -> five tokens). We run its own pre-tokeniser regex ourselves (so every syllable keeps
its offsets), put our protected codes in front of it so they stay single tokens, and ask its CRF
model only for the word boundaries (B-W / I-W). The model ships inside the underthesea wheel.

Two of its patterns (URL and e-mail, from NLTK) are replaced by linear twins: they were retried at
every position of a run like "1-1-1-…" (quadratic) and nested quantifiers in the URL path backtracked
exponentially on "http://....". The twins start only where a run of their characters starts and
scan each path character once. On the 2,088 corpus articles they give the same tokens except in 4
capitalised web addresses, where NLTK's took the tail of "Dantri.com.vn" as a URL "com.vn" after
"Dantri" and the twins leave it as words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ..resolve.document_numbers import CODE_PATTERN
from .normalize import modern_tones

_URL_PUNCT = r"""`!\[\]{};:'".,<>?«»“”‘’"""
_PAREN = r"\([^\s()]*+\)"
LINEAR_PATTERNS = {
    "url": rf"""(?P<url>
        (?<![a-z0-9.\-])                              # starts a run: never rescanned from inside it
        (?: (?:ftp|http)s?:(?:/{{1,3}}|[a-z0-9%]) | [a-z0-9.\-]+[.][a-z]{{2,13}}/ )
        (?: [^\s()<>{{}}\[\]] | {_PAREN} )+              # path: one character or (…) at a time
        (?<![{_URL_PUNCT}])                            # not ending on punctuation
      | (?<![a-z0-9.\-@]) [a-z0-9]+ (?:[.\-][a-z0-9]+)* [.][a-z]{{2,13}} \b /? (?!@)   # naked domain
    )""",
    "email": r"(?P<email>(?<![a-zA-Z0-9_.+-])[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+)",
}


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

        patterns = [LINEAR_PATTERNS.get(_group_name(p), p) for p in regex_patterns]
        combined = "|".join([f"(?P<protected>(?-x:{CODE_PATTERN}))", *patterns])
        return re.compile(combined, re.VERBOSE | re.UNICODE)

    @cached_property
    def _model(self) -> tuple[Any, Any]:
        import joblib  # with the model: importing this module stays cheap
        from underthesea_core import CRFFeaturizer, CRFTagger

        tagger = CRFTagger()
        tagger.load(str(_model_dir() / "models.bin"))
        featurizer = CRFFeaturizer(joblib.load(_model_dir() / "features.bin"), self._dictionary)
        return featurizer, tagger

    @cached_property
    def _dictionary(self) -> set[str]:
        import joblib

        dictionary: set[str] = joblib.load(_model_dir() / "dictionary.bin")
        return dictionary

    def is_word(self, words: str) -> bool:
        """``words`` (lower case, syllables separated by one space) is a word of the segmenter's
        dictionary: "cộng hòa" is, "nội đề" is not."""
        return words in self._dictionary or modern_tones(words) in self._dictionary

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


def _model_dir() -> Path:
    import underthesea.pipeline.word_tokenize as ws  # imported when the model is first needed

    return Path(ws.__file__).parent / "models" / "ws_crf_vlsp2013_20230727"


def _group_name(pattern: str) -> str:
    """"url" for underthesea's "(?P<url>…)" pattern."""
    return pattern[4 : pattern.index(">")] if pattern.startswith("(?P<") else ""
