"""Named places (GUIDELINES §6), with their administrative level and, where the gazetteer
resolves them in the article's context, canonical name, unit code, province and 2025 successor.

Three ways a place is named: after a place word ("phường Hương Xuân", "TX. Hương Trà", "Quận 4",
"làng Xuân La"; data/place_levels.tsv), as a short form ("TP.HCM"; data/place_aliases.tsv), or
bare: a province (data/admin_units.tsv), a country or region (data/world_places.tsv), or a name
the article has already introduced with a place word ("Hương Xuân" after "phường Hương Xuân").
Places inside organisation names and titles count ("UBND tỉnh Bình Định"); places inside a
person's name do not.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

import regex

from ..lexicon import alternation, read_tsv
from ..records import Fact, Location
from ..regex_cache import compile_pattern
from ..resolve import gazetteer
from ..text.document import Document
from ..text.spans import SpanSet, whole_words
from . import LexiconReader

_CAPITAL_WORD = r"\p{Lu}[\p{L}'’]*"
_NAME = rf"(?:\d{{1,2}}(?![\d/])|{_CAPITAL_WORD}(?:[ ]+{_CAPITAL_WORD}|-{_CAPITAL_WORD}){{0,4}})"
# Bare names that name people more often than places ("tư tưởng Hồ Chí Minh").
_NOT_BARE = frozenset({"Hồ Chí Minh"})
# "tiếng Anh", "người Pháp": a language or people, not the country.
_LANGUAGE_WORDS = frozenset({"tiếng", "người", "chữ", "văn"})


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    name: str
    level: str | None


class LocationExtractor(LexiconReader):
    """``locations.v1``: places after place words, short forms and known bare names."""

    name: ClassVar[str] = "locations.v1"
    fact: ClassVar[str] = "locations"
    needs: ClassVar[tuple[str, ...]] = ("officials",)

    def __call__(self, doc: Document, found: Mapping[str, Sequence[Fact]]) -> list[Location]:
        persons = SpanSet((m.start, m.end) for f in found.get("officials", ()) for m in getattr(f, "mentions", [f]))
        spans = doc.structure.content
        leveled = [f for start, end in spans for f in self._leveled(doc.text, start, end)]
        # Names introduced with a place word are known bare later; one syllable is too ambiguous.
        introduced = {f.name for f in leveled if f.name[:1].isalpha() and " " in f.name}
        bare = [f for start, end in spans for f in self._bare(doc.text, start, end, introduced)]
        bare = [f for f in bare if " " in f.name or self._whole_word(doc, f)]
        places = _outermost(leveled + bare)
        provinces = frozenset(gazetteer.key(f.name) for f in places if gazetteer.lookup(f.name) is not None)
        records = []
        for place in places:
            text, start, end = doc.source_span(place.start, place.end)
            if persons.overlaps(start, end):
                continue  # "Bình" in "Trần Thanh Bình" is a person's name
            records.append(self._record(text, start, end, place, provinces))
        return records

    # -- finding ----------------------------------------------------------------------------------

    @cached_property
    def _levels(self) -> dict[str, str | None]:
        return {row["surface"]: None if row["level"] == "-" else row["level"] for row in read_tsv("place_levels.tsv")}

    @cached_property
    def _aliases(self) -> dict[str, tuple[str, str | None]]:
        rows = read_tsv("place_aliases.tsv")
        return {row["alias"]: (row["name"], None if row["level"] == "-" else row["level"]) for row in rows}

    @cached_property
    def _leveled_re(self) -> regex.Pattern[str]:
        aliases = alternation(self._aliases)
        levels = alternation(self._levels)
        return compile_pattern(
            rf"(?<![\w.])(?P<alias>{aliases})(?![\w])"
            rf"|(?<![\w.])(?P<level>{levels})(?:(?<=\.)\s*|\s+)(?P<name>{_NAME})(?![\w])"
        )

    def _leveled(self, text: str, start: int, end: int) -> Iterator[Found]:
        for match in self._leveled_re.finditer(text, start, end, overlapped=False):
            if match["alias"]:
                name, level = self._aliases[match["alias"]]
                yield Found(match.start(), match.end(), name, level)
                continue
            surface = match["level"]
            level = self._levels[surface]
            name = self._trim(match["name"], level)
            if surface.isupper() and len(surface) > 3:
                name = name.title()  # "TỈNH NGHỆ AN" -> "Nghệ An"
            if name.isdigit() and level not in ("phường", "quận"):
                continue  # only wards and districts are numbered ("Phường 12", "Quận 4")
            name_start = match.start("name")
            yield Found(match.start(), name_start + len(name), name, level)

    @staticmethod
    def _trim(name: str, level: str | None) -> str:
        """The longest leading part of ``name`` the gazetteer knows at ``level`` (so "tỉnh Quảng Ninh
        Quản Minh Cường" stops at the province), else at most three words."""
        words = name.split()
        for size in range(min(len(words), 5), 0, -1):
            candidate = " ".join(words[:size])
            if gazetteer.lookup(candidate, level) is not None or gazetteer.lookup(candidate) is not None:
                return candidate
        return " ".join(words[:3])

    @cached_property
    def _bare_names(self) -> frozenset[str]:
        """Provinces and cities (2025 and legacy, incl. provincial cities such as "Quy Nhơn"),
        countries and regions."""
        cities = {u.name for u in gazetteer.units() if u.level in ("tỉnh", "thành phố") and not u.name.isdigit()}
        # Country names that are also common words ("Trung Hoa", "Xiêm") only count when longer
        # context names them; one-syllable ones ("Anh", "Mỹ") pass the whole-word check instead.
        world = {
            row["name"] for row in read_tsv("world_places.tsv")
            if not (row["note"].startswith("ambiguous") and " " in row["name"])
        }
        return frozenset((cities | world) - _NOT_BARE)

    @cached_property
    def _bare_re(self) -> regex.Pattern[str]:
        return compile_pattern(rf"(?<![\w])(?:{alternation(self._bare_names)})(?![\w])")

    def _bare(self, text: str, start: int, end: int, introduced: set[str]) -> Iterator[Found]:
        for match in self._bare_re.finditer(text, start, end):
            yield Found(match.start(), match.end(), match.group(), None)
        for name in introduced - self._bare_names:  # a few per article
            for position, after in whole_words(text, name, start, end):
                yield Found(position, after, name, None)

    @staticmethod
    def _whole_word(doc: Document, place: Found) -> bool:
        """A one-syllable name ("Anh", "Pháp", "Mỹ") is a place only when the segmenter reads it
        as a word of its own, not part of "Anh hùng", "tiếng Anh" or "Tư Pháp"."""
        index = doc.sentence_at(place.start)
        if index is None:
            return False
        words = doc.words(index)
        at = doc.word_after(index, place.start)  # the word holding the place's first character
        if at < len(words) and words[at].start <= place.start and (words[at].start, words[at].end) != (
            place.start, place.end
        ):
            return False
        return not (at > 0 and words[at - 1].text.lower() in _LANGUAGE_WORDS)

    # -- records ----------------------------------------------------------------------------------

    @staticmethod
    def _record(text: str, start: int, end: int, place: Found, provinces: frozenset[str]) -> Location:
        unit = gazetteer.lookup(place.name, place.level, provinces) if place.name[:1].isalpha() else None
        if unit is None:
            return Location(text, start, end, place.name, place.level)
        return Location(
            text, start, end, place.name, place.level,
            canonical=unit.full_name, code=unit.code, province=unit.province, successor=unit.successor or None,
        )


def _outermost(found: list[Found]) -> list[Found]:
    """Drop a place inside a longer one ("Hương Xuân" inside "phường Hương Xuân"), in text order."""
    kept: list[Found] = []
    for place in sorted(found, key=lambda f: (f.start, -f.end)):
        if kept and place.start < kept[-1].end:
            continue
        kept.append(place)
    return kept
