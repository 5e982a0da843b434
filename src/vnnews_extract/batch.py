"""Batch extraction of article dumps: stream records in, extract (in parallel), write JSON Lines.

Every record read yields exactly one output line: the Article with its ``id`` and ``index``, or an
error record (``{"id", "index", "error", "message", "where"}``) naming why there is no Article.
Reading problems (malformed JSON or CSV, undecodable bytes, a truncated .gz) become error records too, so
``read == extracted + errors + skipped`` always holds (``skipped``: written by an earlier run, see
``resume``). Output goes to a ``Sink``: ``JsonLines`` here, ``ParquetSink`` in ``parquet``.
"""

from __future__ import annotations

import bisect
import contextlib
import csv
import gzip
import heapq
import json
import os
import sys
import time
import zlib
from collections import deque
from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol, cast

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
    skipped: int = 0  # already in the output of an earlier run (--resume)
    seconds: float = 0.0
    error_kinds: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        rate = (self.read - self.skipped) / self.seconds if self.seconds else 0.0
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.error_kinds.items()))
        skipped = f", skipped {self.skipped} already done" if self.skipped else ""
        return (f"read {self.read}, extracted {self.extracted}, errors {self.errors}"
                f"{f' ({kinds})' if kinds else ''}{skipped}, {self.seconds:.1f} s, {rate:.1f} articles/s")


class _Unreadable(dict[str, Any]):
    """An input record that could not be read; carries the reason to the output as an error record."""


def read_records(paths: Iterable[str | Path], fields: Fields = Fields()) -> Iterator[dict[str, Any]]:
    """Stream input records as {"id", "text", "published", "where"} from JSON Lines (.gz), CSV or .txt files."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for txt in sorted(path.rglob("*.txt")):
                if txt.is_file():  # not a directory named x.txt, not a dangling link
                    yield _from_text_file(txt)
        elif path.suffix.lower() == ".txt":
            yield _from_text_file(path)
        elif path.suffix.lower() == ".csv":
            yield from _from_csv(path, fields)
        else:
            yield from _from_jsonl(path, fields)


def _from_text_file(path: Path) -> dict[str, Any]:
    try:
        return {"id": path.stem, "text": path.read_bytes().decode("utf-8"), "where": str(path)}
    except (OSError, UnicodeDecodeError) as error:
        return _Unreadable(id=path.stem, where=str(path), error=type(error).__name__, message=str(error))


def _from_csv(path: Path, fields: Fields) -> Iterator[dict[str, Any]]:
    """One record per row after the header; a row that is not valid UTF-8 or CSV becomes _Unreadable."""
    csv.field_size_limit(sys.maxsize)  # long articles are legitimate CSV cells
    bad_lines: set[int] = set()
    with path.open("rb") as handle:
        reader = csv.DictReader(_decoded_lines(handle, bad_lines), strict=True)
        for lines, row, problem in _csv_rows(reader):
            if problem is None and not bad_lines.isdisjoint(lines):
                problem = "UnicodeDecodeError", f"bytes that are not UTF-8 in lines {lines[0]}-{lines[-1]}"
            where = f"{path}:{lines[0]}"
            if problem is None:
                yield _mapped(row, fields, where)
            else:
                yield _Unreadable(id=None, where=where, error=problem[0], message=problem[1])
            bad_lines.difference_update(lines)


def _csv_rows(reader: csv.DictReader[str]) -> Iterator[tuple[range, dict[str, Any], tuple[str, str] | None]]:
    """Each row with the lines it spans (quoted line breaks), or an empty row and why the reader failed."""
    lines_read = reader.reader  # DictReader's own line_num is not updated when a row fails
    try:
        if reader.fieldnames is None:  # an empty file
            return
    except csv.Error as error:
        yield range(1, lines_read.line_num + 1), {}, ("csv.Error", f"header row: {error}")
        return
    last = lines_read.line_num
    while True:
        try:
            row, problem = next(reader), None
        except StopIteration:
            return
        except csv.Error as error:  # e.g. a quote left open: the reader swallowed the lines up to here
            row, problem = {}, ("csv.Error", str(error))
        yield range(last + 1, max(last + 1, lines_read.line_num) + 1), row, problem
        last = lines_read.line_num


def _decoded_lines(handle: IO[bytes], bad_lines: set[int]) -> Iterator[str]:
    """The lines of a UTF-8 file (BOM dropped), noting in ``bad_lines`` those that do not decode."""
    for number, line in enumerate(handle, start=1):
        try:
            yield line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            bad_lines.add(number)
            yield line.decode("utf-8", errors="replace")


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


def _is_gz(path: str | Path) -> bool:
    return str(path).lower().endswith(".gz")


def _open_bytes(path: Path) -> IO[bytes]:
    if _is_gz(path):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def _json_record(line: bytes, fields: Fields, where: str) -> dict[str, Any]:
    try:
        value = json.loads(line.decode("utf-8"))
    except (ValueError, RecursionError) as error:  # bad UTF-8 or JSON, 5,000-digit numbers, deep nesting
        return _Unreadable(id=None, where=where, error=type(error).__name__, message=str(error)[:500])
    if not isinstance(value, dict):
        return _Unreadable(id=None, where=where, error="TypeError", message=f"a {type(value).__name__}, not an object")
    return _mapped(value, fields, where)


def _mapped(row: Mapping[str, Any], fields: Fields, where: str) -> dict[str, Any]:
    record_id, published = row.get(fields.id), row.get(fields.published)
    return {"id": None if record_id is None else str(record_id), "text": row.get(fields.text),
            "published": None if published == "" else published, "where": where}


def output_line(record: Mapping[str, Any], result: ErrorRecord | Any) -> dict[str, Any]:
    """The JSON object written for one input record; ``index`` is its position in the whole input."""
    head = {"id": record.get("id"), "index": record["index"]}
    if isinstance(result, ErrorRecord):
        return {**head, "error": result.error, "message": result.message, "where": record.get("where")}
    return {**head, **result.to_dict()}


class Sink(Protocol):
    """Where output lines go: JSON Lines here, Parquet in ``vnnews_extract.parquet``."""

    def write(self, line: dict[str, Any]) -> None: ...

    def close(self) -> None: ...


class JsonLines:
    """Writes each line as one JSON object per text line; ``close`` closes the stream.

    The stream is flushed every ``FLUSH_LINES`` lines (a sync point in a .gz), so a killed run leaves
    at most that many lines per file unwritten for ``--resume`` to redo.
    """

    FLUSH_LINES = 256

    def __init__(self, stream: IO[str]):
        self.stream = stream
        self.count = 0

    def write(self, line: dict[str, Any]) -> None:
        try:
            self.stream.write(json.dumps(line, ensure_ascii=False) + "\n")
        except UnicodeEncodeError:  # a lone surrogate ("\\ud800" in the input) has no UTF-8 form, only a JSON escape
            self.stream.write(json.dumps(line) + "\n")
        self.count += 1
        if self.count % self.FLUSH_LINES == 0:
            self.stream.flush()

    def close(self) -> None:
        self.stream.close()


def check_inputs(inputs: Iterable[str | Path]) -> list[str | Path]:
    """The inputs as a list; a missing one is a usage error, raised before anything is written."""
    inputs = list(inputs)
    missing = [str(path) for path in inputs if not Path(path).exists()]
    if missing:
        raise FileNotFoundError(f"no such input: {', '.join(missing)}")
    return inputs


def check_outputs(inputs: Iterable[str | Path], outputs: Iterable[str | Path | None]) -> None:
    """Refuse an output that is an input or another output: opening it would destroy or mangle it."""
    seen = {Path(path).resolve(): "input" for path in inputs}
    for path in outputs:
        if path is None or str(path) == "-":
            continue
        resolved = Path(path).resolve()
        if resolved in seen:
            raise ValueError(f"{path} is both an output and an {seen[resolved]}")
        seen[resolved] = "output"


def run(
    inputs: Iterable[str | Path], output: Sink, *, errors: Sink | None = None, fields: Fields = Fields(),
    pipeline: Pipeline | None = None, workers: int = 1, progress: bool = False, done: Container[int] = (),
) -> Summary:
    """Extract every record of ``inputs`` into ``output`` (error records into ``errors`` when given).

    Records whose index is in ``done`` (see ``resume``) are counted as skipped and not extracted again.
    """
    inputs = check_inputs(inputs)
    pipeline = pipeline or Pipeline()
    summary = Summary()
    started = time.perf_counter()
    pending: deque[dict[str, Any]] = deque()  # records handed to the extractor, awaiting their result

    def to_extract() -> Iterator[Any]:
        for index, record in enumerate(read_records(inputs, fields)):
            summary.read += 1
            if index in done:
                summary.skipped += 1
                continue
            record["index"] = index
            pending.append(record)
            # An unreadable record reaches the pipeline as a non-text so it comes back as an ErrorRecord
            # in its place; its own reason replaces the pipeline's below.
            yield {"id": record["id"], "text": None} if isinstance(record, _Unreadable) else record

    extracted = pipeline.extract_many(to_extract(), workers=workers)
    # Closed here, not whenever the garbage collector gets to it: if writing fails, the worker pool
    # must shut down in this thread (another thread may be the pool's own, which cannot join itself).
    with contextlib.closing(extracted):
        _write(extracted, pending, output, errors or output, summary, progress)
    summary.seconds = time.perf_counter() - started
    return summary


def _write(
    results: Iterable[Any], pending: deque[dict[str, Any]], output: Sink, errors: Sink, summary: Summary,
    progress: bool,
) -> None:
    """Write each result with the record it came from, counting them into ``summary``."""
    if progress:
        from tqdm import tqdm

        results = tqdm(results, unit=" articles", smoothing=0.1)
    for result in results:
        record = pending.popleft()
        if isinstance(record, _Unreadable):
            result = ErrorRecord(record["index"], record["id"], record["error"], record["message"])
        if isinstance(result, ErrorRecord):
            summary.errors += 1
            summary.error_kinds[result.error] = summary.error_kinds.get(result.error, 0) + 1
            errors.write(output_line(record, result))
        else:
            summary.extracted += 1
            output.write(output_line(record, result))


FORMATS = ("jsonl", "parquet")


def output_format(path: str | Path, format: str | None = None) -> str:
    """``format`` when given, else guessed from the name: .parquet is Parquet, anything else JSON Lines."""
    if format is None:
        return "parquet" if str(path).lower().endswith(".parquet") else "jsonl"
    if format not in FORMATS:
        raise ValueError(f"unknown output format {format!r}; choose one of {', '.join(FORMATS)}")
    return format


def open_sink(
    path: str | Path, *, format: str | None = None, facts_dir: str | Path | None = None, append: bool = False
) -> Sink:
    """The Sink writing ``path``; ``facts_dir`` (Parquet only) adds one flat table per fact type."""
    format = output_format(path, format)
    if format == "parquet":
        if append:
            raise ValueError("Parquet files cannot be appended to; resume needs JSON Lines output")
        if str(path) == "-":
            raise ValueError("Parquet output needs a file name, not standard output")
        from .parquet import ParquetSink  # pyarrow is an optional extra

        return ParquetSink(path, facts_dir=facts_dir)
    if facts_dir is not None:
        raise ValueError("--facts-dir writes Parquet tables; use it with Parquet output (--format parquet)")
    return JsonLines(open_output(path, append=append))


def open_output(path: str | Path, *, append: bool = False) -> IO[str]:
    """A text stream for JSON Lines output, gzip-compressed when the name ends in .gz.

    Appending to a .gz adds a gzip member; readers (gzip, zcat, pandas) read the members as one stream.
    """
    mode = "a" if append else "w"
    if str(path) == "-":
        return open(sys.stdout.fileno(), "w", encoding="utf-8", closefd=False)  # closing keeps stdout open
    if _is_gz(path):
        return cast(IO[str], gzip.open(path, mode + "t", encoding="utf-8"))
    return open(path, mode, encoding="utf-8")  # noqa: SIM115 (the caller closes it)


class Done:
    """The indices of input records already written, as runs of consecutive indices.

    Each output file holds its records in input order, so the indices read from the files, merged,
    form a few long runs: one per record whose line was lost (e.g. an error line still buffered when
    the process was killed). Memory grows with those gaps, not with the millions of records.
    """

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []  # run i is range(starts[i], ends[i])
        self.stragglers: set[int] = set()  # indices that came out of order (see resume)

    def add(self, index: int) -> None:
        if self.ends and index == self.ends[-1]:
            self.ends[-1] += 1
        elif not self.ends or index > self.ends[-1]:
            self.starts.append(index)
            self.ends.append(index + 1)
        elif index not in self:
            self.stragglers.add(index)

    def __contains__(self, index: object) -> bool:
        if not isinstance(index, int):
            return False
        run = bisect.bisect_right(self.starts, index) - 1
        return (run >= 0 and index < self.ends[run]) or index in self.stragglers

    def __len__(self) -> int:
        return sum(end - start for start, end in zip(self.starts, self.ends, strict=True)) + len(self.stragglers)


def resume(paths: Iterable[str | Path]) -> Done:
    """Repair JSON Lines outputs left by a killed run and return the indices they already hold.

    A partly written last line (or an unreadable .gz tail) is cut off, so appending continues after
    the last complete record. Missing files hold nothing yet. A record redone by an earlier resume
    can sit out of order in its file (its kind changed, e.g. a WorkerCrash that now extracts).
    """
    files = []
    for raw in paths:
        if str(raw) == "-":
            raise ValueError("--resume needs output files, not standard output")
        if Path(raw).exists():
            files.append(_complete_lines(Path(raw)))
    done = Done()
    for index in heapq.merge(*files):
        done.add(index)
    return done


def _complete_lines(path: Path) -> Iterator[int]:
    """Yield the index of each complete line of ``path``, then cut off anything after the last of them."""
    good_bytes = 0
    intact = True
    with _open_bytes(path) as handle:
        try:
            for line in handle:
                if not line.endswith(b"\n") or not isinstance(index := _line_index(line), int):
                    intact = False
                    break
                good_bytes += len(line)
                yield index
        except (EOFError, OSError, zlib.error):
            intact = False
    if not intact:
        _truncate(path, good_bytes)


def _line_index(line: bytes) -> int | None:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value.get("index") if isinstance(value, dict) else None


def _truncate(path: Path, size: int) -> None:
    """Keep the first ``size`` (uncompressed) bytes of ``path``."""
    if not _is_gz(path):
        with path.open("r+b") as handle:
            handle.truncate(size)
        return
    # A cut gzip stream cannot be appended to: rewrite its readable part as a fresh member.
    kept = path.with_name(path.name + ".resume-tmp")
    with _open_bytes(path) as source, gzip.open(kept, "wb") as target:
        while size > 0 and (block := source.read(min(size, 1 << 20))):
            target.write(block)
            size -= len(block)
    os.replace(kept, path)
