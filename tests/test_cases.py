"""Case tables (tests/cases/<fact>.jsonl): real sentences with every expected fact and its offsets.

Each row is run through the pipeline with layout detection off (an excerpt is all body) and the
facts of the table's type are compared field by field, so both misses and false positives fail.
Rows with an "xfail" reason are known gaps: strict xfails that turn red once fixed.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from vnnews_extract import Pipeline
from vnnews_extract.resolve.numbers import read_number

CASES = Path(__file__).parent / "cases"
TABLES = {
    fact: f"{fact}.jsonl"
    for fact in ("dates", "documents", "statistics", "officials", "organizations", "locations")
}
# Fields compared per fact type (records may carry more, e.g. issuer_code).
FIELDS = {
    "dates": ("text", "start", "end", "value", "mod", "calendar", "resolved"),
    "documents": ("text", "start", "end", "doc_type", "number", "symbol", "key", "issued", "issuer", "term"),
    "statistics": ("text", "start", "end", "value", "unit", "qualifier", "approx", "value_max"),
    "officials": ("text", "start", "end", "name", "titles"),
    "organizations": ("text", "start", "end", "name"),
    "locations": ("text", "start", "end", "name", "level"),
}


def _marks(row: dict[str, Any]) -> list[Any]:
    return [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row.get("xfail") else []


def _rows() -> list[Any]:
    params = []
    for fact, name in TABLES.items():
        path = CASES / name
        if not path.exists():
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            row = json.loads(line)
            params.append(pytest.param(fact, row, id=f"{fact}-{number}-{row['group']}", marks=_marks(row)))
    return params


def _project(fact: str, record: dict[str, Any]) -> dict[str, Any]:
    return {field: record.get(field) for field in FIELDS[fact]}


@pytest.mark.parametrize(("fact", "row"), _rows())
def test_cases_table(pipeline: Pipeline, fact: str, row: dict[str, Any]) -> None:
    article = pipeline.extract(row["text"], published=row.get("published"), detect_layout=False)
    predicted = [_project(fact, record) for record in article.to_dict()[fact]]
    assert predicted == [_project(fact, expected) for expected in row["expected"]]


@pytest.mark.parametrize("name", sorted(name for name in TABLES.values() if (CASES / name).exists()))
def test_cases_table_is_well_formed(name: str) -> None:
    rows = [json.loads(line) for line in (CASES / name).read_text("utf-8").splitlines()]
    assert len({row["text"] for row in rows}) == len(rows), "duplicate excerpts"
    for row in rows:
        for fact in row["expected"]:
            assert row["text"][fact["start"] : fact["end"]] == fact["text"]
    positives = sum(row["group"] == "positive" for row in rows)
    assert positives >= 150 and len(rows) - positives >= 40


def _number_rows() -> list[Any]:
    path = CASES / "numbers.jsonl"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()] if path.exists() else []
    return [pytest.param(row, id=f"number-{n}", marks=_marks(row)) for n, row in enumerate(rows, start=1)]



@pytest.mark.parametrize("row", _number_rows())
def test_cases_number_reader(row: dict[str, Any]) -> None:
    """tests/cases/numbers.jsonl: number expressions in digits and words with their values."""
    value = read_number(row["text"])
    assert value is not None and math.isclose(value, row["value"], rel_tol=1e-9, abs_tol=1e-9)
