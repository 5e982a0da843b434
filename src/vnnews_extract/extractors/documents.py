"""References to legal, state and Party documents (GUIDELINES §3).

Finds, in each sentence: numbered references ("Nghị quyết số 18-NQ/TW", a bare "1096/NQ-UBTVQH13"
in an enumeration), short references ("Nghị quyết 54", "Nghị quyết số 09/2026"), named laws and
codes ("Luật Đất đai 2024", "Bộ luật Hình sự", "Hiến pháp năm 2013", read with data/law_names.tsv),
congress and plenum resolutions ("Nghị quyết Trung ương 4 (khóa XII)"), quoted and descriptive
titles ("Đề án “...”", "Nghị quyết về ..."). Then attaches what the sentence says around each one:
the issue date right after it, "của <body>" as issuer, "khóa XII" as term, or a body that "ban
hành"/"có"/"ra" the document just before it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import ClassVar

import regex

from ..lexicon import SHIPPED, Lexicons, alternation, read_tsv, words
from ..records import DocumentRef, Fact
from ..regex_cache import compile_pattern
from ..resolve import bodies, public_bodies
from ..resolve import document_numbers as numbers
from ..resolve.bodies import UPPER_WORD
from ..resolve.dates import roman_to_int
from ..text.document import Document
from ..text.spans import outermost
from . import LexiconReader
from .dates import Candidate, DateExtractor

WORDS = "document_words.tsv"
_NUMBER = r"\d{1,5}(?:\.\d{1,3})?[a-z]?"
_YEAR = r"(?:19|20)\d{2}"
# The longest law names run to about 15 words; the bound keeps each match short in a long sentence
# of law names ("Luật A Luật B …" used to run every match on to the sentence end).
_LAW_NAME_WORDS = 20
_DIGITS = regex.compile(r"\d+")
_LIST_JOINT = regex.compile(r"\s*(?:,|;|và|hoặc)\s*")
_LATER_NAME = regex.compile(r"\s*\(nay là [^()]*\)$")  # "Sở Địa chính (nay là Sở Tài nguyên và Môi trường)"
_FRONTED = regex.compile(r"(?r)(?<!\w)(?:Tại|Theo|Với)\s+$")  # a reference that opens a clause
_BEFORE_DATE = regex.compile(r"\s*[,(]?\s*(?:(?i:ban hành|ký)\s+)?")


@dataclass(frozen=True)
class Ref:
    """A reference found in the normalised text, before attributes are attached."""

    start: int
    end: int
    doc_type: str | None
    number: str | None = None
    symbol: str | None = None
    key: str = ""
    family: str | None = None
    issuer_code: str | None = None
    inherits_type: bool = False  # a bare number in "các Nghị quyết số 916/... và 1096/..."
    term: str | None = None


class DocumentExtractor(LexiconReader):
    """``documents.v1``: both numbering grammars, named documents, issue date, issuer and term."""

    name: ClassVar[str] = "documents.v1"
    fact: ClassVar[str] = "documents"
    needs: ClassVar[tuple[str, ...]] = ()

    def __init__(self, lexicons: Lexicons = SHIPPED) -> None:
        super().__init__(lexicons)
        self._dates = DateExtractor(lexicons)

    def __call__(self, doc: Document, found: Mapping[str, Sequence[Fact]]) -> list[DocumentRef]:
        records: list[DocumentRef] = []
        # (doc_type, issuer) that later references of that type share: "Bộ Tài chính đã ban hành
        # Thông tư A ...; Thông tư B", or "các Quyết định do UBND tỉnh ban hành ..., bao gồm: 1. ...".
        shared: tuple[str | None, str] | None = None
        dates: dict[int, Candidate] | None = None
        previous_end = 0
        for index, (sentence_start, sentence_end) in enumerate(doc.sentences):
            if "\n" in doc.text[previous_end:sentence_start]:
                shared = None
            previous_end = sentence_end
            header = self._list_header_re.search(doc.text, sentence_start, sentence_end)
            in_sentence: list[tuple[Ref, DocumentRef]] = []
            refs = self.references(doc.text, sentence_start, sentence_end)
            if refs and dates is None:  # the article's dates, read once: issue dates are found by their start
                dates = {c.start: c for c in self._dates.candidates(doc.text, doc.structure.content)}
            for ref in refs:
                if header is not None and ref.start >= header.end():
                    shared = (self._type_of(header["type"]), self._issuer(doc, index, header, "by", "of") or "")
                record, subject, trailing = self._record(doc, index, ref, dates or {})
                listed = self._list_item_re.search(doc.text, max(sentence_start, ref.start - 8), ref.start)
                if record.issuer is None and shared and shared[1] and shared[0] == record.doc_type and (
                    listed or header
                ):
                    record = replace(record, issuer=self._clean_issuer(shared[1]))
                elif subject is not None:
                    shared = (record.doc_type, subject)
                elif shared and shared[0] != record.doc_type:
                    shared = None
                if trailing is not None:
                    self._share_backwards(doc.text, in_sentence, ref, trailing)
                in_sentence.append((ref, record))
            records.extend(record for _, record in in_sentence)
        return records

    def references(self, text: str, start: int, end: int) -> list[Ref]:
        """References in ``text[start:end]`` (one sentence), outermost first when nested."""
        proposals = [ref for finder in self._finders for ref in finder(text, start, end)]
        kept = outermost(proposals, lambda r: (r.start, r.end))
        return [self._inherit(ref, kept[i - 1] if i else None, text) for i, ref in enumerate(kept)]

    # -- lexicons -------------------------------------------------------------------------------

    @cached_property
    def _types(self) -> dict[str, str]:
        """Lower-cased surface (single spaces) -> doc_type."""
        return {row["surface"].lower(): row["doc_type"] for row in self.lexicons.rows("document_types.tsv")}

    def _type_of(self, surface: str) -> str:
        return self._types.get(" ".join(surface.lower().split()), surface)

    @cached_property
    def _type_words(self) -> str:
        full = [s for s in self._types if not s.isascii() or len(s) > 3]
        return alternation(full, flags="i")

    @cached_property
    def _type_abbreviations(self) -> str:
        return alternation([s.upper() for s in self._types if s.isascii() and len(s) <= 3])

    @cached_property
    def _org_heads(self) -> str:
        return bodies.heads()

    @cached_property
    def _org(self) -> str:
        """An issuing body, or several listed with commas; type words never continue its name."""
        return bodies.bodies(excluded=self._type_words)

    # -- finders --------------------------------------------------------------------------------

    @cached_property
    def _finders(self) -> list[Callable[[str, int, int], Iterator[Ref]]]:
        # Documents named only by their topic ("Nghị quyết về …", "Đề án “…”", "Báo cáo …", "Quy chế làm
        # việc") are not listed (GUIDELINES §8): numbered ones, named laws and congress resolutions are.
        return [self._numbered, self._short, self._laws, self._congress]

    @cached_property
    def _numbered_re(self) -> regex.Pattern[str]:
        lead = (
            rf"(?:(?P<type>{self._type_words}|{self._type_abbreviations})"
            rf"(?:\s*(?:(?i:số)\s*:?\s*|:\s*)|(?:\s+\p{{Ll}}+){{1,4}}?\s+(?i:số)\s*:?\s*|\s+))?"
        )
        return compile_pattern(rf"(?<!\w){lead}(?<![\w/.-])(?P<code>{numbers.CODE_PATTERN})")

    def _numbered(self, text: str, start: int, end: int) -> Iterator[Ref]:
        for m in self._numbered_re.finditer(text, start, end):
            parsed = numbers.parse(m["code"])
            alone = parsed is not None and parsed.year is None and not any(c in parsed.symbol for c in "-/")
            if parsed is None or (alone and not m["type"]):
                continue  # "5-CP" alone is no reference; "Nghị định số 73-CP", "số 619/TTg" are
            doc_type = self._type_of(m["type"]) if m["type"] else numbers.type_of(parsed)
            yield Ref(
                m.start(), m.end(), doc_type, parsed.number, parsed.symbol, parsed.key, parsed.family,
                parsed.issuer_code, inherits_type=m["type"] is None,
            )

    @cached_property
    def _numbered_lowercase(self) -> frozenset[str]:
        return frozenset(words(WORDS, "numbered_lowercase"))

    @cached_property
    def _short_re(self) -> regex.Pattern[str]:
        return compile_pattern(
            rf"(?<!\w)(?P<type>{self._type_words})\s+(?P<so>(?i:số)\s*:?\s*)?"
            rf"(?P<num>{_NUMBER}(?:/{_YEAR})?)(?![\w/]|[.,]\d)"
            rf"(?!\s*(?:%|tháng|tuổi|người|lần|năm(?!\s+{_YEAR})|ngày(?!\s+\d{{1,2}}[/.-]\d))(?!\w))"
            rf"(?P<more>(?:\s*,\s*|\s+và\s+)\d{{1,5}}(?![\w/]|[.,]\d))*"
        )

    def _short(self, text: str, start: int, end: int) -> Iterator[Ref]:
        for m in self._short_re.finditer(text, start, end):
            if m["type"][0].islower() and not m["so"] and " ".join(m["type"].split()) not in self._numbered_lowercase:
                continue  # "kế hoạch 5" in running text; "quyết định số 15", "thông tư 64/2017" are references
            doc_type = self._type_of(m["type"])
            if doc_type == "Hiến pháp":
                continue  # "Hiến pháp 1992" names the constitution by its year (see _laws)
            yield Ref(m.start(), m.end("num"), doc_type, m["num"], None, f"{doc_type} {m['num']}")
            for item_start, item_end in m.spans("more"):  # "các Quyết định 217, 218": one record each
                digits = _DIGITS.search(text, item_start, item_end)
                if digits is not None:
                    number = digits.group()
                    yield Ref(digits.start(), digits.end(), doc_type, number, None, f"{doc_type} {number}")

    @cached_property
    def _law_re(self) -> regex.Pattern[str]:
        names = alternation([row["name"] for row in read_tsv("law_names.tsv")], flags="i")
        stop = alternation(words(WORDS, "name_stop"))
        year_or_number = rf"\s+(?:(?i:năm)\s+)?{_YEAR}(?!\w)|\s+(?i:số)\s"
        # Without the lexicon: a capitalised word and what follows up to a stop word ("Luật Giá",
        # "Luật Tổ chức chính quyền địa phương ngày ..."); an acronym alone ("Luật BHYT"); lower-case
        # words only when a year or a number closes the name ("Luật thuế GTGT số 13/2008/QH12").
        fallback = (
            rf"(?:\p{{Lu}}\p{{Ll}}[\w]*(?:\s+(?!{stop}(?!\w))[\p{{Ll}}\p{{Lu}}][\w]*){{0,{_LAW_NAME_WORDS}}}?"
            rf"(?=\s+{stop}(?!\w)|[\s]*[^\w\s]|\s*$|{year_or_number})"
            rf"|\p{{Lu}}{{2,}}[\w&]*(?!\w)"
            rf"|(?!{stop}(?!\w))\p{{Ll}}+(?:\s+[\w&]+){{0,8}}?(?={year_or_number}))"
        )
        amended = (
            r"(?i:sửa\s+đổi,\s+bổ\s+sung\s+một\s+số\s+điều\s+của)\s+"
            rf"(?:(?i:các\s+luật\s+về)\s+\w+|(?i:bộ\s+)?(?i:luật)\s+(?:{names}|{UPPER_WORD}(?:\s+\p{{Ll}}+){{0,3}}))"
        )
        return compile_pattern(
            rf"(?<!\w)(?P<type>(?i:bộ\s+luật)|Luật|luật(?=\s+(?:\p{{Lu}}{{2}}|(?=\p{{Lu}}){names}(?!\w)))|Pháp\s+lệnh)\s+"
            rf"(?P<name>{amended}|{names}(?!\w)|{fallback})"
            rf"(?P<revised>\s+\((?i:sửa\s+đổi)(?:,\s+bổ\s+sung)?\))?"
            rf"(?:\s+(?:(?i:năm)\s+)?(?P<year>{_YEAR})(?!\w))?"
            rf"(?:\s*\(?\s*(?i:số)\s*:?\s*(?P<code>{numbers.CODE_PATTERN}))?"
            rf"|(?<!\w)(?P<type2>Hiến\s+pháp)(?:\s+(?:(?i:năm)\s+)?(?P<year2>{_YEAR})(?!\w))?"
        )

    @cached_property
    def _institution_before(self) -> regex.Pattern[str]:
        return compile_pattern(rf"(?:^|\W){alternation(words(WORDS, 'institution'))}\s+$")

    def _laws(self, text: str, start: int, end: int) -> Iterator[Ref]:
        # Overlapped, to find a law named inside an institution's name; what an amending law names is
        # inside it and left out by ``outermost``.
        for m in self._law_re.finditer(text, start, end, overlapped=True):
            if self._institution_before.search(text, max(start, m.start() - 20), m.start()):
                continue  # "Trường ĐH Luật TPHCM" is a school
            if m["type2"]:
                key = "Hiến pháp" + (f" {m['year2']}" if m["year2"] else "")
                yield Ref(m.start(), m.end(), "Hiến pháp", key=key, family="state")
                continue
            doc_type = self._type_of(m["type"])
            amended = m["name"].lower().startswith("sửa")
            if m["code"] and not amended and (parsed := numbers.parse(m["code"])) is not None:
                yield Ref(
                    m.start(), m.end(), doc_type, parsed.number, parsed.symbol, parsed.key, "state",
                    parsed.issuer_code,
                )
                continue
            # "Luật Thủ đô (sửa đổi)" is "Luật Thủ đô"; an amending law is one document with its whole
            # title, the number of the law it amends included (GUIDELINES §8).
            name = " ".join(m["name"].split())
            if amended:
                key = f"{doc_type} {name}" + (f" số {m['code']}" if m["code"] else "")
                stop = max(m.end("name"), m.end("code"))
            else:
                key = f"{doc_type} {name}" + (f" {m['year']}" if m["year"] else "")
                stop = max(m.end("name"), m.end("revised"), m.end("year"))
            yield Ref(m.start(), stop, doc_type, key=key, family="state")

    @cached_property
    def _congress_re(self) -> regex.Pattern[str]:
        numeral = r"(?:[IVXL]+|\d{1,2})(?!\w)"
        # "Trung ương", and as news abbreviates it: "Nghị quyết TƯ 4", "TW 4", "T.Ư 4".
        central = r"(?:Ban\s+[Cc]hấp\s+hành\s+)?(?:Trung\s+ương|TƯ|TW|T\.Ư|T\.W)(?:\s+Đảng)?"
        # "Nghị quyết Đại hội XVI Đảng bộ thành phố": the local committee is part of the name.
        local = rf"(?:\s+Đảng\s+bộ(?:\s+(?:tỉnh|thành\s+phố|huyện|quận|xã|phường))?(?:\s+{UPPER_WORD})*)?"
        return compile_pattern(
            rf"(?<!\w)(?P<type>Nghị\s+quyết)\s*(?P<name>"  # "Nghị quyếtĐại hội …" lacks its space
            rf"Đại\s+hội(?:\s+(?:đại\s+biểu|toàn\s+quốc|Đảng(?:\s+bộ)?|(?:tỉnh|thành\s+phố|huyện|xã|phường)"
            rf"(?:\s+{UPPER_WORD})*|lần\s+thứ)){{0,6}}\s+{numeral}{local}"
            rf"|(?:Hội\s+nghị\s+)?lần\s+thứ\s+\w+\s+{central}"
            rf"|Hội\s+nghị(?:\s+{UPPER_WORD}|\s+ban){{1,8}}\s+lần\s+thứ\s+\w+"  # "… Ủy ban T.Ư MTTQ Việt Nam lần thứ 7"
            rf"|(?:Hội\s+nghị\s+)?{central}(?:\s+lần\s+thứ)?\s*{numeral})"  # "Nghị quyết TW4"
            rf"(?:\s*\(\s*(?i:khóa)\s+(?P<term>[IVXL]+)\s*\)|,?(?:\s+(?i:khóa)){{1,2}}\s+(?P<term2>[IVXL]+)(?!\w))?"
        )

    def _congress(self, text: str, start: int, end: int) -> Iterator[Ref]:
        for m in self._congress_re.finditer(text, start, end):
            key = "Nghị quyết " + " ".join(m["name"].split())
            yield Ref(m.start(), m.end(), "Nghị quyết", key=key, family="party", term=m["term"] or m["term2"])

    # -- attributes -----------------------------------------------------------------------------

    def _inherit(self, ref: Ref, previous: Ref | None, text: str) -> Ref:
        """A bare number listed after a typed reference takes its type ("Nghị quyết số 916/... và 1096/...")."""
        if not ref.inherits_type or previous is None:
            return ref
        if _LIST_JOINT.fullmatch(text, previous.end, ref.start):
            return replace(ref, doc_type=previous.doc_type)
        return ref

    @cached_property
    def _after_re(self) -> regex.Pattern[str]:
        term = r"(?P<term>\(?\s*(?i:khóa)\s+(?P<t>[IVXL]+|\d{1,2})(?!\w)\s*\)?)"
        return compile_pattern(
            rf"(?:\s+(?i:năm)\s+{_YEAR}(?!\w))?(?:\s*,)?(?:\s*{term})?(?:\s*(?:,\s*)?(?:(?i:của)\s+(?P<issuer>{self._org})"
            rf"|(?:do|được)\s+(?P<by>{self._org})\s+(?:ban hành|ký|thông qua)))?"
            rf"(?:\s*(?P<term2>\(?\s*(?i:khóa)\s+(?P<t2>[IVXL]+|\d{{1,2}})(?!\w)\s*\)?))?"
        )

    @cached_property
    def _summary_re(self) -> regex.Pattern[str]:
        """A document's summary up to its issue date: "hướng dẫn … ngày", "quy định về … ngày"; it
        names no other document (whose date that would be), and the date is no deadline ("đến hết ngày")."""
        leads = alternation(words(WORDS, "summary_lead"))
        return compile_pattern(
            rf"\s+(?:{leads})\s(?:(?!{self._type_words}\s)[^.;:()“”\"\n]){{0,150}}?"
            rf"(?<!\s(?:đến|hết|từ|tới|trước|sau|vào|kể)\s*)(?=\s*,?\s*(?i:ngày)\s+\d)"  # not "đến hết ngày …"
        )

    @cached_property
    def _before_tail_re(self) -> regex.Pattern[str]:
        """What lies between a subject body and its reference: "<body> [khóa X] [vừa|đã] ban
        hành|có|ra [các|hai] <reference>", or "của <body> tại <reference>" (group ``at``)."""
        verbs = alternation(words(WORDS, "issued_verb"))
        adverbs = alternation(words(WORDS, "issued_adverb"))
        term = r"\(?\s*(?i:khóa)\s+(?P<t>[IVXL]+)\s*\)?"
        aside = r"\((?:nay là [^()]{1,60}|[A-ZĐ&]{2,10})\)"
        return compile_pattern(
            rf"(?:(?:\s+{aside})?(?:\s+{term})?\s+(?:{adverbs}\s+)*{verbs}(?:\s+tại)?|(?P<at>\s+tại))"
            rf"\s+(?:(?:các|hai|ba|những)\s+)?(?:(?i:số)\s+)?"
        )

    @cached_property
    def _verb_before_re(self) -> regex.Pattern[str]:
        verbs = alternation(words(WORDS, "issued_verb"))
        return compile_pattern(rf"(?r)(?<!\w)(?:{verbs}|tại)\s+(?:(?:các|hai|ba|những)\s+)?(?:(?i:số)\s+)?$")

    @cached_property
    def _of_before_re(self) -> regex.Pattern[str]:
        return compile_pattern(r"(?r)(?i:của)\s+$")

    @cached_property
    def _when_before_re(self) -> regex.Pattern[str]:
        return compile_pattern(
            r"(?r)(?P<when>(?:(?:Đến|Vào|Tới)\s+)?(?i:ngày)\s+\d{1,2}[/.-]\d{1,2}[/.-]\d{4})\s*,?\s*$"
        )

    def _subject_before(self, doc: Document, index: int, ref: Ref) -> tuple[str, str | None, str | None] | None:
        """(issuer, term, date) when a body issues the reference as the subject before it: the
        first body in the 200 characters before it whose name, read whole, runs into the verb."""
        text, start = doc.text, max(doc.sentences[index][0], ref.start - 200)
        if not self._verb_before_re.search(text, max(start, ref.start - 40), ref.start):
            return None  # no issuing verb (or "tại") right before the reference: no subject to look for
        for head in self._bodies.starts(text, start, ref.start):
            end = self._bodies.read_list(doc, index, head.start())
            tail = self._before_tail_re.fullmatch(text, end, ref.start) if end is not None else None
            if end is None or tail is None:
                continue
            if tail["at"] and not self._of_before_re.search(text, max(start, head.start() - 6), head.start()):
                continue  # "tại" closes only "của <body> tại <reference>"
            when = self._when_before_re.search(text, max(start, head.start() - 40), head.start())
            return text[head.start() : end], tail["t"], when["when"] if when else None
        return None

    @cached_property
    def _person_after_title(self) -> regex.Pattern[str]:
        rows = self.lexicons.rows("surnames.tsv")
        surnames = alternation([row["surname"] for row in rows if row["frequency"] != "ambiguous"])
        levels = bodies.place_levels()
        return compile_pattern(rf"(?<!{levels})\s+(?!Hồ Chí Minh){surnames}(?:\s+\p{{Lu}}\p{{Ll}}*){{1,3}}$")

    def _clean_issuer(self, issuer: str) -> str:
        """Drop what follows the body: a signer's name ("Thủ tướng Chính phủ Nguyễn Xuân Phúc") and
        the body's later name ("Sở Địa chính (nay là Sở Tài nguyên và Môi trường)")."""
        text = _LATER_NAME.sub("", " ".join(issuer.split()))
        return str(self._person_after_title.sub("", text))

    def _issue_date(
        self, text: str, position: int, limit: int, dates: Mapping[int, Candidate]
    ) -> tuple[str | None, int]:
        """A complete date right after ``position`` ("…, ngày 25/10/2017", "… 15/05/2013") and where it ends."""
        window = _BEFORE_DATE.match(text, position, limit)
        candidate = dates.get(window.end() if window else position)
        if candidate is not None and len(candidate.value) == 10 and not candidate.value.startswith("X"):
            return candidate.value, candidate.end
        return None, position

    @cached_property
    def _list_item_re(self) -> regex.Pattern[str]:
        return compile_pattern(r"(?:[;,]|\bvà|\d\.)\s*$")

    def _share_backwards(
        self, text: str, earlier: list[tuple[Ref, DocumentRef]], ref: Ref, issuer: str
    ) -> None:
        """"A ngày …, B ngày … và C của Chính phủ": one "của" after a list names the issuer of all."""
        following = ref
        for index in range(len(earlier) - 1, -1, -1):
            previous_ref, previous = earlier[index]
            gap = text[previous_ref.end : following.start]
            if previous.issuer is not None or not self._list_gap_re.fullmatch(gap):
                break
            earlier[index] = (previous_ref, replace(previous, issuer=self._clean_issuer(issuer)))
            following = previous_ref

    @cached_property
    def _list_gap_re(self) -> regex.Pattern[str]:
        return compile_pattern(
            r"\s*(?:,?\s*(?i:ngày)\s+[\d/.-]+\s*)?(?:,|;|và|,\s*và)\s*(?:(?i:số)\s*)?"
        )

    @cached_property
    def _list_header_re(self) -> regex.Pattern[str]:
        return compile_pattern(
            rf"(?i:các)\s+(?P<type>{self._type_words})\s+"
            rf"(?:do\s+(?P<by>{self._org})\s+ban hành|của\s+(?P<of>{self._org}))"
            rf"[^:;]{{0,300}}?(?i:bao gồm|gồm|như sau|sau đây)\s*:"
        )

    def _issuer(self, doc: Document, index: int, match: regex.Match[str], *groups: str) -> str | None:
        """The issuer a pattern located in the first of ``groups`` that matched, read whole by the
        body grammar: the pattern finds where it starts ("của Bộ Thông tin và Truyền thông"); the
        words of the sentence say where the name ends."""
        group = next((g for g in groups if match[g]), None)
        if group is None:
            return None
        end = self._bodies.read_list(doc, index, match.start(group)) or match.end(group)
        return doc.text[match.start(group) : end]

    def _coded_subject(self, doc: Document, index: int, ref: Ref) -> str | None:
        """"Tại Thông tư số 146/2017/TT-BTC, …, Bộ Tài chính hướng dẫn …": after a reference that
        opens the sentence, the body its symbol's issuer code names (BTC: Bộ Tài chính)."""
        for match in self._bodies.starts(doc.text, ref.end, doc.sentences[index][1]):
            end = self._bodies.read_from(doc, index, match)
            name = doc.text[match.start() : end] if end is not None else ""
            if (body := public_bodies.lookup(name, self.lexicons)) is not None and body.code == ref.issuer_code:
                return name
        return None

    @cached_property
    def _bodies(self) -> bodies.BodyReader:
        return bodies.BodyReader(offices=True, excluded=self._type_words, lexicons=self.lexicons)

    def _record(
        self, doc: Document, index: int, ref: Ref, dates: Mapping[int, Candidate]
    ) -> tuple[DocumentRef, str | None, str | None]:
        """The record; the issuer when it is the subject of "ban hành" before the reference (later
        list items may share it); the issuer when it is a "của" after it (earlier list items may)."""
        text = doc.text
        sentence_start, sentence_end = doc.sentences[index]
        subject = None
        issued, cursor = self._issue_date(text, ref.end, sentence_end, dates)
        after = self._after_re.match(text, cursor, sentence_end)
        issuer = trailing = self._issuer(doc, index, after, "issuer", "by") if after else None
        term = ref.term or ((after["t"] or after["t2"]) if after else None)
        if issued is None and after is not None and after.end() > cursor:
            issued, _ = self._issue_date(text, after.end(), sentence_end, dates)
        if issued is None and issuer is None and (summary := self._summary_re.match(text, ref.end, sentence_end)):
            # Real citations put the summary first: "Thông tư số 20/2022/TT-NHNN hướng dẫn … ngày
            # 30/12/2022 của Ngân hàng Nhà nước Việt Nam".
            issued, cursor = self._issue_date(text, summary.end(), sentence_end, dates)
            after = self._after_re.match(text, cursor, sentence_end) if issued else None
            issuer = trailing = self._issuer(doc, index, after, "issuer", "by") if after else None
        if issuer is None or issued is None:
            before = self._subject_before(doc, index, ref)
            if before is not None:
                body, before_term, when = before
                issuer = subject = issuer or body
                term = term or before_term
                if issued is None and when:
                    issued = self._dates.candidates(when, [(0, len(when))])[0].value
        if issuer is None and ref.issuer_code and _FRONTED.search(text, max(sentence_start, ref.start - 8), ref.start):
            issuer = self._coded_subject(doc, index, ref)
        source_text, start, end = doc.source_span(ref.start, ref.end)
        issuer_text = None if issuer is None else self._clean_issuer(issuer)
        record = DocumentRef(
            source_text, start, end, ref.doc_type, ref.number, ref.symbol, ref.key, issued, issuer_text,
            _term(term), ref.issuer_code, numbers.issuer_name(ref.issuer_code), ref.family,
        )
        return record, subject, trailing


def _term(raw: str | None) -> str | None:
    """"XII" stays Roman; "13" is written as the Roman numeral the guidelines use."""
    if raw is None:
        return None
    if raw.isdigit():
        value = int(raw)
        numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        out = ""
        for amount, numeral in numerals:
            while value >= amount:
                out, value = out + numeral, value - amount
        return out or raw
    return raw if roman_to_int(raw) else None
