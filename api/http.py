"""The web app: `create_app(graph)` serves the JSON API under /api, the HTML pages, and /docs."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from loaders import Graph
from queries import list_entities

from .errors import install_error_handlers
from .routes import browse, charts, questions, reports
from .web import pages
from .web.render import Pages

STATIC = Path(__file__).resolve().parent / "static"

DESCRIPTION = """Who is accountable for what in children's safeguarding partnerships.

Every answer cites the lines of the published document that states each fact. Read-only.
Errors always answer `{"error": {"status", "message", "suggestions"}}`: 404 for an unknown id
(with the closest ids), 422 for a parameter that cannot be answered as asked."""


def create_app(graph: Graph) -> FastAPI:
    """The app over one loaded graph; nothing is read from disk after this but static files and sources."""
    app = FastAPI(title="lscp", version="0.1.0", description=DESCRIPTION, docs_url="/docs", redoc_url=None)
    app.state.graph = graph
    app.state.chart_cache = {}  # the graph never changes, so a drawn chart never goes stale
    app.state.pages = Pages(source_name=_source_names(graph).get, name_of=lambda i: _name_of(graph, i),
                            chart_formats=charts.FORMATS, charts_available=charts.available())
    install_error_handlers(app)
    for router in (browse.router, questions.router, reports.router, charts.router, pages.router):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.middleware("http")
    async def no_sniffing(request, call_next):
        """Every answer is what its content type says (JSON that echoes input is never read as HTML)."""
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    return app


def _name_of(graph: Graph, entity_id: str) -> str:
    entity = graph.by_id.get(entity_id)
    return entity.name if entity else entity_id


def _source_names(graph: Graph) -> dict[str, str]:
    return {s.id: s.name for s in list_entities(graph, "sources")}
