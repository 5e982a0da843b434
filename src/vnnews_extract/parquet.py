"""Parquet output for the batch command; needs pyarrow (``pip install 'vnnews_extract[parquet]'``).

The articles table has one row per input record: ``id``, ``index``, the error columns (null for an
Article) and every Article field, facts as lists of structs. With ``facts_dir`` each fact type also
gets a flat table (``officials.parquet``, ``dates.parquet``...) with one row per fact, keyed by
``article_id`` and ``article_index``. The schemas are derived from the record dataclasses, so the
Parquet and JSON outputs cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints

from .records import FACT_FIELDS, Article
from .text.normalize import without_surrogates

try:
    import pyarrow as pa
    import pyarrow.parquet as pq
except ImportError as error:
    raise ImportError("Parquet output needs pyarrow: pip install 'vnnews_extract[parquet]'") from error

ROWS_PER_GROUP = 1_000  # rows buffered before a write: bounds memory, keeps row groups useful

_SCALARS = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
_KEY = [pa.field("id", pa.string()), pa.field("index", pa.int64())]
_ERROR = [pa.field(name, pa.string()) for name in ("error", "message", "where")]


def arrow_type(hint: Any) -> pa.DataType:
    """The Arrow type of a record field's type hint (every Arrow field is nullable)."""
    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [arg for arg in get_args(hint) if arg is not type(None)]
        return arrow_type(inner)
    if origin is list:
        return pa.list_(arrow_type(get_args(hint)[0]))
    if dataclasses.is_dataclass(hint):
        return pa.struct(_fields(hint))
    return _SCALARS[hint]


def _fields(cls: Any) -> list[pa.Field]:
    hints = get_type_hints(cls)
    return [pa.field(f.name, arrow_type(hints[f.name])) for f in dataclasses.fields(cls)]


ARTICLE_SCHEMA = pa.schema(_KEY + _ERROR + _fields(Article))
FACT_SCHEMAS = {
    name: pa.schema([pa.field("article_id", pa.string()), pa.field("article_index", pa.int64())]
                    + _fields(get_args(get_type_hints(Article)[name])[0]))
    for name in FACT_FIELDS
}


class ParquetSink:
    """Writes batch output lines (``batch.output_line``) as Parquet, streaming in row groups.

    ``with_text`` adds a last column, ``text``: the article text of HTML input (``batch --html``),
    which the offsets index.
    """

    def __init__(self, path: str | Path, *, facts_dir: str | Path | None = None, with_text: bool = False):
        schema = ARTICLE_SCHEMA.append(pa.field("text", pa.string())) if with_text else ARTICLE_SCHEMA
        self.articles = _Table(Path(path), schema)
        self.facts: dict[str, _Table] = {}
        if facts_dir is not None:
            Path(facts_dir).mkdir(parents=True, exist_ok=True)
            self.facts = {name: _Table(Path(facts_dir) / f"{name}.parquet", FACT_SCHEMAS[name])
                          for name in FACT_FIELDS}

    def write(self, line: dict[str, Any]) -> None:
        self.articles.add(line)
        for name, table in self.facts.items():
            for fact in line.get(name, ()):
                table.add({"article_id": line["id"], "article_index": line["index"], **fact})

    def close(self) -> None:
        errors = []
        for table in (self.articles, *self.facts.values()):
            try:
                table.close()
            except Exception as error:  # noqa: BLE001 (close every file, then report the first failure)
                errors.append(error)
        if errors:
            raise errors[0]


class _Table:
    def __init__(self, path: Path, schema: pa.Schema):
        self.schema = schema
        self.writer = pq.ParquetWriter(path, schema)
        self.rows: list[dict[str, Any]] = []

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append({field.name: _conform(row.get(field.name), field.type) for field in self.schema})
        if len(self.rows) >= ROWS_PER_GROUP:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows.clear()

    def close(self) -> None:
        self.flush()
        self.writer.close()


def _conform(value: Any, kind: pa.DataType) -> Any:
    """``value`` ready for an Arrow column of type ``kind``.

    Statistics keep whole values as Python ints (JSON shows 242, not 242.0); Arrow refuses an int
    above 2**53 in a float column (9.500 nghìn tỷ đồng), so they become floats here.
    """
    if value is None:
        return None
    if pa.types.is_string(kind):
        return without_surrogates(value)  # Arrow strings are UTF-8
    if pa.types.is_floating(kind):
        return float(value)
    if pa.types.is_list(kind):
        return [_conform(item, kind.value_type) for item in value]
    if pa.types.is_struct(kind):
        return {field.name: _conform(value.get(field.name), field.type) for field in kind}
    return value
