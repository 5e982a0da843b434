"""The checks every extraction result must pass, whatever the input."""

from __future__ import annotations

from vnnews_extract import Article


def offset_violations(article: Article, source: str) -> list[str]:
    """Descriptions of every record whose span does not slice back to its text."""
    problems = []
    for fact in article.facts():
        if not 0 <= fact.start <= fact.end <= len(source) or source[fact.start : fact.end] != fact.text:
            problems.append(f"{type(fact).__name__} {fact.text!r} at [{fact.start}, {fact.end})")
        for mention in getattr(fact, "mentions", []):
            if source[mention.start : mention.end] != mention.text:
                problems.append(f"mention {mention.text!r} at [{mention.start}, {mention.end})")
    if not 0 <= article.body_start <= article.body_end <= len(source):
        problems.append(f"body span [{article.body_start}, {article.body_end}) outside the text")
    return problems
