"""The Neo4j backend at national scale: load rate, and questions against answering in memory.

The server is the one the Neo4j tests use: ArcadeDB's Neo4j-compatible Bolt plugin and
Cypher engine (no Neo4j server can be installed here, so every figure is ArcadeDB's),
started from the installed `arcadedb-embedded` package on free loopback ports in a temporary
directory and stopped at the end (or, when NEO4J_URI is set, that server: NEO4J_USER,
NEO4J_PASSWORD, NEO4J_DATABASE; its lscp data is overwritten). The load is
`loaders.graphs.neo4j_load.load_graph` in a child process bounded in time, timed from the graph in
memory to the committed transaction (planning, connecting, the schema, the writes, the
commit); its baseline is the in-memory build of the same data (nodes per second of
`loaders.load`). Each question is then asked of a fresh `Neo4jGraph`
(an empty snapshot, so the answer comes from the database) and compared with the same
question in memory: p95 against p95. Both sides are warmed by asking the question once
untimed (in memory on the same graph, in the database on another fresh snapshot).
"""
from __future__ import annotations

import base64
import importlib.util
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from .common import ROOT, Row, child_json, dataset, graph_cache_env, load_graph, not_measured, percentile, stop

SECTION = "Neo4j backend (scale 1)"
RATE_TARGET, RATIO_TARGET = 20_000.0, 10.0
START_TIMEOUT_S, LOAD_TIMEOUT_S = 180.0, 600.0
ROOT_PASSWORD = "lscp-bench-root"
DATABASE = "lscp"
PER_KIND = 15
# What the profiles in docs/profiles/ show dominates, for the notes of rows that miss.
LOAD_COST = ("dominated by ArcadeDB's writes and its commit of the one transaction, then the driver packing "
             "~108 MB of rows in pure Python (docs/profiles/neo4j-load-profile.txt)")
QUESTION_COST = {
    "accountable": "4-10 round trips (the upward expansion a level at a time) and the lead representatives of every "
                   "partnership read on each fresh snapshot",
    "escalation": "4-9 round trips (the upward expansion a level at a time)",
    "search": "a scan of every node with the string tests: no text index behind the Cypher",
    "show": "the upward expansion a level at a time, and a partnership's relevant agencies",
}

LOAD = """
import json, sys, time
from lscp.loaders import load_fast
from lscp.loaders.graphs.neo4j_load import load_graph
from lscp.loaders.graphs.neo4j_server import Settings
graph = load_fast(sys.argv[1])
settings = Settings(uri=sys.argv[2], user=sys.argv[3], password=sys.argv[4] or None, database=sys.argv[5])
started = time.perf_counter()

def progress(batch):  # one line per batch, so a load stopped half way still tells how it went
    print(json.dumps({"phase": batch.phase, "rows": batch.rows, "number": batch.number, "total": batch.total,
                      "t": time.perf_counter() - started}), flush=True)

record = load_graph(graph, settings, progress=progress)
wall = time.perf_counter() - started
print(json.dumps({"entities": record.entities, "relations": record.relations, "seconds": record.seconds, "wall": wall,
                  "server": record.server}))
"""

BUILD = """
import json, sys, time
from lscp.loaders import load
started = time.perf_counter()
graph = load(sys.argv[1])
print(json.dumps({"entities": len(graph.by_id), "seconds": time.perf_counter() - started}))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _http(port: int, method: str, path: str, body: dict | None = None) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                     data=json.dumps(body).encode() if body is not None else None)
    token = base64.b64encode(f"root:{ROOT_PASSWORD}".encode()).decode()
    request.add_header("Authorization", f"Basic {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


@contextmanager
def bolt_server():
    """(uri, user, password, database) of a running server, stopped on exit if started here."""
    if os.environ.get("NEO4J_URI"):
        yield (os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""),
               os.environ.get("NEO4J_DATABASE", "neo4j"))
        return
    spec = importlib.util.find_spec("arcadedb_embedded")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("no Bolt server: set NEO4J_URI, or install arcadedb-embedded (pip install -e '.[dev]')")
    home = Path(list(spec.submodule_search_locations)[0])
    root = Path(tempfile.mkdtemp(prefix="lscp-bench-arcadedb-"))
    bolt_port, http_port = _free_port(), _free_port()
    command = [str(home / "jre" / "bin" / "java"), "-Xms256m", "-Xmx4g",
               f"-Darcadedb.server.rootPath={root}", f"-Darcadedb.server.rootPassword={ROOT_PASSWORD}",
               "-Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
               "-Darcadedb.bolt.host=127.0.0.1", f"-Darcadedb.bolt.port={bolt_port}",
               "-Darcadedb.server.httpIncomingHost=127.0.0.1", f"-Darcadedb.server.httpIncomingPort={http_port}",
               "-cp", f"{home / 'jars'}/*", "com.arcadedb.server.ArcadeDBServer"]
    log = (root / "server.log").open("wb")
    process = subprocess.Popen(command, cwd=root, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not (_listening(http_port) and _listening(bolt_port)):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"ArcadeDB did not start (exit {process.poll()}); log in {root / 'server.log'}")
            time.sleep(0.2)  # poll interval while the JVM starts; readiness is the two ports above
        _http(http_port, "POST", "/api/v1/server", {"command": f"create database {DATABASE}"})
        yield f"bolt://127.0.0.1:{bolt_port}", "root", ROOT_PASSWORD, DATABASE
    finally:
        stop(process, timeout=60)
        log.close()
        shutil.rmtree(root, ignore_errors=True)


def _questions(graph, seed: int = 11) -> dict[str, list]:
    from .bench_queries import samples

    rng = random.Random(seed)
    return {kind: (calls if len(calls) <= PER_KIND else rng.sample(calls, PER_KIND))
            for kind, calls in samples(graph).items() if kind in ("accountable", "escalation", "search", "show")}


def _load(root: Path, server: tuple, timeout: float) -> tuple[dict | None, list[dict]]:
    """The load's record (None if it did not finish in time) and its per-batch progress."""
    uri, user, password, database = server
    try:
        done = subprocess.run([sys.executable, "-c", LOAD, str(root), uri, user, password or "", database],
                              cwd=ROOT, env=graph_cache_env(), capture_output=True, timeout=timeout, check=False)
        output, finished = done.stdout, done.returncode == 0
        if not finished:
            raise RuntimeError(f"the load failed: {done.stderr.decode(errors='replace')[-800:]}")
    except subprocess.TimeoutExpired as exc:
        output, finished = exc.stdout or b"", False
    lines = [json.loads(line) for line in output.decode().splitlines() if line.startswith("{")]
    batches = [line for line in lines if "phase" in line]
    return (lines[-1] if finished else None), batches


def _pace(batches: list[dict], phase: str) -> str:
    """Rows per second over the first and the last tenth of a phase's batches: a load that slows
    as the database grows (lookups that scan instead of using an index) shows here."""
    spans, previous = [], 0.0
    for batch in batches:
        if batch["phase"] == phase:
            spans.append((batch["rows"], batch["t"] - previous))
        previous = batch["t"]
    if len(spans) < 50:  # a tenth of fewer batches is one label's first or last chunk, not a trend
        return ""
    tenth = len(spans) // 10
    rate = lambda part: sum(r for r, _ in part) / max(sum(t for _, t in part), 1e-9)  # noqa: E731
    return (f"{phase}: {rate(spans[:tenth]):,.0f} rows/s over the first tenth of the batches, "
            f"{rate(spans[-tenth:]):,.0f} over the last")


def run(scale: float = 1.0, fallback: float = 0.1) -> list[Row]:
    try:
        from lscp.loaders.graphs.neo4j_server import Settings, connect  # noqa: F401 - the interface this measures
        from lscp.loaders.graphs.neo4j_graph import Neo4jGraph  # noqa: F401
    except ImportError as exc:
        return [not_measured(SECTION, "load into Neo4j", f"Neo4j backend not available ({exc})", f"≥ {RATE_TARGET:,.0f} nodes/s")]
    rows = []
    for attempt in dict.fromkeys((scale, fallback)):
        root = dataset(attempt)
        section = f"Neo4j backend (scale {attempt:g})"
        build = child_json(BUILD, str(root))
        baseline_rate = build["entities"] / build["seconds"]
        with bolt_server() as server:
            loaded, batches = _load(root, server, LOAD_TIMEOUT_S)
            pace = "; ".join(p for p in (_pace(batches, "entities"), _pace(batches, "relations")) if p)
            if loaded is None:
                written = sum(b["rows"] for b in batches if b["phase"] == "entities")
                total = batches[-1]["total"] if batches else 0
                rows.append(Row(section, f"load into Neo4j ({build['entities']:,} nodes)", None, "nodes/s", baseline_rate,
                                "in-memory build", f"≥ {RATE_TARGET:,.0f} nodes/s",
                                note=f"not measured (ArcadeDB's Bolt plugin): the load did not finish in "
                                     f"{LOAD_TIMEOUT_S:.0f} s (so under "
                                     f"{build['entities'] / LOAD_TIMEOUT_S:,.0f} nodes/s): {len(batches)} of {total} batches "
                                     f"ran, {written:,} nodes; {pace}"))
                continue
            rate = loaded["entities"] / loaded["wall"]  # the whole call, commit included
            rows.append(Row(section, f"load into Neo4j ({loaded['entities']:,} nodes, {loaded['relations']:,} relationships)",
                            rate, "nodes/s", baseline_rate, "in-memory build", f"≥ {RATE_TARGET:,.0f} nodes/s",
                            rate >= RATE_TARGET,
                            note=f"server: {loaded['server']} (ArcadeDB's Bolt plugin, not Neo4j); one transaction: "
                                 f"{loaded['wall']:.1f} s from the graph in memory to the commit, of which "
                                 f"{loaded['seconds']:.1f} s writing (as the load records it); {pace}; {LOAD_COST}"))
            rows += _questions_rows(section, root, server)
            return rows
    return rows


def _questions_rows(section: str, root: Path, server: tuple) -> list[Row]:
    """Each question in memory (warm) and from the database (a fresh snapshot): p95 against p95."""
    from lscp.loaders.graphs.neo4j_server import Settings, connect
    from lscp.loaders.graphs.neo4j_graph import Neo4jGraph

    uri, user, password, database = server
    memory = load_graph(root)
    # `load_graph` settles the national graph out of the collector's reach, as a server keeps
    # it: otherwise the full collections the decoding triggers sweep it too (pauses of 1-2 s
    # charged to Neo4j).
    connection = connect(Settings(uri=uri, user=user, password=password or None, database=database))
    rows = []
    try:
        for kind, calls in _questions(memory).items():
            here, there = [], []
            for fn, args in calls:
                fn(memory, *args)  # warm, as the in-process figures are
                started = time.perf_counter()
                fn(memory, *args)
                here.append(time.perf_counter() - started)
                fn(Neo4jGraph(connection, root / "sources"), *args)  # warm the server the same way (JIT, caches)
                fresh = Neo4jGraph(connection, root / "sources")
                started = time.perf_counter()
                fn(fresh, *args)
                there.append(time.perf_counter() - started)
            p95, base = percentile(there, 95) * 1000, percentile(here, 95) * 1000
            rows.append(Row(section, f"`{kind}` p95 from Neo4j", p95, "ms", base, "in memory", f"≤ {RATIO_TARGET:g}×",
                            p95 <= RATIO_TARGET * base,
                            note=f"{len(calls)} questions, each on a fresh snapshot, from ArcadeDB's Bolt plugin; "
                                 f"worst {max(there) * 1000:.0f} ms; {QUESTION_COST[kind]} "
                                 "(docs/profiles/neo4j-query-plans.txt)"))
    finally:
        connection.close()
    return rows


if __name__ == "__main__":
    for row in run(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0):
        print(" | ".join(row.cells()), "|", row.note)
