"""Score underthesea.ner on a gold file as a baseline: PER -> officials, LOC -> locations, ORG -> organizations.

    .venv/bin/python bench/ner_baseline.py [../shared/gold/dev.jsonl]

Entities are read from underthesea's BIO tags over each paragraph; names are the entity text.
The predictions go through the library's own scorer, so the numbers compare directly with
``vnnews-extract evaluate``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from vnnews_extract.evaluation import load_jsonl, score

KINDS = {"PER": "officials", "LOC": "locations", "ORG": "organizations"}


def entities(text: str) -> dict[str, list[dict[str, Any]]]:
    from underthesea import ner

    found: dict[str, list[dict[str, Any]]] = {fact: [] for fact in KINDS.values()}
    for paragraph in (line for line in text.split("\n") if line.strip()):
        current: list[str] = []
        kind = None
        for word, _pos, _chunk, tag in [*ner(paragraph), ("", "", "", "O")]:
            if tag.startswith("I-") and kind == tag[2:]:
                current.append(word)
                continue
            if kind in KINDS and current:
                name = " ".join(current)
                found[KINDS[kind]].append({"name": name, "text": name, "titles": []})
            current, kind = ([word], tag[2:]) if tag.startswith("B-") else ([], None)
    return found


def main() -> None:
    gold = load_jsonl(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/gold/dev.jsonl"))
    predictions = [{"id": row["id"], **entities(row["text"])} for row in gold]
    report = score(gold, predictions)
    print(report.format_table())


if __name__ == "__main__":
    main()
