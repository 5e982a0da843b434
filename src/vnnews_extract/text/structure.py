"""Article structure: headline, lead, body, byline and the page furniture around them.

Crawled article text still carries the site around it: UI strings ("Lưu bài viết thành công …"),
"[img]" placeholders, photo credits, teasers of other articles, "About …" boxes and source lines.
Facts may only come from the headline, lead and body (../shared/gold/GUIDELINES.md), so this module
says where those are (``content``), what is furniture, and reads the byline into ``authors``.

The rules, in the order they run (lexicons in ``data/boilerplate.tsv`` and ``data/byline.tsv``):

1. Inline furniture is matched anywhere: UI strings, placeholders, captions such as "Ảnh minh họa",
   credits ("Ảnh: Nguyễn Dân/TTXVN" — the credited name is read word by word, see ``_credit_end``),
   "(Xem thêm)" markers, "Bài viết được đăng từ nguồn: …" lines, and teasers of other articles: the
   sentence before a "Nguồn: [Link nguồn]" line, everything after "Check Also", a ">> …" line.
2. The body ends where the run of furniture at the end of the text begins.
3. The byline is the short segment after the article's last sentence (or on its last line) that
   parses as ``[prefix:] NAME [- NAME …] [markers]``; markers are outlet and agency suffixes such as
   "/KD&PL", "(TTXVN)" or "( T/h )", and after a "( T/h )" the rest of the line is another article's
   teaser. Desk signatures ("PV.", "Dân trí") parse but name no author; a segment that opens with
   "Theo"/"Nguồn" is a source line, and the byline too when names stand before an outlet marker
   ("Theo Trung Sơn (VNE)", "(Theo Lê Thúy/NLĐO)"). A single name after a colon that closes the
   text ("… dưới đây: Quang Đông") is a byline whose video or photos were dropped. A signature the
   crawler stored twice is furniture twice. When the text holds the article twice (a crawler
   artefact), the end of the first copy is read the same way.
4. A first line that is short and has no sentence-final punctuation is the headline; the lead is the
   next paragraph, or the first sentence when the article is a single line.

Everything is linear in the length of the text: every backward look is bounded by a window.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import islice
from typing import Literal, TypeVar

import regex

from ..lexicon import LexiconError, read_tsv
from ..regex_cache import compile_pattern

Span = tuple[int, int]
_T = TypeVar("_T")

# Longest stretch read when looking back from a boundary: a teaser sentence, a byline, a title.
_TEASER_WINDOW = 600
_TAIL_WINDOW = 300
_SIGNATURE_MAX = 160
_TITLE_MAX_CHARS = 120
_TITLE_MAX_WORDS = 25
_HEADING_LINE_MAX = 300
_CREDIT_WINDOW = 120
_CREDIT_MAX_WORDS = 4
_NAME_MAX_WORDS = 5
_COPY_PROBE = 80
# No article has thousands of credits or teasers; past this many matches of one pattern the input is
# junk, and capping keeps a 10 MB adversarial string to a few seconds.
_MAX_MATCHES = 5000


@dataclass(frozen=True)
class Structure:
    """Where the article is inside ``text``; every span is a half-open ``str`` index pair.

    ``body`` runs from the headline (or the first character that is not furniture) to where the
    trailing page furniture begins ("About …", source lines, teasers); a byline standing at the end
    of the article lies inside it, as in the reference article. ``content`` is ``body`` minus every
    furniture span (the byline included): the only text facts may come from. ``furniture`` lists all
    spans recognised as page furniture, merged and sorted.
    """

    title: Span | None
    lead: Span | None
    body: Span
    byline: Span | None
    authors: list[str] = field(default_factory=list)
    source: str | None = None
    content: list[Span] = field(default_factory=list)
    furniture: list[Span] = field(default_factory=list)


# --------------------------------------------------------------------------------------------------
# Lexicons

_FURNITURE_KINDS = (
    "ui",
    "placeholder",
    "see_more",
    "caption",
    "separator",
    "credit",
    "credit_paren",
    "credit_word",
    "link_teaser",
    "heading_rest",
    "heading_line",
    "about",
    "source_line",
    "outlet_tag",
)
_BYLINE_KINDS = (
    "prefix",
    "source_prefix",
    "role",
    "trailer_prefix",
    "marker",
    "closing_marker",
    "non_author",
    "not_name",
    "org_word",
    "abbreviation",
)


@dataclass(frozen=True)
class _FurnitureLexicon:
    whole: tuple[regex.Pattern[str], ...]
    credit: regex.Pattern[str]
    credit_word: regex.Pattern[str]
    link_teaser: regex.Pattern[str]
    heading_rest: regex.Pattern[str]
    heading_line: regex.Pattern[str]
    source_line: regex.Pattern[str]


@dataclass(frozen=True)
class _BylineGrammar:
    prefix: regex.Pattern[str]
    source_prefix: regex.Pattern[str]
    role: regex.Pattern[str]
    trailer_prefix: regex.Pattern[str]
    marker: regex.Pattern[str]
    closing_marker: regex.Pattern[str]
    non_author: regex.Pattern[str]
    not_name: regex.Pattern[str]
    org_word: regex.Pattern[str]
    abbreviation: regex.Pattern[str]


def _read_lexicon(name: str, kinds: tuple[str, ...]) -> dict[str, list[str]]:
    """Patterns of a ``data/`` TSV grouped by kind (read_tsv rejects duplicate rows); unknown kinds are errors."""
    rows: dict[str, list[str]] = {kind: [] for kind in kinds}
    for row in read_tsv(name):
        if row["kind"] not in rows or not row["pattern"]:
            raise LexiconError(f"data/{name}: bad row {row!r}")
        rows[row["kind"]].append(_spaces(row["pattern"]))
    return rows


def _spaces(pattern: str) -> str:
    # Data files write patterns as the words appear; news text has any run of (normalised) spaces.
    return pattern.replace(" ?", r"\s*").replace(" ", r"\s+")


def _union(patterns: list[str], flags: int = 0) -> regex.Pattern[str]:
    if not patterns:
        return compile_pattern(r"(?!)")
    return compile_pattern("|".join(f"(?:{p})" for p in patterns), flags | regex.MULTILINE)


@cache
def _furniture_lexicon() -> _FurnitureLexicon:
    rows = _read_lexicon("boilerplate.tsv", _FURNITURE_KINDS)
    whole_kinds = (
        "ui",
        "placeholder",
        "see_more",
        "caption",
        "separator",
        "credit_paren",
        "about",
        "outlet_tag",
    )
    return _FurnitureLexicon(
        # Separate patterns, not one alternation: each keeps the engine's literal-prefix scan.
        whole=tuple(compile_pattern(p, regex.MULTILINE) for kind in whole_kinds for p in rows[kind]),
        credit=_union(rows["credit"]),
        credit_word=_union(rows["credit_word"]),
        link_teaser=_union(rows["link_teaser"]),
        heading_rest=_union(rows["heading_rest"]),
        heading_line=_union(rows["heading_line"]),
        source_line=_union(rows["source_line"]),
    )


@cache
def _byline_grammar() -> _BylineGrammar:
    rows = _read_lexicon("byline.tsv", _BYLINE_KINDS)
    return _BylineGrammar(
        prefix=_union([rf"(?:{p})\s*:\s*" for p in rows["prefix"]]),
        source_prefix=_union(rows["source_prefix"]),
        role=_union([rf"(?:{p})[^\S\n]+(?=\p{{Lu}})" for p in rows["role"]]),
        trailer_prefix=_union(rows["trailer_prefix"]),
        marker=_union(rows["marker"]),
        closing_marker=_union(rows["closing_marker"]),
        non_author=_union([rf"(?:{p})(?![\p{{L}}\p{{N}}])" for p in rows["non_author"]], regex.IGNORECASE),
        not_name=_union(rows["not_name"]),
        org_word=_union(rows["org_word"], regex.IGNORECASE),
        abbreviation=_union(rows["abbreviation"]),
    )


# --------------------------------------------------------------------------------------------------
# Small text helpers

_FIRST_INK = regex.compile(r"\S")
_LAST_INK = regex.compile(r"\S", flags=regex.REVERSE)
# A sentence ends at . ! ? … (or "./.", the wire-copy end mark) with closing quotes or brackets,
# before white space and something that can open a sentence.
# The run of marks is matched once from its first mark (lookbehind, atomic group): a 10 MB run of
# dots must not be rescanned from every position.
_BOUNDARY = regex.compile(r"(?<![.!?…])(?>[.!?…/]*[.!?…])[\"”’'»)\]]*+\s+(?=[\p{Lu}\p{N}\"“‘'«(\[*•>-])")
_WORD_BEFORE = regex.compile(r"([\p{L}\p{N}]+)[.!?…]*$")
_NAME_WORD = regex.compile(
    r"""(?:\p{Lu}\p{Ll}?(?:[.,]\p{Lu}[\p{L}]*)+\.?  # initials: T.L, H.Thủy, Kh.V, T.E.A, Đ,Bắc
         |\p{Lu}\p{Ll}?\.(?=[^\S\n]*\p{Lu})          # an initial before the name: Ph. Thúy
         |\p{Lu}(?:'\p{Lu})?\p{Ll}+(?:\p{Lu}\p{Ll}+)?  # a syllable: Tuân, H'Hen, QuỳnhTrang
         |\p{Lu}{2,}                              # a syllable in capitals: HẢI
         |\p{Lu}                                 # a lone initial
        )(?![\p{L}\p{N}])""",
    regex.VERBOSE,
)
_DOTTED_INITIAL = regex.compile(r"\p{Lu}\p{Ll}?\.")
_NAME_GAP = regex.compile(r"[^\S\n]+")
_NAME_SEPARATOR = regex.compile(r"[^\S\n]*(?:[-–,&]|\svà\s)[^\S\n]*")
_CREDIT_WORD = regex.compile(r"[^\s]+")
_LINE = regex.compile(r"[^\n]+")
_SINGLE_WORD = regex.compile(r"\p{L}+")
_COMMA_OUTSIDE_BRACKETS = regex.compile(r",(?![^()]*\))")


def _first_ink(text: str, start: int, end: int) -> int:
    """Index of the first non-space character of ``text[start:end]``, or ``end``."""
    match = _FIRST_INK.search(text, start, end)
    return match.start() if match else end


def _last_ink(text: str, start: int, end: int) -> int:
    """Index just after the last non-space character of ``text[start:end]``, or ``start``."""
    match = _LAST_INK.search(text, start, end)
    return match.end() if match else start


def _line_start(text: str, pos: int, floor: int) -> int | None:
    """Start of the line holding ``pos`` when it begins at or after ``floor`` (None when further back)."""
    newline = text.rfind("\n", floor, pos)
    if newline >= 0:
        return newline + 1
    return 0 if floor == 0 else None


def _boundaries(text: str, start: int, end: int) -> list[int]:
    """Sentence starts inside ``text[start:end]``: positions just after a sentence-final mark."""
    abbreviation = _byline_grammar().abbreviation
    found = []
    for match in _BOUNDARY.finditer(text, start, end):
        word = _WORD_BEFORE.search(text, max(0, match.start() - 12), match.start() + 1)
        before = word.group(1) if word else ""
        terminator = text[match.start()]
        # "TP. Hồ Chí Minh", "GS. Đặng Hùng Võ", "ông Nguyễn Văn A. cho biết": not a sentence end.
        if terminator == "." and (abbreviation.fullmatch(before) or (len(before) == 1 and before.isupper())):
            continue
        found.append(match.end())
    return found


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _at_segment_start(text: str, pos: int) -> bool:
    """True when ``pos`` opens a line or follows a sentence-final mark (ignoring spaces)."""
    floor = max(0, pos - 40)
    before = _last_ink(text, floor, pos)
    if before == floor or "\n" in text[before:pos]:
        return True
    return text[before - 1] in '.!?…”")'


# --------------------------------------------------------------------------------------------------
# 1. Inline furniture


def _inline_furniture(text: str) -> tuple[list[Span], str | None]:
    """Furniture spans found by pattern anywhere in the text, and the source outlet when named."""
    lexicon = _furniture_lexicon()
    spans = [m.span() for pattern in lexicon.whole for m in _capped(pattern.finditer(text))]
    spans += [(m.start(), _credit_end(text, m.end())) for m in _capped(lexicon.credit.finditer(text))]
    spans += list(_capped(_link_teasers(text)))
    spans += list(_capped(_headings(text)))
    source = None
    for match in _capped(lexicon.source_line.finditer(text)):
        spans.append(match.span())
        if source is None and match.group("source").strip():
            source = match.group("source").strip()
    return spans, source


def _capped(matches: Iterable[_T]) -> Iterator[_T]:
    return islice(matches, _MAX_MATCHES)


def _credit_end(text: str, start: int) -> int:
    """End of the photographer or agency credited after a lead such as "Ảnh:".

    A credit is up to four capitalised words on one line ("Nguyễn Dân/TTXVN", "TẤN THẠNH", "N.H"),
    not mixing capitals and title case. Text runs straight on into the next sentence ("Ảnh: Reuters
    Trong một tuyên bố …"), so a capitalised word followed by a lower-case word starts that sentence.
    """
    lexicon = _furniture_lexicon()
    end = min(len(text), start + _CREDIT_WINDOW)
    position = _first_ink(text, start, end)
    own_words = lexicon.credit_word.match(text, position, end)
    if own_words:
        return int(own_words.end())
    words = []
    for match in _CREDIT_WORD.finditer(text, position, end):
        if "\n" in text[position : match.start()]:
            break
        words.append(match)
        position = match.end()
        if len(words) > _CREDIT_MAX_WORDS + 1:
            break
    taken = _credit_length([w.group() for w in words])
    if taken == 0:
        return start
    credit_end = words[taken - 1].end()
    while credit_end > start and text[credit_end - 1] in ".,;:":
        credit_end -= 1
    suffix = lexicon.credit_word.match(text, _first_ink(text, credit_end, end), end)
    return int(suffix.end()) if suffix and "\n" not in text[credit_end : suffix.start()] else credit_end


def _credit_length(words: list[str]) -> int:
    """How many of ``words`` (those after a credit lead) name the photographer or agency."""
    taken, shape = 0, ""
    for index, word in enumerate(words[:_CREDIT_MAX_WORDS]):
        core = word.split("/")[0].strip(".,;:")
        kind = _word_shape(core)
        if not kind or (shape and kind != "initials" and kind != shape):
            break
        shape = shape or (kind if kind != "initials" else "")
        taken = index + 1
        if "/" in word or word[-1] in ".,;:)":
            return taken
    if taken > 1 and taken < len(words) and _opens_no_name(words[taken]):
        taken -= 1
    return taken


def _word_shape(word: str) -> str:
    """'caps', 'title' or 'initials' for a word that can be part of a name; '' otherwise."""
    match = _NAME_WORD.fullmatch(word) or _DOTTED_INITIAL.fullmatch(word)
    if (
        not match
        or _byline_grammar().not_name.fullmatch(word)
        or _byline_grammar().abbreviation.fullmatch(word)
    ):
        return ""
    if any(c in ".," for c in word) or len(word) == 1:
        return "initials"
    return "caps" if word.isupper() else "title"


def _opens_no_name(word: str) -> bool:
    # "Trong một …", "Năm 2025, …": the capitalised word before it opened a sentence.
    letters = word.lstrip("\"“‘'«(")
    return bool(letters) and (letters[0].islower() or letters[0].isdigit())


def _link_teasers(text: str) -> Iterator[Span]:
    """A "Nguồn: [Link nguồn]" line and the teaser sentence of another article that it closes."""
    floor = 0
    for match in _furniture_lexicon().link_teaser.finditer(text):
        end = _last_ink(text, floor, match.start())
        while end > floor and text[end - 1] in ".…":
            end -= 1
        window = max(floor, end - _TEASER_WINDOW)
        starts = _boundaries(text, window, end)
        line = _line_start(text, end, window)
        start = starts[-1] if starts else (line if line is not None else match.start())
        yield (min(start, match.start()), match.end())
        floor = match.end()


def _headings(text: str) -> Iterator[Span]:
    """Related-article headings and the teasers listed under them."""
    lexicon = _furniture_lexicon()
    for match in _capped(lexicon.heading_rest.finditer(text)):
        if _at_segment_start(text, match.start()):
            yield (match.start(), len(text))
            break
    for match in _capped(lexicon.heading_line.finditer(text)):
        # A word heading ("Xem thêm:") must open a segment; ">>" marks a link wherever it stands.
        if match.group()[0].isalpha() and not _at_segment_start(text, match.start()):
            continue
        line_end = text.find("\n", match.end(), match.start() + _HEADING_LINE_MAX + 1)
        if line_end < 0 and len(text) - match.start() <= _HEADING_LINE_MAX:
            line_end = len(text)
        yield (match.start(), line_end if line_end >= 0 else match.end())


# --------------------------------------------------------------------------------------------------
# 2. Where the body ends


def _trailing_start(text: str, furniture: list[Span]) -> int:
    """Start of the run of furniture (and white space) that ends the text; ``len(text)`` if none."""
    merged = _merge(furniture)
    position, index = len(text), len(merged) - 1
    while index >= 0:
        ink = _last_ink(text, 0, position)
        while index >= 0 and merged[index][0] >= ink:
            index -= 1
        if index < 0 or merged[index][1] < ink:
            break
        position = merged[index][0]
        index -= 1
    return position


# --------------------------------------------------------------------------------------------------
# 3. Byline and source line


@dataclass(frozen=True)
class _Signature:
    """A parsed segment at the end of the article.

    ``kind`` is "byline" (names, or a desk signature such as "PV."), "source" ("Theo TTXVN") or
    "trailer" (a video or link teaser); ``teaser`` is another article's teaser after a byline;
    ``repeat`` is a second copy of the segment stored by the crawler ("Hải Minh Hải Minh").
    """

    kind: Literal["byline", "source", "trailer"]
    span: Span
    authors: tuple[str, ...] = ()
    source: str | None = None
    teaser: Span | None = None
    repeat: Span | None = None

    def furniture(self) -> list[Span]:
        return [s for s in (self.span, self.teaser, self.repeat) if s is not None]


def _read_tail(text: str, end: int, furniture: list[Span]) -> _Signature | None:
    """The signature that closes ``text[:end]``, if the last segment before ``end`` is one."""
    tail_end = _last_ink(text, max(0, end - _TAIL_WINDOW), end)
    if tail_end == max(0, end - _TAIL_WINDOW):
        return None
    floor = max(0, tail_end - _TAIL_WINDOW)
    line = _line_start(text, tail_end, floor)
    window = line if line is not None else floor
    starts = set(_boundaries(text, window, tail_end))
    starts.update(b for a, b in furniture if window < b < tail_end)
    if line is not None:
        starts.add(line)
    for start in sorted(starts, reverse=True)[:4]:
        start = _first_ink(text, start, tail_end)
        if tail_end - start > _SIGNATURE_MAX or any(a < start < b for a, b in furniture):
            continue
        signature = _parse_signature(text, start, tail_end)
        if signature:
            return signature
    return _after_colon(text, max(starts, default=window), tail_end, furniture)


def _after_colon(text: str, segment: int, end: int, furniture: list[Span]) -> _Signature | None:
    """A byline after the colon that closes the article's last sentence ("… qua VIDEO chi tiết dưới
    đây: Quang Đông"): the video, photos or table the colon introduced were dropped by the crawler.
    One name only: after "gồm:" a list ("Lào Cai, Hà Giang và Cao Bằng") ends the sentence itself."""
    colon = text.rfind(":", max(segment, end - _SIGNATURE_MAX), end)
    if colon < 0 or not text[colon + 1 : colon + 2].isspace():
        return None
    start = _first_ink(text, colon + 1, end)
    if any(a < start < b for a, b in furniture):
        return None
    signature = _parse_signature(text, start, end)
    if signature is None or signature.kind != "byline" or len(signature.authors) != 1:
        return None
    return signature


def _parse_signature(text: str, start: int, end: int) -> _Signature | None:
    single = _undouble(text, start, end)
    signature = _parse_segment(text, start, single)
    if signature is not None and single < end:
        signature = replace(signature, repeat=(_first_ink(text, single, end), end))
    return signature


def _parse_segment(text: str, start: int, end: int) -> _Signature | None:
    grammar = _byline_grammar()
    if grammar.trailer_prefix.match(text, start, end):
        return _Signature("trailer", (start, end))
    source = grammar.source_prefix.match(text, start, end)
    # "(Theo Cổng thông tin …) Bá Chiêm": a bracketed source followed by the byline.
    if source and not (
        text[start] == "(" and _first_ink(text, _closing_bracket(text, start, end), end) < end
    ):
        return _source_signature(text, start, source.end(), end)
    position = start
    prefix = grammar.prefix.match(text, position, end)
    position = prefix.end() if prefix else position
    role = grammar.role.match(text, position, end)
    # "PV Đình Thiệu" is a role and a name; "Phóng viên TTXVN tại các địa phương" is a desk signature.
    return (role and _parse_byline(text, start, role.end(), end)) or _parse_byline(text, start, position, end)


def _parse_byline(text: str, start: int, position: int, end: int) -> _Signature | None:
    """``[markers] NAME [- NAME …] [markers] [teaser]`` from ``position`` (after any label)."""
    # "(Tổng hợp) Duy Ngọc": a bracketed marker may come first.
    position, _, marked = _markers(text, position, end, leading=True)
    names, position = _names(text, _first_ink(text, position, end), end)
    if names is None:
        return None
    position, closing, marked_after = _markers(text, position, end)
    rest = _first_ink(text, position, end)
    if not names and not (marked or marked_after):
        return None
    teaser = None
    if rest < end:
        if not (closing and names):
            return None
        teaser = (rest, end)
    authors = [_author(text[a:b]) for a, b, is_author in names if is_author]
    return _Signature(
        "byline",
        (start, _last_ink(text, start, position)),
        authors=tuple(dict.fromkeys(a for a in authors if a)),
        teaser=teaser,
    )


def _undouble(text: str, start: int, end: int) -> int:
    """End of the first half when the crawler stored a segment twice ("Hải Minh Hải Minh")."""
    words = list(_CREDIT_WORD.finditer(text, start, end))
    half = len(words) // 2
    if (
        half > 1
        and len(words) % 2 == 0
        and [w.group() for w in words[:half]] == [w.group() for w in words[half:]]
    ):
        return int(words[half - 1].end())
    return end


def _closing_bracket(text: str, start: int, end: int) -> int:
    """Index after the ")" closing the "(" at ``start``, or ``end``."""
    close = text.find(")", start, end)
    return close + 1 if close >= 0 else end


def _source_signature(text: str, start: int, rest: int, end: int) -> _Signature | None:
    """ "Theo TTXVN", "(Theo Dân trí)", "Nguồn Bộ Tài chính": the outlet the article comes from.

    A source line that names the writer before the outlet ("Theo Trung Sơn (VNE)",
    "(Theo Lê Thúy/NLĐO)") is the article's byline as well.
    """
    outlet = text[rest:end].strip(" \t:")
    outlet_end = end
    if outlet.endswith(")") and outlet.count(")") > outlet.count("("):
        outlet = outlet[:-1].rstrip()
        outlet_end = _last_ink(text, rest, text.rindex(")", rest, end))
    words = outlet.split()
    # "Theo ông Nguyễn Văn A, dự án …" opens a sentence, not a source line.
    if not words or len(words) > 10 or not (words[0][0].isupper() or "." in words[0]):
        return None
    if _COMMA_OUTSIDE_BRACKETS.search(outlet):
        return None
    writer = _source_writer(text, _first_ink(text, rest, outlet_end), outlet_end)
    if writer:
        return _Signature("byline", (start, end), authors=writer, source=outlet)
    return _Signature("source", (start, end), source=outlet)


def _source_writer(text: str, start: int, end: int) -> tuple[str, ...]:
    """Writers named before the outlet of a source line: ``NAME [- NAME …]`` then an outlet marker
    ("/Dân trí", "(VNE)", "(Tổng hợp)"). Without the marker the words are the outlet itself
    ("Theo Dân trí", "Theo Bộ Tài chính"), so nobody is named. A single plain word before the
    outlet is an agency, not a pen name ("Theo Reuters/AFP", "Theo Xinhua (Trung Quốc)")."""
    names, position = _names(text, start, end)
    if not names or (len(names) == 1 and _SINGLE_WORD.fullmatch(text, names[0][0], names[0][1])):
        return ()
    position, _, marked = _markers(text, position, end)
    if not marked or _first_ink(text, position, end) < end:
        return ()
    authors = (_author(text[a:b]) for a, b, is_author in names if is_author)
    return tuple(dict.fromkeys(a for a in authors if a))


def _names(text: str, start: int, end: int) -> tuple[list[tuple[int, int, bool]] | None, int]:
    """Names joined by "-", ",", "và" from ``start``: (start, end, is_author) each, and where they stop.

    ``None`` when a word shows the signature belongs to an organisation ("UBND tỉnh").
    """
    names: list[tuple[int, int, bool]] = []
    position = start
    while True:
        name = _name(text, position, end)
        if name is None:
            return None, position
        if name[0] == name[1]:
            return names, position
        names.append(name)
        position = name[1]
        separator = _NAME_SEPARATOR.match(text, position, end)
        if not separator:
            return names, position
        following = _name(text, separator.end(), end)
        if following is None or following[0] == following[1]:
            return names, position
        position = separator.end()


def _name(text: str, start: int, end: int) -> tuple[int, int, bool] | None:
    """One name at ``start`` as (start, end, is_author): an empty span when there is none, ``None``
    when a word shows the signature is an organisation's."""
    grammar = _byline_grammar()
    desk = grammar.non_author.match(text, start, end)
    if desk:
        return (start, desk.end(), False)
    position, name_end, shape, words = start, start, "", 0
    while words < _NAME_MAX_WORDS:
        match = _NAME_WORD.match(text, position, end)
        if not match:
            break
        if grammar.org_word.fullmatch(match.group()):
            return None
        kind = _word_shape(match.group())
        if not kind or (shape and kind != "initials" and kind != shape):
            break
        shape = shape or (kind if kind != "initials" else "")
        name_end, words = match.end(), words + 1
        gap = _NAME_GAP.match(text, name_end, end)
        if not gap:
            break
        position = gap.end()
    name = text[start:name_end]
    # A lone capitals word is an agency or outlet ("TTXVN", "NDH"); a lone letter is no name.
    lone = words == 1 and not any(c in ".," for c in name) and (name.isupper() or len(name) == 1)
    return (start, name_end, words > 0 and not lone)


def _markers(text: str, start: int, end: int, leading: bool = False) -> tuple[int, bool, bool]:
    """Skip outlet and agency markers: (where they stop, whether the last one closes the byline,
    whether there was any). ``leading`` accepts only bracketed markers (before the names)."""
    grammar = _byline_grammar()
    position, closing, marked = start, False, False
    while True:
        at = _first_ink(text, position, end)
        if leading and not text.startswith("(", at):
            return position, closing, marked
        match = grammar.marker.match(text, at, end)
        if not match or match.end() == at:
            return position, closing, marked
        closing = bool(grammar.closing_marker.fullmatch(match.group()))
        position, marked = match.end(), True


def _author(name: str) -> str:
    """A byline name as written, with capitals folded ("HẢI CHÂU" -> "Hải Châu")."""
    words = name.split()
    joined = " ".join(words)
    return joined.title() if joined.isupper() and any(len(w) > 1 for w in words) else joined


def _copy_boundary(text: str, start: int) -> int | None:
    """Where a second copy of the article begins, when the crawler stored it twice."""
    probe = text[start : start + _COPY_PROBE]
    if len(probe) < _COPY_PROBE:
        return None
    copy = text.find(probe, start + 2 * _COPY_PROBE)
    if copy < 0:
        return None
    length = int(0.8 * (len(text) - copy))
    return copy if text[start : start + length] == text[copy : copy + length] else None


# --------------------------------------------------------------------------------------------------
# 4. Title and lead


def _title(text: str, start: int, body_end: int) -> Span | None:
    """The headline: a short first line with no sentence-final punctuation, followed by more text."""
    line_end = text.find("\n", start, min(body_end, start + 4 * _TITLE_MAX_CHARS))
    if line_end < 0 or _first_ink(text, line_end, body_end) >= body_end:
        return None
    end = _last_ink(text, start, line_end)
    line = text[start:end]
    if not line or len(line) > _TITLE_MAX_CHARS or len(line.split()) > _TITLE_MAX_WORDS:
        return None
    if line[-1] in ".:;,…" or _boundaries(line, 0, len(line)):
        return None
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "\"“‘'«("):
        return None
    return (start, end)


def _lead(text: str, start: int, body_end: int, furniture: list[Span]) -> Span | None:
    """The first paragraph from ``start`` that is not furniture; its first sentence in one-line text."""
    one_line = text.find("\n", start, body_end) < 0
    for count, match in enumerate(_LINE.finditer(text, start, body_end)):
        if count > 50:
            return None
        a = _skip_furniture(text, match.start(), match.end(), furniture)
        b = _last_ink(text, a, match.end())
        if a >= b:
            continue
        if not one_line:
            return (a, b)
        sentence_ends = _boundaries(text, a, min(b, a + 2000))
        return (a, _last_ink(text, a, sentence_ends[0])) if sentence_ends else None
    return None


def _skip_furniture(text: str, start: int, end: int, furniture: list[Span]) -> int:
    """First index of ``text[start:end]`` that is neither white space nor inside a furniture span
    (``furniture`` merged and sorted)."""
    position = _first_ink(text, start, end)
    index = bisect_right(furniture, (position, len(text) + 1)) - 1
    index = max(index, 0)
    while index < len(furniture) and position < end:
        a, b = furniture[index]
        if b <= position:
            index += 1
            continue
        if a > position:
            break
        position = _first_ink(text, b, end)
        index += 1
    return min(position, end)


# --------------------------------------------------------------------------------------------------
# Putting it together


def _subtract(span: Span, holes: list[Span], text: str) -> list[Span]:
    """``span`` minus the merged ``holes``, each piece trimmed of white space."""
    pieces: list[Span] = []
    position, end = span
    for a, b in holes:
        if b <= position or a >= end:
            continue
        pieces.append((position, min(a, end)))
        position = max(position, b)
    pieces.append((position, end))
    trimmed = [(_first_ink(text, a, b), _last_ink(text, a, b)) for a, b in pieces if a < b]
    return [(a, b) for a, b in trimmed if a < b]


def _signatures(text: str, furniture: list[Span], body_end: int) -> tuple[list[_Signature], int]:
    """Segments closing the article (source lines and teasers first, then the byline) and the final
    body end."""
    found: list[_Signature] = []
    for _ in range(3):
        signature = _read_tail(text, body_end, furniture)
        if signature is None:
            break
        found.append(signature)
        furniture += signature.furniture()
        if signature.teaser:
            body_end = min(body_end, signature.teaser[0])
        if signature.kind == "byline":
            break
        # A source line or teaser trails the article like the boxes after it; look again before it.
        body_end = min(body_end, signature.span[0])
    return found, body_end


def analyse_structure(text: str) -> Structure:
    """Title, lead, body, byline, source and page furniture of one article (see the module notes)."""
    if not isinstance(text, str):
        raise TypeError(f"analyse_structure needs a str, got {type(text).__name__}")
    furniture, source = _inline_furniture(text)
    body_end = _trailing_start(text, furniture)
    signatures, body_end = _signatures(text, furniture, body_end)
    body_start = _skip_furniture(text, 0, body_end, _merge(furniture))
    copy = _copy_boundary(text, body_start)
    if copy is not None and body_start < copy < body_end:
        first_copy = _read_tail(text, copy, furniture)
        if first_copy is not None:
            signatures.insert(0, first_copy)
            furniture += first_copy.furniture()
    merged = _merge(furniture)
    title = _title(text, body_start, body_end)
    lead = _lead(text, title[1] if title else body_start, body_end, merged)
    bylines = [s for s in signatures if s.kind == "byline"]
    authors = list(dict.fromkeys(a for s in bylines for a in s.authors))
    source = source or next((s.source for s in signatures if s.source), None)
    return Structure(
        title=title,
        lead=lead,
        body=(body_start, body_end),
        byline=bylines[0].span if bylines else None,
        authors=authors,
        source=source,
        content=_subtract((body_start, body_end), merged, text),
        furniture=merged,
    )


def whole_text(text: str) -> Structure:
    """The whole of ``text`` as article body, with no title, byline or furniture: for single
    sentences and excerpts, where layout rules would only misfire."""
    start = _first_ink(text, 0, len(text))
    end = _last_ink(text, start, len(text))
    return Structure(
        title=None,
        lead=None,
        body=(0, len(text)),
        byline=None,
        content=[(start, end)] if start < end else [],
    )
