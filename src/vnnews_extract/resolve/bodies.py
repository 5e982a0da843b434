"""The names of bodies as regex fragments: organisations, committees, issuing bodies.

Shared by the documents extractor (issuers: "của Bộ Tài chính"), the officials extractor (the body
in a title: "Chủ tịch UBND tỉnh Bình Định") and the organizations extractor. A body is a head word
from data/org_heads.tsv ("Bộ", "UBND", "Tỉnh ủy", "Thủ tướng Chính phủ") followed by its name:
capitalised words, acronyms, and the lower-case words of data/body_words.tsv ("nhân dân", "tỉnh",
"chính" in "Tài chính").
"""

from __future__ import annotations

from functools import cache

from ..lexicon import alternation, read_tsv, words

WORDS = "body_words.tsv"

# A capitalised word or acronym; a final dot only on short all-caps abbreviations ("TP.", "TX."),
# not on a sentence end; "&" and "-" may join parts ("LĐTB&XH", "TT-Huế").
UPPER_WORD = r"(?:\p{Lu}[\w'’&]*(?:[.-]\p{Lu}[\w'’&]*)*(?:(?<=(?<!\w)\p{Lu}{1,3})\.)?)"


@cache
def heads(offices: bool = True) -> str:
    """Alternation of the head words that open a body's name; ``offices=False`` leaves out the
    title heads ("Thủ tướng", "Chủ tịch") that name an issuer but never an organisation."""
    return alternation(row["head"] for row in read_tsv("org_heads.tsv") if offices or row["kind"] != "office")


@cache
def inner_words() -> str:
    return alternation(words(WORDS, "inner"))


@cache
def place_levels() -> str:
    return alternation(words(WORDS, "place_level"))


def body(excluded: str = r"(?!)", offices: bool = True) -> str:
    """One body: its head and name words; ``excluded`` is a pattern no name word may start with
    (the documents extractor keeps "Thông tư" out of an issuer's name)."""
    name_word = rf"(?!{excluded}(?!\w)){UPPER_WORD}"
    tail = (
        rf"(?:\s+(?:{name_word}|{inner_words()}(?!\w)|\(nay là [^()]{{1,40}}\))"
        rf"|\s+(?:và|-|–)\s+{name_word})*"  # "Bộ Kế hoạch và Đầu tư", "Sở Văn hóa - Thể thao"
    )
    number = r"(?:\s+\d{1,3}(?![\d.,/]))?"  # "Quân khu 5", "Sư đoàn 3 Sao Vàng", "Vụ 3"
    return rf"{heads(offices)}(?!\w){number}{tail}"


def bodies(excluded: str = r"(?!)") -> str:
    """Bodies listed with commas, kept together: "Bộ Tư pháp, Bộ Công an, Tòa án nhân dân tối cao"."""
    one = body(excluded)
    return rf"{one}(?:,\s+{one})*"
