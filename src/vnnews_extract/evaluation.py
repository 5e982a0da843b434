"""Scoring of predicted facts against gold JSON Lines, following the project's scoring rules (docs/scoring.md).

Gold and predicted records (``Article.to_dict()`` plus ``"id"``) are joined on ``"id"``. An article with
no prediction counts all its gold facts as missed; predictions whose id is not in the gold file are
ignored (and counted in ``Report.ignored_predictions``). Counts are summed over all articles (micro
average). When a denominator is zero, precision, recall, F1 and attribute accuracy are defined as 0.0.

Counting units (SCORING.md, "Metrics"):

* sets per article: ``officials.name``, ``officials.title``, ``authors``;
* multisets per article: ``dates.value``, ``organizations``, ``locations``;
* greedy per gold fact: ``officials.title.lenient``, ``dates.span``, ``documents.key``, ``statistics``,
  ``organizations.lenient``, ``locations.lenient``. Gold facts are taken in order, each matched to the
  first unused prediction that satisfies the condition. The (name, title) pairs of
  ``officials.title.lenient`` are taken without duplicates, in order of first appearance, on both sides,
  like the set of ``officials.title``.

Attribute accuracy is computed on the pairs of one matching per fact type:

* ``dates.mod``: the ``dates.span`` greedy pairs;
* ``documents.doc_type``, ``documents.issued``, ``documents.issuer``, ``documents.term``: the
  ``documents.key`` pairs;
* ``statistics.approx``: the ``statistics`` pairs;
* ``locations.level``: a greedy pairing, in order, of locations with equal ``norm(name)`` (the pairs behind
  the ``locations`` multiset count).

Only pairs whose gold attribute is present and not null are counted. A prediction that omits the attribute
has it as null, which is wrong whenever the gold one is not null (a gold statistic without ``approx`` is
exact and is not counted). String attributes are compared with ``norm``; other values with ``==``.

Robustness: a missing or null fact list is an empty list; an official without ``"titles"`` has no titles;
a fact whose compared string (name, text, key, date value) is missing, not a string, or empty after
normalisation is left out of that metric, on either side. A statistic is always counted, but one whose
value is not a number (or is a bool) never matches.

The tone folds of ``norm`` are plain substring replacements, exactly as listed in SCORING.md; they are
applied identically to both sides, so a fold inside a closed syllable ("khoảng" → "khỏang") is harmless.
"""

from __future__ import annotations

import json
import math
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard, TypeVar

__all__ = [
    "ATTRIBUTES",
    "METRICS",
    "TONE_FOLDS",
    "AttributeScore",
    "MetricScore",
    "Report",
    "key_norm",
    "load_jsonl",
    "norm",
    "score",
]

METRICS: tuple[str, ...] = (
    "officials.name",
    "officials.title",
    "officials.title.lenient",
    "dates.value",
    "dates.span",
    "documents.key",
    "statistics",
    "organizations",
    "organizations.lenient",
    "locations",
    "locations.lenient",
    "authors",
)

ATTRIBUTES: tuple[str, ...] = (
    "dates.mod",
    "documents.doc_type",
    "documents.issued",
    "documents.issuer",
    "documents.term",
    "statistics.approx",
    "locations.level",
)

# Old-style ("new") tone placement → traditional placement, as listed in SCORING.md. Applied after
# lower-casing, so only lower-case forms are needed.
TONE_FOLDS: dict[str, str] = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}

# U+00D0 (Icelandic eth) and U+0189 (African D) are look-alikes of Đ; str.lower() would map U+00D0 to ð,
# so they are replaced before lower-casing.
_CHAR_MAP: dict[int, str] = {
    0x00D0: "\u0110",
    0x0189: "\u0110",
    **{code: "-" for code in range(0x2010, 0x2016)},
    0x2212: "-",
}

_TONE_FOLD_RE = re.compile("|".join(re.escape(old) for old in TONE_FOLDS))
_WHITESPACE_RE = re.compile(r"\s+")

# Qualifiers dropped (one, leading) before comparing titles in officials.title.lenient.
_TITLE_QUALIFIERS: tuple[str, ...] = ("nguyên ", "cựu ", "quyền ", "tân ")

_T = TypeVar("_T")


def norm(s: str) -> str:
    """Normalise ``s`` for comparison, as SCORING.md defines ``norm``.

    NFC; U+00D0 and U+0189 → Đ; dashes U+2010–U+2015 and U+2212 → "-"; lower case; old-style tone
    placement folded (``TONE_FOLDS``); runs of white space → one space; trimmed.
    """
    s = unicodedata.normalize("NFC", s).translate(_CHAR_MAP).lower()
    s = _TONE_FOLD_RE.sub(lambda m: TONE_FOLDS[m.group()], s)
    return _WHITESPACE_RE.sub(" ", s).strip()


def key_norm(s: str) -> str:
    """``norm(s)`` with all white space removed (used for document keys)."""
    return _WHITESPACE_RE.sub("", norm(s))


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSON Lines file of records (one JSON object per line; blank lines are skipped).

    Raises ``ValueError`` naming the file and line number when a line is not valid JSON, is not an
    object, or repeats a key within one object.
    """
    path = Path(path)
    records: list[dict[str, Any]] = []
    with path.open(encoding="utf-8-sig") as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line, object_pairs_hook=_reject_duplicate_keys)
            except json.JSONDecodeError as err:
                raise ValueError(
                    f"{path}:{lineno}: malformed JSON: {err.msg} (column {err.colno})"
                ) from err
            except _DuplicateKeyError as err:
                raise ValueError(f"{path}:{lineno}: duplicate key {err.key!r} in a JSON object") from err
            if not isinstance(record, dict):
                raise ValueError(f"{path}:{lineno}: expected a JSON object, got {type(record).__name__}")
            records.append(record)
    return records


class _DuplicateKeyError(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(key)
        result[key] = value
    return result


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


@dataclass(frozen=True)
class MetricScore:
    """Counts of one metric; precision, recall and F1 are 0.0 when their denominator is zero."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: MetricScore) -> MetricScore:
        return MetricScore(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        # Equal to the harmonic mean of precision and recall, and 0.0 when both are 0.0.
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def to_dict(self) -> dict[str, int | float]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class AttributeScore:
    """Correct attribute values among ``total`` counted pairs; accuracy is 0.0 when ``total`` is 0."""

    correct: int = 0
    total: int = 0

    def __add__(self, other: AttributeScore) -> AttributeScore:
        return AttributeScore(self.correct + other.correct, self.total + other.total)

    @property
    def accuracy(self) -> float:
        return _ratio(self.correct, self.total)

    def to_dict(self) -> dict[str, int | float]:
        return {"correct": self.correct, "total": self.total, "accuracy": self.accuracy}


@dataclass(frozen=True)
class Report:
    """Micro-averaged scores: ``metrics`` keyed by ``METRICS``, ``attributes`` keyed by ``ATTRIBUTES``.

    ``articles`` is the number of gold articles, ``missing_predictions`` how many of them had no
    prediction, ``ignored_predictions`` how many predictions had an id not in the gold file.
    """

    metrics: dict[str, MetricScore] = field(default_factory=lambda: {m: MetricScore() for m in METRICS})
    attributes: dict[str, AttributeScore] = field(
        default_factory=lambda: {a: AttributeScore() for a in ATTRIBUTES}
    )
    articles: int = 0
    missing_predictions: int = 0
    ignored_predictions: int = 0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict of the counts and derived scores."""
        return {
            "articles": self.articles,
            "missing_predictions": self.missing_predictions,
            "ignored_predictions": self.ignored_predictions,
            "metrics": {name: score.to_dict() for name, score in self.metrics.items()},
            "attributes": {name: score.to_dict() for name, score in self.attributes.items()},
        }

    def format_table(self) -> str:
        """A fixed-width text table: P/R/F1 and tp/fp/fn per metric, then attribute accuracies."""
        width = max(len(name) for name in (*self.metrics, *self.attributes, "attribute"))
        lines = [
            f"articles: {self.articles} (without prediction: {self.missing_predictions}; "
            f"predictions ignored: {self.ignored_predictions})",
            "",
            f"{'metric':<{width}} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}",
        ]
        for name, m in self.metrics.items():
            scores = f"{m.precision:6.3f} {m.recall:6.3f} {m.f1:6.3f}"
            lines.append(f"{name:<{width}} {scores} {m.tp:6d} {m.fp:6d} {m.fn:6d}")
        lines += ["", f"{'attribute':<{width}} {'acc':>6} {'correct':>8} {'total':>6}"]
        for name, a in self.attributes.items():
            lines.append(f"{name:<{width}} {a.accuracy:6.3f} {a.correct:8d} {a.total:6d}")
        return "\n".join(lines)


def score(gold: Iterable[Mapping[str, Any]], pred: Iterable[Mapping[str, Any]]) -> Report:
    """Score predicted records against gold records, joined on ``"id"`` (micro-averaged).

    An article with no prediction counts all its gold facts as missed. Predictions for ids not in
    gold are ignored. Raises ``ValueError`` when a record has no ``"id"`` or an id occurs twice on
    one side.
    """
    gold_by_id = _index_by_id(gold, "gold")
    pred_by_id = _index_by_id(pred, "prediction")
    metrics = {name: MetricScore() for name in METRICS}
    attributes = {name: AttributeScore() for name in ATTRIBUTES}
    missing = 0
    for article_id, gold_record in gold_by_id.items():
        pred_record = pred_by_id.get(article_id)
        if pred_record is None:
            missing += 1
            pred_record = {}
        article_metrics, article_attributes = _score_article(gold_record, pred_record)
        for name, metric in article_metrics.items():
            metrics[name] += metric
        for name, attribute in article_attributes.items():
            attributes[name] += attribute
    return Report(
        metrics=metrics,
        attributes=attributes,
        articles=len(gold_by_id),
        missing_predictions=missing,
        ignored_predictions=sum(1 for article_id in pred_by_id if article_id not in gold_by_id),
    )


def _index_by_id(records: Iterable[Mapping[str, Any]], side: str) -> dict[Any, Mapping[str, Any]]:
    indexed: dict[Any, Mapping[str, Any]] = {}
    for position, record in enumerate(records, start=1):
        if "id" not in record:
            raise ValueError(f"{side} record {position} has no 'id'")
        article_id = record["id"]
        if article_id in indexed:
            raise ValueError(f"{side} id {article_id!r} occurs more than once")
        indexed[article_id] = record
    return indexed


# --- matchers -------------------------------------------------------------------------------------


def _set_score(gold: Iterable[Hashable], pred: Iterable[Hashable]) -> MetricScore:
    gold_set, pred_set = set(gold), set(pred)
    tp = len(gold_set & pred_set)
    return MetricScore(tp, len(pred_set) - tp, len(gold_set) - tp)


def _multiset_score(gold: Iterable[Hashable], pred: Iterable[Hashable]) -> MetricScore:
    gold_counts, pred_counts = Counter(gold), Counter(pred)
    tp = sum((gold_counts & pred_counts).values())
    return MetricScore(tp, pred_counts.total() - tp, gold_counts.total() - tp)


def _greedy_pairs(
    gold: Sequence[_T], pred: Sequence[_T], matches: Callable[[_T, _T], bool]
) -> list[tuple[int, int]]:
    """Index pairs (gold, pred): each gold item in order takes the first unused matching prediction."""
    used = [False] * len(pred)
    pairs: list[tuple[int, int]] = []
    for gi, gold_item in enumerate(gold):
        for pi, pred_item in enumerate(pred):
            if not used[pi] and matches(gold_item, pred_item):
                used[pi] = True
                pairs.append((gi, pi))
                break
    return pairs


def _pairs_score(pairs: Sequence[tuple[int, int]], n_gold: int, n_pred: int) -> MetricScore:
    return MetricScore(len(pairs), n_pred - len(pairs), n_gold - len(pairs))


def _attribute_score(
    pairs: Iterable[tuple[int, int]],
    gold: Sequence[Mapping[str, Any]],
    pred: Sequence[Mapping[str, Any]],
    attribute: str,
) -> AttributeScore:
    correct = total = 0
    for gi, pi in pairs:
        gold_value = gold[gi].get(attribute)
        if gold_value is None:
            continue
        total += 1
        correct += _attribute_equal(gold_value, pred[pi].get(attribute))
    return AttributeScore(correct, total)


def _attribute_equal(gold_value: object, pred_value: object) -> bool:
    if isinstance(gold_value, str) and isinstance(pred_value, str):
        return norm(gold_value) == norm(pred_value)
    return gold_value == pred_value


# --- match conditions -----------------------------------------------------------------------------


def _one_contains_other(a: str, b: str) -> bool:
    return a in b or b in a


def _one_extends_other(a: str, b: str) -> bool:
    """True when a == b, or one is the other followed by a space and more words."""
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def _drop_title_qualifier(title: str) -> str:
    for qualifier in _TITLE_QUALIFIERS:
        if title.startswith(qualifier):
            return title[len(qualifier) :]
    return title


def _lenient_title_match(gold: tuple[str, str], pred: tuple[str, str]) -> bool:
    return gold[0] == pred[0] and _one_extends_other(
        _drop_title_qualifier(gold[1]), _drop_title_qualifier(pred[1])
    )


@dataclass(frozen=True)
class _Quantity:
    value: object
    unit: str


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _numbers_equal(a: float, b: float) -> bool:
    if a == b:
        return True
    try:
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=0.0)
    except OverflowError:  # an int too large for a float
        return False


def _statistic_match(gold: _Quantity, pred: _Quantity) -> bool:
    return (
        _is_number(gold.value)
        and _is_number(pred.value)
        and _numbers_equal(gold.value, pred.value)
        and _one_extends_other(gold.unit, pred.unit)
    )


# --- field access ---------------------------------------------------------------------------------

# A fact list as (comparison key, fact) pairs, keeping the fact for attribute accuracy.
_Keyed = Sequence[tuple[_T, Mapping[str, Any]]]


def _facts(record: Mapping[str, Any], kind: str) -> list[Mapping[str, Any]]:
    return [fact for fact in record.get(kind) or [] if isinstance(fact, Mapping)]


def _normed(value: object) -> str | None:
    return (norm(value) or None) if isinstance(value, str) else None


def _key_normed(value: object) -> str | None:
    return (key_norm(value) or None) if isinstance(value, str) else None


def _exact(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _keyed(
    record: Mapping[str, Any], kind: str, fld: str, to_key: Callable[[object], str | None]
) -> list[tuple[str, Mapping[str, Any]]]:
    """(key, fact) for the facts of ``kind`` whose ``fld`` gives a usable key; the others are left out."""
    keyed: list[tuple[str, Mapping[str, Any]]] = []
    for fact in _facts(record, kind):
        key = to_key(fact.get(fld))
        if key is not None:
            keyed.append((key, fact))
    return keyed


def _keys(keyed: _Keyed[_T]) -> list[_T]:
    return [key for key, _ in keyed]


def _facts_of(keyed: _Keyed[_T]) -> list[Mapping[str, Any]]:
    return [fact for _, fact in keyed]


def _named(record: Mapping[str, Any], kind: str) -> list[tuple[str, Mapping[str, Any]]]:
    return _keyed(record, kind, "name", _normed)


def _title_pairs(record: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Distinct (norm(name), norm(title)) pairs in order of first appearance."""
    pairs: dict[tuple[str, str], None] = {}
    for name, official in _named(record, "officials"):
        for title in official.get("titles") or []:
            normed_title = _normed(title)
            if normed_title is not None:
                pairs[(name, normed_title)] = None
    return list(pairs)


def _quantities(record: Mapping[str, Any]) -> list[tuple[_Quantity, Mapping[str, Any]]]:
    return [
        (_Quantity(fact.get("value"), _normed(fact.get("unit")) or ""), fact)
        for fact in _facts(record, "statistics")
    ]


def _author_names(record: Mapping[str, Any]) -> list[str]:
    names = (_normed(author) for author in record.get("authors") or [])
    return [name for name in names if name is not None]


# --- one article ----------------------------------------------------------------------------------


def _greedy(
    gold: _Keyed[_T], pred: _Keyed[_T], matches: Callable[[_T, _T], bool], attributes: Sequence[str] = ()
) -> tuple[MetricScore, dict[str, AttributeScore]]:
    """Greedy metric over keyed facts, with the accuracy of ``attributes`` on the same pairs."""
    pairs = _greedy_pairs(_keys(gold), _keys(pred), matches)
    gold_facts, pred_facts = _facts_of(gold), _facts_of(pred)
    accuracies = {name: _attribute_score(pairs, gold_facts, pred_facts, name) for name in attributes}
    return _pairs_score(pairs, len(gold), len(pred)), accuracies


def _score_article(
    gold: Mapping[str, Any], pred: Mapping[str, Any]
) -> tuple[dict[str, MetricScore], dict[str, AttributeScore]]:
    m: dict[str, MetricScore] = {}
    a: dict[str, AttributeScore] = {}

    m["officials.name"] = _set_score(_keys(_named(gold, "officials")), _keys(_named(pred, "officials")))
    gold_titles, pred_titles = _title_pairs(gold), _title_pairs(pred)
    m["officials.title"] = _set_score(gold_titles, pred_titles)
    m["officials.title.lenient"] = _pairs_score(
        _greedy_pairs(gold_titles, pred_titles, _lenient_title_match), len(gold_titles), len(pred_titles)
    )

    m["dates.value"] = _multiset_score(
        _keys(_keyed(gold, "dates", "value", _exact)), _keys(_keyed(pred, "dates", "value", _exact))
    )
    m["dates.span"], mods = _greedy(
        _keyed(gold, "dates", "text", _normed), _keyed(pred, "dates", "text", _normed),
        _one_contains_other, ["mod"],
    )
    a["dates.mod"] = mods["mod"]

    m["documents.key"], doc_attributes = _greedy(
        _keyed(gold, "documents", "key", _key_normed), _keyed(pred, "documents", "key", _key_normed),
        operator.eq, ["doc_type", "issued", "issuer", "term"],
    )
    a.update({f"documents.{name}": result for name, result in doc_attributes.items()})

    m["statistics"], approx = _greedy(_quantities(gold), _quantities(pred), _statistic_match, ["approx"])
    a["statistics.approx"] = approx["approx"]

    gold_orgs, pred_orgs = _named(gold, "organizations"), _named(pred, "organizations")
    m["organizations"] = _multiset_score(_keys(gold_orgs), _keys(pred_orgs))
    m["organizations.lenient"], _ = _greedy(gold_orgs, pred_orgs, _one_contains_other)

    gold_locs, pred_locs = _named(gold, "locations"), _named(pred, "locations")
    m["locations"] = _multiset_score(_keys(gold_locs), _keys(pred_locs))
    m["locations.lenient"], _ = _greedy(gold_locs, pred_locs, _one_contains_other)
    _, levels = _greedy(gold_locs, pred_locs, operator.eq, ["level"])
    a["locations.level"] = levels["level"]

    m["authors"] = _set_score(_author_names(gold), _author_names(pred))
    return m, a
