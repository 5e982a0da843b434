"""The names of bodies: organisations, committees, issuing bodies.

Shared by the organizations extractor and the documents extractor (issuers: "của Bộ Tài chính");
the title grammar of the officials extractor still uses the regex fragments at the end. A body
opens with a head word of data/org_heads.tsv ("Bộ", "UBND", "Tỉnh ủy", "Thủ tướng Chính phủ") or is a known
public body of data/public_bodies.tsv ("Ngân hàng Chính sách xã hội", "NHNN", "EVN").

``BodyReader`` reads the rest of the name piece by piece. Vietnamese capitalises the first
syllable of each word of a proper name, so a name goes on over a capitalised syllable or
abbreviation, over a lower-case syllable that completes the capitalised one before it into a word
of the segmenter's dictionary ("Cục Hàng không Việt Nam", "Tập đoàn Cao su Việt Nam"), over the
lower-case words of the name_word list ("nhân dân", "xã hội") and over a place level ("UBND tỉnh
Bình Định"). Names are joined by "và", "-" and "&", and by commas when a later "và" closes the list
("Bộ Văn hóa, Thể thao và Du lịch"). Anything else (a verb, a function word, a clause opener, a
bracket, a person) ends it. The regex fragments (``UPPER_WORD``, ``body``, ``bodies``) are the
older syllable-level grammar: the documents patterns use them only to locate where an issuer
starts (its end is read here), and officials' titles still read their body with them.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, cached_property

import regex

from ..lexicon import SHIPPED, Lexicons, alternation, read_tsv, word_trie, words
from ..regex_cache import compile_pattern
from ..text.document import Document
from . import gazetteer, public_bodies

WORDS = "body_words.tsv"

# A capitalised word or acronym; a final dot only on short all-caps abbreviations ("TP.", "TX."),
# not on a sentence end; "&" and "-" may join parts ("LĐTB&XH", "TT-Huế").
UPPER_WORD = r"(?:\p{Lu}[\w'’&]*(?:[.-]\p{Lu}[\w'’&]*)*(?:(?<=(?<!\w)\p{Lu}{1,3})\.)?)"


@cache
def heads(offices: bool = True) -> str:
    """Alternation of the head words that open a body's name; ``offices=False`` leaves out the
    title heads ("Thủ tướng", "Chủ tịch") that name an issuer but never an organisation."""
    return alternation(row["head"] for row in read_tsv("org_heads.tsv") if offices or row["kind"] != "office")


@cache
def inner_words() -> str:
    return alternation(words(WORDS, "inner"))


@cache
def numbered_heads() -> list[str]:
    """Heads a unit number may follow ("Quân khu 5", "Phòng 3")."""
    return [row["head"] for row in read_tsv("org_heads.tsv") if row["numbered"] == "yes"]


@cache
def place_levels() -> str:
    return alternation(words(WORDS, "place_level"))


def body(excluded: str = r"(?!)", offices: bool = True) -> str:
    """One body: its head and name words; ``excluded`` is a pattern no name word may start with
    (the documents extractor keeps "Thông tư" out of an issuer's name)."""
    name_word = rf"(?!{excluded}(?!\w)){UPPER_WORD}"
    tail = (
        rf"(?:\s+(?:{name_word}|{inner_words()}(?!\w)|\(nay là [^()]{{1,40}}\))"
        rf"|\s+(?:và|-|–)\s+{name_word})*"  # "Bộ Kế hoạch và Đầu tư", "Sở Văn hóa - Thể thao"
    )
    number = r"(?:\s+\d{1,3}(?![\d.,/]))?"  # "Quân khu 5", "Sư đoàn 3 Sao Vàng", "Vụ 3"
    return rf"{heads(offices)}(?!\w){number}{tail}"


def bodies(excluded: str = r"(?!)") -> str:
    """Bodies listed with commas, kept together: "Bộ Tư pháp, Bộ Công an, Tòa án nhân dân tối cao"."""
    one = body(excluded)
    return rf"{one}(?:,\s+{one})*"


class BodyReader:
    """Reads the names of bodies over a Document's words (see the module docstring)."""

    def __init__(self, offices: bool = True, term: bool = False, excluded: str = r"(?!)", lexicons: Lexicons = SHIPPED):
        """``offices``: title heads ("Thủ tướng", "Chủ tịch") open a body (issuers); ``term``: a
        name runs on over "khóa XIV" ("Quốc hội khóa XIV"); ``excluded``: a pattern no name word
        may start with (document type words end an issuer's name)."""
        self.offices = offices
        self.term = term
        self.excluded = excluded
        self.lexicons = lexicons

    @cached_property
    def start_re(self) -> regex.Pattern[str]:
        """Where a body starts: a known name (longest first) or a head word, with a unit number."""
        offices = {row["head"] for row in read_tsv("org_heads.tsv") if row["kind"] == "office"}
        rows = self.lexicons.rows(public_bodies.FILE)
        surfaces = {name for row in rows for name in public_bodies.surfaces(row)}
        if not self.offices:
            surfaces -= offices  # "Thủ tướng Chính phủ", "Chủ tịch nước" name an issuer, never an organisation
        # In any case ("Ủy ban tài chính ngân sách"); commas and dashes between the words are optional
        # ("Ủy ban Tài chính Ngân sách").
        known = word_trie((_NAME_PARTS.split(name.lower()) for name in surfaces), _SEPARATORS)
        numbered = alternation(numbered_heads())
        number = r"\s+\d{1,3}(?![\d.,/])"  # "Quân khu 5", "Sư đoàn 3", "Vụ 3"
        # Names start with a capital but for a few heads ("ban Thường vụ"): a cheap first test that
        # spares the long alternations at almost every position of the text.
        lower_heads = alternation(row["head"] for row in read_tsv("org_heads.tsv") if row["head"][0].islower())
        return compile_pattern(
            rf"(?<![\w.])(?=\p{{Lu}}|{lower_heads})"
            rf"(?:(?P<known>(?i:{known}))|(?P<head>{numbered}(?={number})){number}|(?P<head2>{heads(self.offices)}))(?!\w)"
        )

    @cached_property
    def _clause_starts(self) -> frozenset[str]:
        return frozenset(words(WORDS, "name_stop"))

    @cached_property
    def _stops(self) -> frozenset[str]:
        """Function words and verbs that end a name even where they make a word with the syllable
        before them ("Điện Quang | từ")."""
        return frozenset(row["word"] for row in self.lexicons.rows("titles.tsv") if row["kind"] == "not_in_title")

    @cached_property
    def _excluded_re(self) -> regex.Pattern[str]:
        return compile_pattern(rf"(?:{self.excluded})(?!\w)")

    @cached_property
    def _term_re(self) -> regex.Pattern[str]:
        return compile_pattern(r"\s+(?i:khóa)\s+[IVXL]+(?!\w)")

    def starts(self, text: str, start: int, end: int) -> Iterator[regex.Match[str]]:
        """Matches of ``start_re`` in ``text[start:end]``: known names and heads."""
        for match in self.start_re.finditer(text, start, end):
            if not match["known"] or text[match.start()].isupper():  # known names match in any case
                yield match

    def read(self, doc: Document, index: int, start: int) -> int | None:
        """Where the name of the body starting at ``start`` (in sentence ``index``) ends, or None
        when no body starts there."""
        match = self.start_re.match(doc.text, start)
        if match is None or (match["known"] and not doc.text[start].isupper()):
            return None
        return self.read_from(doc, index, match)

    def read_from(self, doc: Document, index: int, match: regex.Match[str]) -> int | None:
        """Where the name opened by a ``start_re`` match ends; None when the head is only the start
        of a longer word ("Tỉnh ủy viên", "Hội nghị", "Đài tưởng niệm")."""
        end = self._words_after(doc, index, match.start(), match.end(), named=match["known"] is not None)
        if end is None:
            return None
        # Every match here gets a short end: the regex module looks ahead for a pattern's required
        # text ("khóa", "(") to the end of the string, which on a long article is quadratic.
        if self.term and (term := self._term_re.match(doc.text, end, end + _NEAR)):
            end = term.end()
        return end

    def read_list(self, doc: Document, index: int, start: int) -> int | None:
        """Several bodies joined by ",", "và" or "-" ("Bộ Tư pháp, Bộ Công an và Tòa án nhân dân
        tối cao"; "liên Bộ Tài chính - Bộ Công Thương"): where the last one ends."""
        end = self.read(doc, index, start)
        while end is not None and (joint := _BODY_JOINT.match(doc.text, end, end + _NEAR)) is not None:
            following = self.read(doc, index, joint.end())
            if following is None:
                break
            end = following
        if end is not None and (bracket := _BRACKET.match(doc.text, end, end + _NEAR)):
            parent = self.read(doc, index, bracket.end())  # "Cục Quản lý Cạnh tranh (Bộ Công Thương)"
            if parent is not None and doc.text[parent : parent + 1] == ")":
                end = parent + 1
        return end

    def _words_after(self, doc: Document, index: int, start: int, position: int, named: bool) -> int | None:
        """The end of the name words after ``position``, where the opening (a head or a known name
        starting at ``start``) ends; None when the opening is only the start of a longer word: its
        last one or two syllables and the next one make a word ("Hội nghị", "Trường hợp", "Cục
        trưởng", "Tỉnh ủy viên"; but "Quốc hội | họp", "Chính phủ | nhận định")."""
        text, limit = doc.text, doc.sentences[index][1]
        piece = _PIECE.match(text, position, limit)
        if piece is not None and piece["word"] and piece["word"][0].islower():
            tail = [*text[start:position].lower().split()[-2:], piece["word"].lower()]
            if not self._level_re.match(text, piece.start("word")) and doc.tokenizer.is_word(" ".join(tail)):
                return None
        end, before_comma = position, None
        last = text[text.rfind(" ", 0, position) + 1 : position]  # the syllable before the next piece
        while True:
            if aside := _ASIDE.match(text, end, min(limit, end + 60)):
                end = aside.end()  # "UBND thị xã (nay là TP) Rạch Giá": the name goes on after it
            piece = _PIECE.match(text, end, limit)
            if piece is None or len(piece["gap"]) > 1:
                break
            word, after = piece["word"], piece.end()
            following = _PIECE.match(text, after, limit)
            if word is None:  # a mark: "-" and "&" join, a comma may open a list
                if not named or following is None or not self._continues(text, following, listed=piece["mark"] == ","):
                    break
                if piece["mark"] == ",":
                    before_comma = end if before_comma is None else before_comma
                end = following.end()
            elif level := self._level_re.match(text, piece.start("word")):
                end, named = level.end(), True  # "UBND tỉnh Bình Định"; "UBND tỉnh" (the article's own)
            elif word[0].isupper():
                if self._excluded_re.match(text, piece.start("word")) or self._opens_clause(doc, word, following):
                    break  # "Bộ Tài chính Thông tư …", "TTXVN Chiều 9/5 …": no name word
                if word.endswith("."):
                    end = after - 1  # "Tổng Công ty PVC. Thủ tướng …": the dot ended a sentence
                    break
                end, named = after, True
            elif inner := self._name_word_re.match(text, piece.start("word")):
                end, named = inner.end(), True  # "nhân dân", "xã hội"
            elif word == "và" and named and following is not None and self._continues(text, following, listed=False):
                end, before_comma = following.end(), None  # "Văn hóa, Thể thao và Du lịch": the list closes
            elif self._second_syllable(doc, end, last, word):
                end = after  # "Hàng không", "Cao su", "Cộng hòa": a capitalised word of two syllables
            else:
                break
            last = text[text.rfind(" ", 0, end) + 1 : end]
        return before_comma if before_comma is not None else end  # a comma list no "và" closed

    def _opens_clause(self, doc: Document, word: str, following: regex.Match[str] | None) -> bool:
        """A capital that opens a clause ("Sáng 9/5", "Theo"), not a word it starts ("Tối cao")."""
        if word not in self._clause_starts:
            return False
        second = following["word"] if following is not None else None
        return not (second and doc.tokenizer.is_word(f"{word.lower()} {second.lower()}"))

    def _second_syllable(self, doc: Document, end: int, last: str, word: str) -> bool:
        """``word`` completes the capitalised syllable ``last`` (ending at ``end``) into a word of
        the segmenter's dictionary, and ``last`` does not already end one ("Hà Nội | tại")."""
        if not last[:1].isupper() or word in self._stops:
            return False
        before = doc.text[doc.text.rfind(" ", 0, end - len(last) - 1) + 1 : end - len(last)].strip()
        if before[:1].isupper() and doc.tokenizer.is_word(f"{before.lower()} {last.lower()}"):
            return False
        return doc.tokenizer.is_word(f"{last.lower()} {word}")

    def _continues(self, text: str, piece: regex.Match[str], listed: bool) -> bool:
        """The piece after "và", "-" or "," continues the name: a capitalised word that opens no other
        body ("Bộ Tài chính và Bộ Công Thương" are two) and, in a comma list, names a sector rather
        than a place ("Văn hóa, Thể thao" but not "Bộ Công an, Hà Nội và …")."""
        word, start = piece["word"], piece.start("word")
        if not word or not word[0].isupper():
            return False
        return not self.start_re.match(text, start) and not self._excluded_re.match(text, start) and (
            not listed or gazetteer.key(word) not in self._places
        )

    @cached_property
    def _level_re(self) -> regex.Pattern[str]:
        return compile_pattern(rf"{alternation(words(WORDS, 'place_level'))}(?!\w|\.\w)")  # not the "TP" of "TP.HCM"

    @cached_property
    def _name_word_re(self) -> regex.Pattern[str]:
        return compile_pattern(rf"{alternation(words(WORDS, 'name_word'))}(?!\w)")

    @cached_property
    def _places(self) -> frozenset[str]:
        world = (gazetteer.key(row["name"]) for row in read_tsv("world_places.tsv"))
        return frozenset([*gazetteer.by_name(), *world])


# One piece of a name: a syllable or abbreviation ("TP.HCM", "T.Ư", "TX.", "LĐTB&XH"; a final dot
# only after a capital), or a mark.
_PIECE = regex.compile(
    r"(?P<gap>\s*)(?:(?P<word>[\p{L}\p{N}](?:[\p{L}\p{N}&'’]|\.(?=[\p{L}\p{N}]))*(?:(?<=\p{Lu})\.)?)|(?P<mark>[,\-–&]))"
)
_NAME_PARTS = regex.compile(r"(?:\s*[,\-–]\s*|\s+)")
_SEPARATORS = r"(?:\s*[,\-–]\s*|\s+)"
_ASIDE = regex.compile(r"\s*\(nay là [^()]{1,40}\)(?=\s+\p{Lu})")  # a later name inside a name
_NEAR = 40  # characters within which what follows a name (a term, a joint, a bracket) must start
_BODY_JOINT = regex.compile(r"\s*(?:,|và|-|–)\s*")
_BRACKET = regex.compile(r"\s*\(\s*")

