"""The web app: `create_app(graph)` serves the JSON API under /api, the HTML pages, and /docs."""
from __future__ import annotations

import gc
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from lscp.loaders import Graph
from lscp.queries import list_entities

from .deps import Memo
from .docs import install_docs
from .errors import install_error_handlers
from .routes import browse, charts, openapi, questions, reports
from .web import pages
from .web.render import Pages

STATIC = Path(__file__).resolve().parent / "static"

DESCRIPTION = """Who is accountable for what in children's safeguarding partnerships.

Every answer cites the lines of the published document that states each fact. Read-only.
Errors always answer `{"error": {"status", "message", "suggestions"}}`: 404 for an unknown id
(with the closest ids), 422 for a parameter that cannot be answered as asked."""


def create_app(graph: Graph) -> FastAPI:
    """The app over one loaded graph; nothing is read from disk after this but static files and sources."""
    app = App(title="lscp", version="0.1.0", description=DESCRIPTION, docs_url=None, redoc_url=None)
    app.state.graph = graph
    app.state.chart_cache = charts.new_cache()
    app.state.pages = Pages(source_name=_source_names(graph).get, name_of=lambda i: _name_of(graph, i),
                            chart_formats=charts.FORMATS, charts_available=charts.available())
    install_error_handlers(app)
    for router in (browse.router, questions.router, reports.router, charts.router, pages.router):
        app.include_router(router)
    install_docs(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.openapi = openapi.document_builder(app, graph)  # type: ignore[method-assign]
    return app


class App(FastAPI):
    """FastAPI behind the answer cache: a repeated answer skips every layer of FastAPI's, whose
    own middleware (telemetry, error pages, body limit) cost a quarter of a cached request."""

    def __init__(self, **options):
        super().__init__(**options)
        self.state.answer_cache = Memo(max_items=1024, max_bytes=64 * 2**20)
        self._front = SecurityHeaders(AnswerCache(super().__call__, self.state.answer_cache))

    async def __call__(self, scope, receive, send):
        await self._front(scope, receive, send)


def settle_heap() -> None:
    """Call once the graph is loaded, before serving: collect, then exempt what survives (the graph)
    from the cycle collector, which would otherwise sweep it again and again under load."""
    gc.collect()
    gc.freeze()


# On every answer, replayed ones and error pages included. The pages and /docs load scripts and
# styles from this server only; style attributes stay allowed (charts and Swagger UI use them).
SECURITY_HEADERS = (
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                                 b"img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
                                 b"frame-ancestors 'none'"),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),  # JSON that echoes input is never read as HTML
    (b"referrer-policy", b"no-referrer"),
)


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every HTTP answer that does not set its own (the pages and charts
    set stricter ones). The outermost layer, so answers replayed by the cache and errors from
    any layer get them too; pure ASGI (`BaseHTTPMiddleware` cost a task
    and a stream per request)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                present = {name.lower() for name, _ in headers}
                headers += [header for header in SECURITY_HEADERS if header[0] not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers if scope["type"] == "http" else send)


class AnswerCache:
    """Replays a JSON answer already given, byte for byte, headers and all: the graph never changes
    during a server's life, so a URL always gets the same answer. Keyed by path and query string;
    only the 200s of GET /api/ (charts keep their own cache, errors are made afresh)."""

    def __init__(self, app, memo: Memo):
        self.app, self.memo = app, memo

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "")
        if scope["type"] != "http" or scope["method"] != "GET" or not path.startswith("/api/") \
                or path.startswith("/api/charts/"):
            return await self.app(scope, receive, send)
        key = (path, scope["query_string"])
        cached = self.memo.get(key)
        if cached is not None:
            start, body = cached
            await send(dict(start))  # a copy: the server may annotate the message it is given
            return await send({"type": "http.response.body", "body": body})
        start, chunks = None, []

        async def keep(message):
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, keep)
        if start is not None and start["status"] == 200:
            body = b"".join(chunks)
            kept = {"type": start["type"], "status": 200, "headers": tuple(map(tuple, start.get("headers", ())))}
            self.memo.put(key, (kept, body), len(body))


def _name_of(graph: Graph, entity_id: str) -> str:
    entity = graph.by_id.get(entity_id)
    return entity.name if entity else entity_id


def _source_names(graph: Graph) -> dict[str, str]:
    return {s.id: s.name for s in list_entities(graph, "sources")}
