"""Benchmark: vnnews_extract.extract() against underthesea on the same corpus articles, one process.

    .venv/bin/python bench/run.py [--n 200] [--ner-n 20] [--corpus ../shared/corpus/articles.jsonl]

Times, over the same N articles (ner over the first --ner-n of them): our full extract();
underthesea.word_tokenize over the same paragraphs (the segmenter we build on, the floor we compare
against); underthesea.ner over the same paragraphs (what a general toolkit would cost). Reports
ms/article, articles/s, ratios and peak RSS.
A benchmark, not a test: record the output in bench/RESULTS.md with the machine and date.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_articles(path: Path, n: int) -> list[str]:
    texts: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line).get("text")
            if isinstance(text, str) and text.strip():
                texts.append(text)
            if len(texts) == n:
                break
    return texts


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def timed(label: str, work: Callable[[str], object], texts: Sequence[str]) -> float:
    # Load models and compile every rule outside the timing: the seed article triggers them all
    # (the first corpus article alone left some for the timed loop, about 9 ms/article of 200).
    work((ROOT / "examples" / "seed_article.txt").read_text("utf-8"))
    work(texts[0])
    started = time.perf_counter()
    for text in texts:
        work(text)
    seconds = time.perf_counter() - started
    per_article = 1000 * seconds / len(texts)
    print(f"{label:<34} {per_article:9.1f} ms/article {len(texts) / seconds:9.1f} articles/s")
    return seconds


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200, help="number of corpus articles (default 200)")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "articles.jsonl")
    parser.add_argument(
        "--ner-n", type=int, default=20,
        help="articles for underthesea.ner, which takes seconds per article (default 20; 0 skips it)",
    )
    args = parser.parse_args(argv)

    from underthesea import ner, word_tokenize

    from vnnews_extract import Pipeline

    texts = load_articles(args.corpus, args.n)
    chars = sum(len(t) for t in texts)
    print(f"{len(texts)} articles, {chars / len(texts):,.0f} chars/article; {platform.platform()}, "
          f"Python {platform.python_version()}")
    pipeline = Pipeline()
    ours = timed("vnnews_extract extract()", pipeline.extract, texts)
    base = timed("underthesea.word_tokenize", lambda t: [word_tokenize(p) for p in paragraphs(t)], texts)
    print(f"ratio extract / word_tokenize      {ours / base:9.2f}")
    if args.ner_n > 0:
        sample = texts[: args.ner_n]
        slow = timed(f"underthesea.ner ({len(sample)} articles)", lambda t: [ner(p) for p in paragraphs(t)], sample)
        per_article_ratio = (slow / len(sample)) / (ours / len(texts))
        print(f"ratio ner / extract                {per_article_ratio:9.2f}  (per article: times faster we are)")
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS                           {rss_mb:9.0f} MB")


if __name__ == "__main__":
    main()
