"""Date values in the forms of GUIDELINES §2: ``2017-10-25``, ``XXXX-07-12``, ``2022-03``, ``2023-Q2``,
``2021/2025``, ``2017-04-20T07:30``, ``T09:00``; and their resolution against a publication date."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

UNKNOWN_YEAR = "XXXX"
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_to_int(numeral: str) -> int | None:
    """Value of a Roman numeral ("XII" -> 12), or None when it is not one."""
    total = 0
    values = [_ROMAN.get(ch) for ch in numeral.upper()]
    if not values or None in values:
        return None
    for here, after in zip(values, [*values[1:], 0], strict=True):
        assert here is not None and after is not None
        total += -here if here < after else here
    return total if total > 0 else None


def small_int(text: str) -> int | None:
    """An Arabic or Roman number ("2", "II"), or None."""
    return int(text) if text.isdigit() else roman_to_int(text)


def is_valid(year: int | None, month: int, day: int | None = None) -> bool:
    """True for a real calendar month/day; 29 February passes when the year is unknown."""
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    return 1 <= day <= calendar.monthrange(2000 if year is None else year, month)[1]


def calendar_value(year: int | None, month: int | None = None, day: int | None = None) -> str:
    """``2017-10-25``, ``XXXX-10-25``, ``2017-10``, ``XXXX-10`` or ``2017``."""
    text = UNKNOWN_YEAR if year is None else f"{year:04d}"
    if month is not None:
        text += f"-{month:02d}"
        if day is not None:
            text += f"-{day:02d}"
    return text


def quarter_value(year: int | None, quarter: int) -> str:
    return f"{UNKNOWN_YEAR if year is None else f'{year:04d}'}-Q{quarter}"


def time_value(hour: int, minute: int, part_of_day: str | None = None) -> str | None:
    """``T07:30``; "chiều"/"tối" (pm) add 12 to hours 1–11, "đêm" (night) to hours 6–11."""
    if part_of_day == "pm" and 1 <= hour <= 11:
        hour += 12
    elif part_of_day == "night" and 6 <= hour <= 11:
        hour += 12
    if not (0 <= hour <= 24 and 0 <= minute <= 59):
        return None
    return f"T{hour:02d}:{minute:02d}"


def period_value(start: str, end: str) -> str:
    return f"{start}/{end}"


_INCOMPLETE = re.compile(r"^XXXX(-(?:Q[1-4]|\d{2}(?:-\d{2})?))?$")


@dataclass(frozen=True)
class Relative:
    """A relative expression: ``unit`` (day, week, month, year) and how many of them from publication."""

    unit: str
    offset: int


def resolve(value: str, published: date) -> str | None:
    """A complete value for an incomplete one, choosing the year nearest the publication date.

    "XXXX-07-12" published 2017-07-13 -> "2017-07-12"; published 2018-01-03 -> "2017-07-12"
    (news refers to nearby dates). Periods and times are resolved part by part.
    """
    if "/" in value:
        parts = [resolve(part, published) or part for part in value.split("/")]
        return "/".join(parts) if parts != value.split("/") else None
    date_part, _, time_part = value.partition("T")
    if not _INCOMPLETE.match(date_part):
        return None
    candidates = [date_part.replace(UNKNOWN_YEAR, str(published.year + delta)) for delta in (-1, 0, 1)]
    best = min(candidates, key=lambda candidate: abs((_anchor(candidate) - published).days))
    return best + (f"T{time_part}" if time_part else "")


def resolve_relative(relative: Relative, published: date) -> str:
    """"hôm qua" (day, -1) published 2017-07-13 -> "2017-07-12"; "năm ngoái" -> "2016"; weeks as ISO weeks,
    quarters as "2017-Q3"."""
    if relative.unit == "day":
        return (published + timedelta(days=relative.offset)).isoformat()
    if relative.unit == "week":
        year, week, _ = (published + timedelta(weeks=relative.offset)).isocalendar()
        return f"{year}-W{week:02d}"
    if relative.unit == "month":
        index = published.year * 12 + published.month - 1 + relative.offset
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if relative.unit == "quarter":
        index = published.year * 4 + (published.month - 1) // 3 + relative.offset
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    return f"{published.year + relative.offset:04d}"


def day_of_week(week: str, weekday: int) -> str:
    """The day of an ISO week ("2017-W19") with weekday 1 (Monday) to 7 (Sunday): "2017-05-12" for 5."""
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), weekday).isoformat()


def _anchor(value: str) -> date:
    """The middle of the period a (complete) date value names, for distance comparisons."""
    year, _, rest = value.partition("-")
    if not rest:
        return date(int(year), 7, 1)
    if rest.startswith("Q"):
        return date(int(year), int(rest[1]) * 3 - 1, 15)
    month, _, day = rest.partition("-")
    if day and is_valid(int(year), int(month), int(day)):
        return date(int(year), int(month), int(day))
    return date(int(year), int(month), 15)
