"""Profiles of what the missed rows spend their time on, written to docs/profiles/ as text.

    python -m benchmarks.profiles              # every profile (what `make bench` runs)
    python -m benchmarks.profiles build        # one of them

pyinstrument samples the call stack (1 ms interval), so the profile costs the profiled run
little and its shares are those of a normal run. Each file starts with what was run, where
and when; the tree below shows each frame's share of the wall-clock time.
"""
from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

from .common import BUNDLED, PYTHON, ROOT, WORK, dataset, machine

OUT = ROOT / "docs" / "profiles"


def _header(title: str, command: str) -> str:
    about = machine()
    return (f"# {title}\n# {command}\n# {about['date']}; {about['nproc']} CPUs ({about['cpu']}), {about['python']}\n"
            "# pyinstrument, wall-clock samples every 1 ms; each line: seconds in the frame and what it calls\n\n")


def _render(session) -> str:
    from pyinstrument.renderers import ConsoleRenderer

    return ConsoleRenderer(unicode=False, color=False, show_all=False, short_mode=False).render(session)


def build(scale: float = 1.0) -> str:
    """The national build, from the YAML files (no cache)."""
    from pyinstrument import Profiler

    from lscp.loaders import load

    root = dataset(scale)
    profiler = Profiler(interval=0.001)
    profiler.start()
    load(root)
    profiler.stop()
    return _header(f"National build, scale {scale:g}", f"lscp.loaders.load({root.relative_to(ROOT)})") + _render(
        profiler.last_session)


def diagram_command() -> str:
    """`lscp diagram` as a user runs it: a fresh interpreter, its imports, the cached graph, dot."""
    out = WORK / "profile-diagram.txt"
    lscp = ["-m", "lscp.api.cli", "--data", str(BUNDLED), "diagram", "southampton", "--format", "svg",
            "-o", str(WORK / "profile.svg")]
    subprocess.run([PYTHON, *lscp], cwd=ROOT, check=True, capture_output=True, timeout=300)  # the graph cache is warm
    subprocess.run([PYTHON, "-m", "pyinstrument", "-i", "0.001", "-r", "text", "--no-color", "-o", str(out), *lscp],
                   cwd=ROOT, check=True, capture_output=True, timeout=300)
    return _header("`lscp diagram southampton --format svg` (bundled data, warm graph cache)",
                   "python -m pyinstrument -m lscp.api.cli diagram southampton --format svg") + out.read_text()


PROFILES: dict[str, Callable[[], str]] = {"build": build, "diagram-command": diagram_command}


def main(argv: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in argv or list(PROFILES):
        if name not in PROFILES:
            raise SystemExit(f"unknown profile {name!r}; choose from {', '.join(PROFILES)}")
        text = PROFILES[name]()
        (OUT / f"{name}.txt").write_text(text, encoding="utf-8")
        print(f"Wrote {OUT / f'{name}.txt'}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
