"""Reading the lexicons in ``data/``: TSV files with a ``#`` provenance line and a header row.

Every file starts with ``#`` lines naming its source, licence and "as of" date, then a header row
naming the columns. The key of a row is its first column, or its first two when the first column
groups rows (``kind`` in files that hold several small word lists, ``era`` in the gazetteer). A
duplicate key is an error, caught when the file is read rather than silently overwriting an entry.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Any

import regex

from .text.normalize import normalize


class LexiconError(ValueError):
    """A lexicon file is malformed (no header, too many cells, duplicate key)."""


@cache
def read_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``data/<name>`` as dicts keyed by the header's column names (read once)."""
    return parse_tsv(resources.files("vnnews_extract").joinpath("data", name).read_text(encoding="utf-8"), name)


def parse_tsv(text: str, name: str, *, keyed: bool = True) -> tuple[dict[str, str], ...]:
    """Rows of a lexicon file's text; ``name`` only labels error messages. ``keyed=False`` leaves the
    duplicate check to the caller (a user's file may order its columns differently)."""
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
        if keyed and key in seen:
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


# The lexicons a user may add entries to (Pipeline(lexicons=...), --lexicon KIND=FILE): kind -> file.
USER_KINDS: dict[str, str] = {
    "titles": "titles.tsv",
    "organizations": "public_bodies.tsv",
    "surnames": "surnames.tsv",
    "documents": "document_types.tsv",
}
# Columns whose values must be among the shipped file's own (a typo there would silently do nothing).
_CLOSED_COLUMNS = {"titles.tsv": ("kind",), "surnames.tsv": ("frequency",), "public_bodies.tsv": ("kind",)}
# Columns other code reads through other files, so an added value would be half-used: refused.
_FIXED_COLUMNS = {"public_bodies.tsv": ("code",)}  # issuer codes also live in document_codes.tsv
# Columns some kinds of row cannot do without ("same_as" maps a word to its value).
_REQUIRED = {"titles.tsv": {"same_as": "value", "person_alias": "value"}}

UserLexicon = str | PathLike[str] | Iterable[Mapping[str, str]]


class Lexicons:
    """The shipped lexicons, plus entries added for one Pipeline.

    ``additions`` maps a kind of ``USER_KINDS`` to a TSV file (the shipped file's columns, a header
    row first, ``#`` lines ignored) or to rows as mappings. Entries are checked when the Pipeline is
    built: unknown kinds and columns, empty keys, values a closed column does not know, duplicates
    and clashes with a shipped entry are LexiconErrors naming the entry. Cells are normalised as
    article text is (NFC, Đ look-alikes, tone placement), so what is added matches what is read.
    """

    def __init__(self, additions: Mapping[str, UserLexicon] | None = None) -> None:
        self.added: dict[str, tuple[dict[str, str], ...]] = {}
        for kind, source in (additions or {}).items():
            if kind not in USER_KINDS:
                raise LexiconError(f"unknown lexicon kind {kind!r}; known: {', '.join(USER_KINDS)}")
            name = USER_KINDS[kind]
            self.added[name] = self.added.get(name, ()) + _checked(name, kind, _user_rows(kind, source))
        self._derived: dict[str, Any] = {}

    @classmethod
    def of(cls, lexicons: Lexicons | Mapping[str, UserLexicon] | None) -> Lexicons:
        """``lexicons`` itself, or the Lexicons its additions make (what ``lexicons=`` arguments take)."""
        return lexicons if isinstance(lexicons, Lexicons) else cls(lexicons)

    def rows(self, name: str) -> tuple[dict[str, str], ...]:
        """The rows of ``data/<name>`` followed by the added ones."""
        return read_tsv(name) + self.added.get(name, ())

    def digest(self) -> str:
        """A fingerprint of the added entries (batch manifests pin it: other entries, other results)."""
        return hashlib.sha256(json.dumps(self.added, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    def derived(self, key: str, build: Callable[[], Any]) -> Any:
        """``build()``, computed once per Lexicons: indexes built from rows (public bodies by name)."""
        if key not in self._derived:
            self._derived[key] = build()
        return self._derived[key]

    def __reduce__(self) -> tuple[Any, ...]:  # worker processes get the checked rows, not the caches
        return (_from_added, (self.added,))


SHIPPED = Lexicons()


def _from_added(added: dict[str, tuple[dict[str, str], ...]]) -> Lexicons:
    lexicons = Lexicons()
    lexicons.added = added
    return lexicons


def _user_rows(kind: str, source: UserLexicon) -> tuple[dict[str, str], ...]:
    if isinstance(source, (str, PathLike)):
        try:
            text = Path(source).read_text(encoding="utf-8-sig")  # spreadsheets save a BOM
        except (OSError, UnicodeDecodeError) as error:
            raise LexiconError(f"lexicon {kind!r}: cannot read {source}: {error}") from None
        return parse_tsv(text, str(source), keyed=False)
    rows = []
    for number, row in enumerate(source, start=1):
        if not isinstance(row, Mapping):
            raise LexiconError(f"lexicon {kind!r}: row {number} is a {type(row).__name__}, not a mapping of columns")
        rows.append(dict(row))
    return tuple(rows)


def _checked(name: str, kind: str, rows: tuple[dict[str, str], ...]) -> tuple[dict[str, str], ...]:
    shipped = read_tsv(name)
    columns = list(shipped[0])
    width = 2 if columns[0] in ("kind", "era") else 1
    shipped_keys = {tuple(row[column] for column in columns[:width]): row for row in shipped}
    added: dict[tuple[str, ...], int] = {}  # key -> row number
    closed = {column: {row[column] for row in shipped} for column in _CLOSED_COLUMNS.get(name, ())}
    checked: list[dict[str, str]] = []
    for number, row in enumerate(rows, start=1):
        where = f"lexicon {kind!r} row {number}"
        if unknown := [column for column in row if column not in columns]:
            named = ", ".join(map(repr, unknown))
            raise LexiconError(f"{where}: unknown column(s) {named}; the columns are {', '.join(columns)}")
        if not all(isinstance(value, str) for value in row.values()):
            raise LexiconError(f"{where}: every cell must be a string")
        entry = {column: " ".join(normalize(row.get(column, "")).text.split()) for column in columns}
        key = tuple(entry[column] for column in columns[:width])
        if not all(key):
            raise LexiconError(f"{where}: {' and '.join(columns[:width])} must not be empty")
        for column, values in closed.items():
            if entry[column] not in values:
                raise LexiconError(f"{where}: {column} {entry[column]!r} is not one of {', '.join(sorted(values))}")
        for column in _FIXED_COLUMNS.get(name, ()):
            if entry[column]:
                raise LexiconError(f"{where}: the {column!r} column cannot be added to yet; leave it empty")
        if (needed := _REQUIRED.get(name, {}).get(entry[columns[0]])) and not entry[needed]:
            raise LexiconError(f"{where}: a {entry[columns[0]]!r} row needs a {needed!r}")
        if key in added:
            raise LexiconError(f"{where}: {key!r} is already in row {added[key]}")
        added[key] = number
        if key in shipped_keys:
            if shipped_keys[key] == entry:
                continue  # shipped already, word for word
            raise LexiconError(f"{where}: {key!r} is already in data/{name} with other values: {shipped_keys[key]}")
        checked.append(entry)
    if name == "public_bodies.tsv":
        _check_body_names(kind, shipped, checked)
    return tuple(checked)


def _check_body_names(kind: str, shipped: tuple[dict[str, str], ...], added: list[dict[str, str]]) -> None:
    """Bodies are looked up by a key that ignores case and punctuation: an added name or alias with
    the key of another body would silently take its place (its canonical name, its issuer code)."""
    from .resolve.public_bodies import body_key, surfaces  # that module reads this one

    owner = {body_key(surface): row["name"] for row in shipped for surface in surfaces(row)}
    for row in added:
        for surface in surfaces(row):
            if (taken := owner.setdefault(body_key(surface), row["name"])) != row["name"]:
                raise LexiconError(
                    f"lexicon {kind!r}: {surface!r} of {row['name']!r} is already a name of {taken!r}"
                )
