"""Where an entity belongs: its areas, partnerships and editions, and the default view."""
from __future__ import annotations

from lscp.loaders import Graph
from lscp.model import Entity, UsageError
from lscp.model.entities import Area, Body, Edition, Organisation, Partnership, Post

_PLURALS = {
    "organisations": "organisation", "organizations": "organisation", "bodies": "body",
    "posts": "post", "people": "person", "persons": "person", "functions": "function",
    "partnerships": "partnership", "editions": "edition", "areas": "area", "sources": "source",
}
KINDS = ("area", "body", "edition", "function", "organisation", "partnership", "person", "post", "source")
KIND_WORDS = (*sorted(_PLURALS), *KINDS)  # every word kind_named takes (in lower case)


def kind_named(word: str) -> str:
    """'bodies' -> 'body'; refuses unknown kinds with the list of known ones."""
    kind = _PLURALS.get(word.lower(), word.lower())
    if kind not in KINDS:
        raise UsageError(f"unknown kind {word!r}; use one of: {', '.join(sorted(_PLURALS))}")
    return kind


def check_area(graph: Graph, area: str | None) -> None:
    if area is not None and not isinstance(graph.by_id.get(area), Area):
        areas = [a.id for a in graph.entities("area")]
        raise UsageError(f"unknown area {area!r}; areas are: {', '.join(areas)}")


def check_edition(graph: Graph, edition: str | None) -> None:
    if edition is not None and not isinstance(graph.by_id.get(edition), Edition):
        editions = [e.id for e in graph.entities("edition")]
        raise UsageError(f"unknown edition {edition!r}; editions are: {', '.join(editions)}")


def area_closure(graph: Graph, area_id: str) -> set[str]:
    """The area and every area within it (the HIPS footprint holds its four areas)."""
    found = {area_id}
    changed = True
    while changed:
        changed = False
        for area in graph.entities_of(Area):
            if area.id not in found and found & set(area.within):
                found.add(area.id)
                changed = True
    return found


def partnership_of(graph: Graph, entity: Entity) -> str | None:
    """The partnership a body, post or edition belongs to (posts through what holds them)."""
    if isinstance(entity, Partnership):
        return entity.id
    if isinstance(entity, (Body, Edition)):
        return entity.partnership
    if isinstance(entity, Post):
        return partnership_of(graph, graph.by_id[entity.within])
    return None


def areas_of(graph: Graph, entity: Entity) -> set[str]:
    """The areas an entity belongs to, for `--area` filters."""
    if isinstance(entity, Area):
        return {entity.id}
    if isinstance(entity, Organisation):
        return {entity.area} if entity.area else _related_partnership_areas(graph, entity.id)
    partnership = partnership_of(graph, entity)
    if partnership:
        return {r.target for r in graph.relations("covers", source=partnership)}
    if entity.kind == "person":
        return set().union(*[areas_of(graph, graph.by_id[r.target]) for r in graph.relations("holds", source=entity.id)] or [set()])
    return set()


def _related_partnership_areas(graph: Graph, org_id: str) -> set[str]:
    partnerships = {r.target for r in graph.relations(("partner_of", "relevant_agency_of"), source=org_id)}
    return {r.target for p in partnerships for r in graph.relations("covers", source=p)}


def in_area(graph: Graph, entity: Entity, area: str) -> bool:
    return bool(areas_of(graph, entity) & area_closure(graph, area))


def current_editions(graph: Graph) -> tuple[str, ...]:
    """The default view: each partnership's latest edition, plus what that edition supplements."""
    if "current_editions" not in graph.cache:
        graph.cache["current_editions"] = _latest(graph)
    return graph.cache["current_editions"]


def _latest(graph: Graph) -> tuple[str, ...]:
    latest: dict[str, Edition] = {}
    for edition in graph.entities_of(Edition):
        current = latest.get(edition.partnership)
        if current is None or (edition.date or "") > (current.date or ""):
            latest[edition.partnership] = edition
    chosen = set()
    for edition in latest.values():
        chosen.add(edition.id)
        if edition.supplements:
            chosen.add(edition.supplements)
    return tuple(sorted(chosen))
