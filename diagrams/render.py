"""The side effect: run graphviz `dot` on DOT text. Everything else in diagrams/ is pure."""
from __future__ import annotations

import json
import shutil
import subprocess

from lscp.model import Unavailable

FORMATS = ("svg", "png", "pdf")
PNG_DPI = 150  # sharp enough to print an A4 page and to read on screen


class RenderError(Unavailable):
    """graphviz is missing or refused the DOT text."""


def dot_binary() -> str:
    found = shutil.which("dot")
    if found is None:
        raise RenderError("graphviz 'dot' is not installed; install it (apt-get install graphviz, "
                          "brew install graphviz) or use --format dot, mermaid")
    return found


def _run(dot_text: str, fmt: str, extra: tuple[str, ...] = ()) -> bytes:
    done = subprocess.run([dot_binary(), f"-T{fmt}", *extra], input=dot_text.encode("utf-8"),
                          capture_output=True, check=False, timeout=120)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip() or f"exit status {done.returncode}, no message"
        raise RenderError(f"graphviz dot -T{fmt} failed: {message}")
    return done.stdout


def render(dot_text: str, fmt: str) -> bytes:
    """Lay out and draw DOT text as svg, png or pdf with the real `dot`."""
    if fmt not in FORMATS:
        raise RenderError(f"cannot render {fmt!r}; use one of: {', '.join(FORMATS)}")
    extra = (f"-Gdpi={PNG_DPI}",) if fmt == "png" else ()
    return _run(dot_text, fmt, extra)


def layout(dot_text: str) -> dict:
    """The positions `dot` gives every box, container and line, in points.

    `-Tjson0` (positions without drawing operations): graphviz 2.43's `-Tjson` crashes on
    table cells with dashed borders, which the key uses."""
    return json.loads(_run(dot_text, "json0").decode("utf-8"))
