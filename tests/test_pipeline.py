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
        ("<html><body><p>Ông Lê Quốc Phong nói tại <b>Hà Nội</b>.</p></body></html>", "looks like HTML"),
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
    # An unreadable "published" is a warning on the article, not an error record (issue 16).
    assert [type(r).__name__ for r in results] == ["Article", "ErrorRecord", "Article", "ErrorRecord", "Article"]
    last = results[4]
    assert isinstance(last, Article) and any("published='?'" in warning for warning in last.warnings)
    error = results[1]
    assert isinstance(error, ErrorRecord) and error.id == "b" and error.index == 1


def test_pipeline_unknown_extractor_names_known_ones() -> None:
    with pytest.raises(UnknownExtractorError, match="unknown extractor 'nope.v9'"):
        Pipeline(["nope.v9"])


def test_pipeline_article_round_trips_through_dict() -> None:
    article = extract(SEED["text"])
    assert Article.from_dict(article.to_dict()) == article
    assert Article.from_json(article.to_json()) == article


def test_pipeline_unreadable_published_is_a_warning_not_an_error(pipeline: Pipeline) -> None:
    article = pipeline.extract("Hôm qua, ông Nguyễn Văn An phát biểu.", published="tomorrow")
    assert [o.name for o in article.officials] == ["Nguyễn Văn An"]
    assert any("published='tomorrow'" in warning for warning in article.warnings)
    assert article.dates == []  # "hôm qua" needs the publication date


@pytest.mark.parametrize(
    "published",
    [
        "2025-08-06",
        "2025-08-06T09:15:00+07:00",
        "2025-08-06T02:15:00Z",
        "06/08/2025",
        "6/8/2025 15:14",
        "06-08-2025",
        "Thứ tư, 6/8/2025, 00:00 (GMT+7)",
        1754442000,  # 2025-08-06 08:00 in Vietnam
        "1754442000",
    ],
)
def test_pipeline_reads_the_published_forms_of_dumps(pipeline: Pipeline, published: object) -> None:
    article = pipeline.extract("Hôm qua, đoàn đến.", published=published)  # type: ignore[arg-type]
    assert [d.resolved for d in article.dates] == ["2025-08-05"]
    assert not any("published" in warning for warning in article.warnings)


def test_extract_takes_detect_layout_like_the_pipeline(pipeline: Pipeline) -> None:
    """The README's ``extract(text, detect_layout=False)``: a one-line excerpt is all body."""
    text = "Phó Bí thư Thường trực Tỉnh ủy Phan Ngọc Thọ phát biểu."
    whole = extract(text, detect_layout=False)
    assert whole.to_dict() == pipeline.extract(text, detect_layout=False).to_dict()
    assert [o.name for o in whole.officials] == ["Phan Ngọc Thọ"]


def test_to_json_keeps_vietnamese_unescaped(pipeline: Pipeline) -> None:
    article = pipeline.extract("Ông Lê Quốc Phong phát biểu.", detect_layout=False)
    assert '"Lê Quốc Phong"' in article.to_json()
    assert json.loads(article.to_json()) == article.to_dict()
    assert "\\u00ea" in article.to_json(ensure_ascii=True)
