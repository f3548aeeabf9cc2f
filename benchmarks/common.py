"""What every benchmark shares: result rows, timing, the machine, and the synthetic data sets.

Figures are compared with a baseline measured in the same run, because these machines are
shared and noisy: a ratio survives a busy neighbour better than an absolute time does.
"""
from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".cache" / "bench"  # generated data sets and graph caches (git-ignored)
BUNDLED = ROOT / "data"
PYTHON = sys.executable
LSCP = str(Path(sys.executable).parent / "lscp")


@dataclass
class Row:
    """One line of the results table."""

    section: str
    name: str
    figure: float | None
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    target: str = ""
    met: bool | None = None  # None: no target to meet, or not measured
    note: str = ""
    ratio: float | None = field(default=None)

    def __post_init__(self) -> None:
        if self.ratio is None and self.figure is not None and self.baseline:
            self.ratio = self.figure / self.baseline

    @property
    def result(self) -> str:
        if self.figure is None:
            return "not measured"
        return {True: "met", False: "**missed**", None: "—"}[self.met]

    def cells(self) -> list[str]:
        baseline = f"{fmt(self.baseline, self.unit)} ({self.baseline_name})" if self.baseline is not None else self.baseline_name or "—"
        ratio = f"{self.ratio:.2f}×" if self.ratio is not None else "—"
        figure = fmt(self.figure, self.unit) if self.figure is not None else "—"
        return [self.name, figure, baseline, ratio, self.target or "—", self.result]


def not_measured(section: str, name: str, why: str, target: str = "") -> Row:
    return Row(section, name, None, "", target=target, note=f"not measured: {why}")


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.2f} ms" if value < 10 else f"{value:.1f} ms"
    if unit in ("req/s", "nodes/s", "answers/s"):
        return f"{value:,.0f} {unit}"
    if unit == "MB":
        return f"{value:,.0f} MB"
    return f"{value:g} {unit}".strip()


def percentile(values: Iterable[float], p: float) -> float:
    """The nearest-rank percentile (p in 0..100) of a sample."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = max(1, -(-len(ordered) * p // 100))  # ceil
    return ordered[int(rank) - 1]


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def clock(fn: Callable, *args, **kwargs) -> tuple[float, object]:
    """Seconds one call takes, and what it returned."""
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - started, result


def settle() -> None:
    """Collect once and exempt what survives (the loaded graph) from the cycle collector, as
    `lscp serve` does after loading (`api.http.settle_heap`): otherwise the collections that a
    question's allocations trigger walk the whole national graph, and the question pays for it
    (a partnership's `show` at scale 1: 6 ms with the graph in the collector's reach, 3 ms out)."""
    gc.collect()
    gc.freeze()


def run_timed(command: list[str], env: dict | None = None, timeout: float = 600) -> float:
    """Wall-clock seconds of one subprocess run; its failure is an error."""
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, timeout=timeout, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode(errors='replace')[-500:]}")
    return elapsed


def stop(process: subprocess.Popen, timeout: float = 30) -> None:
    """Stop a server this run started: politely, then for sure."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def child_json(code: str, *args: str, env: dict | None = None, timeout: float = 1800) -> dict:
    """Run Python `code` in a fresh interpreter (here, so `import benchmarks` works) and read the
    JSON object it prints last."""
    done = subprocess.run([PYTHON, "-c", code, *args], cwd=ROOT, env=env, capture_output=True, timeout=timeout,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(f"child exited {done.returncode}: {done.stderr.decode(errors='replace')[-800:]}")
    return json.loads(done.stdout.decode().strip().splitlines()[-1])


def env_with(**values: str) -> dict:
    env = dict(os.environ)
    env.update(values)
    return env


# -- the machine ----------------------------------------------------------------------------
def machine() -> dict[str, str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 0
    return {
        "nproc": str(usable),
        "cpu": model,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "os": f"{platform.system()} {platform.release()}",
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


# -- data sets ------------------------------------------------------------------------------
def dataset(scale: float) -> Path:
    """The synthetic England at `scale`, generated under .cache/bench once per generator version."""
    from .synthetic import MARKER, SEED, generate

    source = (Path(__file__).parent / "synthetic.py").read_bytes()
    stamp = f"scale={scale} seed={SEED} generator={hashlib.blake2b(source, digest_size=8).hexdigest()}\n"
    out = WORK / f"england-{scale:g}"
    marker = out / MARKER
    if not marker.is_file() or marker.read_text() != stamp:
        generate(out, scale, SEED)
        marker.write_text(stamp)
    return out


def graph_cache_env() -> dict:
    """The environment that points the graph cache at the benchmarks' own directory."""
    return env_with(LSCP_CACHE_DIR=str(WORK / "graph-cache"))


_GRAPHS: dict = {}


def load_graph(root: Path | None):
    """A graph through the on-disk cache (built and cached on first use), then settled; one
    per data set for the whole run (a national graph takes a gigabyte)."""
    if root not in _GRAPHS:
        os.environ["LSCP_CACHE_DIR"] = str(WORK / "graph-cache")
        from lscp.loaders import load_fast

        _GRAPHS[root] = load_fast(root)
        settle()
    return _GRAPHS[root]
