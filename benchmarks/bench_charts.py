"""An area chart end to end, against graphviz `dot` alone laying out the same DOT text.

In process (the graph already loaded, as in the web app): `diagrams.draw(graph, area, "svg")`
builds the chart, writes DOT and runs `dot`; the baseline runs `dot` on that same DOT text.
The difference is what lscp adds, and should stay within 100 ms. The command line is timed the
same way (`lscp diagram AREA` against `dot -Tsvg` on the DOT it prints), both as subprocesses.
Runs alternate and medians are compared.
"""
from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

from .common import BUNDLED, LSCP, PYTHON, WORK, Row, dataset, env_with, load_graph, median, not_measured, run_timed

SECTION = "Charts"
TARGET_MS = 100.0
AREA = "southampton"


def _diagrams():
    try:
        from lscp import diagrams
        diagrams.draw, diagrams.build_chart, diagrams.chart_to_dot, diagrams.render  # noqa: B018 - the interface used
        return diagrams
    except (ImportError, AttributeError):
        return None


def _in_process(diagrams, graph, area: str, rounds: int) -> tuple[float, float, int]:
    dot_text = diagrams.chart_to_dot(diagrams.build_chart(graph, area))
    ends, alone = [], []
    diagrams.draw(graph, area, "svg")  # warm
    for _ in range(rounds):
        started = time.perf_counter()
        diagrams.render(dot_text, "svg")
        alone.append(time.perf_counter() - started)
        started = time.perf_counter()
        diagrams.draw(graph, area, "svg")
        ends.append(time.perf_counter() - started)
    return median(ends), median(alone), len(dot_text)


def _row(name: str, end: float, alone: float, note: str) -> Row:
    extra = (end - alone) * 1000
    return Row(SECTION, name, end, "s", alone, "`dot` alone, same DOT", f"≤ +{TARGET_MS:g} ms",
               extra <= TARGET_MS, note=f"lscp adds {extra:.0f} ms; {note}")


def run(scale: float = 1.0, rounds: int = 7) -> list[Row]:
    diagrams = _diagrams()
    if diagrams is None:
        return [not_measured(SECTION, f"area chart `{AREA}` end to end", "diagrams module not available",
                             f"≤ +{TARGET_MS:g} ms")]
    rows = []
    end, alone, size = _in_process(diagrams, load_graph(BUNDLED), AREA, rounds)
    rows.append(_row(f"area chart `{AREA}` (bundled data), in process", end, alone,
                     f"median of {rounds}; DOT {size / 1000:.0f} kB"))
    national = load_graph(dataset(scale))
    from lscp.queries.gaps import arrangements_editions

    biggest = max((e.partnership for e in arrangements_editions(national)),
                  key=lambda p: len(national.relations("relevant_agency_of", target=p)))
    area = national.relations("covers", source=biggest)[0].target
    end, alone, size = _in_process(diagrams, national, area, rounds)
    rows.append(_row(f"area chart of the largest partnership (scale {scale:g}), in process", end, alone,
                     f"median of {rounds}; DOT {size / 1000:.0f} kB"))
    rows.append(_command_line(rounds))
    return rows


def _command_line(rounds: int) -> Row:
    env = env_with(LSCP_CACHE_DIR=str(WORK / "cli-cache"))
    with tempfile.TemporaryDirectory() as tmp:
        dot_file = Path(tmp) / "chart.dot"
        done = subprocess.run([LSCP, "diagram", AREA, "--format", "dot"], env=env, capture_output=True, check=True)
        dot_file.write_bytes(done.stdout)
        chart = [LSCP, "diagram", AREA, "--format", "svg", "-o", str(Path(tmp) / "chart.svg")]
        alone = ["dot", "-Tsvg", str(dot_file), "-o", str(Path(tmp) / "dot.svg")]
        started = [PYTHON, "-c", "import lscp.api.cli, lscp.model"]  # what any lscp command costs before its work
        ends, alones, starts = [], [], []
        for _ in range(rounds):
            alones.append(run_timed(alone, env))
            ends.append(run_timed(chart, env))
            starts.append(run_timed(started, env))
    return _row(f"`lscp diagram {AREA} --format svg` (bundled data), command line", median(ends), median(alones),
                f"median of {rounds} alternating subprocesses; of it, starting Python and importing the CLI and "
                f"the model (pydantic) take {median(starts) * 1000:.0f} ms before any work: +100 ms is reachable in "
                "process only (the rows above; the web app); profile: docs/profiles/diagram-command.txt")


if __name__ == "__main__":
    for row in run():
        print(" | ".join(row.cells()), "|", row.note)
