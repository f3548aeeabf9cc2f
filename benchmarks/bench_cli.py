"""CLI answers on the bundled data, warm cache, against the import floor.

The floor is `python -c "import yaml, networkx, pydantic"`: what any Python tool over this
stack pays before doing anything. An answer (`lscp show`, `lscp accountable`) should cost at
most 1.3 times that: it imports only what it needs and reads the compiled graph from the
on-disk cache. Runs are interleaved (floor, show, accountable, floor, ...) and the medians
compared, so a busy neighbour slows all three alike.
"""
from __future__ import annotations

from .common import LSCP, PYTHON, WORK, Row, env_with, median, run_timed

SECTION = "CLI answer (bundled data, warm cache)"
TARGET = 1.3
ENTITY = "southampton.silg"
COMMANDS = {
    f"lscp show {ENTITY}": [LSCP, "show", ENTITY],
    f"lscp accountable {ENTITY}": [LSCP, "accountable", ENTITY],
}
FLOOR = [PYTHON, "-c", "import yaml, networkx, pydantic"]


def run(rounds: int = 15) -> list[Row]:
    env = env_with(LSCP_CACHE_DIR=str(WORK / "cli-cache"))
    for command in COMMANDS.values():  # warm: the first answer compiles and caches the graph
        run_timed(command, env)
    times: dict[str, list[float]] = {"floor": [], **{name: [] for name in COMMANDS}}
    for _ in range(rounds):
        times["floor"].append(run_timed(FLOOR, env))
        for name, command in COMMANDS.items():
            times[name].append(run_timed(command, env))
    floor = median(times["floor"])
    rows = []
    for name in COMMANDS:
        figure = median(times[name])
        rows.append(Row(SECTION, f"`{name}`", figure, "s", floor, "import floor", f"≤ {TARGET}×",
                        figure / floor <= TARGET,
                        note=f"median of {rounds} interleaved runs; min {min(times[name]) * 1000:.0f} ms "
                             f"vs floor min {min(times['floor']) * 1000:.0f} ms"))
    return rows


if __name__ == "__main__":
    for row in run():
        print(" | ".join(row.cells()), "|", row.note)
