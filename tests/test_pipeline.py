from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from tests.invariants import offset_violations
from vnnews_extract import Article, ErrorRecord, InputTooLargeError, Pipeline, extract
from vnnews_extract.extractors import UnknownExtractorError

SEED = json.loads((Path(__file__).parent / "golden" / "seed.json").read_text("utf-8"))


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "\x00\x01\x02", "<div>&nbsp;</div>", "[img]"])
def test_pipeline_empty_or_junk_gives_article(pipeline: Pipeline, text: str) -> None:
    article = pipeline.extract(text)
    assert isinstance(article, Article)
    assert offset_violations(article, text) == []
    assert article.authors == []


def test_pipeline_nfd_input_keeps_source_offsets(pipeline: Pipeline) -> None:
    nfd = unicodedata.normalize("NFD", SEED["text"])
    article = pipeline.extract(nfd)
    assert offset_violations(article, nfd) == []
    assert article.authors == ["Anh Phong"]
    assert unicodedata.normalize("NFC", nfd[article.body_end :]).startswith("About Huế")


def test_pipeline_rejects_non_str(pipeline: Pipeline) -> None:
    with pytest.raises(TypeError, match="decode bytes"):
        pipeline.extract(b"bytes")  # type: ignore[arg-type]


def test_pipeline_rejects_too_large() -> None:
    small = Pipeline(max_chars=100)
    with pytest.raises(InputTooLargeError, match="max_chars=100"):
        small.extract("a" * 101)


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("Ä\x90áº£ng bá»\x99 phÆ°á»\x9dng HÆ°Æ¡ng XuÃ¢n hiá»\x87n cÃ³ 242 Ä\x91áº£ng", "UTF-8 decoded as Latin-1"),
        ("Uû ban nh©n d©n tØnh Thõa Thiªn HuÕ vµ Uû ban nh©n d©n", "TCVN3"),
        ("\x00\x01\x02\x03 binary \x04\x05\x06", "binary"),
    ],
)
def test_pipeline_warns_on_mojibake_and_junk(pipeline: Pipeline, text: str, warning: str) -> None:
    assert any(warning in w for w in pipeline.extract(text).warnings)


def test_pipeline_plain_text_has_no_warnings(pipeline: Pipeline) -> None:
    assert pipeline.extract(SEED["text"]).warnings == []


def test_pipeline_extract_many_never_loses_an_item(pipeline: Pipeline) -> None:
    items = ["Câu một.", {"id": "b", "text": None}, {"id": "c", "text": "Hà Nội"}, 42, {"text": "x", "published": "?"}]
    results = list(pipeline.extract_many(items))  # type: ignore[arg-type]
    assert len(results) == len(items)
    assert [type(r).__name__ for r in results] == ["Article", "ErrorRecord", "Article", "ErrorRecord", "ErrorRecord"]
    error = results[1]
    assert isinstance(error, ErrorRecord) and error.id == "b" and error.index == 1


def test_pipeline_unknown_extractor_names_known_ones() -> None:
    with pytest.raises(UnknownExtractorError, match="unknown extractor 'nope.v9'"):
        Pipeline(["nope.v9"])


def test_pipeline_article_round_trips_through_dict() -> None:
    article = extract(SEED["text"])
    assert Article.from_dict(article.to_dict()) == article
    assert Article.from_json(article.to_json()) == article


def test_pipeline_published_must_be_a_date(pipeline: Pipeline) -> None:
    with pytest.raises(ValueError, match="not an ISO date"):
        pipeline.extract("Hôm qua", published="tomorrow")
