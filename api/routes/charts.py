"""Charts in every diagram format, drawn by `diagrams.draw`: a partnership's structure, with an
accountability chain or an escalation route highlighted, or the changes between two editions."""
from __future__ import annotations

import re
import shutil
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from lscp.model import UsageError

from ..deps import GraphDep, Memo
from ..errors import ERROR_RESPONSES

try:  # the web app runs without the charts module; the pages then show no charts
    from lscp import diagrams
except ImportError:  # pragma: no cover
    diagrams = None

router = APIRouter(prefix="/api", tags=["charts"], responses=ERROR_RESPONSES)

MEDIA_TYPES = {
    "svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf", "dot": "text/vnd.graphviz",
    "mermaid": "text/plain", "drawio": "application/vnd.jgraph.mxfile",
}
FORMATS = tuple(f for f in MEDIA_TYPES if diagrams and f in diagrams.FORMATS)
Format = Literal[FORMATS] if FORMATS else str  # type: ignore[valid-type]
CHART_RESPONSES = {
    200: {"description": "The chart as a file in the format asked for.",
          "content": {MEDIA_TYPES[f]: {"schema": {"type": "string", "format": "binary"}} for f in FORMATS}},
    503: {"description": "graphviz `dot` is not installed on the server."},
}
# A chart is a file to look at: nothing in it may run, even when opened on its own.
CHART_HEADERS = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
                 "X-Content-Type-Options": "nosniff"}


class ChartQuery(BaseModel):
    """What to draw besides the structure (all optional)."""

    edition: str | None = Field(None, description="Draw the structure as this edition states it.",
                                examples=["southampton-2022"])
    highlight: str | None = Field(None, description="Highlight every accountability chain of this entity.",
                                  examples=["southampton.silg"])
    route: str | None = Field(None, description="Highlight the escalation routes from this entity.",
                              examples=["portsmouth.board"])
    when: str | None = Field(None, description="The condition of the escalation `route`.", examples=["split-decision"])
    alone: bool = Field(False, description="Draw the highlighted steps alone, as a flow.")
    before: str | None = Field(None, description="With `after`: mark what changed since this edition.",
                               examples=["hips-2019"])
    after: str | None = Field(None, description="With `before`: the later edition.", examples=["hips-2022"])
    beside: str | None = Field(None, description="Draw this partnership beside the target, each as it stands now.",
                               examples=["portsmouth.pscp"])


def new_cache() -> Memo:
    """Where `_drawn` keeps charts: at most 64, and 256 MB (a large PNG is several MB)."""
    return Memo(max_items=64, max_bytes=256 * 2**20)


def available() -> bool:
    """Whether the pages can show charts: the diagrams module and graphviz `dot` are installed."""
    return bool(FORMATS) and shutil.which("dot") is not None


@router.get("/charts/{target}.{fmt}", operation_id="chart", response_class=Response, responses=CHART_RESPONSES)
def chart(
    request: Request, graph: GraphDep, ask: Annotated[ChartQuery, Query()],
    target: Annotated[str, Path(description="A partnership id, an area id or hips.", examples=["southampton.sscp"])],
    fmt: Annotated[Format, Path(description="The file format.")],
) -> Response:
    """A structure chart: with a chain or route highlighted, the changes between editions, or two side by side."""
    body = _drawn(request.app.state.chart_cache, graph, target, fmt, ask)
    parts = (target, ask.highlight, ask.route, ask.when, ask.before, ask.after, ask.beside)
    name = "-".join(re.sub(r"[^a-z0-9.-]", "_", part) for part in parts if part)
    extension = "mmd" if fmt == "mermaid" else fmt
    return Response(body, media_type=MEDIA_TYPES[fmt], headers={
        **CHART_HEADERS, "Content-Disposition": f'inline; filename="{name}.{extension}"'})


def _drawn(cache: Memo, graph, target: str, fmt: str, ask: ChartQuery) -> bytes:
    """diagrams.draw, remembered: the graph never changes, so a drawn chart never goes stale."""
    key = (target, fmt, *ask.model_dump().values())
    body = cache.get(key)
    if body is None:
        if bool(ask.before) != bool(ask.after):
            raise UsageError("give both `before` and `after` (two editions of the partnership) to draw the changes")
        steps = _steps(graph, ask)
        body = diagrams.draw(graph, target, fmt, edition=ask.edition, steps=steps, flow=ask.alone and bool(steps),
                             diff=(ask.before, ask.after) if ask.before else None,
                             compare=(target, ask.beside) if ask.beside else None)
        cache.put(key, body, len(body))
    return body


def _steps(graph, ask: ChartQuery) -> list | None:
    """The steps of the chains and routes asked for (diagrams.steps_for, as the CLI draws them)."""
    if not (ask.highlight or ask.route):
        return None
    from lscp.diagrams.highlight import steps_for

    return steps_for(graph, ask.highlight, ask.route, ask.when, ask.edition) or None
