"""Pipeline: normalise -> structure -> segment -> tokenise -> run extractors -> Article."""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, TypeVar

from . import regex_cache
from .extractors import DEFAULT_EXTRACTORS, Extractor, load_extractor
from .html import HtmlArticle, article_text
from .lexicon import Lexicons, UserLexicon
from .records import Article, Fact, Record
from .text.document import Document
from .text.normalize import normalize
from .text.published import read_published
from .text.quality import MARKUP_WARNING, input_warnings
from .text.structure import analyse_structure, whole_text
from .text.tokenize import WordTokenizer

DEFAULT_MAX_CHARS = 2_000_000
DEFAULT_TIMEOUT = 30.0  # seconds for one article in a worker process; ordinary articles take well under 1 s


class InputTooLargeError(ValueError):
    """The text is longer than the pipeline's ``max_chars``."""


@dataclass(frozen=True)
class ErrorRecord(Record):
    """Stands in for an article that could not be extracted, so no input is silently lost."""

    index: int
    id: str | None
    error: str
    message: str


class Pipeline:
    """Loads resources once and extracts many articles.

    ``extractors`` names registered extractors (``"dates.v1"``...); by default the newest version
    of every fact type. Texts longer than ``max_chars`` are refused with InputTooLargeError rather
    than tying a worker up for minutes. ``lexicons`` adds entries to the shipped lexicons for this
    Pipeline only: ``{"titles": "my_titles.tsv", "surnames": [{"surname": "Ksor", "frequency": "rare"}]}``
    (kinds: titles, organizations, surnames, documents; see ``lexicon.Lexicons`` and docs/lexicons.md).
    """

    def __init__(
        self, extractors: Sequence[str] | None = None, *, max_chars: int = DEFAULT_MAX_CHARS,
        lexicons: Lexicons | Mapping[str, UserLexicon] | None = None,
    ):
        names = DEFAULT_EXTRACTORS if extractors is None else tuple(extractors)
        self.lexicons = Lexicons.of(lexicons)
        self.extractors: list[Extractor] = _in_dependency_order([load_extractor(n, self.lexicons) for n in names])
        self.max_chars = max_chars
        self.tokenizer = WordTokenizer()

    @property
    def names(self) -> list[str]:
        return [extractor.name for extractor in self.extractors]

    def extract(self, text: str, *, published: date | str | float | None = None, detect_layout: bool = True) -> Article:
        """Extract every fact from one article; offsets index ``text`` itself.

        With ``detect_layout=False`` the whole text is treated as article body (no title, byline or
        page furniture): use it for single sentences or excerpts.
        """
        self._check_input(text, "extract()", "text")
        normalized = normalize(text)
        structure = analyse_structure(normalized.text) if detect_layout else whole_text(normalized.text)
        published_date, unread = read_published(published)
        doc = Document(normalized, structure, self.tokenizer, published_date)
        found: dict[str, list[Fact]] = {}
        for extractor in self.extractors:
            found[extractor.fact] = extractor(doc, found)
        regex_cache.save()  # the patterns this article needed first, for the next process: a no-op once warm
        return _article(doc, found, input_warnings(text) + ([unread] if unread else []) + doc.warnings)

    def extract_many(
        self, items: Iterable[str | Mapping[str, Any]], *, workers: int = 1, timeout: float | None = DEFAULT_TIMEOUT
    ) -> Generator[Article | ErrorRecord, None, None]:
        """Extract a stream of articles: str texts or mappings with "text" (and "id", "published").

        Yields one Article or one ErrorRecord per item, in input order; never stops on a bad item.
        With ``workers > 1`` the articles are extracted in that many processes, each with its own
        Pipeline built from this one's settings, and an article taking more than ``timeout`` seconds
        (None: no limit) becomes a "Timeout" ErrorRecord, its process replaced. With ``workers=1``
        they are extracted here, and ``timeout`` does not apply: a running extractor cannot be
        stopped from inside its own process (``batch.run`` uses one worker process instead).
        """
        if workers > 1:
            from .parallel import extract_parallel  # keeps process machinery out of simple use

            yield from extract_parallel(
                items, extractors=self.names, max_chars=self.max_chars, workers=workers, timeout=timeout,
                lexicons=self.lexicons,
            )
            return
        for index, item in enumerate(items):
            yield self.extract_item(index, item)

    def extract_item(self, index: int, item: str | Mapping[str, Any]) -> Article | ErrorRecord:
        """One item of ``extract_many``: the Article, or an ErrorRecord saying why there is none."""
        return _guarded(self.extract, index, item)

    def _check_input(self, value: object, caller: str, what: str) -> None:
        if not isinstance(value, str):
            raise TypeError(f"{caller} needs a str, got {type(value).__name__}; decode bytes first")
        if len(value) > self.max_chars:
            raise InputTooLargeError(
                f"{what} has {len(value):,} characters, more than max_chars={self.max_chars:,}; "
                "split it or build the Pipeline with a larger max_chars"
            )

    def extract_html(
        self, html: str, *, published: date | str | float | None = None, detect_layout: bool = True
    ) -> HtmlArticle:
        """Extract every fact from the article in an HTML page.

        Returns an HtmlArticle: the Article, whose offsets index ``.text`` (the page's article text:
        headline, then one paragraph per line; see ``vnnews_extract.html``), not the HTML, and
        ``.html_span(start, end)``, the range of the HTML a span came from. An HTML page longer than
        ``max_chars`` is refused with InputTooLargeError; a page with no article text gives an empty
        Article with a warning.
        """
        self._check_input(html, "extract_html()", "HTML")
        source = article_text(html)
        article = self.extract(source.text, published=published, detect_layout=detect_layout)
        # The text is ours, not markup: a "looks like HTML" warning could only come from escaped markup
        # ("&lt;p&gt;") the page shows as text.
        warnings = [warning for warning in article.warnings if warning != MARKUP_WARNING] + list(source.warnings)
        return HtmlArticle(replace(article, warnings=warnings), source)

    def extract_html_item(self, index: int, item: str | Mapping[str, Any]) -> HtmlArticle | ErrorRecord:
        """``extract_item`` for HTML: ``item`` is the page, or a mapping whose "text" holds it (batch --html)."""
        return _guarded(self.extract_html, index, item)


Result = Article | ErrorRecord
HtmlResult = HtmlArticle | ErrorRecord
_Extracted = TypeVar("_Extracted", Article, HtmlArticle)


def _guarded(
    extract: Callable[..., _Extracted], index: int, item: str | Mapping[str, Any]
) -> _Extracted | ErrorRecord:
    """``extract`` on an item (a text, or a mapping with "text" and "published"), or the ErrorRecord
    saying why there is nothing: an extractor bug costs its article, not a batch of millions."""
    try:
        if isinstance(item, Mapping):
            return extract(item.get("text"), published=item.get("published"))
        return extract(item)
    except Exception as error:  # noqa: BLE001 (see the docstring)
        return ErrorRecord(index, item_id(item), type(error).__name__, str(error)[:1000])

_shared = threading.local()


def shared_pipeline(
    extractors: Sequence[str] | None = None, *, max_chars: int = DEFAULT_MAX_CHARS,
    lexicons: Lexicons | Mapping[str, UserLexicon] | None = None,
) -> Pipeline:
    """This thread's Pipeline for these settings, built on first use and kept.

    For functions a distributed engine calls once per partition (Dask ``map_partitions``, Spark
    ``mapInPandas``): the resources load once per worker process, not once per partition. Thread-local
    because the engines may run several task threads in one process.
    """
    pipelines: dict[tuple[Any, int, str], Pipeline] = _shared.__dict__.setdefault("pipelines", {})
    checked = Lexicons.of(lexicons)
    key = (None if extractors is None else tuple(extractors), max_chars, checked.digest())
    if key not in pipelines:
        pipelines[key] = Pipeline(extractors, max_chars=max_chars, lexicons=checked)
    return pipelines[key]


def item_id(item: str | Mapping[str, Any]) -> str | None:
    """The id an ErrorRecord carries for an ``extract_many`` item: its "id" as a string, if any."""
    record_id = item.get("id") if isinstance(item, Mapping) else None
    return None if record_id is None else str(record_id)


def _in_dependency_order(extractors: list[Extractor]) -> list[Extractor]:
    """Order extractors so each runs after the fact types it ``needs`` (when those are selected)."""
    by_fact = {extractor.fact: extractor for extractor in extractors}
    ordered: list[Extractor] = []

    def visit(extractor: Extractor, path: tuple[str, ...]) -> None:
        if extractor in ordered:
            return
        if extractor.fact in path:
            raise ValueError(f"extractor dependency cycle: {' -> '.join((*path, extractor.fact))}")
        for need in extractor.needs:
            if need in by_fact:
                visit(by_fact[need], (*path, extractor.fact))
        ordered.append(extractor)

    for extractor in extractors:
        visit(extractor, ())
    return ordered


def _article(doc: Document, found: Mapping[str, list[Fact]], warnings: list[str]) -> Article:
    structure = doc.structure
    body_start, body_end = doc.normalized.to_source(*structure.body)
    title = doc.source_span(*structure.title)[0] if structure.title else None
    facts = {name: sorted(records, key=lambda f: (f.start, f.end)) for name, records in found.items()}
    return Article(
        title=title,
        authors=list(structure.authors),
        source=structure.source,
        body_start=body_start,
        body_end=body_end,
        warnings=warnings,
        **facts,  # type: ignore[arg-type]
    )
