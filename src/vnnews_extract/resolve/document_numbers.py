"""Document numbers ("số, ký hiệu"): the two grammars of DOMAIN.md §1 and the canonical key.

Party ``N-TYPE/ISSUER`` ("18-NQ/TW"); State ``N/[YYYY/]TYPE-ISSUER`` ("15/2020/NĐ-CP", "1234/QĐ-TTg")
and ``N/YYYY/QHk`` ("45/2019/QH14"). News text adds spaces ("1096/NQ- UBTVQH13"), other dashes,
"Ư" typed for "U" ("QĐ-ƯBND") and Party numbers with State separators ("68/NQ-TW"); ``parse``
accepts all of them and returns the canonical parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicon import read_tsv
from . import public_bodies

_CODE = r"[A-ZĐƯ][A-Za-zĐđƯư&]*[0-9]*"
_SEP = r" ?[-/] ?"
# After the number a slash may be typed twice ("05//2005/NĐ-CP").
_NUMBER_SEP = r" ?(?:-|//?) ?"


@cache
def _issuer_codes() -> str:
    """Issuer codes that make a symbol alone: old-style "73-CP", "619/TTg", and "15/2014/BCA"."""
    codes = sorted((row["code"] for row in read_tsv("document_codes.tsv") if row["role"] == "issuer"), key=len)
    return "|".join(re.escape(code) for code in reversed(codes))


# Loose shape of a numbered code; ``parse`` decides what it is.
CODE_PATTERN = (
    rf"\d{{1,5}}(?:\.\d{{1,3}})?[a-z]?{_NUMBER_SEP}(?:(?:19|20)\d{{2}} ?/ ?)?"
    rf"(?:{_CODE}(?:{_SEP}{_CODE})+|(?:UBTV)?QH\d{{1,2}}|(?:{_issuer_codes()}))(?!\w)"
)

_PARTS = re.compile(
    r"(?P<number>\d{1,5}(?:\.\d{1,3})?[a-z]?)\s?(?P<sep>[-/])/?\s?(?:(?P<year>(?:19|20)\d{2})\s?/\s?)?(?P<symbol>.+)"
)


@dataclass(frozen=True)
class DocumentNumber:
    """Canonical parts of a document number."""

    number: str
    year: str | None
    symbol: str
    family: str  # "party" or "state"
    type_code: str | None
    issuer_code: str | None
    old_style: bool = False  # "73-CP": a State number before 2000 written with a dash

    @property
    def key(self) -> str:
        """GUIDELINES §3: Party ``18-NQ/TW``; State ``15/2020/NĐ-CP`` or ``1234/QĐ-TTg``, an old one
        as it is written (``73-CP``)."""
        if self.family == "party" or self.old_style:
            return f"{self.number}-{self.symbol}"
        middle = f"{self.year}/" if self.year else ""
        return f"{self.number}/{middle}{self.symbol}"


@cache
def _codes() -> dict[str, dict[str, str]]:
    return {row["code"]: row for row in read_tsv("document_codes.tsv")}


def _code_role(code: str, role: str) -> dict[str, str] | None:
    row = _codes().get(code) or _codes().get(code.upper())
    if row is None and role == "issuer":
        row = _codes().get(code.rstrip("0123456789"))  # QH14, UBTVQH13
    return row if row is not None and row["role"] == role else None


def _clean(part: str) -> str:
    """"ƯBND" -> "UBND" ("Ư" is a typing slip outside "TƯ"), "TƯ" -> "TW", spaces dropped."""
    part = part.replace(" ", "")
    return "TW" if part in ("TƯ", "T.Ư") else part.replace("Ư", "U").replace("ư", "u")


def parse(raw: str) -> DocumentNumber | None:
    """Parse a matched code ("18 - NQ/TW", "68/NQ-TW", "45/2019/QH14"); None if it is no document number."""
    match = _PARTS.fullmatch(raw.strip())
    if match is None:
        return None
    groups = [_clean(g) for g in re.split(r"\s?[-/]\s?", match["symbol"]) if g.strip()]
    if not groups or not all(re.fullmatch(_CODE, g) for g in groups):
        return None
    type_code = groups[0] if _code_role(groups[0], "type") else None
    # The issuing body follows the type code; without a known type ("470-QĐNS/TW") it is the group
    # after the slash; a công văn number opens with it ("BGDĐT-GDPT").
    if len(groups) > 1 and (type_code is not None or match["sep"] == "-"):
        issuer: str | None = groups[1]
    else:
        issuer = None if type_code else groups[0]
    issuer_row = _code_role(issuer, "issuer") if issuer else None
    issuer_family = issuer_row["family"] if issuer_row else None
    # Dash before the type means Party ("18-NQ/TW"), unless the issuer is a State body
    # ("824-QĐ/TTg" is 824/QĐ-TTg); a Party issuer wins over a State separator ("68/NQ-TW").
    party = match["year"] is None and len(groups) > 1 and (
        (match["sep"] == "-" and issuer_family != "state") or (type_code is not None and issuer_family == "party")
    )
    if party:
        rest = "-".join(groups[1:])
        return DocumentNumber(match["number"], None, f"{groups[0]}/{rest}", "party", type_code, issuer)
    if match["sep"] == "-" and match["year"] is None and issuer_family != "state":
        return None  # "2 - Hà", "5-7": a dash without a Party or State symbol is not a number
    old_style = match["sep"] == "-" and match["year"] is None and len(groups) == 1
    return DocumentNumber(match["number"], match["year"], "-".join(groups), "state", type_code, issuer, old_style)


def type_of(number: DocumentNumber) -> str | None:
    """The doc_type a symbol implies when no type word precedes it ("NĐ-CP" -> "Nghị định")."""
    if number.type_code is None:
        return None
    row = _code_role(number.type_code, "type")
    if row is None:
        return None
    if number.family == "party" and number.type_code == "TT":
        return "Thông tri"
    return row["meaning"]


def issuer_name(code: str | None) -> str | None:
    """Full name of an issuing body from its code ("TTg" -> "Thủ tướng Chính phủ"): the public-body
    gazetteer's name, or the generic meaning of a local code ("TU" -> "Tỉnh ủy/Thành ủy")."""
    if code is None:
        return None
    if (body := public_bodies.body_by_code(code)) is not None:
        return body.name
    row = _code_role(code, "issuer")
    return None if row is None else row["meaning"]
