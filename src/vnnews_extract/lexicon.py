"""Reading the lexicons in ``data/``: TSV files with a ``#`` provenance line and a header row.

Every file starts with ``#`` lines naming its source, licence and "as of" date, then a header row
naming the columns. The key of a row is its first column, or its first two when the first column
groups rows (``kind`` in files that hold several small word lists, ``era`` in the gazetteer). A
duplicate key is an error, caught when the file is read rather than silently overwriting an entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import Any

import regex


class LexiconError(ValueError):
    """A lexicon file is malformed (no header, too many cells, duplicate key)."""


@cache
def read_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``data/<name>`` as dicts keyed by the header's column names (read once)."""
    return parse_tsv(resources.files("vnnews_extract").joinpath("data", name).read_text(encoding="utf-8"), name)


def parse_tsv(text: str, name: str) -> tuple[dict[str, str], ...]:
    """Rows of a lexicon file's text; ``name`` only labels error messages."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not lines:
        raise LexiconError(f"data/{name}: no header row")
    header = lines[0].split("\t")
    width = 2 if header[0] in ("kind", "era") else 1
    rows: list[dict[str, str]] = []
    seen: set[tuple[str, ...]] = set()
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) > len(header):
            raise LexiconError(f"data/{name}: row {number} has {len(cells)} cells, header has {len(header)}")
        key = tuple(cells[:width])
        if key in seen:
            raise LexiconError(f"data/{name}: duplicate key {key!r} in row {number}")
        seen.add(key)
        rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True)))
    return tuple(rows)


def words(name: str, kind: str) -> list[str]:
    """The second column of the rows of ``kind`` in a ``kind``-keyed file, longest first (for regexes)."""
    return sorted((list(row.values())[1] for row in read_tsv(name) if row["kind"] == kind), key=len, reverse=True)


def alternation(items: Iterable[str], *, flags: str = "", either_case: bool = False) -> str:
    """A regex alternation of literal words, longest first; a space matches any run of white space.

    ``flags`` wraps it in an inline-flag group ("i"); ``either_case`` lets the first letter be
    upper or lower case (a word may start a sentence) without making the rest case-insensitive.
    """
    parts = []
    # Ties in a fixed order: set order changes with the hash seed, and the compiled-pattern cache
    # (regex_cache) needs the same pattern text in every process.
    for item in sorted(set(items), key=lambda item: (-len(item), item)):
        body = regex.escape(item).replace(r"\ ", r"\s+")
        if either_case and item[:1].isalpha():
            body = f"[{item[0].upper()}{item[0].lower()}]" + regex.escape(item[1:]).replace(r"\ ", r"\s+")
        parts.append(body)
    return f"(?{flags}:{'|'.join(parts)})" if flags else f"(?:{'|'.join(parts)})"


def word_trie(phrases: Iterable[Sequence[str]], separator: str) -> str:
    """A prefix-factored regex for phrases given as word sequences, words joined by ``separator``:
    "Bộ Tài chính" and "Bộ Tư pháp" become ``Bộ(?:SEP(?:Tài SEP chính|Tư SEP pháp))``, so a text
    position is tested against the first words once instead of against every phrase (a plain
    alternation of hundreds of names was tried name by name at every capital)."""
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for word in phrase:
            node = node.setdefault(word, {})
        node[""] = {}  # the phrase may end here
    return _trie_regex(trie, separator)


def _trie_regex(node: dict[str, Any], separator: str) -> str:
    branches = []
    for word in sorted((w for w in node if w), key=lambda word: (-len(word), word)):
        child = node[word]
        rest = _trie_regex(child, separator) if any(child) else ""
        if rest:
            optional = "?" if "" in child else ""
            branches.append(f"{regex.escape(word)}(?:{separator}{rest}){optional}")
        else:
            branches.append(regex.escape(word))
    return f"(?:{'|'.join(branches)})"
