"""Typed records returned by the library.

Every fact carries ``text``, ``start`` and ``end``: a half-open span of Python ``str`` indices into
the text the caller passed in, so ``source[start:end] == text`` always holds. Field names and value
formats follow the project's annotation guidelines (documented for users in docs/schema.md;
"GUIDELINES §n" below names their sections), so ``Article.to_dict()`` is directly scorable.

Optional attributes that the guidelines omit when absent (``mod``, ``approx``...) are left out of
``to_dict()`` when ``None``; attributes the guidelines write as ``null`` (``issued``, ``level``...)
are always present.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dataclasses_json import DataClassJsonMixin, config

# Leaves the key out of to_dict()/to_json() when the value is None.
_OMIT_NONE: dict[str, Any] = config(exclude=lambda value: value is None)


def _optional() -> Any:
    return field(default=None, metadata=_OMIT_NONE)


class Record(DataClassJsonMixin):
    """A record's JSON keeps Vietnamese as written ("Lê Quốc Phong", not "L\\u00ea …"), as the CLI
    does; ``ensure_ascii=True`` still escapes it."""

    def to_json(self, *, ensure_ascii: bool = False, **kwargs: Any) -> str:
        return super().to_json(ensure_ascii=ensure_ascii, **kwargs)


@dataclass(frozen=True)
class Mention(Record):
    """One place where something is named: ``text == source[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Official(Record):
    """A named person with every title the article gives them (GUIDELINES §1)."""

    text: str
    start: int
    end: int
    name: str
    titles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass(frozen=True)
class DateMention(Record):
    """A calendar date, month, year, quarter, period or time (GUIDELINES §2)."""

    text: str
    start: int
    end: int
    value: str
    mod: str | None = _optional()
    calendar: str | None = _optional()
    resolved: str | None = _optional()


@dataclass(frozen=True)
class DocumentRef(Record):
    """A reference to a legal, state or Party document (GUIDELINES §3)."""

    text: str
    start: int
    end: int
    doc_type: str | None
    number: str | None
    symbol: str | None
    key: str
    issued: str | None = None
    issuer: str | None = None
    term: str | None = None
    issuer_code: str | None = _optional()
    issuer_name: str | None = _optional()
    family: str | None = _optional()


@dataclass(frozen=True)
class Statistic(Record):
    """A counted or measured quantity (GUIDELINES §4)."""

    text: str
    start: int
    end: int
    value: float
    unit: str
    qualifier: str | None = _optional()
    approx: str | None = _optional()
    value_max: float | None = _optional()


@dataclass(frozen=True)
class Organization(Record):
    """A named organisation or body (GUIDELINES §5); ``name`` equals ``text``.

    A known public body (data/public_bodies.tsv) also has its official name as ``canonical``
    ("NHNN" -> "Ngân hàng Nhà nước Việt Nam") and, when it was merged or renamed, the body that
    took over as ``successor`` ("Bộ Kế hoạch và Đầu tư" -> "Bộ Tài chính").
    """

    text: str
    start: int
    end: int
    name: str
    canonical: str | None = _optional()
    successor: str | None = _optional()


@dataclass(frozen=True)
class Location(Record):
    """A named place with its administrative level when the article gives one (GUIDELINES §6)."""

    text: str
    start: int
    end: int
    name: str
    level: str | None = None
    canonical: str | None = _optional()
    code: str | None = _optional()
    province: str | None = _optional()
    successor: str | None = _optional()


Fact = Official | DateMention | DocumentRef | Statistic | Organization | Location

FACT_FIELDS: tuple[str, ...] = ("officials", "dates", "documents", "statistics", "organizations", "locations")


@dataclass(frozen=True)
class Article(Record):
    """Everything extracted from one article.

    ``title`` is the headline text when the article starts with one; ``body_start``/``body_end``
    delimit title, lead and body (byline and page furniture come after ``body_end``).
    ``warnings`` reports input problems that did not stop extraction (e.g. mojibake).
    """

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    source: str | None = None
    body_start: int = 0
    body_end: int = 0
    officials: list[Official] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    documents: list[DocumentRef] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def facts(self) -> list[Fact]:
        """All facts of every type, in order of their start offset."""
        found: list[Fact] = []
        for name in FACT_FIELDS:
            found.extend(getattr(self, name))
        return sorted(found, key=lambda fact: (fact.start, fact.end))
