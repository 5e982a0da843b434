"""Named people with every title the article gives them (GUIDELINES §1, §8).

People. A name is found by several kinds of evidence, the surname list being one of them:
- a family name of data/surnames.tsv and one to three capitalised syllables ("Phan Ngọc Thọ"),
  whole words of the segmenter's dictionary, not run on into a date, a clause opener or the place
  before it ("Sở Y tế Hà Nội | Nguyễn Khắc Hiền");
- a foreign person of data/foreign_people.tsv ("Tập Cận Bình", "Hun Sen");
- a run of foreign-shaped words, which no Vietnamese syllable is written as ("Jerome Powell",
  "Bun-nhăng Vo-lạ-chít"), and initials ("N.V.C", "bà H."): these need a title or address word;
- an alias ("Bác Hồ" is Hồ Chí Minh).
An untitled Vietnamese name counts when an address word introduces it ("ông", "bà", "đồng chí") or it
has three or more syllables. A name that begins exactly one longer name of the article is that
person; later mentions ("ông Thọ", the full name again) go to the person's ``mentions``.

Titles. A title is an office, rank or academic prefix of data/titles.tsv with its qualifiers and
the body it belongs to ("Phó Bí thư Thường trực Tỉnh ủy", "Chủ nhiệm Ủy ban Tài chính, Ngân sách
của Quốc hội"). A person holds the titles stacked right before the name (commas, "kiêm", " - ");
set off after it by a comma, dash or bracket; stated with a verb ("…, làm Trưởng ban …", "(hiện là
…)", "Chủ tịch HĐQT X là ông A"); shared by a list ("các Phó Thủ tướng A, B", "Ba Phó ban gồm: ông
A, …"); and stated later, in a short mention ("ông Thọ là …"), a career sentence ("Trước đó, ông
là …") or as a degree ("có học vị tiến sĩ"). One record per person.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import ClassVar

import regex

from ..lexicon import alternation, read_tsv, words
from ..records import Fact, Mention, Official
from ..regex_cache import compile_pattern
from ..resolve import bodies, gazetteer
from ..text.document import Document
from ..text.spans import SpanSet
from . import LexiconReader

TITLES = "titles.tsv"
FOREIGN_PEOPLE = "foreign_people.tsv"
_SYLLABLE = r"\p{Lu}\p{Ll}*"
# Names that are places or ideas far more often than people when no title introduces them.
_NOT_BARE_NAMES = frozenset({"Hồ Chí Minh"})
_MAX_STACKED_TITLES = 6
# A verb that states a person's office, with its adverbs: "hiện là", "làm", "được bầu giữ chức"; a
# post left ("thôi giữ chức", "miễn nhiệm") has none of them (GUIDELINES §8).
_STATING = (
    r"(?:(?:hiện|hiện nay|từng|nguyên|đang|vẫn|cũng|sẽ|đã|vừa|được|được bầu|được bổ nhiệm|được giao)\s+)*"
    r"(?:là|làm|giữ chức(?:\s+vụ)?|giữ vai trò|đảm nhiệm(?:\s+(?:chức(?:\s+vụ)?|vai trò))?|nhậm chức)"
)
# The address words that make a foreign word or an initial a person by themselves ("ông Trump", "bà
# H."); the descriptions of the address list ("bị can", "người dân") need a name of their own.
_PERSONAL_ADDRESS = "(?i:ông|bà|ngài|anh|chị|cô|cháu|em|cụ|chú|bé)"
_WORD = regex.compile(r"\S+")
_LAST_SYLLABLE = regex.compile(rf"({_SYLLABLE})\s+$")
_COMMA_OR_DASH = regex.compile(r"\s*[,-]\s*")
_SECOND_WORD = regex.compile(r"\s\S")
_TERM = regex.compile(r"\s*,?\s*nhiệm kỳ\s+\d{4}\s*[-–]\s*\d{4}")
_LAST_INITIAL = regex.compile(r"(?<=[.\s])\p{Lu}\.$")
_LIST_JOINT = regex.compile(r"\s*(?:,|và|,\s*và)\s*")
_LEADING_JOINT = regex.compile(r"^\s*(?:,|và|;)?\s*")
# A word pair written twice: "Bộ trưởng Bộ trưởng Bộ Dân tộc và Tôn giáo".
_REPEATED = regex.compile(r"(?<!\w)(\w+\s+\w+)\s+\1(?!\w)")
# "tân" (newly appointed) and "cố" (the late) say when, not which office: "cố Quốc vương" holds "Quốc
# vương"; but "Cố vấn" is an office.
_NEWLY = regex.compile(r"^(?:[Tt]ân|[Cc]ố(?!\s+vấn))\s+")
# What runs on after a title: a joining word, an acronym in brackets, the dot of an abbreviation ("TS.").
_TRAILING = regex.compile(r"(?:\s+(?:và|của|cùng|với|theo)|\s*\(\p{Lu}[\p{Lu}\d&-]*\)|\.)+$")


@dataclass
class Person:
    name: str
    text: tuple[int, int]
    titles: list[str] = field(default_factory=list)
    mentions: set[tuple[int, int]] = field(default_factory=set)


class OfficialExtractor(LexiconReader):
    """``officials.v1``: people, their titles and their later mentions."""

    name: ClassVar[str] = "officials.v1"
    fact: ClassVar[str] = "officials"
    # A name does not run on into a date: "ông Đinh La Thăng Chiều 13/5, …" (a headline without a dot).
    needs: ClassVar[tuple[str, ...]] = ("dates",)

    def __call__(self, doc: Document, found: Mapping[str, Sequence[Fact]]) -> list[Official]:
        people: dict[str, Person] = {}
        date_starts = frozenset(doc.normalized.from_source(date.start) for date in found.get("dates", ()))
        for index, (start, end) in enumerate(doc.sentences):
            if not any(pattern.search(doc.text, start, end) for pattern in self._name_patterns):
                continue
            for name, span, name_span, titles in self._people(doc, index, start, end, date_starts):
                person = people.setdefault(name, Person(name, span))
                person.mentions.add(name_span)
                for title in titles:
                    _add_title(person.titles, title, self._same_as)
        _merge_short_forms(people, self._same_as)
        self._later_mentions(doc.text, doc.sentences, people)
        self._career_lists(doc.text, doc.sentences, people)
        return [self._record(doc, person) for person in sorted(people.values(), key=lambda p: p.text[0])]

    # -- lexicon pieces ---------------------------------------------------------------------------

    def _kind(self, kind: str) -> list[str]:
        return [row["word"] for row in self.lexicons.rows(TITLES) if row["kind"] == kind]

    @cached_property
    def _name_re(self) -> regex.Pattern[str]:
        return compile_pattern(rf"(?<![\w.]){self._name}")

    @cached_property
    def _name(self) -> str:
        surnames = alternation(row["surname"] for row in self.lexicons.rows("surnames.tsv"))
        return rf"(?:{surnames})(?:\s+{_SYLLABLE}){{1,3}}(?![\w])"

    @cached_property
    def _title(self) -> str:
        """One title: qualifiers, the office (with "Phó"), and the body or place after it."""
        after = alternation(self._kind("qualifier_after"))
        stop = alternation(self._kind("not_in_title"))
        # After the office: the body's words, capitalised or not ("Chủ nhiệm Ủy ban Tài chính Ngân
        # sách"), up to a verb or function word that ends the title.
        # A unit number after a place level or a numbered head: "HĐND quận 9", "Đoàn Kiểm tra số 471".
        numbered = alternation([*words(bodies.WORDS, "place_level"), *bodies.numbered_heads(), "số"])
        number = rf"(?<=(?<!\w)(?:{numbered})\s+)\d{{1,3}}(?![\w.,/]\d|\w)"
        # Capitalised words without a final dot but for place abbreviations ("TP. Hồ Chí Minh"): in
        # "… khóa XIV. Tổng Bí thư …" the dot ends a sentence.
        upper = r"\p{Lu}[\w'’&]*(?:[.-]\p{Lu}[\w'’&]*)*(?:(?<=(?<!\w)(?:TP|TX))\.)?"
        # No title starts after the mark. The reverse searches match right to left: the cheap
        # lookbehind for the mark is tried before the long alternation of heads.
        not_head = rf"(?!(?:[Pp]hó\s+)?{self._head}(?!\w))"
        joined = rf"(?:-|–|&)\s+{not_head}(?<=[-–&]\s{{1,3}}){upper}"  # "Sở Văn hóa - Thể thao"; not "- Tổng Thư ký"
        word = rf"(?:{upper}|(?!{stop}(?!\w))\p{{Ll}}+(?!\w)|{number}|{joined}|\(\p{{Lu}}[\w&]*\))"
        # A comma inside a body's name or before its parent body, where no other title starts: "Ủy
        # ban Tài chính, Ngân sách", "Phòng Thu hồi đất, Trung tâm Phát triển quỹ đất" (GUIDELINES §8).
        inner_comma = rf"\s*,\s+{not_head}(?<=,\s{{1,3}}){upper}"
        return rf"{self._title_start}(?:\s+{after})?(?:\s+{word}|{inner_comma}){{0,12}}"

    @cached_property
    def _title_start(self) -> str:
        """A qualifier, "Phó" and an office, rank or academic prefix: where a title starts."""
        before = alternation(self._kind("qualifier_before"))
        not_office = alternation(self._kind("not_office"), either_case=True)  # "đại sứ quán": an embassy
        return rf"(?!{not_office}(?!\w))(?:{before}\s+)?(?:[Pp]hó\s+)?{self._head}(?!\w)"

    @cached_property
    def _head(self) -> str:
        """Offices, ranks and academic prefixes, the first letter in either case. A plain alternation:
        the regex module matches it faster than a trie in the reverse searches for titles."""
        return alternation(self._kind("office") + self._kind("rank") + self._kind("academic"), either_case=True)

    @cached_property
    def _titles_before_re(self) -> regex.Pattern[str]:
        """Titles ending right before a name. Searched in reverse from the name (``(?r)``): a forward
        search tried every position of the 200-character window (2.6 ms per corpus article, most
        of officials' time); the reverse one starts at the name and finds the same titles (checked on
        all 22,969 names of the corpus, dev and tests/hostile.py)."""
        title = self._title
        return compile_pattern(rf"(?r)(?P<titles>{title}{self._more_titles})\s*,?\s+$")

    @cached_property
    def _listed_re(self) -> regex.Pattern[str]:
        """A title shared by a list of people: "các đồng chí Ủy viên Bộ Chính trị: Phó Thủ tướng
        Trương Hòa Bình; Thượng tướng Tô Lâm, Bộ trưởng Bộ Công an; Hoàng Trung Hải"."""
        # "Các …", "Ba Phó ban kiêm nhiệm gồm: …"; dots inside the list are abbreviations ("T.Ư").
        plural = r"(?i:các|những|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)|\d{1,2}"
        address = alternation(self._kind("address"))
        return compile_pattern(
            rf"(?<!\w)(?:{plural})\s+(?:đồng chí\s+|vị\s+)?(?P<titles>{self._title})"
            rf"(?:\s+\p{{Ll}}+){{0,3}}\s*,?\s*(?:gồm|là|bao gồm)?\s*:(?:(?:[^:.]|\.(?=\S)){{0,400}}?(?:[;,]|\svà))?"
            rf"\s*(?:(?:{address})\s+)?(?:{self._title}\s+)?$"
        )

    @cached_property
    def _names_listed_re(self) -> regex.Pattern[str]:
        """One title before a list of names only: "các Phó Thủ tướng Phạm Bình Minh, Vũ Đức Đam",
        "nguyên Tổng Bí thư Lê Khả Phiêu, Nông Đức Mạnh" (GUIDELINES §8)."""
        return compile_pattern(
            rf"(?r)(?<!\w)(?:(?:các|những)\s+(?:đồng chí\s+)?)?(?P<titles>{self._title})\s*:?\s+"
            rf"(?:{self._name}\s*(?:,|và)\s*)+$"
        )

    @cached_property
    def _titles_after_re(self) -> regex.Pattern[str]:
        title = self._title
        return compile_pattern(rf"\s*(?P<open>,|-|–|\()\s*(?P<titles>{title}{self._more_titles})")

    @cached_property
    def _named_as_re(self) -> regex.Pattern[str]:
        """A title, then "là" and the person: "Tân Bí thư Tỉnh ủy là ông A", "Chủ tịch HĐQT FLC là ông
        Vũ Anh Tuân"."""
        address = alternation(self._kind("address"))
        return compile_pattern(rf"(?r)(?<!\w)(?P<titles>{self._title})\s+là\s+(?:(?:{address})\s+)?$")

    @cached_property
    def _stated_re(self) -> regex.Pattern[str]:
        """Titles stated with a verb after the name and its own titles: "ông Nguyễn Văn Bình, Ủy viên Bộ
        Chính trị, làm Trưởng ban Kinh tế Trung ương", "bổ nhiệm ông A giữ chức Phó Hiệu trưởng";
        not a post left ("thôi giữ chức …": GUIDELINES §8), which no adverb here introduces."""
        # "nguyên Chủ tịch UBND quận 9 (hiện là Bí thư quận 9)"
        return compile_pattern(rf"(?:\)?\s*,?\s+|\s*\(\s*){_STATING}\s+(?P<titles>{self._title}{self._more_titles})")

    @cached_property
    def _more_titles(self) -> str:
        """Further titles stacked with commas or "kiêm"; bounded, or "Bí thư A, Bí thư B, …" makes
        every name's titles run on to the sentence end (quadratic on a long sentence)."""
        # A term between two titles is no title ("…, nhiệm kỳ 2014-2019, Ủy viên …"); a former post in
        # brackets is one ("Bí thư Đảng ủy xã Phượng Dực (nguyên Chủ tịch UBND huyện Phú Xuyên)").
        joint = rf"(?:{_TERM.pattern})?(?:\s*,\s*|\s+(?:kiêm|-|–)\s+|\s*\(\s*)"
        return rf"(?:{joint}{self._title}){{0,{_MAX_STACKED_TITLES}}}"

    @cached_property
    def _split_re(self) -> regex.Pattern[str]:
        """Commas, "kiêm", and a dash between two offices ("Ủy viên Bộ Chính trị - Bí thư Trung ương
        Đảng"); a dash inside a body's name does not split ("Giám đốc Sở Văn hóa - Thể thao")."""
        offices = alternation(self._kind("office") + self._kind("rank"), either_case=True)
        # A comma before a capital that starts no title is inside one ("Ủy ban Tài chính, Ngân sách").
        return compile_pattern(
            rf"\s*,\s*+(?!(?!{self._title_start})\p{{Lu}})|\s+(?:kiêm|rồi)\s+|\s*\(\s*(?={self._title_start})|\s+[-–]\s+(?=(?:[Pp]hó\s+)?{offices}(?!\w))"
        )

    @cached_property
    def _address_re(self) -> regex.Pattern[str]:
        return compile_pattern(rf"(?r)(?<![\w])(?:{alternation(self._kind('address'))})\s+$")

    @cached_property
    def _not_person_re(self) -> regex.Pattern[str]:
        return compile_pattern(rf"(?r)(?<![\w])(?:{alternation(self._kind('not_person_before'))})\s+$")

    @cached_property
    def _places(self) -> frozenset[str]:
        provinces = {u.name for u in gazetteer.units() if u.level in ("tỉnh", "thành phố")}
        world = {row["name"] for row in read_tsv("world_places.tsv")}
        return frozenset(provinces | world)

    # -- finding people ---------------------------------------------------------------------------

    def _people(
        self, doc: Document, index: int, start: int, end: int, date_starts: frozenset[int]
    ) -> Iterator[tuple[str, tuple[int, int], tuple[int, int], list[str]]]:
        """(name, span of the mention with its titles, span of the name, titles) per person."""
        text = doc.text
        # The names inside one sentence's title windows are looked at again for every nearby name.
        office_like = cache(lambda a, b: self._office_like(text, a, b))
        previous_end = start  # the titles before a name do not reach back over the person before it
        previous_span_end = start
        previous: tuple[str, tuple[int, int], tuple[int, int]] | None = None
        for name_start, name_end, needs_cue in self._names(doc, index, start, end, date_starts):
            if needs_cue and name_start < previous_span_end:
                continue  # "Ông David Meger, Giám đốc … tại High Ridge Futures": inside a title
            name = self._aliases.get(text[name_start:name_end], text[name_start:name_end])
            before = self._titles_before_re.search(text, max(previous_end, name_start - 200), name_start)
            if before is None and self._not_person_re.search(text, max(start, name_start - 25), name_start):
                continue  # "đường Lê Lợi", "Trường THPT Nguyễn Du": a name of a thing
            if self._is_place_here(text, name, name_start):
                continue  # "Bí thư Tỉnh ủy Sơn Tây", "đại biểu Quốc hội tỉnh Hà Tĩnh": a place
            addressed = self._address_re.search(text, max(start, name_start - 12), name_start) is not None
            if len(name.split()) == 2 and not addressed and self._is_thing(doc, name):
                continue
            after = self._titles_after_re.match(text, name_end, end)
            titles = self._split(self._own_titles(text, before, office_like)) if before else []
            listed = self._listed_re.search(text, max(start, name_start - 400), name_start) or (
                self._names_listed_re.search(text, max(start, name_start - 200), name_start)
            )
            titles = (self._split(listed["titles"]) if listed else []) + titles
            after_end = self._titles_end(text, after, end, office_like) if after else name_end
            titles += self._split(text[after.start("titles") : after_end]) if after else []
            known = not needs_cue and not self._name_re.fullmatch(text, name_start, name_end)
            if not titles and not known and (needs_cue and not addressed or not self._plausible(name, addressed)):
                continue
            span_start = before.start("titles") if before else name_start
            span_end = name_end
            if after and after_end > after.start("titles"):
                closing = after["open"] == "(" and text[after_end : after_end + 1] == ")"
                span_end = after_end + closing
            window = max(previous_end, name_start - 200)
            if not before and (named := self._named_as_re.search(text, window, name_start)):
                titles = self._split(named["titles"]) + titles  # "Chủ tịch HĐQT FLC là ông Vũ Anh Tuân"
            stated_titles: list[str] = []
            if stated := self._stated_re.match(text, span_end, min(end, span_end + 400)):
                stated_end = self._titles_end(text, stated, end, office_like)
                stated_titles = self._split(text[stated.start("titles") : stated_end])
                if previous is not None and _LIST_JOINT.fullmatch(text, previous_span_end, span_start):
                    # "Trung tướng Mai Hoàng (…) và Thiếu tướng Lê Quang Nhân (…) là Phó Trưởng Ban": both
                    yield previous[0], previous[1], previous[2], stated_titles
            previous_end, previous_span_end = name_end, span_end
            previous = (name, (span_start, span_end), (name_start, name_end))
            yield name, (span_start, span_end), (name_start, name_end), titles + stated_titles

    def _names(
        self, doc: Document, index: int, start: int, end: int, date_starts: frozenset[int]
    ) -> list[tuple[int, int, bool]]:
        """The personal names of a sentence in order, as (start, end, needs_cue): names led by a
        Vietnamese family name, foreign names of the lexicon, and runs of foreign-shaped words
        ("Jerome Powell", "Bun-nhăng Vo-lạ-chít"), which count only with a title or address word."""
        names = [(a, b, False) for a, b in self._vietnamese_names(doc, index, start, end, date_starts)]
        # Known by another name ("Bác Hồ") or by initials ("N.T.K.T."; "bà H." after an address word).
        names += [(*m.span(), m["alias"] is None) for m in self._other_names_re.finditer(doc.text, start, end)]
        taken = SpanSet((a, b) for a, b, _ in names)
        for match in self._foreign_re.finditer(doc.text, start, end):
            found = self._foreign_span(doc.text, match)
            if found is not None and not taken.overlaps(found[0], found[1]):
                names.append(found)
        return sorted(names)

    def _vietnamese_names(
        self, doc: Document, index: int, start: int, end: int, date_starts: frozenset[int]
    ) -> Iterator[tuple[int, int]]:
        text, position, after_place = doc.text, start, None
        while match := self._name_re.search(text, position, end):
            position = match.end()
            if (following := self._name_after_place(text, match.start(), end)) is not None:
                position = after_place = following  # "Sở Y tế Hà Nội Nguyễn Khắc Hiền": the name after the place
                continue
            # The segmenter joins a place and the name after it into one word; the place is known here.
            found = self._name_span(doc, index, match.start(), match.end(), date_starts, match.start() == after_place)
            if found is not None:
                yield found

    @cached_property
    def _name_patterns(self) -> tuple[regex.Pattern[str], ...]:
        return self._name_re, self._foreign_re, self._other_names_re

    @cached_property
    def _aliases(self) -> dict[str, str]:
        return {row["word"]: row["value"] for row in self.lexicons.rows(TITLES) if row["kind"] == "person_alias"}

    @cached_property
    def _other_names_re(self) -> regex.Pattern[str]:
        """Aliases, and initials ("N.V.C", "anh T."): fewer than three letters only after "ông", "bà", "anh"
        …, not to take "T.Ư" (Trung ương) for a person; three or more with a title or address word."""
        aliases = alternation(self._aliases)
        addressed = rf"(?<=(?<!\w)(?:{_PERSONAL_ADDRESS})\s)"
        initials = rf"\p{{Lu}}(?:\.\p{{Lu}}){{2,4}}\.?|{addressed}\p{{Lu}}\.(?:\p{{Lu}}\.?){{0,4}}"
        return compile_pattern(rf"(?<![\w.])(?:(?P<alias>{aliases})|{initials})(?![\w.])")

    @cached_property
    def _known_foreign(self) -> dict[str, list[tuple[str, ...]]]:
        """The foreign people of the lexicon by first word, longest name first."""
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for row in read_tsv(FOREIGN_PEOPLE):
            words = tuple(row["name"].split())
            by_first.setdefault(words[0], []).append(words)
        return {first: sorted(names, key=len, reverse=True) for first, names in by_first.items()}

    @cached_property
    def _foreign_re(self) -> regex.Pattern[str]:
        """A run of capitalised words (hyphenated syllables allowed): where foreign names are."""
        word = r"\p{Lu}\p{Ll}[\p{Ll}'’]*(?:-\p{Ll}+)*"  # "Hang-seo", "Bun-nhăng"; not "Nam-Cuba"
        return compile_pattern(rf"(?<![\w-]){word}(?:\s+{word}){{0,5}}(?![\w-])")

    def _known_in(self, words: list[regex.Match[str]]) -> tuple[int, int] | None:
        """A foreign person of the lexicon inside a run ("Samdech Techo Hun Sen"), by word lookup:
        most runs are one or two words, and a regex trie tried at every capital cost more."""
        texts = [word.group() for word in words]
        for index, first in enumerate(texts):
            for name in self._known_foreign.get(first, ()):
                if tuple(texts[index : index + len(name)]) == name:
                    return words[index].start(), words[index + len(name) - 1].end()
        return None

    def _foreign_span(self, text: str, match: regex.Match[str]) -> tuple[int, int, bool] | None:
        """The foreign name in a run of capitalised words as (start, end, needs_cue): known, or from
        its first foreign-shaped word on (places and Vietnamese words before it are not the name:
        "Tổng thống Pháp Emmanuel Macron"); None when no word is foreign-shaped."""
        words = list(_WORD.finditer(text, *match.span()))
        if (known := self._known_in(words)) is not None:
            return *known, False
        opening = words[0].start() if words else match.start()
        if words and self._address_word.fullmatch(words[0].group()):
            words, opening = words[1:], words[1].start() if len(words) > 1 else match.end()  # "Ông Guy Wolf"
        if not any(_foreign_shaped(w.group()) for w in words):
            return None  # most runs: "Hà Nội", "Bộ Công Thương"
        addressed = self._personal_address_re.search(text, max(0, opening - 12), opening) is not None
        # "Tổng thống Pháp Emmanuel Macron": the place is not the name; but "Ông Guy Wolf"
        while words and (self._is_place_word(w := words[0].group()) or not addressed and not _foreign_shaped(w)):
            words = words[1:]
        if len(words) < (1 if addressed else 2) or not any(_foreign_shaped(w.group()) for w in words):
            return None  # one foreign word is a name only after "ông", "bà": "ông Trump"
        pairs = (f"{a.group()} {b.group()}" for a, b in zip(words, words[1:], strict=False))
        if any(self._is_place_word(w) for w in (*(w.group() for w in words), *pairs)):
            return None  # "Kickboxing Việt Nam", "Andhra Pradesh"
        if self._not_named_after.search(text, max(0, words[0].start() - 12), words[0].start()):
            return None  # "ban lãnh đạo của FLC và Bamboo Airways": named by a clause, not a title
        return words[0].start(), words[-1].end(), True

    def _is_place_word(self, word: str) -> bool:
        return gazetteer.key(word) in self._place_keys

    @cached_property
    def _personal_address_re(self) -> regex.Pattern[str]:
        return compile_pattern(rf"(?r)(?<!\w)(?:{_PERSONAL_ADDRESS})\s+$")

    @cached_property
    def _place_keys(self) -> frozenset[str]:
        return frozenset(gazetteer.key(name) for name in self._places)

    @cached_property
    def _not_named_after(self) -> regex.Pattern[str]:
        return compile_pattern(r"(?r)(?<!\w)(?:và|của|tại|ở|với|cùng|theo|từ|cho|bang|thủ đô)\s+$")

    def _name_after_place(self, text: str, start: int, end: int) -> int | None:
        """Where a name starts when a run of capitals opens with a place ("Hà Nội Nguyễn Khắc Hiền",
        "tỉnh Thái Nguyên Dương Ngọc Long"); None when it does not."""
        syllables = list(_WORD.finditer(text, start, min(end, start + 60)))
        for size in (3, 2):
            if len(syllables) <= size or not self._is_unit(" ".join(s.group() for s in syllables[:size])):
                continue
            following = self._name_re.match(text, syllables[size].start(), end)
            if following and len(following.group().split()) >= 2:
                return int(syllables[size].start())
        return None

    def _name_span(
        self,
        doc: Document,
        index: int,
        start: int,
        end: int,
        date_starts: frozenset[int] = frozenset(),
        after_place: bool = False,
    ) -> tuple[int, int] | None:
        """The name inside a surname-led run of capitalised syllables, or None.

        Drops a leading address word ("Ông Lê Hoài Trung"), a family name that ends a place
        ("Quảng Ninh Quản Minh Cường"), and syllables the segmenter joins to words outside the run
        ("Vàng" of "Rồng Vàng", "Chia" of "Chia sẻ" after a name): a name is whole words.
        """
        text = doc.text
        spans = [m.span() for m in _WORD.finditer(text, start, end)]
        if spans and self._address_word.fullmatch(text, *spans[0]):
            spans = spans[1:]
        if len(spans) >= 2:
            previous = _LAST_SYLLABLE.search(text, max(0, spans[0][0] - 20), spans[0][0])
            if previous and f"{previous.group(1)} {text[slice(*spans[0])]}" in self._places:
                spans = spans[1:]
        if len(spans) < 2 or self._office_at.match(text, spans[0][0]) or self._office_at.match(text, spans[1][0]):
            return None  # "Phó Chủ tịch", "Trình Phó Thủ tướng": an office, not a name
        joined = doc.inside_word(index, spans[0][0]) and not self._after_title_word(doc, index, spans[0][0])
        if joined and not after_place:
            return None  # "Công ty Rồng Vàng Phương Đông": the segmenter's word runs into the name
        # "ông Đinh La Thăng bằng …": after an address word a name of three syllables is whole.
        addressed = len(spans) <= 3 and self._address_re.search(text, max(0, spans[0][0] - 12), spans[0][0])
        while len(spans) >= 2 and self._runs_on(doc, index, spans[-1], date_starts, bool(addressed)):
            spans = spans[:-1]
        if len(spans) < 2 or not self._name_re.fullmatch(text, spans[0][0], spans[-1][1]):
            return None
        return spans[0][0], spans[-1][1]

    def _after_title_word(self, doc: Document, index: int, start: int) -> bool:
        """The segmenter's word holding ``start`` begins with a title or address word that ends right
        before it ("GS.TS Vũ Trọng Hồng", "Hòa thượng Thích Trí Quảng" are one word to it)."""
        word = doc.words(index)[doc.word_after(index, start)]
        prefix = doc.text[word.start : start].rstrip()
        return bool(self._title_word_re.fullmatch(prefix))

    @cached_property
    def _title_word_re(self) -> regex.Pattern[str]:
        return compile_pattern(rf"(?:{self._title_start}|{alternation(self._kind('address'))})")

    def _runs_on(
        self, doc: Document, index: int, last: tuple[int, int], date_starts: frozenset[int], whole: bool
    ) -> bool:
        """The last syllable of a run belongs to what follows, not to the name: a date ("Chiều 13/5"),
        a word that opens a clause ("Tại phiên", "Cùng dự"), or, unless the name is known to be
        ``whole``, a word with the next syllable in the segmenter's dictionary ("Chia sẻ"; but not
        "Huyền giữ", which the segmenter joins)."""
        syllable = doc.text[last[0] : last[1]]
        if last[0] in date_starts or syllable in self._clause_openers:
            return True
        if whole:
            return False
        following = _WORD.match(doc.text, last[1] + 1) if doc.text[last[1] : last[1] + 1] == " " else None
        joined = following is not None and doc.tokenizer.is_word(f"{syllable.lower()} {following.group().lower()}")
        return joined and doc.inside_word(index, last[1])

    @cached_property
    def _clause_openers(self) -> frozenset[str]:
        return frozenset(self._kind("clause_opener"))

    def _is_place_here(self, text: str, name: str, start: int) -> bool:
        """A unit name right after a place word or a committee ("tỉnh", "Tỉnh ủy") is that place."""
        if gazetteer.lookup(name) is None and not gazetteer.by_name().get(gazetteer.key(name)):
            return False
        return bool(self._place_word_before.search(text, max(0, start - 15), start))

    @cached_property
    def _place_word_before(self) -> regex.Pattern[str]:
        committees = alternation(["Tỉnh ủy", "Thành ủy", "Huyện ủy", "Thị ủy", "Quận ủy", "Đảng ủy", "UBND", "HĐND"])
        return compile_pattern(rf"(?r)(?<!\w)(?:{bodies.place_levels()}|{committees})\s+$")

    @cached_property
    def _same_as(self) -> dict[str, str]:
        return {row["word"]: row["value"] for row in self.lexicons.rows(TITLES) if row["kind"] == "same_as"}

    @cached_property
    def _address_word(self) -> regex.Pattern[str]:
        return compile_pattern(alternation(self._kind("address")))

    @cached_property
    def _office_at(self) -> regex.Pattern[str]:
        offices = self._kind("office") + self._kind("rank")
        return compile_pattern(rf"{alternation(offices, either_case=True)}(?!\w)")

    def _own_titles(self, text: str, before: regex.Match[str], office_like: Callable[[int, int], bool]) -> str:
        """The titles before a name, without those of a person named inside them ("Thượng úy
        Nguyễn Chu Khánh ... và Tiến sĩ Lê Mộng Huyền": only "Tiến sĩ" is hers)."""
        titles_start, titles_end = before.start("titles"), before.end("titles")
        previous = self._name_re.search(text, max(0, titles_start - 40), titles_start)
        adjacent = previous and _COMMA_OR_DASH.fullmatch(text, previous.end(), titles_start)
        if previous and adjacent and not office_like(*previous.span()):
            # "Lê Hoài Trung, Ủy viên …, Đặc phái viên của Tổng Bí thư Tô Lâm": the titles are the
            # previous person's; only the last one, after "của", is this person's.
            last = self._split(text[titles_start:titles_end])[-1]
            return last.split(" của ")[-1]
        for name in self._name_re.finditer(text, titles_start, titles_end):
            if not self._is_unit(name.group()) and not office_like(*name.span()):
                # What follows the other name is first his titles, then "và" and hers.
                joint = text.rfind(" và ", name.end(), titles_end)
                titles_start = joint + 4 if joint >= 0 else titles_end
        return str(_LEADING_JOINT.sub("", text[titles_start:titles_end]))

    def _office_like(self, text: str, start: int, end: int) -> bool:
        """A surname-led run that is an office: "Phó Giám đốc", "Phó Thủ tướng", "Tổng Bí thư"."""
        second = _SECOND_WORD.search(text, start, end)
        at_second = second is not None and self._office_at.match(text, second.end() - 1)
        return bool(self._office_at.match(text, start) or at_second)

    def _is_thing(self, doc: Document, name: str) -> bool:
        """A two-syllable name that is a place or a word: "Bí thư Tỉnh ủy Sơn Tây, Hà Đông", "Đại học
        Nông Lâm", "Phó Tổng"."""
        return self._is_unit(name) or doc.tokenizer.is_word(name.lower())

    def _is_unit(self, name: str) -> bool:
        return bool(gazetteer.by_name().get(gazetteer.key(name))) or name in self._places

    def _titles_end(
        self, text: str, after: regex.Match[str], end: int, office_like: Callable[[int, int], bool]
    ) -> int:
        """Where the titles after a name end: before a title that introduces the next person
        ("Lê Hoài Trung, ... Đặc phái viên của Tổng Bí thư Tô Lâm")."""
        first, stop = int(after.start("titles")), int(after.end("titles"))
        for name in self._name_re.finditer(text, after.start("titles"), min(end, stop + 1)):
            if office_like(*name.span()):
                continue  # "Phó Giám đốc", "Phó Bí thư": an office that starts like a name
            if self._is_unit(name.group()) or name.group().split(maxsplit=1)[1] in self._places:
                continue  # "ĐBQH tỉnh Hà Tĩnh", "bí thư Thành Đoàn Quy Nhơn": a place inside the title
            if name.start() < stop:
                return max(first, text.rfind(",", first, name.start()))
        return stop

    def _plausible(self, name: str, addressed: bool) -> bool:
        """An untitled name: introduced by an address word, or three or more syllables, and not a
        place ("Hà Nội", "Lâm Đồng") or "Hồ Chí Minh"."""
        syllables = name.split()
        prefixes = (" ".join(syllables[:size]) for size in range(2, len(syllables) + 1))
        if name in _NOT_BARE_NAMES or any(prefix in self._places for prefix in prefixes):
            return False
        return addressed or len(name.split()) >= 3

    def _split(self, titles: str) -> list[str]:
        """Stacked titles, one string each, without what runs on after them (GUIDELINES §8)."""
        parts = (_clean_title(t) for t in self._split_re.split(_TERM.sub("", titles)))
        return [t for t in parts if t]

    # -- later mentions -----------------------------------------------------------------------------

    @cached_property
    def _career_re(self) -> regex.Pattern[str]:
        """A sentence about the last person named, opened by an address word alone, that lists his
        offices after a colon ("Đồng chí đã trải qua nhiều cương vị công tác, tiêu biểu là: …") or
        states them ("Ông là Ủy viên Trung ương Đảng …; đại biểu Quốc hội …", "Bà hiện là …")."""
        # "Trước đó, ông là …", "Từ năm 2011 đến tháng 2/2016, ông làm Bộ trưởng …"
        return compile_pattern(
            r"(?:[^,.:;()]{0,60},\s+)?(?:Ông|Bà|Đồng chí|Đ/c|ông|bà|đồng chí|đ/c)\s+"
            rf"(?:(?!\p{{Lu}})[^:.;]{{0,120}}?(?:là|gồm|như|vụ|chức)\s*:|{_STATING}\s+)\s*(?P<list>[^.]+)"
        )

    @cached_property
    def _titles_re(self) -> regex.Pattern[str]:
        return compile_pattern(rf"{self._title}{self._more_titles}")

    def _career_lists(self, text: str, sentences: list[tuple[int, int]], people: dict[str, Person]) -> None:
        title = self._titles_re
        mentions = sorted((m, p.name) for p in people.values() for m, _ in p.mentions)
        starts = [m for m, _ in mentions]
        for start, end in sentences:
            for degree in self._degree_re.finditer(text, start, end):
                if (last := bisect_left(starts, degree.start()) - 1) >= 0:  # "có học vị tiến sĩ": the last person named
                    _add_title(people[mentions[last][1]].titles, degree["degree"], self._same_as)
            for period in self._period_post_re.finditer(text, start, end):
                if (last := bisect_left(starts, period.start()) - 1) >= 0:  # "…; từ năm 2000 đến 2005 là …"
                    for post in self._split(period["titles"]):
                        _add_title(people[mentions[last][1]].titles, post, self._same_as)
            match = self._career_re.match(text, start, end)
            last = bisect_left(starts, start) - 1  # the person named last before this sentence
            if match is None or last < 0:
                continue
            person = people[mentions[last][1]]
            # Items end at ";" ("Ông là Ủy viên Trung ương Đảng khóa X, XI, XII; đại biểu Quốc hội …");
            # stacked titles inside one split as anywhere else.
            for item in regex.split(r"\s*;\s*", match["list"]):
                if found := title.match(item.strip(" .…")):
                    for post in self._split(found.group()):
                        _add_title(person.titles, post, self._same_as)

    @cached_property
    def _period_post_re(self) -> regex.Pattern[str]:
        """A post held for a time, in a career paragraph, without a subject: "…; từ năm 2000 đến 2005
        là Bí thư Đảng ủy, Tổng Giám đốc Công ty", "3 năm làm Phó Bí thư Tỉnh ủy Thừa Thiên Huế"."""
        # The time has no capital: a name in it ("từ năm 1985 ông Nguyễn Thiện Nhân là …") is the subject.
        time = r"(?:(?i:từ|năm|giai đoạn)\s[^,;.:()\p{Lu}]{0,40}?|\d{1,2}\s+năm)"
        return compile_pattern(
            rf"(?:^|(?<=[;,]|\svà))\s*{time}\s*,?\s+(?:là|làm)\s+(?P<titles>{self._title}{self._more_titles})"
        )

    @cached_property
    def _degree_re(self) -> regex.Pattern[str]:
        """A degree stated as such ("có học vị tiến sĩ", "trình độ thạc sỹ kinh tế", "có bằng Thạc sĩ
        Luật Quốc tế tại Ukraina"), with its field but not the school or place after it."""
        academic = alternation(self._kind("academic"), either_case=True)
        stop = alternation([*self._kind("not_in_title"), "tại", "ở", "quê", "năm"])
        field = rf"(?:\s+(?!(?:{stop}|{bodies.heads(offices=False)})(?!\w))\p{{L}}+(?!\w)){{0,3}}"
        return compile_pattern(
            rf"(?<!\w)(?:trình độ(?:\s+học vấn)?|học vị|học hàm|bằng)\s*:?\s+(?P<degree>(?:{academic})(?!\w){field})"
        )

    def _later_mentions(self, text: str, sentences: list[tuple[int, int]], people: dict[str, Person]) -> None:
        """"ông Thọ", "đồng chí Thọ": a given name after an address word is a mention of the person
        with that given name (when only one person has it)."""
        by_given: dict[str, list[Person]] = {}
        for person in people.values():
            by_given.setdefault(person.name.split()[-1], []).append(person)
        given = {name: found[0] for name, found in by_given.items() if len(found) == 1}
        if not given:
            return
        pattern = self._mention_re
        for start, end in sentences:
            for match in pattern.finditer(text, start, end):
                if match["given"] not in given:
                    continue
                person = given[match["given"]]
                person.mentions.add((match.start("given"), match.end("given")))
                for title in self._split(match["titles"] or ""):  # "ông Thọ là Phó Bí thư …"
                    _add_title(person.titles, title, self._same_as)

    @cached_property
    def _mention_re(self) -> regex.Pattern[str]:
        """A given name after an address word ("ông Thọ"), with a title stated after it ("ông Thọ là
        …"); or alone, not after another capital, when a title is stated ("Thuận là Phó Tổng Giám đốc")."""
        address = alternation(self._kind("address"))
        titles = rf"\s+{_STATING}\s+(?P<titles>{self._title}{self._more_titles})"
        return compile_pattern(
            rf"(?<![\w])(?:(?:{address})\s+(?P<given>{_SYLLABLE})(?![\w])(?!\s+{_SYLLABLE})(?:{titles})?"
            rf"|(?<!\p{{Lu}}[\w.]*\s+)(?P<given>{_SYLLABLE})(?![\w]){titles})"
        )

    @staticmethod
    def _record(doc: Document, person: Person) -> Official:
        text, start, end = doc.source_span(*person.text)
        mentions = []
        for mention_start, mention_end in sorted(person.mentions):
            m_text, m_start, m_end = doc.source_span(mention_start, mention_end)
            mentions.append(Mention(m_text, m_start, m_end))
        return Official(text, start, end, " ".join(person.name.split()), list(person.titles), mentions)


# A Vietnamese syllable, tones and vowel marks removed: an onset, one to three vowels, a final.
_VIETNAMESE_SYLLABLE = regex.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)


@cache
def _foreign_shaped(word: str) -> bool:
    """A word no Vietnamese syllable is written as: "David", "Powell", "Bun-nhăng" (hyphenated)."""
    if "-" in word:
        return True
    bare = "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))
    return not _VIETNAMESE_SYLLABLE.fullmatch(bare.replace("đ", "d"))


def _merge_short_forms(people: dict[str, Person], same_as: Mapping[str, str]) -> None:
    """A name that begins one other person's longer name is that person ("ông Nguyễn Thiện nhân làm
    …" with a lower-case typo, "Nguyễn Thiện Nhân" elsewhere), and so is an initial that ends one
    ("em T." after "N.T.K.T."): its mentions and titles go to them."""
    by_prefix: dict[str, list[Person]] = {}
    for person in people.values():
        syllables = person.name.split()
        for size in range(2, len(syllables)):
            by_prefix.setdefault(" ".join(syllables[:size]), []).append(person)
        if (last := _LAST_INITIAL.search(person.name)) and last.start() > 0:
            by_prefix.setdefault(last.group(), []).append(person)
    for name in [name for name in people if len(by_prefix.get(name, ())) == 1]:
        short, full = people.pop(name), by_prefix[name][0]
        full.mentions |= short.mentions
        for title in short.titles:
            _add_title(full.titles, title, same_as)
        full.text = min(full.text, short.text)


def _clean_title(title: str) -> str:
    """A title as recorded: without "tân" (newly appointed, GUIDELINES §8) or "cố", without what runs
    on after it, and without a word written twice ("Bộ trưởng Bộ trưởng Bộ Dân tộc …")."""
    return str(_NEWLY.sub("", _TRAILING.sub("", _REPEATED.sub(r"\1", title.strip()))))


def _add_title(titles: list[str], title: str, same_as: Mapping[str, str]) -> None:
    """Add a title once, keeping the fullest wording: "Bộ trưởng" and "Bộ trưởng Bộ Y tế", "GS" and
    "Giáo sư", "Bí thư xã" and "Bí thư Đảng ủy xã Phượng Dực" are one office each."""
    words = _title_words(title, same_as)
    for index, known in enumerate(titles):
        known_words = _title_words(known, same_as)
        if words[:2] != known_words[:2] and not (words == known_words):
            continue
        if set(words) <= set(known_words):
            return
        if set(known_words) <= set(words):
            titles[index] = title
            return
    titles.append(title)


def _title_words(title: str, same_as: Mapping[str, str]) -> list[str]:
    """The words of a title with an abbreviated office spelled out: "ĐBQH thành phố Đà Nẵng" is "đại
    biểu quốc hội thành phố đà nẵng" (and holds "Đại biểu")."""
    first, _, rest = title.partition(" ")
    return f"{same_as.get(first, first)} {rest}".lower().split()

