"""Search as people type it, and names resolved to ids.

People type an area with a name ("Plymouth Quality Assurance Group", "child death isle of
wight") or an area alone ("Plymouth"). The name index (`loaders.names`) matches every word
against names, aliases and ids; this layer first takes out the words naming an area, matches
the rest, and keeps the hits that belong to that area or to a footprint holding it (the HIPS
bodies cover the Isle of Wight). An area alone lists the partnerships covering it first.

`resolve` turns what a user typed where an id is expected into one id, or refuses with the
candidates and their areas: the CLI and the web both answer through it.
"""
from __future__ import annotations

import re

from lscp.loaders import Graph
from lscp.loaders.names import BASE, EXACT, WORD, rank_by_score
from lscp.model import Entity, NotFound
from lscp.model.entities import Area, Body, Edition, Partnership

from .scope import area_closure, areas_of, partnership_of

ID_LIKE = re.compile(r"[a-z0-9][a-z0-9.-]*[a-z0-9]")
MAX_AREA_WORDS = 4  # longer area names ("Hampshire, Isle of Wight, Portsmouth and ...") are not typed


def area_phrases(graph: Graph) -> dict[tuple[str, ...], str]:
    """The words of each area's name, aliases and id -> the area."""
    if "area_phrases" not in graph.cache:
        phrases: dict[tuple[str, ...], str] = {}
        for area in graph.entities("area"):
            for name in (area.name, *area.aliases, area.id):
                words = tuple(WORD.findall(name.lower()))
                if 0 < len(words) <= MAX_AREA_WORDS:
                    phrases.setdefault(words, area.id)
        graph.cache["area_phrases"] = phrases
    return graph.cache["area_phrases"]


def split_area(graph: Graph, words: list[str]) -> tuple[str | None, list[str]]:
    """The area the words name (the longest phrase, the first of equal ones), and the words left."""
    phrases = area_phrases(graph)
    for n in range(min(MAX_AREA_WORDS, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            area = phrases.get(tuple(words[i:i + n]))
            if area is not None:
                return area, words[:i] + words[i + n:]
    return None, words


def area_scope(graph: Graph, area: str) -> set[str]:
    """The areas whose bodies count as the area's: itself, the areas within it, and the
    footprints holding it (a HIPS-wide body serves the Isle of Wight)."""
    key = ("area_scope", area)
    if key not in graph.cache:
        holding, todo = set(), [area]
        while todo:
            for above in graph.entity_of(todo.pop(), Area).within:
                if above not in holding:
                    holding.add(above)
                    todo.append(above)
        graph.cache[key] = area_closure(graph, area) | holding
    return graph.cache[key]


def partnerships_covering(graph: Graph, area: str) -> list[Partnership]:
    """Partnerships covering the area itself, then those covering a footprint holding it; the
    ones the documents describe (with editions) before their predecessors, then by name."""
    described = {e.partnership for e in graph.entities_of(Edition)}
    own, wider = set(), set()
    scope = area_scope(graph, area)
    for relation in graph.relations("covers"):
        if not isinstance(graph.by_id[relation.source], Partnership):
            continue
        if relation.target == area:
            own.add(relation.source)
        elif relation.target in scope:
            wider.add(relation.source)
    ranked = sorted(own, key=lambda p: (p not in described, graph.by_id[p].name.lower(), p))
    ranked += sorted(wider - own, key=lambda p: (p not in described, graph.by_id[p].name.lower(), p))
    return [graph.entity_of(p, Partnership) for p in ranked]


def bodies_serving(graph: Graph, area: str) -> list[Body]:
    """The bodies of partnerships covering the area or a footprint holding it (the HIPS-wide
    groups serve the Isle of Wight), by partnership then name."""
    scope = area_scope(graph, area)
    found = [b for b in graph.entities_of(Body) if in_scope(graph, b, scope)]
    return sorted(found, key=lambda b: (b.partnership or "", b.name.lower(), b.id))


def _areas(graph: Graph, entity: Entity) -> frozenset[str]:
    known = graph.cache.setdefault("areas_of", {})  # the graph never changes: kept per entity
    areas = known.get(entity.id)
    if areas is None:
        areas = known[entity.id] = frozenset(areas_of(graph, entity))
    return areas


def in_scope(graph: Graph, entity: Entity, scope: set[str]) -> bool:
    return bool(_areas(graph, entity) & scope)


def area_hits(graph: Graph, area: str, rest: list[str], limit: int, name_hits,
              deep: bool = True) -> list[tuple[int, Entity, str]]:
    """The best `limit` hits for the words left once the area is taken out, within the area.
    `name_hits(words, text, n)` is the plain name search, whose first names usually hold
    enough of the area's; when they do not and nothing else was found (`deep`), every entity
    with the words is narrowed to the area first and only those are scored."""
    scope, text = area_scope(graph, area), " ".join(rest)
    found = name_hits(rest, text, max(limit * 4, 32))
    kept = [hit for hit in found if in_scope(graph, hit[1], scope)]
    if len(kept) >= limit or len(found) < max(limit * 4, 32) or not deep:
        return kept[:limit]
    within = [e for e in graph.entities_matching(rest) if in_scope(graph, e, scope)]
    return rank_by_score(within, rest, text, limit)


def describe(graph: Graph, entity: Entity) -> tuple[list[str], str | None, str | None]:
    """A hit's areas and partnership (id and name), for telling apart things of the same name."""
    partnership = partnership_of(graph, entity)
    name = graph.by_id[partnership].name if partnership is not None and partnership in graph.by_id else None
    return sorted(_areas(graph, entity)), partnership, name


class Ambiguous(NotFound):
    """Several entities answer to the name typed: the candidates, each with its areas."""

    def __init__(self, text: str, candidates: list):
        self.what, self.candidates = text, candidates
        self.suggestions = [c.id for c in candidates]
        listed = "; ".join(f"{c.id} ({c.name}{', ' + ', '.join(c.areas) if c.areas else ''})" for c in candidates)
        Exception.__init__(self, f"{text!r} names {len(candidates)} entities; use one of their ids: {listed}.")


def candidates_for(graph: Graph, text: str, kinds: tuple[str, ...] = (), limit: int = 10) -> list:
    """What a typed name could mean (of these kinds, when given): its one exact match, else
    every hit, best first."""
    from .browse import search

    hits = search(graph, text, limit=limit * 5 if kinds else limit)
    if kinds:  # a bare prefix of a word (the search's floor, BASE) is no name of an option's value
        hits = [h for h in hits if h.kind in kinds and h.score > BASE][:limit]
    # The first of: exact names; exact names within the area typed; every word in a name;
    # the rest within the area typed ("Plymouth Quality Assurance Group" is that name in Plymouth).
    within = [h for h in hits if h.reason == "name within area"]
    plain = [h for h in hits if h not in within]
    for tier in ([h for h in plain if h.score == EXACT], [h for h in within if h.score == EXACT], plain, within):
        if tier:
            return tier
    return []


def resolve(graph: Graph, text: str, kinds: tuple[str, ...] = ()) -> str:
    """An id, or a name or abbreviation that search resolves to one entity (of these kinds,
    when given). Several matches raise Ambiguous (their ids and areas); none raises NotFound
    with the closest ids, or, for a kind, gives the text back for the query to refuse."""
    text = text.strip()
    if text in graph.by_id:
        return text
    looks_like_id = ID_LIKE.fullmatch(text) and ("." in text or "-" in text)  # a mistyped id: suggest ids
    found = candidates_for(graph, text, kinds) if WORD.search(text.lower()) and not looks_like_id else []
    if len(found) == 1:
        return found[0].id
    if found:
        raise Ambiguous(text, found)
    if kinds:  # an area or edition option: the query's own check names the ones there are
        return text
    raise NotFound(text, graph.suggest(text))


SCP = "safeguarding-children-partnership"


def current_partnerships(graph: Graph, area: str) -> list[Partnership]:
    """The safeguarding children partnerships covering the area itself and not succeeded by
    another (Plymouth's joint partnership with Torbay was, 002:129-131)."""
    succeeded = {r.source for r in graph.relations("succeeded_by")}
    return [p for p in partnerships_covering(graph, area)
            if p.partnership_kind == SCP and p.id not in succeeded
            and any(r.target == area for r in graph.relations("covers") if r.source == p.id)]


def resolve_partnership(graph: Graph, text: str) -> tuple[str, str | None]:
    """A partnership or edition as typed (id, name or abbreviation); an area stands for its one
    current safeguarding children partnership, said so in the note returned. An area with
    several raises Ambiguous listing them; with none, the one partnership the text names, else
    the area's id for the query to refuse in its own words."""
    area, rest = split_area(graph, WORD.findall(text.lower()))
    found = area if area and not rest and text.strip() not in graph.by_id else \
        resolve(graph, text, ("partnership", "edition", "area"))
    if found not in graph.by_id:  # no partnership of that name: what it names, for the query to refuse
        found = resolve(graph, text)
    entity = graph.entity(found)  # resolve gave an id of the graph
    if entity.kind != "area":
        return found, None
    current = current_partnerships(graph, found)
    if len(current) > 1:
        raise Ambiguous(text, [_Candidate(p.id, p.name, sorted(_areas(graph, p))) for p in current])
    if not current:  # "HIPS" names an area and an arrangement: the arrangement, if it is one match
        other = resolve(graph, text, ("partnership", "edition"))
        return (other if other in graph.by_id else found), None
    return current[0].id, (f"{entity.name} is an area: answered for its safeguarding children partnership, "
                           f"{current[0].name} ({current[0].id}).")


class _Candidate:
    def __init__(self, id: str, name: str, areas: list[str]):
        self.id, self.name, self.areas = id, name, areas


__all__ = ["Ambiguous", "BASE", "area_hits", "candidates_for", "describe", "current_partnerships", "partnerships_covering", "resolve",
           "resolve_partnership",
           "split_area"]
