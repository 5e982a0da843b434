"""Hostile input generators: each builds a text of about ``n`` characters from a repeated shape.

Shared by ``tests/test_linear_time.py`` (2k and 20k characters, a growth bound) and
``bench/adversarial.py`` (10k and 100k characters, times recorded in bench/RESULTS.md). The first
rows are the reproducers of issue 15; the rest are shapes that stress the other rules the same way:
long runs without a sentence end, overlapping alternatives, many mentions in one sentence.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

Generator = Callable[[int], str]


def _repeat(piece: str, prefix: str = "", suffix: str = "") -> Generator:
    def build(n: int) -> str:
        count = max(1, (n - len(prefix) - len(suffix)) // len(piece))
        return prefix + piece * count + suffix

    return build


GENERATORS: dict[str, Generator] = {
    # issue 15, row 1: form lines of dots (exponential in the sentence splitter)
    "dot_run": _repeat(".", prefix="Họ và tên:"),
    # row 2: hyphen-joined digits (quadratic in the pre-tokeniser's URL/e-mail branch)
    "hyphen_digits": _repeat("1-"),
    # row 3: a number too large for a float
    "digit_run": _repeat("1"),
    # row 4: the faster-than-linear shapes
    "law_names": _repeat("Luật Ab Luật Cd "),
    "titles_names": _repeat("Bí thư Nguyễn A B C, "),
    "comma_numbers": _repeat("1, "),
    "short_sentences": _repeat("Anh. "),
    "document_numbers": _repeat("Nghị định 15/2020/NĐ-CP, ", prefix="Căn cứ "),
    "full_dates": _repeat("ngày 1 tháng 1 năm 2020 "),
    "counts_and": _repeat("có 5 người và "),
    "names_no_punctuation": _repeat("Nguyễn Văn An "),
    # our own: the same kinds of stress on the other rules
    "capital_syllables": _repeat("Ab "),
    "lower_syllables": _repeat("ab "),
    "no_spaces": _repeat("a"),
    "newlines": _repeat("\n"),
    "ellipsis_runs": _repeat("… . ! ? "),
    "bodies_and": _repeat("Bộ Tài chính và "),
    "committee_places": _repeat("Ủy ban nhân dân tỉnh "),
    "titles_only": _repeat("Phó Chủ tịch "),
    "address_words": _repeat("ông "),
    "dotted_number": _repeat("1.", prefix="có "),
    "comma_decimals": _repeat("1,5 "),
    "slash_chain": _repeat("1/", prefix="số "),
    "symbol_chain": _repeat("NQ-", prefix="Nghị quyết số 1-"),
    "range_chain": _repeat("2021-", prefix="giai đoạn "),
    "email_like": _repeat("a@b."),
    "url_like": _repeat("a/", prefix="http://"),
    "dots_letters": _repeat("a."),
    "brackets": _repeat("("),
    "quotes": _repeat("\" "),
    "money_amounts": _repeat("1.999,62 tỷ đồng, "),
    "quarters": _repeat("quý II/2023, "),
    "initials": _repeat("N.V.C "),
    "hyphen_names": _repeat("Bun-nhăng "),
    "nfd_seed": _repeat(unicodedata.normalize("NFD", "Phó Bí thư Tỉnh ủy Phan Ngọc Thọ ký Nghị quyết số 18-NQ/TW. ")),
    "mixed_sentence": _repeat(
        "Phó Bí thư Thường trực Tỉnh ủy Phan Ngọc Thọ, UBND TX. Hương Trà, 242 đảng viên, ngày 25/10/2017 "
    ),
}
