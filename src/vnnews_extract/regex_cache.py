"""Compiled regexes kept on disk, so that a new process does not spend seconds compiling lexicons.

The lexicon patterns (the title grammar, the tries of public bodies and organisation names) run to
tens of thousands of characters, and the ``regex`` module parses patterns in Python: about 2.5 s per
process, most of a first ``extract()``. What it compiles to is plain data (the tuple its pickle
support exposes), which its C core turns back into a pattern in microseconds. So each compiled
pattern is stored in one marshal file per ``regex`` and Python version (marshal holds only data,
never code, unlike pickle; a SHA-256 of it comes first), keyed by the pattern and its flags: a
changed lexicon is a new key, never a stale pattern, and a new ``regex`` release starts a new file.

The directory is ``$VNNEWS_EXTRACT_CACHE_DIR``, else ``$XDG_CACHE_HOME/vnnews_extract``, else
``~/.cache/vnnews_extract``; ``VNNEWS_EXTRACT_CACHE_DIR=off`` turns the cache off. A cache that
cannot be read is ignored and one that cannot be written is skipped: the cache only ever saves time.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

import regex
from regex import _regex  # the C core: builds a pattern from compiled code

ENV = "VNNEWS_EXTRACT_CACHE_DIR"
_OFF = {"", "0", "off", "no", "false"}
_MAX_ENTRIES = 2_000  # a default Pipeline compiles ~150; past this (old lexicons, many user ones) start afresh

_DIGEST = 32  # bytes of SHA-256 before the marshal data
Key = tuple[str, int]


def cache_dir() -> Path | None:
    """Where compiled patterns are kept, or None when the cache is turned off."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in _OFF else Path(chosen)
    if base := os.environ.get("XDG_CACHE_HOME"):
        return Path(base) / "vnnews_extract"
    try:
        return Path.home() / ".cache" / "vnnews_extract"
    except RuntimeError:  # no HOME and no user database entry (some containers): no cache, no failure
        return None


class PatternCache:
    """Compiled patterns by (pattern, flags), read from one file on first use and written on ``save``."""

    def __init__(self, directory: Path | None) -> None:
        version = f"regex{regex.__version__}-{_regex.MAGIC}-py{sys.version_info[0]}.{sys.version_info[1]}"
        self.path = directory / f"patterns-{version}.marshal" if directory else None
        self._stored: dict[Key, tuple[Any, ...]] | None = None
        self._new: dict[Key, tuple[Any, ...]] = {}
        self._compiled: dict[Key, regex.Pattern[str]] = {}
        self._lock = threading.Lock()

    def compile(self, pattern: str, flags: int = 0) -> regex.Pattern[str]:
        key = (pattern, int(flags))  # a RegexFlag is an int that marshal refuses
        with self._lock:
            if (compiled := self._compiled.get(key)) is not None:
                return compiled  # patterns are immutable: one object per process, as regex's own cache
            stored = self._read().get(key) or self._new.get(key)
        compiled = _rebuilt(stored) if stored is not None else None
        if compiled is None:
            compiled = regex.compile(pattern, flags)
            with self._lock:
                self._new[key] = compiled._pickled_data
        with self._lock:
            self._compiled[key] = compiled
        return compiled

    def save(self) -> None:
        """Add the patterns compiled since the last save to the file (merged with what other
        processes wrote meanwhile; written whole and renamed into place, so readers never see half)."""
        with self._lock:
            if not self._new or self.path is None:
                return
            new, self._new = self._new, {}
            self._stored = {**self._read(), **new}
            merged = {**_load(self.path), **new}
            _write(self.path, merged if len(merged) <= _MAX_ENTRIES else self._stored)

    def _read(self) -> dict[Key, tuple[Any, ...]]:
        if self._stored is None:
            self._stored = _load(self.path) if self.path else {}
        return self._stored


def _rebuilt(stored: tuple[Any, ...]) -> regex.Pattern[str] | None:
    try:
        return _regex.compile(*stored)
    except Exception:  # noqa: BLE001 (a damaged entry is compiled afresh, never an article's failure)
        return None


def _load(path: Path) -> dict[Key, tuple[Any, ...]]:
    try:
        data = path.read_bytes()
        digest, payload = data[:_DIGEST], data[_DIGEST:]
        # The C core trusts the code it is given (bad code crashes the process): a file whose bytes
        # changed since it was written, by a disk error or a hand, is not read.
        if hashlib.sha256(payload).digest() != digest:
            return {}
        entries = marshal.loads(payload)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(entries, dict):
        return {}
    # An entry whose stored pattern is not its key was not written by this module: skip it.
    return {key: data for key, data in entries.items() if _well_formed(key, data)}


def _well_formed(key: Any, data: Any) -> bool:
    return (
        isinstance(key, tuple) and len(key) == 2 and isinstance(data, tuple) and len(data) == 11
        and data[0] == key[0] and isinstance(data[2], bytes)
    )


def _write(path: Path, entries: dict[Key, tuple[Any, ...]]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    except OSError:
        return
    try:
        payload = marshal.dumps(entries)
        with os.fdopen(handle, "wb") as out:
            out.write(hashlib.sha256(payload).digest() + payload)
        os.replace(temporary, path)
    except (OSError, ValueError):  # ValueError: something marshal cannot hold; never worth failing an article
        with contextlib.suppress(OSError):
            os.unlink(temporary)


# Process-wide, like the ``regex`` module's own cache: every extractor of every Pipeline compiles
# through it, and compiled patterns are immutable.
_CACHE = PatternCache(cache_dir())


def compile_pattern(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile``, through the on-disk cache of compiled patterns."""
    return _CACHE.compile(pattern, flags)


def save() -> None:
    """Write the patterns compiled so far to the cache (Pipeline.extract calls this)."""
    _CACHE.save()
