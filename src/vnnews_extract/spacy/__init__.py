"""spaCy adapter: a tokenizer and a pipeline component over the core library.

The core never imports spaCy; this package is the only place that does. After ``pip install``:

    import spacy
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("vnnews_extract")          # spacy_factories entry point
    doc = nlp(text)
    doc.spans["vnnews"], doc.ents, doc._.article, doc.ents[0]._.record

or ``vnnews_extract.spacy.blank()`` for a ``Language`` whose tokens are Vietnamese words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from spacy import displacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry
from spacy.vocab import Vocab

from .. import records
from ..pipeline import Pipeline
from ..text.normalize import normalize
from ..text.tokenize import WordTokenizer

SPANS_KEY = "vnnews"
_ARTICLE_KEY = "vnnews_extract:article"
COLORS = {
    "OFFICIAL": "#f4a261", "PERSON": "#e9c46a", "TITLE": "#f6bd60", "DATE": "#8ecae6",
    "DOCUMENT": "#b5e48c", "STATISTIC": "#cdb4db", "ORG": "#ffafcc", "LOC": "#a8dadc",
}
_LABELS = {
    "officials": "OFFICIAL", "dates": "DATE", "documents": "DOCUMENT",
    "statistics": "STATISTIC", "organizations": "ORG", "locations": "LOC",
}
_TYPES: dict[str, type[Any]] = {
    "officials": records.Official, "dates": records.DateMention, "documents": records.DocumentRef,
    "statistics": records.Statistic, "organizations": records.Organization, "locations": records.Location,
}


class VietnameseTokenizer:
    """Doc tokens are the segmenter's words ("Hương Xuân", "đảng viên", "18-NQ/TW"); anything
    between words (runs of white space, characters no word covers) becomes its own token, so
    ``doc.text`` is always the input text."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.segmenter = WordTokenizer()

    def __call__(self, text: str) -> Doc:
        normalized = normalize(text)
        spans = [normalized.to_source(t.start, t.end) for t in self.segmenter.tokenize(normalized.text)]
        words: list[str] = []
        spaces: list[bool] = []
        cursor = 0
        for start, end in spans:
            if start < cursor or start == end:
                continue
            self._gap(text[cursor:start], words, spaces)
            words.append(text[start:end])
            spaces.append(False)
            cursor = end
        self._gap(text[cursor:], words, spaces)
        return Doc(self.vocab, words=words, spaces=spaces)

    @staticmethod
    def _gap(gap: str, words: list[str], spaces: list[bool]) -> None:
        if gap == " " and words:
            spaces[-1] = True
        elif gap:
            rest = gap[1:] if gap.startswith(" ") and words else gap
            if rest is not gap:
                spaces[-1] = True
            if rest:
                words.append(rest)
                spaces.append(False)

    def to_bytes(self, **_: Any) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: Any) -> VietnameseTokenizer:
        return self

    def to_disk(self, _path: Any, **_: Any) -> None:
        return None

    def from_disk(self, _path: Any, **_: Any) -> VietnameseTokenizer:
        return self


@registry.tokenizers("vnnews_extract.Tokenizer.v1")  # type: ignore[untyped-decorator]
def create_tokenizer() -> Any:
    def make(nlp: Language) -> VietnameseTokenizer:
        return VietnameseTokenizer(nlp.vocab)

    return make


def blank() -> Language:
    """A Vietnamese ``Language`` whose tokenizer is this library's word segmentation."""
    import spacy

    return spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "vnnews_extract.Tokenizer.v1"}}})


def _span_key(start: int, end: int, label: str) -> str:
    return f"vnnews_extract:{start}:{end}:{label}"


def _record(span: Span) -> Any:
    stored = span.doc.user_data.get(_span_key(span.start_char, span.end_char, span.label_))
    if stored is None:
        return None
    fact, data = stored
    return _TYPES[fact].from_dict(data)


def _article(doc: Doc) -> records.Article | None:
    data = doc.user_data.get(_ARTICLE_KEY)
    return None if data is None else records.Article.from_dict(data)


if not Span.has_extension("record"):
    Span.set_extension("record", getter=_record)
if not Doc.has_extension("article"):
    Doc.set_extension("article", getter=_article)


class ExtractorComponent:
    """Runs the library on ``doc.text`` and writes spans, entities and records onto the Doc.

    User data holds only plain dicts, so ``DocBin`` and multiprocessing keep the records."""

    def __init__(
        self, nlp: Language, name: str, extractors: Sequence[str] | None = None,
        lexicons: Mapping[str, str] | None = None,
    ) -> None:
        """``lexicons`` maps a lexicon kind to a TSV file of entries to add (docs/lexicons.md). The
        files are read here, so a saved pipeline needs them at the same paths when it is loaded."""
        self.name = name
        self.extractors = None if extractors is None else list(extractors)
        self.pipeline = Pipeline(self.extractors, lexicons=lexicons)

    def __call__(self, doc: Doc) -> Doc:
        article = self.pipeline.extract(doc.text)
        doc.user_data[_ARTICLE_KEY] = article.to_dict()
        spans: list[Span] = []
        for fact, label in _LABELS.items():
            for record in getattr(article, fact):
                spans.extend(self._spans(doc, fact, label, record))
        doc.spans[SPANS_KEY] = spans
        doc.ents = filter_spans(s for s in spans if s.label_ != "PERSON")
        return doc

    @staticmethod
    def _spans(doc: Doc, fact: str, label: str, record: Any) -> Iterable[Span]:
        places = [(record.start, record.end, label)]
        if fact == "officials":
            places += [(m.start, m.end, "PERSON") for m in record.mentions]
        for start, end, span_label in places:
            span = doc.char_span(start, end, label=span_label, alignment_mode="expand")
            if span is not None:
                doc.user_data[_span_key(span.start_char, span.end_char, span_label)] = (fact, record.to_dict())
                yield span


@Language.factory("vnnews_extract", default_config={"extractors": None, "lexicons": None})
def make_component(
    nlp: Language, name: str, extractors: list[str] | None, lexicons: dict[str, str] | None
) -> ExtractorComponent:
    return ExtractorComponent(nlp, name, extractors, lexicons)


def render(doc: Doc, *, page: bool = False) -> str:
    """displaCy entity HTML of ``doc.ents`` with one colour per label."""
    html: str = displacy.render(doc, style="ent", page=page, options={"colors": COLORS})
    return html
