"""vnnews_extract.dask on a real distributed.LocalCluster: the same results as one process."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dask.bag
import dask.dataframe
import pandas as pd
import pytest
from distributed import Client, LocalCluster

from vnnews_extract import ErrorRecord, Pipeline
from vnnews_extract.dask import COLUMNS, extract_bag, extract_dataframe

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "examples" / "seed_article.txt").read_text(encoding="utf-8")
GOOD = "Ngày 25/10/2017, Tỉnh ủy ban hành Nghị quyết số 18-NQ/TW về 242 đảng viên."
ITEMS: list[Any] = [
    {"id": "seed", "text": SEED, "published": "2017-10-26"},
    *({"id": f"g{n}", "text": f"{GOOD} Sáng 12/7, có {n} hộ."} for n in range(10)),
    {"id": "no-text"},
    {"id": "number", "text": 42},
    {"id": "bad-date", "text": GOOD, "published": "hôm qua"},
    "Quý II/2023, thị xã Hương Trà có 17 chi bộ.",
]


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster) as connected:
        yield connected


@pytest.fixture(scope="module")
def local() -> list[Any]:
    return list(Pipeline().extract_many(ITEMS))


def test_extract_bag_on_two_workers_equals_one_process(client: Client, local: list[Any]) -> None:
    results = extract_bag(dask.bag.from_sequence(ITEMS, npartitions=4)).compute()
    expected = [{"id": r.id, "error": r.error, "message": r.message} if isinstance(r, ErrorRecord)
                else {"id": item.get("id") if isinstance(item, dict) else None, **r.to_dict()}
                for item, r in zip(ITEMS, local, strict=True)]
    assert results == expected
    # "published": "hôm qua" is a warning on the article, not an error (issue 16)
    assert [row.get("error") for row in results][-5:] == [None, "TypeError", "TypeError", None, None]
    assert len(client.scheduler_info()["workers"]) == 2


def test_extract_dataframe_on_two_workers_equals_one_process(client: Client, local: list[Any]) -> None:
    # A DataFrame column holds texts or holes (dask turns other objects into strings)
    rows = [item for item in ITEMS if isinstance(item, dict) and not isinstance(item.get("text", ""), int)]
    frame = pd.DataFrame({"id": [r["id"] for r in rows], "body": [r.get("text") for r in rows],
                          "published": [r.get("published") for r in rows]}, index=range(100, 100 + len(rows)))
    result = extract_dataframe(dask.dataframe.from_pandas(frame, npartitions=3), "body",
                               published_column="published").compute()
    assert list(result.columns) == ["id", "published", *COLUMNS]
    assert list(result.index) == list(frame.index) and list(result["id"]) == list(frame["id"])
    pipeline = Pipeline()
    for (_, row), item in zip(result.iterrows(), rows, strict=True):
        expected = pipeline.extract_item(0, item)
        if isinstance(expected, ErrorRecord):
            assert (row["error"], row["message"]) == (expected.error, expected.message)
        else:
            assert pd.isna(row["error"])
            assert {name: _plain(row[name]) for name in expected.to_dict()} == expected.to_dict()


def _plain(value: Any) -> Any:
    """pandas' nullable integers back to Python ints, so cells compare with to_dict() values."""
    return int(value) if hasattr(value, "item") else value


def test_extract_dataframe_names_a_missing_text_column() -> None:
    frame = dask.dataframe.from_pandas(pd.DataFrame({"text": ["x"]}), npartitions=1)
    with pytest.raises(KeyError, match="no column 'body'"):
        extract_dataframe(frame, "body")


def test_docs_spark_recipe_runs_on_pandas_frames() -> None:
    """The mapInPandas function of docs/batch.md is plain pandas: run it as Spark would, on an iterator of frames."""
    readme = (ROOT / "docs" / "batch.md").read_text(encoding="utf-8")
    start = readme.index("def extract_partitions")
    namespace: dict[str, Any] = {}
    exec("import json\nimport pandas as pd\n" + readme[start: readme.index("\nout = df.mapInPandas", start)], namespace)
    frames = [pd.DataFrame({"id": ["a", "b"], "text": [GOOD, None], "published": ["2017-10-26", None]})]
    out = pd.concat(list(namespace["extract_partitions"](iter(frames))))
    assert list(out["id"]) == ["a", "b"] and list(out["error"].isna()) == [True, False]
    assert json.loads(out["article"].iloc[0])["documents"][0]["key"] == "18-NQ/TW"


def test_extract_dataframe_prefixes_its_columns_when_the_frame_has_one_of_them() -> None:
    """Most dumps carry "title" or "source": the output moves under "article_" and nothing is lost."""
    frame = dask.dataframe.from_pandas(
        pd.DataFrame({"text": [GOOD], "title": ["Tiêu đề"], "source": ["baomoi"]}), npartitions=1
    )
    result = extract_dataframe(frame, "text").compute()
    assert list(result.columns) == ["title", "source", *(f"article_{name}" for name in COLUMNS)]
    assert result["title"].iloc[0] == "Tiêu đề"
    assert result["article_documents"].iloc[0][0]["key"] == "18-NQ/TW"


def test_extract_dataframe_refuses_a_prefix_that_still_clashes() -> None:
    frame = dask.dataframe.from_pandas(pd.DataFrame({"text": ["x"], "x_title": ["Tiêu đề"]}), npartitions=1)
    with pytest.raises(ValueError, match=r"already has the output column\(s\) \['x_title'\]"):
        extract_dataframe(frame, "text", prefix="x_")
