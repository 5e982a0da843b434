"""data/foreign_people.tsv: complete rows, known kinds, sourced, clean Unicode, no Vietnamese people."""

from __future__ import annotations

import unicodedata
from collections import Counter
from importlib import resources

import pytest
import regex

from vnnews_extract.lexicon import read_tsv

NAME = "foreign_people.tsv"
ROWS = read_tsv(NAME)
HEADER = ["name", "country", "kind", "source"]
KINDS = {"leader", "historical", "sport", "arts", "other"}
# Vietnamese leaders: a foreign-people lexicon that listed them would make them foreigners.
VIETNAMESE_LEADERS = {
    "Tô Lâm",
    "Phạm Minh Chính",
    "Lương Cường",
    "Trần Thanh Mẫn",
    "Nguyễn Phú Trọng",
    "Võ Văn Thưởng",
    "Vương Đình Huệ",
    "Nguyễn Xuân Phúc",
    "Nguyễn Thị Kim Ngân",
    "Trần Đại Quang",
    "Nguyễn Tấn Dũng",
    "Trương Tấn Sang",
    "Nông Đức Mạnh",
    "Nguyễn Minh Triết",
    "Nguyễn Sinh Hùng",
    "Bùi Thanh Sơn",
    "Phạm Bình Minh",
    "Uông Chu Lưu",
    "Lê Lương Minh",
    "Hồ Chí Minh",
}
# Common Vietnamese surnames; Hán-Việt readings of Chinese names share most of them (Ngô Bang Quốc,
# Đặng Tiểu Bình), so only the pattern surname + "Văn"/"Thị" (the Vietnamese middle names of men and
# women) and the surname Nguyễn (rare in Chinese names of the last century) mark a Vietnamese person.
VIETNAMESE_SURNAMES = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Võ", "Phan", "Đặng", "Bùi", "Đỗ", "Ngô"}
VIETNAMESE_MIDDLE_NAMES = {"Văn", "Thị"}


def _lines() -> list[str]:
    return resources.files("vnnews_extract").joinpath("data", NAME).read_text("utf-8").splitlines()


def test_foreign_people_header_and_provenance() -> None:
    lines = _lines()
    assert lines[0].startswith("#")
    for word in ("Source", "Licence", "As of"):
        assert word in lines[0]
    header = next(line for line in lines if not line.startswith("#"))
    assert header.split("\t") == HEADER


def test_foreign_people_size() -> None:
    assert len(ROWS) >= 300


def test_foreign_people_every_row_has_four_cells() -> None:
    data = [line for line in _lines() if line.strip() and not line.startswith("#")][1:]
    assert all(len(line.split("\t")) == len(HEADER) for line in data)


@pytest.mark.parametrize("column", HEADER)
def test_foreign_people_cells_are_filled_and_trimmed(column: str) -> None:
    bad = [row["name"] for row in ROWS if not row[column] or row[column] != row[column].strip()]
    assert not bad


def test_foreign_people_countries_are_iso_codes() -> None:
    assert not [row["name"] for row in ROWS if not regex.fullmatch(r"[A-Z]{2}", row["country"])]


def test_foreign_people_kinds_are_known() -> None:
    assert {row["kind"] for row in ROWS} <= KINDS


def test_foreign_people_sources_are_https() -> None:
    bad = [row["name"] for row in ROWS if not row["source"].startswith("https://") or " " in row["source"]]
    assert not bad


def test_foreign_people_text_is_nfc() -> None:
    text = "\n".join(_lines())
    assert unicodedata.normalize("NFC", text) == text


def test_foreign_people_names_are_unique() -> None:
    duplicates = [name for name, count in Counter(row["name"] for row in ROWS).items() if count > 1]
    assert not duplicates


def test_foreign_people_names_have_no_double_spaces_or_tabs() -> None:
    assert not [row["name"] for row in ROWS if "  " in row["name"] or "\t" in row["name"]]


def test_foreign_people_single_word_names_are_historical() -> None:
    single = [row for row in ROWS if len(row["name"].split()) < 2]
    assert all(row["kind"] == "historical" for row in single)
    assert len(single) <= 10


def test_foreign_people_names_start_with_a_capital() -> None:
    assert all(row["name"][0].isupper() for row in ROWS)


def test_foreign_people_has_no_vietnamese_leaders() -> None:
    assert not VIETNAMESE_LEADERS & {row["name"] for row in ROWS}


def test_foreign_people_has_no_vietnamese_name_pattern() -> None:
    def vietnamese(words: list[str]) -> bool:
        if words[0] == "Nguyễn":
            return True
        return len(words) >= 3 and words[0] in VIETNAMESE_SURNAMES and words[1] in VIETNAMESE_MIDDLE_NAMES

    assert not [row["name"] for row in ROWS if vietnamese(row["name"].split())]


@pytest.mark.parametrize(
    "name",
    [
        "Tập Cận Bình",
        "Lý Khắc Cường",
        "Lý Cường",
        "Vương Nghị",
        "Thongloun Sisoulith",
        "Thoong-lun Xi-xu-lít",
        "Hun Sen",
        "Hun Manet",
        "Norodom Sihamoni",
        "Donald Trump",
        "Vladimir Putin",
        "Park Hang-seo",
        "Kim Jong-un",
        "Kaysone Phomvihane",
        "Souphanouvong",
        "Fidel Castro",
        "Karl Marx",
    ],
)
def test_foreign_people_has_core_names(name: str) -> None:
    assert name in {row["name"] for row in ROWS}


def test_foreign_people_lao_leaders_have_both_scripts() -> None:
    lao = [row["name"] for row in ROWS if row["country"] == "LA"]
    assert any("-" in name for name in lao)
    assert any("-" not in name for name in lao)
