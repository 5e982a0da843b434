from __future__ import annotations

import json
import re
import time

import pytest
from underthesea import word_tokenize

from tests.conftest import shared_file
from vnnews_extract.resolve.document_numbers import CODE_PATTERN
from vnnews_extract.text.tokenize import WordTokenizer


@pytest.fixture(scope="module")
def tokenizer() -> WordTokenizer:
    return WordTokenizer()


# Each code must come out as exactly one token.
KEPT_WHOLE = [
    "18-NQ/TW", "05-NQ/TU", "847-NQ/QUTW", "08-QĐi/TW", "18 - NQ/TW", "68/NQ-TW",
    "15/2020/NĐ-CP", "1234/QĐ-TTg", "916/NQ-UBTVQH13", "45/2019/QH14", "5588/BGDĐT-GDPT",
    "66.7/2025/NQ-CP", "1096/NQ- UBTVQH13", "30a/2019/QĐ-UBND",
    "25/10/2017", "1.999,62", "TX.", "TP.", "02/01/2020",
]


@pytest.mark.parametrize("code", KEPT_WHOLE)
def test_tokenize_keeps_codes_whole(tokenizer: WordTokenizer, code: str) -> None:
    sentence = f"Theo văn bản {code} của tỉnh"
    words = [t.text for t in tokenizer.tokenize(sentence)]
    assert code in words


@pytest.mark.parametrize(
    "sentence",
    [
        "Đảng bộ phường Hương Xuân hiện có 242 đảng viên, với 17 chi bộ trực thuộc.",
        "Phó Bí thư Thường trực Tỉnh ủy Phan Ngọc Thọ khẳng định, Hương Xuân phải nỗ lực nhiều hơn.",
        "Bác sĩ bây giờ có thể thản nhiên báo tin bệnh nhân bị ung thư",
    ],
)
def test_tokenize_matches_underthesea_on_plain_text(tokenizer: WordTokenizer, sentence: str) -> None:
    assert [t.text for t in tokenizer.tokenize(sentence)] == word_tokenize(sentence, use_token_normalize=False)


def test_tokenize_offsets_and_subrange(tokenizer: WordTokenizer) -> None:
    text = "Mở đầu.   Hương Xuân  có 242 đảng viên.\nHết"
    start = text.index("Hương")
    tokens = tokenizer.tokenize(text, start, text.index("\n"))
    assert tokens[0].start == start
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert "đảng viên" in [t.text for t in tokens]
    assert tokens[-1].end <= text.index("\n")


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "...", "3 - Hà Nội"])
def test_tokenize_no_code_from_plain_dash(tokenizer: WordTokenizer, text: str) -> None:
    tokens = tokenizer.tokenize(text)
    assert all("Hà" not in t.text or t.text == "Hà Nội" for t in tokens)
    assert all(text[t.start : t.end] == t.text for t in tokens)


def _pieces(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@pytest.fixture(scope="module")
def nltk_pattern() -> re.Pattern[str]:
    """The pre-tokeniser as underthesea ships it (quadratic URL and e-mail patterns included)."""
    from underthesea.pipeline.word_tokenize.regex_tokenize import regex_patterns

    return re.compile("|".join([f"(?P<protected>(?-x:{CODE_PATTERN}))", *regex_patterns]), re.VERBOSE | re.UNICODE)


@pytest.mark.parametrize(
    "text",
    [
        "Xem tại http://motthegioi.vn/thethao và https://www.csgt.vn, hoặc www.anhsangsoiduong.vn.",
        "Mọi ý kiến gửi về banbandoc@vietnamnet.vn hoặc phonghdttksgtdb.csgt@gmail.com.",
        "Nguồn: binhdinh.gov.vn, media.quochoi.vn/abc (ảnh) và leap.utah.edu/a_(b).",
        "Liên hệ http://example.com/path?x=1&y=(2).",
    ],
)
def test_tokenize_linear_url_email_pieces_as_underthesea(
    tokenizer: WordTokenizer, nltk_pattern: re.Pattern[str], text: str
) -> None:
    assert _pieces(tokenizer._pattern, text) == _pieces(nltk_pattern, text)


def test_tokenize_linear_pieces_as_underthesea_on_corpus(
    tokenizer: WordTokenizer, nltk_pattern: re.Pattern[str]
) -> None:
    """Same pieces on every corpus article but a few capitalised web addresses ("Dantri.com.vn"),
    where NLTK's pattern took the tail after the capitalised label as a URL."""
    differing = []
    with shared_file("corpus/articles.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["text"]
            ours, theirs = set(_pieces(tokenizer._pattern, text)), set(_pieces(nltk_pattern, text))
            differing += [text[a:b] for a, b in theirs - ours]
    assert len(differing) <= 6, differing
    assert all(piece in {"com.vn", "gov.vn", "tphcm.gov.vn", "cand.com.vn"} for piece in differing)


@pytest.mark.parametrize("text", ["1-" * 20_000, "http://" + "." * 40_000, "a@" * 20_000, "a." * 20_000])
def test_tokenize_pre_tokeniser_is_linear(tokenizer: WordTokenizer, text: str) -> None:
    started = time.perf_counter()
    pieces = _pieces(tokenizer._pattern, text)  # 1-… took 1.6 s per 10k characters, http://.... hours
    assert time.perf_counter() - started < 1.0
    assert pieces and pieces[-1][1] <= len(text)
