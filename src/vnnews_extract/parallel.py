"""Extraction in worker processes: one Pipeline per process, one article at a time, input order kept.

Each worker is a process of its own, so the runner always knows which article each one is running:

* an article over the time budget gets a ``Timeout`` ErrorRecord, and only its worker is killed
  and replaced (a pool cannot stop one task, and a hung regular expression cannot be interrupted
  from inside its process);
* when a worker dies, the article it was running is rerun *alone* (nothing else in flight), since
  an OOM kill or a stray ``kill`` may have hit a healthy article; only an article that kills its
  worker twice when running alone is reported as a ``WorkerCrash`` ErrorRecord.

A worker gets its next article only when it has finished the last one: sending to a busy worker
could block this process on a full pipe while that worker hangs, and then no budget would hold.
Nothing is lost, nothing is duplicated, and one bad article costs only itself.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, Literal, overload

from .extractors import REGISTRY
from .lexicon import SHIPPED, Lexicons
from .pipeline import DEFAULT_TIMEOUT, ErrorRecord, HtmlResult, Pipeline, Result, item_id

Item = str | Mapping[str, Any]
Task = tuple[int, Item]

WARM_UP = "Ngày 25/10/2017, UBND tỉnh Thanh Hóa ban hành Quyết định số 18/QĐ-UBND."
READY = "ready"  # a worker's first message: its Pipeline is built, the clock may start
ITEMS_PER_WORKER = 32  # items read ahead of the oldest unfinished one: bounds memory on long streams
CRASHES_ALONE = 2  # times an article must kill a worker when running alone to be called a WorkerCrash
START_FAILURES = 3  # workers in a row that die before they are ready: give up rather than loop
WORKER_MEMORY = 200 << 20  # about what a worker holds (bench/RESULTS.md: 161 MB RSS)


@overload
def extract_parallel(
    items: Iterable[Item], *, extractors: Sequence[str], max_chars: int, workers: int,
    timeout: float | None = DEFAULT_TIMEOUT, lexicons: Lexicons = SHIPPED, html: Literal[False] = False,
) -> Generator[Result, None, None]: ...


@overload
def extract_parallel(
    items: Iterable[Item], *, extractors: Sequence[str], max_chars: int, workers: int,
    timeout: float | None = DEFAULT_TIMEOUT, lexicons: Lexicons = SHIPPED, html: Literal[True],
) -> Generator[HtmlResult, None, None]: ...


@overload
def extract_parallel(
    items: Iterable[Item], *, extractors: Sequence[str], max_chars: int, workers: int,
    timeout: float | None = DEFAULT_TIMEOUT, lexicons: Lexicons = SHIPPED, html: bool,
) -> Generator[Result | HtmlResult, None, None]: ...


def extract_parallel(
    items: Iterable[Item], *, extractors: Sequence[str], max_chars: int, workers: int,
    timeout: float | None = DEFAULT_TIMEOUT, lexicons: Lexicons = SHIPPED, html: bool = False,
) -> Generator[Result | HtmlResult, None, None]:
    """Yield one Article or ErrorRecord per item, in input order, using ``workers`` processes.

    ``timeout`` is the budget in seconds for one article (None: no budget). At most
    ``ITEMS_PER_WORKER * workers`` items are read ahead, so memory stays bounded however long the stream.
    With ``html`` the items are HTML pages (``Pipeline.extract_html_item``) and give HtmlArticles.
    """
    run = _Run(items, _Settings(extractors, max_chars, lexicons, html), workers, timeout)
    try:
        yield from run.results()
    finally:
        run.stop()


def usable_workers(requested: int | None, *, cores: int, available_memory: int | None) -> tuple[int, str | None]:
    """How many workers to start for ``requested`` (None: one per core), and why fewer, if fewer.

    More workers than cores only compete for them; more than memory allows get OOM-killed.
    """
    wanted = cores if requested is None else max(1, requested)
    count, reason = wanted, ""
    if count > cores:
        count, reason = cores, f"{cores} cores"
    if available_memory is not None and count > (by_memory := max(1, available_memory // WORKER_MEMORY)):
        count = by_memory
        reason = (f"{available_memory >> 20:,} MB of memory available, "
                  f"about {WORKER_MEMORY >> 20} MB per worker")
    if count == wanted:
        return count, None
    asked = "one worker per core" if requested is None else f"--workers {requested}"
    return count, f"{asked} capped to {count}: {reason}"


def usable_cores() -> int:
    """The cores this process may run on (fewer than os.cpu_count() under a CPU set or container)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def available_memory() -> int | None:
    """MemAvailable from /proc/meminfo in bytes, or None where there is no such file."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


class _Settings:
    """What a worker needs to build its Pipeline.

    The registry entries travel with the names: an extractor registered at run time (a plug-in,
    a test) is then known to workers that did not fork from this process (spawn, forkserver).
    """

    def __init__(self, extractors: Sequence[str], max_chars: int, lexicons: Lexicons, html: bool = False):
        self.registry = {name: REGISTRY[name] for name in extractors}
        self.max_chars = max_chars
        self.lexicons = lexicons
        self.html = html


class _Worker:
    """One worker process and the article it is running, if any."""

    def __init__(self, settings: _Settings):
        self.settings = settings
        self._start()

    def _start(self) -> None:
        self.conn, child = multiprocessing.Pipe()
        self.process = multiprocessing.Process(
            target=_work, daemon=True,
            args=(child, self.settings.registry, self.settings.max_chars, self.settings.lexicons, self.settings.html),
        )
        self.process.start()
        child.close()  # else this end stays open here and a dead worker's pipe never reports EOF
        self.ready = False
        self.task: Task | None = None
        self.alone = False  # the task runs with nothing else in flight
        self.started = 0.0

    def send(self, task: Task, *, alone: bool) -> None:
        self.conn.send(task)
        self.task, self.alone, self.started = task, alone, time.monotonic()

    def restart(self) -> None:
        self.stop()
        self._start()

    def stop(self) -> None:
        """Kill the process: it holds nothing but a Pipeline, and it may be stuck where nothing else reaches."""
        self.process.kill()
        self.process.join()
        self.conn.close()


class _Run:
    """Hands items to idle workers and collects their results until the input is exhausted."""

    def __init__(self, items: Iterable[Item], settings: _Settings, workers: int, timeout: float | None):
        self.items = enumerate(items)
        self.exhausted = False
        self.read = 0  # items taken from ``items``
        self.emitted = 0  # results yielded: every index below this one is done
        self.window = ITEMS_PER_WORKER * workers
        self.timeout = timeout
        self.waiting: deque[Task] = deque()  # read, not started (their worker died before they got there)
        self.suspects: deque[Task] = deque()  # running when their worker died: rerun alone
        self.crashes_alone: dict[int, int] = {}
        self.finished: dict[int, Result | HtmlResult] = {}
        self.start_failures = 0
        self.workers = [_Worker(settings) for _ in range(workers)]

    def results(self) -> Iterator[Result | HtmlResult]:
        while True:
            self._dispatch()
            while self.emitted in self.finished:
                yield self.finished.pop(self.emitted)
                self.emitted += 1
            if not any(worker.task for worker in self.workers):
                if self.exhausted and not self.waiting and not self.suspects:
                    assert not self.finished, "results left over: an index was never returned"
                    return
            self._collect()

    def _dispatch(self) -> None:
        """Give idle workers work: a suspect alone once the others are idle, else the next items."""
        for worker in self.workers:
            if not worker.ready or worker.task is not None:
                continue
            if self.suspects:
                if not any(other.task for other in self.workers):
                    self._send(worker, self.suspects.popleft(), alone=True)
                return
            task = self._next_task()
            if task is None:
                return
            self._send(worker, task, alone=False)

    def _next_task(self) -> Task | None:
        if self.waiting:
            return self.waiting.popleft()
        if self.exhausted or self.read - self.emitted >= self.window:
            return None
        task = next(self.items, None)
        if task is None:
            self.exhausted = True
            return None
        self.read += 1
        return task

    def _send(self, worker: _Worker, task: Task, *, alone: bool) -> None:
        try:
            worker.send(task, alone=alone)
        except OSError:  # the worker died while idle; the task never started
            (self.suspects if alone else self.waiting).appendleft(task)
            worker.restart()

    def _collect(self) -> None:
        """Wait for a result, a ready worker, a dead worker or the next deadline, and handle it."""
        readable = wait([worker.conn for worker in self.workers], self._until_deadline())
        for worker in self.workers:
            if worker.conn not in readable:
                continue
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                self._died(worker)
                continue
            if message == READY:
                worker.ready, self.start_failures = True, 0
            else:
                self._done(worker, message)
        now = time.monotonic()
        for worker in self.workers:
            if worker.task is not None and self.timeout is not None and now - worker.started > self.timeout:
                self._timed_out(worker)

    def _until_deadline(self) -> float | None:
        starts = [worker.started for worker in self.workers if worker.task is not None]
        if self.timeout is None or not starts:
            return None
        return max(0.0, min(starts) + self.timeout - time.monotonic())

    def _done(self, worker: _Worker, result: Result | HtmlResult) -> None:
        assert worker.task is not None, "a result from a worker that had no article"
        self.finished[worker.task[0]] = result
        self.crashes_alone.pop(worker.task[0], None)
        worker.task = None

    def _timed_out(self, worker: _Worker) -> None:
        assert worker.task is not None
        index, item = worker.task
        worker.restart()
        self.crashes_alone.pop(index, None)
        self.finished[index] = ErrorRecord(
            index, item_id(item), "Timeout",
            f"extraction took more than {self.timeout:g} s; its worker process was killed and replaced",
        )

    def _died(self, worker: _Worker) -> None:
        task, alone = worker.task, worker.alone
        if not worker.ready:
            self.start_failures += 1
            if self.start_failures >= START_FAILURES:
                raise RuntimeError("worker processes die before they are ready; see their error output above")
        worker.restart()
        if task is None:
            return
        if not alone:  # other articles were running: the kill may have been meant for them, or for none
            self.suspects.append(task)
            return
        index, item = task
        self.crashes_alone[index] = self.crashes_alone.get(index, 0) + 1
        if self.crashes_alone[index] < CRASHES_ALONE:
            self.suspects.appendleft(task)
            return
        del self.crashes_alone[index]
        self.finished[index] = ErrorRecord(
            index, item_id(item), "WorkerCrash",
            f"a worker process died extracting this article, {CRASHES_ALONE} times when it ran alone",
        )

    def stop(self) -> None:
        for worker in self.workers:
            worker.stop()


def _work(conn: Connection, registry: dict[str, str], max_chars: int, lexicons: Lexicons, html: bool = False) -> None:
    """A worker process: build a Pipeline, then extract each article sent (a page: ``html``) until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the batch process, which stops us
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    REGISTRY.update(registry)
    pipeline = Pipeline(list(registry), max_chars=max_chars, lexicons=lexicons)
    pipeline.extract_item(-1, WARM_UP)  # loads the models now, so that no article pays for it from its budget
    conn.send(READY)
    extract = pipeline.extract_html_item if html else pipeline.extract_item
    while True:
        try:
            index, item = conn.recv()
        except EOFError:
            return
        conn.send(extract(index, item))


def _exit_with_parent(parent: int) -> None:
    """Leave when the batch process is gone (a SIGKILL runs no cleanup); a worker would wait forever."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)
