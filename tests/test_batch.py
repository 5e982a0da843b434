"""Batch extraction: every record read gives one output line (Article or error), in input order."""

from __future__ import annotations

import gzip
import io
import json
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pyarrow.parquet as pq  # the optional Parquet extra is part of the dev install
import pytest

from vnnews_extract import Article, Pipeline
from vnnews_extract.batch import Fields, JsonLines, Summary, read_records, resume, run
from vnnews_extract.cli import main
from vnnews_extract.extractors import REGISTRY
from vnnews_extract.parallel import usable_workers
from vnnews_extract.pipeline import ErrorRecord

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "examples" / "seed_article.txt").read_text(encoding="utf-8")
GOOD = "Ngày 25/10/2017, Tỉnh ủy ban hành Nghị quyết số 18-NQ/TW về 242 đảng viên."

# (line bytes, expected error kind or None for an Article)
BAD_AND_GOOD: list[tuple[bytes, str | None]] = [
    (json.dumps({"id": "good-1", "text": GOOD}).encode(), None),
    (b'{"id": "broken", "text": "unterminated', "JSONDecodeError"),
    (json.dumps({"id": "no-text"}).encode(), "TypeError"),
    (json.dumps({"id": "number", "text": 42}).encode(), "TypeError"),
    (json.dumps({"id": "empty", "text": ""}).encode(), None),
    (b"\xff\xfe\x00junk\x81\x82", "UnicodeDecodeError"),
    (b"[1, 2, 3]", "TypeError"),
    (json.dumps({"id": "huge", "text": "a " * 5_000_000}).encode(), "InputTooLargeError"),
    (json.dumps({"id": "good-2", "text": GOOD, "published": "2017-10-26"}).encode(), None),
    (b"[" * 200_000 + b"]" * 200_000, "RecursionError"),
    (b'{"id": 1' + b"0" * 5000 + b', "text": "x"}', "ValueError"),  # beyond Python's int-parsing limit
    (json.dumps({"id": "pub-int", "text": GOOD, "published": 0}).encode(), None),  # a warning, not an error
    # lone surrogates (JSON escapes with no UTF-8 form) in an id and a text: extracted, and writable
    (json.dumps({"id": "\ud800", "text": "\udc80 " + GOOD}).encode(), None),
]


@pytest.fixture(scope="module")
def small_pipeline() -> Pipeline:
    return Pipeline()


def _run(tmp_path: Path, pipeline: Pipeline, workers: int, lines: list[bytes]) -> tuple[list[dict[str, Any]], Summary]:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    out = io.StringIO()
    summary = run([source], JsonLines(out), pipeline=pipeline, workers=workers)
    return [json.loads(line) for line in out.getvalue().splitlines()], summary


@pytest.mark.parametrize("workers", [1, 2])
def test_every_bad_record_gives_an_error_record_and_none_is_lost(
    tmp_path: Path, small_pipeline: Pipeline, workers: int
) -> None:
    rows, summary = _run(tmp_path, small_pipeline, workers, [line for line, _ in BAD_AND_GOOD])
    assert len(rows) == len(BAD_AND_GOOD) == summary.read == summary.extracted + summary.errors
    assert [row.get("error") for row in rows] == [kind for _, kind in BAD_AND_GOOD]
    assert rows[0]["id"] == "good-1" and rows[0]["documents"][0]["key"] == "18-NQ/TW"
    assert rows[1]["where"].endswith("in.jsonl:2")
    assert rows[-1]["id"] == "\ufffd" and rows[-1]["documents"][0]["text"] == "Nghị quyết số 18-NQ/TW"


def test_two_workers_keep_input_order_and_results(tmp_path: Path, small_pipeline: Pipeline) -> None:
    lines = [json.dumps({"id": f"a{n}", "text": f"{GOOD} Có {n} hộ."}).encode() for n in range(1, 60)]
    single, _ = _run(tmp_path, small_pipeline, 1, lines)
    double, _ = _run(tmp_path, small_pipeline, 2, lines)
    assert [row["id"] for row in double] == [f"a{n}" for n in range(1, 60)]
    assert double == single


def test_truncated_gzip_keeps_what_was_read_and_reports_the_rest(tmp_path: Path, small_pipeline: Pipeline) -> None:
    whole = gzip.compress(b"".join(json.dumps({"id": f"g{n}", "text": GOOD}).encode() + b"\n" for n in range(200)))
    source = tmp_path / "cut.jsonl.gz"
    source.write_bytes(whole[: len(whole) // 2])
    out = io.StringIO()
    summary = run([source], JsonLines(out), pipeline=small_pipeline)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert summary.read == len(rows) == summary.extracted + summary.errors
    assert rows[-1]["error"] == "EOFError" and "ends unreadably" in rows[-1]["message"]
    assert [row["id"] for row in rows[:-1]] == [f"g{n}" for n in range(len(rows) - 1)]


def test_csv_and_text_directory_inputs(tmp_path: Path, small_pipeline: Pipeline) -> None:
    (tmp_path / "a.csv").write_text(f'key,body\nc1,"{GOOD}"\nc2,\n', encoding="utf-8")
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "seed.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "texts" / "junk.txt").write_bytes(b"\xff\xfe\x81")
    out = io.StringIO()
    summary = run([tmp_path / "a.csv", tmp_path / "texts"], JsonLines(out), fields=Fields(text="body", id="key"),
                  pipeline=small_pipeline)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [row["id"] for row in rows] == ["c1", "c2", "junk", "seed"]
    assert [row.get("error") for row in rows] == [None, None, "UnicodeDecodeError", None]
    assert rows[3]["authors"] == ["Anh Phong"] and summary.read == 4


# CSV rows: (file bytes, [(id or None, error or None, line the record starts on)])
CSV_CASES = [
    ("\ufeffid,text\nb1,xin chào\n".encode(), [("b1", None, 2)]),  # a BOM does not rename the id column
    (b'id,text\nu1,ok\nu2,"bad \xff byte"\nm1,"two\nlines"\nu3,after\n',
     [("u1", None, 2), (None, "UnicodeDecodeError", 3), ("m1", None, 4), ("u3", None, 6)]),
    (b'id,text\na,"x"y\nb,fine\n', [(None, "csv.Error", 2), ("b", None, 3)]),
    (b'id,text\nu1,ok\nu2,"never closed\nu3,swallowed\n', [("u1", None, 2), (None, "csv.Error", 3)]),
    (b"", []),
]


@pytest.mark.parametrize(("content", "expected"), CSV_CASES)
def test_csv_rows_that_are_not_utf8_or_csv_become_error_records_with_their_line(
    tmp_path: Path, content: bytes, expected: list[tuple[str | None, str | None, int]]
) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(content)
    records = list(read_records([source]))
    assert [(r["id"], r.get("error"), int(r["where"].rsplit(":", 1)[1])) for r in records] == expected


def test_text_files_alone_or_in_directories(tmp_path: Path) -> None:
    (tmp_path / "dir" / "not-a-file.txt").mkdir(parents=True)
    (tmp_path / "dir" / "deep").mkdir()
    (tmp_path / "dir" / "deep" / "b.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "single.txt").write_text(GOOD, encoding="utf-8")
    records = list(read_records([tmp_path / "dir", tmp_path / "single.txt"]))
    assert [(r["id"], r["text"]) for r in records] == [("b", GOOD), ("single", GOOD)]


def test_symlinks_in_input_directories_that_leave_them_or_lead_nowhere_become_error_records(tmp_path: Path) -> None:
    texts, outside = tmp_path / "texts", tmp_path / "outside"
    (texts / "sub").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.txt").write_text("not an input", encoding="utf-8")
    (texts / "a.txt").write_text(GOOD, encoding="utf-8")
    (texts / "sub" / "c.txt").write_text(GOOD, encoding="utf-8")
    (texts / "b-inside.txt").symlink_to(texts / "a.txt")  # stays inside: read
    (texts / "d-outside.txt").symlink_to(outside / "secret.txt")
    (texts / "e-gone.txt").symlink_to(tmp_path / "missing.txt")
    (texts / "f-linked-dir").symlink_to(outside)
    (texts / "g-inner-dir").symlink_to(texts / "sub")  # its files are read under their own path
    os.mkfifo(texts / "h-fifo.txt")  # reading it would wait for a writer forever
    records = list(read_records([texts]))
    assert [(r["id"], r.get("error"), r["where"]) for r in records] == [
        ("a", None, str(texts / "a.txt")),
        ("b-inside", None, str(texts / "b-inside.txt")),
        ("d-outside", "SymlinkOutsideInput", str(texts / "d-outside.txt")),
        ("e-gone", "DanglingSymlink", str(texts / "e-gone.txt")),
        ("f-linked-dir", "SymlinkOutsideInput", str(texts / "f-linked-dir")),
        ("h-fifo", "NotARegularFile", str(texts / "h-fifo.txt")),
        ("c", None, str(texts / "sub" / "c.txt")),
    ]
    assert records[1]["text"] == GOOD and "outside" in records[2]["message"]


def test_an_overlong_line_becomes_record_too_large_and_reading_goes_on(tmp_path: Path) -> None:
    """A small .gz holding one 50 MB line is read in pieces: never held whole, and the next records follow."""
    bomb, after = tmp_path / "bomb.jsonl.gz", tmp_path / "after.jsonl"
    with gzip.open(bomb, "wb") as handle:
        handle.write(b'{"id": "bomb", "text": "')
        for _ in range(50):
            handle.write(b"a" * (1 << 20))
        handle.write(b'"}\n' + json.dumps({"id": "next", "text": GOOD}).encode() + b"\n")
    after.write_text(json.dumps({"id": "other-file", "text": GOOD}) + "\n", encoding="utf-8")
    assert bomb.stat().st_size < 200_000
    tracemalloc.start()
    try:
        records = list(read_records([bomb, after], max_record_bytes=1 << 20))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(r["id"], r.get("error"), r["where"]) for r in records] == [
        (None, "RecordTooLarge", f"{bomb}:1"), ("next", None, f"{bomb}:2"), ("other-file", None, f"{after}:1")]
    assert peak < 8 << 20, f"reading held {peak:,} bytes"

    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    args = ["batch", str(bomb), str(after), "-o", str(out), "--errors", str(errors), "--max-record-bytes", "1000000"]
    assert main([*args, "--workers", "1", "--timeout", "0", "--no-progress"]) == 0
    assert [row["id"] for row in _lines(out)] == ["next", "other-file"]
    assert [(row["error"], row["where"]) for row in _lines(errors)] == [("RecordTooLarge", f"{bomb}:1")]


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("in.txt", b"x" * 2000, [("in", "RecordTooLarge", "in.txt")]),
    ("in.csv", b'id,text\nlong,"' + b"x\"\"" * 600 + b'"\nshort,ok\n',
     [(None, "RecordTooLarge", "in.csv:2"), ("short", None, "in.csv:3")]),
    ("in.csv", b'id,text\nlong,"' + b"x\n" * 1000 + b'"\nshort,ok\n',  # a long field over many short lines
     [(None, "RecordTooLarge", "in.csv:2"), ("short", None, "in.csv:1003")]),
    ("in.jsonl", b'{"id": "a", "text": "' + b"x" * 2000 + b'"}\n{"id": "b", "text": "ok"}',
     [(None, "RecordTooLarge", "in.jsonl:1"), ("b", None, "in.jsonl:2")]),
])
def test_records_over_max_record_bytes_become_errors_in_every_input_format(
    tmp_path: Path, name: str, content: bytes, expected: list[tuple[str | None, str | None, str]]
) -> None:
    (tmp_path / name).write_bytes(content)
    records = list(read_records([tmp_path / name], max_record_bytes=1000))
    assert [(r["id"], r.get("error"), r["where"].replace(f"{tmp_path}/", "")) for r in records] == expected


def test_cli_batch_refuses_an_output_that_is_an_input_or_the_other_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_bytes(BAD_AND_GOOD[0][0] + b"\n")
    assert main(["batch", str(source), "-o", str(source), "--no-progress"]) == 2
    assert main(["batch", str(source), "-o", str(out), "--errors", str(out), "--no-progress"]) == 2
    assert "is both an output and an input" in capsys.readouterr().err
    assert source.read_bytes() == BAD_AND_GOOD[0][0] + b"\n" and not out.exists()


def test_cli_batch_writes_gzip_output_and_separate_errors(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(line for line, _ in BAD_AND_GOOD[:3]) + b"\n")
    out, errors = tmp_path / "out.jsonl.gz", tmp_path / "errors.jsonl"
    args = ["batch", str(source), "-o", str(out), "--errors", str(errors), "--workers", "1", "--no-progress"]
    assert main(args) == 0
    articles = [json.loads(line) for line in gzip.open(out, "rt", encoding="utf-8")]
    failures = [json.loads(line) for line in errors.read_text("utf-8").splitlines()]
    assert [a["id"] for a in articles] == ["good-1"]
    assert [(f["id"], f["error"]) for f in failures] == [(None, "JSONDecodeError"), ("no-text", "TypeError")]


def test_json_lines_escape_line_separators_and_write_lone_surrogates_as_replacement_characters() -> None:
    out = io.StringIO()
    JsonLines(out).write({"id": "a\u2028b", "text": "Nghị\u2029quyết\x85số \ud800", "n": 1})
    text = out.getvalue()
    assert text.count("\n") == 1 and len(text.splitlines()) == 1  # str.splitlines() breaks on all three
    assert "\\u2028" in text and "\\u2029" in text and "\\u0085" in text and "Nghị" in text  # Vietnamese stays as is
    assert json.loads(text) == {"id": "a\u2028b", "text": "Nghị\u2029quyết\x85số \ufffd", "n": 1}
    text.encode("utf-8")  # no lone surrogate left


def test_cli_batch_missing_input_is_refused_before_writing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(tmp_path / "absent.jsonl"), "-o", str(out), "--no-progress"]) == 2
    assert "no such input" in capsys.readouterr().err


class TriggeredExtractor:
    """Finds nothing, and misbehaves (``fire``) on any article containing ``trigger``."""

    name = "triggered.v1"
    fact = "dates"
    needs: tuple[str, ...] = ()
    trigger = ""

    def fire(self) -> None:
        raise NotImplementedError

    def __call__(self, doc: object, found: object) -> list[object]:
        if self.trigger in doc.normalized.text:  # type: ignore[attr-defined]
            self.fire()
        return []


class CrashingExtractor(TriggeredExtractor):
    """Kills its worker process (a stand-in for a segfault or OOM kill)."""

    name, trigger = "crash.v1", "CRASH"

    def fire(self) -> None:
        os._exit(1)


class BuggyExtractor(TriggeredExtractor):
    """Fails as an extractor with an unforeseen bug would."""

    name, trigger = "bug.v1", "BUG"

    def fire(self) -> None:
        [][1]  # noqa: B018 (the IndexError is the point)


class FixedExtractor(TriggeredExtractor):
    """``bug.v1`` once its bug is fixed."""

    name, trigger = "bug.v1", "BUG"

    def fire(self) -> None:
        pass


class SleepingExtractor(TriggeredExtractor):
    """Hangs, as a runaway regular expression would."""

    name, trigger = "sleep.v1", "SLEEP"

    def fire(self) -> None:
        time.sleep(3600)


class FlakyExtractor(TriggeredExtractor):
    """Its worker dies the first two times it meets the trigger (an OOM kill from outside), then it works."""

    name, trigger = "flaky.v1", "FLAKY"

    def fire(self) -> None:
        counter = Path(os.environ["FLAKY_COUNTER"])
        deaths = int(counter.read_text()) if counter.exists() else 0
        if deaths < 2:
            counter.write_text(str(deaths + 1))
            os._exit(1)


@pytest.fixture(params=["fork", "spawn"])
def start_method(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run the test's worker pools under each start method: spawned workers import, not inherit, the registry."""
    before = multiprocessing.get_start_method()
    multiprocessing.set_start_method(request.param, force=True)
    yield request.param
    multiprocessing.set_start_method(before, force=True)


def test_a_killed_worker_loses_no_article(monkeypatch: pytest.MonkeyPatch, start_method: str) -> None:
    monkeypatch.setitem(REGISTRY, "crash.v1", f"{__name__}:CrashingExtractor")
    items = [{"id": f"i{n}", "text": "CRASH" if n == 20 else f"bài {n}"} for n in range(40)]
    results = list(Pipeline(["crash.v1"]).extract_many(items, workers=2))
    assert len(results) == 40
    # Every chunk in flight when the pool broke is rerun alone, the guilty chunk then item by item:
    # only the article that kills its worker is reported, every other one is extracted.
    crashed = [n for n, result in enumerate(results) if isinstance(result, ErrorRecord)]
    assert crashed == [20]
    assert results[20].error == "WorkerCrash" and results[20].id == "i20"  # type: ignore[union-attr]
    assert all(isinstance(result, Article) for n, result in enumerate(results) if n != 20)


def test_an_article_is_a_worker_crash_only_when_it_kills_a_worker_alone_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, start_method: str
) -> None:
    monkeypatch.setitem(REGISTRY, "crash.v1", f"{__name__}:CrashingExtractor")
    monkeypatch.setitem(REGISTRY, "flaky.v1", f"{__name__}:FlakyExtractor")
    monkeypatch.setenv("FLAKY_COUNTER", str(tmp_path / "deaths"))
    items = [{"id": f"i{n}", "text": {5: "CRASH", 16: "FLAKY"}.get(n, f"bài {n}")} for n in range(17)]
    results = list(Pipeline(["crash.v1", "flaky.v1"]).extract_many(items, workers=2))
    assert [getattr(result, "error", None) for result in results] == [
        "WorkerCrash" if n == 5 else None for n in range(17)]
    assert (tmp_path / "deaths").read_text() == "2"  # killed twice, once alone, and still extracted


def test_an_article_over_the_time_budget_becomes_a_timeout_and_its_worker_is_replaced(
    monkeypatch: pytest.MonkeyPatch, start_method: str
) -> None:
    monkeypatch.setitem(REGISTRY, "sleep.v1", f"{__name__}:SleepingExtractor")
    items = [{"id": f"t{n}", "text": "SLEEP" if n in (3, 8) else f"bài {n}"} for n in range(12)]
    started = time.monotonic()
    results = list(Pipeline(["sleep.v1"]).extract_many(items, workers=2, timeout=2))
    assert time.monotonic() - started < 60
    assert [getattr(result, "error", None) for result in results] == [
        "Timeout" if n in (3, 8) else None for n in range(12)]
    assert results[3].id == "t3" and "2 s" in results[3].message  # type: ignore[union-attr]
    assert multiprocessing.active_children() == []  # the hung workers were killed, not left behind


def test_cli_batch_timeout_with_one_worker_does_not_stall_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(REGISTRY, "sleep.v1", f"{__name__}:SleepingExtractor")
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("".join(json.dumps({"id": f"s{n}", "text": "SLEEP" if n == 1 else "bài"}) + "\n"
                              for n in range(4)), encoding="utf-8")
    args = ["batch", str(source), "-o", str(out), "--workers", "1", "--timeout", "2", "--extractors", "sleep.v1"]
    assert main([*args, "--no-progress"]) == 0
    assert [row.get("error") for row in _lines(out)] == [None, "Timeout", None, None]
    assert "Timeout 1" in capsys.readouterr().err


def test_workers_are_capped_by_cores_and_available_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mb = 1 << 20
    assert usable_workers(64, cores=4, available_memory=64_000 * mb) == (4, "--workers 64 capped to 4: 4 cores")
    count, reason = usable_workers(8, cores=16, available_memory=450 * mb)
    assert count == 2 and reason is not None and "450 MB of memory available" in reason
    assert usable_workers(2, cores=4, available_memory=None) == (2, None)  # no /proc/meminfo: cores only
    assert usable_workers(None, cores=4, available_memory=None) == (4, None)  # the default says nothing
    assert usable_workers(3, cores=1, available_memory=10 * mb)[0] == 1  # never fewer than one

    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": GOOD}) + "\n", encoding="utf-8")
    args = ["batch", str(source), "-o", str(tmp_path / "out.jsonl"), "--workers", "10000", "--timeout", "0"]
    assert main([*args, "--no-progress"]) == 0
    assert "--workers 10000 capped to" in capsys.readouterr().err


def test_an_extractor_bug_costs_its_article_not_the_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(REGISTRY, "bug.v1", f"{__name__}:BuggyExtractor")
    results = list(Pipeline(["bug.v1"]).extract_many(["bài 1", "BUG", "bài 3"]))
    assert [getattr(result, "error", None) for result in results] == [None, "IndexError", None]


class SlowSink:
    """Writes slowly, so the workers run ahead and a crash happens while results are still being written."""

    def __init__(self) -> None:
        self.lines: list[dict[str, Any]] = []

    def write(self, line: dict[str, Any]) -> None:
        time.sleep(0.005)
        self.lines.append(line)

    def close(self) -> None:
        pass


def test_a_worker_killed_while_results_are_written_loses_only_its_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, start_method: str
) -> None:
    monkeypatch.setitem(REGISTRY, "crash.v1", f"{__name__}:CrashingExtractor")
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"s{n}", "text": "CRASH" if n == 100 else f"bài {n}"}) + "\n"
                              for n in range(300)), encoding="utf-8")
    sink = SlowSink()
    summary = run([source], sink, pipeline=Pipeline(["crash.v1"]), workers=2)
    assert [line["index"] for line in sink.lines] == list(range(300))
    assert [line["index"] for line in sink.lines if "error" in line] == [100]
    assert (summary.read, summary.extracted, summary.errors) == (300, 299, 1)


class FailingSink:
    """A disk that fills up after a few lines."""

    def __init__(self) -> None:
        self.lines: list[dict[str, Any]] = []

    def write(self, line: dict[str, Any]) -> None:
        if len(self.lines) == 5:
            raise OSError(28, "No space left on device")
        self.lines.append(line)

    def close(self) -> None:
        pass


def test_a_failing_output_stops_the_run_with_its_error_and_no_worker_left(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(json.dumps({"id": f"f{n}", "text": GOOD}).encode() + b"\n" for n in range(200)))
    sink = FailingSink()
    with pytest.raises(OSError, match="No space left"):
        run([source], sink, pipeline=Pipeline(["dates.v1"]), workers=2)
    assert [line["id"] for line in sink.lines] == [f"f{n}" for n in range(5)]
    assert multiprocessing.active_children() == []  # the pool was shut down, not left to the GC


def _dump(path: Path, count: int) -> list[str | None]:
    """Write ``count`` records, every 50th one malformed, and return the ids the output must hold."""
    lines = [b'{"id": "bad%d", "text":' % n if n % 50 == 7 else
             json.dumps({"id": f"r{n}", "text": f"{GOOD} Có {n} hộ."}).encode() for n in range(count)]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return [f"r{n}" if n % 50 != 7 else None for n in range(count)]


def _lines(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:  # type: ignore[operator]
        return [json.loads(line) for line in handle]


@pytest.mark.parametrize("suffix", [".jsonl", ".JSONL.GZ"])  # a .gz in capitals is gzip too
def test_sigkill_mid_run_then_resume_completes_without_loss_or_duplicates(tmp_path: Path, suffix: str) -> None:
    source, out, errors = tmp_path / "in.jsonl", tmp_path / f"out{suffix}", tmp_path / "errors.jsonl"
    expected = _dump(source, 1500)
    args = ["batch", str(source), "-o", str(out), "--errors", str(errors), "--no-progress"]
    process = subprocess.Popen([sys.executable, "-m", "vnnews_extract.cli", *args, "--workers", "2"],
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    # some output on disk: plain lines reach it in 8 KB writes, gzip only as the compressor emits blocks
    threshold = 2_000 if suffix.lower().endswith(".gz") else 16_000
    while not (out.exists() and out.stat().st_size > threshold) and process.poll() is None:
        assert time.monotonic() < deadline, "the batch run wrote nothing in two minutes"
        time.sleep(0.02)
    workers = psutil.Process(process.pid).children()
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL, "the run finished before it could be killed"
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert len(workers) == 2 and not alive, "workers outlived the killed batch process"
    assert 0 < len(resume([out, errors])) < len(expected), "the kill did not leave a partial output"

    assert main([*args, "--workers", "2", "--resume"]) == 0
    written, failed = _lines(out), _lines(errors)
    assert [row["index"] for row in written] == [n for n, i in enumerate(expected) if i]  # in order, once each
    assert [row["id"] for row in written] == [i for i in expected if i]
    assert sorted(row["index"] for row in failed) == [n for n, i in enumerate(expected) if not i]
    assert {row["error"] for row in failed} == {"JSONDecodeError"}


@pytest.mark.parametrize("separate_errors", [True, False])
def test_resume_with_retry_errors_redoes_the_error_records_once_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, separate_errors: bool
) -> None:
    source, out, errors = tmp_path / "in.jsonl", tmp_path / "out.jsonl.gz", tmp_path / "errors.jsonl"
    source.write_text("".join(json.dumps({"id": f"b{n}", "text": "BUG" if n in (2, 4) else "bài"}) + "\n"
                              for n in range(6)) + "{broken\n", encoding="utf-8")
    args = ["batch", str(source), "-o", str(out), "--extractors", "bug.v1", "--workers", "1", "--no-progress",
            *(["--errors", str(errors)] if separate_errors else [])]
    monkeypatch.setitem(REGISTRY, "bug.v1", f"{__name__}:BuggyExtractor")
    assert main(args) == 0
    monkeypatch.setitem(REGISTRY, "bug.v1", f"{__name__}:FixedExtractor")  # the bug is fixed; redo its errors
    assert main([*args, "--resume"]) == 0  # without --retry-errors, errors are kept as they are
    rows = _lines(out) + (_lines(errors) if separate_errors else [])
    assert sorted((row["index"], row.get("error")) for row in rows) == [
        (0, None), (1, None), (2, "IndexError"), (3, None), (4, "IndexError"), (5, None), (6, "JSONDecodeError")]

    assert main([*args, "--resume", "--retry-errors"]) == 0
    rows = _lines(out) + (_lines(errors) if separate_errors else [])
    assert sorted((row["index"], row.get("error")) for row in rows) == [
        (0, None), (1, None), (2, None), (3, None), (4, None), (5, None), (6, "JSONDecodeError")]


def test_resume_refuses_other_inputs_or_options_than_the_run_it_continues(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _dump(source, 3)
    args = ["batch", str(source), "-o", str(out), "--extractors", "dates.v1", "--timeout", "0", "--no-progress"]
    assert main(args) == 0
    manifest = json.loads((tmp_path / "out.jsonl.manifest.json").read_text("utf-8"))
    assert manifest["inputs"][0]["path"] == str(source.resolve()) and manifest["options"]["max_chars"] > 0
    capsys.readouterr()

    assert main([*args, "--resume", "--extractors", "dates.v1,documents.v1"]) == 2
    assert main([*args, "--resume", "--text-field", "body"]) == 2
    with source.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "late", "text": GOOD}) + "\n")
    assert main([*args, "--resume"]) == 2
    err = capsys.readouterr().err
    assert "extractors" in err and "text_field" in err and f"{source.resolve()} changed" in err
    assert len(_lines(out)) == 3  # nothing was appended

    assert main(args) == 0  # a fresh run (no --resume) starts afresh and writes a new manifest
    assert main([*args, "--resume"]) == 0


def test_resume_cuts_a_partly_written_last_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "a", "index": 0}\n{"id": "b", "index": 2}\n{"id": "c", "ind', encoding="utf-8")
    done = resume([out])
    assert [n in done for n in range(4)] == [True, False, True, False] and len(done) == 2
    assert out.read_text("utf-8") == '{"id": "a", "index": 0}\n{"id": "b", "index": 2}\n'


def test_resume_merges_articles_and_errors_into_runs_of_done_records(tmp_path: Path) -> None:
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    # 3 and 7 are errors; the errors file lost 7 when the process was killed; 11 was redone out of order
    out.write_text("".join(f'{{"index": {n}}}\n' for n in (0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 11)), "utf-8")
    errors.write_text('{"index": 3}\n', "utf-8")
    done = resume([out, errors, tmp_path / "not-yet-written.jsonl"])
    assert (done.starts, done.ends, done.stragglers) == ([0, 8, 12], [7, 11, 13], {11})
    assert [n for n in range(15) if n not in done] == [7, 13, 14] and len(done) == 12


def test_resume_rewrites_a_cut_gzip_as_a_readable_one(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl.gz"
    whole = gzip.compress(b"".join(b'{"index": %d, "pad": "%s"}\n' % (n, os.urandom(40).hex().encode())
                                   for n in range(500)))
    out.write_bytes(whole[: len(whole) // 2])
    done = resume([out])
    assert 0 < len(done) < 500 and done.starts == [0] and done.ends == [len(done)]
    assert [row["index"] for row in _lines(out)] == list(range(len(done)))  # reads to the end, no EOFError


def test_resume_refuses_parquet_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    _dump(source, 3)
    assert main(["batch", str(source), "-o", str(tmp_path / "out.parquet"), "--resume", "--no-progress"]) == 2
    assert "--resume needs JSON Lines" in capsys.readouterr().err


def _as_parquet(value: Any) -> Any:
    """JSON output as Parquet holds it: every attribute (null if absent), U+FFFD for a lone surrogate."""
    if isinstance(value, dict):
        return {key: _as_parquet(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_as_parquet(item) for item in value]
    if isinstance(value, str):
        return re.sub("[\ud800-\udfff]", "\ufffd", value)
    return value


def test_parquet_output_and_fact_tables_read_back_equal_to_json_lines(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    lines = [line for line, _ in BAD_AND_GOOD if b"huge" not in line]
    # 9.5e15 is an int above 2**53, which Arrow refuses in a float column unless the sink converts it
    big = json.dumps({"id": "big", "text": "Tổng tài sản đạt 9.500 nghìn tỷ đồng."}).encode()
    source.write_bytes(b"\n".join([*lines, big, json.dumps({"id": "seed", "text": SEED}).encode()]) + b"\n")
    common = ["batch", str(source), "--workers", "1", "--no-progress"]
    assert main([*common, "-o", str(tmp_path / "out.jsonl")]) == 0
    assert main([*common, "-o", str(tmp_path / "out.parquet"), "--facts-dir", str(tmp_path / "facts")]) == 0

    expected = _as_parquet(_lines(tmp_path / "out.jsonl"))
    articles = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert _as_parquet(articles) == expected
    for name in ("officials", "dates", "documents", "statistics", "organizations", "locations"):
        table = pq.read_table(tmp_path / "facts" / f"{name}.parquet").to_pylist()
        flat = [{"article_id": row["id"], "article_index": row["index"], **fact}
                for row in expected for fact in row.get(name, [])]
        assert _as_parquet(table) == flat, name
        assert table, f"the seed article has {name}"
