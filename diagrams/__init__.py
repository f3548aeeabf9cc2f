"""Structure charts drawn from the graph and laid out by graphviz `dot`.

Each chart kind has a pure `*_to_dot(...) -> str`; `render(dot_text, fmt)` is the one side
effect (svg, png, pdf); Mermaid and draw.io are other emitters of the same `Chart`. `draw()` is
what the command line calls: target and options in, file bytes out.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lscp.loaders import Graph
from lscp.model import UsageError

from .chart import Chart, Cluster, Edge, Node
from .common import KINDS, ChartOptions, parse_kinds
from .compare import compare_chart, compare_to_dot, diff_chart, diff_to_dot
from .dot import chart_to_dot
from .drawio import chart_to_drawio
from .highlight import Step, as_steps, flow_chart, highlight_chart, highlight_steps, highlight_steps_to_dot
from .hips import hips_to_dot, multi_area_chart
from .mermaid import chart_to_mermaid
from .render import RenderError, layout, render
from .structure import structure_chart, structure_to_dot
from .targets import base_chart, resolve_target

FORMATS = ("svg", "png", "pdf", "dot", "mermaid", "drawio")

__all__ = [
    "FORMATS", "KINDS", "Chart", "ChartOptions", "Cluster", "Edge", "Node", "RenderError", "Step", "as_steps",
    "base_chart", "build_chart", "chart_to_dot", "chart_to_drawio", "chart_to_mermaid", "compare_chart",
    "compare_to_dot", "diff_chart", "diff_to_dot", "draw", "export", "flow_chart", "highlight_chart",
    "highlight_steps", "highlight_steps_to_dot", "hips_to_dot", "layout", "multi_area_chart", "parse_kinds",
    "render", "resolve_target", "structure_chart", "structure_to_dot",
]


def build_chart(graph: Graph, target: str | None = None, *, edition: str | None = None,
                options: ChartOptions | None = None, steps: Iterable[Any] | None = None, flow: bool = False,
                diff: tuple[str, str] | None = None, compare: tuple[str, str] | None = None,
                title: str | None = None) -> Chart:
    """The chart a request asks for: a target's chart, its edition diff, two side by side, or
    steps highlighted on it (or alone, `flow=True`)."""
    options = options or ChartOptions()
    if compare:
        if diff or steps or edition:
            raise UsageError("--compare draws each partnership's current chart; leave out --diff, --edition "
                             "and highlighted steps")
        if target is not None and target not in compare:
            raise UsageError(f"--compare {compare[0]} {compare[1]} draws those two; leave out TARGET {target!r}")
        return compare_chart(graph, compare[0], compare[1], options)
    if diff:
        if edition:
            raise UsageError("--diff E1 E2 names both editions; leave out --edition")
        target = target or graph.edition(diff[0]).partnership
        chart = diff_chart(graph, target, diff[0], diff[1], options)
        return highlight_steps(graph, chart, steps) if steps else chart
    if steps is not None and (flow or target is None):
        return flow_chart(graph, steps, title or "Steps", options=options)
    if target is None:
        raise UsageError("give a TARGET: a partnership id (southampton.sscp), an area id (southampton) or 'hips'")
    return highlight_chart(graph, target, steps, edition=edition, options=options, title=title) if steps \
        else base_chart(graph, target, edition, options)


def export(chart: Chart, fmt: str) -> bytes:
    """A chart as the bytes of a file in one of FORMATS."""
    if fmt == "dot":
        return chart_to_dot(chart).encode("utf-8")
    if fmt == "mermaid":
        return chart_to_mermaid(chart).encode("utf-8")
    if fmt == "drawio":
        return chart_to_drawio(chart).encode("utf-8")
    if fmt in ("svg", "png", "pdf"):
        return render(chart_to_dot(chart), fmt)
    raise UsageError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")


def draw(graph: Graph, target: str | None, fmt: str = "svg", **request: Any) -> bytes:
    """Build the chart asked for (see `build_chart`) and export it: what `lscp diagram` runs."""
    return export(build_chart(graph, target, **request), fmt)
