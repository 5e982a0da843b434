"""Every lexicon in data/ has provenance, no duplicate keys, and each entry is found by its extractor."""

from __future__ import annotations

from importlib import resources

import pytest
import regex

from vnnews_extract import Pipeline
from vnnews_extract.lexicon import LexiconError, parse_tsv, read_tsv, word_trie
from vnnews_extract.resolve import document_numbers

DATA = resources.files("vnnews_extract").joinpath("data")
TSV_FILES = sorted(entry.name for entry in DATA.iterdir() if entry.name.endswith(".tsv"))


@pytest.mark.parametrize("name", TSV_FILES)
def test_lexicons_have_provenance_header(name: str) -> None:
    first = DATA.joinpath(name).read_text("utf-8").splitlines()[0]
    assert first.startswith("#")
    for word in ("Source", "Licence", "As of"):
        assert word in first, f"{name}: header line lacks {word!r}"


@pytest.mark.parametrize("name", TSV_FILES)
def test_lexicons_load_without_duplicate_keys(name: str) -> None:
    assert read_tsv(name)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("a\tb\nx\t1\nx\t2\n", "duplicate key"),
        ("kind\tword\nm\tx\nm\tx\n", "duplicate key"),
        ("a\tb\nx\t1\t2\n", "3 cells"),
        ("", "no header"),
    ],
)
def test_lexicons_malformed_file_is_an_error(body: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        parse_tsv("# Source: test. Licence: none. As of: now.\n" + body, "test.tsv")


def test_lexicons_kind_files_key_on_two_columns() -> None:
    rows = parse_tsv("kind\tword\nmod\tđầu\nlead\tđầu\n", "test.tsv")
    assert [row["kind"] for row in rows] == ["mod", "lead"]


@pytest.mark.parametrize("row", read_tsv("document_types.tsv"), ids=lambda row: row["surface"])
def test_lexicons_document_type_is_found(pipeline: Pipeline, row: dict[str, str]) -> None:
    text = f"Theo {row['surface']} số 15/2020/NĐ-CP của Chính phủ."
    documents = pipeline.extract(text, detect_layout=False).documents
    assert [d.doc_type for d in documents] == [row["doc_type"]]


@pytest.mark.parametrize("row", read_tsv("law_names.tsv"), ids=lambda row: row["name"])
def test_lexicons_law_name_is_found(pipeline: Pipeline, row: dict[str, str]) -> None:
    text = f"Theo Luật {row['name']} năm 2020, cơ quan phải báo cáo."
    documents = pipeline.extract(text, detect_layout=False).documents
    assert [d.key for d in documents] == [f"Luật {row['name']} 2020"]


@pytest.mark.parametrize("row", read_tsv("document_codes.tsv"), ids=lambda row: row["code"])
def test_lexicons_document_code_is_read(row: dict[str, str]) -> None:
    if row["role"] == "issuer":
        assert document_numbers.issuer_name(row["code"]) == row["meaning"]
    else:
        parsed = document_numbers.parse(f"15/2020/{row['code']}-CP")
        assert parsed is not None and document_numbers.type_of(parsed) == row["meaning"]


DATE_FORMS = {
    "day_lead": ("{w} 12/7", "XXXX-07-12"),
    "part_of_day": ("{w} 12/7", "XXXX-07-12"),
    "period_lead": ("{w} 2021-2025", "2021/2025"),
    "weekday": ("{w}, 12/7", "XXXX-07-12"),
}


@pytest.mark.parametrize(
    "row",
    [row for row in read_tsv("date_words.tsv") if row["kind"] in DATE_FORMS],
    ids=lambda row: f"{row['kind']}:{row['surface']}",
)
def test_lexicons_date_lead_is_found(pipeline: Pipeline, row: dict[str, str]) -> None:
    form, value = DATE_FORMS[row["kind"]]
    text = "Sự kiện diễn ra " + form.format(w=row["surface"]) + " tại Hà Nội."
    dates = pipeline.extract(text, detect_layout=False).dates
    assert [d.value for d in dates] == [value]
    assert dates[0].text.lower().startswith(row["surface"].lower())


@pytest.mark.parametrize(
    "row", [row for row in read_tsv("date_words.tsv") if row["kind"] == "mod"], ids=lambda row: row["surface"]
)
def test_lexicons_date_mod_is_found(pipeline: Pipeline, row: dict[str, str]) -> None:
    dates = pipeline.extract(f"Dự án hoàn thành {row['surface']} năm 2020.", detect_layout=False).dates
    assert [(d.value, d.mod) for d in dates] == [("2020", row["value"])]


@pytest.mark.parametrize(
    ("text", "matches"),
    [("Bộ Tài chính", True), ("Bộ Tư pháp", True), ("Bộ", True), ("Bộ Tài", False), ("Tài chính", False)],
)
def test_lexicons_word_trie_matches_exactly_its_phrases(text: str, matches: bool) -> None:
    phrases = [["Bộ", "Tài", "chính"], ["Bộ", "Tư", "pháp"], ["Bộ"]]
    pattern = regex.compile(word_trie(phrases, r"\s+"))
    assert bool(pattern.fullmatch(text)) is matches
