"""The on-disk cache of compiled patterns: hits across processes, never a failure of its own."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import regex

from vnnews_extract import regex_cache
from vnnews_extract.lexicon import alternation, word_trie
from vnnews_extract.regex_cache import PatternCache

SEED = Path(__file__).parent.parent / "examples" / "seed_article.txt"
PATTERN = alternation(["Bộ Tài chính", "Bộ Tư pháp", "Ủy ban nhân dân"], flags="i") + r"\s+(?P<rest>\p{Lu}\w*)"


def _stored_file(directory: Path) -> Path:
    [path] = directory.glob("patterns-*.marshal.z")
    return path


def test_regex_cache_serves_a_saved_pattern_without_compiling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = PatternCache(tmp_path, shipped=None)
    compiled = first.compile(PATTERN, regex.MULTILINE)
    first.save()
    monkeypatch.setattr(regex, "compile", lambda *args, **kwargs: pytest.fail("compiled instead of read"))
    again = PatternCache(tmp_path, shipped=None).compile(PATTERN, regex.MULTILINE)
    text = "họp tại bộ tài chính  Hà Nội"
    assert again.search(text).span("rest") == compiled.search(text).span("rest") == (22, 24)
    assert again.flags == compiled.flags


def test_regex_cache_ignores_a_damaged_file_and_rewrites_it(tmp_path: Path) -> None:
    cache = PatternCache(tmp_path, shipped=None)
    cache.compile(PATTERN)
    cache.save()
    _stored_file(tmp_path).write_bytes(b"\x00not marshal")
    fresh = PatternCache(tmp_path, shipped=None)
    assert fresh.compile(PATTERN).search("Bộ Tư pháp Lào")
    fresh.save()
    assert PatternCache(tmp_path, shipped=None)._read().keys() == {(PATTERN, int(regex.DEFAULT_VERSION))}


def test_regex_cache_skips_a_directory_it_cannot_write(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache directory would be")
    cache = PatternCache(blocked / "cache", shipped=None)
    assert cache.compile(PATTERN).search("Ủy ban nhân dân Huế")
    cache.save()  # no exception, nothing written
    assert blocked.read_text().startswith("a file")


def test_regex_cache_dir_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(regex_cache.ENV, "off")
    assert regex_cache.cache_dir() is None
    monkeypatch.setenv(regex_cache.ENV, str(tmp_path))
    assert regex_cache.cache_dir() == tmp_path


def test_regex_cache_without_a_home_directory_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    for variable in (regex_cache.ENV, "XDG_CACHE_HOME"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert regex_cache.cache_dir() is None


def test_regex_cache_patterns_do_not_depend_on_input_order() -> None:
    names = ["Bộ Tài chính", "Bộ Tư pháp", "Sở Y tế", "Sở Tư pháp", "Ban Tổ chức"]
    split = [name.split() for name in names]
    assert alternation(names) == alternation(reversed(names))
    assert word_trie(split, r"\s+") == word_trie(reversed(split), r"\s+")


_COUNT_MISSES = """
import sys, regex
from pathlib import Path
from vnnews_extract import regex_cache
if sys.argv[2] == "without-shipped":
    regex_cache._CACHE = regex_cache.PatternCache(regex_cache.cache_dir(), shipped=None)
big = []
compile = regex.compile
def counting(pattern, *args, **kwargs):
    if len(pattern) > 1000:
        big.append(len(pattern))
    return compile(pattern, *args, **kwargs)
regex.compile = counting
import vnnews_extract
vnnews_extract.extract(open(sys.argv[1], encoding="utf-8").read())
print(len(big))
"""


def _misses(cache: Path, seed: str, shipped: str = "with-shipped") -> int:
    """Lexicon patterns a new process compiles for the seed article, with ``cache`` as its user cache."""
    env = {**os.environ, regex_cache.ENV: str(cache), "PYTHONHASHSEED": seed}
    run = subprocess.run([sys.executable, "-c", _COUNT_MISSES, str(SEED), shipped], env=env, capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stderr
    return int(run.stdout.split()[-1])


def test_regex_cache_a_second_process_compiles_no_lexicon_pattern(tmp_path: Path) -> None:
    # Patterns built from sets must come out the same under another hash seed, or every process misses.
    assert _misses(tmp_path, "1", "without-shipped") > 10
    assert _misses(tmp_path, "2", "without-shipped") == 0


def test_regex_cache_shipped_patterns_are_current(tmp_path: Path) -> None:
    assert regex_cache.SHIPPED.is_file(), (
        f"no shipped patterns for regex {regex.__version__}: `make patterns` (the Makefile installs the release "
        "they are built for)"
    )
    stale = "a lexicon or pattern changed since the shipped patterns were built: `make patterns`"
    assert _misses(tmp_path, "3") == 0, stale
    assert list(tmp_path.iterdir()) == []  # nothing new to write to the user's cache


def test_regex_cache_builds_each_pattern_once_per_process(tmp_path: Path) -> None:
    # Rebuilding a 50,000-character pattern from its stored code costs milliseconds: a rule that
    # compiles per article must get the same object back, as from regex's own cache.
    cache = PatternCache(tmp_path, shipped=None)
    assert cache.compile(PATTERN) is cache.compile(PATTERN)
    cache.save()
    again = PatternCache(tmp_path, shipped=None)
    assert again.compile(PATTERN) is again.compile(PATTERN)


def test_regex_cache_does_not_read_a_file_whose_bytes_changed(tmp_path: Path) -> None:
    # Compiled code is run by the C core as it is: a flipped bit must never reach it.
    cache = PatternCache(tmp_path, shipped=None)
    cache.compile(PATTERN)
    cache.save()
    path = _stored_file(tmp_path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    fresh = PatternCache(tmp_path, shipped=None)
    assert fresh._read() == {}
    assert fresh.compile(PATTERN).search("Bộ Tư pháp Lào")


def test_regex_cache_file_over_its_cap_starts_again_without_the_shipped_layer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(regex_cache, "_MAX_ENTRIES", 10)
    for run in range(4):
        cache = PatternCache(tmp_path)  # with the shipped layer: it must not be copied into the file
        for number in range(8):
            cache.compile(f"{PATTERN}(?#{run}-{number})")
        cache.save()
        assert len(PatternCache(tmp_path, shipped=None)._read()) <= 10


def test_regex_cache_keeps_a_bounded_number_of_objects_and_nothing_to_save_without_a_directory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(regex_cache, "_MAX_IN_MEMORY", 3)
    cache = PatternCache(None, shipped=None)
    for number in range(10):
        cache.compile(f"x{number}")
    assert len(cache._compiled) == 3 and cache._new == {}


def test_regex_cache_keys_carry_the_regex_version(tmp_path: Path) -> None:
    # V0 and V1 read "[[a-z]--[aeiou]]" differently: a pattern compiled under one must not serve the other.
    cache = PatternCache(tmp_path, shipped=None)
    version0, version1 = cache.compile(r"[[a-z]--[aeiou]]+"), cache.compile(r"[[a-z]--[aeiou]]+", regex.V1)
    assert version0 is not version1
    assert version1.fullmatch("xyz") and not version0.fullmatch("xyz")


def _save_distinct(directory: str, worker: int, barrier: Any) -> None:
    cache = PatternCache(Path(directory), shipped=None)
    for number in range(20):
        cache.compile(f"w{worker}-{number}")
    barrier.wait()
    cache.save()


def test_regex_cache_processes_saving_at_once_keep_every_pattern(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(6)
    workers = [context.Process(target=_save_distinct, args=(str(tmp_path), n, barrier)) for n in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
    assert [worker.exitcode for worker in workers] == [0] * 6
    assert len(PatternCache(tmp_path, shipped=None)._read()) == 6 * 20
