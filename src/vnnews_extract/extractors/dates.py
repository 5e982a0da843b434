"""Dates, months, years, quarters, periods and times (GUIDELINES §2).

Each rule is a small named pattern that finds candidate spans and a builder that reads a value
from the match (values come from ``resolve.dates``). Overlapping candidates are settled longest
first, so "7 giờ 30 sáng 20/4/2017" wins over "20/4/2017". Candidates that sit inside a document
number, follow an identifier word ("số", "Điều", "Quốc lộ") or fail calendar validation are dropped.
Lexicons (lead words, mods, month names, relative words, stop words) are in data/date_words.tsv.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from typing import ClassVar

import regex

from ..lexicon import alternation, read_tsv, words
from ..records import DateMention, Fact
from ..regex_cache import compile_pattern
from ..resolve import dates as values
from ..text.document import Document
from ..text.spans import SpanSet, longest_first
from . import LexiconReader

LEXICON = "date_words.tsv"

# Numbers: a number starts after no word character or number punctuation and ends before none.
_NB = r"(?<![\w/.,-]|\d[.,/-])"
_NE = r"(?![\w/]|[.,-]\d)"


def _words(kind: str) -> str:
    """A regex alternation of one word list of the date lexicon."""
    return alternation(words(LEXICON, kind))


# What may stand between a day and its clock time: "hôm nay lúc 2 giờ chiều", "2 giờ chiều hôm nay".
_TIME_GAP = regex.compile(r"\s*,?\s*(?:(?:vào\s+)?lúc\s+)?")
_DAY_VALUE = regex.compile(r"(?:\d{4}|XXXX)-\d\d-\d\d")


def _join_times(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """A day and a clock time next to each other are one date ("hôm nay lúc 2 giờ chiều" ->
    2017-05-10T14:00), in either order."""
    joined: list[Candidate] = []
    for candidate in chosen:
        first = joined[-1] if joined else None
        if first is not None and _TIME_GAP.fullmatch(text, first.end, candidate.start):
            day, clock = (first, candidate) if _DAY_VALUE.fullmatch(first.value) else (candidate, first)
            if _DAY_VALUE.fullmatch(day.value) and clock.value.startswith("T"):
                mod = first.mod or candidate.mod
                joined[-1] = Candidate(first.start, candidate.end, day.value + clock.value, mod, relative=day.relative)
                continue
        joined.append(candidate)
    return joined


def _day(s: str = "") -> str:
    return rf"(?P<d{s}>0?[1-9]|[12]\d|3[01])"


def _month(s: str = "") -> str:
    return rf"(?P<m{s}>0?[1-9]|1[0-2])"


def _year(s: str = "") -> str:
    return rf"(?P<y{s}>1[5-9]\d\d|20\d\d|21\d\d)"


def _day_core(s: str = "") -> str:
    """25/10/2017, 25-10, 25.10.2017, 25 tháng 10 năm 2017, and a two-digit year after slashes (3/3/17)."""
    return (
        rf"(?:{_NB}{_day(s)}(?P<sep{s}>[/.-]){_month(s)}(?:(?P=sep{s}) ?(?:{_year(s)}|(?<=/)(?P<yy{s}>\d\d)))?{_NE}"
        rf"|{_NB}{_day(s)}\s+(?i:tháng)\s+{_month(s)}(?:\s+(?i:năm)\s+{_year(s)})?{_NE})"
    )


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    value: str
    mod: str | None = None
    calendar: str | None = None
    after_date: bool = False  # "20.4" in "ngày 13.4 và 20.4": a date only when one precedes it
    relative: bool = False  # "hôm qua": the value is already resolved against the publication date


Builder = Callable[[regex.Match[str]], Candidate | None]


class DateExtractor(LexiconReader):
    """``dates.v1``: rule-based dates with ISO-like values; relative words only with ``published``."""

    name: ClassVar[str] = "dates.v1"
    fact: ClassVar[str] = "dates"
    needs: ClassVar[tuple[str, ...]] = ("documents",)

    def __call__(self, doc: Document, found: Mapping[str, Sequence[Fact]]) -> list[DateMention]:
        taken = SpanSet((f.start, f.end) for f in found.get("documents", ()))
        records = []
        for candidate in self.candidates(doc.text, doc.structure.content, doc.published):
            text, start, end = doc.source_span(candidate.start, candidate.end)
            if taken.overlaps(start, end):
                continue  # "18/2023" inside "Nghị định 18/2023/NĐ-CP" is a number, not a month
            resolved = candidate.value if candidate.relative else None
            if doc.published and not candidate.relative:
                resolved = values.resolve(candidate.value, doc.published)
            records.append(
                DateMention(text, start, end, candidate.value, candidate.mod, candidate.calendar, resolved)
            )
        return records

    def candidates(
        self, text: str, spans: Sequence[tuple[int, int]], published: date | None = None
    ) -> list[Candidate]:
        """Non-overlapping date candidates in ``spans`` of the normalised ``text``, longest first."""
        found: list[Candidate] = []
        for start, end in spans:
            for window_start, window_end in self._windows(text, start, end, published):
                found.extend(self._in_span(text, window_start, window_end, published))
        return found

    # Every date form holds a digit or one of a few words; scanning all rules only around those
    # anchors keeps extraction fast on long articles. The margins cover the longest lead words
    # before a number ("khoảng giữa năm", "rạng sáng ngày") and the words after it ("sáng", "Tết").
    _BEFORE, _AFTER = 45, 40

    def _windows(self, text: str, start: int, end: int, published: date | None) -> Iterator[tuple[int, int]]:
        anchors = self._anchor_re(published is not None)
        window: tuple[int, int] | None = None
        for match in anchors.finditer(text, start, end):
            a, b = max(start, match.start() - self._BEFORE), min(end, match.end() + self._AFTER)
            if window is not None and a <= window[1]:
                window = (window[0], b)
                continue
            if window is not None:
                yield window
            window = (a, b)
        if window is not None:
            yield window

    def _anchor_re(self, relative: bool) -> regex.Pattern[str]:
        return self._anchors_with_relative if relative else self._anchors

    @cached_property
    def _anchors(self) -> regex.Pattern[str]:
        return compile_pattern(r"\d|(?i:tháng)\s+\p{Lu}|(?i:nửa|rằm)|Tết")

    @cached_property
    def _anchors_with_relative(self) -> regex.Pattern[str]:
        return compile_pattern(rf"\d|(?i:tháng)\s+\p{{Lu}}|(?i:nửa|rằm)|Tết|(?i:{self._lex['relative']})")

    def _in_span(self, text: str, start: int, end: int, published: date | None) -> Iterator[Candidate]:
        proposals: list[Candidate] = []
        for pattern, gate, build in self._rules:
            if gate.search(text, start, end) is None:
                continue
            for match in pattern.finditer(text, start, end, overlapped=False):
                candidate = build(match)
                if candidate is not None and not self._blocked(text, candidate):
                    proposals.append(candidate)
        if published is not None:
            proposals.extend(self._relative(text, start, end, published))
        chosen = longest_first(proposals, lambda c: (c.start, c.end))
        chosen = _join_times(text, self._join_ranges(text, self._chained(text, chosen)))
        yield from (self._with_context(text, candidate) for candidate in chosen)

    @staticmethod
    def _chained(text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Drop "after_date" candidates that do not follow another date ("ngày 13.4 và 20.4")."""
        kept: list[Candidate] = []
        for candidate in chosen:
            gap = text[kept[-1].end : candidate.start] if kept else None
            if not candidate.after_date or (gap is not None and len(gap) <= 6 and not gap.strip(" ,vàhoặc")):
                kept.append(candidate)
        return kept

    def _join_ranges(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """"từ A đến B" (any two dates) and "A - B" (two times or two years) become one period A/B."""
        joined: list[Candidate] = []
        for candidate in chosen:
            first = joined[-1] if joined else None
            if first is not None and "/" not in first.value + candidate.value:
                gap = self._range_gap.fullmatch(text, first.end, candidate.start)
                opener = self._range_from.search(text, max(0, first.start - 12), first.start)
                kinds = {_kind(first.value), _kind(candidate.value)}
                dashed_pair = gap is not None and gap["dash"] and len(kinds) == 1 and kinds <= {"T", "Y"}
                if gap and (opener and gap["word"] or dashed_pair):
                    start = opener.start("word") if opener else first.start
                    value = values.period_value(_borrow_year(first.value, candidate.value), candidate.value)
                    lunar = "lunar" if "lunar" in (first.calendar, candidate.calendar) else None
                    joined[-1] = Candidate(start, candidate.end, value, first.mod, lunar)
                    continue
            joined.append(candidate)
        return joined

    def _with_context(self, text: str, candidate: Candidate) -> Candidate:
        """"khoảng 9 giờ" is APPROX; "14 tháng Giêng âm lịch" and "tháng 11 (âm lịch)" are lunar."""
        approx = self._approx_before.search(text, max(0, candidate.start - 12), candidate.start)
        if approx and candidate.mod is None:
            candidate = replace(candidate, start=approx.start("word"), mod="APPROX")
        lunar = self._lunar_after.match(text, candidate.end)
        if lunar:
            end = candidate.end if lunar["paren"] else lunar.end()
            candidate = replace(candidate, end=end, calendar="lunar")
        return candidate

    @cached_property
    def _range_gap(self) -> regex.Pattern[str]:
        return compile_pattern(r"\s*(?:(?P<dash>-)|(?P<word>(?i:đến|tới)))\s*(?:(?i:hết|trước)\s+)?")

    @cached_property
    def _range_from(self) -> regex.Pattern[str]:
        return compile_pattern(r"(?<!\w)(?P<word>(?i:từ))\s+$")

    @cached_property
    def _approx_before(self) -> regex.Pattern[str]:
        return compile_pattern(r"(?<!\w)(?P<word>(?i:khoảng))\s+$")

    @cached_property
    def _lunar_after(self) -> regex.Pattern[str]:
        return compile_pattern(r"\s*(?:(?P<paren>\(\s*âm lịch\s*\))|âm lịch(?!\w))")

    # -- lexicon-driven pieces ------------------------------------------------------------------

    @cached_property
    def _lex(self) -> dict[str, str]:
        kinds = ("part_of_day", "mod", "period_lead", "day_lead", "weak_lead", "weekday", "relative")
        return {kind: _words(kind) for kind in kinds}

    @cached_property
    def _meaning(self) -> dict[tuple[str, str], str]:
        """(kind, lower-cased surface with single spaces) -> value column."""
        return {(row["kind"], row["surface"].lower()): row["value"] for row in read_tsv(LEXICON)}

    def _value_of(self, kind: str, surface: str | None) -> str | None:
        if surface is None:
            return None
        return self._meaning.get((kind, " ".join(surface.lower().split())))

    @cached_property
    def _stop_before(self) -> regex.Pattern[str]:
        stops = "|".join(regex.escape(w) for w in words(LEXICON, "not_before"))
        # "&" joins an abbreviation: "BGD&ĐT ngày 10/5/2014" is no phone number ("ĐT: 0903…").
        return compile_pattern(rf"(?:^|[^\w&])(?i:{stops})\s*[:.]?\s*$")

    @cached_property
    def _duration_before(self) -> regex.Pattern[str]:
        stops = "|".join(regex.escape(w) for w in words(LEXICON, "duration_before"))
        return compile_pattern(rf"(?:^|[^\w])(?i:{stops})\s+$")

    @cached_property
    def _count_after(self) -> regex.Pattern[str]:
        return compile_pattern(rf"\s*(?:{_words('not_after')})(?!\w)")

    def _counted(self, text: str, end: int) -> bool:
        """A count noun right after a bare number: it counts something and is not a year."""
        return bool(self._count_after.match(text, end))

    def _blocked(self, text: str, candidate: Candidate) -> bool:
        """An identifier or score context right before the candidate ("số 18/2023", "Điều 3")."""
        return bool(self._stop_before.search(text, max(0, candidate.start - 20), candidate.start))

    @cached_property
    def _duration_after(self) -> regex.Pattern[str]:
        return compile_pattern(rf"\s+{_words('duration_after')}(?!\w)")

    # -- rules ----------------------------------------------------------------------------------

    @cached_property
    def _rules(self) -> list[tuple[regex.Pattern[str], regex.Pattern[str], Builder]]:
        lex = self._lex
        lead = rf"(?i:{lex['day_lead']}|{lex['part_of_day']})"
        weekday = rf"(?i:{lex['weekday']})"
        mod = rf"(?i:{lex['mod']})"
        time = (
            rf"(?P<h>[01]?\d|2[0-4])\s*(?P<unit>h|giờ|g(?=\d))(?:\s*(?P<min>[0-5]?\d)(?:\s*phút)?)?"
            rf"(?:\s+(?P<part>(?i:{lex['part_of_day']})))?(?!\w|\.\w)"
        )
        # Each rule comes with a gate: text any match of the rule contains. A window is tried against a
        # rule only when its gate is there (most windows hold a bare number and no "tháng", "quý", "h").
        # "7:30 chiều" is a time only before a day ("7:30 chiều ngày 20/4/2017"): alone it may be a score.
        clock = rf"(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)(?:\s+(?P<part>(?i:{lex['part_of_day']})))?(?!\w)"
        rules: list[tuple[str, str, Builder]] = [
            (  # từ ngày 21/9/2013 đến ngày 20/10/2013; 7/7/1917 - 7/7/2017; từ ngày 4 đến 8/2
                rf"(?:(?P<from>(?i:từ)\s+)|(?P<weak>(?i:{lex['weak_lead']})\s+))?(?P<lead>{lead}\s+)?{_NB}{_day('1')}"
                rf"(?:(?P<sep1>[/.-]){_month('1')}(?:(?P=sep1){_year('1')})?)?"
                rf"\s*(?:-|(?i:đến|tới))\s*(?:(?i:ngày|trước|hết|hết ngày)\s+)?"
                rf"{_day('2')}(?P<sep2>[/.-]){_month('2')}(?:(?P=sep2) ?{_year('2')})?{_NE}",
                r"\d[/.-]\d",
                self._day_range,
            ),
            (  # 7 giờ 30 sáng 20/4/2017; 20 giờ 00 phút ngày 22 tháng 10 năm 2013; 21h ngày 3/9; 7:30 chiều 20/4
                rf"{_NB}(?:{time}|{clock})\s*,?\s+(?:(?P<lead>{lead})\s+)?(?:{weekday}\s*,?\s*)?{_day_core()}",
                r"\d\s*(?:h|giờ|g\d)|\d:\d",
                self._time_on_day,
            ),
            (  # thứ Hai, 12/7; sáng 12/7; hôm thứ Hai (21/10); ngày 25/10/2017; từ 1/2; (30/1)
                rf"(?:(?P<weak>(?i:{lex['weak_lead']})\s+|\((?=[^()]{{1,14}}\))\s*)|(?P<conj>(?<=\d\s*(?:,|và|hoặc))\s*))?"
                rf"(?:(?P<lead0>(?!(?i:ngày)\s){lead})\s+)?(?:(?P<weekday>{weekday})\s*(?P<paren>\()?\s*,?\s*)?"
                rf"(?:(?P<lead>{lead})\s+)?{_day_core()}(?(paren)\s*\))",
                r"\d[/.-]\d|\d\s+(?i:tháng)",
                self._day_month,
            ),
            (  # 24 tháng Chạp; 30 Tết; mùng 1 Tết; Rằm tháng Giêng
                rf"(?:{lead}\s+){{0,3}}{_NB}{_day()}\s+(?:tháng\s+(?P<lunar>Chạp|Giêng)|(?P<tet>Tết))(?!\w)"
                rf"|(?P<ram>(?i:rằm)\s+tháng\s+(?P<lunar2>Giêng|Chạp|\d{{1,2}}))(?!\w)",
                r"(?i:chạp|giêng|tết|rằm)",
                self._lunar,
            ),
            (  # tháng 3/2022; tháng 3 năm 2022; cuối tháng 3; tháng Ba; tháng 4 năm tới
                rf"(?:(?P<mod>{mod})\s+)?(?i:tháng)\s+(?:{_NB}{_month()}(?!\d)|(?P<name>{_words('month_name')})(?!\w))"
                rf"(?:\s*[/.-]\s*{_year()}{_NE}|\s+(?i:năm)\s+{_year()}{_NE}"
                rf"|\s+(?P<rel>(?i:năm\s+(?:tới|nay|sau|ngoái|trước)))(?!\w))?",
                r"(?i:tháng)",
                self._month_rule,
            ),
            (  # 3/2022 written bare
                rf"{_NB}{_month()}/{_year()}{_NE}",
                r"\d/\d{4}",
                self._month_rule,
            ),
            (  # quý II/2023; quý 2 năm 2023; quý I; Q2/2023
                rf"(?:(?P<mod>{mod})\s+)?(?:(?i:quý)\s+|(?<!\w)Q)(?P<q>IV|III|II|I|[1-4])(?!\w)"
                rf"(?:\s*[/-]\s*{_year()}{_NE}|\s+(?:(?i:của)\s+)?(?i:năm)\s+{_year()}{_NE}"  # "quý 4 của năm 2018"
                rf"|\s+(?P<rel>(?i:năm\s+(?:qua|nay|sau|ngoái|trước|tới)))(?!\w))?",
                r"(?i:quý)|Q",
                self._quarter,
            ),
            (  # 6 tháng đầu năm 2023; sáu tháng đầu năm; 9 tháng năm 2017; nửa đầu năm; những tháng đầu năm 2017
                rf"(?:{_NB}(?P<n>[1-9]|1[01])\s+tháng|(?P<nw>(?i:{_COUNT_WORDS}))\s+tháng|(?P<half>(?i:nửa))"
                rf"|(?P<few>(?i:những|các|mấy)\s+tháng))"
                rf"\s+(?:(?P<side>đầu|cuối)\s+)?(?:(?i:năm)(?:\s+{_year()}{_NE})?|{_year()}{_NE})",
                r"(?i:tháng|nửa)",
                self._part_of_year,
            ),
            (  # giai đoạn 2021-2025; nhiệm kỳ 2020 - 2025; từ 2015 đến 2020; 2012- 2015
                rf"(?:(?P<mod>{mod})\s+)?(?:(?P<lead>(?i:{lex['period_lead']}))\s+)?(?:(?P<from>(?i:từ))\s+)?"
                rf"(?:(?<!\d\s)(?i:năm)\s+)?"
                rf"{_NB}{_year('1')}\s*(?:-|(?i:đến|tới))\s*(?:(?i:năm)\s+)?{_year('2')}{_NE}",
                r"\d{4}\s*(?:-|(?i:đến|tới))",
                self._year_range,
            ),
            (  # năm 2022; cuối 2023; khoảng năm 2000; 2022 used as a year
                rf"(?:(?P<mod>{mod})\s+)?(?:(?<!\d\s)(?P<nam>(?i:năm))\s+)?{_NB}{_year()}{_NE}",
                r"\d{4}",
                self._year_rule,
            ),
            (  # 9h30; 21 giờ; 9 giờ 30 phút sáng; 1-2h sáng
                rf"{_NB}(?:(?P<h1>[01]?\d|2[0-3])(?:\s*(?:h|giờ))?\s*-\s*)?{time}",
                r"\d\s*(?:h|giờ|g\d)",
                self._time,
            ),
        ]
        return [(compile_pattern(pattern), compile_pattern(gate), build) for pattern, gate, build in rules]

    @cached_property
    def _relative_re(self) -> regex.Pattern[str]:
        lex = self._lex
        # "thứ sáu tuần này", "thứ 2 tuần trước": a weekday of a relative week is a day.
        weekday = rf"(?:(?P<weekday>(?i:{lex['weekday']}))\s+(?=(?i:tuần)\s))?"
        return compile_pattern(
            rf"(?<!\w)(?:(?P<mod>(?i:{lex['mod']}))\s+)?{weekday}(?P<rel>(?i:{lex['relative']}))(?!\w)"
        )

    def _relative(self, text: str, start: int, end: int, published: date) -> Iterator[Candidate]:
        for match in self._relative_re.finditer(text, start, end):
            unit, offset = (self._value_of("relative", match["rel"]) or "day 0").split()
            value = values.resolve_relative(values.Relative(unit, int(offset)), published)
            if unit == "week" and (weekday := self._value_of("weekday", match["weekday"])):
                value = values.day_of_week(value, int(weekday))
            yield Candidate(match.start(), match.end(), value, self._value_of("mod", match["mod"]), relative=True)

    # -- builders -------------------------------------------------------------------------------

    def _day_range(self, m: regex.Match[str]) -> Candidate | None:
        y2 = _int(m["y2"])
        m1, y1 = _int(m["m1"]) or int(m["m2"]), _int(m["y1"]) or y2
        if not (m["m1"] or m["from"] or m["lead"] or (m["weak"] and m["sep2"] == "/")):
            return None  # "4 - 8/2" without "từ" or "ngày" is a count
        if not (y2 or m["from"] or m["lead"] or m["sep2"] == "/"):
            return None
        d1, d2, m2 = int(m["d1"]), int(m["d2"]), int(m["m2"])
        if not (values.is_valid(y1, m1, d1) and values.is_valid(y2, m2, d2)):
            return None
        start = values.calendar_value(y1, m1, d1)
        end = values.calendar_value(y2, m2, d2)
        begin = m.start("weak") + len(m["weak"]) if m["weak"] else m.start()
        return Candidate(begin, m.end(), values.period_value(start, end))

    def _time_on_day(self, m: regex.Match[str]) -> Candidate | None:
        day = self._read_day(m)
        clock = values.time_value(int(m["h"]), _int(m["min"]) or 0, self._value_of("part_of_day", m["part"]))
        if day is None or clock is None:
            return None
        return Candidate(m.start(), m.end(), day + clock)

    def _day_month(self, m: regex.Match[str]) -> Candidate | None:
        day = self._read_day(m)
        if day is None:
            return None
        strong = m["lead"] or m["lead0"] or m["weekday"]
        if m["y"] is None and not strong:
            if m["weak"] is None or (m["sep"] in ("-", ".") and self._counted(m.string, m.end())):
                return None  # a bare "1/3" is a fraction, "2-1" a score, "từ 5-7 tỷ" a range of amounts
        start = min(m.start(g) for g in ("lead0", "weekday", "lead", "d") if m[g] is not None)
        return Candidate(start, m.end(), day, after_date=m["conj"] is not None and not strong)

    def _read_day(self, m: regex.Match[str]) -> str | None:
        year, month, day = _int(m["y"]), int(m["m"]), int(m["d"])
        if year is None and m["yy"]:
            year = int(m["yy"]) + (2000 if int(m["yy"]) < 50 else 1900)  # "3/3/17", "3/9/91"
        if not values.is_valid(year, month, day):
            return None
        return values.calendar_value(year, month, day)

    def _lunar(self, m: regex.Match[str]) -> Candidate | None:
        if m["ram"]:
            name = m["lunar2"]
            month = {"Giêng": 1, "Chạp": 12}.get(name) or int(name)
            return Candidate(m.start(), m.end(), values.calendar_value(None, month, 15), calendar="lunar")
        day = int(m["d"])
        month = 12 if m["lunar"] == "Chạp" or (m["tet"] and day > 15) else 1
        if not values.is_valid(None, month, day):
            return None
        return Candidate(m.start(), m.end(), values.calendar_value(None, month, day), calendar="lunar")

    def _month_rule(self, m: regex.Match[str]) -> Candidate | None:
        name = m.groupdict().get("name")
        month = int(self._value_of("month_name", name) or 0) if name else int(m["m"])
        lunar = name in ("Giêng", "Chạp")
        value = values.calendar_value(_int(m["y"]), month)
        mod = self._value_of("mod", m.groupdict().get("mod"))
        return Candidate(m.start(), m.end(), value, mod, "lunar" if lunar else None)

    def _quarter(self, m: regex.Match[str]) -> Candidate | None:
        quarter = values.small_int(m["q"])
        if quarter is None or not 1 <= quarter <= 4:
            return None
        value = values.quarter_value(_int(m["y"]), quarter)
        return Candidate(m.start(), m.end(), value, self._value_of("mod", m["mod"]))

    def _part_of_year(self, m: regex.Match[str]) -> Candidate | None:
        year = _int(m["y"])
        if m["few"]:  # "những tháng đầu năm 2017": the year with a mod
            if year is None or m["side"] is None:
                return None
            return Candidate(m.start(), m.end(), str(year), "START" if m["side"] == "đầu" else "END")
        months = 6 if m["half"] else int(m["n"]) if m["n"] else _COUNT_VALUES[m["nw"].lower()]
        if m["side"] is None and year is None:
            return None  # "3 tháng năm" is not a period
        first, last = (13 - months, 12) if m["side"] == "cuối" else (1, months)
        value = values.period_value(values.calendar_value(year, first), values.calendar_value(year, last))
        return Candidate(m.start(), m.end(), value)

    def _year_range(self, m: regex.Match[str]) -> Candidate | None:
        first, last = int(m["y1"]), int(m["y2"])
        if not first < last <= first + 100:
            return None
        value = values.period_value(str(first), str(last))
        return Candidate(m.start(), m.end(), value, self._value_of("mod", m["mod"]))

    def _year_rule(self, m: regex.Match[str]) -> Candidate | None:
        year = int(m["y"])
        if not m["nam"] and (self._counted(m.string, m.end()) or not (m["mod"] or 1900 <= year <= 2100)):
            return None  # "2015 người" counts people, "khoảng 1999 USD" is a price
        return Candidate(m.start(), m.end(), str(year), self._value_of("mod", m["mod"]))

    def _time(self, m: regex.Match[str]) -> Candidate | None:
        part = self._value_of("part_of_day", m["part"])
        explicit = m["min"] is not None or part is not None or m["unit"] != "giờ"
        if not explicit and (
            self._duration_before.search(m.string, max(0, m.start() - 15), m.start())
            or self._duration_after.match(m.string, m.end())
        ):
            return None  # "trong 5 giờ", "2 giờ sau đó", "18 giờ mỗi ngày" are durations
        clock = values.time_value(int(m["h"]), _int(m["min"]) or 0, part)
        if clock is None:
            return None
        if m["h1"] is not None:
            first = values.time_value(int(m["h1"]), 0, part)
            return None if first is None else Candidate(m.start(), m.end(), values.period_value(first, clock))
        return Candidate(m.start(), m.end(), clock)


_COUNT_VALUES = {"hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
_COUNT_WORDS = "|".join(_COUNT_VALUES)


def _kind(value: str) -> str:
    """"T" for a time, "Y" for a plain year, "D" for anything else (for joining "A - B")."""
    return "T" if value.startswith("T") else "Y" if value.isdigit() else "D"


def _borrow_year(first: str, second: str) -> str:
    """"tháng 9 đến tháng 12/2016": the first part takes the second's year."""
    if first.startswith(values.UNKNOWN_YEAR) and second[:4].isdigit():
        return second[:4] + first[len(values.UNKNOWN_YEAR) :]
    return first


def _int(text: str | None) -> int | None:
    return None if text is None else int(text)

