"""Extraction in worker processes: one Pipeline per process, chunked, input order kept.

A killed worker breaks a ProcessPoolExecutor (multiprocessing.Pool would wait forever for the lost
task), so the pool is rebuilt and the unfinished chunks are retried once; a chunk that breaks the
pool twice is reported item by item as ErrorRecords. Nothing is lost and nothing is duplicated.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

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
    window = 2 * workers
    executor = _executor(extractors, max_chars, workers)
    pending: deque[tuple[Chunk, Future[list[Result]], int]] = deque()
    try:
        while True:
            while len(pending) < window and (chunk := next(chunks, None)) is not None:
                pending.append((chunk, executor.submit(_extract_chunk, chunk), 0))
            if not pending:
                return
            chunk, future, attempts = pending.popleft()
            try:
                yield from future.result()
            except BrokenProcessPool:
                # Every result in flight is void: rebuild the pool and resubmit them, the failing chunk
                # first unless this was already its retry.
                executor.shutdown(wait=False, cancel_futures=True)
                executor = _executor(extractors, max_chars, workers)
                retry = [(c, a) for c, _, a in pending]
                if attempts == 0:
                    retry.insert(0, (chunk, 1))
                else:
                    yield from _crashed(chunk)
                pending = _resubmit(executor, retry)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _resubmit(
    executor: ProcessPoolExecutor, chunks: list[tuple[Chunk, int]]
) -> deque[tuple[Chunk, Future[list[Result]], int]]:
    """Submit again every chunk that was in flight when the pool broke (all their results are void)."""
    return deque((chunk, executor.submit(_extract_chunk, chunk), attempts) for chunk, attempts in chunks)


def _crashed(chunk: Chunk) -> Iterator[ErrorRecord]:
    for index, item in chunk:
        yield ErrorRecord(index, item_id(item), "WorkerCrash",
                          "the worker process died twice on the chunk holding this article")


def _chunks(numbered: Iterator[tuple[int, Item]], size: int) -> Iterator[Chunk]:
    while chunk := list(itertools.islice(numbered, size)):
        yield chunk


def _executor(extractors: Sequence[str], max_chars: int, workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(tuple(extractors), max_chars))


def _start_worker(extractors: tuple[str, ...], max_chars: int) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(extractors, max_chars=max_chars)


def _extract_chunk(chunk: Chunk) -> list[Result]:
    assert _worker_pipeline is not None, "worker started without its pipeline"
    return [_worker_pipeline.extract_item(index, item) for index, item in chunk]
