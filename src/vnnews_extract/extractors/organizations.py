"""Named organisations and bodies (GUIDELINES §5): every mention, ``name`` = ``text``.

A body is a head word of data/org_heads.tsv with its name (resolve/bodies.py): "Bộ Kế hoạch và
Đầu tư", "UBND TX. Hương Trà", "Đảng bộ phường Hương Xuân", "Sở Văn hóa - Thể thao"; heads marked
standalone ("Chính phủ", "Tỉnh ủy", "UBND") count alone, others need a name or a level after
them, so a bare "Bộ" or "Ủy ban" referring back is not listed. Organisations known without a head
are in data/org_names.tsv ("ASEAN", "EVN"). A body that is part of a title ("Bộ trưởng Bộ Y tế",
"Chủ tịch UBND tỉnh", "đại biểu Quốc hội") is not listed again (GUIDELINES §8).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property
from typing import ClassVar

import regex

from ..lexicon import alternation, read_tsv
from ..records import Fact, Organization
from ..resolve import bodies
from ..text.document import Document


class OrganizationExtractor:
    """``organizations.v1``: head-word bodies and known organisation names, not inside titles."""

    name: ClassVar[str] = "organizations.v1"
    fact: ClassVar[str] = "organizations"
    needs: ClassVar[tuple[str, ...]] = ()

    def __call__(self, doc: Document, found: Mapping[str, Sequence[Fact]]) -> list[Organization]:
        records = []
        for start, end in doc.structure.content:
            for org_start, org_end in self._bodies(doc.text, start, end):
                text, source_start, source_end = doc.source_span(org_start, org_end)
                records.append(Organization(text, source_start, source_end, text))
        return records

    @cached_property
    def _standalone(self) -> frozenset[str]:
        return frozenset(row["head"] for row in read_tsv("org_heads.tsv") if row["standalone"] == "yes")

    @cached_property
    def _body_re(self) -> regex.Pattern[str]:
        names = alternation(row["name"] for row in read_tsv("org_names.tsv"))
        documents = alternation((row["surface"] for row in read_tsv("document_types.tsv")), either_case=True)
        body = bodies.body(excluded=documents, offices=False)
        return regex.compile(rf"(?<![\w.])(?:(?P<body>{body})|(?P<known>{names})(?![\w]))")

    @cached_property
    def _title_before(self) -> regex.Pattern[str]:
        """An office right before a body makes the body part of a title."""
        rows = read_tsv("titles.tsv")
        offices = alternation([r["word"] for r in rows if r["kind"] in ("office", "rank")], either_case=True)
        after = alternation([r["word"] for r in rows if r["kind"] == "qualifier_after"])
        return regex.compile(rf"(?<![\w]){offices}(?:\s+{after})?\s+$")

    def _bodies(self, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        for match in self._body_re.finditer(text, start, end):
            org_start, org_end = match.start(), self._trim(text, match.start(), match.end())
            if self._title_before.search(text, max(start, org_start - 40), org_start):
                continue
            if match["body"] and text[org_start:org_end] in self._heads_only:
                continue  # "Bộ", "Ủy ban", "Đảng ủy" alone refer back to a body named before
            yield org_start, org_end

    @cached_property
    def _heads_only(self) -> frozenset[str]:
        """Heads that are not organisations by themselves, and "Đảng", "Nhà nước" (GUIDELINES §8)."""
        heads = {row["head"] for row in read_tsv("org_heads.tsv")}
        return frozenset((heads - self._standalone) | {"Đảng", "Nhà nước"})

    @cached_property
    def _head_then_and(self) -> regex.Pattern[str]:
        return regex.compile(bodies.heads(offices=False) + r"\s+và\s")

    def _trim(self, text: str, start: int, end: int) -> int:
        """End a name before "và" right after its head ("Đảng và Nhà nước" is two references, not
        one body's name) and on a word, not on a dash that opened no further word."""
        name = text[start:end]
        if self._head_then_and.match(name):
            name = name[: name.index(" và")]
        return start + len(name.rstrip(" ,-–"))
