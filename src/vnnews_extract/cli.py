"""vnnews-extract: typed, offset-exact facts from Vietnamese news articles.

Commands: extract (one article to JSON), batch (a dump of articles), evaluate (scores against gold
JSON Lines), extractors (the registered extractors). "vnnews-extract COMMAND --help" for each.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__, batch, evaluation, parallel
from .extractors import REGISTRY, UnknownExtractorError, load_extractor
from .lexicon import USER_KINDS, Lexicons
from .pipeline import DEFAULT_TIMEOUT, Pipeline


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        result: int = args.run(args)
    except UnknownExtractorError as error:  # a KeyError: its str() would be a quoted repr
        print(f"vnnews-extract: error: {error.args[0]}", file=sys.stderr)
        return 2
    except (OSError, ValueError, TypeError, ImportError) as error:
        print(f"vnnews-extract: error: {error}", file=sys.stderr)
        return 2
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vnnews-extract", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    extract = commands.add_parser("extract", help="print the Article JSON of one article")
    extract.add_argument("file", help="UTF-8 text file, or - for standard input")
    extract.add_argument(
        "--published", help="publication date (ISO, dd/mm/yyyy [HH:MM], epoch seconds) to resolve relative dates"
    )
    _add_extractor_option(extract)
    extract.add_argument("--compact", action="store_true", help="one line of JSON instead of indented")
    extract.add_argument(
        "--no-layout", action="store_true", help="read the whole text as body: no title, byline or page furniture"
    )
    extract.add_argument("--html", action="store_true",
                         help="the file is an HTML page: read its article text, and add that text to the JSON as "
                         "\"text\" (the offsets index it)")
    extract.set_defaults(run=_run_extract)

    listing = commands.add_parser("extractors", help="list the registered extractors and the facts they fill")
    listing.set_defaults(run=_run_extractors)

    evaluate = commands.add_parser("evaluate", help="score predictions against gold JSON Lines")
    evaluate.add_argument("gold", help="gold JSON Lines: id, text and the Article fields (docs/schema.md)")
    evaluate.add_argument("--pred", help="predicted JSON Lines; without it the library runs on the gold texts")
    evaluate.add_argument("--json", dest="json_out", help="also write the scores as JSON to this file")
    _add_extractor_option(evaluate)
    evaluate.set_defaults(run=_run_evaluate)
    batch_cmd = commands.add_parser("batch", help="extract a dump: JSON Lines (.gz), CSV or directories of .txt")
    batch_cmd.add_argument("inputs", nargs="+", help="JSON Lines (.gz), CSV or .txt files, directories of .txt")
    batch_cmd.add_argument("-o", "--output", required=True,
                           help="output JSON Lines (.gz to compress; - for stdout) or .parquet")
    batch_cmd.add_argument("--format", choices=batch.FORMATS,
                           help="output format (default: parquet for a .parquet name, else jsonl)")
    batch_cmd.add_argument("--facts-dir", help="Parquet only: also write one flat table per fact type here")
    batch_cmd.add_argument("--errors", help="write error records here (JSON Lines) instead of into the output")
    batch_cmd.add_argument("--resume", action="store_true",
                           help="continue an interrupted run: keep the records already in the output files")
    batch_cmd.add_argument("--retry-errors", action="store_true",
                           help="with --resume: redo the records that ended as errors (their lines are removed)")
    batch_cmd.add_argument("--text-field", default="text", help="JSON key or CSV column of the text (default: text)")
    batch_cmd.add_argument("--id-field", default="id", help="... of the record id (default: id)")
    batch_cmd.add_argument("--published-field", default="published",
                           help="... of the publication date: ISO, dd/mm/yyyy [HH:MM], epoch seconds; "
                           "an unreadable one is a warning (default: published)")
    batch_cmd.add_argument("--workers", type=int,
                           help="processes (default: one per core; capped by the cores and ~200 MB of memory each)")
    batch_cmd.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                           help=f"time budget for one article (default: {DEFAULT_TIMEOUT:g}; 0: none)")
    batch_cmd.add_argument("--max-record-bytes", type=int, metavar="BYTES",
                           help="longest input line, CSV record or text file read (default: 6 × max_chars + 1 MB)")
    batch_cmd.add_argument("--no-progress", action="store_true", help="no progress bar")
    batch_cmd.add_argument("--html", action="store_true",
                           help="each record's text is an HTML page: read its article text, and add that text to "
                           "the line as \"text\" (the offsets index it)")
    _add_extractor_option(batch_cmd)
    batch_cmd.set_defaults(run=_run_batch)
    return parser


def _add_extractor_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--extractors", help="comma-separated extractor names (e.g. dates.v1,documents.v1); default: all"
    )
    parser.add_argument(
        "--lexicon", action="append", default=[], metavar="KIND=FILE",
        help=f"add the entries of a TSV file (the shipped file's columns) to a lexicon; KIND: {', '.join(USER_KINDS)}; "
        "repeatable",
    )


def _pipeline(args: argparse.Namespace) -> Pipeline:
    names = None if not args.extractors else [n.strip() for n in args.extractors.split(",") if n.strip()]
    return Pipeline(names, lexicons=_lexicons(args.lexicon))


def _lexicons(options: list[str]) -> Lexicons:
    added: dict[str, list[dict[str, str]]] = {}
    for option in options:
        kind, equals, path = option.partition("=")
        if not equals or not path:
            raise ValueError(f"--lexicon {option!r}: expected KIND=FILE, e.g. titles=my_titles.tsv")
        added.setdefault(kind, []).extend(Lexicons({kind: path}).added[USER_KINDS[kind]])  # checks the kind
    return Lexicons(added)


def _run_extract(args: argparse.Namespace) -> int:
    text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    indent = None if args.compact else 2
    if args.html:
        page = _pipeline(args).extract_html(text, published=args.published, detect_layout=not args.no_layout)
        print(json.dumps(page.to_dict(), ensure_ascii=False, indent=indent))
        return 0
    article = _pipeline(args).extract(text, published=args.published, detect_layout=not args.no_layout)
    print(article.to_json(ensure_ascii=False, indent=indent))
    return 0


def _run_extractors(args: argparse.Namespace) -> int:
    for name in sorted(REGISTRY):
        extractor = load_extractor(name)
        needs = ", ".join(extractor.needs) or "-"
        print(f"{name:22s} fills {extractor.fact:14s} needs {needs}")
    return 0


def _run_evaluate(args: argparse.Namespace) -> int:
    gold = evaluation.load_jsonl(args.gold)
    if args.pred:
        predictions = evaluation.load_jsonl(args.pred)
    else:
        pipeline = _pipeline(args)
        predictions = [
            {"id": row.get("id"), **pipeline.extract(row["text"], published=row.get("published")).to_dict()}
            for row in gold
        ]
    report = evaluation.score(gold, predictions)
    print(report.format_table())
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2), "utf-8")
    return 0


def _run_batch(args: argparse.Namespace) -> int:
    fields = batch.Fields(args.text_field, args.id_field, args.published_field)
    inputs = batch.check_inputs(args.inputs)
    batch.check_outputs(inputs, [args.output, args.errors, args.facts_dir, batch.manifest_path(args.output)])
    pipeline = _pipeline(args)  # an unknown extractor name fails here, before any output is touched
    if args.resume and batch.output_format(args.output, args.format) != "jsonl":
        raise ValueError("--resume needs JSON Lines output: a Parquet file cannot be appended to")
    if args.retry_errors and not args.resume:
        raise ValueError("--retry-errors redoes the error records of an earlier run: use it with --resume")
    manifest = batch.manifest(inputs, fields, pipeline, html=args.html)
    if args.resume:
        batch.check_manifest(args.output, manifest)
    batch.write_manifest(args.output, manifest)
    outputs = [args.output, *([args.errors] if args.errors else [])]
    done = batch.resume(outputs, retry_errors=args.retry_errors) if args.resume else ()
    workers, capped = parallel.usable_workers(
        args.workers, cores=parallel.usable_cores(), available_memory=parallel.available_memory()
    )
    if capped:
        print(f"vnnews-extract: {capped}", file=sys.stderr)
    with contextlib.ExitStack() as stack:
        output = batch.open_sink(args.output, format=args.format, facts_dir=args.facts_dir, append=args.resume,
                                 with_text=args.html)
        stack.callback(output.close)
        errors = None
        if args.errors:
            errors = batch.open_sink(args.errors, format="jsonl", append=args.resume)
            stack.callback(errors.close)
        summary = batch.run(
            inputs, output, errors=errors, fields=fields, pipeline=pipeline, workers=workers,
            progress=not args.no_progress, done=done, timeout=args.timeout if args.timeout > 0 else None,
            max_record_bytes=args.max_record_bytes, html=args.html,
        )
    print(summary, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
