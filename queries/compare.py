"""How partnership models differ: one row per feature, one column per partnership."""
from __future__ import annotations

from collections import Counter

from pydantic import BaseModel

from lscp.loaders import Graph

from .words import a
from lscp.model import UsageError
from lscp.model.entities import Edition, Organisation, Partnership, Post

from .accountability import partnership_leads
from .compliance.duties import agency_organisations, scrutineers
from .compliance.engine import checked_on
from .compliance.scope import Scope
from .escalation import partnership_routes
from .gaps import arrangements_editions, bodies_of, partners_of
from .results import Cited, cite_all
from .view import View, view_at, visible


class Cell(BaseModel):
    value: str
    sources: list[Cited] = []


class FeatureRow(BaseModel):
    feature: str
    values: dict[str, Cell]


class Comparison(BaseModel):
    partnerships: list[str]
    editions: dict[str, str]
    summary: str
    rows: list[FeatureRow]


def _resolve(graph: Graph, ident: str) -> str:
    """A partnership id, or an area id standing for the partnership that covers it."""
    entity = graph.entity(ident)
    if isinstance(entity, Partnership):
        return entity.id
    if entity.kind == "area":
        latest = {e.partnership: e for e in arrangements_editions(graph)}
        covering = [r.source for r in graph.relations("covers", target=ident) if r.source in latest
                    and graph.entity_of(r.source, Partnership).partnership_kind in ("safeguarding-children-partnership", "lscb")]
        if covering:
            return max(covering, key=lambda p: (latest[p].date or "", p))
    if isinstance(entity, Edition):
        return entity.partnership
    raise UsageError(f"{ident} is {a(entity.kind)}; compare partnerships (or areas), e.g. southampton portsmouth")


def _names(graph: Graph, ids) -> str:
    """Each party once, by name (a post chairing both the board and the executive is one chair)."""
    return "; ".join(sorted({graph.by_id[i].name for i in ids})) or "not stated"


def _features(graph: Graph, view: View, partnership: str, edition: str) -> dict[str, Cell]:
    bodies = bodies_of(graph, view, partnership)
    partners = partners_of(graph, view, partnership)
    leads = [lead for _, _, lead in partnership_leads(graph, view, partnership)]
    delegates = [d for r in leads for d in visible(graph, view, type="delegates_to", source=r.source)]
    chairs = [r for b in bodies if b.body_kind in ("board", "executive") for r in visible(graph, view, type="chairs", target=b.id)]
    independent = [p for p in graph.entities_of(Post) if p.independent and view.sees(p) and p.within in {partnership, *[b.id for b in bodies]}]
    scrutiny = [r for r in _scrutineers(graph, edition) if r.source not in {p.id for p in independent}]
    quorum = [(b.name, b.quorum) for b in bodies if b.quorum]
    routes = partnership_routes(graph, partnership, edition)
    agencies = visible(graph, view, type="relevant_agency_of", target=partnership)
    organisations = agency_organisations(agencies)
    sectors = Counter(graph.entity_of(o, Organisation).sector for o in organisations)
    funds = visible(graph, view, type="funds", target=partnership)
    kinds = Counter(b.body_kind for b in bodies)
    return {
        "safeguarding partners": Cell(value=_names(graph, partners), sources=cite_all(graph, [c for r in visible(graph, view, type="partner_of", target=partnership) for c in r.src])),
        "lead representatives": Cell(value=_names(graph, [r.source for r in leads]), sources=cite_all(graph, [c for r in leads for c in r.src])),
        "delegates": Cell(value=_names(graph, [d.target for d in delegates]), sources=cite_all(graph, [c for r in delegates for c in r.src])),
        "chair of the board or executive": Cell(value=_names(graph, [r.source for r in chairs]), sources=cite_all(graph, [c for r in chairs for c in r.src])),
        "independent offices": Cell(value=_names(graph, [p.id for p in independent] + [r.source for r in scrutiny]),
                                    sources=cite_all(graph, [c for p in independent for c in p.src] + [c for r in scrutiny for c in r.src])),
        "bodies": Cell(value=f"{len(bodies)} ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))})" if bodies else "none recorded"),
        "quoracy rules": Cell(value="; ".join(f"{name}: {q.text}" for name, q in quorum) or "not stated", sources=cite_all(graph, [c for _, q in quorum for c in q.src])),
        "escalation routes": Cell(value=_routes(graph, routes)),
        "relevant agencies": Cell(value=f"{len(organisations)} ({', '.join(f'{n} {s}' for s, n in sorted(sectors.items()))})" if organisations else "none named",
                                  sources=cite_all(graph, [c for r in agencies for c in r.src], False)),
        "funding shares": Cell(value="; ".join(f"{graph.by_id[r.source].name}: {r.share:g}%" for r in funds if r.share is not None) or "not stated", sources=cite_all(graph, [c for r in funds for c in r.src])),
    }


def _scrutineers(graph: Graph, edition: str) -> list:
    """The independent offices scrutinising the partnership as `check` counts them (WT18-16), at
    the same date: one in another partnership's document counts too (004:217)."""
    chosen = graph.edition(edition)
    return scrutineers(Scope(graph, chosen, checked_on(chosen)))


def _routes(graph: Graph, routes: dict[str, int]) -> str:
    """The number of routes `escalate` states from the partnership and its bodies, by start."""
    total = sum(routes.values())
    if not total:
        return "0"
    return f"{total} (" + "; ".join(f"from {graph.by_id[s].name}: {n}" for s, n in routes.items()) + ")"


def compare(graph: Graph, *idents: str) -> Comparison:
    """Partnerships side by side, each in its latest edition."""
    if len(idents) < 2:
        raise UsageError("compare needs at least two partnerships (or areas)")
    partnerships = [_resolve(graph, i) for i in idents]
    latest = {e.partnership: e for e in arrangements_editions(graph)}
    missing = [p for p in partnerships if p not in latest]
    if missing:
        raise UsageError(f"no edition describes {', '.join(missing)}")
    features = {p: _features(graph, view_at(graph, latest[p].id), p, latest[p].id) for p in partnerships}
    names = list(next(iter(features.values())))
    rows = [FeatureRow(feature=n, values={p: features[p][n] for p in partnerships}) for n in names]
    summary = "Compared " + ", ".join(f"{graph.by_id[p].name} ({latest[p].id})" for p in partnerships) + "."
    return Comparison(partnerships=partnerships, editions={p: latest[p].id for p in partnerships}, summary=summary, rows=rows)
