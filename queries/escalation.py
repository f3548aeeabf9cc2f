"""Where a matter goes when people disagree or it is stuck: escalation routes, step by step."""
from __future__ import annotations

from pydantic import BaseModel

from lscp.loaders import Graph

from .words import a
from lscp.model import Relation, UsageError
from lscp.model.entities import Body, NotStated
from lscp.model.vocabulary import Condition, words

from .accountability import Step, has_arrangements, lead_representatives
from .results import Cited, Knowledge, caveat, cite_all
from .scope import partnership_of
from .view import View, view_for, visible

CONDITIONS = words(Condition)
MAX_ROUTES = 40


class Route(BaseModel):
    steps: list[Step]
    ends_at: str
    ends_at_name: str
    dead_end: bool
    ends_with: str | None = None  # what the end is, where its name does not say: "the safeguarding partners' executive"
    ends_with_sources: list[Cited] = []  # the lines saying so (000:376)


class EscalationAnswer(BaseModel):
    start: str
    start_name: str
    condition: str | None
    editions: list[str]
    summary: str
    routes: list[Route]
    dead_ends: int
    sources: list[Cited]
    knowledge: Knowledge = "stated"  # with no route: not stated in a document we hold, or not among our sources


def _matches(relation: Relation, condition: str | None) -> bool:
    return condition is None or relation.condition in (None, condition)


Hop = tuple[Relation, Relation | None]  # the escalation, and the chairing or seat it goes through


def _outgoing(graph: Graph, view: View, node: str, condition: str | None) -> list[Hop]:
    """Escalation steps out of a node, and out of whoever chairs it or sits on it for a
    partner (the chair, or each partner's member, escalates)."""
    found: list[Hop] = [(r, None) for r in visible(graph, view, type="escalates_to", source=node) if _matches(r, condition)]
    if graph.by_id[node].kind == "body" and not found:
        seats = visible(graph, view, type=("chairs", "member_of"), target=node)
        for seat in seats:
            found += [(r, seat) for r in visible(graph, view, type="escalates_to", source=seat.source)
                      if _matches(r, condition)]
    return sorted(found, key=lambda hop: (hop[0].order or 0, hop[0].target, hop[0].source))


def _final(graph: Graph, view: View, node: str) -> bool:
    """A route properly ends at a lead representative, a senior officer a lead representative
    delegated to (who decides for the partner: 004:90, 000:199), or an independent office, or at
    a body on which one of them sits."""
    leads = lead_representatives(graph, view)
    if node in leads or getattr(graph.by_id[node], "independent", False):
        return True
    if any(r.source in leads for r in visible(graph, view, type="delegates_to", target=node)):
        return True
    if graph.by_id[node].kind != "body":
        return False
    seated = [r.source for r in visible(graph, view, type=("chairs", "member_of"), target=node)]
    return any(s in leads or getattr(graph.by_id[s], "independent", False) for s in seated) or _of_the_partners(graph, view, node)


def _of_the_partners(graph: Graph, view: View, node: str) -> bool:
    """A body stated to be made of every safeguarding partner of its partnership (000:376 "The
    Executive brings together the three statutory safeguarding partners"): a matter brought there
    has reached the partners, whichever posts sit for them."""
    entity = graph.by_id[node]
    if not isinstance(entity, Body):
        return False
    partners = _partners(graph, view, entity)
    seated = {r.source for r in visible(graph, view, type="member_of", target=node)}
    return bool(partners) and partners <= seated


def _partners(graph: Graph, view: View, body: Body) -> set[str]:
    return {r.source for r in visible(graph, view, type="partner_of", target=body.partnership)}


def _seats_of_partners(graph: Graph, view: View, node: str) -> list[Cited]:
    body = graph.by_id[node]
    partners = _partners(graph, view, body) if isinstance(body, Body) else set()
    return cite_all(graph, [c for r in visible(graph, view, type="member_of", target=node) if r.source in partners for c in r.src])


def escalation(graph: Graph, start: str, condition: str | None = None, edition: str | None = None) -> EscalationAnswer:
    """Every escalation route from `start` under `condition` (any condition when None)."""
    if condition is not None and condition not in CONDITIONS:
        raise UsageError(f"unknown condition {condition!r}; conditions are: {', '.join(CONDITIONS)}")
    entity = graph.entity(start)
    if entity.kind not in ("body", "post", "partnership", "person"):
        raise UsageError(f"{start} is {a(entity.kind)}; escalation starts from a body, post or partnership")
    view = view_for(graph, entity, edition)
    routes: list[list[Hop]] = []

    def walk(node: str, path: list[Hop], seen: set[str], when: str | None) -> None:
        # A route keeps to one condition: asked for any, the first conditional step fixes it
        # (a route is not begun for non-attendance and ended for a split decision).
        if len(routes) >= MAX_ROUTES:
            return
        steps = [s for s in _outgoing(graph, view, node, when) if s[0].target not in seen]
        if not steps or (path and node in lead_representatives(graph, view)):
            if path:
                routes.append(path)
            return
        for hop in steps:
            walk(hop[0].target, [*path, hop], seen | {hop[0].target}, when or hop[0].condition)

    walk(start, [], {start}, condition)
    models = [_route(graph, view, start, path) for path in routes]
    cited = [c for r in models for c in [*(c for s in r.steps for c in s.sources), *r.ends_with_sources]]
    used = sorted({c.citation: c for c in cited}.values(), key=lambda c: c.citation)
    knowledge = "stated" if models else _silence(graph, entity)
    summary = _summary(entity.name, condition, models)
    home = partnership_of(graph, entity)
    if knowledge == "not-in-sources" and home is not None:
        named = _stated_elsewhere(graph, entity, home)
        summary = (f"No escalation route from {entity.name} is in our sources: "
                   + (f"{named.stated_in}, which the held text says states them ({', '.join(str(c) for c in named.src)}), "
                      if named else f"the arrangements document of {graph.entity(home).name}, which would state its routes, ")
                   + "is not among them.")
    return EscalationAnswer(
        start=start, start_name=entity.name, condition=condition, editions=sorted(view.editions),
        summary=summary, routes=models, dead_ends=sum(r.dead_end for r in models), sources=used,
        knowledge=knowledge,
    )


def _silence(graph: Graph, entity) -> Knowledge:
    """Why no route is known: the held document does not state one, or the document that states
    them (the partnership's arrangements, or a policy the held text names) is not among our sources."""
    partnership = partnership_of(graph, entity)
    if partnership and (not has_arrangements(graph, partnership) or _stated_elsewhere(graph, entity, partnership)):
        return "not-in-sources"
    return "not-stated"


def _stated_elsewhere(graph: Graph, entity, partnership: str) -> NotStated | None:
    """The not-stated escalation entry naming the document that states the routes (002:611-613:
    Plymouth's routes are in its escalation policy, linked, not among our sources)."""
    bodies = [b for b in graph.entities_of(Body) if b.partnership == partnership]
    for holder in (entity, graph.entity(partnership), *bodies):
        for entry in getattr(holder, "not_stated", []):
            if entry.field == "escalation" and entry.stated_in:
                return entry
    return None


def _step(graph: Graph, relation: Relation, source: str, target: str, label: str) -> Step:
    return Step(
        source=source, source_name=graph.by_id[source].name, label=label, type=relation.type,
        target=target, target_name=graph.by_id[target].name, condition=relation.condition,
        relation_from=relation.source, relation_to=relation.target, caveat=caveat(relation),
        sources=cite_all(graph, relation.src),
    )


def _route(graph: Graph, view: View, start: str, path: list[Hop]) -> Route:
    steps = []
    for escalation_, chairing in path:
        if chairing is not None:
            label = "is chaired by" if chairing.type == "chairs" else "has as a member"
            steps.append(_step(graph, chairing, chairing.target, chairing.source, label))
        steps.append(_step(graph, escalation_, escalation_.source, escalation_.target, "escalates to"))
    end = path[-1][0].target
    partners = _of_the_partners(graph, view, end)
    return Route(steps=steps, ends_at=end, ends_at_name=graph.by_id[end].name, dead_end=not _final(graph, view, end),
                 ends_with="the safeguarding partners' executive" if partners else None,
                 ends_with_sources=_seats_of_partners(graph, view, end) if partners else [])


def _summary(name: str, condition: str | None, routes: list[Route]) -> str:
    when = f" when there is a {condition.replace('-', ' ')}" if condition else ""
    if not routes:
        return f"The sources state no escalation route from {name}{when}."
    ends = sorted({r.ends_at_name + (f" ({r.ends_with})" if r.ends_with else "") for r in routes})
    text = f"From {name}{when}, {len(routes)} route(s) are stated, ending with: {'; '.join(ends)}."
    read = sum(any(step.caveat for step in r.steps) for r in routes)
    if read:
        text += f" {read} of them {'rests' if read == 1 else 'rest'} on a reading of the text (inferred, not stated: see the steps)."
    dead = [r for r in routes if r.dead_end]
    if dead:
        text += f" {len(dead)} route(s) stop before reaching a lead representative or an independent chair/scrutineer."
    return text


def partnership_routes(graph: Graph, partnership: str, edition: str) -> dict[str, int]:
    """Start -> how many routes `escalation` states from it, for the partnership and each of its
    bodies in the edition (what `compare` counts): the same walk, so the counts agree."""
    from .gaps import bodies_of
    from .view import view_at

    starts = [partnership, *[b.id for b in bodies_of(graph, view_at(graph, edition), partnership)]]
    counts = {s: len(escalation(graph, s, edition=edition).routes) for s in starts}
    return {s: n for s, n in counts.items() if n}
