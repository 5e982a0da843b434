"""Hostile inputs: time of extract() on each generator of tests/hostile.py at two sizes, and the
per-article time distribution over the real corpus.

    .venv/bin/python bench/adversarial.py [--sizes 10000 100000] [--only NAME ...] [--corpus PATH | --no-corpus]

For every generator: seconds at each size and the growth ratio between the last two (about 10 for
linear code at 10x the input; 100 for quadratic). Then p50, p99 and max ms/article over the corpus.
A benchmark, not a test (tests/test_linear_time.py holds the bound); record results in
bench/RESULTS.md with the machine and date.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.hostile holds the generators, shared with the test suite

from tests.hostile import GENERATORS  # noqa: E402
from vnnews_extract import Pipeline  # noqa: E402


def seconds(pipeline: Pipeline, text: str) -> float:
    started = time.perf_counter()
    pipeline.extract(text)
    return time.perf_counter() - started


def generators(pipeline: Pipeline, sizes: Sequence[int], names: Sequence[str]) -> None:
    header = " ".join(f"{f'{n:,} chars':>13}" for n in sizes)
    print(f"{'generator':<22} {header} {'growth':>8}")
    worst = ("", 0.0)
    for name in names:
        times = [seconds(pipeline, GENERATORS[name](n)) for n in sizes]
        growth = times[-1] / max(times[-2], 1e-3) if len(times) > 1 else float("nan")
        worst = max(worst, (name, times[-1]), key=lambda w: w[1])
        print(f"{name:<22} " + " ".join(f"{t:11.3f} s" for t in times) + f" {growth:8.1f}", flush=True)
    print(f"slowest at {sizes[-1]:,}: {worst[0]} {worst[1]:.2f} s")


def corpus(pipeline: Pipeline, path: Path) -> None:
    per_article: list[tuple[float, int, str]] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            text = row.get("text") or ""
            per_article.append((1000 * seconds(pipeline, text), len(text), str(row.get("id"))))
    times = sorted(t for t, _, _ in per_article)
    slowest = max(per_article)
    p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
    print(f"corpus: {len(times)} articles, p50 {statistics.median(times):.1f} ms, p99 {p99:.1f} ms, "
          f"max {slowest[0]:.1f} ms ({slowest[2]}, {slowest[1]:,} chars)")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--only", nargs="+", choices=sorted(GENERATORS), help="these generators only")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "articles.jsonl")
    parser.add_argument("--no-corpus", action="store_true", help="skip the corpus timing")
    args = parser.parse_args(argv)
    pipeline = Pipeline()
    pipeline.extract((ROOT / "examples" / "seed_article.txt").read_text("utf-8"))  # load everything first
    generators(pipeline, args.sizes, args.only or list(GENERATORS))
    if not args.no_corpus:
        if args.corpus.exists():
            corpus(pipeline, args.corpus)
        else:
            print(f"corpus: {args.corpus} is absent; skipped")


if __name__ == "__main__":
    main()
