"""HTML input: the article text of a news page, with a map from every text offset back into the HTML.

``article_text(page)`` keeps the headline and the article (the largest ``<article>``, else the
``itemprop="articleBody"`` element, else ``<main>``; the whole ``<body>`` when none holds enough of the
page's text), drops what a reader does not read as the article (scripts, styles, ``<head>``,
navigation, page header and footer, asides, buttons, iframes, hidden elements, ad and share boxes)
and lays the rest out as the plain-text pipeline expects: the headline on the first line, then one
line per paragraph. Block elements (``<p>``, ``<div>``, ``<br>``, ``<li>``, headings, captions, table
rows...) end a line, inline elements join without a space, whitespace runs collapse to one space,
and entities (``&amp;``, ``&nbsp;``, ``&#7885;``) are decoded. ``HtmlText.html_span`` maps a span of
that text back to the HTML, e.g. to highlight a fact in the page.

The parser is the standard library's ``html.parser.HTMLParser``, so HTML input needs no extra: it is
the parser that reports where each token starts in the source (``getpos()``), which a character map
needs. lxml only gives line numbers, selectolax and html5lib no positions at all. Two flaws it has
(3.11 to 3.13 at least) are fenced off here. ``close()`` rescans every tag, comment or quote that
never ends to the end of the input, then goes on from the next ``>``: 100 kB of ``<a x=">"y`` took
20 s. Such a construct swallows the rest of the page in a browser, so it is dropped here instead:
the page is only ``feed()``-ed, which stops at the first one, and ``close()`` is called only when
what is left is text. And ``<![...`` is read as a bogus comment, as browsers do, instead of raising
AssertionError. Text nodes are decoded by the parser itself (``convert_charrefs=True``); the map is
rebuilt by decoding the same source one character reference at a time with ``html.unescape`` and
checking that both agree.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from typing import Any, NamedTuple

from .records import Article

# html.unescape's own pattern for one character reference ("&amp;", "&amp", "&#7885;", "&#x1EDB;").
_CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
# Whitespace a browser does not show as typed: runs of two or more, line breaks, tabs, no-break
# spaces (str.isspace, as \s), and a single space at the start or end of a text node.
_IRREGULAR_SPACE = re.compile(r"\s{2,}|[^\S ]|^ | $")

# Never read: code, metadata, embedded documents, controls and page furniture.
_SKIP = frozenset({
    "script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe", "object", "embed",
    "video", "audio", "canvas", "map", "select", "textarea", "button", "nav", "aside", "menu", "dialog",
})
# <form> is read: ASP.NET pages, common among Vietnamese sites, wrap the whole <body> in one.
_PAGE_FURNITURE = frozenset({"header", "footer"})  # the page's, not those of an <article>/<main>/<section>
_HEAD_CONTENT = frozenset({"base", "link", "meta", "noscript", "script", "style", "template", "title"})
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source",
    "track", "wbr",
})
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
})
_CELL = frozenset({"td", "th"})  # cells of a row: a space apart, not glued together
# class/id names of page furniture, matched whole ("header", not "article-header").
_FURNITURE_NAMES = frozenset({"header", "footer", "menu", "nav", "navbar", "navigation", "sidebar", "toolbar", "print"})
# Boxes of other content and ad markers, matched also as a part of a name split on - and _
# ("related-news", "box-related", "social-share", "box-ads", "banner_top").
_FURNITURE_PARTS = frozenset({
    "related", "share", "social", "tags", "tag", "comment", "comments", "breadcrumb", "breadcrumbs",
    "ad", "ads", "adv", "advert", "advertisement", "adsbygoogle", "banner", "quangcao", "qc", "sponsor", "sponsored",
})
_FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"})

ARTICLE, ARTICLE_BODY, MAIN = 3, 2, 1  # container kinds, the preferred first
_ARTICLE_TYPES = frozenset({  # schema.org itemtype of an element holding an article
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle", "blogposting",
})
_MIN_SHARE = 0.3  # of the page's kept text a container must hold to be taken as the article
_MAX_GAP = 1_000  # characters between a headline and the container after it still read as lead and dateline
_NOTED_DROP = 100  # characters of unreadable markup at the end worth a warning


class HtmlSegment(NamedTuple):
    """Text from ``text_start`` (to the next segment's start) came from ``html[html_start:html_end]``.

    When the two lengths are equal the characters correspond one to one; otherwise (an entity, a
    collapsed whitespace run, a line break made from a tag) each character maps to the whole range.
    """

    text_start: int
    html_start: int
    html_end: int


@dataclass(frozen=True)
class HtmlText:
    """The article text of an HTML page, and where each of its characters came from in the page.

    ``text`` is plain text, headline first and one paragraph per line. ``segments`` (sorted by
    ``text_start``, the first at 0) map it back to the HTML. ``warnings`` says when the page held no
    article text or could not be read to its end.
    """

    text: str
    segments: tuple[HtmlSegment, ...] = ()
    warnings: tuple[str, ...] = ()

    def html_span(self, start: int, end: int) -> tuple[int, int]:
        """The ``[start, end)`` range of the HTML that ``text[start:end]`` was taken from.

        It runs from the first character's source to the last one's, so it holds every tag between
        them: ``"<b>Nguyễn</b> Văn A"`` for the text "Nguyễn Văn A". An empty span gives an empty range.
        """
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span [{start}, {end}) is outside the text of {len(self.text)} characters")
        if start == end:
            if start < len(self.text):
                position = self._covered(self._segment_at(start), start, start + 1)[0]
            else:
                position = max((segment.html_end for segment in self.segments), default=0)
            return position, position
        # The headline is moved before the article, so the map need not grow with the text: take every
        # segment the span covers.
        ranges = [self._covered(number, start, end)
                  for number in range(self._segment_at(start), self._segment_at(end - 1) + 1)]
        return min(r[0] for r in ranges), max(r[1] for r in ranges)

    def _segment_at(self, index: int) -> int:
        return bisect.bisect_right(self.segments, index, key=_text_start) - 1

    def _covered(self, number: int, start: int, end: int) -> tuple[int, int]:
        """The HTML range of the part of segment ``number`` within text ``[start, end)``."""
        segment = self.segments[number]
        following = self.segments[number + 1].text_start if number + 1 < len(self.segments) else len(self.text)
        if following - segment.text_start != segment.html_end - segment.html_start:
            return segment.html_start, segment.html_end
        first, last = max(start, segment.text_start), min(end, following)
        return segment.html_start + first - segment.text_start, segment.html_start + last - segment.text_start


def _text_start(segment: HtmlSegment) -> int:
    return segment.text_start


@dataclass(frozen=True)
class HtmlArticle:
    """An article extracted from HTML: the Article, and the plain text its offsets index.

    Every fact's ``start``/``end`` index ``text`` (``fact.text == text[fact.start:fact.end]``), not
    the HTML; ``html_span(fact.start, fact.end)`` is where the fact sits in the HTML. ``to_dict()`` is
    the Article's dict plus ``"text"`` (a batch ``--html`` line); the map is not serialised, and
    ``article_text(html)`` rebuilds it.
    """

    article: Article
    source: HtmlText

    @property
    def text(self) -> str:
        return self.source.text

    def html_span(self, start: int, end: int) -> tuple[int, int]:
        """The range of the HTML that ``text[start:end]`` came from (see ``HtmlText.html_span``)."""
        return self.source.html_span(start, end)

    def to_dict(self, encode_json: bool = False) -> dict[str, Any]:
        return {**self.article.to_dict(encode_json=encode_json), "text": self.text}


class _Text(NamedTuple):
    """Decoded text of one text node, with segments relative to it: (start in ``text``, html start, html end)."""

    text: str
    segments: list[tuple[int, int, int]]


class _Break(NamedTuple):
    """A line break (``space=False``) or a word break (a table cell) caused by the tag at ``position``."""

    position: int
    space: bool = False


_Item = _Text | _Break


class _Element:
    __slots__ = ("name", "skip", "content", "container", "headline")

    def __init__(self, name: str, skip: bool, content: bool, container: int | None, headline: int | None):
        self.name = name
        self.skip = skip
        self.content = content  # an <article>, <main> or articleBody: its <header> and <footer> are its own
        self.container = container  # index into _Reader.containers, when its content is read
        self.headline = headline  # index into _Reader.headlines


class _Range:
    """Where an element's content sits among the reader's items, and its kind."""

    __slots__ = ("kind", "start", "end", "closed_at")

    def __init__(self, kind: int, start: int):
        self.kind = kind
        self.start = start
        self.end = -1  # set when the element closes (or at the end of input)
        self.closed_at = 0  # HTML position where it closed


class _Reader(HTMLParser):
    """Turns parser events into items (text nodes and breaks) outside skipped elements.

    It keeps its own stack of open elements; an end tag closes the innermost open element of its
    name and everything opened inside it, and one with no open element of its name is ignored, as
    browsers do. Counters per name keep that linear however deep or broken the nesting.
    """

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.items: list[_Item] = []
        self.stack: list[_Element] = []
        self.open_count: dict[str, int] = {}
        self.skipping = 0  # open skipped elements
        self.in_content = 0  # open <article>/<main>/articleBody elements
        self.containers: list[_Range] = []
        self.headlines: list[_Range] = []

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    # Declarations: 3.11's marked-section parser raises AssertionError on "<![junk"; browsers read a bogus comment.
    def parse_html_declaration(self, i: int) -> int:
        if self.rawdata.startswith("<![", i):
            result: int = self.parse_bogus_comment(i)
            return result
        result = super().parse_html_declaration(i)
        return result

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "head" and tag not in _HEAD_CONTENT:
            self._leave_head()
        position = self.position()
        if tag in _VOID:
            if not self.skipping and tag in ("br", "hr"):
                self.items.append(_Break(position))
            return
        kind = _container_kind(tag, attrs)
        # A <header>/<footer> inside a section is the section's (HTML-AAM): a headline, a dateline.
        scoped = self.in_content > 0 or self.open_count.get("section", 0) > 0
        skip = tag in _SKIP or _is_furniture(tag, attrs, scoped)
        if not self.skipping and not skip:
            if tag in _BLOCK:
                self.items.append(_Break(position))
            elif tag in _CELL:
                self.items.append(_Break(position, space=True))
        container = headline = None
        if not self.skipping and not skip:
            if kind:
                container = len(self.containers)
                self.containers.append(_Range(kind, len(self.items)))
            if tag == "h1":
                headline = len(self.headlines)
                self.headlines.append(_Range(0, len(self.items)))
        self.stack.append(_Element(tag, skip, kind > 0, container, headline))
        self.open_count[tag] = self.open_count.get(tag, 0) + 1
        self.skipping += skip
        self.in_content += kind > 0

    def handle_endtag(self, tag: str) -> None:
        position = self.position()
        if not self.skipping and (tag in _BLOCK or tag == "br"):  # "</br>" is a <br> to browsers
            self.items.append(_Break(position))
        if not self.open_count.get(tag):
            return  # a stray end tag
        while self.stack:
            element = self._pop(position)
            if element.name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1].name == "head" and not data.isspace():
            self._leave_head()  # text before <body> starts the body, as in browsers
        if self.skipping or not data:
            return
        self.items.append(_Text(data, _decoded_segments(self.html, self.position(), data)))

    def finish(self) -> None:
        end = len(self.html)
        while self.stack:
            self._pop(end)

    def _pop(self, position: int) -> _Element:
        element = self.stack.pop()
        self.open_count[element.name] -= 1
        self.skipping -= element.skip
        for index, ranges in ((element.container, self.containers), (element.headline, self.headlines)):
            if index is not None:
                ranges[index].end, ranges[index].closed_at = len(self.items), position
        self.in_content -= element.content
        return element

    def _leave_head(self) -> None:
        if self.open_count.get("head"):
            position = self.position()
            while self.stack and self._pop(position).name != "head":
                pass


def _container_kind(tag: str, attrs: list[tuple[str, str | None]]) -> int:
    values = {name: (value or "").lower() for name, value in attrs if name in ("itemprop", "role", "itemtype")}
    schema_type = values.get("itemtype", "").rstrip("/").rsplit("/", 1)[-1]
    if tag == "article" or values.get("role") == "article" or schema_type in _ARTICLE_TYPES:
        return ARTICLE
    if "articlebody" in values.get("itemprop", "").split():
        return ARTICLE_BODY
    if tag == "main" or values.get("role") == "main":
        return MAIN
    return 0


def _is_furniture(tag: str, attrs: list[tuple[str, str | None]], in_content: bool) -> bool:
    if tag in _PAGE_FURNITURE and not in_content:
        return True
    for name, value in attrs:
        if name == "hidden":
            return True
        if value is None:
            continue
        lowered = value.lower()
        if name == "aria-hidden" and lowered == "true":
            return True
        if name == "style":
            squeezed = "".join(lowered.split())
            if "display:none" in squeezed or "visibility:hidden" in squeezed:
                return True
        if name == "role" and lowered in _FURNITURE_ROLES:
            return True
        if name in ("class", "id"):
            for word in lowered.split():
                if word in _FURNITURE_NAMES and (word not in _PAGE_FURNITURE or not in_content):
                    return True
                if not _FURNITURE_PARTS.isdisjoint(re.split(r"[-_]", word)):
                    return True
    return False


def _common_suffix(source: str, piece: str) -> int:
    """Characters at the end of a reference that its decoding kept as they are; at least "&" and one
    letter of the name, and one decoded character, are not counted."""
    most = min(len(source) - 2, len(piece) - 1)
    kept = 0
    while kept < most and source[-1 - kept] == piece[-1 - kept]:
        kept += 1
    return kept


def _decoded_segments(html: str, start: int, decoded: str) -> list[tuple[int, int, int]]:
    """Segments mapping ``decoded`` (a text node as the parser decoded it) to ``html`` from ``start``.

    Decodes the source again one character reference at a time; when the result differs from the
    parser's (another Python's parser may decode differently), every character maps to the span read.
    """
    segments: list[tuple[int, int, int]] = []
    parts: list[str] = []
    done, position, length = 0, start, len(decoded)
    while done < length:
        reference = html.find("&", position, position + length - done)
        literal_end = position + length - done if reference < 0 else reference
        if literal_end > position:
            segments.append((done, position, literal_end))
            parts.append(html[position:literal_end])
            done += literal_end - position
            position = literal_end
            continue
        match = _CHARREF.match(html, position)
        source = match.group() if match else "&"
        piece = unescape(source)
        # A legacy entity without ";" decodes only its known prefix and keeps the rest as typed
        # ("&ampx\xa0" -> "&x\xa0"): the rest maps character for character.
        kept = _common_suffix(source, piece)
        segments.append((done, position, position + len(source) - kept))
        if kept:
            segments.append((done + len(piece) - kept, position + len(source) - kept, position + len(source)))
        parts.append(piece)
        done += len(piece)
        position += len(source)
    if "".join(parts) != decoded:
        return [(0, start, max(position, start + 1))]
    return segments


def article_text(html: str) -> HtmlText:
    """The article text of the page ``html`` and its map back into ``html`` (see the module docstring).

    Never raises for a str: a page with no article text gives an empty text and a warning.
    """
    if not isinstance(html, str):
        raise TypeError(f"article_text() needs a str, got {type(html).__name__}; decode bytes first")
    reader = _Reader(html)
    warnings: list[str] = []
    try:
        reader.feed(html)  # stops at a tag, comment or quote that never ends (see the module docstring)
        if "<" not in reader.rawdata:
            reader.close()  # flushes text the parser held back (an "&" near the end)
        elif len(reader.rawdata) > _NOTED_DROP:
            warnings.append(f"html: markup at offset {len(html) - len(reader.rawdata)} never ends (a tag, comment "
                            f"or quote left open); the {len(reader.rawdata):,} characters after it are not read")
    except AssertionError as error:  # the parser's way of giving up on markup it cannot read
        warnings.append(f"html: the parser gave up at offset {reader.position()} ({error}); text after it is lost")
    reader.finish()
    text = _assemble(_selected(reader), len(html))
    if not text.text:
        warnings.append("html: no article text found in the page")
    return HtmlText(text.text, text.segments, tuple(warnings))


def _selected(reader: _Reader) -> list[_Item]:
    """The items of the article: the headline, then the chosen container (or everything)."""
    items = reader.items
    sizes = [0]  # visible characters in the items before each one
    for item in items:
        sizes.append(sizes[-1] + (len("".join(item.text.split())) if isinstance(item, _Text) else 0))

    def size(start: int, end: int) -> int:
        return sizes[end] - sizes[start]

    headlines = [h for h in reader.headlines if size(h.start, h.end) > 0]
    container = _container(reader.containers, size, sizes[-1], headlines[0] if headlines else None)
    start, end = (0, len(items)) if container is None else (container.start, container.end)
    inside = [h for h in headlines if start <= h.start and h.end <= end]
    if inside or container is None:
        if not (inside or headlines):
            return items[start:end]
        headline = (inside or headlines)[0]
        return [*items[headline.start : headline.end], _Break(headline.closed_at),
                *items[start : headline.start], *items[headline.end : end]]
    before = [h for h in headlines if h.end <= start]
    if not before:
        return items[start:end]
    headline = before[-1]
    if size(headline.end, start) <= _MAX_GAP:  # lead, dateline, author between them: keep them
        return items[headline.start : end]
    return [*items[headline.start : headline.end], _Break(headline.closed_at), *items[start:end]]


def _container(
    containers: Sequence[_Range], size: Callable[[int, int], int], total: int, headline: _Range | None
) -> _Range | None:
    """The largest container of the most preferred kind holding enough of the page's text, or the
    page's headline: a short article beside long lists of other news is still the article."""

    def chosen(c: _Range) -> bool:
        holds_headline = headline is not None and c.start <= headline.start and headline.end <= c.end
        return size(c.start, c.end) >= _MIN_SHARE * total > 0 or (holds_headline and c.kind != MAIN)

    for kind in (ARTICLE, ARTICLE_BODY, MAIN):
        found = [c for c in containers if c.kind == kind and chosen(c)]
        if found:
            return max(found, key=lambda c: size(c.start, c.end))
    return None


class _Assembled(NamedTuple):
    text: str
    segments: tuple[HtmlSegment, ...]


def _assemble(items: Sequence[_Item], html_length: int) -> _Assembled:
    """Lay items out as lines: whitespace collapsed, no empty line, no space at a line's ends."""
    out = _Output(html_length)
    for item in items:
        if isinstance(item, _Break):
            if item.space:
                out.space(item.position, min(item.position + 1, html_length))
            else:
                out.line_break(item.position)
            continue
        text, segments = item
        cursor = 0
        for match in _IRREGULAR_SPACE.finditer(text):
            if match.start() > cursor:
                out.write(text, cursor, match.start(), segments)
            out.space(*_source_range(item, match.start(), match.end() - 1))
            cursor = match.end()
        if cursor < len(text):
            out.write(text, cursor, len(text), segments)
    return _Assembled("".join(out.parts), tuple(HtmlSegment(*s) for s in out.segments))


def _source_range(node: _Text, first: int, last: int) -> tuple[int, int]:
    """The HTML range of characters ``first`` to ``last`` (inclusive) of a text node."""
    begin = _char_source(node, first)
    return begin[0], max(begin[1], _char_source(node, last)[1])


def _char_source(node: _Text, index: int) -> tuple[int, int]:
    segments = node.segments
    number = bisect.bisect_right(segments, index, key=lambda s: s[0]) - 1
    text_start, html_start, html_end = segments[number]
    following = segments[number + 1][0] if number + 1 < len(segments) else len(node.text)
    if following - text_start == html_end - html_start:
        return html_start + index - text_start, html_start + index - text_start + 1
    return html_start, html_end


class _Output:
    """The text being built, its segments, and the space or line break waiting for the next word."""

    def __init__(self, html_length: int) -> None:
        self.html_length = html_length  # a break made where an element closed at the end maps to an empty range
        self.parts: list[str] = []
        self.length = 0
        self.segments: list[list[int]] = []  # [text_start, html_start, html_end], merged when contiguous
        self.pending_space: tuple[int, int] | None = None
        self.pending_break: int | None = None
        self.line_open = False  # the current line has text

    def space(self, html_start: int, html_end: int) -> None:
        if self.line_open and self.pending_space is None:
            self.pending_space = (html_start, html_end)

    def line_break(self, position: int) -> None:
        self.pending_space = None
        if self.line_open:
            self.pending_break, self.line_open = position, False

    def write(self, text: str, start: int, end: int, segments: list[tuple[int, int, int]]) -> None:
        """Append ``text[start:end]`` (no irregular whitespace in it) of a text node with its ``segments``."""
        if self.pending_break is not None:
            self._append("\n", self.pending_break, min(self.pending_break + 1, self.html_length))
            self.pending_break = None
        elif self.pending_space is not None:
            self._append(" ", *self.pending_space)
        self.pending_space = None
        self.line_open = True
        number = bisect.bisect_right(segments, start, key=lambda s: s[0]) - 1
        while start < end:
            text_start, html_start, html_end = segments[number]
            following = segments[number + 1][0] if number + 1 < len(segments) else len(text)
            piece_end = min(end, following)
            if following - text_start == html_end - html_start:  # one to one: the part we take
                offset = html_start + start - text_start
                self._append(text[start:piece_end], offset, offset + piece_end - start)
            else:
                self._append(text[start:piece_end], html_start, html_end)
            start = piece_end
            number += 1

    def _append(self, piece: str, html_start: int, html_end: int) -> None:
        one_to_one = len(piece) == html_end - html_start
        last = self.segments[-1] if self.segments else None
        if (one_to_one and last is not None and last[2] == html_start
                and self.length - last[0] == last[2] - last[1]):
            last[2] = html_end  # continues the previous one-to-one segment
        else:
            self.segments.append([self.length, html_start, html_end])
        self.parts.append(piece)
        self.length += len(piece)
