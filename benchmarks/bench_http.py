"""The HTTP API on loopback at 50 concurrent connections, against answering in process.

The server is `create_app(graph)` under uvicorn in its own process (one worker, settled and
frozen after loading, as `lscp serve` runs it), bound to 127.0.0.1 on a free port. The load
generator is `wrk` (one thread, `make bench-deps` installs it) or, without it, a small asyncio
client in this process: 50 keep-alive connections asking for the same accountability answer for a
fixed time, then it stops by itself and the server is stopped. It talks to 127.0.0.1 only. The
client shares the machine's cores with the server, so the note gives the CPU each side spent per
request. Baselines: the same answer computed and serialised in process, in a loop (what a single
Python process could compute without a cache), and the same client against a bare ASGI app
answering the same bytes under the same uvicorn (the most this client and server could do).
"""
from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass

from .common import BUNDLED, PYTHON, ROOT, WORK, Row, dataset, env_with, load_graph, not_measured, percentile, stop

SECTION = "HTTP API (loopback, 50 connections)"
CONNECTIONS, WARMUP_S, DURATION_S, MAX_REQUESTS = 50, 2.0, 10.0, 100_000
RATE_TARGET, P99_TARGET_MS = 1000.0, 50.0
HOST = "127.0.0.1"
START_TIMEOUT_S = 180.0

SERVER = """
import sys
import uvicorn
from lscp.loaders import load_fast
from lscp.api.http import create_app, settle_heap
app = create_app(load_fast(sys.argv[1]))
settle_heap()  # as `lscp serve` does
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", access_log=False)
"""
BARE_SERVER = """
import sys
import uvicorn
body = open(sys.argv[1], "rb").read()
start = {"type": "http.response.start", "status": 200,
         "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]}
async def app(scope, receive, send):
    if scope["type"] == "http":
        await send(start)
        await send({"type": "http.response.body", "body": body})
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", access_log=False, lifespan="off")
"""
# wrk's own summary, as one JSON line (latencies in microseconds).
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "failed": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout + e.status))
end
"""


@dataclass
class Load:
    """What one load run saw: requests answered 200, failures, seconds, latencies in seconds."""

    answered: int
    failed: int
    elapsed: float
    p50: float
    p99: float
    client_cpu: float  # CPU seconds the load generator spent

    @property
    def rate(self) -> float:
        return self.answered / self.elapsed


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _client_name() -> str:
    return "wrk, 1 thread" if shutil.which("wrk") else "asyncio client in the benchmark process"


# -- the wrk client ----------------------------------------------------------------------------
def _load_wrk(port: int, path: str, seconds: float) -> Load:
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_REPORT)
        script.flush()
        before = os.times()
        done = subprocess.run(["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds:g}s", "--timeout", "10s", "-s",
                               script.name, f"http://{HOST}:{port}{path}"],
                              capture_output=True, text=True, timeout=seconds + 60, check=True)
        after = os.times()
    found = json.loads(done.stdout.strip().splitlines()[-1])
    cpu = (after.children_user + after.children_system) - (before.children_user + before.children_system)
    return Load(found["requests"] - found["failed"], found["failed"], found["duration_us"] / 1e6,
                found["p50_us"] / 1e6, found["p99_us"] / 1e6, cpu)


# -- the asyncio client --------------------------------------------------------------------------
async def _get(reader, writer, request: bytes) -> int:
    """One request on a kept-alive connection; the status code (the body is read and dropped)."""
    writer.write(request)
    await writer.drain()
    head = (await reader.readuntil(b"\r\n\r\n")).lower()
    if b"\r\ntransfer-encoding: chunked" in head:
        while True:
            size = int((await reader.readline()).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        length = re.search(rb"\r\ncontent-length: *(\d+)", head)
        await reader.readexactly(int(length[1]) if length else 0)
    return int(head.split(None, 2)[1])


async def _load_async(port: int, path: str, seconds: float, budget: int) -> tuple[list[float], int, float]:
    """Latencies of the requests answered 200, failures, and the elapsed seconds."""
    request = f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: keep-alive\r\n\r\n".encode()
    latencies: list[float] = []
    failures = 0
    left = [budget]
    deadline = time.perf_counter() + seconds

    async def connection() -> None:
        nonlocal failures
        reader, writer = await asyncio.open_connection(HOST, port)
        try:
            while left[0] > 0 and time.perf_counter() < deadline:
                left[0] -= 1
                started = time.perf_counter()
                status = await _get(reader, writer, request)
                if status == 200:
                    latencies.append(time.perf_counter() - started)
                else:
                    failures += 1
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.wait_for(asyncio.gather(*(connection() for _ in range(CONNECTIONS))), timeout=seconds + 30)
    return latencies, failures, time.perf_counter() - started


def _load_python(port: int, path: str, seconds: float) -> Load:
    cpu = time.process_time()
    latencies, failures, elapsed = asyncio.run(_load_async(port, path, seconds, MAX_REQUESTS))
    return Load(len(latencies), failures, elapsed, percentile(latencies, 50), percentile(latencies, 99),
                time.process_time() - cpu)


# -- the server ------------------------------------------------------------------------------------
def _cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of a process so far (Linux /proc)."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_ready(process: subprocess.Popen, port: int, path: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}: "
                               f"{process.stderr.read().decode(errors='replace')[-500:]}")
        try:
            if asyncio.run(_get_once(port, path)) == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)  # poll interval while the server loads the graph; readiness is the 200 above
    raise RuntimeError(f"the server did not answer within {START_TIMEOUT_S:.0f} s")


async def _get_once(port: int, path: str) -> int:
    request = f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n\r\n".encode()
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        return await _get(reader, writer, request)
    finally:
        writer.close()


def _drive(code: str, argument: str, path: str) -> tuple[Load, float]:
    """Serve `code` on a free port, warm it up, load it; the load and the server's CPU seconds."""
    port = _free_port()
    env = env_with(LSCP_CACHE_DIR=str(WORK / "graph-cache"))
    process = subprocess.Popen([PYTHON, "-c", code, argument, str(port)], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    load = _load_wrk if shutil.which("wrk") else _load_python
    try:
        _wait_ready(process, port, path)
        load(port, path, WARMUP_S)
        cpu = _cpu_seconds(process.pid)
        found = load(port, path, DURATION_S)
        return found, _cpu_seconds(process.pid) - cpu
    finally:
        stop(process)


def _note(load: Load, server_cpu: float) -> str:
    per = 1e6 / max(load.answered, 1)
    return (f"{load.answered:,} answers in {load.elapsed:.1f} s ({load.failed} failed); p50 {load.p50 * 1000:.1f} ms, "
            f"p99 {load.p99 * 1000:.1f} ms; CPU per request: server {server_cpu * per:.0f} µs, "
            f"client ({_client_name()}) {load.client_cpu * per:.0f} µs")


# -- the rows ------------------------------------------------------------------------------------------
def _in_process_rate(root, entity: str, seconds: float = 3.0) -> float:
    from lscp import queries
    graph = load_graph(root)
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        queries.accountable(graph, entity).model_dump_json()
        count += 1
    return count / (time.perf_counter() - started)


def measure(root, entity: str, label: str) -> list[Row]:
    path = f"/api/accountable/{entity}"
    load, server_cpu = _drive(SERVER, str(root), path)
    p99 = load.p99 * 1000
    baseline = _in_process_rate(root, entity)
    return [
        Row(SECTION, f"`GET {path}` throughput ({label})", load.rate, "req/s", baseline, "answers/s in process",
            f"≥ {RATE_TARGET:,.0f} req/s", load.rate >= RATE_TARGET and not load.failed,
            note=_note(load, server_cpu)),
        Row(SECTION, f"`GET {path}` p99 latency ({label})", p99, "ms", None, "", f"≤ {P99_TARGET_MS:g} ms",
            p99 <= P99_TARGET_MS),
    ]


def ceiling(entity: str) -> Row:
    """The same client against a bare ASGI app answering the same number of bytes."""
    from lscp import queries
    with tempfile.NamedTemporaryFile(suffix=".json") as body:
        body.write(queries.accountable(load_graph(BUNDLED), entity).model_dump_json().encode())
        body.flush()
        load, server_cpu = _drive(BARE_SERVER, body.name, "/")
    return Row(SECTION, "bare ASGI app, same bytes, same client (the client's and uvicorn's ceiling)", load.rate,
               "req/s", note=_note(load, server_cpu))


def run(scale: float = 1.0) -> list[Row]:
    try:
        import lscp.api.http  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        return [not_measured(SECTION, "accountability answer over HTTP", f"lscp.api.http not available ({exc})",
                             f"≥ {RATE_TARGET:,.0f} req/s")]
    rows = measure(BUNDLED, "southampton.silg", "bundled data")
    national = dataset(scale)
    body = next(b.id for b in load_graph(national).entities("body") if b.id.endswith(".case-review"))
    return rows + measure(national, body, f"scale {scale:g}") + [ceiling("southampton.silg")]


if __name__ == "__main__":
    for row in run():
        print(" | ".join(row.cells()), "|", row.note)
