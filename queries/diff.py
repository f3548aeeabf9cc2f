"""What changed between two editions of one partnership: bodies and posts added, renamed or no
longer stated, and relations added, replaced (a partner re-pointed from a CCG to the ICB, a duty
given to another holder), restated differently, ended or not restated.

A fact stated in the earlier edition and absent from the later one is `not-restated`: the later
text is silent on it, which is not evidence that it ended. It is `removed` only when the data
records that it ended (its `until` date is before the later edition's date)."""
from __future__ import annotations

from pydantic import BaseModel

from lscp.loaders import Graph
from lscp.model import LscpError, NotFound, Relation
from lscp.model.entities import Versioned

from .compliance.scope import first_day, last_day
from .editions import editions_of
from .results import Cited, cite_all
from .scope import check_edition

CHANGES = ("added", "removed", "not-restated", "renamed", "replaced", "restated")
# restated: the later text still joins the same two, in other words (000:541 "feed into" the HIPS
# Executive; 004:127 the partners "act as the conduits ... between the HIPS Executive and" them).
WORDS = {"not-restated": "not restated in the later text", "restated": "stated differently"}


class Change(BaseModel):
    change: str  # one of CHANGES
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


class OtherPartnership(NotFound):
    """The later edition is not one of the earlier edition's partnership: no diff follows it (404,
    as for a chart asked for another partnership's edition), suggesting that partnership's editions."""

    def __init__(self, graph: Graph, before: str, after: str):
        owners = [graph.edition(e).partnership for e in (before, after)]
        editions = [e.id for e in editions_of(graph, owners[0]) if e.id != before]
        LscpError.__init__(self, f"{before} is an edition of {owners[0]} and {after} of {owners[1]}: a diff compares two "
                                 f"editions of one partnership ({owners[0]}'s other editions: {', '.join(editions) or 'none'}); "
                                 f"to set two partnerships side by side, compare {owners[0]} and {owners[1]}")
        self.what, self.suggestions = after, editions


def _same_partnership(graph: Graph, before: str, after: str) -> None:
    """A diff follows one partnership's arrangements over time; `compare` sets partnerships side by side."""
    if graph.edition(before).partnership != graph.edition(after).partnership:
        raise OtherPartnership(graph, before, after)


def diff(graph: Graph, before: str, after: str) -> EditionDiff:
    """Entities and relations stated in one edition and not the other, with renames and successions."""
    check_edition(graph, before)
    check_edition(graph, after)
    _same_partnership(graph, before, after)
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
            changes.append(Change(change="not-restated", kind=old[ident].kind, subject=ident, subject_name=old[ident].name,
                                  detail=f"{old[ident].name} is not stated in {after}",
                                  sources=cite_all(graph, old[ident].src, False)))
    for ident in sorted(set(new) - set(old) - renamed):
        changes.append(Change(change="added", kind=new[ident].kind, subject=ident, subject_name=new[ident].name,
                              detail=f"{new[ident].name} is new in {after}", sources=cite_all(graph, new[ident].src, False)))
    changes += _relation_changes(graph, before, after, succession)
    counts = {c: sum(1 for x in changes if x.change == c) for c in CHANGES}
    summary = (f"From {before} to {after}: " + ", ".join(f"{n} {WORDS.get(c, c)}" for c, n in counts.items() if n)
               if changes else f"No changes between {before} and {after}.")
    return EditionDiff(before=before, after=after, summary=summary, changes=changes)


def _relation_changes(graph: Graph, before: str, after: str, succession) -> list[Change]:
    old, new = _relations_in(graph, before), _relations_in(graph, after)
    later = graph.edition(after).date

    def successors(ident):
        """The id and everything that succeeded it, in order (CCG -> merged CCG -> ICB)."""
        chain = [ident]
        while chain[-1] in succession and succession[chain[-1]].target not in chain:
            chain.append(succession[chain[-1]].target)
        return chain

    def moved_key(key):
        source, type_, target, *rest = key
        for s in successors(source):
            for t in successors(target):
                candidate = (s, type_, t, *rest)
                if candidate != key and candidate in new and candidate not in old:
                    return candidate
        return None

    def new_holder(key):
        """A duty (responsible_for a function) the later text gives to someone else."""
        source, type_, target, *rest = key
        if type_ != "responsible_for":
            return None
        return next((k for k in sorted(new) if k[1:3] == (type_, target) and k not in old), None)

    def restated(key):
        """The same two ends still joined in the later text by another relation (either direction):
        the link is stated there, in other words (a new relation first, else one both texts state)."""
        ends = {key[0], key[2]}
        joined = sorted((k in old, k) for k in new if {k[0], k[2]} == ends)
        return joined[0][1] if joined else None

    matched: set[tuple] = set()  # later relations reported as the new form of an earlier one
    changes = []
    for key in sorted(set(old) - set(new)):
        subject = dict(kind="relation", subject=key[0], subject_name=graph.by_id[key[0]].name)
        for change, found in (("replaced", moved_key(key) or new_holder(key)), ("restated", restated(key))):
            if found is not None:
                matched.add(found)
                changes.append(Change(change=change, **subject, detail=f"{_describe(graph, key)} → {_describe(graph, found)}",
                                      sources=cite_all(graph, [*old[key].src, *new[found].src], False)))
                break
        else:
            until = old[key].until
            ended = bool(until and later and last_day(until) < first_day(later))
            changes.append(Change(change="removed" if ended else "not-restated", **subject,
                                  detail=_describe(graph, key) + (f" (ended {old[key].until})" if ended else ""),
                                  sources=cite_all(graph, old[key].src, False)))
    for key in sorted(set(new) - set(old) - matched):
        changes.append(Change(change="added", kind="relation", subject=key[0], subject_name=graph.by_id[key[0]].name,
                              detail=_describe(graph, key), sources=cite_all(graph, new[key].src, False)))
    return changes
