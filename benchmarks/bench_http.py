"""The HTTP API on loopback at 50 concurrent connections, against answering in process.

The server is `create_app(graph)` under uvicorn in its own process (one worker, as `lscp serve`
runs it), bound to 127.0.0.1 on a free port. The load generator is a small asyncio client in
this process: 50 keep-alive connections asking for the same accountability answer, bounded in
both requests and seconds, then it stops by itself and the server is stopped. It talks to
127.0.0.1 only. The baseline is the same answer computed and serialised in process, in a loop:
the most a single Python process could serve.
"""
from __future__ import annotations

import asyncio
import socket
import subprocess
import time

from .common import BUNDLED, PYTHON, ROOT, WORK, Row, dataset, env_with, load_graph, not_measured, percentile

SECTION = "HTTP API (loopback, 50 connections)"
CONNECTIONS, WARMUP_S, DURATION_S, MAX_REQUESTS = 50, 2.0, 10.0, 30_000
RATE_TARGET, P99_TARGET_MS = 1000.0, 50.0
HOST = "127.0.0.1"
START_TIMEOUT_S = 180.0

SERVER = """
import sys
import uvicorn
from loaders import load_fast
from api.http import create_app
app = create_app(load_fast(sys.argv[1]))
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", access_log=False)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


async def _get(reader, writer, request: bytes) -> int:
    """One request on a kept-alive connection; the status code (the body is read and dropped)."""
    writer.write(request)
    await writer.drain()
    status = int((await reader.readline()).split()[1])
    length, chunked = 0, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value)
        elif name.lower() == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readline()).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        await reader.readexactly(length)
    return status


async def _load(port: int, path: str, seconds: float, budget: int) -> tuple[list[float], int, float]:
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


def _wait_ready(process: subprocess.Popen, port: int, path: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}: "
                               f"{process.stderr.read().decode(errors='replace')[-500:]}")
        try:
            latencies, failures, _ = asyncio.run(_load_one(port, path))
            if latencies:
                return
        except OSError:
            pass
        time.sleep(0.2)  # poll interval while the server loads the graph; readiness is the 200 above
    raise RuntimeError(f"the server did not answer within {START_TIMEOUT_S:.0f} s")


async def _load_one(port: int, path: str):
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        request = f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n\r\n".encode()
        status = await _get(reader, writer, request)
        return ([1.0] if status == 200 else []), 0, 0.0
    finally:
        writer.close()


def _in_process_rate(root, entity: str, seconds: float = 3.0) -> float:
    import queries

    graph = load_graph(root)
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        queries.accountable(graph, entity).model_dump_json()
        count += 1
    return count / (time.perf_counter() - started)


def measure(root, entity: str, label: str) -> list[Row]:
    path = f"/api/accountable/{entity}"
    port = _free_port()
    env = env_with(LSCP_CACHE_DIR=str(WORK / "graph-cache"))
    process = subprocess.Popen([PYTHON, "-c", SERVER, str(root), str(port)], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    try:
        _wait_ready(process, port, path)
        asyncio.run(_load(port, path, WARMUP_S, MAX_REQUESTS))
        latencies, failures, elapsed = asyncio.run(_load(port, path, DURATION_S, MAX_REQUESTS))
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    rate = len(latencies) / elapsed
    p99 = percentile(latencies, 99) * 1000
    baseline = _in_process_rate(root, entity)
    note = (f"{len(latencies):,} answers in {elapsed:.1f} s ({failures} failed); p50 "
            f"{percentile(latencies, 50) * 1000:.1f} ms, p99 {p99:.1f} ms")
    return [
        Row(SECTION, f"`GET {path}` throughput ({label})", rate, "req/s", baseline, "answers/s in process",
            f"≥ {RATE_TARGET:,.0f} req/s", rate >= RATE_TARGET and not failures, note=note),
        Row(SECTION, f"`GET {path}` p99 latency ({label})", p99, "ms", None, "", f"≤ {P99_TARGET_MS:g} ms",
            p99 <= P99_TARGET_MS),
    ]


def run(scale: float = 1.0) -> list[Row]:
    try:
        import api.http  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        return [not_measured(SECTION, "accountability answer over HTTP", f"api.http not available ({exc})",
                             f"≥ {RATE_TARGET:,.0f} req/s")]
    rows = measure(BUNDLED, "southampton.silg", "bundled data")
    national = dataset(scale)
    body = next(b.id for b in load_graph(national).entities("body") if b.id.endswith(".case-review"))
    return rows + measure(national, body, f"scale {scale:g}")


if __name__ == "__main__":
    for row in run():
        print(" | ".join(row.cells()), "|", row.note)
