"""vnnews_extract.frames(): one DataFrame per fact type, rows tied to their article."""

from __future__ import annotations

import pytest

from vnnews_extract import Pipeline, frames
from vnnews_extract.records import FACT_FIELDS

pd = pytest.importorskip("pandas", reason="frames() needs the pandas extra")

GOOD = "Ngày 25/10/2017, Tỉnh ủy ban hành Nghị quyết số 18-NQ/TW về 242 đảng viên."


def test_frames_one_table_per_fact_type_with_the_article_of_each_row(pipeline: Pipeline) -> None:
    results = list(pipeline.extract_many([GOOD, {"id": "bad", "text": None}, "Ông Lê Quốc Phong nói."]))
    tables = frames(results)
    assert set(tables) == set(FACT_FIELDS)
    assert all(isinstance(table, pd.DataFrame) for table in tables.values())
    assert list(tables["documents"]["key"]) == ["18-NQ/TW"]
    assert list(tables["documents"]["article"]) == [0]
    assert list(tables["officials"]["article"]) == [2]  # the error record in between gives no rows
    assert tables["locations"].empty


def test_frames_take_to_dict_rows_and_keep_their_ids(pipeline: Pipeline) -> None:
    rows = [{"id": "a-1", **pipeline.extract(GOOD).to_dict()}, {"id": "e", "error": "TypeError", "message": "x"}]
    tables = frames(rows)
    assert list(tables["statistics"]["article"]) == ["a-1"]
    assert list(tables["statistics"]["value"]) == [242]
