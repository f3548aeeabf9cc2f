"""Typed, plain results shared by every query: citations with their source lines."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from lscp.loaders import Graph
from lscp.model import Citation, Relation


# How a fact, or its absence, is known (the three kinds of "not known" kept apart, domain.md):
# stated in a document we hold; stated there as absent; not stated in a document we hold; or
# the document that would state it is not among our sources.
Knowledge = Literal["stated", "stated-absent", "not-stated", "not-in-sources"]


class Cited(BaseModel):
    """A citation as shown to a user, with the cited source lines when bundled."""

    citation: str
    doc: str | None = None
    start: int | None = None
    end: int | None = None
    url: str | None = None
    lines: list[tuple[int, str]] = []


class RelationView(BaseModel):
    type: str
    source: str
    source_name: str
    target: str
    target_name: str
    editions: list[str] = []
    attributes: dict[str, str | int | float | bool | list[str]] = {}
    note: str | None = None
    inferred: bool = False  # read into the text, not stated by it: `note` says how
    sources: list[Cited] = []


def caveat(relation: Relation | None) -> str | None:
    """What an answer using this relation must say about it: the note of an inferred relation."""
    return relation.note if relation is not None and relation.inferred else None


def cite(graph: Graph, citation: Citation, with_lines: bool = True) -> Cited:
    """The citation with its lines; one object for every relation citing the same lines (a
    partnership's hundreds of relevant agencies cite one appendix), as the graph never changes."""
    key = ("cited", citation.doc, citation.start, citation.end, citation.url, with_lines)
    found = graph.cache.get(key)
    if found is None:
        lines = (graph.source_lines(citation.doc, citation.start, citation.end)
                 if with_lines and citation.doc and citation.start and citation.end else [])
        found = graph.cache[key] = Cited(citation=str(citation), doc=citation.doc, start=citation.start,
                                         end=citation.end, url=citation.url, lines=lines)
    return found


def cite_all(graph: Graph, citations, with_lines: bool = True) -> list[Cited]:
    """Each citation once, in order (equal citations are one cached object)."""
    if len(citations) == 1:
        return [cite(graph, citations[0], with_lines)]
    out: dict[int, Cited] = {}
    for citation in citations:
        cited = cite(graph, citation, with_lines)
        out.setdefault(id(cited), cited)
    return list(out.values())


_ATTRIBUTES = ("capacity", "represents", "condition", "order", "share", "authority", "rotating", "via", "on", "since", "until")


def view_relation(graph: Graph, relation: Relation, with_lines: bool = True) -> RelationView:
    fields = relation.__dict__  # a validated model's own values: no attribute lookups
    attributes = {name: fields[name] for name in _ATTRIBUTES if fields.get(name) not in (None, [], False)}
    return RelationView(
        type=relation.type,
        source=relation.source,
        source_name=graph.by_id[relation.source].name,
        target=relation.target,
        target_name=graph.by_id[relation.target].name,
        editions=relation.editions,
        attributes=attributes,
        note=relation.note,
        inferred=relation.inferred,
        sources=cite_all(graph, relation.src, with_lines),
    )


def same_facts(relations: list[Relation]) -> list[list[Relation]]:
    """Relations grouped where they state the same fact: one document listing an organisation
    in two lists (Portsmouth's relevant agencies at 000:210 and 000:563) is one relevant agency,
    cited twice. Only the citations, notes and whether a line is read rather than stated may
    differ (000:217 states what 000:794's "All Faith Groups" is read as); order is that of first
    appearance."""
    groups: dict[tuple, list[Relation]] = {}
    for relation in relations:
        fields = relation.__dict__
        key = tuple((name, repr(value)) for name, value in fields.items() if name not in ("src", "note", "inferred"))
        groups.setdefault(key, []).append(relation)
    return list(groups.values())


def view_fact(graph: Graph, group: list[Relation], with_lines: bool = True) -> RelationView:
    """One fact stated by one or more relations: the first stated relation's view (an inference
    only where every line is read into), with every citation."""
    view = view_relation(graph, min(group, key=lambda r: r.inferred), with_lines)
    if len(group) > 1:
        view.sources = cite_all(graph, [c for r in group for c in r.src], with_lines)
        view.inferred = all(r.inferred for r in group)
        notes = list(dict.fromkeys(r.note for r in group if r.note))
        view.note = " ".join(notes) or None
    return view
