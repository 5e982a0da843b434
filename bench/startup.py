"""Start-up time: a new process's first ``extract()`` and a whole ``vnnews-extract extract`` run.

    .venv/bin/python bench/startup.py [--runs 3]

Each figure is the median of fresh processes over the seed article, in three states of the
compiled-pattern cache (``vnnews_extract.regex_cache``), each with a temporary user cache directory:

- nothing compiled: no shipped patterns (as with a ``regex`` release other than the one they were
  built for) and an empty user cache: the first run on such a machine;
- shipped: the patterns in the package, an empty user cache: a fresh install;
- user cache: no shipped patterns, the user cache the first state left: every later run.
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

_SETUP = """
import sys, time
started = time.perf_counter()
from vnnews_extract import regex_cache
if sys.argv[2] == "no":
    regex_cache._CACHE = regex_cache.PatternCache(regex_cache.cache_dir(), shipped=None)
"""
_FIRST_EXTRACT = _SETUP + """
import vnnews_extract
imported = time.perf_counter()
text = open(sys.argv[1], encoding="utf-8").read()
vnnews_extract.extract(text)
first = time.perf_counter()
vnnews_extract.extract(text)
print(imported - started, first - imported, time.perf_counter() - first)
"""
_CLI = _SETUP + """
from vnnews_extract.cli import main
sys.exit(main(["extract", sys.argv[1]]))
"""
STATES = {"nothing compiled": "no", "shipped": "yes", "user cache": "no"}


def _run(script: str, cache: Path, shipped: str) -> str:
    env = {**os.environ, "VNNEWS_EXTRACT_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-c", script, str(SEED), shipped], env=env, check=True,
                          capture_output=True, text=True).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    rows: dict[str, list[float]] = {}
    for _ in range(runs):
        for script in (_FIRST_EXTRACT, _CLI):
            with tempfile.TemporaryDirectory() as empty, tempfile.TemporaryDirectory() as user:
                for state, shipped in STATES.items():  # "nothing compiled" fills the cache "user cache" reads
                    cache = Path(empty if state == "shipped" else user)
                    started = time.perf_counter()
                    out = _run(script, cache, shipped)
                    wall = time.perf_counter() - started
                    if script is _CLI:
                        rows.setdefault(f"vnnews-extract extract FILE (wall), {state}", []).append(wall)
                        continue
                    imported, first, second = (float(value) for value in out.split())
                    rows.setdefault("import vnnews_extract", []).append(imported)
                    rows.setdefault(f"first extract(), {state}", []).append(first)
                    rows.setdefault("second extract()", []).append(second)
    print(f"| what ({runs} fresh processes each; median) | seconds |")
    print("| --- | ---: |")
    for what, values in rows.items():
        print(f"| {what} | {statistics.median(values):.2f} |")


if __name__ == "__main__":
    main()
