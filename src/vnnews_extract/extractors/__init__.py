"""The extractor registry: versioned names mapped to the classes that implement them.

This module is the one place where extractors are registered. Entries are "module:Class" strings
imported on first use, so listing an extractor costs nothing until a Pipeline asks for it. A later
version of an extractor gets a new name ("dates.v2") beside the old one, so pipelines that pinned
a name keep their behaviour.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib import import_module
from typing import Any, ClassVar, Protocol

from ..lexicon import SHIPPED, Lexicons
from ..records import Fact
from ..text.document import Document

REGISTRY: dict[str, str] = {
    "dates.v1": ".dates:DateExtractor",
    "documents.v1": ".documents:DocumentExtractor",
    "statistics.v1": ".statistics:StatisticExtractor",
    "officials.v1": ".officials:OfficialExtractor",
    "locations.v1": ".locations:LocationExtractor",
    "organizations.v1": ".organizations:OrganizationExtractor",
}

# Used when a Pipeline is built without naming extractors: the newest version of each fact type.
DEFAULT_EXTRACTORS: tuple[str, ...] = (
    "documents.v1",
    "dates.v1",
    "statistics.v1",
    "officials.v1",
    "locations.v1",
    "organizations.v1",
)


class Extractor(Protocol):
    """Finds one fact type in a Document.

    ``fact`` is the Article field it fills; ``needs`` lists fact types that must be extracted
    first (documents read dates to attach ``issued``); ``found`` holds their results.
    """

    name: ClassVar[str]
    fact: ClassVar[str]
    needs: ClassVar[tuple[str, ...]]

    def __call__(self, doc: Document, found: Mapping[str, Sequence[Fact]]) -> list[Any]: ...


class LexiconReader:
    """Base of the extractors: holds the lexicons of their Pipeline (shipped plus user entries)."""

    def __init__(self, lexicons: Lexicons = SHIPPED) -> None:
        self.lexicons = lexicons


class UnknownExtractorError(KeyError):
    """Raised for an extractor name that is not registered."""


def load_extractor(name: str, lexicons: Lexicons = SHIPPED) -> Extractor:
    """Instantiate the extractor registered under ``name`` (e.g. ``"dates.v1"``) over ``lexicons``."""
    try:
        target = REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(REGISTRY)) or "none"
        raise UnknownExtractorError(f"unknown extractor {name!r}; registered: {known}") from None
    module_name, class_name = target.split(":")
    cls = getattr(import_module(module_name, __name__), class_name)
    # Plug-ins that do not read lexicons are built without them (the constructor they had before).
    extractor: Extractor = cls(lexicons) if issubclass(cls, LexiconReader) else cls()
    return extractor
