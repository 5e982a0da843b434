"""Every code block of the README runs: the Python ones in order in one namespace, the shell ones
with bash, so an example that drifts from the library fails here rather than in a reader's hands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import regex

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BLOCKS = regex.findall(r"(?m)^```(\w*)\n(.*?)^```", (ROOT / "README.md").read_text(encoding="utf-8"), flags=regex.S)
SETUP = "make demo   #"  # the first block: the two make commands


def _blocks(language: str) -> list[str]:
    return [code for lang, code in BLOCKS if lang == language]


def test_readme_blocks_all_have_a_language_this_test_knows() -> None:
    # "text" blocks are listings (the layout); anything else would escape this test unnoticed.
    assert {lang for lang, _ in BLOCKS} <= {"python", "sh", "text"}
    assert len(_blocks("python")) >= 5 and len(_blocks("sh")) >= 4


def test_readme_python_blocks_run_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the examples read examples/seed_article.txt
    namespace: dict[str, object] = {}
    for number, code in enumerate(_blocks("python"), start=1):
        try:
            exec(compile(code, f"README.md python block {number}", "exec"), namespace)  # noqa: S102
        except Exception as error:
            pytest.fail(f"README python block {number} failed: {type(error).__name__}: {error}\n{code}")
    article = namespace["article"]
    assert [o.name for o in article.officials] == ["Chảo Văn Lâm"]  # type: ignore[attr-defined]
    assert len(namespace["lines"]) == len(namespace["rows"]) == 3  # type: ignore[arg-type]


def test_readme_make_demo_prints_the_seed_articles_facts() -> None:
    setup = next(code for code in _blocks("sh") if code.startswith(SETUP))
    commands = [line.split("#")[0].strip() for line in setup.splitlines()]
    assert commands == ["make demo", "make test"]  # "make test" is the run this test belongs to
    demo = subprocess.run(["make", "--no-print-directory", "demo"], cwd=ROOT, capture_output=True, text=True)
    assert demo.returncode == 0, demo.stderr
    article = json.loads(demo.stdout[demo.stdout.index("{") :])
    assert article["authors"] == ["Anh Phong"] and article["officials"]


@pytest.mark.parametrize(
    "code", [code for code in _blocks("sh") if not code.startswith(SETUP)], ids=lambda code: " ".join(code.split()[:2])
)
def test_readme_shell_block_runs(code: str, tmp_path: Path) -> None:
    if "../shared" in code and not SHARED.is_dir():
        pytest.skip(f"this README block reads {SHARED}, which is absent")
    work = tmp_path / "checkout"  # outputs land here; inputs are the checkout's, by the same relative paths
    work.mkdir()
    (work / "examples").symlink_to(ROOT / "examples")
    if SHARED.is_dir():
        (tmp_path / "shared").symlink_to(SHARED)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run(["bash", "-euo", "pipefail", "-c", code], cwd=work, env=env, capture_output=True, text=True)
    assert run.returncode == 0, f"{code}\n--- stderr:\n{run.stderr[-3000:]}"
    written = [path.name for path in work.iterdir() if path.name != "examples"]
    assert run.stdout.strip() or written, "the block neither printed nor wrote anything"
