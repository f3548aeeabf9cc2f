"""What changed between two editions: bodies and posts added, removed or renamed, and
relations added or removed (a partner re-pointed from a CCG to the ICB shows as a change)."""
from __future__ import annotations

from pydantic import BaseModel

from lscp.loaders import Graph
from lscp.model import Relation
from lscp.model.entities import Versioned

from .results import Cited, cite_all
from .scope import check_edition


class Change(BaseModel):
    change: str  # added, removed, renamed, replaced
    kind: str
    subject: str
    subject_name: str
    detail: str
    sources: list[Cited] = []


class EditionDiff(BaseModel):
    before: str
    after: str
    summary: str
    changes: list[Change]


def _entities_in(graph: Graph, edition: str) -> dict[str, Versioned]:
    return {e.id: e for e in graph.entities() if isinstance(e, Versioned) and edition in e.editions}


def _relations_in(graph: Graph, edition: str) -> dict[tuple, Relation]:
    return {(r.source, r.type, r.target, r.condition or "", r.capacity or ""): r
            for r in graph.relation_list if edition in r.editions}


def _successors(graph: Graph) -> dict[str, Relation]:
    return {r.source: r for r in graph.relations("succeeded_by")}


def _describe(graph: Graph, key: tuple) -> str:
    source, type_, target, condition, capacity = key
    extra = f" ({condition or capacity})" if condition or capacity else ""
    return f"{graph.by_id[source].name} {type_.replace('_', ' ')} {graph.by_id[target].name}{extra}"


def diff(graph: Graph, before: str, after: str) -> EditionDiff:
    """Entities and relations stated in one edition and not the other, with renames and successions."""
    check_edition(graph, before)
    check_edition(graph, after)
    old, new = _entities_in(graph, before), _entities_in(graph, after)
    succession = _successors(graph)
    changes: list[Change] = []
    renamed = set()
    for ident in sorted(set(old) - set(new)):
        successor = succession.get(ident)
        if successor and successor.target in new and successor.target not in old:
            renamed.add(successor.target)
            changes.append(Change(change="renamed", kind=old[ident].kind, subject=ident, subject_name=old[ident].name,
                                  detail=f"{old[ident].name} became {new[successor.target].name}",
                                  sources=cite_all(graph, successor.src, False)))
        else:
            changes.append(Change(change="removed", kind=old[ident].kind, subject=ident, subject_name=old[ident].name,
                                  detail=f"{old[ident].name} is not in {after}", sources=cite_all(graph, old[ident].src, False)))
    for ident in sorted(set(new) - set(old) - renamed):
        changes.append(Change(change="added", kind=new[ident].kind, subject=ident, subject_name=new[ident].name,
                              detail=f"{new[ident].name} is new in {after}", sources=cite_all(graph, new[ident].src, False)))
    changes += _relation_changes(graph, before, after, succession)
    counts = {c: sum(1 for x in changes if x.change == c) for c in ("added", "removed", "renamed", "replaced")}
    summary = (f"From {before} to {after}: " + ", ".join(f"{n} {c}" for c, n in counts.items() if n) if changes
               else f"No changes between {before} and {after}.")
    return EditionDiff(before=before, after=after, summary=summary, changes=changes)


def _relation_changes(graph: Graph, before: str, after: str, succession) -> list[Change]:
    old, new = _relations_in(graph, before), _relations_in(graph, after)

    def successors(ident):
        """The id and everything that succeeded it, in order (CCG -> merged CCG -> ICB)."""
        chain = [ident]
        while chain[-1] in succession and succession[chain[-1]].target not in chain:
            chain.append(succession[chain[-1]].target)
        return chain

    def moved_key(key, new_keys):
        source, type_, target, *rest = key
        for s in successors(source):
            for t in successors(target):
                candidate = (s, type_, t, *rest)
                if candidate != key and candidate in new_keys:
                    return candidate
        return None

    new_keys = set(new)
    changes = []
    for key in sorted(set(old) - new_keys):
        moved = moved_key(key, new_keys)
        if moved is not None:
            new_keys.discard(moved)
            changes.append(Change(change="replaced", kind="relation", subject=key[0], subject_name=graph.by_id[key[0]].name,
                                  detail=f"{_describe(graph, key)} → {_describe(graph, moved)}",
                                  sources=cite_all(graph, [*old[key].src, *new[moved].src], False)))
        else:
            changes.append(Change(change="removed", kind="relation", subject=key[0], subject_name=graph.by_id[key[0]].name,
                                  detail=_describe(graph, key), sources=cite_all(graph, old[key].src, False)))
    for key in sorted(new_keys - set(old)):
        changes.append(Change(change="added", kind="relation", subject=key[0], subject_name=graph.by_id[key[0]].name,
                              detail=_describe(graph, key), sources=cite_all(graph, new[key].src, False)))
    return changes
