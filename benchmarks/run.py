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


def run(names: list[str], scale: float) -> dict[str, dict]:
    """Each benchmark's rows, seconds and date, by name."""
    done = {}
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
        for row in found:
            print("  " + " | ".join(row.cells()) + (f"  [{row.note}]" if row.note else ""), flush=True)
        done[name] = {"rows": [dataclasses.asdict(row) for row in found], "seconds": time.perf_counter() - started,
                      "date": machine()["date"], "load": load_average()}
    return done


def markdown(runs: dict[str, dict], about: dict[str, str]) -> str:
    dates = sorted({run["date"] for run in runs.values()})
    out = ["# Performance", "",
           f"Written by `python -m benchmarks.run` (`make bench`); measured {' to '.join([dates[0], dates[-1]][:len(dates)])}. "
           "Do not edit by hand: change the benchmarks (`benchmarks/`) or the notes "
           "(`benchmarks/optimisations.md`) and run it again (`--only NAME` re-measures one benchmark and keeps "
           "the others' rows; `--rewrite` only rewrites this file).", "",
           f"Machine: {about['nproc']} CPUs ({about['cpu']}), {about['python']}, {about['os']}. A shared machine: "
           "read the ratios, each against a baseline measured in the same run, before the absolute times.", "",
           "Each benchmark: " + "; ".join(f"{name} {run['date']}, {run['seconds']:.0f} s, load average {run['load']}"
                                         for name, run in runs.items()) + ".", ""]
    for name in BENCHMARKS:
        if name not in runs:
            continue
        section, notes = None, []
        for row in (Row(**r) for r in runs[name]["rows"]):
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
    parser.add_argument("--only", help=f"comma-separated: {','.join(BENCHMARKS)} (default: all); the rows of the "
                                       "others are kept from the last run")
    parser.add_argument("--scale", type=float, default=1.0, help="scale of the synthetic England (default 1)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--rewrite", action="store_true",
                        help="measure nothing: write the file again from the last run (after editing the notes)")
    args = parser.parse_args(argv)
    last = json.loads(LAST.read_text(encoding="utf-8")) if LAST.is_file() else {"runs": {}}
    if not args.rewrite:
        names = args.only.split(",") if args.only else list(BENCHMARKS)
        unknown = [n for n in names if n not in BENCHMARKS]
        if unknown:
            parser.error(f"unknown benchmark(s) {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
        runs = run(names, args.scale)
        last = {"runs": {**(last["runs"] if args.only else {}), **runs}}
        LAST.parent.mkdir(parents=True, exist_ok=True)
        LAST.write_text(json.dumps(last, indent=1), encoding="utf-8")
    runs = {name: last["runs"][name] for name in BENCHMARKS if name in last["runs"]}
    args.out.write_text(markdown(runs, machine()), encoding="utf-8")
    print(f"Wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
