"""data/public_bodies.tsv: unique names, aliases and codes; successors that resolve; clean Unicode."""

from __future__ import annotations

import unicodedata
from collections import Counter
from datetime import date
from importlib import resources

import pytest
import regex

from vnnews_extract.lexicon import read_tsv

NAME = "public_bodies.tsv"
ROWS = read_tsv(NAME)
HEADER = ["name", "kind", "aliases", "code", "successor", "until", "note"]
KINDS = {
    "party",
    "assembly",
    "state_president",
    "government",
    "ministry",
    "ministerial_agency",
    "government_agency",
    "general_department",
    "department",
    "court",
    "procuracy",
    "mass_organisation",
    "enterprise",
    "bank",
    "provincial_department",
    "armed_forces",
    "media",
    "other",
}
# A day is given when known; a month or a year when only that is (ISO 8601 reduced precision).
UNTIL = regex.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
# Look-alikes of Đ/đ that legacy text uses (DOMAIN.md §6): Eth, African D, and their lower cases.
LOOKALIKES = "\u00d0\u00f0\u0189\u0256"


def _aliases(row: dict[str, str]) -> list[str]:
    return row["aliases"].split("|") if row["aliases"] else []


def _surfaces() -> list[str]:
    return [row["name"] for row in ROWS] + [alias for row in ROWS for alias in _aliases(row)]


def test_public_bodies_header_and_provenance() -> None:
    lines = resources.files("vnnews_extract").joinpath("data", NAME).read_text("utf-8").splitlines()
    for word in ("Source", "Licence", "As of"):
        assert word in lines[0]
    header = next(line for line in lines if not line.startswith("#"))
    assert header.split("\t") == HEADER


def test_public_bodies_every_row_has_all_cells() -> None:
    text = resources.files("vnnews_extract").joinpath("data", NAME).read_text("utf-8")
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert all(line.count("\t") == len(HEADER) - 1 for line in rows)


def test_public_bodies_names_are_unique() -> None:
    duplicates = [name for name, count in Counter(row["name"] for row in ROWS).items() if count > 1]
    assert duplicates == []


def test_public_bodies_aliases_are_unique_across_names_and_aliases() -> None:
    duplicates = [surface for surface, count in Counter(_surfaces()).items() if count > 1]
    assert duplicates == []


def test_public_bodies_aliases_are_not_empty_or_padded() -> None:
    bad = [alias for row in ROWS for alias in _aliases(row) if not alias or alias != alias.strip()]
    assert bad == []


def test_public_bodies_codes_are_unique() -> None:
    codes = [row["code"] for row in ROWS if row["code"]]
    assert [code for code, count in Counter(codes).items() if count > 1] == []


def test_public_bodies_codes_are_symbol_shaped() -> None:
    bad = [row["code"] for row in ROWS if row["code"] and not regex.fullmatch(r"[A-ZĐ][A-Za-zĐđ]*", row["code"])]
    assert bad == []


def test_public_bodies_kinds_are_known() -> None:
    assert {row["kind"] for row in ROWS} <= KINDS


def test_public_bodies_successors_are_names_in_the_file() -> None:
    names = {row["name"] for row in ROWS}
    assert [row["successor"] for row in ROWS if row["successor"] and row["successor"] not in names] == []


def test_public_bodies_no_body_succeeds_itself() -> None:
    assert [row["name"] for row in ROWS if row["successor"] == row["name"]] == []


def test_public_bodies_successor_chains_end() -> None:
    successor = {row["name"]: row["successor"] for row in ROWS}
    for name in successor:
        seen = {name}
        while successor.get(name):
            name = successor[name]
            assert name not in seen, f"successor cycle through {name}"
            seen.add(name)


@pytest.mark.parametrize("row", [row for row in ROWS if row["until"]], ids=lambda row: row["name"])
def test_public_bodies_until_is_an_iso_date(row: dict[str, str]) -> None:
    assert UNTIL.fullmatch(row["until"])
    year, month, day = (row["until"].split("-") + ["01", "01"])[:3]
    assert date(int(year), int(month), int(day)) <= date(2026, 12, 31)


def test_public_bodies_with_successor_have_an_end_date() -> None:
    assert [row["name"] for row in ROWS if row["successor"] and not row["until"]] == []


def test_public_bodies_successor_outlives_its_predecessor() -> None:
    until = {row["name"]: row["until"] for row in ROWS}
    late = [
        row["name"]
        for row in ROWS
        if row["successor"] and until[row["successor"]] and until[row["successor"]][:4] < row["until"][:4]
    ]
    assert late == []


def test_public_bodies_surfaces_are_nfc_and_use_real_d_with_stroke() -> None:
    cells = _surfaces() + [row["successor"] for row in ROWS] + [row["code"] for row in ROWS]
    assert [cell for cell in cells if unicodedata.normalize("NFC", cell) != cell] == []
    assert [cell for cell in cells if any(char in LOOKALIKES for char in cell)] == []


def test_public_bodies_surfaces_have_no_stray_spaces() -> None:
    bad = [cell for cell in _surfaces() if cell != " ".join(cell.split()) or "\u00a0" in cell or "\u200b" in cell]
    assert bad == []


def test_public_bodies_names_use_traditional_tone_placement() -> None:
    # The project writes "Ủy", "hóa", "Thủy" (DOMAIN.md §6.3); "Uỷ", "hoá", "Thuỷ" would make a second key.
    modern = regex.compile(r"(?i)\b(?:uỷ|hoá|hoà|thuỷ|khoẻ)\b")
    assert [row["name"] for row in ROWS if modern.search(row["name"])] == []


def test_public_bodies_has_the_2025_ministries() -> None:
    kinds = Counter(row["kind"] for row in ROWS if not row["until"])
    assert kinds["ministry"] == 14
    assert kinds["ministerial_agency"] == 3
