"""Train the PER/TITLE CRF tagger on the dev gold and compare rules alone with rules + tagger.

    .venv/bin/python models/train_tagger.py [--folds 0,1,2,3,4] [--ship] [--speed 200]

Five-fold cross-validation over the articles of ../shared/gold/dev.jsonl, folds from
../shared/gold/folds.tsv: for each fold, train on the other four and score the rules alone and each
rules + tagger variant on it with the library's scorer. Prints a table per fold and the fold means,
and writes the numbers to models/tagger_cv.json. ``--ship`` then trains on all dev articles and writes
src/vnnews_extract/data/models/person_tagger.crfsuite. ``--speed N`` times the tagger on the first
N articles of ../shared/corpus/articles.jsonl. Without ../shared it says so and exits cleanly.

Labels come from the gold (models/README.md, "Labels"): PER on every occurrence of a gold official's
name and on its given name after an address word ("ông Thọ"), TITLE on the gold title strings
stacked right before or after those occurrences.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from vnnews_extract import Pipeline, evaluation
from vnnews_extract.resolve import tagger
from vnnews_extract.text.document import Document
from vnnews_extract.text.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = "gold/dev.jsonl"
FOLDS = "gold/folds.tsv"
CORPUS = "corpus/articles.jsonl"
CV_JSON = ROOT / "models" / "tagger_cv.json"
MODEL = ROOT / "src" / "vnnews_extract" / tagger.MODEL_RESOURCE

METRICS = ("officials.name", "officials.title", "officials.title.lenient")
# The rules + tagger variants scored (keyword arguments of tagger.merge).
VARIANTS: dict[str, dict[str, Any]] = {
    "names": {"add_titles": False},
    "titles": {"add_names": False},
    "names+titles": {},
    "names+titles@0.8": {"min_score": 0.8},
    "names@0.8": {"add_titles": False, "min_score": 0.8},
    "names+untitled@0.8": {"min_score": 0.8, "untitled_only": True},
}
# The variant the adoption rule is decided on, chosen before fold 0 was run: the best of those that
# met the rule on folds 1-4 (models/README.md, "Decision").
CANDIDATE = "names+untitled@0.8"
ADDRESS = ("ông", "bà", "anh", "chị", "Ông", "Bà", "Anh", "Chị")


@dataclass
class Example:
    """One dev article, analysed once: its Document, and per sentence tokens and gold labels."""

    id: str
    fold: int
    gold: dict[str, Any]
    doc: Document
    sentences: list[tuple[list[str], list[str]]]


# --- labels from the gold -------------------------------------------------------------------------


def _phrase(text: str) -> regex.Pattern[str]:
    body = r"\s+".join(regex.escape(part) for part in normalize(text).text.split())
    return regex.compile(rf"(?<![\w]){body}(?![\w])")


def _title_before(
    text: str, position: int, titles: Sequence[str], gap: regex.Pattern[str]
) -> tuple[int, int] | None:
    for gap_start in range(position, max(-1, position - 12), -1):
        if not gap.fullmatch(text, gap_start, position):
            continue
        for title in sorted(titles, key=len, reverse=True):
            start = gap_start - len(title)
            if start >= 0 and text[start:gap_start].lower() == title.lower() and not text[start - 1 : start].isalnum():
                return start, gap_start
    return None


def _title_after(text: str, position: int, titles: Sequence[str]) -> tuple[int, int] | None:
    gap = tagger.GAP_AFTER.match(text, position)
    if gap is None:
        return None
    start = gap.end()
    for title in sorted(titles, key=len, reverse=True):
        end = start + len(title)
        if text[start:end].lower() == title.lower() and not text[end : end + 1].isalnum():
            return start, end
    return None


def _titles_around(text: str, start: int, end: int, titles: Sequence[str]) -> Iterator[tuple[int, int]]:
    position, gap = start, tagger.NAME_GAP_BEFORE
    while (span := _title_before(text, position, titles, gap)) is not None:
        yield span
        position, gap = span[0], tagger.GAP_BEFORE
    position = end
    while (span := _title_after(text, position, titles)) is not None:
        yield span
        position = span[1]


def gold_spans(text: str, officials: Sequence[Mapping[str, Any]]) -> list[tuple[int, int, str]]:
    """PER and TITLE spans of one article's normalised text, PER first where two overlap."""
    people: list[tuple[int, int, str]] = []
    title_spans: list[tuple[int, int, str]] = []
    for official in officials:
        name = official.get("name") or ""
        if not name.strip():
            continue
        titles = [normalize(t).text for t in official.get("titles") or [] if t.strip()]
        mentions = [m.span() for m in _phrase(name).finditer(text)]
        given = name.split()[-1]
        if len(name.split()) >= 2 and given[:1].isupper():
            address = "|".join(ADDRESS)
            short = regex.compile(rf"(?<![\w])(?:{address})\s+({regex.escape(given)})(?![\w])(?!\s+\p{{Lu}})")
            mentions += [m.span(1) for m in short.finditer(text)]
        for start, end in mentions:
            people.append((start, end, "PER"))
            title_spans += [(s, e, "TITLE") for s, e in _titles_around(text, start, end, titles)]
    chosen: list[tuple[int, int, str]] = []
    longest_first = sorted(set(title_spans), key=lambda s: s[1] - s[0], reverse=True)
    for span in sorted(set(people), key=lambda s: (s[0], -s[1])) + longest_first:
        if not any(span[0] < other[1] and other[0] < span[1] for other in chosen):
            chosen.append(span)
    return sorted(chosen)


def bio(tokens: Sequence[tagger.Syllable], spans: Sequence[tuple[int, int, str]]) -> tuple[list[str], int]:
    """BIO labels of the tokens, and how many spans did not fall on token boundaries (left out)."""
    labels = ["O"] * len(tokens)
    starts = {token.start: index for index, token in enumerate(tokens)}
    ends = {token.end: index for index, token in enumerate(tokens)}
    misaligned = 0
    for start, end, label in spans:
        if start < tokens[0].start or end > tokens[-1].end:
            continue
        if start not in starts or end not in ends:
            misaligned += 1
            continue
        first, last = starts[start], ends[end]
        labels[first] = "B-" + label
        for index in range(first + 1, last + 1):
            labels[index] = "I-" + label
    return labels, misaligned


def _covered(index: int, tokens: Sequence[str]) -> bool:
    return any(low <= index < high for low, high in tagger.windows(tokens))


def examples(rows: Sequence[Mapping[str, Any]], folds: Mapping[str, int]) -> tuple[list[Example], dict[str, int]]:
    counts = {"spans": 0, "misaligned": 0, "outside": 0, "windows": 0, "tokens": 0}
    built = []
    for row in rows:
        doc = tagger.document(row["text"])
        spans = gold_spans(doc.text, row.get("officials") or [])
        counts["spans"] += len(spans)
        sentences = []
        for start, end in doc.sentences:
            tokens = tagger.syllables(doc.text, start, end)
            if not tokens:
                continue
            inside = [s for s in spans if s[0] >= start and s[1] <= end]
            labels, misaligned = bio(tokens, inside)
            counts["misaligned"] += misaligned
            texts = [t.text for t in tokens]
            for low, high in tagger.windows(texts):
                part = labels[low:high]
                if part[0].startswith("I-"):  # a window edge inside a span
                    part[0] = "B-" + part[0][2:]
                sentences.append((texts[low:high], part))
                counts["tokens"] += high - low
            counts["outside"] += sum(1 for k, label in enumerate(labels) if label != "O" and not _covered(k, texts))
        counts["windows"] += len(sentences)
        built.append(Example(row["id"], folds[row["id"]], dict(row), doc, sentences))
    return built, counts


# --- training and scoring -------------------------------------------------------------------------


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """The Rust trainer prints its progress to file descriptor 2 whatever ``verbose`` says."""
    sys.stderr.flush()
    saved = os.dup(2)
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def train(train_set: Sequence[Example], args: argparse.Namespace) -> Any:
    from underthesea_core import CRFTrainer

    lex = tagger.lexicon()
    x = [tagger.sentence_features(tokens, lex) for ex in train_set for tokens, _ in ex.sentences]
    y = [labels for ex in train_set for _, labels in ex.sentences]
    trainer = CRFTrainer(l1_penalty=args.c1, l2_penalty=args.c2, max_iterations=args.iterations, verbose=0)
    with quiet_stderr():
        return trainer.train(x, y)


def predictions(
    test_set: Sequence[Example], rules: Mapping[str, Any], model: Any | None
) -> dict[str, list[dict[str, Any]]]:
    """Predicted rows (id + officials) of the rules alone and of every variant."""
    rows: dict[str, list[dict[str, Any]]] = {"rules": []}
    person_tagger = tagger.PersonTagger.from_model(model) if model is not None else None
    for ex in test_set:
        officials = rules[ex.id]
        rows["rules"].append({"id": ex.id, "officials": [o.to_dict() for o in officials]})
        if person_tagger is None:
            continue
        tags = person_tagger.tag(ex.doc)
        for name, options in VARIANTS.items():
            merged = tagger.merge(officials, tags, ex.gold["text"], **options)
            rows.setdefault(name, []).append({"id": ex.id, "officials": [o.to_dict() for o in merged]})
    return rows


def scores(gold: Sequence[Mapping[str, Any]], rows: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, float]]:
    report = evaluation.score(gold, rows)
    return {metric: report.metrics[metric].to_dict() for metric in METRICS}


def cross_validate(
    data: Sequence[Example], rules: Mapping[str, Any], folds: Sequence[int], args: argparse.Namespace
) -> dict[str, Any]:
    per_fold: dict[str, dict[str, Any]] = {}
    for fold in folds:
        test_set = [ex for ex in data if ex.fold == fold]
        train_set = [ex for ex in data if ex.fold != fold]
        started = time.perf_counter()
        model = train(train_set, args)
        seconds = time.perf_counter() - started
        gold = [ex.gold for ex in test_set]
        rows = predictions(test_set, rules, model)
        per_fold[str(fold)] = {
            "articles": len(test_set),
            "train_seconds": round(seconds, 1),
            "systems": {system: scores(gold, system_rows) for system, system_rows in rows.items()},
        }
        print(f"fold {fold}: {len(train_set)} training articles, trained in {seconds:.1f} s", file=sys.stderr)
    return {"folds": per_fold, "mean": fold_means(per_fold)}


def fold_means(per_fold: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, dict[str, float]]]:
    """Unweighted means over folds of each system's P, R and F1 (the "fold-averaged" figures)."""
    systems = next(iter(per_fold.values()))["systems"]
    return {
        system: {
            metric: {
                key: round(statistics.fmean(f["systems"][system][metric][key] for f in per_fold.values()), 4)
                for key in ("precision", "recall", "f1")
            }
            for metric in METRICS
        }
        for system in systems
    }


def decision(means: Mapping[str, Mapping[str, Mapping[str, float]]]) -> dict[str, Any]:
    """The adoption rule of issue 12 for each variant: fold-averaged officials.name F1 and
    officials.title.lenient F1 both higher than the rules', neither precision lower by more than 0.01."""
    base = means["rules"]
    verdicts = {}
    for system, result in means.items():
        if system == "rules":
            continue
        checks = {}
        for metric in ("officials.name", "officials.title.lenient"):
            checks[f"{metric} F1 up"] = result[metric]["f1"] > base[metric]["f1"]
            checks[f"{metric} P drop <= 0.01"] = base[metric]["precision"] - result[metric]["precision"] <= 0.01
        verdicts[system] = {"met": all(checks.values()), "checks": checks}
    return verdicts


def table(result: Mapping[str, Any]) -> str:
    header = f"{'fold':<5} {'system':<17}" + "".join(
        f" | {label:^20}" for label in ("name P/R/F1", "title P/R/F1", "title.lenient P/R/F1")
    )
    lines = [header, "-" * len(header)]
    blocks = [(fold, f["systems"]) for fold, f in result["folds"].items()] + [("mean", result["mean"])]
    for fold, systems in blocks:
        for system, metrics in systems.items():
            cells = "".join(
                f" | {m['precision']:.3f} {m['recall']:.3f} {m['f1']:.3f}" for m in (metrics[k] for k in METRICS)
            )
            lines.append(f"{fold:<5} {system:<17}{cells}")
        lines.append("")
    return "\n".join(lines)


# --- speed ----------------------------------------------------------------------------------------


def speed(n: int, person_tagger: tagger.PersonTagger, corpus: Path = SHARED / CORPUS) -> dict[str, float]:
    """ms/article on the first ``n`` corpus articles, in one process as bench/run.py measures: the
    tagger on the Document the pipeline has already built (what adding it to the pipeline would
    cost) and from a raw text, extract() with all extractors, and underthesea.word_tokenize over
    the same paragraphs (the floor the issues' speed target is a ratio to)."""
    from underthesea import word_tokenize

    texts = []
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line).get("text")
            if isinstance(text, str) and text.strip():
                texts.append(text)
            if len(texts) == n:
                break
    docs = [tagger.document(text) for text in texts]
    for doc in docs:  # sentences are computed on first use; the pipeline has them already
        _ = doc.sentences
    pipeline = Pipeline()

    def segment(text: str) -> object:
        return [word_tokenize(line.strip()) for line in text.split("\n") if line.strip()]

    for warm in (person_tagger.tag, pipeline.extract, segment):  # load models, compile rules
        warm((ROOT / "examples" / "seed_article.txt").read_text("utf-8"))
        warm(texts[0])
    timings: dict[str, float] = {
        "tag(Document) ms/article": _per_article(person_tagger.tag, docs),
        "tag(text) ms/article": _per_article(person_tagger.tag, texts),
        "extract() ms/article": _per_article(pipeline.extract, texts),
        "word_tokenize ms/article": _per_article(segment, texts),
    }
    base = timings["word_tokenize ms/article"]
    timings["extract / word_tokenize"] = round(timings["extract() ms/article"] / base, 3)
    timings["(extract + tag) / word_tokenize"] = round(
        (timings["extract() ms/article"] + timings["tag(Document) ms/article"]) / base, 3
    )
    timings["articles"] = len(texts)
    timings["chars/article"] = round(sum(map(len, texts)) / len(texts))
    return timings


def _per_article(work: Callable[[Any], object], items: Sequence[Any]) -> float:
    started = time.perf_counter()
    for item in items:
        work(item)
    return round(1000 * (time.perf_counter() - started) / len(items), 2)


# --- command --------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", default="0,1,2,3,4", help="test folds to run (default: all five)")
    parser.add_argument("--ship", action="store_true", help="also train on all dev articles and write the model")
    parser.add_argument("--speed", type=int, default=0, metavar="N", help="time the tagger on N corpus articles")
    parser.add_argument("--c1", type=float, default=0.05, help="L1 penalty (default 0.05)")
    parser.add_argument("--c2", type=float, default=0.05, help="L2 penalty (default 0.05)")
    parser.add_argument("--iterations", type=int, default=150, help="L-BFGS iterations (default 150)")
    parser.add_argument("--shared", type=Path, default=SHARED, help=f"the shared data folder (default {SHARED})")
    parser.add_argument("--json", type=Path, default=CV_JSON, help=f"where to write the numbers (default {CV_JSON})")
    args = parser.parse_args(argv)
    gold, folds_file = args.shared / GOLD, args.shared / FOLDS
    if not gold.is_file() or not folds_file.is_file():
        print(f"train_tagger: {gold} or {folds_file} not found (the shared data folder is absent); "
              "nothing to train or score, skipping.")
        return 0

    rows = evaluation.load_jsonl(gold)
    fold_of = _folds(folds_file)
    data, counts = examples(rows, fold_of)
    print(f"{len(data)} articles, {counts['windows']} windows, {counts['tokens']} tokens, "
          f"{counts['spans']} gold spans ({counts['misaligned']} not on token boundaries, left out); "
          f"{counts['outside']} labelled tokens outside the tagged windows")
    pipeline = Pipeline(["officials.v1"])
    rules = {row["id"]: pipeline.extract(row["text"], published=row.get("published")).officials for row in rows}

    folds = [int(f) for f in args.folds.split(",") if f.strip()]
    result = cross_validate(data, rules, folds, args)
    result["decision"] = decision(result["mean"])
    result["candidate"] = CANDIDATE
    result["settings"] = {"c1": args.c1, "c2": args.c2, "iterations": args.iterations, "folds": folds,
                          "variants": VARIANTS, "labels": counts, **provenance()}
    print(table(result))
    for system, verdict in result["decision"].items():
        mark = " (the candidate)" if system == CANDIDATE else ""
        print(f"adoption rule, {system}{mark}: {'MET' if verdict['met'] else 'not met'} {verdict['checks']}")

    if args.ship or args.speed:
        model = train(data, args)
        if args.ship:
            MODEL.parent.mkdir(parents=True, exist_ok=True)
            model.save(str(MODEL))
            print(f"wrote {MODEL.relative_to(ROOT)} ({MODEL.stat().st_size:,} bytes)")
        if args.speed:
            result["speed"] = speed(args.speed, tagger.PersonTagger.from_model(model), args.shared / CORPUS)
            print("speed:", result["speed"])
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


def provenance() -> dict[str, str]:
    """Which code the rules ran from: the commit, and whether the officials extractor or the
    lexicons had uncommitted changes (the rules baseline moves with them)."""
    import subprocess

    import underthesea_core

    import vnnews_extract

    def git(*command: str) -> str:
        done = subprocess.run(["git", *command], cwd=ROOT, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    package = Path(vnnews_extract.__file__).resolve().parent
    if package.is_relative_to(ROOT):
        changed = git("status", "--porcelain", "--", "src/vnnews_extract/extractors", "src/vnnews_extract/data")
        rules = f"this checkout; uncommitted changes: {changed.replace(chr(10), '; ') or 'none'}"
    else:
        stamp = package.parents[1] / "COMMIT"  # written beside src/ when the export was made
        commit = stamp.read_text(encoding="utf-8").strip() if stamp.is_file() else "unknown commit"
        rules = f"an export of {commit} outside this checkout ({package})"
    return {
        "checkout commit": git("rev-parse", "HEAD"),
        "rules from": rules,
        "underthesea_core": getattr(underthesea_core, "__version__", "") or _version("underthesea_core"),
    }


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def _folds(path: Path) -> dict[str, int]:
    folds = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        article_id, _, fold = line.partition("\t")
        if fold.strip().isdigit():
            folds[article_id] = int(fold)
    return folds


if __name__ == "__main__":
    raise SystemExit(main())
