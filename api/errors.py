"""The one error shape of the web edge, and the one place the core's errors become statuses.

Every failure answers `{"error": {"status", "message", "suggestions"}}` under /api, and the
same facts as an HTML page elsewhere:

    an LscpError                        -> its own `status`: NotFound (unknown id) 404, with
                                           the closest ids as suggestions; UsageError 422;
                                           Unavailable (Neo4j down, graphviz missing) 503
    bad request parameters              -> 422
    unknown path / method               -> 404 / 405
"""
from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from lscp.model import LscpError

log = logging.getLogger("lscp.web")


class ErrorDetail(BaseModel):
    status: int
    message: str
    suggestions: list[str] = []


class ErrorBody(BaseModel):
    """What every failed request answers."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "No entity has this id; `suggestions` holds the closest ids."},
    422: {"model": ErrorBody, "description": "A parameter is missing or cannot be answered as asked."},
    503: {"model": ErrorBody, "description": "The database or graphviz is unavailable; ask again later."},
}


def _describe(errors) -> str:
    """FastAPI's validation errors in one readable sentence."""
    parts = []
    for error in errors:
        where = " ".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path"))
        location = error.get("loc", ("",))[0]
        parts.append(f"{location} parameter {where!r}: {error.get('msg', 'invalid')}")
    return "Bad request: " + "; ".join(parts) + "." if parts else "Bad request."


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and request.url.path != "/openapi.json"


def error_response(request: Request, status: int, message: str, suggestions: list[str] | None = None) -> Response:
    """The one error answer: JSON under /api, an HTML page for the web pages."""
    detail = ErrorDetail(status=status, message=message, suggestions=suggestions or [])
    if _wants_html(request):
        return request.app.state.pages.render(request, "error.html", status=status, error=detail)
    return JSONResponse(ErrorBody(error=detail).model_dump(), status_code=status)


def install_error_handlers(app: FastAPI) -> None:
    """One handler per kind of failure, all answering through `error_response`."""

    @app.exception_handler(LscpError)
    async def refused(request: Request, exc: LscpError) -> Response:
        return error_response(request, exc.status, str(exc), list(exc.suggestions))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, _describe(exc.errors()))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = {404: f"Nothing here: {request.url.path}. Start from the home page or /docs."}.get(exc.status_code, str(exc.detail))
        response = error_response(request, exc.status_code, message)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, "Something went wrong on our side; the error has been logged.")
