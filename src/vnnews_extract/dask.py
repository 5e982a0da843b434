"""Extraction on a Dask cluster (``pip install 'vnnews_extract[dask]'``).

Both functions are lazy ``map_partitions`` calls: each worker process builds one Pipeline (per task
thread, see ``shared_pipeline``) on its first partition and reuses it for every later one. Run the
workers as processes with one thread each (``LocalCluster(processes=True, threads_per_worker=1)``,
``dask worker --nthreads 1``): extraction is Python code holding the GIL, so threads do not add speed.

A bad record never fails a task: it becomes an error record in its place (``error``, ``message``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

import dask.bag
import dask.dataframe
import pandas as pd

from .lexicon import Lexicons, UserLexicon
from .pipeline import DEFAULT_MAX_CHARS, ErrorRecord, Result, item_id, shared_pipeline
from .records import FACT_FIELDS

# The Article fields, then the error columns (null for an Article), as extract_dataframe adds them.
COLUMNS = ("title", "authors", "source", "body_start", "body_end", *FACT_FIELDS, "warnings", "error", "message")
_DTYPES = {"body_start": "Int64", "body_end": "Int64"}  # nullable: an error row has no body
_Settings = tuple[tuple[str, ...] | None, int, Lexicons]


def extract_bag(
    bag: dask.bag.Bag, *, extractors: Sequence[str] | None = None, max_chars: int = DEFAULT_MAX_CHARS,
    lexicons: Lexicons | Mapping[str, UserLexicon] | None = None,
) -> dask.bag.Bag:
    """Map a bag of str texts or {"id", "text", "published"} mappings to one dict per item.

    Each dict is the Article's ``to_dict()`` plus ``id``, or an error record ``{"id", "error",
    "message"}``: the same lines ``vnnews-extract batch`` writes (``bag.map(json.dumps)`` gives JSON Lines).
    ``lexicons`` adds entries as ``Pipeline(lexicons=...)`` does; they are read here, once, and
    shipped to the workers as rows (a worker need not see the files).
    """
    mapped = bag.map_partitions(_extract_items, _settings(extractors, max_chars, lexicons))  # type: ignore[no-untyped-call]
    return cast(dask.bag.Bag, mapped)


def extract_dataframe(
    ddf: dask.dataframe.DataFrame, text_column: str, *, published_column: str | None = None,
    extractors: Sequence[str] | None = None, max_chars: int = DEFAULT_MAX_CHARS, prefix: str | None = None,
    lexicons: Lexicons | Mapping[str, UserLexicon] | None = None,
) -> dask.dataframe.DataFrame:
    """Replace ``text_column`` by the extraction: one column per Article field plus ``error``, ``message``.

    The other columns (ids, URLs, dates...) and the index are kept, partition by partition; fact
    columns hold lists of dicts as in ``Article.to_dict()``. The output columns are named as the
    Article's fields, each after ``prefix``; by default there is no prefix unless the frame already
    has a column of that name (most dumps have ``title`` or ``source``): then all of them take
    ``"article_"`` ("article_title", "article_officials", …), so no input column is lost.
    """
    if text_column not in ddf.columns:
        raise KeyError(f"no column {text_column!r}; the columns are {list(ddf.columns)}")
    if prefix is None:
        prefix = "article_" if any(n in ddf.columns and n != text_column for n in COLUMNS) else ""
    clashes = [prefix + name for name in COLUMNS if prefix + name in ddf.columns and prefix + name != text_column]
    if clashes:  # two columns of one name would make frame[name] a DataFrame
        raise ValueError(f"the frame already has the output column(s) {clashes}; pass another prefix=")
    meta = _output_frame(ddf._meta, text_column, [], prefix)
    mapped = ddf.map_partitions(  # type: ignore[no-untyped-call]
        _extract_frame, text_column, published_column, _settings(extractors, max_chars, lexicons), prefix, meta=meta
    )
    return cast(dask.dataframe.DataFrame, mapped)


def _settings(
    extractors: Sequence[str] | None, max_chars: int, lexicons: Lexicons | Mapping[str, UserLexicon] | None
) -> _Settings:
    # Checked here, so a bad entry fails the call rather than every task on the workers.
    return (None if extractors is None else tuple(extractors), max_chars, Lexicons.of(lexicons))


def _extract_items(items: Iterable[str | Mapping[str, Any]], settings: _Settings) -> list[dict[str, Any]]:
    pipeline = shared_pipeline(settings[0], max_chars=settings[1], lexicons=settings[2])
    return [_as_dict(item, pipeline.extract_item(index, item)) for index, item in enumerate(items)]


def _as_dict(item: str | Mapping[str, Any], result: Result) -> dict[str, Any]:
    return {"id": item_id(item), **_row(result)}


def _extract_frame(
    frame: pd.DataFrame, text_column: str, published_column: str | None, settings: _Settings, prefix: str
) -> pd.DataFrame:
    pipeline = shared_pipeline(settings[0], max_chars=settings[1], lexicons=settings[2])
    published = frame[published_column] if published_column else [None] * len(frame)
    rows = [
        _row(pipeline.extract_item(index, {"text": _value(text), "published": _value(date)}))
        for index, (text, date) in enumerate(zip(frame[text_column], published, strict=True))
    ]
    return _output_frame(frame, text_column, rows, prefix)


def _value(cell: Any) -> Any:
    """A missing cell (None, NaN, NA, NaT: pandas has several) is None."""
    return None if pd.api.types.is_scalar(cell) and pd.isna(cell) else cell


def _row(result: Result) -> dict[str, Any]:
    if isinstance(result, ErrorRecord):
        return {"error": result.error, "message": result.message}
    return result.to_dict()


def _output_frame(frame: pd.DataFrame, text_column: str, rows: list[dict[str, Any]], prefix: str) -> pd.DataFrame:
    # Object columns keep None for "absent" (pandas' inference would turn it into NaN) and lists as lists.
    columns = {
        prefix + name: pd.Series([row.get(name) for row in rows], index=frame.index, dtype=_DTYPES.get(name, object))
        for name in COLUMNS
    }
    return pd.concat([frame.drop(columns=[text_column]), pd.DataFrame(columns, index=frame.index)], axis=1)
