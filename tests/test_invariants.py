"""Hostile and arbitrary input: extraction returns, offsets slice back, results are deterministic."""

from __future__ import annotations

import json
import time
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import shared_file
from tests.invariants import offset_violations
from vnnews_extract import Pipeline

SEED_EXCERPT = "Phó Bí thư Thường trực Tỉnh ủy Phan Ngọc Thọ: Nghị quyết số 18-NQ/TW, ngày 25/10/2017; 242 đảng viên."

vietnamese_pieces = st.sampled_from(
    [
        SEED_EXCERPT,
        unicodedata.normalize("NFD", SEED_EXCERPT),
        "Nghị định 15/2020/NÐ-CP",
        "giai đoạn 2021–2025",
        "1.999,62 tỷ đồng",
        "UBND TX. Hương Trà",
        "\u200b",
        "\u00a0",
        "\n",
        "<p>",
        "[img]",
        "9" * 60,
        "\u0301\u0323",
        "🙂",
        "\x00\x1f",
        "\ud800",  # lone surrogates: hypothesis' text() never makes them, JSON escapes do
        "Thọ\udc80",
    ]
)
hostile_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(vietnamese_pieces, st.text(max_size=20)), max_size=30).map("".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_text)
def test_invariants_any_text(pipeline: Pipeline, text: str) -> None:
    first = pipeline.extract(text)
    assert offset_violations(first, text) == []
    assert pipeline.extract(text).to_dict() == first.to_dict()


def test_invariants_whole_corpus(pipeline: Pipeline) -> None:
    path = shared_file("corpus/articles.jsonl")
    started = time.perf_counter()
    articles = errors = 0
    violations: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            article = pipeline.extract(row["text"])
            violations += [f"{row['id']}: {v}" for v in offset_violations(article, row["text"])]
            articles += 1
    seconds = time.perf_counter() - started
    print(f"\ncorpus robustness: {articles} articles in {seconds:.1f} s, {errors} errors")
    assert articles > 1000
    assert violations == []
