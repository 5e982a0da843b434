"""Vietnamese numbers: digits with dot thousands and comma decimals, scale words, number words.

"1.234.567,5" -> 1234567.5; "7,09" -> 7.09; "1.300" -> 1300; "1,234.5" (wire copy) -> 1234.5;
"2,5 triệu" -> 2_500_000; "3 nghìn tỷ" -> 3e12; "2 tỷ 500 triệu" -> 2.5e9; "hai mươi mốt" -> 21;
"một trăm linh năm" -> 105; "hai triệu rưỡi" -> 2_500_000; "trăm rưởi" -> 150.
Word lists are in data/number_words.tsv.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..lexicon import read_tsv

_VN_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_EN_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_PLAIN = re.compile(r"\d+(?:[.,]\d+)?")


def parse_digits(text: str) -> float | None:
    """A number written in digits, Vietnamese style first, English style when unambiguous."""
    text = text.strip()
    if _VN_THOUSANDS.fullmatch(text):
        return float(text.replace(".", "").replace(",", "."))
    if _EN_THOUSANDS.fullmatch(text) and (text.count(",") > 1 or "." in text):
        return float(text.replace(",", ""))  # "1,234,567", "1,234.5": only English reads these
    if _PLAIN.fullmatch(text):
        return float(text.replace(",", "."))  # "7,09"; "66.7" and "2.5" in wire copy
    return None


@dataclass(frozen=True)
class NumberWord:
    kind: str
    value: float


@cache
def number_words() -> dict[str, NumberWord]:
    """Lower-case number word -> its kind and value."""
    return {row["word"]: NumberWord(row["kind"], float(row["value"])) for row in read_tsv("number_words.tsv")}


class NumberTooLargeError(ValueError):
    """A number beyond a float's range (1.8e308): a run of 309+ digits, or a huge one times "tỷ"."""


def combine(parts: Sequence[str]) -> float | None:
    """Read a sequence of number tokens: digit strings and number words ("2", "tỷ", "500", "triệu");
    None when they are not a number. Raises NumberTooLargeError past a float's range.

    Scales multiply what came before them when they are larger than every scale so far ("ba
    nghìn tỷ" = 3e12), and add a new group otherwise ("hai tỷ năm trăm triệu" = 2.5e9).
    """
    total = 0.0
    largest = 0.0  # the largest scale applied so far
    last_scale = 1.0  # the unit "rưỡi" takes half of
    hundreds = tens = 0.0
    units: float | None = None  # None until a digit is read: "trăm" alone is 100, "không trăm" is 0
    seen = False
    for part in parts:
        word = number_words().get(part.lower())
        if word is None:
            value = parse_digits(part)
            if value is None:
                return None
            units, seen = (units or 0.0) + value, True
            continue
        seen = True
        if word.kind == "digit":
            units = word.value
        elif word.kind == "ten":
            tens, units = 10.0, None
        elif word.kind == "tens":
            tens, units = (1.0 if units is None else units) * 10.0, None
        elif word.kind == "hundred":
            hundreds, tens, units = (1.0 if units is None else units) * 100.0, 0.0, None
            last_scale = 100.0
        elif word.kind == "scale":
            chunk = hundreds + tens + (units or 0.0)
            if chunk == 0.0 and units is None and total == 0.0:
                chunk = 1.0  # "triệu" alone, "nghìn rưởi"
            if word.value > largest:
                total, largest = (total + chunk) * word.value, word.value
            else:
                total += chunk * word.value
            hundreds = tens = 0.0
            units, last_scale = None, word.value
        elif word.kind == "half":
            if last_scale == 100.0:
                hundreds += 50.0
            else:
                total += last_scale * word.value
    if not seen:
        return None
    value = total + hundreds + tens + (units or 0.0)
    if not math.isfinite(value):
        raise NumberTooLargeError(f"{' '.join(parts)[:40]}… is beyond a float's range")
    return value


_PART = re.compile(r"\d+(?:[.,] ?\d+)*|[^\W\d]+")


def read_number(text: str) -> float | None:
    """The value of the number expression that opens ``text`` ("2 tỷ 500 triệu", "hai mươi mốt",
    "3 triệuUSD"): reading stops at the first word that is not part of a number."""
    parts: list[str] = []
    for part in _PART.findall(re.sub(r"(?<=[a-zà-ỹđ])(?=[A-ZĐ])", " ", text)):
        if not part[0].isdigit() and part.lower() not in number_words():
            break
        parts.append(part.replace(" ", ""))
    return combine(parts)


def as_number(value: float) -> float | int:
    """An int when the value is whole (JSON writes 242, not 242.0)."""
    nearest = round(value)
    if abs(value - nearest) <= 1e-9 * max(1.0, abs(value)):
        return int(nearest)
    return float(f"{value:.12g}")  # drop float noise: 542,7 tỷ is 542700000000, not ...00006
