from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from vnnews_extract.resolve import gazetteer


def test_gazetteer_generated_file_is_current(tmp_path: Path) -> None:
    pytest.importorskip("vietnamadminunits", reason="the rebuild check needs the dev extra vietnamadminunits")
    rebuilt = tmp_path / gazetteer.FILE
    gazetteer.build(rebuilt)
    message = "the shipped file is stale: run python -m vnnews_extract.resolve.gazetteer build"
    assert filecmp.cmp(rebuilt, gazetteer.shipped_path(), shallow=False), message


@pytest.mark.parametrize(
    ("name", "level", "provinces", "expected"),
    [
        ("Hà Nội", None, frozenset(), ("2025", "thành phố", "Thành phố Hà Nội")),
        ("Bình Định", "tỉnh", frozenset(), ("legacy", "tỉnh", "Tỉnh Bình Định")),
        ("Hương Trà", "thị xã", frozenset(), ("legacy", "thị xã", "Thị xã Hương Trà")),
        ("Hương Xuân", "phường", frozenset({"huế"}), ("legacy", "phường", "Phường Hương Xuân")),
    ],
)
def test_gazetteer_lookup(name: str, level: str | None, provinces: frozenset[str], expected: tuple[str, ...]) -> None:
    unit = gazetteer.lookup(name, level, provinces)
    assert unit is not None and (unit.era, unit.level, unit.full_name) == expected


def test_gazetteer_successor_of_a_legacy_ward() -> None:
    unit = gazetteer.lookup("Hương Xuân", "phường", frozenset({"huế"}))
    assert unit is not None and unit.successor == "Phường Kim Trà, Thành phố Huế" and unit.province == "Huế"


def test_gazetteer_unknown_or_ambiguous_name_gives_none() -> None:
    assert gazetteer.lookup("Không Có Nơi Này") is None
    assert gazetteer.lookup("Tân Phú", "xã") is None  # a commune name in many provinces, no context
