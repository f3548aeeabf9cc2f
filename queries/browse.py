"""Browsing: list, search, show and the overview of what is loaded."""
from __future__ import annotations

import re

from pydantic import BaseModel

from loaders import Graph
from model import Entity

from .results import Cited, RelationView, cite_all, view_relation
from .scope import areas_of, check_area, check_edition, in_area, in_edition, kind_named, partnership_of


class EntitySummary(BaseModel):
    id: str
    kind: str
    name: str
    subkind: str | None = None
    partnership: str | None = None
    editions: list[str] = []
    areas: list[str] = []
    chairs: list[str] = []
    chair: str = ""
    sources: list[str] = []


class SearchHit(BaseModel):
    id: str
    kind: str
    name: str
    matched: str
    score: int


class NotStatedView(BaseModel):
    field: str
    note: str
    sources: list[Cited] = []


class EntityDetail(BaseModel):
    id: str
    kind: str
    name: str
    aliases: list[str] = []
    fields: dict[str, object] = {}
    editions: list[str] = []
    absent_from: list[str] = []
    not_stated: list[NotStatedView] = []
    outgoing: list[RelationView] = []
    incoming: list[RelationView] = []
    sources: list[Cited] = []


_SUBKIND = ("sector", "body_kind", "partnership_kind", "edition_kind", "area_kind")
_SKIP = {"id", "name", "aliases", "src", "not_stated", "editions", "note"}


def _subkind(entity: Entity) -> str | None:
    for name in _SUBKIND:
        if hasattr(entity, name):
            return getattr(entity, name)
    return None


def summarise(graph: Graph, entity: Entity) -> EntitySummary:
    chairs = sorted({graph.by_id[r.source].name for r in graph.relations("chairs", target=entity.id)})
    chair = "; ".join(chairs)
    if not chairs and any(n.field == "chair" for n in entity.not_stated):
        chair = "not stated"
    return EntitySummary(
        id=entity.id, kind=entity.kind, name=entity.name, subkind=_subkind(entity),
        partnership=partnership_of(graph, entity), editions=list(getattr(entity, "editions", [])),
        areas=sorted(areas_of(graph, entity)), chairs=chairs, chair=chair,
        sources=[str(c) for c in entity.src],
    )


def list_entities(graph: Graph, kind: str, area: str | None = None, edition: str | None = None) -> list[EntitySummary]:
    """Entities of one kind, optionally within an area and an edition, sorted by id."""
    kind = kind_named(kind)
    check_area(graph, area)
    check_edition(graph, edition)
    found = []
    for entity in graph.entities(kind):
        if area and not in_area(graph, entity, area):
            continue
        if edition and not _in_edition_or_related(graph, entity, edition):
            continue
        found.append(summarise(graph, entity))
    return found


def _in_edition_or_related(graph: Graph, entity: Entity, edition: str) -> bool:
    """Unversioned entities (organisations...) count when a relation of the edition touches them."""
    if entity.kind in ("body", "post", "edition"):
        return in_edition(entity, edition)
    related = graph.relations(source=entity.id) + graph.relations(target=entity.id)
    return any(edition in r.editions for r in related)


_WORD = re.compile(r"[a-z0-9]+")


def search(graph: Graph, text: str, limit: int = 20) -> list[SearchHit]:
    """Entities whose id, name or alias matches every word of `text`, best first."""
    words = _WORD.findall(text.lower())
    if not words:
        return []
    ranked = []
    for entity in _candidates(graph, words):
        best = None
        for candidate in [entity.name, *entity.aliases, entity.id]:
            score = _score(candidate, words, text)
            if score and (best is None or score > best[0]):
                best = (score, candidate)
        if best:
            ranked.append((-best[0], entity.name.lower(), entity.id, best[1], entity))
    ranked.sort(key=lambda hit: hit[:3])  # a national search can match thousands: rank, then build the first few
    return [SearchHit(id=entity.id, kind=entity.kind, name=entity.name, matched=matched, score=-score)
            for score, _, _, matched, entity in ranked[:limit]]


def _candidates(graph: Graph, words: list[str]) -> list[Entity]:
    """Every entity; a database backend narrows them server-side to those containing every word."""
    matching = getattr(graph, "entities_matching", None)
    return matching(words) if matching is not None else graph.entities()


def _score(candidate: str, words: list[str], text: str) -> int:
    lowered = candidate.lower()
    # A word that starts a token is inside the text too, so "every word is inside" is the whole test.
    if not all(w in lowered for w in words):
        return 0
    tokens = _WORD.findall(lowered)
    if lowered == text.lower().strip():
        return 100
    if lowered.startswith(text.lower().strip()):
        return 80
    return 50 + sum(1 for w in words if w in tokens)


def show(graph: Graph, entity_id: str) -> EntityDetail:
    """The entity, every relation in and out, each citation with its lines."""
    entity = graph.entity(entity_id)
    fields = {
        name: value for name, value in entity.model_dump(mode="json").items()
        if name not in _SKIP and value not in (None, [], {}, False)
    }
    if entity.note:
        fields["note"] = entity.note
    editions = list(getattr(entity, "editions", []))
    return EntityDetail(
        id=entity.id, kind=entity.kind, name=entity.name, aliases=list(entity.aliases),
        fields=fields, editions=editions, absent_from=_absent_from(graph, entity, editions),
        not_stated=[NotStatedView(field=n.field, note=n.note, sources=cite_all(graph, n.src)) for n in entity.not_stated],
        outgoing=[view_relation(graph, r) for r in graph.relations(source=entity.id)],
        incoming=[view_relation(graph, r) for r in graph.relations(target=entity.id)],
        sources=cite_all(graph, entity.src),
    )


def _absent_from(graph: Graph, entity: Entity, editions: list[str]) -> list[str]:
    """Other editions of the same partnership that do not state this body or post."""
    if not editions:
        return []
    partnerships = {graph.by_id[e].partnership for e in editions}
    return sorted(
        e.id for e in graph.entities("edition")
        if e.partnership in partnerships and e.id not in editions and e.edition_kind == "arrangements"
    )
