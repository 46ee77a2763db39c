"""uvicorn's HTTP/1.1 protocol with a deadline for receiving a request and a cap on open connections.

uvicorn times out idle keep-alive connections but not a request that arrives slowly: a client that sends
half a request line, or its headers or body a byte at a time, holds its connection (and a file
descriptor) forever, and enough of them make the server unresponsive. Here each connection must deliver
a whole request within `request_timeout` seconds of opening or of its previous response, or it is
closed; and when `max_connections` are open, the connection that has waited longest without a request in
progress is closed to make room for a new one, so idle or slow clients cannot lock others out.
"""

from __future__ import annotations

import asyncio
import functools
import resource

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

DEFAULT_REQUEST_TIMEOUT = 10.0
DEFAULT_MAX_CONNECTIONS = 1000
KEEP_ALIVE_TIMEOUT = 5
_RESERVED_DESCRIPTORS = 64  # for the store, static files and the Python runtime


def max_connections_for(requested: int = DEFAULT_MAX_CONNECTIONS) -> int:
    """`requested`, but never so many that the process would run out of file descriptors."""
    soft_limit, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft_limit == resource.RLIM_INFINITY:
        return requested
    return max(1, min(requested, soft_limit - _RESERVED_DESCRIPTORS))


class GuardedH11Protocol(H11Protocol):
    def __init__(self, *args, request_timeout: float, max_connections: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.request_timeout = request_timeout
        self.max_connections = max_connections
        self.waiting_since = 0.0
        self.request_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_request()
        if len(self.connections) > self.max_connections:
            self._close_longest_waiting()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.request_deadline is not None:
            self.request_deadline.cancel()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._await_request()

    def receiving_request(self) -> bool:
        """Whether the client still owes us (part of) a request: no request yet, or its body unfinished."""
        return self.conn.their_state in (h11.IDLE, h11.SEND_BODY)

    def _await_request(self) -> None:
        if self.request_deadline is not None:
            self.request_deadline.cancel()
        self.waiting_since = self.loop.time()
        self.request_deadline = self.loop.call_later(self.request_timeout, self._request_overdue)

    def _request_overdue(self) -> None:
        if self.receiving_request() and not self.transport.is_closing():
            self.transport.close()

    def _close_longest_waiting(self) -> None:
        waiting = [
            connection
            for connection in self.connections
            if isinstance(connection, GuardedH11Protocol)
            and connection.receiving_request()
            and not connection.transport.is_closing()
        ]
        if waiting:
            min(waiting, key=lambda connection: connection.waiting_since).transport.close()


def guarded_protocol(request_timeout: float, max_connections: int):
    """The protocol factory to pass as uvicorn's `http`."""
    return functools.partial(GuardedH11Protocol, request_timeout=request_timeout, max_connections=max_connections)
