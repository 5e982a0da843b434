"""The seed article against its gold file (tests/golden/seed.json, copied from ../shared/gold)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from vnnews_extract import Article, Pipeline

GOLD: dict[str, Any] = json.loads((Path(__file__).parent / "golden" / "seed.json").read_text("utf-8"))
SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "seed_article.txt"

FACTS = ("officials", "dates", "documents", "statistics", "organizations", "locations")


@pytest.fixture(scope="module")
def article(pipeline: Pipeline) -> Article:
    return pipeline.extract(GOLD["text"])


def test_golden_sample_file_is_the_seed_text() -> None:
    assert SAMPLE.read_text("utf-8") == GOLD["text"]


def test_golden_title_authors_source_body(article: Article) -> None:
    assert article.title == GOLD["title"]
    assert article.authors == GOLD["authors"]
    assert article.source == GOLD["source"]
    assert article.body_end == GOLD["body_end"]
    assert article.body_start == 0


@pytest.mark.parametrize("fact", FACTS)
def test_golden_facts(article: Article, fact: str) -> None:
    predicted = article.to_dict()[fact]
    gold = GOLD[fact]
    assert len(predicted) == len(gold)
    for pred, expected in zip(predicted, gold, strict=True):
        assert {key: pred.get(key) for key in expected} == expected
