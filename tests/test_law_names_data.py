"""data/law_names.tsv: well-formed names of laws, codes and ordinances, without type words, years or amending titles."""

from __future__ import annotations

import unicodedata

import pytest
import regex

from vnnews_extract.lexicon import read_tsv

NAMES = [row["name"] for row in read_tsv("law_names.tsv")]



def test_law_names_load_with_a_name_column() -> None:
    rows = read_tsv("law_names.tsv")
    assert len(rows) >= 250
    assert all(set(row) == {"name"} for row in rows)


def test_law_names_are_unique_case_insensitively() -> None:
    folded = [name.casefold() for name in NAMES]
    duplicates = sorted({name for name in folded if folded.count(name) > 1})
    assert duplicates == []


@pytest.mark.parametrize("name", NAMES)
def test_law_names_are_clean(name: str) -> None:
    assert name == unicodedata.normalize("NFC", name)
    assert name == name.strip() and "  " not in name and "\t" not in name
    assert name[:1].isupper() or name[:1].isdigit()
    if name != "Luật sư":  # the Law on Lawyers is "Luật Luật sư"
        assert not regex.match(r"(?i)(?:bộ\s+)?luật\s|pháp\s+lệnh\s", name), "no type word before the name"
    assert not regex.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", name), "no years in names"
    assert "sửa đổi" not in name.lower()


@pytest.mark.parametrize(
    "name",
    [
        "Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ",
        "Phòng, chống tác hại của rượu, bia",
        "Quản lý, sử dụng tài sản công",
        "Hỗ trợ doanh nghiệp nhỏ và vừa",
        "Trách nhiệm bồi thường của Nhà nước",
        "Bảo vệ và phát triển rừng",
        "Đơn vị hành chính - kinh tế đặc biệt",
        "Phòng, chống tham nhũng",
        "Tố tụng hình sự",
        "Thi hành án dân sự",
        "Xử lý vi phạm hành chính",
        "Cảnh vệ",
        "Ưu đãi người có công với cách mạng",
        "Thi hành tạm giữ, tạm giam và cấm đi khỏi nơi cư trú",
        "Hình sự",
        "Dân sự",
    ],
)
def test_law_names_include_known_laws(name: str) -> None:
    assert name in NAMES
