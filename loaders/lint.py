"""A cheap guard against mis-citation: cited lines must mention what they cite."""
from __future__ import annotations

import re

from lscp.model import Problem

from .graphs import Graph, MemoryGraph

_WORD = re.compile(r"[a-z0-9]+")
# Words too common in these documents to show that a line is about a particular thing.
_COMMON = frozenset(
    "the and for with from that this will their they have group groups board partnership partnerships "
    "safeguarding children child service services council trust nhs local area areas officer team member "
    "members representative representatives agency agencies organisation organisations partner partners "
    "all other include including".split()
)


def significant(text: str) -> set[str]:
    """Stems (first five letters) of the words that identify a name."""
    words = _WORD.findall(text.lower())
    return {w[:5] for w in words if (len(w) >= 3 or w.isdigit()) and w not in _COMMON}


def _stems_of_lines(graph: Graph, citation) -> set[str]:
    lines = graph.source_lines(citation.doc, citation.start, citation.end)
    return {w[:5] for _, line in lines for w in _WORD.findall(line.lower())}


def _names(graph: Graph, entity_id: str) -> set[str]:
    entity = graph.by_id[entity_id]
    return set().union(*(significant(n) for n in entity.all_names()))


def citation_findings(graph: MemoryGraph) -> list[Problem]:
    """Entity and relation citations whose lines share no significant word with what they cite
    (of a graph loaded from files: every record has the file:line:column it was written at)."""
    findings = []
    for entity in graph.entities():
        if entity.kind == "source":
            continue
        wanted = _names(graph, entity.id)
        origin = graph.origins[entity.id]
        for citation in entity.src:
            if citation.doc and wanted and not wanted & _stems_of_lines(graph, citation):
                findings.append(Problem(origin.file, origin.line, origin.column,
                                        f"citation {citation} does not mention {entity.name!r}", entity.id))
    for relation, origin in zip(graph.relation_list, graph.relation_origins, strict=True):
        wanted = _names(graph, relation.source) | _names(graph, relation.target)
        for citation in relation.src:
            if citation.doc and wanted and not wanted & _stems_of_lines(graph, citation):
                findings.append(Problem(origin.file, origin.line, origin.column,
                                        f"citation {citation} mentions neither end of {relation.type}", relation.key))
    return sorted(findings)
