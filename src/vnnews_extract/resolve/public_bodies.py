"""The gazetteer of Vietnamese public bodies (data/public_bodies.tsv): official names, the aliases
and abbreviations news uses for them, document-symbol issuer codes, and what succeeded a body that
was merged or renamed (the 2025 reorganisation of ministries, Party boards and National Assembly
committees). Read by the body grammar (resolve/bodies.py) and by document numbers (issuer codes).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from ..lexicon import SHIPPED, Lexicons

FILE = "public_bodies.tsv"
_PUNCTUATION = regex.compile(r"[,\-–]")


@dataclass(frozen=True)
class PublicBody:
    """A row of data/public_bodies.tsv: a Vietnamese public body, its symbol code and what succeeded it."""

    name: str
    kind: str
    code: str
    successor: str
    until: str


def public_bodies(lexicons: Lexicons = SHIPPED) -> dict[str, PublicBody]:
    """Known bodies by the matching key (lower case, single spaces, no commas) of their name and
    of every alias ("BGD&ĐT", "Bộ GD&ĐT" and "Bộ Giáo dục và Đào tạo" find the same row)."""
    return lexicons.derived(FILE, lambda: _by_key(lexicons.rows(FILE)))  # type: ignore[no-any-return]


def _by_key(rows: tuple[dict[str, str], ...]) -> dict[str, PublicBody]:
    found: dict[str, PublicBody] = {}
    for row in rows:
        body = PublicBody(row["name"], row["kind"], row["code"], row["successor"], row["until"])
        for surface in surfaces(row):
            found[body_key(surface)] = body
    return found


@cache
def body_by_code(code: str) -> PublicBody | None:
    """The body a document symbol's issuer code names ("BTC" -> Bộ Tài chính)."""
    return next((b for b in public_bodies().values() if b.code == code), None)


def body_key(name: str) -> str:
    """Matching key of a body's name: case, commas, dashes and spacing do not matter
    ("Ủy ban Tài chính, Ngân sách" = "Ủy ban tài chính - ngân sách")."""
    return " ".join(_PUNCTUATION.sub(" ", name).lower().split())


def lookup(name: str, lexicons: Lexicons = SHIPPED) -> PublicBody | None:
    return public_bodies(lexicons).get(body_key(name))




def surfaces(row: dict[str, str]) -> list[str]:
    """A row's name and its aliases."""
    return [row["name"], *filter(None, row["aliases"].split("|"))]
