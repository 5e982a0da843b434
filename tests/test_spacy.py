"""The spaCy adapter: tokenizer, component, serialisation, multiprocessing and displaCy."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from vnnews_extract import DocumentRef, extract
from vnnews_extract.spacy import SPANS_KEY, blank, render

SEED = (Path(__file__).resolve().parents[1] / "examples" / "seed_article.txt").read_text("utf-8")


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    pipeline = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    pipeline.add_pipe("vnnews_extract")
    return pipeline


@pytest.mark.parametrize(
    "text",
    [SEED, unicodedata.normalize("NFD", SEED[:400]), "", "  a\n\n\tb  ", "Hà\u200bNội  18-NQ/TW\u00a0x", "🙂 9h30"],
)
def test_spacy_tokenizer_keeps_text(text: str) -> None:
    doc = blank()(text)
    assert doc.text == text


def test_spacy_tokenizer_tokens_are_words() -> None:
    words = [t.text for t in blank()("Đảng bộ phường Hương Xuân có 242 đảng viên theo Nghị quyết số 18-NQ/TW.")]
    assert {"Hương Xuân", "đảng viên", "18-NQ/TW"} <= set(words)


def test_spacy_component_writes_spans_ents_and_records(nlp: spacy.language.Language) -> None:
    doc = nlp(SEED)
    article = extract(SEED)
    labels = {span.label_ for span in doc.spans[SPANS_KEY]}
    assert {"OFFICIAL", "PERSON", "DATE", "DOCUMENT", "STATISTIC", "ORG", "LOC"} <= labels
    assert doc._.article == article
    ents = list(doc.ents)
    assert all(a.end <= b.start for a, b in zip(ents, ents[1:], strict=False))
    documents = [span for span in doc.spans[SPANS_KEY] if span.label_ == "DOCUMENT"]
    assert [span._.record for span in documents] == article.documents
    assert isinstance(documents[0]._.record, DocumentRef)


def test_spacy_component_on_the_library_tokenizer() -> None:
    pipeline = blank()
    pipeline.add_pipe("vnnews_extract", config={"extractors": ["documents.v1", "dates.v1"]})
    doc = pipeline(SEED)
    assert {span.label_ for span in doc.spans[SPANS_KEY]} == {"DATE", "DOCUMENT"}
    assert all(span.text == SEED[span.start_char : span.end_char] for span in doc.spans[SPANS_KEY])


def test_spacy_pipeline_round_trips_through_disk(nlp: spacy.language.Language, tmp_path: Path) -> None:
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["vnnews_extract"]
    assert [s.text for s in loaded(SEED).ents] == [s.text for s in nlp(SEED).ents]


def test_spacy_docbin_keeps_records(nlp: spacy.language.Language) -> None:
    doc = nlp(SEED)
    restored = list(DocBin(docs=[doc], store_user_data=True).get_docs(nlp.vocab))[0]
    assert restored._.article == doc._.article
    assert [s._.record for s in restored.ents] == [s._.record for s in doc.ents]


def test_spacy_pipe_with_two_processes(nlp: spacy.language.Language) -> None:
    texts = [SEED, SEED[:500], "Ngày 25/10/2017, Bộ Chính trị họp."]
    docs = list(nlp.pipe(texts, n_process=2, batch_size=1))
    assert [d.text for d in docs] == texts
    assert [len(d.ents) for d in docs] == [len(nlp(t).ents) for t in texts]


def test_spacy_render_colours_labels(nlp: spacy.language.Language) -> None:
    html = render(nlp(SEED))
    assert "DOCUMENT" in html and "#b5e48c" in html and "Nghị quyết số 18-NQ/TW" in html


def test_spacy_component_takes_user_lexicons(tmp_path: Path) -> None:
    surnames = tmp_path / "surnames.tsv"
    surnames.write_text("surname\tfrequency\nChảo\trare\n", encoding="utf-8")
    text = "Ông Chảo Văn Lâm cho biết."
    plain, added = blank(), blank()
    plain.add_pipe("vnnews_extract", config={"extractors": ["officials.v1"]})
    added.add_pipe("vnnews_extract", config={"extractors": ["officials.v1"], "lexicons": {"surnames": str(surnames)}})
    assert [s.text for s in plain(text).ents] == []
    assert [s.text for s in added(text).ents] == ["Chảo Văn Lâm"]
    added.to_disk(tmp_path / "pipeline")
    assert [s.text for s in spacy.load(tmp_path / "pipeline")(text).ents] == ["Chảo Văn Lâm"]
