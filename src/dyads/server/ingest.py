"""Coding into a store that `dyads serve` holds: the server owns the DuckDB file, `dyads code` sends it batches.

DuckDB lets one process open a file for writing and then no other process open it at all, not even to
read. So while `dyads serve --db X` runs, it is the only process with X open: it writes `X.server.json`
(its loopback address and a random ingest token, readable by its owner only) and stores what
`POST /api/ingest` brings, one transaction per request. `dyads code --db X` codes in its own processes as
usual and, finding X locked and that file beside it, commits each batch through `ServedStore`, which
behaves like a `Store` to the resumable run (`done()`, `add()`). The server's readers see every batch as
soon as it is committed.
"""

from __future__ import annotations

import itertools
import json
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dyads.model import Document, Event

if TYPE_CHECKING:  # the coder pulls in spaCy, which the server needs only to code posted text
    from dyads.coder import CodedDocument
    from dyads.export.store import AddResult

INGEST_PATH = "/api/ingest"
MAX_INGEST_BYTES = 256_000_000
_REQUEST_BYTES = 32_000_000  # a batch is sent in requests of about this size, each stored whole
# A server that has just written its file may need a moment to listen, and a busy one to answer; one that
# does not answer in this many seconds is stopped or hung, and waiting longer would only look like a hang here.
ANSWER_WAIT_SECONDS = 5.0
_FIRST_TRY_SECONDS = 1.0
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never through a proxy


class StoreUnavailable(OSError):
    """The server holding the store could not be reached or refused a batch."""


class NobodyListens(StoreUnavailable):
    """Nothing listens at the server's address: it stopped (without removing its file, if killed)."""


class ServerSilent(StoreUnavailable):
    """Something listens at the server's address but did not answer in time: stopped, hung or busy."""


@dataclass(frozen=True)
class ServerFile:
    """`<store>.server.json`: where the server holding a store listens and the token its ingest needs."""

    path: Path

    @classmethod
    def beside(cls, store_path: Path) -> ServerFile:
        return cls(store_path.with_name(store_path.name + ".server.json"))

    def write(self, url: str, token: str) -> None:
        """Write the file, readable and writable by its owner only."""
        descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump({"url": url, "token": token, "pid": os.getpid()}, handle)

    def read(self) -> tuple[str, str] | None:
        """(url, token), or None when no server has announced itself."""
        try:
            content = json.loads(self.path.read_text(encoding="utf-8"))
            return content["url"], content["token"]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


def http_url(host: str, port: int) -> str:
    """`http://host:port`, an IPv6 address in brackets: `http://[::1]:8000`."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def local_url(host: str, port: int) -> str:
    """The address a process on this machine reaches a server listening on `host` at."""
    if host in ("0.0.0.0", ""):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    return http_url(host, port)


def coded_to_wire(coded: CodedDocument) -> dict[str, Any]:
    document = coded.document
    return {
        "document": {
            "id": document.id,
            "text": document.text,
            "date": document.date.isoformat() if document.date else None,
            "title": document.title,
            "source": document.source,
            "url": document.url,
            "metadata": document.metadata,
        },
        "sentences": coded.sentences,
        "events": [event.to_dict() for event in coded.events],
    }


def coded_from_wire(item: dict[str, Any]) -> CodedDocument:
    from dyads.coder import CodedDocument

    fields = dict(item["document"])
    fields["date"] = date.fromisoformat(fields["date"]) if fields.get("date") else None
    return CodedDocument(
        document=Document(**fields),
        events=[Event.from_dict(event) for event in item["events"]],
        sentences=int(item["sentences"]),
    )


class ServedStore:
    """The store a running `dyads serve` holds, seen through its ingest endpoint.

    >>> store = ServedStore.announced(Path("events.duckdb"))  # None when no server holds it
    >>> store.add(coded_documents)
    """

    one_id_per_text = True  # the server's `Store.add` decides

    def __init__(self, url: str, token: str, timeout: float = 600.0, path: Path | None = None):
        self.url = url
        self.token = token
        self.timeout = timeout
        self.path = path or url  # what a failure names: the store file the server holds

    @classmethod
    def announced(cls, store_path: Path, on_wait: Callable[[str], object] = lambda url: None) -> ServedStore | None:
        """The server that announced itself beside `store_path`, or None when none did or none listens there.

        `on_wait(url)` is called once when its first answer is late; a server that is listening but has not
        answered within `ANSWER_WAIT_SECONDS` (stopped, hung) raises StoreUnavailable, naming it.
        """
        announced = ServerFile.beside(store_path).read()
        if announced is None:
            return None
        store = cls(*announced, path=store_path)
        deadline = time.monotonic() + ANSWER_WAIT_SECONDS
        timeout = _FIRST_TRY_SECONDS
        for attempt in itertools.count():
            try:
                store._request("GET", f"{INGEST_PATH}/status", timeout=timeout)
                return store
            except NobodyListens:
                silent = False
                time.sleep(0.25)
            except ServerSilent:
                silent = True
            timeout = deadline - time.monotonic()
            if timeout <= 0:
                break
            if attempt == 0:
                on_wait(store.url)
        if not silent:
            return None
        raise ServerSilent(
            f"the server holding the store at {store.url} did not answer within {ANSWER_WAIT_SECONDS:g} s"
            " (stopped or hung?)"
        )

    def done(self) -> set[tuple[str, str]]:
        return {(doc_id, content_hash) for doc_id, content_hash in self._request("GET", f"{INGEST_PATH}/done")}

    def add(self, coded_documents: Iterable[CodedDocument]) -> AddResult:
        from dyads.export.store import AddResult

        result = AddResult()
        request: list[bytes] = []
        size = 0
        for coded in coded_documents:
            if coded.error is not None:
                result.failed += 1
                continue
            encoded = json.dumps(coded_to_wire(coded)).encode("ascii")  # ASCII: lone surrogates survive
            if request and size + len(encoded) > _REQUEST_BYTES:
                self._send(request, result)
                request, size = [], 0
            request.append(encoded)
            size += len(encoded) + 1
        if request:
            self._send(request, result)
        return result

    def close(self) -> None:
        """Nothing to release: the server keeps the store."""

    def _send(self, encoded_documents: list[bytes], result: AddResult) -> None:
        body = b"[" + b",".join(encoded_documents) + b"]"
        answer = self._request("POST", INGEST_PATH, body)
        for name in ("added", "skipped", "events"):
            setattr(result, name, getattr(result, name) + answer[name])
        result.replaced_ids += answer["replaced_ids"]
        result.duplicate_ids.update(answer["duplicate_ids"])

    def _request(self, method: str, path: str, body: bytes | None = None, timeout: float | None = None) -> Any:
        request = urllib.request.Request(
            self.url + path,
            data=body,
            method=method,
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
        )
        try:
            with _OPENER.open(request, timeout=timeout or self.timeout) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            raise StoreUnavailable(f"the server holding the store answered HTTP {error.code} to {path}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError):  # no retry: a hung server would hold up every later batch too
                raise ServerSilent(
                    f"the server holding the store at {self.url} did not answer within {timeout or self.timeout:g} s"
                    " (stopped or hung?)"
                ) from None
            failure = NobodyListens if isinstance(reason, ConnectionRefusedError) else ServerSilent
            raise failure(f"the server holding the store did not answer at {self.url}: {reason}") from None
