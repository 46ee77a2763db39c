"""Worker processes that code batches of documents under a watchdog.

spaCy's parser, a regular expression or a C extension can hang on a hostile document or crash the process
it runs in, and none of them can be interrupted from a thread. So documents are coded in child processes:
a batch still being coded after `DocumentLimits.max_seconds`, or whose process died, is abandoned (the
process is killed and replaced) and its documents are coded again one by one, each under the same limit.
A document that times out or kills its process alone comes back as a `CodedDocument` with an `error`;
every other document of the run is coded as if nothing had happened.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING

from dyads.model import Document

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from typing_extensions import Self

    from dyads.coder import CodedDocument, Coder

log = logging.getLogger("dyads")

_ORPHAN_CHECK_SECONDS = 2.0
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


@dataclass
class _Task:
    batch: int  # position of the batch in the input
    documents: list[Document]
    part: int | None = None  # position in its batch when the batch is being coded one document at a time


class _Worker:
    def __init__(self, context: BaseContext, coder: Coder):
        self.connection, child_end = context.Pipe()
        self.process = context.Process(target=_serve, args=(child_end, coder), daemon=True)
        self.process.start()
        child_end.close()
        self._wait_until_ready()
        self.task: _Task | None = None
        self.deadline = 0.0

    def _wait_until_ready(self) -> None:
        """Wait for the pipeline to load in the worker, so that no deadline counts the loading."""
        try:
            self.connection.recv()
        except EOFError:
            self.process.join()
            raise RuntimeError(f"a coding process died while loading (exit code {self.process.exitcode})") from None

    def start(self, task: _Task, seconds: float) -> None:
        self.task = task
        self.deadline = time.monotonic() + seconds
        self.connection.send(task.documents)

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


class WorkerPool:
    """`workers` child processes coding batches with `coder`, in input order, under its time limit.

    >>> with WorkerPool(coder, workers=2, context=multiprocessing.get_context("fork")) as pool:
    ...     for coded in pool.code(batches):
    ...         ...
    """

    def __init__(self, coder: Coder, workers: int, context: BaseContext):
        self.coder = coder
        self.context = context
        self.seconds = coder.limits.max_seconds
        self._workers = [_Worker(context, coder) for _ in range(max(1, workers))]

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        for worker in self._workers:
            worker.stop()
        self._workers = []

    def code(self, batches: Iterable[list[Document]]) -> Iterator[CodedDocument]:
        """Coded documents of `batches`, in order; at most two batches per worker are read ahead."""
        queue: deque[_Task] = deque()
        finished: dict[int, list[CodedDocument]] = {}
        parts: dict[int, list[CodedDocument | None]] = {}  # batches being coded one document at a time
        unread = enumerate(batches)
        read = yielded = 0
        exhausted = False
        while True:
            while not exhausted and read - yielded < 2 * len(self._workers):
                next_batch = next(unread, None)
                if next_batch is None:
                    exhausted = True
                else:
                    queue.append(_Task(*next_batch))
                    read += 1
            for worker in self._workers:
                if worker.task is None and queue:
                    worker.start(queue.popleft(), self.seconds)
            while yielded in finished:
                yield from finished.pop(yielded)
                yielded += 1
            busy = [worker for worker in self._workers if worker.task is not None]
            if not busy:
                if exhausted and not queue:
                    return
                continue
            timeout = max(0.0, min(worker.deadline for worker in busy) - time.monotonic())
            ready = wait([worker.connection for worker in busy], timeout=timeout)
            for worker in busy:
                task = worker.task
                assert task is not None
                if worker.connection in ready:
                    outcome = self._receive(worker)
                elif time.monotonic() >= worker.deadline:
                    outcome = f"still coding after {self.seconds:g} s, the time limit"
                else:
                    continue
                if isinstance(outcome, str):
                    self._replace(worker)
                    self._abandon(task, outcome, queue, finished, parts)
                else:
                    worker.task = None
                    self._record(task, outcome, finished, parts)

    def _receive(self, worker: _Worker) -> list[CodedDocument] | str:
        try:
            outcome = worker.connection.recv()
        except (EOFError, OSError):
            worker.process.join(timeout=5)
            return f"its worker process died (exit code {worker.process.exitcode})"
        return outcome

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        self._workers[self._workers.index(worker)] = _Worker(self.context, self.coder)

    def _abandon(self, task: _Task, reason: str, queue: deque, finished: dict, parts: dict) -> None:
        if len(task.documents) == 1:
            self._record(task, [self.coder.skipped(task.documents[0], reason)], finished, parts)
            return
        log.warning("a batch of %d documents failed (%s); coding them one by one", len(task.documents), reason)
        parts[task.batch] = [None] * len(task.documents)
        singles = [_Task(task.batch, [document], part) for part, document in enumerate(task.documents)]
        queue.extendleft(reversed(singles))

    @staticmethod
    def _record(task: _Task, coded: list[CodedDocument], finished: dict, parts: dict) -> None:
        if task.part is None:
            finished[task.batch] = coded
            return
        slots = parts[task.batch]
        slots[task.part] = coded[0]
        if all(slot is not None for slot in slots):
            finished[task.batch] = parts.pop(task.batch)


def _die_with_parent() -> None:
    """On Linux, have the kernel kill this worker the moment its parent dies (even by SIGKILL), so that
    no orphan keeps coding or holds the inherited locks of the parent's outputs."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _serve(connection: Connection, coder: Coder) -> None:
    """A worker's loop: code each batch received, send the coded documents back, stop with the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    parent = os.getppid()
    _die_with_parent()
    coder.nlp  # noqa: B018 - a worker started by a fork server loads the pipeline now
    connection.send("ready")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    while True:
        # a forked worker also holds other workers' pipe ends, so it may never see end-of-file: poll instead
        if not connection.poll(_ORPHAN_CHECK_SECONDS):
            if os.getppid() != parent:
                return
            continue
        try:
            documents = connection.recv()
        except (EOFError, OSError):
            return
        try:
            connection.send(list(coder.code_batch(documents)))
        except Exception as error:  # noqa: BLE001 — reported to the parent, which isolates the documents
            connection.send(f"its worker failed ({type(error).__name__}: {error})")
