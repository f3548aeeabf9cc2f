"""Browsing: list, search, show and the overview of what is loaded."""
from __future__ import annotations

from pydantic import BaseModel

from lscp.loaders import Graph
from lscp.loaders.names import EXACT, WORD
from lscp.model import Entity, Relation
from lscp.model.entities import DatedName, Edition, Meetings, Quorum, Rule

from .editions import seen_in
from .results import Cited, RelationView, cite_all, same_facts, view_fact
from .scope import areas_of, check_area, check_edition, in_area, kind_named, partnership_of


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
    areas: list[str] = []  # where the hit belongs, to tell apart things of the same name
    partnership: str | None = None
    partnership_name: str | None = None
    reason: str = "name"  # name; name within area (area words typed with a name); partnership of area


class NotStatedView(BaseModel):
    field: str
    note: str
    sources: list[Cited] = []


class OmittedRelations(BaseModel):
    """Relations of one type and direction beyond the limit of `show`: counted, not listed."""

    direction: str  # "outgoing" or "incoming"
    type: str
    listed: int
    total: int


# The value of an entity's own field, as the model holds it (typed to the text renderer).
FieldValue = str | int | bool | list[str] | Meetings | Quorum | list[Rule] | list[DatedName]


class EntityDetail(BaseModel):
    id: str
    kind: str
    name: str
    aliases: list[str] = []
    fields: dict[str, FieldValue] = {}
    editions: list[str] = []
    absent_from: list[str] = []
    not_stated: list[NotStatedView] = []
    outgoing: list[RelationView] = []
    incoming: list[RelationView] = []
    sources: list[Cited] = []
    omitted: list[OmittedRelations] = []


# Relations listed per type and direction unless asked for all: a national partnership has
# over a thousand relevant agencies (Portsmouth's arrangements list 209). A page of 100 per type
# keeps a partnership's answer to a few milliseconds; `omitted` says how many more there are.
SHOW_LIMIT = 100

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
        return seen_in(entity, (edition,))
    related = graph.relations(source=entity.id) + graph.relations(target=entity.id)
    return any(edition in r.editions for r in related)


def search(graph: Graph, text: str, limit: int = 20) -> list[SearchHit]:
    """Entities matching what was typed, best first. Every word must match a name, alias or id;
    words naming an area ("plymouth", "isle of wight") also narrow the rest of the words to that
    area, and an area named alone lists the partnerships covering it first (`queries.lookup`).
    Only the first MAX_SEARCH_CHARS characters and MAX_SEARCH_WORDS words count: a search costs
    the same whatever is sent."""
    from lscp.limits import MAX_SEARCH_CHARS, MAX_SEARCH_WORDS

    from .lookup import area_hits, area_scope, in_scope, partnerships_covering, split_area

    text = text[:MAX_SEARCH_CHARS]
    words = WORD.findall(text.lower())[:MAX_SEARCH_WORDS]
    if not words:
        return []
    found = [(*hit, "name") for hit in name_hits(graph, words, text, limit)]
    area, rest = split_area(graph, words)
    if area is not None and not rest:  # an area alone: its partnerships, then the names
        found = [(EXACT, p, p.name, "partnership of area") for p in partnerships_covering(graph, area)] + found
    elif area is not None:  # what belongs to the area typed before what only has its name in an id
        scope = area_scope(graph, area)
        found.sort(key=lambda hit: (hit[0] < EXACT, not in_scope(graph, hit[1], scope), hit[1].kind in _PAPERS))
        if len(found) < limit:
            found += [(*hit, "name within area")
                      for hit in area_hits(graph, area, rest, limit, _name_hits_of(graph), deep=not found)]
    return [_hit(graph, *hit) for hit in _distinct(found)[:limit]]


_PAPERS = ("edition", "source")  # the documents themselves: seldom what a name with an area means


def name_hits(graph: Graph, words: list[str], text: str, limit: int) -> list[tuple[int, Entity, str]]:
    """The plain name search: the `limit` best (score, entity, matched name), every word in a
    name, an alias or the id (the name index, or a database backend's candidates scored)."""
    return graph.ranked_matches(words, text, limit)


def _name_hits_of(graph: Graph):
    return lambda words, text, limit: name_hits(graph, words, text, limit)


def _distinct(found: list[tuple]) -> list[tuple]:
    seen, out = set(), []
    for hit in found:
        if hit[1].id not in seen:
            seen.add(hit[1].id)
            out.append(hit)
    return out


def _hit(graph: Graph, points: int, entity: Entity, matched: str, reason: str) -> SearchHit:
    from .lookup import describe

    areas, partnership, partnership_name = describe(graph, entity)
    return SearchHit(id=entity.id, kind=entity.kind, name=entity.name, matched=matched, score=points,
                     areas=areas, partnership=partnership, partnership_name=partnership_name, reason=reason)


def show(graph: Graph, entity_id: str, limit: int | None = SHOW_LIMIT) -> EntityDetail:
    """The entity, its relations in and out (the first `limit` of each type and direction,
    in data order; all when None), each citation with its lines."""
    entity = graph.entity(entity_id)
    fields: dict[str, FieldValue] = {}
    for name in type(entity).model_fields:
        value = getattr(entity, name)
        if name not in _SKIP and value not in (None, [], {}, False):
            fields[name] = value
    if entity.note:
        fields["note"] = entity.note
    editions = list(getattr(entity, "editions", []))
    omitted: list[OmittedRelations] = []
    outgoing = _first_of_each_type(same_facts(graph.relations(source=entity.id)), limit, "outgoing", omitted)
    incoming = _first_of_each_type(same_facts(graph.relations(target=entity.id)), limit, "incoming", omitted)
    return EntityDetail(
        id=entity.id, kind=entity.kind, name=entity.name, aliases=list(entity.aliases),
        fields=fields, editions=editions, absent_from=_absent_from(graph, entity, editions),
        not_stated=[NotStatedView(field=n.field, note=n.note, sources=cite_all(graph, n.src)) for n in entity.not_stated],
        outgoing=[view_fact(graph, g) for g in outgoing],
        incoming=[view_fact(graph, g) for g in incoming],
        sources=cite_all(graph, entity.src), omitted=omitted,
    )


def _first_of_each_type(facts: list[list[Relation]], limit: int | None, direction: str,
                        omitted: list[OmittedRelations]) -> list[list[Relation]]:
    """The first `limit` facts of each type, in data order (a fact stated twice in one document
    is one); what is left out is counted."""
    if limit is None:
        return facts
    kept: list[list[Relation]] = []
    seen: dict[str, int] = {}
    for fact in facts:
        kind = fact[0].type
        seen[kind] = count = seen.get(kind, 0) + 1
        if count <= limit:
            kept.append(fact)
    omitted += [OmittedRelations(direction=direction, type=t, listed=limit, total=n)
                for t, n in sorted(seen.items()) if n > limit]
    return kept


def _absent_from(graph: Graph, entity: Entity, editions: list[str]) -> list[str]:
    """Other editions of the same partnership that do not state this body or post."""
    if not editions:
        return []
    partnerships = {graph.edition(e).partnership for e in editions}
    return sorted(
        e.id for e in graph.entities_of(Edition)
        if e.partnership in partnerships and e.id not in editions and e.edition_kind == "arrangements"
    )
