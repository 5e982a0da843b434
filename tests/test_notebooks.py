"""The example notebooks run top to bottom, from a fresh kernel, in under a minute each, without warnings.

Notebook 02 reads the corpus from the shared data folder named by ``VNNEWS_EXTRACT_SHARED`` (by default
``../shared`` beside the checkout) and falls back to bundled texts when it is absent: it is run both ways.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat import NotebookNode

from tests.conftest import SHARED, shared_file

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NOTEBOOKS = sorted(EXAMPLES.glob("*.ipynb"))
DUMP = EXAMPLES / "02_article_dump.ipynb"
SHARED_VARIABLE = "VNNEWS_EXTRACT_SHARED"
# Appended to the executed copy of notebook 02: prints the numbers behind every chart it drew.
CHART_PROBE = 'import json\nprint("CHARTS", json.dumps({title: [float(n) for n in s] for title, s in charts.items()}))'


def run(path: Path, shared: Path, *, probe: str | None = None) -> NotebookNode:
    """The notebook executed in examples/ with ``shared`` as its shared data folder; fails on an error."""
    book = nbformat.read(path, as_version=4)
    if probe:
        book.cells.append(nbformat.v4.new_code_cell(probe))
    client = NotebookClient(book, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(EXAMPLES)}})
    started = time.perf_counter()
    client.execute(env={**os.environ, SHARED_VARIABLE: str(shared)})
    assert time.perf_counter() - started < 60, f"{path.name} took more than a minute"
    errors = [o for cell in book.cells for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    return book


def stream(book: NotebookNode, name: str) -> str:
    """Everything the cells printed on ``name`` ("stdout" or "stderr")."""
    outputs = [o for cell in book.cells for o in cell.get("outputs", [])]
    return "".join(o.text for o in outputs if o.output_type == "stream" and o.name == name)


def assert_no_warnings(book: NotebookNode) -> None:
    # stderr also carries the progress bar, so look for the word rather than for silence
    warnings = [line for line in stream(book, "stderr").splitlines() if "warning" in line.lower()]
    assert warnings == []


def charts_drawn(book: NotebookNode) -> dict[str, list[float]]:
    """The probe's {chart title: values}, checked against the pictures the notebook showed."""
    (line,) = [line for line in stream(book, "stdout").splitlines() if line.startswith("CHARTS ")]
    charts: dict[str, list[float]] = json.loads(line.removeprefix("CHARTS "))
    pictures = [o for cell in book.cells for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(pictures) == len(charts)
    return charts


def test_notebooks_are_stored_without_outputs() -> None:
    assert len(NOTEBOOKS) == 3
    for path in NOTEBOOKS:
        book = nbformat.read(path, as_version=4)
        code = [cell for cell in book.cells if cell.cell_type == "code"]
        assert all(not cell.get("outputs") and not cell.get("execution_count") for cell in code), path.name


@pytest.mark.parametrize("path", [path for path in NOTEBOOKS if path != DUMP], ids=lambda p: p.name)
def test_notebooks_run_without_warnings(path: Path) -> None:
    assert_no_warnings(run(path, SHARED))


def test_article_dump_with_shared_uses_a_corpus_sample() -> None:
    shared_file("corpus/articles.jsonl")
    book = run(DUMP, SHARED, probe=CHART_PROBE)
    assert_no_warnings(book)
    assert "Using a sample of the shared corpus" in stream(book, "stdout")
    assert len(charts_drawn(book)) >= 6


def test_article_dump_without_shared_says_so_and_charts_bundled_texts(tmp_path: Path) -> None:
    book = run(DUMP, tmp_path / "no-shared", probe=CHART_PROBE)
    assert_no_warnings(book)
    assert "The shared corpus is absent" in stream(book, "stdout")
    charts = charts_drawn(book)
    assert len(charts) >= 6  # every chart is drawn: the bundled texts have facts of every kind
    flat = [title for title, values in charts.items() if len(values) < 2 or len(set(values)) < 2]
    assert flat == []
