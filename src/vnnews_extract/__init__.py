"""vnnews_extract: typed, offset-exact facts from Vietnamese news articles.

>>> from vnnews_extract import extract
>>> article = extract("Ngày 25/10/2017, Ban Chấp hành Trung ương ban hành Nghị quyết số 18-NQ/TW.")
"""

from __future__ import annotations

from datetime import date
from functools import cache

from .frames import frames  # pandas is imported only when frames() is called
from .html import HtmlArticle
from .pipeline import ErrorRecord, InputTooLargeError, Pipeline
from .records import Article, DateMention, DocumentRef, Location, Mention, Official, Organization, Statistic

__all__ = [
    "Article",
    "DateMention",
    "DocumentRef",
    "ErrorRecord",
    "HtmlArticle",
    "InputTooLargeError",
    "Location",
    "Mention",
    "Official",
    "Organization",
    "Pipeline",
    "Statistic",
    "extract",
    "extract_html",
    "frames",
]
__version__ = "0.1.0"


@cache
def _default_pipeline() -> Pipeline:
    return Pipeline()


def extract(text: str, *, published: date | str | float | None = None, detect_layout: bool = True) -> Article:
    """Extract every fact from one article with the default pipeline (built on first call).

    ``published`` (a date, an ISO or "dd/mm/yyyy [HH:MM]" string, a Vietnamese dateline or epoch
    seconds) lets incomplete and relative dates get a ``resolved`` value; one it cannot read becomes a
    warning on the Article;
    ``detect_layout=False`` reads the whole text as body (for sentences and excerpts).
    """
    return _default_pipeline().extract(text, published=published, detect_layout=detect_layout)


def extract_html(html: str, *, published: date | str | float | None = None) -> HtmlArticle:
    """Extract every fact from the article in an HTML page with the default pipeline.

    Returns an HtmlArticle: ``.article`` (offsets index ``.text``, the page's article text, headline
    first and one paragraph per line), ``.text``, and ``.html_span(start, end)`` to find a fact in the
    HTML. ``published`` as for ``extract``.
    """
    return _default_pipeline().extract_html(html, published=published)
