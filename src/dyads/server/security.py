"""What the server tells browsers on every response, and which Host names it answers to.

A page on another site cannot frame the UI (`frame-ancestors 'none'`), load scripts into it, or read the
API through DNS rebinding: a rebound name still arrives in the Host header, and only the names in the
allow-list (loopback by default) are answered.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOOPBACK_HOSTS: tuple[str, ...] = ("localhost", "127.0.0.1", "[::1]")

_COMMON_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
UI_POLICY = f"{_COMMON_POLICY}; script-src 'self'; style-src 'self'"
# Swagger UI and ReDoc set inline styles (ReDoc injects <style> elements) and ReDoc searches in a blob worker
DOCS_POLICY = f"{_COMMON_POLICY}; script-src 'self'; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:"
DOCS_PATHS = ("/docs", "/redoc")


def allowed_hosts(listen_host: str, extra: Iterable[str] = ()) -> list[str]:
    """Loopback names, the interface the server listens on when it names one, and `extra`."""
    hosts = list(LOOPBACK_HOSTS)
    if listen_host not in ("0.0.0.0", "::", ""):
        hosts.append(f"[{listen_host}]" if ":" in listen_host else listen_host)
    hosts += [host.lower() for host in extra]
    return list(dict.fromkeys(hosts))


def is_loopback(host: str) -> bool:
    """Whether a server listening on `host` can be reached from this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class SecurityHeaders:
    """ASGI middleware adding the content security policy, nosniff and framing headers to every response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = DOCS_POLICY if scope["path"] in DOCS_PATHS else UI_POLICY

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    (b"content-security-policy", policy.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)
