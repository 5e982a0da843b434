"""Benchmark of `vnnews-extract batch`: throughput by worker count, peak RSS per worker, streaming memory.

    .venv/bin/python bench/batch.py [--n 1000] [--ner-n 10] [--stream-mb 10 1024]

1. Throughput: the first --n corpus articles as JSON Lines through ``batch.run`` (all extractors,
   output to /dev/null) with 1 and 2 workers, end to end: worker start-up, reading, extraction,
   writing. Each run is a fresh child process, so its peak RSS and its workers' are its own.
2. The same rate for underthesea.ner over the paragraphs of the first --ner-n of those articles,
   in this process: the general toolkit the issue compares against.
3. Streaming: generated inputs of each --stream-mb size (corpus articles repeated with new ids) run
   with 2 workers and no extractors (normalisation and layout only, so 1 GB takes minutes, not
   hours); peak RSS must not grow with the input. Per-article memory of the extractors is covered
   by (1).

A benchmark, not a test: record the output in bench/RESULTS.md with the machine and date.
"""

from __future__ import annotations

import argparse
import itertools
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from run import load_articles, paragraphs  # noqa: E402 (the sibling benchmark's corpus helpers)


def write_dump(path: Path, texts: Sequence[str], size_bytes: int | None = None) -> int:
    """Write ``texts`` as JSON Lines (cycled until ``size_bytes`` when given); return the record count."""
    written = count = 0
    with path.open("w", encoding="utf-8") as out:
        for count, text in enumerate(itertools.cycle(texts) if size_bytes else texts, start=1):
            line = json.dumps({"id": f"a{count}", "text": text}, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            if size_bytes and written >= size_bytes:
                break
    return count


def measure(path: Path, workers: int, extractors: bool) -> dict[str, Any]:
    """Run one batch in a fresh child process and return its summary and peak RSS figures."""
    command = [sys.executable, __file__, "--child", str(path), str(workers), "all" if extractors else "none"]
    return dict(json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout))


def child(path: str, workers: int, extractors: str) -> None:
    import os

    from vnnews_extract import Pipeline
    from vnnews_extract.batch import JsonLines, run

    pipeline = Pipeline() if extractors == "all" else Pipeline([])
    with open(os.devnull, "w", encoding="utf-8") as sink:
        summary = run([path], JsonLines(sink), pipeline=pipeline, workers=workers)
    print(json.dumps({
        "read": summary.read, "extracted": summary.extracted, "errors": summary.errors, "seconds": summary.seconds,
        "main_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        # the largest of the worker processes, all reaped by now (0 when extraction ran in this process)
        "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }))


def ner_rate(texts: Sequence[str]) -> float:
    from underthesea import ner

    ner(paragraphs(texts[0])[0])  # load the model outside the timing
    started = time.perf_counter()
    for text in texts:
        for paragraph in paragraphs(text):
            ner(paragraph)
    return len(texts) / (time.perf_counter() - started)


def row(label: str, result: dict[str, Any]) -> str:
    rate = result["read"] / result["seconds"]
    worker = f"{result['worker_rss_mb']:.0f}" if result["worker_rss_mb"] else "(in main)"
    return (f"| {label} | {result['read']:,} | {result['seconds']:.1f} | {rate:.1f} | "
            f"{result['main_rss_mb']:.0f} | {worker} |")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000, help="corpus articles for the throughput runs")
    parser.add_argument("--ner-n", type=int, default=10, help="articles for underthesea.ner (0 skips it)")
    parser.add_argument("--stream-mb", type=int, nargs="*", default=[10, 1024], help="streaming input sizes")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "articles.jsonl")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], int(args.child[1]), args.child[2])
        return

    texts = load_articles(args.corpus, args.n)
    print(f"{len(texts)} articles, {sum(map(len, texts)) / len(texts):,.0f} chars/article; "
          f"{platform.platform()}, Python {platform.python_version()}")
    print("| run | records | seconds | articles/s | main RSS MB | max worker RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "articles.jsonl"
        write_dump(dump, texts)
        rates = {}
        for workers in (1, 2):
            result = measure(dump, workers, extractors=True)
            rates[workers] = result["read"] / result["seconds"]
            print(row(f"{len(texts):,} corpus articles, {workers} worker(s)", result), flush=True)
        for megabytes in args.stream_mb:
            big = Path(tmp) / f"stream-{megabytes}.jsonl"
            write_dump(big, texts, megabytes * 1024 * 1024)
            print(row(f"streaming {megabytes:,} MB, 2 workers, no extractors", measure(big, 2, extractors=False)),
                  flush=True)
            big.unlink()
    print(f"\n2 workers / 1 worker: {rates[2] / rates[1]:.2f}x")
    if args.ner_n:
        baseline = ner_rate(texts[: args.ner_n])
        print(f"underthesea.ner: {baseline:.2f} articles/s over {args.ner_n} articles; batch is "
              f"{rates[1] / baseline:.0f}x that with 1 worker, {rates[2] / baseline:.0f}x with 2")


if __name__ == "__main__":
    main()
