"""A CRF sequence tagger of personal names (PER) and titles (TITLE), and its merge with the rules.

The rule extractor (``extractors/officials.py``) finds a name only where a surname of
data/surnames.tsv opens it, and a title only where data/titles.tsv has its head word. The tagger is
trained on the dev gold (``models/train_tagger.py``) to see names and titles in context instead,
with the same lexicons as features. It is an experiment of issue 12; ``models/README.md`` records
how it scored against the rules and whether it is in the default pipeline.

Tokens are syllables and punctuation marks of the normalised text (``Document.text``): runs of
letters, marks and digits, kept whole across an inner dot, hyphen or slash ("GS.TS", "Covid-19",
"đ/c"), and every other non-space character alone. Each keeps its offsets, and ``tag`` maps spans
back to the caller's string, so ``text[start:end]`` is always the span's text. Labels are BIO over
PER and TITLE. Everything here is linear in the input: one regex pass for tokens, a bounded
lexicon lookup per token, a fixed number of features per token, and the CRF's Viterbi and
forward-backward passes, which are linear in the sentence length.

The model is a CRFsuite-format file written by ``underthesea_core.CRFModel.save`` and shipped in
``data/models/person_tagger.crfsuite``; nothing is pickled.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import regex

from ..evaluation import norm
from ..lexicon import alternation, read_tsv
from ..records import Mention, Official
from ..text.document import Document
from ..text.normalize import normalize
from ..text.structure import analyse_structure
from ..text.tokenize import WordTokenizer

__all__ = [
    "LABELS",
    "MODEL_RESOURCE",
    "Lexicon",
    "PersonTagger",
    "Syllable",
    "Tag",
    "document",
    "lexicon",
    "load",
    "merge",
    "sentence_features",
    "syllables",
    "tag",
]

LABELS: tuple[str, ...] = ("B-PER", "I-PER", "B-TITLE", "I-TITLE", "O")
MODEL_RESOURCE = "data/models/person_tagger.crfsuite"
# The kinds of titles.tsv that are parts of titles (the others are words around names).
TITLE_KINDS = frozenset({"office", "rank", "academic", "qualifier_before", "qualifier_after"})

_SYLLABLE = regex.compile(r"[\p{L}\p{M}\p{N}]++(?:[./\-][\p{L}\p{M}\p{N}]++)*+|\S")
# A phrase of titles.tsv is at most this many syllables; the lexicon lookup tries no longer ones.
_MAX_PHRASE = 8
# What may stand between a name and the title right before it: only space ("Chủ tịch HĐND tỉnh Hồ
# Đức Phớc"; "PGS.TS. Đinh Trọng Thịnh"), so the title after one name and its comma is not taken as
# the title of the next name; between two titles stacked before a name, a comma or "kiêm" too ("Bí
# thư Tỉnh ủy, Chủ tịch HĐND tỉnh"); after a name, a comma, a colon, a dash or a bracket, and between
# titles after it the same or "kiêm" ("Nguyễn Văn A (Giám đốc …, Bí thư …)").
NAME_GAP_BEFORE = regex.compile(r"\.?\s+")
GAP_BEFORE = regex.compile(r"(?:\s*[,;:]?\s+|\s*[,;:]\s*)(?:(?:kiêm|và)\s+)?")
GAP_AFTER = regex.compile(r"\s*(?:[,;:(]|-|–)\s*(?:(?:kiêm|và)\s+)?|\s+(?:kiêm|và)\s+")
# How far before a name the words that make it a street or school name are looked for.
_LOOK_BEHIND = 40
# Tokens tagged before and after an anchor, and how far back a title opener widens the window
# (see ``windows``). Chosen on folds 1-4 among 6-10 before, 4-8 after, 0-16 back: within ±0.005 F1
# of tagging whole sentences at about a third of the tokens.
WINDOW_BEFORE = 8
WINDOW_AFTER = 6
TITLE_REACH = 16
# No person in the dev gold has more than 10 titles; more than this is junk (see ``_add``).
_MAX_TITLES = 16
# The longest gap either regex can match is far below this; it bounds the backward look-up.
_MAX_GAP = 12


class Syllable(NamedTuple):
    """A token of the normalised text: ``text == normalized[start:end]``."""

    text: str
    start: int
    end: int


class Tag(NamedTuple):
    """A tagged span of the caller's text: ``label`` is "PER" or "TITLE"; ``score`` is the mean
    marginal probability of its tokens' labels (how sure the CRF is of the whole span)."""

    start: int
    end: int
    label: str
    score: float


def syllables(text: str, start: int = 0, end: int | None = None) -> list[Syllable]:
    """The tokens of ``text[start:end]`` with offsets into ``text``."""
    stop = len(text) if end is None else end
    return [Syllable(m.group(), m.start(), m.end()) for m in _SYLLABLE.finditer(text, start, stop)]


# --- lexicon --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lexicon:
    """The lexicon features' sources: surnames (lower case → frequency class) and the phrases of
    titles.tsv as lower-case syllable tuples → their kinds (office, rank, address, ...)."""

    surnames: Mapping[str, str]
    phrases: Mapping[tuple[str, ...], tuple[str, ...]]
    # Every proper prefix of a phrase, so a look-up stops as soon as no phrase can go on.
    prefixes: frozenset[tuple[str, ...]]
    first_syllables: frozenset[str]
    # norm(abbreviation) → norm(title) ("gs" → "giáo sư"): one office worded two ways is one title.
    same_as: Mapping[str, str]
    # Words after which a name names a street, school, prize or place ("đường", "Trường THCS").
    not_person_before: regex.Pattern[str]
    # First syllables of the title phrases ("phó", "nguyên", "đại"): a lower-case syllable may open
    # a title only if it is one of these.
    title_starts: frozenset[str]
    # One-syllable address words ("ông", "bà", "anh", "chị"): before a capitalised token, a name.
    address: frozenset[str]


@cache
def lexicon() -> Lexicon:
    """Read once from data/surnames.tsv and data/titles.tsv (``same_as`` rows are skipped: they
    pair two spellings of a title, both already listed under their own kind)."""
    surnames = {row["surname"].lower(): row.get("frequency", "") or "any" for row in read_tsv("surnames.tsv")}
    kinds: dict[tuple[str, ...], set[str]] = {}
    for row in read_tsv("titles.tsv"):
        if row["kind"] == "same_as":
            continue
        key = tuple(syllable.text for syllable in syllables(normalize(row["word"]).text.lower()))
        if 0 < len(key) <= _MAX_PHRASE:
            kinds.setdefault(key, set()).add(row["kind"])
    phrases = {key: tuple(sorted(value)) for key, value in kinds.items()}
    prefixes = frozenset(key[:n] for key in phrases for n in range(1, len(key)))
    rows = read_tsv("titles.tsv")
    same_as = {norm(row["word"]): norm(row["value"]) for row in rows if row["kind"] == "same_as"}
    places = alternation([row["word"] for row in rows if row["kind"] == "not_person_before"])
    starts = frozenset(key[0] for key, kinds in phrases.items() if TITLE_KINDS.intersection(kinds))
    address = frozenset(key[0] for key, kinds in phrases.items() if "address" in kinds and len(key) == 1)
    not_person = regex.compile(rf"(?<!\w){places}\s+$")
    first = frozenset(key[0] for key in phrases)
    return Lexicon(surnames, phrases, prefixes, first, same_as, not_person, starts, address)


def _phrase_marks(lowered: Sequence[str], lex: Lexicon) -> list[list[str]]:
    """BIO marks of title-lexicon phrases per token ("B-office", "I-office"): at each token the
    longest phrase starting there, tried up to ``_MAX_PHRASE`` tokens (so linear overall)."""
    marks: list[list[str]] = [[] for _ in lowered]
    for i in range(len(lowered)):
        if lowered[i] not in lex.first_syllables:
            continue  # most tokens open no phrase: skip the tuple building
        best: tuple[int, tuple[str, ...]] | None = None
        key: tuple[str, ...] = ()
        for j in range(i, min(i + _MAX_PHRASE, len(lowered))):
            key = (*key, lowered[j])
            if key in lex.phrases:
                best = (j, lex.phrases[key])
            if key not in lex.prefixes:
                break
        if best is not None:
            last, phrase_kinds = best
            for kind in phrase_kinds:
                marks[i].append("B-" + kind)
                for k in range(i + 1, last + 1):
                    marks[k].append("I-" + kind)
    return marks


# --- features -------------------------------------------------------------------------------------


def _shape(token: str) -> str:
    """A coarse shape: what the case and the inner punctuation of a syllable say about it."""
    if not token[0].isalnum():
        return "p"
    inner = ("." if "." in token else "") + ("-" if "-" in token else "") + ("/" if "/" in token else "")
    if token.isdigit():
        return "0" + inner
    if any(ch.isdigit() for ch in token):
        return "a0" + inner
    letters = [ch for ch in token if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        return ("A" if len(letters) == 1 else "AA") + inner
    if token[0].isupper():
        return "Aa" + inner
    if any(ch.isupper() for ch in token):
        return "aA" + inner
    return "a" + inner


class _Own(NamedTuple):
    """What one token contributes to the features, whatever its context: its lower case and shape
    (for the bigram and shape-trigram features) and its feature strings as seen from each offset
    -2..+2 ("w-1=nguyễn", "s-1=Aa", "sur-1=common"), built once per distinct token."""

    lower: str
    shape: str
    views: tuple[tuple[str, ...], ...]


_OFFSETS = ("-2", "-1", "", "+1", "+2")


def _own(token: str, lex: Lexicon) -> _Own:
    lowered = token.lower()
    shape = _shape(token)
    surname = lex.surnames.get(lowered, "") if token[:1].isupper() else ""
    views = []
    for k, offset in enumerate(_OFFSETS):
        view = ["w" + offset + "=" + lowered, "s" + offset + "=" + shape]
        if surname and 1 <= k <= 3:  # the surname class of the token and its direct neighbours
            view.append("sur" + offset + "=" + surname)
        views.append(tuple(view))
    return _Own(lowered, shape, tuple(views))


_START = _Own("<s>", "<s>", tuple(("w" + o + "=<s>", "s" + o + "=<s>") for o in _OFFSETS))
_END = _Own("</s>", "</s>", tuple(("w" + o + "=</s>", "s" + o + "=</s>") for o in _OFFSETS))


def sentence_features(
    tokens: Sequence[str], lex: Lexicon | None = None, cache: dict[str, _Own] | None = None
) -> list[list[str]]:
    """The CRF's feature strings for each token of one sentence (or window of one).

    Per token: lower-cased syllable and shape of the token and of its neighbours within ±2, the
    surname class of the token and its ±1 neighbours, the two word bigrams through it, the shape
    trigram around it, and the title-lexicon phrase marks of the token and its ±1 neighbours.
    ``cache`` keeps the per-token part across calls (the same syllables recur in every article).
    """
    lex = lex or lexicon()
    own = _own_all(tokens, lex, {} if cache is None else cache)
    return _features(own, _phrase_marks([item.lower for item in own], lex))


def _own_all(tokens: Sequence[str], lex: Lexicon, memo: dict[str, _Own]) -> list[_Own]:
    own = []
    for token in tokens:
        found = memo.get(token)
        if found is None:
            found = memo[token] = _own(token, lex)
        own.append(found)
    return own


@lru_cache(maxsize=4096)
def _mark_views(marks: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The lexicon features of a token's marks as seen from the token before, itself and after."""
    return (
        tuple("lex+1=" + mark for mark in marks),
        tuple("lex=" + mark for mark in marks),
        tuple("lex-1=" + mark for mark in marks),
    )


def _features(own: Sequence[_Own], marks: Sequence[Sequence[str]]) -> list[list[str]]:
    """Feature rows from per-token parts: concatenations of prebuilt strings, since building the
    strings afresh for every position was most of the tagger's time."""
    lexical = [_mark_views(tuple(m)) for m in marks]
    none: tuple[tuple[str, ...], ...] = ((), (), ())
    padded = [_START, _START, *own, _END, _END]
    lex_padded = [none, *lexical, none]
    features: list[list[str]] = []
    for i in range(len(own)):
        w2, w1, w0, n1, n2 = padded[i : i + 5]
        row = [
            "b",
            *w2.views[0], *w1.views[1], *w0.views[2], *n1.views[3], *n2.views[4],
            "ww-=" + w1.lower + "|" + w0.lower,
            "ww+=" + w0.lower + "|" + n1.lower,
            "sss=" + w1.shape + "|" + w0.shape + "|" + n1.shape,
            *lex_padded[i][2], *lex_padded[i + 1][1], *lex_padded[i + 2][0],
        ]
        features.append(row)
    return features


# --- tagging --------------------------------------------------------------------------------------


def document(text: str) -> Document:
    """The Document the pipeline would build for ``text`` (normalised, with its structure), so the
    tagger reads the same sentences of title, lead and body as the rules and skips page furniture."""
    normalized = normalize(text)
    return Document(normalized, analyse_structure(normalized.text), WordTokenizer())


class PersonTagger:
    """A loaded CRF model; ``tag`` a Document or a text. Build it once and reuse it (it keeps a
    cache of per-syllable features)."""

    def __init__(self, crf: Any) -> None:
        self._crf = crf
        self._labels: list[str] = list(crf.labels())
        self._cache: dict[str, _Own] = {}

    @classmethod
    def from_file(cls, path: str | Path) -> PersonTagger:
        from underthesea_core import CRFTagger

        crf = CRFTagger()
        crf.load(str(path))
        return cls(crf)

    @classmethod
    def from_model(cls, model: Any) -> PersonTagger:
        """From an in-memory ``underthesea_core.CRFModel`` (cross-validation trains without files)."""
        from underthesea_core import CRFTagger

        return cls(CRFTagger.from_model(model))

    def tag(self, doc_or_text: Document | str) -> list[Tag]:
        """PER and TITLE spans of the article's content, in offsets of the caller's string."""
        doc = document(doc_or_text) if isinstance(doc_or_text, str) else doc_or_text
        found: list[Tag] = []
        for start, end in doc.sentences:
            matches = list(_SYLLABLE.finditer(doc.text, start, end))  # Match objects: cheaper than tuples
            texts = [match.group() for match in matches]
            for low, high in windows(texts):
                for first, last, label, score in self.tag_tokens(texts[low:high]):
                    _, src_start, src_end = doc.source_span(matches[low + first].start(), matches[low + last].end())
                    if src_end > src_start:
                        found.append(Tag(src_start, src_end, label, score))
        return found

    def tag_tokens(self, tokens: Sequence[str]) -> list[tuple[int, int, str, float]]:
        """(first token, last token, label, score) of each span in one sentence's tokens."""
        if not tokens:
            return []
        lex = lexicon()
        own = _own_all(tokens, lex, self._cache)
        if len(self._cache) > 200_000:  # a stream of junk must not grow it without bound
            self._cache.clear()
        marks = _phrase_marks([item.lower for item in own], lex)
        features = _features(own, marks)
        labels = self._crf.tag(features)
        if all(label == "O" for label in labels):
            return []
        marginals = self._crf.marginals(features)
        column = {label: index for index, label in enumerate(self._labels)}
        spans = []
        for first, last, kind in _cleaned(bio_spans(labels), tokens, marks, lex):
            sure = [marginals[k][column[labels[k]]] for k in range(first, last + 1)]
            spans.append((first, last, kind, sum(sure) / len(sure)))
        return spans


def windows(tokens: Sequence[str], lex: Lexicon | None = None) -> list[tuple[int, int]]:
    """The stretches of a sentence worth tagging, as (start, stop) token slices, merged where they
    meet: ``WINDOW_BEFORE`` tokens before and ``WINDOW_AFTER`` after each anchor, widened back to a
    capitalised title opener of titles.tsv up to ``TITLE_REACH`` tokens before it ("Chủ nhiệm Ủy
    ban Tài chính Ngân sách Phùng Quốc Hiển").

    An anchor is two capitalised tokens in a row (a name has two or more capitalised syllables, or
    a capitalised title stands right before it: "Tổng thống Trump") or an address word before a
    capitalised token ("ông Thọ"). The rest of a sentence cannot hold a name or a title next to
    one, and tagging every token would cost more than the tagger's whole time budget (about 70 % of
    the tokens of a news article are outside any window). Training uses the same windows, so the
    model never sees a context it is not run on. Linear: anchors and openers come in text order.
    """
    lex = lex or lexicon()
    upper = [i for i, token in enumerate(tokens) if token[:1].isupper()]
    capitalised = set(upper)
    anchors: list[int] = []
    openers: list[int] = []
    for i in upper:
        if i - 1 in capitalised or (i > 0 and tokens[i - 1].lower() in lex.address):
            anchors.append(i - 1)
        if tokens[i].lower() in lex.title_starts:
            openers.append(i)
    found: list[tuple[int, int]] = []
    opener = 0
    for anchor in anchors:
        low, high = max(0, anchor - WINDOW_BEFORE), min(len(tokens), anchor + 2 + WINDOW_AFTER)
        while opener < len(openers) and openers[opener] < anchor - TITLE_REACH:
            opener += 1
        if opener < len(openers) and openers[opener] < low:
            low = openers[opener]
        if found and low <= found[-1][1]:
            found[-1] = (min(low, found[-1][0]), max(high, found[-1][1]))
        else:
            found.append((low, high))
    return found


def bio_spans(labels: Sequence[str]) -> Iterator[tuple[int, int, str]]:
    """(first, last, type) of each BIO span; an I- after another type or O opens a span, so the
    Viterbi path never loses a token even where it breaks the BIO grammar."""
    first, kind = -1, ""
    for index, label in enumerate([*labels, "O"]):
        prefix, _, this = label.partition("-")
        if kind and (prefix != "I" or this != kind):
            yield first, index - 1, kind
            kind = ""
        if prefix in ("B", "I") and not kind:
            first, kind = index, this
    return


def _cleaned(
    spans: Iterator[tuple[int, int, str]], tokens: Sequence[str], marks: Sequence[Sequence[str]], lex: Lexicon
) -> Iterator[tuple[int, int, str]]:
    """Spans as the CRF gave them, tidied with the lexicon where it is surer than the model.

    Punctuation at a span's edges goes ("… Tài chính)"). A TITLE span is cut at a verb or function
    word of the not_in_title list that is not inside a title phrase ("Bộ trưởng Bộ Công an tặng hoa
    chúc mừng Thượng tướng": "tặng" cuts, the "ký" of "Tổng Thư ký" does not), and each piece loses
    the lower-case syllables before its first capitalised or title word ("hoa chúc mừng").
    """
    for first, last, kind in spans:
        pieces = [(first, last)]
        if kind == "TITLE":
            pieces = _title_pieces(first, last, tokens, marks, lex)
        for start, end in pieces:
            while start <= end and not tokens[start][0].isalnum():
                start += 1
            while end >= start and not tokens[end][0].isalnum():
                end -= 1
            if start <= end:
                yield start, end, kind


def _title_pieces(
    first: int, last: int, tokens: Sequence[str], marks: Sequence[Sequence[str]], lex: Lexicon
) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    start = first
    for k in range(first, last + 2):
        if k <= last and not _breaks_title(marks[k]):
            continue
        while start < k and not (tokens[start][0].isupper() or tokens[start].lower() in lex.title_starts):
            start += 1
        if start < k:
            pieces.append((start, k - 1))
        start = k + 1
    return pieces


def _breaks_title(marks: Sequence[str]) -> bool:
    return "B-not_in_title" in marks and not any(m[2:] in TITLE_KINDS for m in marks if m.startswith("I-"))


@cache
def load() -> PersonTagger:
    """The shipped model (data/models/person_tagger.crfsuite), loaded once."""
    path = resources.files("vnnews_extract").joinpath(MODEL_RESOURCE)
    if not path.is_file():
        raise FileNotFoundError(f"{MODEL_RESOURCE} is missing: run `python models/train_tagger.py --ship`")
    with resources.as_file(path) as file:
        return PersonTagger.from_file(file)


def tag(doc_or_text: Document | str) -> list[Tag]:
    """Tag with the shipped model: PER and TITLE spans, ``text[start:end]`` being each span's text."""
    return load().tag(doc_or_text)


# --- rules + tagger -------------------------------------------------------------------------------


def merge(
    article_officials: Sequence[Official],
    tags: Sequence[Tag],
    text: str,
    *,
    add_titles: bool = True,
    add_names: bool = True,
    untitled_only: bool = False,
    min_score: float = 0.0,
    min_title_score: float | None = None,
) -> list[Official]:
    """The rule officials plus what the tagger adds (all offsets in ``text``, the caller's string).

    A PER span that overlaps no rule official's mention becomes a new official (name = the span's
    text, titles = the TITLE spans stacked right before or after it), unless it is a later, shorter
    mention of a known person: the same name, or the last one or two syllables of a longer known
    name ("ông Thọ"), which are linked to that person instead. A lone syllable that links to nobody
    is left out: the guidelines record full names, and a stray capitalised syllable is more often
    not a name. With ``add_titles`` the TITLE spans next to a rule official's mentions (and the
    tagger's mentions linked to it) are added to its titles unless it already has that title,
    worded the same, shorter or longer. Without ``add_names`` no new official is added (the tagger
    only completes the rules' titles); with ``untitled_only`` titles are added only to rule officials
    that have none (where the rules found titles, the tagger's extra ones were mostly a second
    wording or a neighbour's title). Spans scoring below ``min_score`` are ignored, TITLE spans
    below ``min_title_score`` when it is given.
    """
    title_floor = min_score if min_title_score is None else min_title_score
    kept = sorted(
        (t for t in tags if t.score >= (title_floor if t.label == "TITLE" else min_score)),
        key=lambda t: (t.start, t.end),
    )
    rule_names = [span for official in article_officials for span in _name_spans(official)]
    names = [(t.start, t.end) for t in kept if t.label == "PER"] + rule_names
    titles = _TitleIndex([t for t in kept if t.label == "TITLE"], text, names)
    taken = _Intervals(rule_names + [(o.start, o.end) for o in article_officials])
    known = {norm(o.name): o for o in article_officials}
    found: dict[str, _NewPerson] = {}
    places = lexicon().not_person_before
    for span in kept:
        if span.label != "PER" or taken.overlaps(span.start, span.end):
            continue
        if places.search(text, max(0, span.start - _LOOK_BEHIND), span.start):
            continue  # "đường Nguyễn Trung Trực", "Trường THCS Bùi Thị Xuân": a street, a school
        name = " ".join(text[span.start : span.end].split())
        found.setdefault(norm(name), _NewPerson(name)).spans.append((span.start, span.end))
    owners = _tail_owners([*known, *found])
    linked: dict[str, list[tuple[int, int]]] = {}
    for key in list(found):
        if key in known or key in owners or len(key.split()) < 2:
            person = found.pop(key)
            owner = key if key in known else owners.get(key)
            if owner is not None:
                linked.setdefault(owner, []).extend(person.spans)
    for key, person in found.items():
        person.spans += linked.get(key, [])
    merged = [
        _with_titles(o, titles, linked.get(norm(o.name), [])) if add_titles and not (untitled_only and o.titles) else o
        for o in article_officials
    ]
    if add_names:
        merged += [person.record(text, titles) for person in found.values()]
    return sorted(merged, key=lambda o: (o.start, o.end))


def _tail_owners(names: Sequence[str]) -> dict[str, str | None]:
    """The last one and two syllables of each name of more syllables → that name (None when two
    names share the tail): how later mentions shorten a name, and whose mention they are."""
    owners: dict[str, str | None] = {}
    for name in sorted(names, key=lambda n: -len(n.split())):
        if name in owners:
            continue  # itself a shortening of a longer name ("Văn Thọ" of "Nguyễn Văn Thọ")
        parts = name.split()
        for n in (1, 2):
            if len(parts) > n:
                tail = " ".join(parts[-n:])
                owners[tail] = name if owners.get(tail, name) == name else None
    return owners


class _Intervals:
    """Overlap queries against a fixed set of spans, by bisection over their sorted starts."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        longest = 0
        self._reach: list[int] = []
        for _, end in self._spans:
            longest = max(longest, end)
            self._reach.append(longest)  # the furthest end among spans starting at or before this one

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_left(self._spans, (end, -1)) - 1  # the last span starting before ``end``
        return index >= 0 and self._reach[index] > start


class _TitleIndex:
    """TITLE spans by where they end and start, to walk the stack of titles around a name.

    ``names`` are the name spans of the article. Titles between two names ("Thượng tướng Phạm
    Trường Long, Ủy viên Bộ Chính trị, Phó Chủ tịch Quân ủy Trung ương Trung Quốc, Chủ tịch nước
    Trần Đại Quang") are split: the one right before the second name is its title, the others stay
    with the first name.
    """

    def __init__(self, spans: Sequence[Tag], text: str, names: Sequence[tuple[int, int]] = ()) -> None:
        self.text = text
        self.by_end = {span.end: span for span in spans}
        self.by_start = {span.start: span for span in spans}
        self.name_starts = frozenset(start for start, _ in names)
        # Titles that follow a name: the walk back from a later name stops at them.
        self.follows_name: set[int] = set()
        for _, end in names:
            self.follows_name.update(start for start, _ in self._after(end))

    def around(self, start: int, end: int) -> list[tuple[int, int]]:
        """The titles stacked before ``start`` and after ``end``, in text order."""
        return self._before(start) + self._after(end)

    def _before(self, start: int) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        gap, position = NAME_GAP_BEFORE, start
        while (span := self._ending_before(position, gap)) is not None:
            if found and span.start in self.follows_name:
                break
            found.insert(0, (span.start, span.end))
            gap, position = GAP_BEFORE, span.start
        return found

    def _after(self, end: int) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        position = end
        while (span := self._starting_after(position)) is not None and not self._opens_name(span.end):
            found.append((span.start, span.end))
            position = span.end
        return found

    def _ending_before(self, position: int, gap: regex.Pattern[str]) -> Tag | None:
        for gap_start in range(position, max(-1, position - _MAX_GAP), -1):
            span = self.by_end.get(gap_start)
            if span is not None and gap.fullmatch(self.text, gap_start, position):
                return span
        return None

    def _starting_after(self, position: int) -> Tag | None:
        match = GAP_AFTER.match(self.text, position)
        return self.by_start.get(match.end()) if match else None

    def _opens_name(self, position: int) -> bool:
        match = NAME_GAP_BEFORE.match(self.text, position)
        return match is not None and match.end() in self.name_starts


@dataclass
class _NewPerson:
    name: str
    spans: list[tuple[int, int]] = dataclasses.field(default_factory=list)

    def record(self, text: str, titles: _TitleIndex) -> Official:
        found: list[str] = []
        first_titles: list[tuple[int, int]] = []
        for index, (start, end) in enumerate(self.spans):
            around = titles.around(start, end)
            if index == 0:
                first_titles = around
            for title_start, title_end in around:
                _add(found, " ".join(text[title_start:title_end].split()))
        start, end = self.spans[0]
        start = min([start, *(s for s, _ in first_titles)])
        end = max([end, *(e for _, e in first_titles)])
        mentions = [Mention(text[s:e], s, e) for s, e in self.spans]
        return Official(text[start:end], start, end, self.name, found, mentions)


def _with_titles(official: Official, titles: _TitleIndex, linked: Sequence[tuple[int, int]]) -> Official:
    found = list(official.titles)
    for mention_start, mention_end in [*_name_spans(official), *linked]:
        for start, end in titles.around(mention_start, mention_end):
            _add(found, " ".join(titles.text[start:end].split()))
    return official if found == official.titles else dataclasses.replace(official, titles=found)


def _name_spans(official: Official) -> list[tuple[int, int]]:
    """Where the official's name is written (its first mention when the rules listed none)."""
    return [(m.start, m.end) for m in official.mentions] or [(official.start, official.end)]


def _add(titles: list[str], title: str) -> None:
    """Add a title unless one already there is the same office worded the same, shorter or longer
    ("Bộ trưởng" / "Bộ trưởng Bộ Y tế"), as officials.title.lenient would pair them, or as an
    abbreviation of data/titles.tsv ("GS" / "Giáo sư"). At most ``_MAX_TITLES``: no real person
    has more, and the cap keeps a junk text with thousands of "titles" linear."""
    if len(titles) >= _MAX_TITLES:
        return
    same_as = lexicon().same_as
    new = same_as.get(norm(title), norm(title))
    for known in (same_as.get(norm(t), norm(t)) for t in titles):
        if new == known or new.startswith(known + " ") or known.startswith(new + " "):
            return
    if new:
        titles.append(title)
