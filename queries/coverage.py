"""Which lines of each source document no fact cites: what is not yet modelled."""
from __future__ import annotations

from pydantic import BaseModel

from lscp.loaders import Graph
from lscp.model import UsageError
from lscp.model.entities import Source

from lscp.loaders.checks import _citations_of


class DocumentCoverage(BaseModel):
    doc: str
    name: str
    lines: int
    text_lines: int
    cited_text_lines: int
    cited_share: float
    uncited: list[tuple[int, int]]


def _cited_lines(graph: Graph) -> dict[str, set[int]]:
    cited: dict[str, set[int]] = {}
    citations = [c for e in graph.entities() for c in _citations_of(e)]
    citations += [c for r in graph.relation_list for c in r.src]
    for citation in citations:
        if citation.doc:
            cited.setdefault(citation.doc, set()).update(range(citation.start, citation.end + 1))
    return cited


def _ranges(numbers: list[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for n in numbers:
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], n)
        else:
            ranges.append((n, n))
    return ranges


def coverage(graph: Graph, doc: str | None = None) -> list[DocumentCoverage]:
    """Per bundled document: the share of its text lines that some fact cites, and the uncited ranges."""
    sources = [s for s in graph.entities("source") if isinstance(s, Source) and s.file]
    if doc is not None:
        sources = [s for s in sources if s.id == doc]
        if not sources:
            raise UsageError(f"unknown document {doc!r}; documents are: {', '.join(s.id for s in graph.entities('source'))}")
    cited = _cited_lines(graph)
    report = []
    for source in sources:
        lines = graph.source_lines(source.id, 1, 10**9)
        text = [n for n, line in lines if line.strip()]
        covered = [n for n in text if n in cited.get(source.id, set())]
        share = round(100 * len(covered) / len(text), 1) if text else 0.0
        report.append(DocumentCoverage(
            doc=source.id, name=source.name, lines=len(lines), text_lines=len(text), cited_text_lines=len(covered),
            cited_share=share, uncited=_ranges([n for n in text if n not in cited.get(source.id, set())]),
        ))
    return report
