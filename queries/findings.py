"""A finding: something missing or at risk, in plain words, with the facts it rests on."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel

from lscp.loaders import Graph
from lscp.model import Citation, Relation

from .results import Cited, Knowledge, caveat, cite_all

Severity = Literal["high", "medium", "low", "info"]
Category = Literal["structural", "statutory", "data", "key-person", "vacancy"]
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}


class Finding(BaseModel):
    code: str
    category: Category
    severity: Severity
    subject: str
    subject_name: str
    message: str
    partnership: str | None = None
    requirement: str | None = None
    facts: list[Cited] = []
    knowledge: Knowledge | None = None  # what the finding rests on: a statement, or which kind of silence
    caveats: list[str] = []  # of the inferred relations the finding rests on (results.caveat)


def finding(graph: Graph, code: str, category: Category, severity: Severity, subject: str, message: str,
            citations: list[Citation] | None = None, partnership: str | None = None,
            requirement: str | None = None, relations: Sequence[Relation | None] = ()) -> Finding:
    """`relations`: those the finding rests on, whose inference caveats it carries."""
    entity = graph.by_id[subject]
    return Finding(
        code=code, category=category, severity=severity, subject=subject, subject_name=entity.name,
        message=message, partnership=partnership, requirement=requirement,
        caveats=list(dict.fromkeys(c for r in relations if (c := caveat(r)))),
        facts=cite_all(graph, citations if citations is not None else entity.src, with_lines=False),
    )


def ordered(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.category, f.code, f.subject, f.message))
