"""Citations: every fact points at document lines or a URL."""
from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, WithJsonSchema

_DOC_LINES = re.compile(r"^(?P<doc>[A-Za-z0-9][A-Za-z0-9_.-]*):(?P<start>\d+)(?:-(?P<end>\d+))?$")


class Citation(BaseModel):
    """One source for a fact: `doc` lines `start`..`end`, or a `url`."""

    model_config = ConfigDict(frozen=True)

    doc: str | None = None
    start: int | None = None
    end: int | None = None
    url: str | None = None

    @property
    def is_url(self) -> bool:
        return self.url is not None

    def __str__(self) -> str:
        if self.url:
            return self.url
        if self.start == self.end:
            return f"{self.doc}:{self.start}"
        return f"{self.doc}:{self.start}-{self.end}"


def parse_citation(text: Any) -> Citation:
    """Parse `"004:252-253"`, `"004:252"` or an http(s) URL.

    >>> str(parse_citation("004:252-253"))
    '004:252-253'
    """
    if isinstance(text, Citation):
        return text
    if isinstance(text, dict):
        return Citation(**text)
    if not isinstance(text, str):
        raise ValueError(f"a citation is a string like '004:252-253' or a URL, not {text!r}")
    text = text.strip()
    if text.startswith(("http://", "https://")):
        return Citation(url=text)
    match = _DOC_LINES.match(text)
    if not match:
        raise ValueError(
            f"citation {text!r} is not 'DOC:LINE', 'DOC:START-END' or an http(s) URL"
        )
    start = int(match["start"])
    end = int(match["end"] or start)
    if start < 1 or end < start:
        raise ValueError(f"citation {text!r} has an empty or backwards line range")
    return Citation(doc=match["doc"], start=start, end=end)


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _parse_sources(value: Any) -> list[Citation]:
    return [parse_citation(item) for item in _as_list(value)]


# What a data file may write for a citation, for the JSON Schema: what parse_citation accepts
# (surrounding spaces are stripped; lines count from 1), or the object form of a Citation.
_CITATION_SCHEMA = {"anyOf": [
    {"type": "string", "pattern": r"^\s*(https?://\S.*|[A-Za-z0-9][A-Za-z0-9_.-]*:0*[1-9][0-9]*(-0*[1-9][0-9]*)?)\s*$",
     "examples": ["004:252", "004:252-259", "https://example.org/page"]},
    {"type": "object", "properties": {"doc": {"type": "string"}, "start": {"type": "integer", "minimum": 1},
                                      "end": {"type": "integer", "minimum": 1}, "url": {"type": "string"}}},
]}


def _sources_schema(required: bool) -> WithJsonSchema:
    """One citation or a list of them; a required one cannot be empty or null."""
    many = {"type": "array", "items": _CITATION_SCHEMA, **({"minItems": 1} if required else {})}
    forms = [_CITATION_SCHEMA, many] + ([] if required else [{"type": "null"}])
    return WithJsonSchema({"anyOf": forms}, mode="validation")


Sources = Annotated[list[Citation], BeforeValidator(_parse_sources), _sources_schema(required=False)]
# The `src` of every entity and relation: the models refuse it empty.
Cited = Annotated[list[Citation], BeforeValidator(_parse_sources), _sources_schema(required=True)]
