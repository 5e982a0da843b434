"""Extraction in worker processes: one Pipeline per process, chunked, input order kept.

A killed worker breaks a ProcessPoolExecutor (multiprocessing.Pool would wait forever for the lost
task), and every chunk in flight fails with it, so the culprit is unknown. The pool is rebuilt and
the chunks that were in flight are rerun one at a time; a chunk that breaks the pool on its own is
rerun item by item, and only an item that breaks it on its own is reported as a WorkerCrash
ErrorRecord. Nothing is lost, nothing is duplicated, and one bad article costs only itself.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .extractors import REGISTRY
from .pipeline import ErrorRecord, Pipeline, Result, item_id

Item = str | Mapping[str, Any]
Chunk = list[tuple[int, Item]]

_worker_pipeline: Pipeline | None = None


def extract_parallel(
    items: Iterable[Item], *, extractors: Sequence[str], max_chars: int, workers: int, chunk_size: int = 16
) -> Iterator[Result]:
    """Yield one Article or ErrorRecord per item, in input order, using ``workers`` processes.

    At most ``2 * workers`` chunks are in flight, so memory stays bounded however long the stream.
    """
    chunks = _chunks(enumerate(items), chunk_size)
    pool = _Pool(tuple(extractors), max_chars, workers)
    pending: deque[tuple[Chunk, Future[list[Result]]]] = deque()
    try:
        while True:
            while len(pending) < 2 * workers and (chunk := next(chunks, None)) is not None:
                pending.append((chunk, pool.submit(chunk)))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                yield from future.result()
            except BrokenProcessPool:
                suspects = [chunk, *(other for other, _ in pending)]
                pending.clear()
                pool.restart()
                for suspect in suspects:
                    yield from _alone(pool, suspect)
    finally:
        pool.shutdown()


def _alone(pool: _Pool, chunk: Chunk) -> Iterator[Result]:
    """Run ``chunk`` with nothing else in flight, so a broken pool can only be its doing."""
    try:
        results = pool.submit(chunk).result()
    except BrokenProcessPool:
        pool.restart()
        if len(chunk) == 1:
            yield from _crashed(chunk)
        else:
            for item in chunk:
                yield from _alone(pool, [item])
        return
    yield from results


class _Pool:
    """A process pool that can be rebuilt after a worker dies; each worker holds its own Pipeline."""

    def __init__(self, extractors: tuple[str, ...], max_chars: int, workers: int):
        # The registry entries travel with the names: an extractor registered at run time (a plug-in,
        # a test) is then known to workers that did not fork from this process (spawn, forkserver).
        self.settings = ({name: REGISTRY[name] for name in extractors}, max_chars)
        self.workers = workers
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, initializer=_start_worker, initargs=self.settings)

    def submit(self, chunk: Chunk) -> Future[list[Result]]:
        """The chunk's future; if the pool is already broken, one that fails like the chunks in flight."""
        try:
            return self.executor.submit(_extract_chunk, chunk)
        except BrokenProcessPool as error:  # a worker died since the last result was collected
            failed: Future[list[Result]] = Future()
            failed.set_exception(error)
            return failed

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _crashed(chunk: Chunk) -> Iterator[ErrorRecord]:
    for index, item in chunk:
        yield ErrorRecord(index, item_id(item), "WorkerCrash",
                          "a worker process died extracting this article, also when it ran alone")


def _chunks(numbered: Iterator[tuple[int, Item]], size: int) -> Iterator[Chunk]:
    while chunk := list(itertools.islice(numbered, size)):
        yield chunk


def _start_worker(extractors: dict[str, str], max_chars: int) -> None:
    global _worker_pipeline
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    REGISTRY.update(extractors)
    _worker_pipeline = Pipeline(list(extractors), max_chars=max_chars)


def _exit_with_parent(parent: int) -> None:
    """Leave when the batch process is gone (a SIGKILL runs no cleanup); a worker would wait forever."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _extract_chunk(chunk: Chunk) -> list[Result]:
    assert _worker_pipeline is not None, "worker started without its pipeline"
    return [_worker_pipeline.extract_item(index, item) for index, item in chunk]
