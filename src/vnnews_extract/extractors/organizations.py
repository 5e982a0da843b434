"""Named organisations and bodies (GUIDELINES §5): every mention, ``name`` = ``text``.

A body opens with a head word of data/org_heads.tsv or is a known public body of
data/public_bodies.tsv, and the rest of its name is read by resolve/bodies.BodyReader:
"Bộ Kế hoạch và Đầu tư", "UBND TX. Hương Trà", "Cục Hàng không Việt Nam", "Sở Văn hóa - Thể thao".
Heads marked standalone ("Chính phủ", "Tỉnh ủy", "UBND") count alone, others need a name or a
level after them, so a bare "Bộ" or "Ủy ban" referring back is not listed. Organisations known
without a head are in data/org_names.tsv ("ASEAN", "Vinamilk"); an acronym the article introduces
("Ủy ban Chứng khoán Nhà nước (UBCKNN)", "Tập đoàn FLC") counts wherever it is used later. A body
that is part of a title ("Bộ trưởng Bộ Y tế", "Chủ tịch UBND tỉnh", "đại biểu Quốc hội") is not
listed again (GUIDELINES §8), and a name stops where a person's name starts.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property
from typing import ClassVar

import regex

from ..lexicon import SHIPPED, Lexicons, alternation, read_tsv, words
from ..records import Fact, Organization
from ..regex_cache import compile_pattern
from ..resolve import bodies, public_bodies
from ..text.document import Document
from ..text.spans import SpanSet, whole_words
from . import LexiconReader

Span = tuple[int, int]

_CREDIT_BEFORE = regex.compile(r"(?r)(?<!\w)(?:Ảnh|Nguồn|Video|Clip|Đồ họa)\s*:\s*$")
# "(UBCKNN)" after a body: an acronym the article then uses alone. The bracket also closes the name,
# so lower-case words before it belong to it ("Công ty Điện toán và Truyền số liệu (VDC)").
_BRACKETED_ACRONYM = regex.compile(r"(?P<words>(?:\s+\p{Ll}+){0,4})\s*\((?P<acronym>\p{Lu}[\p{Lu}\d&-]{1,11})\)")
# "Tập đoàn FLC", "Tổng Công ty Cao su Đồng Nai": the name after the company form is used alone later
# ("vốn góp của Cao su Đồng Nai"); a one-word name only when it is an acronym.
_COMPANY = regex.compile(
    r"(?i:tổng\s+)?(?i:công\s+ty|tập\s+đoàn)(?:\s+(?i:cổ\s+phần|TNHH|trách\s+nhiệm\s+hữu\s+hạn))?"
    r"\s+(?P<name>(?:\p{Lu}[\p{Lu}\d&]{1,9}|\p{Lu}\S*(?:\s+\S+)+))"
)


class OrganizationExtractor(LexiconReader):
    """``organizations.v1``: bodies read whole, known names, introduced acronyms; not inside titles."""

    name: ClassVar[str] = "organizations.v1"
    fact: ClassVar[str] = "organizations"
    needs: ClassVar[tuple[str, ...]] = ("officials",)

    def __init__(self, lexicons: Lexicons = SHIPPED) -> None:
        super().__init__(lexicons)
        self._reader = bodies.BodyReader(offices=False, term=True, lexicons=lexicons)

    def __call__(self, doc: Document, found: Mapping[str, Sequence[Fact]]) -> list[Organization]:
        people = self._people(doc, found)
        spans: list[Span] = []
        acronyms: set[str] = set()
        for index, (start, end) in enumerate(doc.sentences):
            for span, listed in self._in_sentence(doc, index, start, end, people):
                if listed:  # an acronym a title introduces ("Chủ tịch LĐLĐ tỉnh") is no body of its own
                    spans.append(span)
                    acronyms.update(self._introduced(doc.text, span))
        spans += [
            use for use in self._acronym_uses(doc, acronyms, SpanSet(spans))
            if self._listed(doc.text, max(0, use[0] - 40), *use)
        ]
        return [self._record(doc, span) for span in sorted(spans)]

    # -- finding ----------------------------------------------------------------------------------

    def _in_sentence(
        self, doc: Document, index: int, start: int, end: int, people: list[int]
    ) -> Iterator[tuple[Span, bool]]:
        """Every body read in the sentence, and whether it is listed (not a title's, not a bare head)."""
        text, cursor = doc.text, start
        for match in self._start_re.finditer(text, start, end):
            if match.start() < cursor or self._in_person(match.start(), people):
                continue
            if match["known"] and not text[match.start()].isupper():
                continue  # known names match in any case, but "bộ tài chính" in lower case is no name
            org_end = match.end() if match["other"] else self._reader.read_from(doc, index, match)
            if org_end is None:
                continue  # "Tỉnh ủy viên", "Hội nghị": the head is the start of a longer word
            if (bracket := _BRACKETED_ACRONYM.match(text, org_end, min(end, org_end + 80))) and bracket["words"]:
                org_end = bracket.end("words")
            org_end = self._cut_at_person(text, match.start(), org_end, people)
            cursor = org_end
            yield (match.start(), org_end), self._listed(text, start, match.start(), org_end)

    def _listed(self, text: str, sentence_start: int, start: int, end: int) -> bool:
        """Not part of a title ("Bộ trưởng Bộ Y tế", "Chủ tịch UBND tỉnh", "Trưởng Ban Tổ chức"), and
        not a head alone ("Bộ", "Ủy ban", "Đảng ủy" refer back to a body named before)."""
        if text[start:end] in self._heads_only or _CREDIT_BEFORE.search(text, max(0, start - 12), start):
            return False  # a credit ("Ảnh: VGP") is page furniture, not an organisation (GUIDELINES §8)
        if self._place_level_before.search(text, max(0, start - 15), start):
            return False  # "thôn Hội Phú", "khu phố Trường Xuân": a place named like a body
        if self._modified_noun_before.search(text, max(0, start - 15), start):
            return False  # "trái phiếu Chính phủ": a kind of bond
        if text[start:end] in self._heads and self._plural_before.search(text, max(0, start - 10), start):
            return False  # "hai Chính phủ", "các Tổ chức": a generic plural; "các BV Bạch Mai" names them
        if self._title_before.search(text, max(sentence_start, start - 40), start):
            return False
        window = self._office_re.finditer(text, max(sentence_start, start - 30), start + 30, overlapped=True)
        return not any(office.start() < start < office.end() for office in window)

    @cached_property
    def _start_re(self) -> regex.Pattern[str]:
        others = alternation(row["name"] for row in read_tsv("org_names.tsv"))
        return compile_pattern(rf"{self._reader.start_re.pattern}|(?<![\w.])(?P<other>{others})(?!\w)")

    @staticmethod
    def _people(doc: Document, found: Mapping[str, Sequence[Fact]]) -> list[int]:
        """Sorted starts and ends of the people's mentions, in normalised offsets."""
        bounds: list[int] = []
        for official in found.get("officials", ()):
            for mention in getattr(official, "mentions", ()):
                bounds += [doc.normalized.from_source(mention.start), doc.normalized.from_source(mention.end)]
        return sorted(bounds)

    @staticmethod
    def _in_person(position: int, people: list[int]) -> bool:
        """``position`` inside a person's name ("Trường" of "Phạm Trường Long")."""
        return bisect_right(people, position) % 2 == 1

    @staticmethod
    def _cut_at_person(text: str, start: int, end: int, people: list[int]) -> int:
        """A body's name ends where a person's name starts ("Ban Tuyên giáo Tỉnh ủy Nguyễn Thị A")."""
        at = bisect_right(people, start)
        if at < len(people) and people[at] < end:
            return start + len(text[start : people[at]].rstrip(" ,-–("))
        return end

    @cached_property
    def _place_level_before(self) -> regex.Pattern[str]:
        levels = alternation(row["surface"] for row in read_tsv("place_levels.tsv") if row["surface"][0].islower())
        return compile_pattern(rf"(?r)(?<!\w){levels}\s+$")

    @cached_property
    def _modified_noun_before(self) -> regex.Pattern[str]:
        return compile_pattern(rf"(?r)(?<!\w){alternation(words(bodies.WORDS, 'modified_noun'))}\s+$")

    @cached_property
    def _plural_before(self) -> regex.Pattern[str]:
        return compile_pattern(rf"(?r)(?<!\w){alternation(words(bodies.WORDS, 'plural_before'))}\s+$")

    @cached_property
    def _heads(self) -> frozenset[str]:
        return frozenset(row["head"] for row in read_tsv("org_heads.tsv"))

    @cached_property
    def _offices(self) -> str:
        rows = self.lexicons.rows("titles.tsv")
        return alternation([r["word"] for r in rows if r["kind"] in ("office", "rank")], either_case=True)

    @cached_property
    def _title_before(self) -> regex.Pattern[str]:
        """An office right before a body makes the body part of a title."""
        after = alternation([r["word"] for r in self.lexicons.rows("titles.tsv") if r["kind"] == "qualifier_after"])
        return compile_pattern(rf"(?r)(?<![\w]){self._offices}(?:\s+{after})?\s+$")

    @cached_property
    def _office_re(self) -> regex.Pattern[str]:
        """An office whose last word is the body's head ("Trưởng Ban" over "Ban Tổ chức")."""
        return compile_pattern(rf"(?<!\w){self._offices}(?!\w)")

    @cached_property
    def _heads_only(self) -> frozenset[str]:
        """Heads that are not organisations by themselves, and "Đảng", "Nhà nước" (GUIDELINES §8)."""
        standalone = {row["head"] for row in read_tsv("org_heads.tsv") if row["standalone"] == "yes"}
        return frozenset((self._heads - standalone) | {"Đảng", "Nhà nước"})

    # -- acronyms the article introduces ------------------------------------------------------------

    @staticmethod
    def _introduced(text: str, span: Span) -> set[str]:
        """Short names a body's mention introduces for later use on their own."""
        found = set()
        if (bracket := _BRACKETED_ACRONYM.match(text, span[1], span[1] + 80)) and not bracket["words"]:
            found.add(bracket["acronym"])
        if company := _COMPANY.fullmatch(text, span[0], span[1]):
            found.add(company["name"])
        return found

    @staticmethod
    def _acronym_uses(doc: Document, acronyms: set[str], taken: SpanSet) -> list[Span]:
        """Every use of an introduced acronym in the content, outside the bodies already found."""
        return [
            use
            for acronym in acronyms
            for start, end in doc.structure.content
            for use in whole_words(doc.text, acronym, start, end)
            if not taken.overlaps(*use)
        ]

    def _record(self, doc: Document, span: Span) -> Organization:
        text, start, end = doc.source_span(*span)
        known = public_bodies.lookup(doc.text[span[0] : span[1]], self.lexicons)
        if known is None:
            return Organization(text, start, end, text)
        return Organization(text, start, end, text, known.name, known.successor or None)
