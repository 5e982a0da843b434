from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import vnnews_extract
from vnnews_extract.cli import main
from vnnews_extract.extractors import REGISTRY

ROOT = Path(__file__).resolve().parents[1]


def test_cli_extract_prints_article_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(ROOT / "examples" / "seed_article.txt")]) == 0
    article = json.loads(capsys.readouterr().out)
    assert article["authors"] == ["Anh Phong"]
    assert article["body_end"] == 3993


def test_cli_extract_missing_file_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "/nonexistent/file.txt"]) == 2
    assert "No such file" in capsys.readouterr().err


def test_cli_evaluate_with_predictions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = {"id": "a", "text": "Bài: X", "authors": ["Anh Phong"], "dates": [{"text": "năm 2022", "value": "2022"}]}
    pred = {"id": "a", "authors": ["Anh Phong"], "dates": []}
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold, ensure_ascii=False) + "\n", "utf-8")
    (tmp_path / "pred.jsonl").write_text(json.dumps(pred, ensure_ascii=False) + "\n", "utf-8")
    out = tmp_path / "scores.json"
    args = ["evaluate", str(tmp_path / "gold.jsonl"), "--pred", str(tmp_path / "pred.jsonl"), "--json", str(out)]
    assert main(args) == 0
    table = capsys.readouterr().out
    assert "authors" in table and "dates.value" in table
    assert out.exists() and json.loads(out.read_text("utf-8"))


def test_cli_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"vnnews-extract {vnnews_extract.__version__}"


def test_cli_help_is_plain_text_and_names_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(command in out for command in ("extract", "batch", "evaluate", "extractors"))
    assert "``" not in out  # no RST markup


def test_cli_extractors_lists_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extractors"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == sorted(REGISTRY)
    assert any(line.startswith("statistics.v1") and "officials" in line for line in lines)


def test_cli_extract_no_layout_reads_an_excerpt_as_body(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    excerpt = tmp_path / "excerpt.txt"
    excerpt.write_text("Phó Bí thư Thường trực Tỉnh ủy Phan Ngọc Thọ phát biểu.", "utf-8")
    assert main(["extract", str(excerpt), "--no-layout", "--compact"]) == 0
    article = json.loads(capsys.readouterr().out)
    assert article["title"] is None and article["body_start"] == 0
    assert [o["name"] for o in article["officials"]] == ["Phan Ngọc Thọ"]


def test_python_m_runs_the_command() -> None:
    done = subprocess.run([sys.executable, "-m", "vnnews_extract", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("vnnews-extract ")


def test_cli_unknown_extractor_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    excerpt = tmp_path / "a.txt"
    excerpt.write_text("Hà Nội", "utf-8")
    assert main(["extract", str(excerpt), "--extractors", "foo.v1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("vnnews-extract: error:") and "dates.v1" in err and "Traceback" not in err
