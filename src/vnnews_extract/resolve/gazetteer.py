"""Vietnamese administrative units before and after the 1 July 2025 reorganisation.

``data/admin_units.tsv`` is generated from the MIT-licensed PyPI package ``vietnamadminunits``
(its SQLite tables of the 34 provinces and 3,321 communes from 2025 and the 63 / 696 / 10,040
units before, and its old-to-new conversion tables). Rebuild it with::

    .venv/bin/python -m vnnews_extract.resolve.gazetteer build

(``vietnamadminunits`` is a development dependency; the library itself only reads the TSV.)
``tests/test_gazetteer.py`` rebuilds it and checks the shipped file is unchanged.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from ..lexicon import read_tsv
from ..text.normalize import normalize

FILE = "admin_units.tsv"
HEADER = (
    "# Vietnamese administrative units, 2025 and legacy (GENERATED: do not edit; rebuild with "
    "`python -m vnnews_extract.resolve.gazetteer build`). Source: PyPI vietnamadminunits 1.0.4 "
    "(github tranngocminhhieu/vietnamadminunits, data Aug 2025), dataset.db and converter_2025.json. "
    "Licence: MIT (Copyright (c) 2025 Tran Ngoc Minh Hieu). As of: 2025-08.\n"
    "# era = 2025 | legacy; level = the unit word in lower case; successor = the 2025 unit a legacy "
    "province or commune became (full names).\n"
)
COLUMNS = ("era", "code", "level", "name", "full_name", "province", "district", "successor")


@dataclass(frozen=True)
class AdminUnit:
    era: str
    code: str
    level: str
    name: str
    full_name: str
    province: str
    district: str
    successor: str


@lru_cache(maxsize=8192)
def key(name: str) -> str:
    """Matching key of a unit name: normalised (NFC, tone placement) and lower-cased (cached: the
    extractors ask for the same few names over and over)."""
    return " ".join(normalize(name).text.lower().split())


@cache
def units() -> tuple[AdminUnit, ...]:
    return tuple(AdminUnit(**row) for row in read_tsv(FILE))


@cache
def by_name() -> dict[str, tuple[AdminUnit, ...]]:
    """Matching key of the short name -> every unit of that name (names repeat across provinces)."""
    index: dict[str, list[AdminUnit]] = {}
    for unit in units():
        index.setdefault(key(unit.name), []).append(unit)
    return {name: tuple(found) for name, found in index.items()}


def lookup(name: str, level: str | None = None, provinces: frozenset[str] = frozenset()) -> AdminUnit | None:
    """The unit called ``name`` at ``level``, preferring one in ``provinces`` (the article's context)
    and then the 2025 era; None when the name is unknown or stays ambiguous."""
    candidates = [u for u in by_name().get(key(name), ()) if level is None or _same_level(u.level, level)]
    if not candidates:
        return None
    if provinces:
        local = [u for u in candidates if key(u.province) in provinces]
        candidates = local or candidates
    provincial = [u for u in candidates if u.level in ("tỉnh", "thành phố") and not u.district and u.province == u.name]
    if provincial:
        candidates = provincial
    if len({(u.province, u.district, u.level) for u in candidates}) > 2:
        return None  # a commune name found in many provinces, with no context to choose
    return sorted(candidates, key=lambda u: u.era != "2025")[0]


def _same_level(unit_level: str, level: str) -> bool:
    return unit_level == level or {unit_level, level} <= {"thành phố", "tỉnh"}


# -- building the TSV from vietnamadminunits -------------------------------------------------------


def build(out: Path) -> int:
    """Write ``out`` from the installed vietnamadminunits package; returns the number of rows."""
    import vietnamadminunits

    data = Path(vietnamadminunits.__file__).parent / "data"
    rows = sorted(set(_rows(data)), key=lambda r: (r.era != "2025", r.province, r.district, r.level, r.name, r.code))
    with out.open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        handle.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            handle.write("\t".join(getattr(row, column) for column in COLUMNS) + "\n")
    return len(rows)


def _rows(data: Path) -> Iterator[AdminUnit]:
    db = sqlite3.connect(data / "dataset.db")
    converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
    new_province, new_ward = _successors(db, converter)
    for province, ward, p_short, w_short, w_type, p_code, w_code in db.execute(
        "select province, ward, provinceShort, wardShort, wardType, provinceCode, wardCode from admin_units"
    ):
        yield AdminUnit("2025", p_code, _level(province), p_short, province, p_short, "", "")
        yield AdminUnit("2025", w_code, w_type.lower(), w_short, ward, p_short, "", "")
    query = (
        "select province, district, ward, provinceShort, districtShort, wardShort, districtType, wardType,"
        " provinceCode, districtCode, wardCode, provinceKey, districtKey, wardKey from admin_units_legacy"
    )
    for (province, district, ward, p_short, d_short, w_short, d_type, w_type,
         p_code, d_code, w_code, p_key, d_key, w_key) in db.execute(query):  # fmt: skip
        yield AdminUnit("legacy", p_code, _level(province), p_short, province, p_short, "", new_province.get(p_key, ""))
        yield AdminUnit("legacy", d_code, d_type.lower(), d_short, district, p_short, "", "")
        if ward:
            successor = new_ward.get(f"{p_key}_{d_key}_{w_key}", "")
            yield AdminUnit("legacy", w_code, w_type.lower(), w_short, ward, p_short, d_short, successor)


Successors = tuple[dict[str, str], dict[str, str]]


def _successors(db: sqlite3.Connection, converter: dict[str, dict[str, object]]) -> Successors:
    """Legacy province key -> 2025 province name; legacy "province_district_ward" key -> 2025 commune."""
    names = dict(db.execute("select distinct provinceKey, province from admin_units"))
    wards = {
        (p_key, w_key): f"{ward}, {province}"
        for p_key, w_key, ward, province in db.execute("select provinceKey, wardKey, ward, province from admin_units")
    }
    new_province = {
        old: names[new] for new, olds in converter["DICT_PROVINCE"].items() for old in olds  # type: ignore[attr-defined]
    }
    new_ward: dict[str, str] = {}
    for p_key, mapping in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for w_key, olds in mapping.items():  # type: ignore[attr-defined]
            for old in olds:
                new_ward[old] = wards.get((p_key, w_key), "")
    for p_key, mapping in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, options in mapping.items():  # type: ignore[attr-defined]
            default = next((o for o in options if o["isDefaultNewWard"]), options[0])
            new_ward.setdefault(old, wards.get((p_key, default["newWardKey"]), ""))
    return new_province, new_ward


def _level(full_name: str) -> str:
    return "thành phố" if full_name.startswith("Thành phố") else "tỉnh"


def shipped_path() -> Path:
    return Path(str(resources.files("vnnews_extract").joinpath("data", FILE)))


if __name__ == "__main__":
    if sys.argv[1:] != ["build"]:
        raise SystemExit("usage: python -m vnnews_extract.resolve.gazetteer build")
    print(f"{build(shipped_path())} rows written to {shipped_path()}")
