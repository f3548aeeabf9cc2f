"""Jinja2 rendering with autoescape on, and the headers every HTML page carries."""
from __future__ import annotations

import re
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


VERBS = {
    "partner_of": "is a safeguarding partner of", "relevant_agency_of": "is a relevant agency of",
    "lead_representative_of": "is the lead representative of", "member_of": "is a member of",
    "vice_chairs": "is vice-chair of", "accountable_to": "is accountable to", "responsible_for": "is responsible for",
    "represented_by": "is represented by", "shared_with": "is shared with", "succeeded_by": "is succeeded by",
}


def words(value: str | None) -> str:
    """'split-decision' or 'reports_to' as plain words."""
    return (value or "").replace("-", " ").replace("_", " ")


def verb(relation_type: str) -> str:
    """A relation type as the verb of a sentence: 'member_of' -> 'is a member of'."""
    return VERBS.get(relation_type, words(relation_type))


def anchor(text: str) -> str:
    """A citation such as '004:252-259' as an HTML id."""
    return "cite-" + re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")


def sector_label(sector: str) -> str:
    """'nhs-provider' -> 'NHS providers', with the labels the charts use."""
    try:
        from lscp.diagrams.style import SECTOR_LABELS
    except ImportError:  # the charts module is optional
        SECTOR_LABELS = {}
    return SECTOR_LABELS.get(sector, words(sector).capitalize())


def line_label(cited) -> str:
    if cited.start is None:
        return ""
    return f"line {cited.start}" if cited.start == cited.end else f"lines {cited.start}–{cited.end}"


class Pages:
    """Renders the templates in api/templates; `globals` are available to every page."""

    def __init__(self, **globals_):
        self.env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True)
        self.env.filters.update(words=words, verb=verb, anchor=anchor)
        self.env.globals.update(line_label=line_label, sector_label=sector_label)
        self.env.tests["contains"] = lambda sequence, item: item in sequence
        self.env.globals.update(globals_)

    def render(self, request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        html = self.env.get_template(name).render(request=request, path=request.url.path, **context)
        return HTMLResponse(html, status_code=status, headers=PAGE_HEADERS)
