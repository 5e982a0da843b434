"""vnnews_extract: typed, offset-exact facts from Vietnamese news articles.

>>> from vnnews_extract import extract
>>> article = extract("Ngày 25/10/2017, Ban Chấp hành Trung ương ban hành Nghị quyết số 18-NQ/TW.")
"""

from __future__ import annotations

from datetime import date
from functools import cache

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
]
__version__ = "0.1.0"


@cache
def _default_pipeline() -> Pipeline:
    return Pipeline()


def extract(text: str, *, published: date | str | None = None) -> Article:
    """Extract every fact from one article with the default pipeline (built on first call).

    ``published`` (a date or ISO string) lets incomplete and relative dates get a ``resolved`` value.
    """
    return _default_pipeline().extract(text, published=published)
