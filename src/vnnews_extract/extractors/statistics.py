"""Counted and measured quantities (GUIDELINES §4): a number, its scale and the unit after it.

A quantity is digits ("1.999,62") or number words ("hai mươi ba"), with scale words ("tỷ",
"nghìn tỷ", "2 tỷ 500 triệu") and "rưỡi"; values come from ``resolve.numbers``. The unit is a
unit of data/units.tsv ("%", "tỷ đồng" -> "đồng", "m 2" -> "m2", "USD/m2") or else the word the
segmenter finds right after the number ("đảng viên", "chi bộ"); the words that complete that noun
phrase are the ``qualifier``. Approximation words before the number set ``approx``; "A - B" and
"từ A đến B" set ``value_max``. Durations, ages, ordinals, identifiers, vague magnitudes and
back-references are not statistics, and no statistic overlaps a date or a document reference.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

import regex

from ..lexicon import alternation, read_tsv
from ..records import Fact, Official, Statistic
from ..regex_cache import compile_pattern
from ..resolve.numbers import NumberTooLargeError, as_number, combine, number_words
from ..text.document import Document
from ..text.spans import SpanSet
from ..text.tokenize import Token
from . import LexiconReader

WORDS = "statistic_words.tsv"
_PARTS = regex.compile(r"\d+(?:[.,]\d+)*|[^\W\d]+")
_DIGITS = r"\d+(?:[.,]\d+)*"
_FRACTION = regex.compile(r"/\d+(?!\d)")  # "4/4 làng", "15/19 tiêu chí"
_WIRE_THOUSANDS = regex.compile(r"\d{1,3},\d{3}")
_AT_LEAST = regex.compile(r"\s+trở\s+lên(?!\w)")
_WORD_NEXT = regex.compile(r"\s*\p{L}")
_SYLLABLE = regex.compile(r"\s+(\p{L}+)")
_OPENING_QUOTES = frozenset("“\"")
_SLOGAN_END = regex.compile(r"(?:\s*,?\s*\d*\s*\p{L}+){1,3}\s*[”\"]")  # "5 tiên phong”, "5 xây, 3 chống”


# Unit kinds that count things: back-references ("hai người này") and thousands commas apply to them.
_PER_KINDS = ("time", "mass", "volume", "area", "length")  # what a rate is per: "mỗi tháng", "một kg"
_SMALL_COUNTS = frozenset({"hai", "ba"})
_COUNTED = ("noun", "people", "household", "body", "count")


@dataclass(frozen=True)
class Quantity:
    """A number in the normalised text: its span, value and whether a scale word was written."""

    start: int
    end: int
    value: float
    scale: float  # what the scale words multiplied: 1e6 for "6 triệu", 1 for "600.000"
    words: bool  # written in number words


@dataclass(frozen=True)
class Unit:
    text: str
    end: int
    kind: str  # a units.tsv kind, or "noun" for a word read from the segmenter


class StatisticExtractor(LexiconReader):
    """``statistics.v1``: Vietnamese numbers with units, approximations and ranges."""

    name: ClassVar[str] = "statistics.v1"
    fact: ClassVar[str] = "statistics"
    needs: ClassVar[tuple[str, ...]] = ("dates", "documents", "officials")

    def __call__(self, doc: Document, found: Mapping[str, Sequence[Fact]]) -> list[Statistic]:
        taken = SpanSet((f.start, f.end) for name in ("dates", "documents") for f in found.get(name, ()))
        # Where each person is first named: "hai nghi phạm" after two named suspects counts no one new.
        officials = [o for o in found.get("officials", ()) if isinstance(o, Official) and o.mentions]
        people = sorted(min(m.start for m in o.mentions) for o in officials)
        records: list[Statistic] = []
        for index, (start, end) in enumerate(doc.sentences):
            if not self._has_number.search(doc.text, start, end):
                continue
            for record in self._in_sentence(doc, index, start, end):
                if not taken.overlaps(record.start, record.end) and not self._named_before(record, people):
                    records.append(record)
        return records

    def _named_before(self, record: Statistic, people: list[int]) -> bool:
        """A count in words of people ("hai người", "ba đồng chí") when as many people are named
        before it: the known parties again, not a statistic (GUIDELINES §8)."""
        first = record.text.split(maxsplit=1)[0].lower()
        if first not in _SMALL_COUNTS or record.unit not in self._words["person_noun"]:
            return False
        return bisect_left(people, record.start) >= record.value

    # -- lexicons -------------------------------------------------------------------------------

    @cached_property
    def _words(self) -> dict[str, list[str]]:
        kinds: dict[str, list[str]] = {}
        for row in read_tsv(WORDS):
            kinds.setdefault(row["kind"], []).append(row["word"])
        return kinds

    @cached_property
    def _approx(self) -> dict[str, str]:
        return {row["word"].lower(): row["value"] for row in read_tsv(WORDS) if row["kind"] == "approx"}

    @cached_property
    def _units(self) -> dict[str, tuple[str, str]]:
        return {row["surface"]: (row["unit"], row["kind"]) for row in read_tsv("units.tsv")}

    @cached_property
    def _has_number(self) -> regex.Pattern[str]:
        digits = [w for w, n in number_words().items() if n.kind in ("digit", "ten", "hundred")]
        return compile_pattern(rf"\d|(?<!\w){alternation(digits, either_case=True)}(?!\w)")

    @cached_property
    def _quantity_core(self) -> str:
        table = number_words()
        scales = alternation([w for w, n in table.items() if n.kind == "scale"])
        halves = alternation([w for w, n in table.items() if n.kind == "half"])
        # Spoken numbers follow their grammar: a digit word is followed by a multiplier ("mươi",
        # "trăm", "nghìn"...) before the next digit, so "một năm" is "one year", not 15, and the
        # "tư" of "đầu tư" never starts a number.
        openers = [w for w, n in table.items() if n.kind == "digit" and w not in ("tư", "mốt", "lăm", "nhăm")]
        digits = [w for w, n in table.items() if n.kind == "digit"]
        joiners = [w for w, n in table.items() if n.kind in ("tens", "hundred", "scale", "zero_tens", "half")]
        start = rf"(?:{alternation(openers, either_case=True)}|[Mm]ười(?:\s+{alternation(digits)})?)"
        spoken = rf"{start}(?:\s+{alternation(joiners)}(?:\s+(?:mười|{alternation(digits)}))?)*"
        # "tỷ" glued to a unit ("3 triệuUSD") still ends the scale; "2 tỷ 500 triệu" is one number.
        # A scale word that makes a word with the next syllable is no scale: "8 tỷ phú", "triệu phú".
        scale = rf"{scales}(?![\p{{Ll}}])(?!\s+{alternation(self._words['scale_compound'])}(?!\w))"
        scale_tail = rf"(?:\s*{scale})+(?:\s+{_DIGITS}(?:\s*{scale})+)*"
        return (
            rf"{_DIGITS}(?!\d)(?P<scale>{scale_tail})?(?:\s+{halves}(?!\w))?"
            rf"|(?P<spoken>{spoken})(?!\w)"
        )

    @cached_property
    def _quantity_re(self) -> regex.Pattern[str]:
        """A quantity that starts a statistic: not glued to a word, a code or a range before it."""
        return compile_pattern(rf"(?<![\w.,/-])(?:{self._quantity_core})")

    @cached_property
    def _second_quantity_re(self) -> regex.Pattern[str]:
        """The upper bound of a range, right after "-" or "đến"."""
        return compile_pattern(self._quantity_core)

    @cached_property
    def _unit_re(self) -> regex.Pattern[str]:
        surfaces = alternation(list(self._units))
        # A compound unit: "USD/m2", "%/năm", "lần/năm", "đồng/lít"; "đ/c" (đồng chí) is not "đ".
        return compile_pattern(
            rf"\s*(?P<unit>{surfaces})(?:(?P<per>(?:/\s?(?:{surfaces}|\p{{Ll}}+)){{1,2}})(?![\p{{L}}\d])|(?![\p{{L}}\d/])|(?<=%))"
        )

    @cached_property
    def _per_re(self) -> regex.Pattern[str]:
        """"5 triệu/người", "176,3 triệu/lượng", "750 nghìn/ người/ tháng": a price per something, in đồng."""
        units = alternation(list(self._units))
        return compile_pattern(rf"/\s?(?P<per>{units})(?:\s?/\s?(?P<per2>{units}))?(?![\p{{L}}\d])")

    @cached_property
    def _office_re(self) -> regex.Pattern[str]:
        """An office counted by a number, written with its capital ("8 Phó ban"): other capitalised
        words after a number are names, and lower-case ones ("455 đại biểu") are read as nouns."""
        offices = [row["word"] for row in self.lexicons.rows("titles.tsv") if row["kind"] == "office"]
        return compile_pattern(rf"\s+(?P<office>(?=\p{{Lu}})(?:Phó\s+)?{alternation(offices, either_case=True)})(?!\w)")

    @cached_property
    def _money_cue(self) -> regex.Pattern[str]:
        cues = self._words["money_cue"]
        # Capitalised at a sentence start ("Thu nhập …"), but "đồng" only in lower case: not "Đồng Nai".
        either = alternation([w for w in cues if w != "đồng"], either_case=True)
        return compile_pattern(rf"(?<!\w)(?:{either}|đồng)(?!\w)")

    @cached_property
    def _each_re(self) -> regex.Pattern[str]:
        """"mỗi lượng", "một năm", "mỗi tháng" after a unit: what the quantity is per."""
        per = alternation([*(s for s, (_, kind) in self._units.items() if kind in _PER_KINDS), *self._words["per"]])
        return compile_pattern(rf"\s+(?:mỗi|một)\s+(?P<per>{per})(?![\p{{L}}\d])")

    @cached_property
    def _before_re(self) -> regex.Pattern[str]:
        approx = alternation(list(self._approx), either_case=True)
        return compile_pattern(rf"(?:(?<!\w)(?P<approx>{approx})\s+)?(?:(?<!\w)(?P<from>[Tt]ừ)\s+)?$")

    @cached_property
    def _range_re(self) -> regex.Pattern[str]:
        approx = alternation(["dưới", "trên", "hơn"])
        return compile_pattern(rf"\s*(?:-|đến|tới)\s*(?:(?P<bound>{approx})\s+)?")

    @cached_property
    def _blocked_before(self) -> regex.Pattern[str]:
        words = self._words["not_before"] + self._words["vague_before"]
        # "tổng số 45 tỷ đồng" is a total, not a number label.
        return compile_pattern(rf"(?<!\w)(?<!tổng\s)(?<!Tổng\s){alternation(words)}\s*[:.]?\s*$")

    @cached_property
    def _back_reference(self) -> regex.Pattern[str]:
        return compile_pattern(rf"\s+{alternation(self._words['back_reference_after'])}(?!\w)")

    # -- reading ----------------------------------------------------------------------------------

    def _in_sentence(self, doc: Document, index: int, start: int, end: int) -> Iterator[Statistic]:
        text = doc.text
        cursor = start
        for match in self._quantity_re.finditer(text, start, end):
            if match.start() < cursor:
                continue
            try:
                first = self._quantity(match)
            except NumberTooLargeError:
                source_start = doc.source_span(match.start(), match.end())[1]
                doc.warnings.append(f"number too large to read at character {source_start}; no statistic made of it")
                continue
            if first is None or self._blocked_before.search(text, max(start, first.start - 25), first.start):
                continue
            if text[first.start - 1 : first.start] in _OPENING_QUOTES and _SLOGAN_END.match(text, first.end, end):
                continue  # a slogan: "5 tiên phong", "3 không", "5 xây, 3 chống"
            record = self._statistic(doc, index, first, start, end)
            if record is not None:
                cursor = record[1]
                yield self._to_record(doc, record)

    def _quantity(self, match: regex.Match[str]) -> Quantity | None:
        spoken = match["spoken"]
        parts = _PARTS.findall(match.group())
        value = combine(parts)
        if value is None or (spoken and self._lonely_word(spoken)):
            return None
        base = combine(parts[:1]) if not spoken else value
        scale = float(round(value / base)) if base else 1.0  # 176,3 triệu: 1e6, not 999999.99…
        return Quantity(match.start(), match.end(), value, scale, bool(spoken))

    @staticmethod
    def _lonely_word(spoken: str) -> bool:
        """"một" alone is an article and "không" is "not" far more often than a count; a lone
        scale word ("triệu") is no count."""
        words = spoken.lower().split()
        if words in (["một"], ["mốt"]):
            return True  # an article: "một chiếc xe", "một phần"
        return words[0] == "không" or all(number_words()[w].kind == "scale" for w in words)

    def _statistic(
        self, doc: Document, index: int, first: Quantity, start: int, end: int
    ) -> tuple[int, int, float, str, str | None, str | None, float | None] | None:
        """(span start, span end, value, unit, qualifier, approx, value_max) or None."""
        text = doc.text
        if first.words and self._in_a_word(doc, first, end):
            return None  # "ba lô", "ba mẹ": the number word is a syllable of another word
        before = self._before_re.search(text, max(start, first.start - 20), first.start)
        approx = self._approx.get(before["approx"].lower()) if before and before["approx"] else None
        if approx and doc.inside_word(index, before.start("approx")):
            approx = None  # "ngoài" of "nước ngoài" is no approximation
            before = None
        from_start = before.start("from") if before and before["from"] else None
        approx_start = before.start("approx") if before and before["approx"] else None
        position = first.end
        fraction = _FRACTION.match(text, position)
        if fraction:
            position = fraction.end()
        unit = self._unit(doc, index, position, end, first)
        value, value_max = first.value, None
        after = unit.end if unit else position
        second_match = self._range_re.match(text, after, end)
        if second_match and not fraction:
            second = self._quantity_at(text, second_match.end(), end)
            second_unit = self._unit(doc, index, second.end, end, second) if second else None
            same_unit = unit is None or second_unit is None or unit.text == second_unit.text
            if second is not None and (second_unit or unit) and same_unit:
                if first.scale == 1.0:
                    value = first.value * second.scale  # "5-6 triệu đồng": 5 takes the scale of 6
                value_max, unit = second.value, second_unit or unit
                if approx in ("more_than", "less_than"):
                    approx = None  # "trên 20 km/h đến 35 km/h" is a range; "khoảng 454 đến 474 USD" stays about
        if unit is None or unit.kind in ("time", "age"):
            return None  # a duration ("10 năm qua", "3 tháng"), an age, or a bare number
        spoken_ok = not first.words or self._word_count_ok(text[first.start : first.end], unit)
        if not spoken_ok or self._known_parties(first, unit):
            return None
        counted = unit.kind in _COUNTED
        if counted and self._back_reference.match(text, unit.end):
            return None  # "hai người này" counts nothing new
        if fraction and first.value < (denominator := float(fraction.group()[1:])) and self._part_of_whole(unit):
            value = first.value / denominator  # "3/4 lượng", "1/2 diện tích"; "15/19 tiêu chí" counts 15
        if counted and first.scale == 1.0 and _WIRE_THOUSANDS.fullmatch(text, first.start, first.end):
            value = first.value * 1000  # "33,293 người": wire-copy thousands; nobody counts 33.293 people
        span_end, unit_text = unit.end, unit.text
        if each := self._each_re.match(text, span_end, span_end + 30):  # bounded: see resolve/bodies.py _NEAR
            # A rate written with "mỗi"/"một" keeps its rate (GUIDELINES §8): "17 triệu đồng mỗi lượng"
            # is "đồng/lượng", "10-12% một năm" is "%/năm".
            span_end, unit_text = each.end(), f"{unit.text}/{self._units.get(each['per'], (each['per'],))[0]}"
        trailing = _AT_LEAST.match(text, span_end, span_end + 20)  # bounded: see resolve/bodies.py _NEAR
        if trailing:
            span_end, approx = trailing.end(), "at_least"
        # "từ" belongs to ranges and to "từ 10% trở lên"; "từ 11 công đoàn" starts at the number.
        opener = from_start if from_start is not None and (value_max is not None or trailing) else None
        span_start = min(p for p in (approx_start, opener, first.start) if p is not None)
        qualifier = None if unit.kind in ("percent", "currency") and unit.text != "%" else (
            self._qualifier(doc, index, unit.end, end)
        )
        return span_start, span_end, value, unit_text, qualifier, approx, value_max

    def _in_a_word(self, doc: Document, quantity: Quantity, end: int) -> bool:
        """A number word and the syllable after it make another word ("ba lô", "ba mẹ"; the
        segmenter's dictionary also has "ba tháng", so a list decides)."""
        last = doc.text[quantity.start : quantity.end].split()[-1].lower()
        following = _SYLLABLE.match(doc.text, quantity.end, end)
        return following is not None and f"{last} {following.group(1).lower()}" in self._number_compounds

    @cached_property
    def _number_compounds(self) -> frozenset[str]:
        return frozenset(self._words["number_compound"])

    def _quantity_at(self, text: str, position: int, end: int) -> Quantity | None:
        match = self._second_quantity_re.match(text, position, end)
        try:
            return None if match is None else self._quantity(match)
        except NumberTooLargeError:
            return None  # the upper bound of a range: the first number still counts

    def _part_of_whole(self, unit: Unit) -> bool:
        return unit.kind in ("mass", "area", "volume", "currency") or unit.text in self._words["whole"]

    def _word_count_ok(self, spoken: str, unit: Unit) -> bool:
        """Number words count only real units: not "hai nước", "hai bên"; "năm" only before a lexicon unit."""
        if unit.text in self._words["word_number_unit_excluded"]:
            return False
        return not (spoken.lower() in self._words["word_only_unit_needed"] and unit.kind == "noun")

    def _known_parties(self, quantity: Quantity, unit: Unit) -> bool:
        """Two known parties, in digits too: "hợp tác giữa 2 nước", "2 Đảng, 2 nhà nước" (GUIDELINES §8)."""
        return quantity.value == 2 and unit.text in self._words["word_number_unit_excluded"]

    def _unit(self, doc: Document, index: int, position: int, end: int, quantity: Quantity) -> Unit | None:
        """The unit after a quantity: a lexicon unit, a price per something, or the next word."""
        text = doc.text
        # Words are read only when one follows: "1, 2, 3" (tables, scores) needs no segmenter.
        token = self._token_at(doc, index, position) if _WORD_NEXT.match(text, position, end) else None
        lexical = self._lexical_unit(text, position, end, token, quantity)
        if lexical is not None:
            return lexical
        if token is not None and token.start == position and text[position - 1 : position].isdigit():
            return None  # letters glued to the number make a code: "khu đất 1A", "39-39B", "chương trình 30a"
        # Millions are money; thousands only where the sentence speaks of money ("tiền tết 200 nghìn",
        # "chuẩn nghèo 400 nghìn"): GUIDELINES §8.
        sentence_start = doc.sentences[index][0]
        money = quantity.scale >= 1e6 or (
            quantity.scale == 1e3 and self._money_cue.search(text, sentence_start, end) is not None
        )
        per_price = self._per_re.match(text, position, end) if money else None
        if per_price:  # "5 triệu/người", "176,3 triệu/lượng"
            per = "/".join(self._units[p][0] for p in (per_price["per"], per_price["per2"]) if p)
            return Unit(f"đồng/{per}", per_price.end(), "currency")
        if office := self._office_re.match(text, position, end):  # "8 Phó ban", "6 Phó giám đốc Sở"
            return Unit(" ".join(office["office"].lower().split()), office.end(), "people")
        if money and token is not None and token.text.lower() in self._words["money_noun"]:
            return Unit("đồng", position, "currency")  # "30.000 tỉ vốn ODA": the money is in đồng
        if token is not None and self._can_be_unit(token.text):
            word = token.text.rstrip(".")  # "USD." at a sentence end
            word = word if word.isupper() else word.lower()
            return Unit(" ".join(word.split()), token.start + len(token.text.rstrip(".")), "noun")
        return Unit("đồng", position, "currency") if money else None  # "30.000 tỉ", "15 triệu"

    def _lexical_unit(
        self, text: str, position: int, end: int, token: Token | None, quantity: Quantity
    ) -> Unit | None:
        match = self._unit_re.match(text, position, end)
        if match is None:
            return None
        surface = " ".join(match["unit"].split())
        unit, kind = self._units.get(surface, (surface, "noun"))
        # The segmenter's longer word wins: "đồng chí", "công ty", "công khai" are not the units
        # "đồng" and "công"; after an amount of money "đồng" stays the currency ("50 tỷ đồng tiền").
        longer = token is not None and token.start == match.start("unit") and token.end > match.end("unit")
        if longer and not (kind == "currency" and quantity.value >= 1000):
            return None
        per = ""
        if match["per"]:
            for per_surface in (part.strip() for part in match["per"].split("/")[1:]):
                per += "/" + self._units.get(per_surface, (per_surface, ""))[0]
        return Unit(unit + per, match.end(), kind)

    @staticmethod
    def _token_at(doc: Document, index: int, position: int) -> Token | None:
        """The word that starts at ``position`` after white space only; when the segmenter glued the
        number to the word ("4/4 làng" as one token), the rest of that token."""
        tokens, text = doc.words(index), doc.text
        at = doc.word_after(index, position)
        if at == len(tokens):
            return None
        token = tokens[at]
        if token.start < position:
            rest = text[position : token.end]
            offset = len(rest) - len(rest.lstrip())
            return Token(rest.strip(), position + offset, token.end) if rest.strip() else None
        return token if not text[position : token.start].strip() else None

    def _can_be_unit(self, word: str) -> bool:
        """A lower-case word or an acronym ("HCB") that is no function word and no number word;
        capitalised words after numbers are names ("số 39 Bến Vân Đồn")."""
        if not word[:1].isalpha() or not (word[:1].islower() or word.isupper()):
            return False
        return word.lower() not in self._not_unit and word.split()[0].lower() not in number_words()

    @cached_property
    def _not_unit(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self._words["not_unit"])

    @cached_property
    def _stop_qualifier(self) -> frozenset[str]:
        return self._not_unit | frozenset(self._words["verb"])

    def _qualifier(self, doc: Document, index: int, position: int, end: int) -> str | None:
        """The words completing the unit's noun phrase ("4 chi bộ trường học", "546 kg vàng",
        "23 hộ nghèo"): up to a punctuation mark, a number, or a preposition, determiner or verb."""
        if not _WORD_NEXT.match(doc.text, position, end):
            return None
        words: list[str] = []
        tokens = doc.words(index)
        for at in range(doc.word_after(index, position), len(tokens)):  # stops within six words
            token = tokens[at]
            if token.start < position:
                continue
            if doc.text[position : token.start].strip() or not token.text[:1].isalpha():
                break
            if token.text.lower() in self._stop_qualifier or token.text.lower() in number_words():
                break
            words.append(token.text)
            position = token.end
            if len(words) == 6:
                break
        return " ".join(words) or None

    @staticmethod
    def _to_record(
        doc: Document, found: tuple[int, int, float, str, str | None, str | None, float | None]
    ) -> Statistic:
        start, end, value, unit, qualifier, approx, value_max = found
        text, source_start, source_end = doc.source_span(start, end)
        maximum = None if value_max is None else as_number(value_max)
        return Statistic(text, source_start, source_end, as_number(value), unit, qualifier, approx, maximum)


