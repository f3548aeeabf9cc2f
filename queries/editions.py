"""Editions, in one place: which editions a fact is seen in, a partnership's editions, and what an
edition supplements. Queries, charts and pages all ask these three questions.

An edition is one dated document of a partnership's arrangements (domain.md). An annual report
`supplements` the arrangements it reports on: what the arrangements state still holds in it.
"""
from __future__ import annotations

from collections.abc import Collection

from lscp.loaders import Graph
from lscp.model import Entity, Relation
from lscp.model.entities import Edition, Versioned


def seen_in(item: Entity | Relation, editions: Collection[str] | None) -> bool:
    """Whether a fact is seen in any of `editions` (None: in any edition). An edition is seen in
    itself only; a body, post or relation in the editions that state it, or in every edition
    when none is named; organisations, people and the other unversioned entities in all."""
    if editions is None:
        return True
    if isinstance(item, Edition):
        return item.id in editions
    stated = item.editions if isinstance(item, (Versioned, Relation)) else None
    return not stated or not set(stated).isdisjoint(editions)


def editions_of(graph: Graph, partnership: str) -> list[Edition]:
    """The partnership's editions, oldest first (by date, then id)."""
    found = [e for e in graph.entities("edition") if isinstance(e, Edition) and e.partnership == partnership]
    return sorted(found, key=lambda e: (e.date or "", e.id))


def with_supplements(graph: Graph, edition: str) -> set[str]:
    """An edition and every edition it supplements, transitively."""
    chosen: set[str] = set()
    current: str | None = edition
    while current and current not in chosen:
        chosen.add(current)
        current = graph.edition(current).supplements
    return chosen
