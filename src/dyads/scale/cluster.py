"""Coding on a Dask cluster: the `--engine dask` of `dyads code`.

The engine partitions the document stream on the client (whatever the readers read: JSONL, CSV, Parquet,
folders, stdin), keeps two partitions per worker thread in flight so memory stays flat on any corpus
size, and returns the coded documents to the client, which alone writes the outputs. Workers call the
same `Coder` as a local run, so they code the same events.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from dyads.coder import CodedDocument, Coder
from dyads.ingest.limits import DocumentLimits
from dyads.model import Document
from dyads.workers import WorkerPool

if TYPE_CHECKING:
    from typing_extensions import Self

log = logging.getLogger("dyads.scale")


class CodingProcess(WorkerPlugin):
    """Starts, once per Dask worker, the child process that codes its partitions under the watchdog of
    `dyads.workers` (a document that hangs or crashes costs only itself; the worker lives on). The child is
    started by a fork server, since forking a Dask worker's own threads is unsafe, and loads the pipeline
    once. A daemonic worker (Dask's default outside `DaskEngine`'s local cluster) may not have children: it
    codes in its own process, with the time limit checked only between the pieces of long documents."""

    name = "dyads-coding-process"

    def __init__(self, model: str, batch_size: int, limits: DocumentLimits):
        self.settings = (model, batch_size, limits)

    def setup(self, worker) -> None:
        _start_coding(self.settings, worker.address)

    def teardown(self, worker) -> None:
        pool = _pools.pop(self.settings, None)
        if pool is not None:
            pool.close()


class DaskEngine:
    """Code partitions of the stream on a Dask cluster: a `LocalCluster` of `workers` single-threaded
    processes, or the cluster whose scheduler is at `scheduler` (e.g. "tcp://10.0.0.5:8786").

    A partition whose worker died (out of memory, killed) is coded again one document per task, so a
    document that kills workers costs only itself: it comes back with an error and the run goes on.
    """

    def __init__(self, scheduler: str | None = None, workers: int = 2, partition_size: int = 32):
        self.scheduler = scheduler
        self.workers = workers
        self.partition_size = partition_size
        self.client: Client | None = None
        self._cluster: LocalCluster | None = None

    def __enter__(self) -> Self:
        if self.scheduler:
            self.client = Client(self.scheduler)
        else:
            with dask.config.set({"distributed.worker.daemon": False}):  # workers start coding processes
                self._cluster = LocalCluster(
                    n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=None
                )
            self.client = Client(self._cluster)
        return self

    def __exit__(self, *exc_info) -> None:
        if self.client is not None:
            self.client.close()
        if self._cluster is not None:
            self._cluster.close()
        self.client = self._cluster = None

    def threads(self) -> int:
        assert self.client is not None, "use the engine in a `with` block"
        return max(1, sum(self.client.nthreads().values()))

    def code(self, coder: Coder, documents: Iterable[Document]) -> Iterator[CodedDocument]:
        """Coded documents in the order their partitions finish."""
        assert self.client is not None, "use the engine in a `with` block"
        client = self.client
        settings = (coder.model, coder.batch_size, coder.limits)
        client.register_plugin(CodingProcess(*settings))
        in_flight = as_completed()
        pending: dict = {}  # future → its partition, kept to retry it document by document
        iterator = iter(documents)
        while partition := list(islice(iterator, self.partition_size)):
            future = client.submit(code_partition, partition, *settings, pure=False)
            pending[future] = partition
            in_flight.add(future)
            # two partitions per worker thread: workers never wait, and memory stays bounded
            while in_flight.count() >= 2 * self.threads():
                yield from self._collect(next(in_flight), pending, settings)
        for future in in_flight:
            yield from self._collect(future, pending, settings)

    def _collect(self, future, pending: dict, settings: tuple) -> list[CodedDocument]:
        partition = pending.pop(future)
        try:
            return future.result()
        except Exception as error:  # noqa: BLE001 - KilledWorker, CommClosedError, ...: isolate the document
            if len(partition) == 1:
                reason = f"coding failed on the cluster ({type(error).__name__}: {error})"
                log.warning("%s: %s; skipped", partition[0].id, reason)
                return [CodedDocument(partition[0], [], error=reason)]
            log.warning("%d documents failed together (%s); coding them one by one", len(partition), error)
            assert self.client is not None
            retries = {
                self.client.submit(code_partition, [document], *settings, pure=False): [document]
                for document in partition
            }
            pending.update(retries)
            return [coded for retry in retries for coded in self._collect(retry, pending, settings)]


_pools: dict[tuple, WorkerPool] = {}
_coders: dict[tuple, Coder] = {}  # where a daemonic worker codes in its own process
_starting = threading.Lock()


def code_partition(
    documents: list[Document], model: str, batch_size: int, limits: DocumentLimits
) -> list[CodedDocument]:
    """The task a Dask worker runs, in the coding process its `CodingProcess` plugin started (or starts now,
    when the task arrives before the plugin's set-up, as on a worker that joined late or a loaded machine)."""
    key = (model, batch_size, limits)
    if key not in _pools and key not in _coders:
        _start_coding(key, "this worker")
    if key in _pools:
        return list(_pools[key].code([documents]))
    return list(_coders[key].pipe(documents))


def _start_coding(settings: tuple, worker_name: str) -> None:
    """The watched coding process of this worker, or, in a daemonic worker that may not have children, a
    coder in the worker's own process."""
    with _starting:  # the plugin's set-up and an early task may both get here
        if settings not in _pools and settings not in _coders:
            _start_coding_once(settings, worker_name)


def _start_coding_once(settings: tuple, worker_name: str) -> None:
    coder = Coder(*settings)
    if multiprocessing.current_process().daemon:
        log.warning("%s is a daemonic process: coding without the per-document watchdog", worker_name)
        coder.nlp  # noqa: B018 - loaded now, so that no task pays for it
        _coders[settings] = coder
        return
    _pools[settings] = WorkerPool(coder, 1, multiprocessing.get_context("forkserver"))
