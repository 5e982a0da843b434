"""Batch extraction of article dumps: stream records in, extract (in parallel), write JSON Lines.

Every record read yields exactly one output line: the Article with its ``id``, or an error record
(``{"id", "index", "error", "message", "where"}``) naming why there is no Article. Reading problems
(malformed JSON, undecodable bytes, a truncated .gz) become error records too, so
``read == written + errors`` always holds.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
import time
import zlib
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from .pipeline import ErrorRecord, Pipeline


@dataclass(frozen=True)
class Fields:
    """Which input fields hold the text, the id and the publication date."""

    text: str = "text"
    id: str = "id"
    published: str = "published"


@dataclass
class Summary:
    read: int = 0
    extracted: int = 0
    errors: int = 0
    seconds: float = 0.0
    error_kinds: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        rate = self.read / self.seconds if self.seconds else 0.0
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.error_kinds.items()))
        return (f"read {self.read}, extracted {self.extracted}, errors {self.errors}"
                f"{f' ({kinds})' if kinds else ''}, {self.seconds:.1f} s, {rate:.1f} articles/s")


class _Unreadable(dict[str, Any]):
    """An input record that could not be read; carries the reason to the output as an error record."""


def read_records(paths: Iterable[str | Path], fields: Fields = Fields()) -> Iterator[dict[str, Any]]:
    """Stream input records as {"id", "text", "published", "where"} from JSON Lines (.gz), CSV or .txt dirs."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for txt in sorted(path.rglob("*.txt")):
                yield _from_text_file(txt)
        elif path.suffix.lower() == ".csv":
            yield from _from_csv(path, fields)
        else:
            yield from _from_jsonl(path, fields)


def _from_text_file(path: Path) -> dict[str, Any]:
    try:
        return {"id": path.stem, "text": path.read_bytes().decode("utf-8"), "where": str(path)}
    except UnicodeDecodeError as error:
        return _Unreadable(id=path.stem, where=str(path), error="UnicodeDecodeError", message=str(error))


def _from_csv(path: Path, fields: Fields) -> Iterator[dict[str, Any]]:
    csv.field_size_limit(sys.maxsize)  # long articles are legitimate CSV cells
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            yield _mapped(row, fields, f"{path}:{number}")


def _from_jsonl(path: Path, fields: Fields) -> Iterator[dict[str, Any]]:
    """One record per line; bad lines and a truncated or corrupt .gz tail become _Unreadable records."""
    number = 0
    with _open_bytes(path) as handle:
        try:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield _json_record(line, fields, f"{path}:{number}")
        except (EOFError, OSError, zlib.error) as error:
            yield _Unreadable(id=None, where=f"{path}:{number + 1}", error=type(error).__name__,
                              message=f"input ends unreadably after line {number}: {error}")


def _open_bytes(path: Path) -> IO[bytes]:
    if path.suffix.lower() == ".gz":
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def _json_record(line: bytes, fields: Fields, where: str) -> dict[str, Any]:
    try:
        value = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return _Unreadable(id=None, where=where, error=type(error).__name__, message=str(error))
    if not isinstance(value, dict):
        return _Unreadable(id=None, where=where, error="TypeError", message=f"a {type(value).__name__}, not an object")
    return _mapped(value, fields, where)


def _mapped(row: Mapping[str, Any], fields: Fields, where: str) -> dict[str, Any]:
    record_id = row.get(fields.id)
    return {"id": None if record_id is None else str(record_id), "text": row.get(fields.text),
            "published": row.get(fields.published) or None, "where": where}


def output_line(record: Mapping[str, Any], result: ErrorRecord | Any) -> dict[str, Any]:
    """The JSON object written for one input record."""
    if isinstance(result, ErrorRecord):
        return {"id": record.get("id"), "index": result.index, "error": result.error,
                "message": result.message, "where": record.get("where")}
    return {"id": record.get("id"), **result.to_dict()}


def run(
    inputs: Iterable[str | Path], output: IO[str], *, errors: IO[str] | None = None, fields: Fields = Fields(),
    pipeline: Pipeline | None = None, workers: int = 1, progress: bool = False,
) -> Summary:
    """Extract every record of ``inputs`` into ``output`` (error records into ``errors`` when given)."""
    inputs = list(inputs)
    missing = [str(path) for path in inputs if not Path(path).exists()]
    if missing:  # a wrong path is a usage error: refuse before writing anything
        raise FileNotFoundError(f"no such input: {', '.join(missing)}")
    pipeline = pipeline or Pipeline()
    summary = Summary()
    started = time.perf_counter()
    records = read_records(inputs, fields)
    pending: deque[dict[str, Any]] = deque()  # records handed to the extractor, awaiting their result

    def to_extract() -> Iterator[Any]:
        for record in records:
            pending.append(record)
            # An unreadable record reaches the pipeline as a non-text so it comes back as an ErrorRecord
            # in its place; its own reason replaces the pipeline's below.
            yield {"id": record["id"], "text": None} if isinstance(record, _Unreadable) else record

    results: Iterable[Any] = pipeline.extract_many(to_extract(), workers=workers)
    if progress:
        from tqdm import tqdm

        results = tqdm(results, unit=" articles", smoothing=0.1)
    for result in results:
        record = pending.popleft()
        if isinstance(record, _Unreadable):
            result = ErrorRecord(summary.read, record["id"], record["error"], record["message"])
        line = output_line(record, result)
        summary.read += 1
        if isinstance(result, ErrorRecord):
            summary.errors += 1
            summary.error_kinds[result.error] = summary.error_kinds.get(result.error, 0) + 1
            print(json.dumps(line, ensure_ascii=False), file=errors or output)
        else:
            summary.extracted += 1
            print(json.dumps(line, ensure_ascii=False), file=output)
    summary.seconds = time.perf_counter() - started
    return summary


def open_output(path: str | Path) -> IO[str]:
    """A text stream for JSON Lines output, gzip-compressed when the name ends in .gz."""
    if str(path) == "-":
        return io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", write_through=True)
    if str(path).endswith(".gz"):
        return gzip.open(path, "wt", encoding="utf-8")
    return open(path, "w", encoding="utf-8")  # noqa: SIM115 (the caller closes it)
