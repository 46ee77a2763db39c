"""Coding on a Dask cluster: the `--engine dask` of `dyads code`.

The engine partitions the document stream on the client (whatever the readers read: JSONL, CSV, Parquet,
folders, stdin), keeps two partitions per worker thread in flight so memory stays flat on any corpus
size, and returns the coded documents to the client, which alone writes the outputs. Workers call the
same `Coder` as a local run, so they code the same events.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from dyads import nlp as pipeline
from dyads.coder import CodedDocument, Coder
from dyads.ingest.limits import DocumentLimits
from dyads.model import Document

if TYPE_CHECKING:
    from typing_extensions import Self

log = logging.getLogger("dyads.scale")


class LoadPipeline(WorkerPlugin):
    """Loads the spaCy pipeline once when a worker starts, so no task pays for it."""

    name = "dyads-pipeline"

    def __init__(self, model: str):
        self.model = model

    def setup(self, worker) -> None:
        pipeline.shared(self.model)


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
        client.register_plugin(LoadPipeline(coder.model))
        settings = (coder.model, coder.batch_size, coder.limits)
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


_coders: dict[tuple, Coder] = {}


def code_partition(
    documents: list[Document], model: str, batch_size: int, limits: DocumentLimits
) -> list[CodedDocument]:
    """The task a Dask worker runs; the Coder (and its pipeline) is made once per worker process."""
    key = (model, batch_size, limits)
    if key not in _coders:
        _coders[key] = Coder(model, batch_size, limits)
    return list(_coders[key].pipe(documents))
