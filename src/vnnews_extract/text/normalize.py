"""Normalisation for matching, with an exact map back to the caller's text.

Extractors match on a normalised copy (NFC, Đ look-alikes folded, one dash, one space, no
zero-width characters, traditional tone placement) but every span they report is mapped back to the
original string, so normalisation never leaks into offsets or into a record's ``text``.

The map is stored as anchors: boundary ``i`` of the normalised text corresponds to boundary
``src[k] + (i - norm[k])`` of the source, where ``k`` is the last anchor with ``norm[k] <= i``.
Text that is already NFC and free of zero-width characters (nearly all news) needs one anchor.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

import regex

# Lone surrogates (JSON "\\ud800" escapes, surrogateescape decoding) have no UTF-8 form: they break the
# underthesea tokenizer and cannot be stored as Arrow strings. U+FFFD is one character too.
_SURROGATE_FOLDS = dict.fromkeys(range(0xD800, 0xE000), "\ufffd")

# Same-length character folds: Đ look-alikes (str.lower maps Ð to ð, so fold first), dash and
# space variants, lone surrogates.
_CHAR_FOLDS = str.maketrans(
    {
        "\u00d0": "\u0110",  # Ð (Eth) -> Đ
        "\u0189": "\u0110",  # Ɖ -> Đ
        "\u00f0": "\u0111",  # ð -> đ
        "\u0256": "\u0111",  # ɖ -> đ
        **{chr(c): "-" for c in range(0x2010, 0x2016)},
        "\u2212": "-",
        "\u00a0": " ",
        **{chr(c): " " for c in range(0x2000, 0x200B)},
        "\u202f": " ",
        "\u205f": " ",
        "\u3000": " ",
    }
) | _SURROGATE_FOLDS


# Characters that vanish: zero-width spaces/joiners, word joiner, BOM, soft hyphen.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

# A base character with combining marks, or an invisible character: the only places where the
# normalised text can differ in length from the source.
_IRREGULAR = regex.compile(rf"\P{{M}}\p{{M}}+|\p{{M}}+|[{_INVISIBLE}]")

# Old-style ("new rule") tone placement on oa/oe/uy with no final consonant: hoà -> hòa, thuỷ -> thủy.
# Only when the pair ends the syllable: "hoàn", "thuyết" have one spelling only.
_TONE_PAIRS = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_TONE_PAIRS |= {old.capitalize(): new.capitalize() for old, new in _TONE_PAIRS.items()}
_TONE_PAIRS |= {old.upper(): new.upper() for old, new in _TONE_PAIRS.items()}
# "qu" + y is a consonant + vowel, not the vowel pair uy ("quý" is already traditional).
_OLD_TONE = regex.compile(r"(?<![qQ])(?:" + "|".join(_TONE_PAIRS) + r")(?!\p{L})")
# With a final consonant only the second vowel carries the tone ("hoạt", "đoạn"); "họat", "đọan"
# are misspellings of them.
_MISPLACED_TONE = regex.compile(r"(?<![qQ])(?:" + "|".join(_TONE_PAIRS.values()) + r")(?=\p{L})")
_MISPLACED_PAIRS = {new: old for old, new in _TONE_PAIRS.items()}


@dataclass(frozen=True)
class NormalizedText:
    """A normalised copy of ``source`` and the map from its boundaries back to the source."""

    source: str
    text: str
    _norm_anchors: tuple[int, ...] = (0,)
    _src_anchors: tuple[int, ...] = (0,)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text to the source text."""
        src_start = self._boundary(start)
        return src_start, max(src_start, self._boundary(end))

    def source_text(self, start: int, end: int) -> tuple[str, int, int]:
        """The source substring for a normalised span, with its source offsets."""
        src_start, src_end = self.to_source(start, end)
        return self.source[src_start:src_end], src_start, src_end

    def from_source(self, index: int) -> int:
        """The boundary of the normalised text at source boundary ``index`` (facts of one extractor
        are in source offsets; another matching on the normalised text may need them there)."""
        k = bisect_right(self._src_anchors, index) - 1
        limit = self._norm_anchors[k + 1] if k + 1 < len(self._norm_anchors) else len(self.text)
        return min(self._norm_anchors[k] + index - self._src_anchors[k], limit)

    def _boundary(self, index: int) -> int:
        k = bisect_right(self._norm_anchors, index) - 1
        return min(self._src_anchors[k] + index - self._norm_anchors[k], len(self.source))


def normalize(source: str) -> NormalizedText:
    """Normalise ``source`` for matching; see the module docstring for what changes."""
    composed: str = source
    norm_anchors: tuple[int, ...] = (0,)
    src_anchors: tuple[int, ...] = (0,)
    if not unicodedata.is_normalized("NFC", source) or any(ch in source for ch in _INVISIBLE):
        composed, norm_anchors, src_anchors = _compose(source)
    folded = composed.translate(_CHAR_FOLDS)
    if _OLD_TONE.search(folded):
        folded = _OLD_TONE.sub(lambda m: _TONE_PAIRS[m.group()], folded)
    if _MISPLACED_TONE.search(folded):
        folded = _MISPLACED_TONE.sub(lambda m: _MISPLACED_PAIRS[m.group()], folded)
    return NormalizedText(source, folded, norm_anchors, src_anchors)


# The other way: underthesea's dictionary spells "cộng hoà", "thuỷ" (tone on the first vowel).
_TRADITIONAL_TONE = regex.compile(r"(?<![qQ])(?:" + "|".join(_TONE_PAIRS.values()) + r")(?!\p{L})")


def modern_tones(text: str) -> str:
    """``text`` with the tone on the first vowel of a final oa/oe/uy ("hòa" -> "hoà"), as the
    segmenter's dictionary writes words."""
    return str(_TRADITIONAL_TONE.sub(lambda m: _MISPLACED_PAIRS[m.group()], text))


def without_surrogates(text: str) -> str:
    """``text`` with U+FFFD for each lone surrogate: the same length, so offsets still hold."""
    return text.translate(_SURROGATE_FOLDS)


def _compose(source: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """NFC per grapheme-like cluster, dropping invisible characters, recording anchors."""
    parts: list[str] = []
    norm_anchors = [0]
    src_anchors = [0]
    norm_pos = src_pos = 0
    for match in _IRREGULAR.finditer(source):
        plain = source[src_pos : match.start()]
        parts.append(plain)
        norm_pos += len(plain)
        cluster = match.group()
        out = "" if cluster in _INVISIBLE else unicodedata.normalize("NFC", cluster)
        parts.append(out)
        norm_pos += len(out)
        src_pos = match.end()
        norm_anchors.append(norm_pos)
        src_anchors.append(src_pos)
    parts.append(source[src_pos:])
    return "".join(parts), tuple(norm_anchors), tuple(src_anchors)
