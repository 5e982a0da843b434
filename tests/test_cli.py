from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnnews_extract.cli import main

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
