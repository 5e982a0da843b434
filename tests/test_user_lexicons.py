"""User lexicons: entries added to the shipped titles, organisations, surnames and document types."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from vnnews_extract import Pipeline
from vnnews_extract.batch import Fields, manifest
from vnnews_extract.cli import main
from vnnews_extract.lexicon import LexiconError, Lexicons
from vnnews_extract.pipeline import shared_pipeline

TEXT = (
    "Ông Chảo Văn Lâm, Quản đốc phân xưởng cơ khí, cho biết Tập đoàn Hoa Sen Xanh đã thực hiện "
    "Thông cáo số 12/TC-UBND ngày 3/4/2020. Hoa Sen Xanh cam kết hoàn thành."
)
ADDED: dict[str, Any] = {
    "surnames": [{"surname": "Chảo", "frequency": "rare"}],
    "titles": [{"kind": "office", "word": "Quản đốc"}],
    "organizations": [{"name": "Tập đoàn Hoa Sen Xanh", "kind": "enterprise", "aliases": "Hoa Sen Xanh"}],
    "documents": [{"surface": "Thông cáo", "doc_type": "Thông cáo"}],
}


def _facts(pipeline: Pipeline) -> dict[str, Any]:
    article = pipeline.extract(TEXT, detect_layout=False)
    for fact in article.facts():
        assert TEXT[fact.start : fact.end] == fact.text
    return {
        "people": {o.name: o.titles for o in article.officials},
        "canonical": {o.text: o.canonical for o in article.organizations},
        "documents": [(d.text, d.doc_type) for d in article.documents],
    }


def test_user_lexicons_each_kind_changes_what_is_found() -> None:
    before = _facts(Pipeline())
    after = _facts(Pipeline(lexicons=ADDED))
    surname_only = _facts(Pipeline(lexicons={"surnames": ADDED["surnames"]}))
    assert "Chảo Văn Lâm" not in before["people"]
    assert surname_only["people"]["Chảo Văn Lâm"] == []  # "Quản đốc" is no shipped office
    assert after["people"]["Chảo Văn Lâm"] == ["Quản đốc phân xưởng cơ khí"]
    assert before["canonical"].get("Hoa Sen Xanh") is None
    assert after["canonical"]["Hoa Sen Xanh"] == "Tập đoàn Hoa Sen Xanh"
    assert ("Thông cáo số 12/TC-UBND", "Thông cáo") in after["documents"]
    assert ("Thông cáo số 12/TC-UBND", "Thông cáo") not in before["documents"]


def test_user_lexicons_belong_to_their_pipeline_only() -> None:
    Pipeline(lexicons=ADDED).extract(TEXT)
    assert _facts(Pipeline()) == _facts(Pipeline(lexicons={}))
    assert "Chảo Văn Lâm" not in _facts(Pipeline())["people"]


def test_user_lexicons_read_tsv_files_with_the_shipped_columns(tmp_path: Path) -> None:
    path = tmp_path / "surnames.tsv"
    nfd = unicodedata.normalize("NFD", "Chảo")  # pasted from a decomposed source: still matches
    path.write_text(f"# my surnames\nsurname\tfrequency\n{nfd}\trare\n", encoding="utf-8")
    assert "Chảo Văn Lâm" in _facts(Pipeline(lexicons={"surnames": path}))["people"]


def test_user_lexicons_work_in_worker_processes() -> None:
    pipeline = Pipeline(lexicons=ADDED)
    [article] = list(pipeline.extract_many([TEXT], workers=2))
    assert "Chảo Văn Lâm" in [o.name for o in article.officials]


@pytest.mark.parametrize(
    ("additions", "message"),
    [
        ({"people": []}, "unknown lexicon kind 'people'; known: titles, organizations, surnames, documents"),
        ({"surnames": [{"surname": "Chảo", "freq": "rare"}]}, "unknown column(s) 'freq'"),
        ({"surnames": [{"surname": "", "frequency": "rare"}]}, "surname must not be empty"),
        ({"surnames": [{"surname": "Chảo"}]}, "frequency '' is not one of ambiguous, common, rare"),
        ({"titles": [{"kind": "ofice", "word": "Quản đốc"}]}, "kind 'ofice' is not one of"),
        ({"organizations": [{"name": "Bộ X", "kind": "ministry", "code": "BX"}]}, "'code' column cannot be added"),
        ({"surnames": [{"surname": "Chảo", "frequency": "rare"}] * 2}, "row 2: ('Chảo',) is already in row 1"),
        ({"surnames": [{"surname": "Nguyễn", "frequency": "rare"}]}, "('Nguyễn',) is already in data/surnames.tsv"),
        ({"surnames": ["Chảo"]}, "row 1 is a str, not a mapping of columns"),
        ({"titles": [{"kind": "person_alias", "word": "A.B.C"}]}, "a 'person_alias' row needs a 'value'"),
        ({"organizations": [{"name": "BỘ TÀI CHÍNH", "kind": "ministry"}]},
         "'BỘ TÀI CHÍNH' of 'BỘ TÀI CHÍNH' is already a name of 'Bộ Tài chính'"),
        ({"organizations": [{"name": "Tập đoàn Hoa Sen Xanh", "kind": "enterprise", "aliases": "Bộ Tài Chính"}]},
         "'Bộ Tài Chính' of 'Tập đoàn Hoa Sen Xanh' is already a name of 'Bộ Tài chính'"),
        ({"surnames": "/nonexistent/surnames.tsv"}, "lexicon 'surnames': cannot read /nonexistent/surnames.tsv"),
    ],
)
def test_user_lexicons_refuse_bad_entries_with_the_reason(additions: dict[str, Any], message: str) -> None:
    with pytest.raises(LexiconError) as raised:
        Pipeline(lexicons=additions)
    assert message in str(raised.value)


def test_user_lexicons_accept_an_entry_that_is_already_shipped_word_for_word() -> None:
    assert Lexicons({"surnames": [{"surname": "Nguyễn", "frequency": "common"}]}).added == {"surnames.tsv": ()}


def test_user_lexicons_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    surnames = tmp_path / "surnames.tsv"
    surnames.write_text("surname\tfrequency\nChảo\trare\n", encoding="utf-8")
    assert main(["extract", str(article), "--no-layout", "--lexicon", f"surnames={surnames}"]) == 0
    assert "Chảo Văn Lâm" in [o["name"] for o in json.loads(capsys.readouterr().out)["officials"]]
    assert main(["extract", str(article), "--lexicon", "surnames"]) == 2
    assert "expected KIND=FILE" in capsys.readouterr().err
    assert main(["extract", str(article), "--lexicon", f"people={surnames}"]) == 2
    assert "unknown lexicon kind 'people'" in capsys.readouterr().err


def test_user_lexicons_are_pinned_by_the_batch_manifest(tmp_path: Path) -> None:
    fields = Fields("text", "id", "published")
    plain = manifest([], fields, Pipeline([]))["options"]
    added = manifest([], fields, Pipeline([], lexicons=ADDED))["options"]
    assert "lexicons" not in plain  # manifests of runs without user entries keep their old shape
    assert added["lexicons"] == Lexicons(ADDED).digest() != Lexicons({"surnames": ADDED["surnames"]}).digest()


def test_user_lexicons_read_a_spreadsheet_file_with_a_bom_and_its_own_column_order(tmp_path: Path) -> None:
    path = tmp_path / "titles.tsv"
    path.write_text("word\tkind\nQuản đốc\toffice\nQuản đốc\tnot_person_before\n", encoding="utf-8-sig")
    added = Lexicons({"titles": path}).added["titles.tsv"]
    assert [(row["kind"], row["word"]) for row in added] == [("office", "Quản đốc"), ("not_person_before", "Quản đốc")]


def test_user_lexicons_through_shared_pipeline_as_rows() -> None:
    pipeline = shared_pipeline(lexicons={"surnames": ADDED["surnames"]})
    assert pipeline is shared_pipeline(lexicons=Lexicons({"surnames": ADDED["surnames"]}))
    assert "Chảo Văn Lâm" in _facts(pipeline)["people"]
