"""Start-up time: a new process's first ``extract()`` and a whole ``vnnews-extract extract`` run.

    .venv/bin/python bench/startup.py [--runs 3]

Each figure is the median of fresh processes. "cold" is with an empty compiled-pattern cache (the
first run after an install or a ``regex`` upgrade), "warm" with the cache the cold run left
(``vnnews_extract.regex_cache``); both use a temporary cache directory, never the user's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "seed_article.txt"
CLI = Path(sys.executable).parent / "vnnews-extract"

_FIRST_EXTRACT = """
import sys, time
start = time.perf_counter()
import vnnews_extract
imported = time.perf_counter()
text = open(sys.argv[1], encoding="utf-8").read()
vnnews_extract.extract(text)
first = time.perf_counter()
vnnews_extract.extract(text)
print(imported - start, first - imported, time.perf_counter() - first)
"""


def _in_python(cache: Path) -> list[float]:
    env = {**os.environ, "VNNEWS_EXTRACT_CACHE_DIR": str(cache)}
    out = subprocess.run([sys.executable, "-c", _FIRST_EXTRACT, str(SEED)], env=env, check=True,
                         capture_output=True, text=True).stdout
    return [float(value) for value in out.split()]


def _cli(cache: Path) -> float:
    env = {**os.environ, "VNNEWS_EXTRACT_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    subprocess.run([str(CLI), "extract", str(SEED)], env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    rows: dict[str, list[float]] = {}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cold:
            for state in ("cold", "warm"):  # the cold run fills the cache the warm run reads
                imported, first, second = _in_python(Path(cold))
                rows.setdefault("import vnnews_extract", []).append(imported)
                rows.setdefault(f"first extract(), {state}", []).append(first)
                rows.setdefault("second extract()", []).append(second)
        with tempfile.TemporaryDirectory() as cache:
            for state in ("cold", "warm"):
                rows.setdefault(f"vnnews-extract extract FILE (wall), {state}", []).append(_cli(Path(cache)))
    print(f"| what ({runs} fresh processes each; median) | seconds |")
    print("| --- | ---: |")
    for what, values in rows.items():
        print(f"| {what} | {statistics.median(values):.2f} |")


if __name__ == "__main__":
    main()
