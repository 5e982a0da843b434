"""Batch extraction of article dumps: stream records in, extract (in parallel), write JSON Lines.

Every record read yields exactly one output line: the Article with its ``id`` and ``index``, or an
error record (``{"id", "index", "error", "message", "where"}``) naming why there is no Article.
Reading problems (malformed JSON or CSV, undecodable bytes, a truncated .gz, a record over
``max_record_bytes``, a symlink leaving an input directory) become error records too, so
``read == extracted + errors + skipped`` always holds (``skipped``: written by an earlier run, see
``resume``). Output goes to a ``Sink``: ``JsonLines`` here, ``ParquetSink`` in ``parquet``.
"""

from __future__ import annotations

import bisect
import contextlib
import csv
import gzip
import hashlib
import heapq
import json
import os
import sys
import time
import zlib
from collections import deque
from collections.abc import Container, Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, NamedTuple, Protocol, cast

from .pipeline import DEFAULT_MAX_CHARS, DEFAULT_TIMEOUT, ErrorRecord, HtmlResult, Pipeline, Result
from .text.normalize import without_surrogates


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


def record_limit(max_chars: int) -> int:
    """The default ``max_record_bytes`` for a pipeline's ``max_chars``.

    A JSON string may spend 6 bytes on a character ("\\u1ea1"), so a record whose text is within
    ``max_chars`` fits, with 1 MB to spare for its other fields; longer ones would be refused anyway.
    """
    return 6 * max_chars + (1 << 20)


DEFAULT_RECORD_BYTES = record_limit(DEFAULT_MAX_CHARS)


def read_records(
    paths: Iterable[str | Path], fields: Fields = Fields(), *, max_record_bytes: int = DEFAULT_RECORD_BYTES
) -> Iterator[dict[str, Any]]:
    """Stream input records as {"id", "text", "published", "where"} from JSON Lines (.gz), CSV or .txt files.

    A line, CSV record or text file over ``max_record_bytes`` is read through in pieces, never held
    whole (a 2 MB .gz can hold a 2 GiB line), and becomes a RecordTooLarge error record.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for txt, problem in text_files(path):
                if problem is None:
                    yield _from_text_file(txt, max_record_bytes)
                else:
                    yield _Unreadable(id=txt.stem, where=str(txt), error=problem[0], message=problem[1])
        elif path.suffix.lower() == ".txt":
            yield _from_text_file(path, max_record_bytes)
        elif path.suffix.lower() == ".csv":
            yield from _from_csv(path, fields, max_record_bytes)
        else:
            yield from _from_jsonl(path, fields, max_record_bytes)


def text_files(root: Path) -> list[tuple[Path, tuple[str, str] | None]]:
    """The .txt files under ``root``, sorted, each with the error kind and message if it must not be read.

    Symlinks are not followed out of ``root``: an input directory must not pull in files from
    elsewhere, so a link leading outside it, or nowhere, is reported rather than read or skipped. A
    link to a directory inside ``root`` is not entered: its files are read under their own path.
    """
    inside = root.resolve()
    found: list[tuple[Path, tuple[str, str] | None]] = []

    def unlistable(error: OSError) -> None:  # os.walk would skip a directory it cannot list
        found.append((Path(error.filename), (type(error).__name__, str(error))))

    for folder, dirs, files in os.walk(root, onerror=unlistable):  # does not enter linked directories
        for name in dirs:
            path = Path(folder, name)
            if path.is_symlink() and (problem := _entry_problem(path, inside)):
                found.append((path, problem))
        found.extend((Path(folder, name), _entry_problem(Path(folder, name), inside))
                     for name in files if name.lower().endswith(".txt"))
    return sorted(found, key=lambda entry: entry[0])


def _entry_problem(path: Path, inside: Path) -> tuple[str, str] | None:
    if path.is_symlink():
        if not path.exists():
            return "DanglingSymlink", f"the link leads to {os.readlink(path)}, which is missing (or a loop)"
        if not path.resolve().is_relative_to(inside):
            return "SymlinkOutsideInput", f"the link leads to {path.resolve()}, outside the input directory {inside}"
    if not path.is_file() and not path.is_dir():
        return "NotARegularFile", "a FIFO, socket or device: reading it could wait forever"
    return None


def _from_text_file(path: Path, limit: int) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            return _too_large(path.stem, str(path), limit)
        return {"id": path.stem, "text": data.decode("utf-8"), "where": str(path)}
    except (OSError, UnicodeDecodeError) as error:
        return _Unreadable(id=path.stem, where=str(path), error=type(error).__name__, message=str(error))


def _too_large(record_id: str | None, where: str, limit: int) -> _Unreadable:
    return _Unreadable(id=record_id, where=where, error="RecordTooLarge",
                       message=f"more than {limit:,} bytes (max_record_bytes)")


class _Overlong(NamedTuple):
    """A line over the limit, read through in pieces: its size and how many quote characters it held."""

    size: int
    quotes: int


_PIECE = 1 << 20  # bytes read at a time from a line over the limit


def _bounded_lines(handle: IO[bytes], limit: int) -> Iterator[bytes | _Overlong]:
    """Each line of ``handle`` (its end of line included); one over ``limit`` bytes comes as an _Overlong."""
    while line := handle.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        size, quotes = len(line), line.count(b'"')
        while not line.endswith(b"\n") and (line := handle.readline(_PIECE)):
            size, quotes = size + len(line), quotes + line.count(b'"')
        yield _Overlong(size, quotes)


@dataclass
class _LineNotes:
    """What the CSV line reader noticed, for the row reader, by line number."""

    undecodable: set[int] = field(default_factory=set)
    too_large: set[int] = field(default_factory=set)
    record_bytes: int = 0  # of the record being read; the row reader resets it after each row


def _from_csv(path: Path, fields: Fields, limit: int) -> Iterator[dict[str, Any]]:
    """One record per row after the header; a row too large, not valid UTF-8 or CSV becomes _Unreadable."""
    csv.field_size_limit(sys.maxsize)  # long articles are legitimate CSV cells; _csv_lines bounds records
    notes = _LineNotes()
    with path.open("rb") as handle:
        reader = csv.DictReader(_csv_lines(handle, limit, notes), strict=True)
        for lines, row, problem in _csv_rows(reader, notes):
            where = f"{path}:{lines[0]}"
            if not notes.too_large.isdisjoint(lines):
                yield _too_large(None, where, limit)
            elif problem is None and not notes.undecodable.isdisjoint(lines):
                yield _Unreadable(id=None, where=where, error="UnicodeDecodeError",
                                  message=f"bytes that are not UTF-8 in lines {lines[0]}-{lines[-1]}")
            elif problem is None:
                yield _mapped(row, fields, where)
            else:
                yield _Unreadable(id=None, where=where, error=problem[0], message=problem[1])
            notes.undecodable.difference_update(lines)
            notes.too_large.difference_update(lines)


def _csv_rows(
    reader: csv.DictReader[str], notes: _LineNotes
) -> Iterator[tuple[range, dict[str, Any], tuple[str, str] | None]]:
    """Each row with the lines it spans (quoted line breaks), or an empty row and why the reader failed."""
    lines_read = reader.reader  # DictReader's own line_num is not updated when a row fails
    try:
        if reader.fieldnames is None:  # an empty file
            return
    except csv.Error as error:
        yield range(1, lines_read.line_num + 1), {}, ("csv.Error", f"header row: {error}")
        return
    if notes.too_large:  # the header row: no column can be told from another
        yield range(1, lines_read.line_num + 1), {}, None
        return
    notes.record_bytes = 0
    last = lines_read.line_num
    while True:
        try:
            row, problem = next(reader), None
        except StopIteration:
            return
        except csv.Error as error:  # e.g. a quote left open: the reader swallowed the lines up to here
            row, problem = {}, ("csv.Error", str(error))
        notes.record_bytes = 0  # the reader reads no further than the end of its row: the next line starts one
        yield range(last + 1, max(last + 1, lines_read.line_num) + 1), row, problem
        last = lines_read.line_num


def _csv_lines(handle: IO[bytes], limit: int, notes: _LineNotes) -> Iterator[str]:
    """The lines of a UTF-8 CSV file (BOM dropped) for the csv reader, noting problems in ``notes``.

    A line that does not decode is passed on with U+FFFD. Once the record being read has passed
    ``limit`` bytes, each of its lines is replaced by two or three quote characters, as many modulo 2
    as the line held, so the reader holds a small record that still ends where the real one does.
    """
    for number, line in enumerate(_bounded_lines(handle, limit), start=1):
        size, quotes = line if isinstance(line, _Overlong) else (len(line), line.count(b'"'))
        notes.record_bytes += size
        if isinstance(line, _Overlong) or notes.record_bytes > limit:
            notes.too_large.add(number)
            yield '""' + '"' * (quotes % 2) + "\n"
            continue
        try:
            yield line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            notes.undecodable.add(number)
            yield line.decode("utf-8", errors="replace")


def _from_jsonl(path: Path, fields: Fields, limit: int) -> Iterator[dict[str, Any]]:
    """One record per line; bad or overlong lines and a truncated or corrupt .gz tail become _Unreadable."""
    number = 0
    with _open_bytes(path) as handle:
        try:
            for number, line in enumerate(_bounded_lines(handle, limit), start=1):
                if isinstance(line, _Overlong):
                    yield _too_large(None, f"{path}:{number}", limit)
                elif line.strip():
                    yield _json_record(line, fields, f"{path}:{number}")
        except (EOFError, OSError, zlib.error) as error:
            yield _Unreadable(id=None, where=f"{path}:{number + 1}", error=type(error).__name__,
                              message=f"input ends unreadably after line {number}: {error}")


def _is_gz(path: str | Path) -> bool:
    return str(path).lower().endswith(".gz")


def _open_bytes(path: Path, mode: str = "rb") -> IO[bytes]:
    if _is_gz(path):
        return cast(IO[bytes], gzip.open(path, mode))
    return path.open(mode)


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


# Line breaks to str.splitlines(), JavaScript before ES2019 and some JSON Lines readers, though not
# to JSON: written as escapes, a record is one line for every reader.
_LINE_BREAKS = "\u2028\u2029\x85"
_LINE_BREAK_ESCAPES = str.maketrans({char: f"\\u{ord(char):04x}" for char in _LINE_BREAKS})


class JsonLines:
    """Writes each line as one JSON object per text line (UTF-8, not ASCII escapes); ``close`` closes the stream.

    A lone surrogate ("\\ud800" in the input) is written as U+FFFD, as in Parquet: it has no UTF-8
    form, and one character for one keeps the offsets. The stream is flushed every ``FLUSH_LINES``
    lines (a sync point in a .gz), so a killed run leaves at most that many lines per file unwritten
    for ``--resume`` to redo.
    """

    FLUSH_LINES = 256

    def __init__(self, stream: IO[str]):
        self.stream = stream
        self.count = 0

    def write(self, line: dict[str, Any]) -> None:
        text = json.dumps(line, ensure_ascii=False)
        # Both are rare, and translating a line costs several times what dumping it does: look first.
        if any(char in text for char in _LINE_BREAKS):
            text = text.translate(_LINE_BREAK_ESCAPES)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            text = without_surrogates(text)
        self.stream.write(text + "\n")
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


def manifest_path(output: str | Path) -> Path | None:
    """Where the manifest of a run writing ``output`` goes: beside it (None for standard output)."""
    return None if str(output) == "-" else Path(f"{output}.manifest.json")


def manifest(inputs: Iterable[str | Path], fields: Fields, pipeline: Pipeline, *, html: bool = False) -> dict[str, Any]:
    """What a run's output depends on: its inputs as they are now, and the options that change results.

    The time budget and record limit are left out: redoing their error records with other values
    (``--resume --retry-errors``) is a reason to resume.
    """
    options = {"text_field": fields.text, "id_field": fields.id, "published_field": fields.published,
               "extractors": pipeline.names, "max_chars": pipeline.max_chars}
    if pipeline.lexicons.added:  # user lexicon entries change results; a run without them has no key
        options["lexicons"] = pipeline.lexicons.digest()
    if html:  # the texts are pages (--html); a run on plain texts has no key
        options["html"] = True
    return {"inputs": [_input_state(Path(path)) for path in inputs], "options": options}


def _input_state(path: Path) -> dict[str, Any]:
    """An input's path with its size and modification time; for a directory, a digest of its files' ones."""
    if not path.is_dir():
        return {"path": str(path.resolve()), **_size_and_time(path)}
    listing = hashlib.sha256()
    files = text_files(path)
    for file, _ in files:
        state = _size_and_time(file)
        listing.update(f"{file.relative_to(path)}\t{state['size']}\t{state['mtime_ns']}\n".encode(
            "utf-8", "surrogateescape"))
    return {"path": str(path.resolve()), "files": len(files), "listing_sha256": listing.hexdigest()}


def _size_and_time(path: Path) -> dict[str, int]:
    try:
        state = path.stat()
    except OSError:  # a dangling link, reported as such by the reader
        state = path.lstat()
    return {"size": state.st_size, "mtime_ns": state.st_mtime_ns}


def write_manifest(output: str | Path, current: dict[str, Any]) -> None:
    """Write ``current`` (see ``manifest``) beside ``output``, whole or not at all."""
    path = manifest_path(output)
    if path is None:
        return
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(json.dumps(current, ensure_ascii=False, indent=2) + "\n", "utf-8", "surrogateescape")
    os.replace(partial, path)


def check_manifest(output: str | Path, current: dict[str, Any]) -> None:
    """Refuse to resume ``output`` if the run that wrote it had other inputs or options.

    Its records would then sit beside records of another input or extraction: indices that no
    longer name the same record, or facts that a rerun would not give.
    """
    path = manifest_path(output)
    if path is None or not Path(output).exists():
        return
    if not path.exists():
        raise ValueError(f"cannot resume {output}: it has no manifest ({path}) to check its inputs and "
                         "options against; run without --resume to start afresh")
    try:
        recorded = json.loads(path.read_text("utf-8", "surrogateescape"))
    except ValueError as error:
        raise ValueError(f"cannot resume {output}: its manifest {path} is unreadable: {error}") from None
    if changes := _manifest_changes(recorded, current):
        raise ValueError(f"cannot resume {output}: since the run that wrote it, {'; '.join(changes)}; "
                         "run without --resume to start afresh")


def _manifest_changes(recorded: dict[str, Any], current: dict[str, Any]) -> list[str]:
    before, now = recorded.get("inputs", []), current["inputs"]
    if [state.get("path") for state in before] != [state["path"] for state in now]:
        changes = [f"the inputs changed from {', '.join(str(state.get('path')) for state in before)}"]
    else:
        changes = [f"{new['path']} changed" for old, new in zip(before, now, strict=True) if old != new]
    old_options = recorded.get("options", {})
    new_options = current["options"]
    # Both ways: an option a run sets only when used (lexicons, html) is absent from the other's manifest.
    changes += [f"{name} changed from {old_options.get(name)!r} to {new_options.get(name)!r}"
                for name in dict.fromkeys([*new_options, *old_options])
                if old_options.get(name) != new_options.get(name)]
    return changes


def run(
    inputs: Iterable[str | Path], output: Sink, *, errors: Sink | None = None, fields: Fields = Fields(),
    pipeline: Pipeline | None = None, workers: int = 1, progress: bool = False, done: Container[int] = (),
    timeout: float | None = DEFAULT_TIMEOUT, max_record_bytes: int | None = None, html: bool = False,
) -> Summary:
    """Extract every record of ``inputs`` into ``output`` (error records into ``errors`` when given).

    With ``html`` each record's text is an HTML page: its article text is extracted
    (``Pipeline.extract_html``) and each output line also holds that ``text``, which the offsets index.

    Records whose index is in ``done`` (see ``resume``) are counted as skipped and not extracted again.
    An article taking more than ``timeout`` seconds becomes a Timeout error record; with a timeout
    the articles are extracted in worker processes even for ``workers=1``, so that a hung one can be
    stopped (None: no budget, and ``workers=1`` extracts in this process). ``max_record_bytes``
    defaults to ``record_limit(pipeline.max_chars)``.
    """
    inputs = check_inputs(inputs)
    pipeline = pipeline or Pipeline()
    limit = max_record_bytes or record_limit(pipeline.max_chars)
    summary = Summary()
    started = time.perf_counter()
    pending: deque[dict[str, Any]] = deque()  # records handed to the extractor, awaiting their result

    def to_extract() -> Iterator[Any]:
        for index, record in enumerate(read_records(inputs, fields, max_record_bytes=limit)):
            summary.read += 1
            if index in done:
                summary.skipped += 1
                continue
            record["index"] = index
            pending.append(record)
            # An unreadable record reaches the pipeline as a non-text so it comes back as an ErrorRecord
            # in its place; its own reason replaces the pipeline's below.
            yield {"id": record["id"], "text": None} if isinstance(record, _Unreadable) else record

    extracted = _extracted(pipeline, to_extract(), workers, timeout, html)
    # Closed here, not whenever the garbage collector gets to it: if writing fails, the worker pool
    # must shut down in this thread (another thread may be the pool's own, which cannot join itself).
    with contextlib.closing(extracted):
        _write(extracted, pending, output, errors or output, summary, progress)
    summary.seconds = time.perf_counter() - started
    return summary


def _extracted(
    pipeline: Pipeline, items: Iterator[Any], workers: int, timeout: float | None, html: bool = False
) -> Generator[Result | HtmlResult, None, None]:
    if timeout is None and workers == 1:  # no budget to enforce: extract here, as extract_many does
        extract = pipeline.extract_html_item if html else pipeline.extract_item
        return (extract(index, item) for index, item in enumerate(items))
    from .parallel import extract_parallel  # keeps process machinery out of simple use

    return extract_parallel(items, extractors=pipeline.names, max_chars=pipeline.max_chars, workers=workers,
                            timeout=timeout, lexicons=pipeline.lexicons, html=html)


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
    path: str | Path, *, format: str | None = None, facts_dir: str | Path | None = None, append: bool = False,
    with_text: bool = False,
) -> Sink:
    """The Sink writing ``path``; ``facts_dir`` (Parquet only) adds one flat table per fact type.

    ``with_text`` adds a ``text`` column to Parquet output (the article text of ``run(html=True)``);
    JSON Lines write every key of a line anyway.
    """
    format = output_format(path, format)
    if format == "parquet":
        if append:
            raise ValueError("Parquet files cannot be appended to; resume needs JSON Lines output")
        if str(path) == "-":
            raise ValueError("Parquet output needs a file name, not standard output")
        from .parquet import ParquetSink  # pyarrow is an optional extra

        return ParquetSink(path, facts_dir=facts_dir, with_text=with_text)
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


def resume(paths: Iterable[str | Path], *, retry_errors: bool = False) -> Done:
    """Repair JSON Lines outputs left by a killed run and return the indices they already hold.

    A partly written last line (or an unreadable .gz tail) is cut off, so appending continues after
    the last complete record. Missing files hold nothing yet. With ``retry_errors`` the files are
    rewritten without their error lines, so those records are redone and each index stays once in
    the files; a redone record is appended, out of input order.
    """
    existing = []
    for raw in paths:
        if str(raw) == "-":
            raise ValueError("--resume needs output files, not standard output")
        if Path(raw).exists():
            existing.append(Path(raw))
    if retry_errors:
        for path in existing:
            _drop_error_lines(path)
    done = Done()
    for index in heapq.merge(*map(_complete_lines, existing)):
        done.add(index)
    return done


class _OutputLines:
    """The complete lines of an output file with their objects, up to where a killed run cut it off."""

    def __init__(self, handle: IO[bytes]):
        self.handle = handle
        self.cut = False

    def __iter__(self) -> Iterator[tuple[bytes, dict[str, Any]]]:
        try:
            for line in self.handle:
                if (value := _line_object(line)) is None:
                    self.cut = True
                    return
                yield line, value
        except (EOFError, OSError, zlib.error):  # a .gz cut off mid-stream
            self.cut = True


def _line_object(line: bytes) -> dict[str, Any] | None:
    if not line.endswith(b"\n"):
        return None
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) and isinstance(value.get("index"), int) else None


def _complete_lines(path: Path) -> Iterator[int]:
    """Yield the index of each complete line of ``path``, then cut off anything after the last of them."""
    good_bytes = 0
    with _open_bytes(path) as handle:
        lines = _OutputLines(handle)
        for line, value in lines:
            good_bytes += len(line)
            yield value["index"]
    if lines.cut:
        _truncate(path, good_bytes)


def _drop_error_lines(path: Path) -> None:
    """Rewrite ``path`` with only its complete Article lines (as a fresh .gz stream for a .gz)."""
    kept = path.with_name(path.name + ".resume-tmp")
    with _open_bytes(path) as source, _open_bytes(kept, "wb") as target:
        for line, value in _OutputLines(source):
            if "error" not in value:
                target.write(line)
    os.replace(kept, path)


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
