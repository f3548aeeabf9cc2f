"""Jinja2 rendering with autoescape on, and the headers every HTML page carries."""
from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# The pages load only their own CSS and JS: no inline script or style can run.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def words(value: str | None) -> str:
    """'split-decision' or 'reports_to' as plain words."""
    return (value or "").replace("-", " ").replace("_", " ")


class Pages:
    """Renders the templates in api/templates; `globals` are available to every page."""

    def __init__(self, **globals_):
        self.env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True)
        self.env.filters["words"] = words
        self.env.globals.update(globals_)

    def render(self, request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        html = self.env.get_template(name).render(request=request, path=request.url.path, **context)
        return HTMLResponse(html, status_code=status, headers=PAGE_HEADERS)
