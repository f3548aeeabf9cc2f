"""Who is accountable for a body, post, function or partnership: the chains up to the
lead representatives of the safeguarding partners. Delegation never moves accountability."""
from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from lscp.loaders import Graph

from .words import a
from lscp.model import Relation, UsageError

from .editions import editions_of, seen_in
from .results import Cited, caveat, cite_all
from .scope import partnership_of
from .view import View, view_for, visible


class Step(BaseModel):
    """One link of a chain, read left to right: `source` <label> `target`."""

    source: str
    source_name: str
    label: str
    type: str
    target: str
    target_name: str
    condition: str | None = None
    relation_from: str | None = None  # the stated relation's own direction, which the label may reverse
    relation_to: str | None = None
    caveat: str | None = None  # set when the step is an inference (results.caveat)
    sources: list[Cited] = []


class Chain(BaseModel):
    steps: list[Step]
    accountable: str
    accountable_name: str
    partnership: str | None = None  # the partnership whose documents name this lead representative


class Party(BaseModel):
    id: str
    name: str
    role: str


class AccountabilityAnswer(BaseModel):
    target: str
    target_name: str
    kind: str
    editions: list[str]
    summary: str
    acting: list[Party]
    accountable: list[Party]
    chains: list[Chain]
    dead_end: bool
    sources: list[Cited]


@dataclass(frozen=True)
class _Edge:
    source: str
    target: str
    label: str
    relation: Relation | None

    @property
    def key(self) -> tuple[str, str, str]:
        return self.source, self.label, self.target


MAX_DEPTH = 10
MAX_CHAINS = 60


def lead_representatives(graph: Graph, view: View) -> dict[str, str]:
    """Lead-representative post -> the partner organisation it leads for, in the view."""
    key = ("lead_representatives", view)  # asked at every step of every walk: kept per view
    if key not in graph.cache:
        graph.cache[key] = {r.source: r.target for r in visible(graph, view, type="lead_representative_of")}
    return dict(graph.cache[key])


def upward(graph: Graph, view: View, node: str) -> list[_Edge]:
    """The accountability links one step up from a node, in a stable order."""
    kind = graph.by_id[node].kind
    edges = [_Edge(node, r.target, "reports to", r) for r in visible(graph, view, type="reports_to", source=node)]
    edges += [_Edge(node, r.target, "is accountable to", r) for r in visible(graph, view, type="accountable_to", source=node)]
    edges += [_Edge(node, r.source, "is delegated by", r) for r in visible(graph, view, type="delegates_to", target=node)]
    if kind == "body":
        edges += [_Edge(node, r.source, "is chaired by", r) for r in visible(graph, view, type="chairs", target=node)
                  if graph.by_id[r.source].kind == "post"]
    if kind == "function":
        edges += [_Edge(node, r.source, "is carried out by", r) for r in visible(graph, view, type="responsible_for", target=node)]
    if kind == "partnership":
        edges += _partners_led_by(graph, view, node)
    if kind == "organisation":
        edges += [_Edge(node, r.source, "is led by", r) for r in visible(graph, view, type="lead_representative_of", target=node)]
    if kind == "body":
        edges += [_Edge(node, r.source, "has as a member", r) for r in visible(graph, view, type="member_of", target=node)
                  if graph.by_id[r.source].kind == "post" and visible(graph, view, type="delegates_to", target=r.source)]
    return _merged(edges)


def _merged(edges: list[_Edge]) -> list[_Edge]:
    """One edge per (source, label, target): the same fact stated in two editions is one step."""
    first: dict[tuple, _Edge] = {}
    for edge in edges:
        first.setdefault(edge.key, edge)
    return sorted(first.values(), key=lambda e: (e.label, e.target))


def _relations_for(graph: Graph, view: View, edge: _Edge) -> list[Relation]:
    """Every visible relation stating this step, for its citations."""
    if edge.relation is None:
        return []
    r = edge.relation
    return [x for x in visible(graph, view, type=r.type, source=r.source, target=r.target)] or [r]


def _partners_led_by(graph: Graph, view: View, partnership: str) -> list[_Edge]:
    """A partnership answers to the lead representatives its own editions name: a police force
    shared by four partnerships has a different lead representative in each."""
    own = {e.id for e in editions_of(graph, partnership)}
    edges = []
    for partner in visible(graph, view, type="partner_of", target=partnership):
        for lead in visible(graph, view, type="lead_representative_of", target=partner.source):
            if not seen_in(lead, own):
                continue
            edges.append(_Edge(partnership, lead.source, f"has as a safeguarding partner {graph.by_id[partner.source].name}, led by", lead))
    return edges


def _to_partnership(graph: Graph, node: str, has_up: bool) -> list[str]:
    """A body with no line upward answers to its own partnership's partners."""
    entity = graph.by_id[node]
    if entity.kind != "body" or has_up:
        return []
    partnership = partnership_of(graph, entity)
    return [partnership] if partnership else []


def chains(graph: Graph, view: View, start: str, limit: int = MAX_CHAINS) -> list[list[_Edge]]:
    """Every simple path from `start` to a lead representative, depth-first, capped at `limit`
    (`limit=1` answers whether there is one at all, stopping at the first)."""
    leads = lead_representatives(graph, view)
    found: list[list[_Edge]] = []

    def walk(node: str, path: list[_Edge], seen: set[str]) -> None:
        if len(found) >= limit or len(path) > MAX_DEPTH:
            return
        if node in leads and path:
            found.append(path)
            return
        steps = upward(graph, view, node)
        for partnership in _to_partnership(graph, node, bool(steps)):
            steps.append(_Edge(node, partnership, "is part of", None))
        for edge in _merged(steps):
            if edge.target not in seen:
                walk(edge.target, [*path, edge], seen | {edge.target})

    walk(start, [], {start})
    return found


def _step(graph: Graph, view: View, edge: _Edge) -> Step:
    relation = edge.relation
    citations = [c for r in _relations_for(graph, view, edge) for c in r.src] or graph.by_id[edge.source].src[:1]
    return Step(
        source=edge.source, source_name=graph.by_id[edge.source].name, label=edge.label,
        type=relation.type if relation else "part_of", target=edge.target,
        target_name=graph.by_id[edge.target].name,
        condition=relation.condition if relation else None,
        relation_from=relation.source if relation else None,
        relation_to=relation.target if relation else None,
        caveat=caveat(relation), sources=cite_all(graph, citations),
    )


def accountable(graph: Graph, target: str, edition: str | None = None) -> AccountabilityAnswer:
    """Every chain from `target` up to the lead representatives, each step cited.

    Who acts (the bodies, chairs and delegates on the way) is kept apart from who is
    accountable (the lead representatives at the top of each chain)."""
    entity = graph.entity(target)
    if entity.kind in ("source", "area", "edition"):
        raise UsageError(f"{target} is {a(entity.kind)}; ask about a body, post, function, organisation or partnership")
    view = view_for(graph, entity, edition)
    leads = lead_representatives(graph, view)
    paths = chains(graph, view, target) if target not in leads else []
    chain_models = [
        Chain(steps=[_step(graph, view, e) for e in path], accountable=path[-1].target,
              accountable_name=graph.by_id[path[-1].target].name, partnership=_partnership_naming(graph, path[-1]))
        for path in paths
    ]
    accountable_ids = sorted({c.accountable for c in chain_models} | ({target} if target in leads else set()))
    chairs = [r.source for r in visible(graph, view, type="chairs", target=target)]
    acting_ids = sorted(({e.source for path in paths for e in path} | set(chairs)) - set(accountable_ids) - {target})
    acting = [Party(id=i, name=graph.by_id[i].name, role="chairs it" if i in chairs else _role(graph, i))
              for i in acting_ids]
    parties = [Party(id=i, name=graph.by_id[i].name, role=f"lead representative of {graph.by_id[leads[i]].name}")
               for i in accountable_ids]
    used = [c for chain in chain_models for step in chain.steps for c in step.sources]
    return AccountabilityAnswer(
        target=target, target_name=entity.name, kind=entity.kind, editions=sorted(view.editions),
        summary=_summary(entity.name, acting, parties, target in leads, _by_partnership(graph, chain_models)),
        acting=acting, accountable=parties, chains=chain_models,
        dead_end=not parties, sources=_unique(used),
    )


def _partnership_naming(graph: Graph, edge: _Edge) -> str | None:
    """The partnership of the edition that states the last link (the lead representative)."""
    editions = edge.relation.editions if edge.relation else []
    return graph.by_id[editions[0]].partnership if editions else None


def _by_partnership(graph: Graph, chain_models: list[Chain]) -> dict[str, list[str]]:
    grouped: dict[str, set[str]] = {}
    for chain in chain_models:
        name = graph.by_id[chain.partnership].name if chain.partnership else "not stated"
        grouped.setdefault(name, set()).add(chain.accountable_name)
    return {k: sorted(v) for k, v in sorted(grouped.items())}


def _role(graph: Graph, node: str) -> str:
    entity = graph.by_id[node]
    if entity.kind == "post":
        return "acts (holds delegated or chairing responsibility)" if not getattr(entity, "independent", False) else "acts (independent)"
    return f"acts ({entity.kind})"


def _unique(cited: list[Cited]) -> list[Cited]:
    seen, out = set(), []
    for c in cited:
        if c.citation not in seen:
            seen.add(c.citation)
            out.append(c)
    return sorted(out, key=lambda c: c.citation)


def _summary(name: str, acting: list[Party], accountable_parties: list[Party], is_lead: bool,
             grouped: dict[str, list[str]]) -> str:
    if is_lead:
        return f"{name} is itself a lead representative: accountability rests here."
    if not accountable_parties:
        return (f"No chain from {name} reaches a lead representative of a safeguarding partner "
                "in the data: the sources do not state who is accountable.")
    if len(grouped) > 1:
        names = " ".join(f"In {p}: {'; '.join(n)}." for p, n in grouped.items())
        text = f"Accountable for {name}, partnership by partnership, are the lead representatives. {names}"
    else:
        names = "; ".join(p.name + f" ({p.role})" for p in accountable_parties)
        text = f"Accountable for {name}: {names}."
    chairs = [p.name for p in acting if p.role == "chairs it"]
    if chairs:
        text += f" It is chaired by {' and '.join(chairs)}."
    doers = [p.name for p in acting if p.role != "chairs it"]
    if doers:
        text += f" Acting on the way: {', '.join(doers)}."
    return text + " Delegation does not move accountability: it stays with the lead representatives."


class Accountability(BaseModel):
    subject: str
    subject_name: str
    via: str
    caveats: list[str] = []  # of the inferred relations on the way
    sources: list[Cited] = []


class AccountabilitiesAnswer(BaseModel):
    target: str
    target_name: str
    summary: str
    accountable_for: list[Accountability]
    responsible_for: list[Accountability]


def accountabilities(graph: Graph, target: str, edition: str | None = None) -> AccountabilitiesAnswer:
    """The reverse question: everything a post or organisation is accountable or responsible for."""
    entity = graph.entity(target)
    if entity.kind not in ("post", "organisation", "person", "body"):
        raise UsageError(f"{target} is {a(entity.kind)}; ask about a post, person, organisation or body")
    view = view_for(graph, entity, edition)
    posts = _posts_of(graph, view, target)
    accountable_for, responsible_for = [], []
    for subject in _subjects(graph):
        for path in chains(graph, view, subject.id):
            if path[-1].target in posts:
                accountable_for.append(Accountability(
                    subject=subject.id, subject_name=subject.name, via=_describe(graph, path),
                    caveats=list(dict.fromkeys(c for e in path if (c := caveat(e.relation)))),
                    sources=_unique([c for e in path if e.relation for c in cite_all(graph, e.relation.src)])))
                break
    for relation in visible(graph, view, source=target):
        if relation.type in ("responsible_for", "chairs", "vice_chairs", "delegates_to", "member_of"):
            other = graph.by_id[relation.target]
            responsible_for.append(Accountability(subject=other.id, subject_name=other.name,
                                                  via=relation.type.replace("_", " "),
                                                  caveats=[c] if (c := caveat(relation)) else [],
                                                  sources=cite_all(graph, relation.src)))
    summary = (f"{entity.name} is accountable for {len(accountable_for)} bodies, functions and posts "
               f"and directly responsible for {len(responsible_for)}.")
    return AccountabilitiesAnswer(target=target, target_name=entity.name, summary=summary,
                                  accountable_for=accountable_for, responsible_for=responsible_for)


def _posts_of(graph: Graph, view: View, target: str) -> set[str]:
    entity = graph.by_id[target]
    if entity.kind == "organisation":
        return {r.source for r in visible(graph, view, type="lead_representative_of", target=target)}
    if entity.kind == "person":
        return {r.target for r in visible(graph, view, type="holds", source=target)}
    return {target}


def _subjects(graph: Graph):
    return [e for e in graph.entities() if e.kind in ("body", "function", "post")]


def _describe(graph: Graph, path: list[_Edge]) -> str:
    """The chain after its subject: 'reports to X; X is part of Y; ...'."""
    parts = [f"{e.label} {graph.by_id[e.target].name}" if i == 0 else
             f"{graph.by_id[e.source].name} {e.label} {graph.by_id[e.target].name}" for i, e in enumerate(path)]
    return "; ".join(parts)
