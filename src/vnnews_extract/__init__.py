"""vnnews_extract: typed, offset-exact facts from Vietnamese news articles.

>>> from vnnews_extract import extract
>>> article = extract("Ngày 25/10/2017, Ban Chấp hành Trung ương ban hành Nghị quyết số 18-NQ/TW.")
"""

from __future__ import annotations

from datetime import date
from functools import cache

from .frames import frames  # pandas is imported only when frames() is called
from .pipeline import ErrorRecord, InputTooLargeError, Pipeline
from .records import Article, DateMention, DocumentRef, Location, Mention, Official, Organization, Statistic

__all__ = [
    "Article",
    "DateMention",
    "DocumentRef",
    "ErrorRecord",
    "InputTooLargeError",
    "Location",
    "Mention",
    "Official",
    "Organization",
    "Pipeline",
    "Statistic",
    "extract",
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
