"""What a page shows, assembled from query results: selection and grouping only, no graph walking.

The partnership page is the one page that needs several queries; `partnership_page` gathers
them. (A `queries.partnership()` would be its natural home: see the report on issue 6.)
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from lscp.loaders import Graph
from lscp.model import UsageError
from lscp.model.citation import parse_citation
from lscp.queries import EntityDetail, EntitySummary, SearchHit, gaps, list_entities, search, show
from lscp.queries.browse import summarise
from lscp.queries.findings import Finding
from lscp.queries.results import Cited, RelationView, cite
from lscp.queries.search import bodies_serving, candidates_for, partnerships_covering
from lscp.queries.view import view_at


@dataclass
class ChartLink:
    """A chart of the charts route: `base` + `.fmt` + `query`, with the text that describes it."""

    base: str
    query: str
    alt: str


def _link(target: str, params: dict[str, str | None], alt: str) -> ChartLink:
    query = urlencode({k: v for k, v in params.items() if v})
    return ChartLink(f"/api/charts/{quote(target)}", f"?{query}" if query else "", alt)


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
    chart: ChartLink | None


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
    detail = show(graph, partnership, limit=None)  # every relevant agency, grouped by sector below
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
        chart=_link(partnership, {"edition": edition}, f"Structure chart of {detail.name}: partners, lead representatives, "
                    "boards and groups with their reporting lines. The same facts are listed below.") if edition else None,
    )


def _by_sector(graph: Graph, agencies: list[RelationView]) -> dict[str, list[RelationView]]:
    sectors = {o.id: o.subkind or "other" for o in list_entities(graph, "organisations")}
    grouped: dict[str, list[RelationView]] = defaultdict(list)
    for relation in sorted(agencies, key=lambda r: r.source_name.lower()):
        grouped[sectors.get(relation.source, "other")].append(relation)
    return dict(sorted(grouped.items()))


def resolve(graph: Graph, text: str) -> tuple[str | None, list[SearchHit]]:
    """What a typed name means: one entity when it is unambiguous, else the candidates (the
    same rule as the CLI and the API: queries.search.candidates_for)."""
    found = candidates_for(graph, text)
    return (found[0].id, []) if len(found) == 1 else (None, found)


@dataclass
class AreaOffer:
    """For a question about an area: what in it can be asked about instead."""

    area: EntitySummary
    partnerships: list[EntitySummary]
    bodies: list[EntitySummary]


def area_offer(graph: Graph, area: str) -> AreaOffer:
    """The partnerships covering an area (its own first) and the bodies serving it."""
    partnerships = [summarise(graph, p) for p in partnerships_covering(graph, area)]
    bodies = [summarise(graph, b) for b in bodies_serving(graph, area)]
    return AreaOffer(summarise(graph, graph.by_id[area]), partnerships, bodies)


def with_lines(graph: Graph, facts: list[Cited]) -> list[Cited]:
    """Citations re-read with their lines, so a page can expand them (findings carry none)."""
    return [cite(graph, parse_citation(c.citation)) for c in facts]


@dataclass
class Group:
    """Chains (or routes) that pass through one partnership, and the chart to show them on."""

    partnership: str | None
    name: str
    chains: list


def by_partnership(graph: Graph, chains, home: str | None = None) -> list[Group]:
    """Chains (or routes) grouped by the partnership of the first step that belongs to one (else
    `home`, the asked entity's own partnership), in order of first appearance."""
    names = {p.id: p.name for p in list_entities(graph, "partnerships")}
    belongs = {e.id: e.partnership for kind in ("bodies", "posts", "partnerships")
               for e in list_entities(graph, kind) if e.partnership}
    groups: dict[str | None, Group] = {}
    for chain in chains:
        ends = [x for step in chain.steps for x in (step.source, step.target)]
        key = next((belongs[x] for x in ends if x in belongs), home if home in names else None)
        groups.setdefault(key, Group(key, names.get(key, "Not within one partnership"), [])).chains.append(chain)
    return list(groups.values())


def answer_chart(groups: list[Group], question: str, target: str, when: str | None) -> ChartLink | None:
    """Where the Ask page draws its answer: highlighted on the one partnership's chart, or alone
    as a flow when the steps cross partnerships (a chart of one would not hold them)."""
    if not groups:
        return None
    params = {"highlight": target} if question == "accountable" else {"route": target, "when": when}
    home = groups[0].partnership if len(groups) == 1 else None
    if home is None:
        return _link(target, {**params, "alone": "true"}, "The steps above drawn on their own, as a flow.")
    return _link(home, params, f"The chart of {groups[0].name} with the steps above highlighted.")


def compare_chart(partnerships: list[str]) -> ChartLink | None:
    """Two partnerships are drawn side by side; three would not fit a page."""
    if len(partnerships) != 2:
        return None
    return _link(partnerships[0], {"beside": partnerships[1]},
                 "The structure charts of the two partnerships side by side. The table above lists the same facts.")


def changes_chart(editions: list[EntitySummary], before: str, after: str) -> ChartLink | None:
    """Changes are drawn on the chart of the partnership both editions belong to."""
    owners = {e.partnership for e in editions if e.id in (before, after)}
    if len(owners) != 1 or None in owners:
        return None
    return _link(owners.pop(), {"before": before, "after": after},
                 "The structure chart with what was added, removed or changed marked. The table below lists the same changes.")
