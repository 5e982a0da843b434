from __future__ import annotations

import unicodedata

import pytest

from vnnews_extract.text.normalize import normalize

# (source, normalised text)
CASES = [
    ("Đảng uỷ phường", "Đảng ủy phường"),
    ("hoà bình, khoẻ mạnh, Thuỷ lợi", "hòa bình, khỏe mạnh, Thủy lợi"),
    ("hoàn thành, thuyết phục, quý II", "hoàn thành, thuyết phục, quý II"),  # one spelling only
    ("Nghị định 15/2020/NÐ-CP", "Nghị định 15/2020/NĐ-CP"),  # U+00D0 Eth
    ("2021–2025, 18—NQ/TW, a\u2212b", "2021-2025, 18-NQ/TW, a-b"),
    ("ngày\u00a025/10", "ngày 25/10"),
    ("Hà\u200bNội\ufeff", "HàNội"),
    (unicodedata.normalize("NFD", "Nghị quyết"), "Nghị quyết"),
]


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_normalize_text(source: str, expected: str) -> None:
    assert normalize(source).text == expected


@pytest.mark.parametrize("word", ["Bộ Chính trị", "Nghị quyết", "hoà", "ủy"])
def test_normalize_maps_spans_back_to_nfd_source(word: str) -> None:
    source = unicodedata.normalize("NFD", f"Theo {word} và\u200b {word}.")
    norm = normalize(source)
    start = norm.text.index(unicodedata.normalize("NFC", word).replace("hoà", "hòa"))
    text, src_start, src_end = norm.source_text(start, start + len(normalize(word).text))
    assert text == source[src_start:src_end]
    assert unicodedata.normalize("NFC", text) == unicodedata.normalize("NFC", word)


def test_normalize_identity_map_for_plain_text() -> None:
    norm = normalize("Phó Bí thư Thường trực")
    assert norm.to_source(4, 10) == (4, 10)
