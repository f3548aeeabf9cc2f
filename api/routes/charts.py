"""Charts in every diagram format, drawn by `diagrams.draw`: a partnership's structure, with an
accountability chain or an escalation route highlighted, or the changes between two editions."""
from __future__ import annotations

import re
import shutil
from types import ModuleType
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from lscp import queries
from lscp.model import LscpError, NotFound, Unavailable, UsageError

from ..deps import MAX_LENGTH, GraphDep, Memo
from ..errors import ERROR_RESPONSES

diagrams: ModuleType | None
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
if TYPE_CHECKING:  # built at run time from the formats installed; to the type checker, a name
    Format = str
else:
    Format = Literal[FORMATS] if FORMATS else str
CHART_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The chart as a file in the format asked for.",
          "content": {MEDIA_TYPES[f]: {"schema": {"type": "string", "format": "binary"}} for f in FORMATS}},
    503: {"description": "graphviz `dot` is not installed on the server."},
}
# A chart is a file to look at: nothing in it may run, even when opened on its own.
CHART_HEADERS = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
                 "X-Content-Type-Options": "nosniff"}


class ChartQuery(BaseModel):
    """What to draw besides the structure (all optional). The examples draw the HIPS chart."""

    edition: str | None = Field(None, max_length=MAX_LENGTH, description="Draw the structure as this edition states it.",
                                examples=["hips-2022"])
    highlight: str | None = Field(None, max_length=MAX_LENGTH, description="Highlight every accountability chain of this entity.",
                                  examples=["hips.health-group"])
    route: str | None = Field(None, max_length=MAX_LENGTH, description="Highlight the escalation routes from this entity.",
                              examples=["hips.executive"])
    when: str | None = Field(None, max_length=MAX_LENGTH, description="The condition of the escalation `route`.",
                             examples=["split-decision"], json_schema_extra={"enum": list(queries.CONDITIONS)})
    alone: bool = Field(False, description="Draw the highlighted steps alone, as a flow.")
    before: str | None = Field(None, max_length=MAX_LENGTH, description="With `after`: mark what changed since this edition.",
                               examples=["hips-2019"])
    after: str | None = Field(None, max_length=MAX_LENGTH, description="With `before`: the later edition.", examples=["hips-2022"])
    beside: str | None = Field(None, max_length=MAX_LENGTH, description="Draw this partnership beside the target, each as it stands now.",
                               examples=["portsmouth.pscp"])


# The three kinds of chart and the parameters each takes (the OpenAPI document says so with one
# exploded query object per kind; other mixtures answer 422).
MODES = {
    "structure": ("edition", "highlight", "route", "when", "alone"),
    "changes": ("before", "after", "highlight", "route", "when", "alone"),
    "side by side": ("beside",),
}
MODE_REQUIRES = {"changes": ("before", "after"), "side by side": ("beside",)}


class NoSuchChart(NotFound):
    """An edition of another partnership: no chart of this target shows it."""

    def __init__(self, target: str, edition: str, editions: list[str]):
        LscpError.__init__(self, f"{target} has no edition {edition!r}; its editions are: {', '.join(editions) or 'none'}")
        self.what, self.suggestions = edition, editions


def new_cache() -> Memo:
    """Where `_drawn` keeps charts: at most 64, and 256 MB (a large PNG is several MB)."""
    return Memo(max_items=64, max_bytes=256 * 2**20)


def available() -> bool:
    """Whether the pages can show charts: the diagrams module and graphviz `dot` are installed."""
    return bool(FORMATS) and shutil.which("dot") is not None


@router.get("/charts/{target}.{fmt}", operation_id="chart", response_class=Response, responses=CHART_RESPONSES)
def chart(
    request: Request, graph: GraphDep, ask: Annotated[ChartQuery, Query()],
    target: Annotated[str, Path(description="A partnership id, an area id or hips.", examples=["hips"],
                                max_length=MAX_LENGTH)],
    fmt: Annotated[Format, Path(description="The file format.")],
) -> Response:
    """A structure chart: with a chain or route highlighted, the changes between editions, or two side by side."""
    target, ask = _resolved(graph, target, ask)
    body = _drawn(request.app.state.chart_cache, graph, target, fmt, ask)
    parts = (target, ask.highlight, ask.route, ask.when, ask.before, ask.after, ask.beside)
    name = "-".join(re.sub(r"[^a-z0-9.-]", "_", part) for part in parts if part)
    extension = "mmd" if fmt == "mermaid" else fmt
    return Response(body, media_type=MEDIA_TYPES[fmt], headers={
        **CHART_HEADERS, "Content-Disposition": f'inline; filename="{name}.{extension}"'})


# What each parameter names, for resolving a name or abbreviation typed in its place.
KINDS = {"edition": ("edition",), "before": ("edition",), "after": ("edition",), "highlight": (), "route": (),
         "beside": ("partnership", "area")}


def _resolved(graph, target: str, ask: ChartQuery) -> tuple[str, ChartQuery]:
    """Names and abbreviations read as ids through search (queries.lookup.resolve), as the CLI
    reads them: one match answers, several answer 404 with the candidates and their areas."""
    from lscp.queries.lookup import resolve

    asked = {field: resolve(graph, value, kinds) for field, kinds in KINDS.items() if (value := getattr(ask, field))}
    return resolve(graph, target, ("partnership", "area")), ask.model_copy(update=asked)


def _drawn(cache: Memo, graph, target: str, fmt: str, ask: ChartQuery) -> bytes:
    """diagrams.draw, remembered: the graph never changes, so a drawn chart never goes stale."""
    key = (target, fmt, *ask.model_dump().values())
    body = cache.get(key)
    if body is None:
        if diagrams is None:  # pragma: no cover - the 503 CHART_RESPONSES documents, not a crash
            raise Unavailable("the charts module is not installed on the server")
        _editions_of_target(graph, target, ask)
        if bool(ask.before) != bool(ask.after):
            raise UsageError("give both `before` and `after` (two editions of the partnership) to draw the changes")
        from lscp.diagrams.highlight import chart_edition

        if ask.highlight or ask.route:
            ask = ask.model_copy(update={"edition": chart_edition(graph, target, ask.highlight or ask.route, ask.edition)})
        steps = _steps(graph, ask)
        body = diagrams.draw(graph, target, fmt, edition=ask.edition, steps=steps, flow=ask.alone and bool(steps),
                             diff=(ask.before, ask.after) if ask.before else None,
                             compare=(target, ask.beside) if ask.beside else None)
        cache.put(key, body, len(body))
    return body


def _editions_of_target(graph, target: str, ask: ChartQuery) -> None:
    """An edition asked for is one of the target's (else 404: that chart does not exist)."""
    asked = [e for e in (ask.edition, ask.before, ask.after) if e]
    if not asked:
        return
    from lscp.diagrams.common import editions_of
    from lscp.diagrams.targets import resolve_target

    own = [e.id for e in editions_of(graph, resolve_target(graph, target))]
    for edition in asked:
        if edition not in own:
            raise NoSuchChart(target, edition, own)


def _steps(graph, ask: ChartQuery) -> list | None:
    """The steps of the chains and routes asked for (diagrams.steps_for, as the CLI draws them)."""
    if not (ask.highlight or ask.route):
        return None
    from lscp.diagrams.highlight import steps_for

    return steps_for(graph, ask.highlight, ask.route, ask.when, ask.edition) or None
