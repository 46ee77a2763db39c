"""`dyads serve` as a real process on 127.0.0.1: slow and idle clients, and `dyads code` adding to its store.

Each test starts the server with the command line, as a user would, and talks to it over sockets.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from typing_extensions import Self

from dyads.export.store import Store
from dyads.server.ingest import ANSWER_WAIT_SECONDS, ServerFile
from stored_examples import harbour_document, rail_document
from test_resume_corpus import synthetic_reports, write_jsonl

SRC = Path(__file__).resolve().parents[1] / "src"
STARTUP_SECONDS = 60


def dyads(*arguments: str | Path, file_limit: int | None = None) -> list[str]:
    """The command line running dyads, with at most `file_limit` open files if given."""
    limit = f"import resource; resource.setrlimit(resource.RLIMIT_NOFILE, ({file_limit}, {file_limit})); "
    return [sys.executable, "-c", f"{limit if file_limit else ''}from dyads.cli import app; app()", *map(str, arguments)]


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(server: int | str, path: str, timeout: float = 10) -> dict:
    """The JSON at `path` of the server at `server`: a URL, or a port on 127.0.0.1."""
    base = f"http://127.0.0.1:{server}" if isinstance(server, int) else server
    with urllib.request.urlopen(f"{base}{path}", timeout=timeout) as response:
        return json.loads(response.read())


class Server:
    """`dyads serve --db path` in its own process, stopped at the end of the `with` block."""

    def __init__(self, db: Path, *options: str, file_limit: int | None = None):
        """Serve `db` on a free port with `options`, in a process allowed `file_limit` open files."""
        self.port = free_port()
        host = options[options.index("--host") + 1] if "--host" in options else "127.0.0.1"
        self.url = f"http://[{host}]:{self.port}" if ":" in host else f"http://{host}:{self.port}"
        self.log = db.with_name(f"serve-{self.port}.log")
        with open(self.log, "wb") as log:  # a file, not a pipe: a full pipe would stall the server
            self.process = subprocess.Popen(
                dyads("serve", "--db", db, "--port", str(self.port), *options, file_limit=file_limit),
                env=environment(),
                stdout=subprocess.DEVNULL,
                stderr=log,
            )

    def __enter__(self) -> Self:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dyads serve exited: {self.log.read_text()}")
            try:
                get(self.url, "/api/vocabulary", timeout=2)
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("dyads serve did not answer")

    def __exit__(self, *exc_info) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


@pytest.fixture()
def store_path(tmp_path) -> Path:
    with Store(tmp_path / "events.duckdb") as store:
        store.add([harbour_document(), rail_document()])
    return tmp_path / "events.duckdb"


def connect(port: int, sent: bytes) -> socket.socket:
    client = socket.create_connection(("127.0.0.1", port), timeout=10)
    client.sendall(sent)
    return client


def closed_after(client: socket.socket, limit: float) -> float | None:
    """Seconds until the server closed the connection without answering, or None if it did not within `limit`."""
    started = time.monotonic()
    client.settimeout(limit)
    try:
        received = client.recv(4096)
    except TimeoutError:
        return None
    except ConnectionResetError:
        received = b""
    assert received == b"", received[:200]
    return time.monotonic() - started


@pytest.mark.parametrize(
    "sent",
    [
        b"",  # connected, said nothing
        b"GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n",  # headers never finished
        (  # body never finished
            b"POST /api/code HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer secret\r\n"
            b"Content-Length: 100\r\n\r\n{\"te"
        ),
    ],
    ids=["silent", "half-sent-headers", "half-sent-body"],
)
def test_a_request_not_sent_in_time_is_closed(store_path, sent):
    with Server(store_path, "--request-timeout", "1", "--allow-write", "--token", "secret") as server:
        client = connect(server.port, sent)
        assert closed_after(client, limit=6) is not None
        client.close()
        assert get(server.port, "/api/events?limit=1")["total"] == 6


def test_a_trickled_request_is_closed_at_its_deadline(store_path):
    """Sending a byte now and then does not keep a request alive past its deadline."""
    with Server(store_path, "--request-timeout", "1") as server:
        client = connect(server.port, b"G")
        started = time.monotonic()
        with pytest.raises((BrokenPipeError, ConnectionResetError)):
            for byte in b"ET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 100:
                client.send(bytes([byte]))
                time.sleep(0.2)
                if time.monotonic() - started > 10:
                    break
        assert time.monotonic() - started < 5
        client.close()


def test_many_idle_connections_do_not_lock_others_out(store_path):
    """With 256 file descriptors, 300 half-sent requests would exhaust them; the oldest idle ones give way."""
    with Server(store_path, file_limit=256) as server:
        idle = [connect(server.port, b"GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n") for _ in range(300)]
        try:
            started = time.monotonic()
            assert get(server.port, "/api/events?limit=1", timeout=10)["total"] == 6
            assert time.monotonic() - started < 5
            assert closed_after(idle[0], limit=5) is not None  # the longest waiting gave way
        finally:
            for client in idle:
                client.close()


def test_coding_into_a_served_store(tmp_path, store_path):
    """`dyads code --db` while `dyads serve` holds the store: the API answers throughout and shows each batch."""
    reports = write_jsonl(synthetic_reports(40, seed=13, prefix="live"), tmp_path / "live.jsonl")
    with Server(store_path) as server:
        assert ServerFile.beside(store_path).read() is not None
        coding = subprocess.Popen(
            dyads("code", reports, "--db", store_path, "--batch-size", "1"),
            env=environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        seen = []
        while coding.poll() is None:
            seen.append(get(server.port, "/api/documents?limit=1")["total"])
            time.sleep(0.02)
        assert coding.returncode == 0, coding.stderr.read().decode()
        announcement = f"{store_path} is served at http://127.0.0.1:{server.port}: batches are stored through the server"
        assert announcement in coding.stderr.read().decode().splitlines()  # one line, however long the path
        assert any(2 < total < 42 for total in seen), sorted(set(seen))  # batches appeared while coding
        assert get(server.port, "/api/documents?limit=1")["total"] == 42
        coded = get(server.port, "/api/documents/live-00007")
        assert coded["events"] and all(event["doc_id"] == "live-00007" for event in coded["events"])

        again = subprocess.run(
            dyads("code", reports, "--db", store_path), env=environment(), capture_output=True, check=True
        )
        assert "already stored" in again.stderr.decode()  # the server told it what it holds
        assert get(server.port, "/api/documents?limit=1")["total"] == 42
    assert not ServerFile.beside(store_path).path.exists()
    with Store(store_path, read_only=True) as store:
        assert store.count_documents() == 42


def test_a_server_that_goes_away_mid_run_is_a_store_failure_with_one_line(tmp_path, store_path):
    reports = write_jsonl(synthetic_reports(40, seed=14, prefix="gone"), tmp_path / "gone.jsonl")
    with Server(store_path) as server:
        coding = subprocess.Popen(
            dyads("code", reports, "--db", store_path, "--batch-size", "1"),
            env=environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 120
        while get(server.port, "/api/documents?limit=1")["total"] < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        server.process.kill()  # no goodbye: the announcement stays, the port stops answering
        server.process.wait(timeout=20)
        stderr = coding.communicate(timeout=120)[1].decode()
    assert coding.returncode == 3, stderr
    assert f"error cannot write {store_path}: the server holding the store did not answer" in " ".join(stderr.split())
    assert "Traceback" not in stderr and "documents:" in stderr  # the summary is still printed


def test_a_server_that_hangs_mid_run_stops_the_run_at_its_first_timeout(tmp_path, store_path):
    reports = write_jsonl(synthetic_reports(40, seed=15, prefix="hung"), tmp_path / "hung.jsonl")
    quick = "import dyads.server.ingest as ingest; ingest.ServedStore.__init__.__defaults__ = (3.0, None); "
    command = dyads("code", reports, "--db", store_path, "--batch-size", "1")
    command[2] = quick + command[2]  # each request waits 3 s instead of 600
    with Server(store_path) as server:
        coding = subprocess.Popen(command, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while get(server.port, "/api/documents?limit=1")["total"] < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(server.process.pid, signal.SIGSTOP)  # listening, answering nothing
        try:
            stopped = time.monotonic()
            stderr = coding.communicate(timeout=120)[1].decode()
            waited = time.monotonic() - stopped
        finally:
            os.kill(server.process.pid, signal.SIGCONT)
        committed = get(server.port, "/api/documents?limit=1")["total"]
    stderr = " ".join(stderr.split())
    assert coding.returncode == 3, stderr
    assert f"the server holding the store at {server.url} did not answer within 3 s (stopped or hung?)" in stderr
    assert "documents:" in stderr and "Traceback" not in stderr and waited < 30
    assert committed >= 4  # every batch committed before it stays


def test_a_server_that_does_not_answer_is_waited_for_briefly_then_named(store_path):
    with Server(store_path) as server:
        os.kill(server.process.pid, signal.SIGSTOP)  # listening, but answering nothing
        try:
            started = time.monotonic()
            coded = subprocess.run(
                dyads("code", "-", "--db", store_path), input=b"Kenya praised Tanzania.", env=environment(),
                capture_output=True, check=False, timeout=60,
            )  # fmt: skip
            waited = time.monotonic() - started
        finally:
            os.kill(server.process.pid, signal.SIGCONT)
    stderr = " ".join(coded.stderr.decode().split())
    url = f"http://127.0.0.1:{server.port}"
    assert coded.returncode == 3, stderr
    assert f"waiting for the server at {url}" in stderr
    assert f"the server holding the store at {url} did not answer within {ANSWER_WAIT_SECONDS:g} s" in stderr
    assert "lock" not in stderr and waited < 40


def test_exporting_a_served_store_says_who_holds_it_and_is_a_store_failure(tmp_path, store_path):
    with Server(store_path) as server:
        exported = subprocess.run(
            dyads("export", "--db", store_path, "-o", tmp_path / "events.csv"),
            env=environment(), capture_output=True, check=False,
        )  # fmt: skip
    assert exported.returncode == 3, exported.stderr.decode()
    assert f"dyads serve holds it at http://127.0.0.1:{server.port}" in " ".join(exported.stderr.decode().split())


def test_a_store_held_by_a_coding_run_is_a_store_failure_not_a_usage_error(store_path):
    with Store(store_path):  # a `dyads code --db` run in progress holds it
        served = subprocess.run(
            dyads("serve", "--db", store_path), env=environment(), capture_output=True, check=False
        )
        assert served.returncode == 3, served.stderr.decode()
        assert "cannot open the store" in served.stderr.decode()
        coded = subprocess.run(
            dyads("code", "-", "--db", store_path), input=b"Kenya praised Tanzania.", env=environment(),
            capture_output=True, check=False,
        )
        assert coded.returncode == 3, coded.stderr.decode()
        assert "lock" in coded.stderr.decode()


def test_messages_about_a_long_store_path_are_one_line_each_when_stderr_is_not_a_terminal(tmp_path):
    folder = tmp_path / ("a-folder-with-a-long-name-" * 6)
    folder.mkdir()
    with Store(folder / "events.duckdb") as store:  # a `dyads code --db` run in progress holds it
        served = subprocess.run(
            dyads("serve", "--db", store.path), env=environment(), capture_output=True, check=False
        )
    lines = served.stderr.decode().splitlines()
    assert served.returncode == 3 and len(lines) == 1, lines
    assert lines[0].startswith("error cannot open the store: ") and str(store.path) in lines[0]


def test_a_port_in_use_is_refused_before_anything_is_announced(store_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        served = subprocess.run(
            dyads("serve", "--db", store_path, "--port", str(port)), env=environment(), capture_output=True,
            check=False, timeout=60,
        )  # fmt: skip
    lines = served.stderr.decode().splitlines()
    assert served.returncode == 3, lines
    assert lines == [f"error cannot listen on http://127.0.0.1:{port}: Address already in use"]
    assert not ServerFile.beside(store_path).path.exists()


def test_an_ipv6_host_is_bracketed_in_urls(store_path):
    try:
        socket.socket(socket.AF_INET6).bind(("::1", 0))
    except OSError:
        pytest.skip("no IPv6 loopback here")
    with Server(store_path, "--host", "::1") as server:
        url = f"http://[::1]:{server.port}"
        assert get(url, "/api/events?limit=1")["total"] == 6
        assert ServerFile.beside(store_path).read()[0] == url
        assert server.log.read_text().startswith(f"dyads: serving {store_path} at {url}/ ")


def test_allowed_hosts_are_added_on_the_command_line(store_path):
    def status(port: int, host: str) -> int:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/events?limit=1", headers={"Host": host})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    with Server(store_path, "--allowed-host", "events.example.org") as server:
        assert status(server.port, "events.example.org") == 200
        assert status(server.port, f"localhost:{server.port}") == 200
        assert status(server.port, "rebound.example.net") == 400
    wildcard = subprocess.run(
        dyads("serve", "--db", store_path, "--allowed-host", "events.*.org"),
        env=environment(), capture_output=True, check=False,
    )
    assert wildcard.returncode == 2


def test_listening_beyond_loopback_says_which_host_names_are_answered(store_path):
    server = Server(store_path, "--host", "0.0.0.0", "--allowed-host", "events.example.org")
    server.url = f"http://127.0.0.1:{server.port}"  # 0.0.0.0 is no name the server answers to
    with server:
        lines = server.log.read_text().splitlines()
    hint = (
        "dyads: only requests addressed to localhost, 127.0.0.1, [::1], events.example.org are answered (others get"
        " 400 Invalid host header): add --allowed-host NAME for each name clients reach this server by"
    )
    assert [line for line in lines if "--allowed-host NAME" in line] == [hint], lines
    with Server(store_path) as server:
        assert "--allowed-host" not in server.log.read_text()
