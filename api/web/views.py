"""What a page shows, assembled from query results: selection and grouping only, no graph walking.

The partnership page is the one page that needs several queries; `partnership_page` gathers
them. (A `queries.partnership()` would be its natural home: see the report on issue 6.)
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from loaders import Graph
from model import UsageError
from queries import EntityDetail, EntitySummary, SearchHit, gaps, list_entities, search, show
from queries.findings import Finding
from queries.results import RelationView
from queries.view import view_at


@dataclass
class Lead:
    relation: RelationView
    delegates: list[RelationView] = field(default_factory=list)


@dataclass
class Partner:
    relation: RelationView
    leads: list[Lead] = field(default_factory=list)


@dataclass
class BodyRow:
    summary: EntitySummary
    chairs: list[RelationView]
    lines: list[RelationView]


@dataclass
class PartnershipPage:
    detail: EntityDetail
    editions: list[EntitySummary]
    edition: str | None
    partners: list[Partner]
    bodies: list[BodyRow]
    agencies: dict[str, list[RelationView]]
    findings: list[Finding]
    gaps_summary: str


def _seen(relation: RelationView, editions: frozenset[str] | None) -> bool:
    return editions is None or not relation.editions or bool(editions & set(relation.editions))


def _pick(relations: list[RelationView], types: tuple[str, ...], editions: frozenset[str] | None) -> list[RelationView]:
    return [r for r in relations if r.type in types and _seen(r, editions)]


def editions_of(graph: Graph, partnership: str) -> list[EntitySummary]:
    """The partnership's editions, oldest first."""
    found = [e for e in list_entities(graph, "editions") if e.partnership == partnership]
    return sorted(found, key=lambda e: (str(show(graph, e.id).fields.get("date", "")), e.id))


def partnership_page(graph: Graph, partnership: str, edition: str | None = None) -> PartnershipPage:
    """Partners with lead representatives and delegates, bodies with chairs and lines, agencies, gaps."""
    detail = show(graph, partnership)
    editions = editions_of(graph, partnership)
    if edition is not None and edition not in [e.id for e in editions]:
        raise UsageError(f"{edition!r} is not an edition of {detail.name}; its editions are: "
                         + (", ".join(e.id for e in editions) or "none"))
    edition = edition or (editions[-1].id if editions else None)
    seen = view_at(graph, edition).editions if edition else None
    # Lead representatives are read from this partnership's own editions only: a partner such as
    # the constabulary has a different lead representative in each partnership.
    own = seen & {e.id for e in editions} if seen is not None else None
    partners = []
    for relation in _pick(detail.incoming, ("partner_of",), seen):
        partner = Partner(relation)
        for lead in _pick(show(graph, relation.source).incoming, ("lead_representative_of",), own):
            partner.leads.append(Lead(lead, _pick(show(graph, lead.source).outgoing, ("delegates_to",), seen)))
        partners.append(partner)
    bodies = []
    for body in list_entities(graph, "bodies"):
        if body.partnership == partnership and (seen is None or not body.editions or seen & set(body.editions)):
            body_detail = show(graph, body.id)
            bodies.append(BodyRow(body, _pick(body_detail.incoming, ("chairs", "vice_chairs"), seen),
                                  _pick(body_detail.outgoing, ("reports_to", "feeds_into"), seen)))
    report = gaps(graph, edition=edition) if edition else None
    findings = [f for f in report.findings if f.partnership in (partnership, None)] if report else []
    return PartnershipPage(
        detail=detail, editions=editions, edition=edition, partners=partners, bodies=bodies,
        agencies=_by_sector(graph, _pick(detail.incoming, ("relevant_agency_of",), seen)),
        findings=findings, gaps_summary=f"{len(findings)} finding(s) for {detail.name}" + (f" in {edition}." if edition else "."),
    )


def _by_sector(graph: Graph, agencies: list[RelationView]) -> dict[str, list[RelationView]]:
    sectors = {o.id: o.subkind or "other" for o in list_entities(graph, "organisations")}
    grouped: dict[str, list[RelationView]] = defaultdict(list)
    for relation in sorted(agencies, key=lambda r: r.source_name.lower()):
        grouped[sectors.get(relation.source, "other")].append(relation)
    return dict(sorted(grouped.items()))


def resolve(graph: Graph, text: str) -> tuple[str | None, list[SearchHit]]:
    """What a typed name means: one entity when it is unambiguous, else the candidates."""
    hits = search(graph, text, limit=20)
    exact = [h for h in hits if h.score == 100]
    if len(exact) == 1:
        return exact[0].id, []
    if len(hits) == 1:
        return hits[0].id, []
    return None, exact or hits


def by_partnership(graph: Graph, chains) -> list[tuple[str, list]]:
    """Chains (or routes) grouped by the first partnership they pass through, in order of first appearance."""
    partnerships = {p.id: p.name for p in list_entities(graph, "partnerships")}
    groups: dict[str, list] = {}
    for chain in chains:
        ends = [x for step in chain.steps for x in (step.source, step.target)]
        key = next((partnerships[x] for x in ends if x in partnerships), "Other")
        groups.setdefault(key, []).append(chain)
    return list(groups.items())
