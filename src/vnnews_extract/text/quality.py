"""Warnings about input that extraction can still run on but should not be trusted blindly."""

from __future__ import annotations

import regex

# UTF-8 bytes decoded as Latin-1/cp1252: "Ä\x90áº£ng" for "Đảng", "Ã¡" for "á".
_UTF8_AS_LATIN1 = regex.compile(r"[ÃÄÆáº][\x80-\xbf¡-¿]")
# TCVN3 (ABC) text decoded as Latin-1: "Uû ban nh©n d©n" for "Ủy ban nhân dân".
_TCVN3 = regex.compile(r"\p{Ll}[©®¸¹µ¶·¾ª«¬¦§¨][\p{Ll}]")
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
# HTML tags and entities ("<p>", "</div>", "<br/>", "&amp;", "&#7899;"): three or more mean markup.
_MARKUP = regex.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,200})?/?>|&(?:[a-z]{2,8}|#\d{2,6});")
MARKUP_WARNING = (
    "markup: text looks like HTML; offsets point into the tags, pass the article text instead "
    "(or the page to extract_html())"
)


def input_warnings(text: str) -> list[str]:
    """Human-readable warnings for mojibake and binary junk; empty for ordinary text."""
    warnings: list[str] = []
    sample = text[:20_000]
    words = max(1, sample.count(" "))
    if len(_UTF8_AS_LATIN1.findall(sample)) > 0.05 * words:
        warnings.append("mojibake: text looks like UTF-8 decoded as Latin-1; decode the bytes as UTF-8")
    if len(_TCVN3.findall(sample)) > 0.05 * words:
        warnings.append("mojibake: text looks like TCVN3/VNI decoded as Latin-1; transcode it to Unicode")
    if len(_CONTROL.findall(sample)) > 0.01 * max(1, len(sample)):
        warnings.append("binary: text contains many control or replacement characters")
    if len(_MARKUP.findall(sample)) >= 3:
        warnings.append(MARKUP_WARNING)
    return warnings
