"""Run every benchmark, print each figure as it comes, and write docs/performance.md.

    python -m benchmarks.run                      # everything, at scale 1 (what `make bench` runs)
    python -m benchmarks.run --only cli,queries   # some of them
    python -m benchmarks.run --scale 0.1 --out /tmp/performance.md   # a quick look

Each benchmark is separate (benchmarks/bench_*.py, each runnable alone) and reports rows; one
that fails reports why instead of a figure, and the others still run. The hand-written part
of docs/performance.md (what was optimised, what remains) is benchmarks/optimisations.md.
"""
from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import sys
import time
import traceback
from pathlib import Path

from .common import ROOT, WORK, Row, load_average, machine, not_measured

BENCHMARKS = {  # name: (module, section shown if it cannot run)
    "cli": ("bench_cli", "CLI answer (bundled data, warm cache)"),
    "build": ("bench_build", "National build (scale 1)"),
    "queries": ("bench_queries", "In-process queries (scale 1)"),
    "charts": ("bench_charts", "Charts"),
    "neo4j": ("bench_neo4j", "Neo4j backend (scale 1)"),
    "http": ("bench_http", "HTTP API (loopback, 50 connections)"),
}
NOTES = Path(__file__).resolve().parent / "optimisations.md"
LAST = WORK / "last-run.json"  # what the last run measured, for --rewrite


def run(names: list[str], scale: float) -> tuple[list[Row], dict[str, float]]:
    rows, seconds = [], {}
    for name in names:
        module_name, section = BENCHMARKS[name]
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        try:
            module = importlib.import_module(f"benchmarks.{module_name}")
            found = module.run() if name == "cli" else module.run(scale=scale)
        except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the others
            traceback.print_exc()
            found = [not_measured(section, name, f"{type(exc).__name__}: {exc}")]
        seconds[name] = time.perf_counter() - started
        for row in found:
            print("  " + " | ".join(row.cells()) + (f"  [{row.note}]" if row.note else ""), flush=True)
        rows += found
    return rows, seconds


def markdown(rows: list[Row], seconds: dict[str, float], about: dict[str, str], command: str) -> str:
    out = ["# Performance", "",
           f"Written by `{command}` on {about['date']}; do not edit by hand: change the benchmarks "
           "(`benchmarks/`) or the notes (`benchmarks/optimisations.md`) and run it again.", "",
           f"Machine: {about['nproc']} CPUs ({about['cpu']}), {about['python']}, {about['os']}; "
           f"load average {about['load_before']} before the run and {about['load_after']} after "
           "(a shared machine: read the ratios, measured against a baseline in the same run, before the "
           "absolute times).", "",
           "Run time: " + ", ".join(f"{name} {s:.0f} s" for name, s in seconds.items()) + ".", ""]
    section = None
    notes: list[str] = []
    for row in rows:
        if row.section != section:
            if notes:
                out += ["", *notes]
                notes = []
            section = row.section
            out += ["", f"## {section}", "", "| figure | value | baseline | ratio | target | result |",
                    "|---|---|---|---|---|---|"]
        out.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row.cells()) + " |")
        if row.note:
            notes.append(f"- {row.name}: {row.note}")
    if notes:
        out += ["", *notes]
    out += ["", NOTES.read_text(encoding="utf-8").rstrip() if NOTES.is_file() else ""]
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the benchmarks and write docs/performance.md.")
    parser.add_argument("--only", help=f"comma-separated: {','.join(BENCHMARKS)} (default: all)")
    parser.add_argument("--scale", type=float, default=1.0, help="scale of the synthetic England (default 1)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--rewrite", action="store_true",
                        help="measure nothing: write the file again from the last run (after editing the notes)")
    args = parser.parse_args(argv)
    if args.rewrite:
        last = json.loads(LAST.read_text(encoding="utf-8"))
        rows, seconds, about, command = [Row(**r) for r in last["rows"]], last["seconds"], last["about"], last["command"]
    else:
        names = args.only.split(",") if args.only else list(BENCHMARKS)
        unknown = [n for n in names if n not in BENCHMARKS]
        if unknown:
            parser.error(f"unknown benchmark(s) {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
        about = {**machine(), "load_before": load_average()}
        rows, seconds = run(names, args.scale)
        about["load_after"] = load_average()
        command = ("python -m benchmarks.run " + " ".join(argv if argv is not None else sys.argv[1:])).strip()
        LAST.parent.mkdir(parents=True, exist_ok=True)
        LAST.write_text(json.dumps({"rows": [dataclasses.asdict(r) for r in rows], "seconds": seconds, "about": about,
                                    "command": command}, indent=1), encoding="utf-8")
    args.out.write_text(markdown(rows, seconds, about, command), encoding="utf-8")
    print(f"Wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
