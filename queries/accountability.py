"""Who is accountable for a body, post, function or partnership: the chains up to the lead
representatives of the safeguarding partners, by the rules of docs/accountability.md. Every
question about accountability (accountable, accountabilities, vacancy, raci, load, compare,
gaps, chart highlights) reads the graph through this module. Delegation never moves
accountability; chairing never hands it on."""
from __future__ import annotations

from dataclasses import dataclass
from pydantic import BaseModel

from lscp.loaders import Graph
from lscp.model import Relation, UsageError
from lscp.model.entities import Body, Edition, Post

from .editions import editions_of, seen_in
from .results import Cited, Knowledge, caveat, cite_all
from .scope import area_closure, partnership_of
from .view import View, view_for, visible
from .words import a


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


class Unknown(BaseModel):
    """A partnership for which no accountable party is found, and which kind of 'not known':
    the text says there is none (stated-absent), the document we hold does not say
    (not-stated), or the document that would say is not among our sources (not-in-sources)."""

    partnership: str
    partnership_name: str
    kind: Knowledge  # never "stated" here
    note: str
    would_answer: str | None = None  # the document that would answer
    sources: list[Cited] = []


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
    unknown: list[Unknown] = []
    known: list[Party] = []  # where no chain is found: what is known about who is involved


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


def upward(graph: Graph, view: View, node: str, within: set[str] | None = None) -> list[_Edge]:
    """The accountability links one step up from a node, in a stable order. Chairing and
    membership are not among them: a chair runs a body, it neither carries the body's
    accountability nor hands the body its own (004:217 is about the chair's own work)."""
    kind = graph.by_id[node].kind
    edges = [_Edge(node, r.target, "reports to", r) for r in visible(graph, view, type="reports_to", source=node)]
    edges += [_Edge(node, r.target, "is accountable to", r) for r in visible(graph, view, type="accountable_to", source=node)]
    own_line = bool(edges)
    edges += [_Edge(node, r.source, "is delegated by", r) for r in visible(graph, view, type="delegates_to", target=node)
              # a post's own stated line outranks authority a body delegates to it (000:297 vs 000:320)
              if not (kind == "post" and own_line and graph.by_id[r.source].kind != "post")]
    if kind == "function":
        edges += [_Edge(node, r.source, "is carried out by", r) for r in visible(graph, view, type="responsible_for", target=node)]
    if kind == "partnership":
        edges += _partners_led_by(graph, view, node)
    if kind == "organisation":  # in the partnership whose document led here, if one did
        edges += [_Edge(node, r.source, "is led by", r) for r in visible(graph, view, type="lead_representative_of", target=node)
                  if within is None or seen_in(r, within)]
    return _merged(edges)


def _within(graph: Graph, edge: _Edge) -> set[str] | None:
    """The editions of the partnership(s) whose document states this step: an organisation
    reached through it answers through that partnership's lead representative only."""
    if edge.relation is None or not edge.relation.editions:
        return None
    partnerships = {graph.edition(e).partnership for e in edge.relation.editions}
    return set().union(*(_edition_ids(graph, p) for p in partnerships))


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


def _edition_ids(graph: Graph, partnership: str) -> frozenset[str]:
    """A partnership's editions (asked at every step of every walk: kept per graph)."""
    key = ("edition_ids", partnership)
    if key not in graph.cache:
        graph.cache[key] = frozenset(e.id for e in editions_of(graph, partnership))
    return graph.cache[key]


def partnership_leads(graph: Graph, view: View, partnership: str) -> list[tuple[Relation, str, Relation]]:
    """(partner_of, the partnership naming the lead, lead_representative_of) for each partner of
    a partnership: the lead representatives its own editions name (a police force shared by four
    partnerships has a different lead representative in each). A multi-area arrangement (HIPS)
    answers through each member partnership's own lead representatives."""
    key = ("partnership_leads", view, partnership)  # every body of the partnership asks: kept per view
    if key in graph.cache:
        return list(graph.cache[key])
    members = member_partnerships(graph, partnership)
    found = []
    for partner in visible(graph, view, type="partner_of", target=partnership):
        for scope in members or [partnership]:
            if scope != partnership and not graph.relations("partner_of", source=partner.source, target=scope):
                continue
            own = _edition_ids(graph, scope)
            found += [(partner, scope, lead) for lead in visible(graph, view, type="lead_representative_of", target=partner.source)
                      if seen_in(lead, own)]
    graph.cache[key] = tuple(found)
    return found


def _partners_led_by(graph: Graph, view: View, partnership: str) -> list[_Edge]:
    edges = []
    for partner, scope, lead in partnership_leads(graph, view, partnership):
        via = "" if scope == partnership else f" (for {graph.by_id[scope].name})"
        edges.append(_Edge(partnership, lead.source, f"has as a safeguarding partner "
                           f"{graph.by_id[partner.source].name}{via}, led by", lead))
    return edges


def member_partnerships(graph: Graph, partnership: str) -> list[str]:
    """The safeguarding children partnerships of a multi-area arrangement: those covering an
    area within its footprint (HIPS: Hampshire, Isle of Wight, Portsmouth, Southampton)."""
    if getattr(graph.by_id[partnership], "partnership_kind", None) != "multi-area-arrangement":
        return []
    key = ("member_partnerships", partnership)
    if key not in graph.cache:
        footprint = {r.target for r in graph.relations("covers", source=partnership)}
        areas = set().union(*[area_closure(graph, f) for f in footprint] or [set()])
        graph.cache[key] = sorted({
            r.source for r in graph.relations("covers") if r.target in areas and r.source != partnership
            and getattr(graph.by_id[r.source], "partnership_kind", None) == "safeguarding-children-partnership"})
    return list(graph.cache[key])


def partnerships_of(graph: Graph, entity) -> list[str]:
    """The partnership(s) a body or post belongs to: its own, and any it is stated to be shared with."""
    own = partnership_of(graph, entity)
    shared = [r.target for r in graph.relations("shared_with", source=entity.id)
              if graph.by_id[r.target].kind == "partnership"]
    return sorted({*([own] if own else []), *shared})


def _to_partnership(graph: Graph, node: str, has_up: bool) -> list[str]:
    """A body with no line upward answers to its own partnership(s)' partners."""
    entity = graph.by_id[node]
    if entity.kind != "body" or has_up:
        return []
    return partnerships_of(graph, entity)


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
        steps = upward(graph, view, node, _within(graph, path[-1]) if path else None)
        for partnership in _to_partnership(graph, node, bool(steps)):
            steps.append(_Edge(node, partnership, "is part of", None))
        if not steps and path and path[-1].label == "is accountable to":
            found.append(path)  # the text says accountability rests here, lead representative or not
            return
        for edge in _merged(steps):
            if edge.target not in seen:
                walk(edge.target, [*path, edge], seen | {edge.target})

    walk(start, [], {start})
    return found


@dataclass(frozen=True)
class Carried:
    """One subject whose accountability a post carries: at the top of a chain, or on the way."""

    subject: str
    path: tuple[_Edge, ...]
    at_top: bool
    every_chain: bool  # every chain of the subject passes through the post


def carried_by(graph: Graph, view: View) -> dict[str, list[Carried]]:
    """Node -> the subjects (bodies, functions, posts in view) whose chains end at it or pass
    through it, the first such chain of each. Worked out once per view, as accountabilities and
    vacancy of every post read it."""
    key = ("carried_by", view)
    if key not in graph.cache:
        index: dict[str, list[Carried]] = {}
        for subject in _subjects(graph, view):
            paths = chains(graph, view, subject.id)
            firsts: dict[str, tuple[tuple[_Edge, ...], bool]] = {}
            counts: dict[str, int] = {}
            for path in paths:
                for node in {e.target for e in path}:
                    counts[node] = counts.get(node, 0) + 1
                for i, edge in enumerate(path):
                    firsts.setdefault(edge.target, (tuple(path[:i + 1]), i == len(path) - 1))
            for node, (steps, top) in firsts.items():
                index.setdefault(node, []).append(Carried(subject.id, steps, top, counts[node] == len(paths)))
        graph.cache[key] = index
    return graph.cache[key]


def _subjects(graph: Graph, view: View):
    return [e for e in graph.entities() if e.kind in ("body", "function", "post") and view.sees(e)]


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
    on_the_way = {e.source for path in paths for e in path if graph.by_id[e.source].kind != "partnership"}
    acting_ids = sorted((on_the_way | set(chairs)) - set(accountable_ids) - {target})
    acting = [Party(id=i, name=graph.by_id[i].name, role="chairs it" if i in chairs else _role(graph, i))
              for i in acting_ids]
    read = _reached_by_inference(paths)
    parties = [Party(id=i, name=graph.by_id[i].name, role=_party_role(graph, i, leads, i in read)) for i in accountable_ids]
    unknown = [] if target in leads else _unknown(graph, view, entity, chain_models)
    known = _known(graph, view, entity) if not parties and unknown else []
    used = [c for chain in chain_models for step in chain.steps for c in step.sources]
    summary = (_summary_unknown(entity.name, known, unknown) if not parties and unknown else
               _summary(entity.name, acting, parties, target in leads, _by_partnership(graph, chain_models)))
    if parties and unknown:
        summary += " " + " ".join(u.note for u in unknown)
    return AccountabilityAnswer(
        target=target, target_name=entity.name, kind=entity.kind, editions=sorted(view.editions),
        summary=summary, acting=acting, accountable=parties, chains=chain_models,
        dead_end=not parties, sources=_unique(used), unknown=unknown, known=known,
    )


def _reached_by_inference(paths: list[list[_Edge]]) -> set[str]:
    """The parties every chain to which has a step read into the text (an inferred relation)."""
    stated = {p[-1].target for p in paths if not any(e.relation is not None and e.relation.inferred for e in p)}
    return {p[-1].target for p in paths} - stated


def _party_role(graph: Graph, party: str, leads: dict[str, str], inferred: bool) -> str:
    if party in leads:
        role = f"lead representative of {graph.by_id[leads[party]].name}"
        return role + ("; reached by an inferred relation, not stated" if inferred else "")
    return "accountable by an inferred relation, not stated" if inferred else "accountable by a stated relation"


def _scope(graph: Graph, entity) -> list[str]:
    """The partnerships an answer about `entity` should name lead representatives for."""
    if entity.kind == "partnership":
        return member_partnerships(graph, entity.id) or [entity.id]
    found = partnerships_of(graph, entity) if entity.kind == "body" else []
    if entity.kind == "post":
        found = [p for p in [partnership_of(graph, entity)] if p]
    return [m for p in found for m in (member_partnerships(graph, p) or [p])]


def is_lscb(graph: Graph, partnership: str) -> bool:
    """A Local Safeguarding Children Board (before 2019): it had members, not safeguarding
    partners, so the rules about partners and their lead representatives do not apply to it."""
    return getattr(graph.by_id[partnership], "partnership_kind", None) == "lscb"


def lscb_note(graph: Graph, partnership: str) -> str:
    return (f"{graph.by_id[partnership].name} is a Local Safeguarding Children Board: it had no safeguarding "
            f"partners, so no lead representative is accountable for it or its bodies.")


def has_arrangements(graph: Graph, partnership: str) -> bool:
    """Whether a document of the partnership's own arrangements is among our sources (not only
    a public record gathered from web pages)."""
    return any(e.edition_kind != "public-record" for e in graph.entities_of(Edition) if e.partnership == partnership)


def _unknown(graph: Graph, view: View, entity, chain_models: list[Chain]) -> list[Unknown]:
    """The partnerships in scope for which no chain names a lead representative, and why."""
    named = {c.partnership for c in chain_models}
    found = []
    for partnership in _scope(graph, entity):
        if partnership in named:
            continue
        p = graph.by_id[partnership]
        if is_lscb(graph, partnership):
            # 001 does not say so (not stated); an LSCB simply had no lead representatives
            found.append(Unknown(partnership=partnership, partnership_name=p.name, kind="not-stated",
                                 note=lscb_note(graph, partnership), sources=cite_all(graph, p.src, False)))
            continue
        if not has_arrangements(graph, partnership):
            found.append(Unknown(
                partnership=partnership, partnership_name=p.name, kind="not-in-sources",
                note=f"The arrangements document of {p.name} is not among our sources; it would name "
                     f"the lead representatives accountable in {p.name}.",
                would_answer=f"the published multi-agency safeguarding arrangements of {p.name}"))
            continue
        if not _edition_ids(graph, partnership) & view.editions:  # answered in an older edition
            found.append(Unknown(
                partnership=partnership, partnership_name=p.name, kind="not-in-sources",
                note=f"Every document of {p.name} we hold is later than the editions this answer is given in; "
                     f"its arrangements of that time, which would name its lead representatives, are not among our sources.",
                would_answer=f"the arrangements of {p.name} in force at the time"))
            continue
        notes = [n for e in [p, *[graph.by_id[i] for i in _edition_ids(graph, partnership) if i in view.editions]]
                 for n in e.not_stated if n.field == "lead-representative"]
        found.append(Unknown(
            partnership=partnership, partnership_name=p.name, kind="not-stated",
            note=(notes[0].note if notes else f"The {p.name} document we hold links {entity.name} to no lead representative."),
            sources=cite_all(graph, [c for n in notes for c in n.src], False)))
    return found


def _known(graph: Graph, view: View, entity) -> list[Party]:
    """What is known where no chain is found: the partners named in the public record, the
    multi-area bodies covering the area, and who holds the partners' posts."""
    parties: dict[str, Party] = {}
    for partnership in _scope(graph, entity):
        for r in visible(graph, view, type="partner_of", target=partnership):
            parties.setdefault(r.source, Party(id=r.source, name=graph.by_id[r.source].name,
                                               role=f"safeguarding partner of {graph.by_id[partnership].name}"))
        own = _edition_ids(graph, partnership)
        partners = {r.source for r in visible(graph, view, type="partner_of", target=partnership)}
        for post in graph.entities_of(Post):
            if post.within in partners and own & set(getattr(post, "editions", [])):
                holders = sorted(graph.by_id[r.source].name for r in graph.relations("holds", target=post.id))
                held = f"; held at some time by {', '.join(holders)}" if holders else ""
                parties.setdefault(post.id, Party(id=post.id, name=post.name,
                                                  role=f"named in the public record of {graph.by_id[partnership].name}{held}"))
        for arrangement in _arrangements_covering(graph, partnership):
            for body in graph.entities_of(Body):
                if body.partnership == arrangement and view.sees(body) and body.body_kind in ("board", "executive"):
                    parties.setdefault(body.id, Party(id=body.id, name=body.name,
                                                      role=f"covering the area for {graph.by_id[arrangement].name}"))
    return sorted(parties.values(), key=lambda p: (_KNOWN_ORDER.index(p.role.split()[0]), p.name))


_KNOWN_ORDER = ("safeguarding", "named", "covering")


def _arrangements_covering(graph: Graph, partnership: str) -> list[str]:
    return sorted(p.id for p in graph.entities("partnership") if partnership in member_partnerships(graph, p.id))


def _summary_unknown(name: str, known: list[Party], unknown: list[Unknown]) -> str:
    """Leads with what is known, then says plainly which document would answer the rest."""
    groups = {word: [p for p in known if p.role.startswith(word)] for word in _KNOWN_ORDER}
    said = []
    if groups["safeguarding"]:
        said.append("its safeguarding partners are " + ", ".join(p.name for p in groups["safeguarding"]))
    if groups["named"]:
        said.append("the public record names " + "; ".join(
            p.name + (f" ({p.role.split('; ', 1)[1]})" if "; " in p.role else "") for p in groups["named"]))
    if groups["covering"]:
        said.append("bodies covering the area across partnerships: " + ", ".join(
            f"{p.name} ({p.role.removeprefix('covering the area for ')})" for p in groups["covering"]))
    text = f"What is known about {name}: {'; '.join(said)}." if said else ""
    text += f" The documents we hold name no lead representative accountable for {name}."
    for u in unknown:
        text += f" {u.note}"
    return text.strip()


def _partnership_naming(graph: Graph, edge: _Edge) -> str | None:
    """The partnership of the edition that states the last link (the lead representative)."""
    editions = edge.relation.editions if edge.relation else []
    return graph.edition(editions[0]).partnership if editions else None


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
                "in the documents we hold.")
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
    every_chain: bool = True  # (in_chain_for) every chain of the subject passes through the post


class AccountabilitiesAnswer(BaseModel):
    target: str
    target_name: str
    summary: str
    accountable_for: list[Accountability]
    responsible_for: list[Accountability]
    in_chain_for: list[Accountability] = []  # subjects whose chains pass through the post


SEATS = ("chairs", "vice_chairs", "member_of")  # what `load` counts, and `vacancy` reports empty
DIRECT = ("responsible_for", "delegates_to", *SEATS)


def accountabilities(graph: Graph, target: str, edition: str | None = None) -> AccountabilitiesAnswer:
    """The reverse question: everything a post or organisation is accountable or responsible for."""
    entity = graph.entity(target)
    if entity.kind not in ("post", "organisation", "person", "body"):
        raise UsageError(f"{target} is {a(entity.kind)}; ask about a post, person, organisation or body")
    view = view_for(graph, entity, edition)
    top, through = carried(graph, view, posts_of(graph, view, target))
    accountable_for = [_accountability(graph, c) for c in top]
    in_chain_for = [_accountability(graph, c) for c in through]
    responsible_for = [
        Accountability(subject=r.target, subject_name=graph.by_id[r.target].name, via=r.type.replace("_", " "),
                       caveats=[c] if (c := caveat(r)) else [], sources=cite_all(graph, r.src))
        for r in directly(graph, view, target)]
    on_chain = f", on the accountability chain of {len(in_chain_for)} more" if in_chain_for else ""
    summary = (f"{entity.name} is accountable for {len(accountable_for)} bodies, functions and posts{on_chain}, "
               f"and directly responsible for {len(responsible_for)}.")
    return AccountabilitiesAnswer(target=target, target_name=entity.name, summary=summary,
                                  accountable_for=accountable_for, responsible_for=responsible_for,
                                  in_chain_for=in_chain_for)


def carried(graph: Graph, view: View, posts: set[str]) -> tuple[list[Carried], list[Carried]]:
    """What the posts carry: subjects whose chains end at one of them, and subjects whose chains
    pass through one of them without ending there; each subject once, in subject order."""
    index = carried_by(graph, view)
    top: dict[str, Carried] = {}
    through: dict[str, Carried] = {}
    for post in sorted(posts):
        for c in index.get(post, []):
            if c.subject in posts:
                continue
            (top if c.at_top else through).setdefault(c.subject, c)
    through = {k: v for k, v in through.items() if k not in top}
    return [top[k] for k in sorted(top)], [through[k] for k in sorted(through)]


def directly(graph: Graph, view: View, target: str) -> list[Relation]:
    """What a post (or organisation, person) does itself: chairs, seats, functions, delegations."""
    return [r for r in visible(graph, view, source=target) if r.type in DIRECT]


def _accountability(graph: Graph, c: Carried) -> Accountability:
    return Accountability(subject=c.subject, subject_name=graph.by_id[c.subject].name,
                          via=_describe(graph, list(c.path)), every_chain=c.every_chain,
                          caveats=list(dict.fromkeys(x for e in c.path if (x := caveat(e.relation)))),
                          sources=_unique([x for e in c.path if e.relation for x in cite_all(graph, e.relation.src)]))


def posts_of(graph: Graph, view: View, target: str) -> set[str]:
    entity = graph.by_id[target]
    if entity.kind == "organisation":
        return {r.source for r in visible(graph, view, type="lead_representative_of", target=target)}
    if entity.kind == "person":
        return {r.target for r in visible(graph, view, type="holds", source=target)}
    return {target}


def _describe(graph: Graph, path: list[_Edge]) -> str:
    """The chain after its subject: 'reports to X; X is part of Y; ...'."""
    parts = [f"{e.label} {graph.by_id[e.target].name}" if i == 0 else
             f"{graph.by_id[e.source].name} {e.label} {graph.by_id[e.target].name}" for i, e in enumerate(path)]
    return "; ".join(parts)
