from __future__ import annotations

import pytest
from underthesea import word_tokenize

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
