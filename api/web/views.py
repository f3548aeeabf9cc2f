"""What a page shows, assembled from query results: selection and grouping only, no graph walking.

The partnership page renders `queries.partnership()` (its counts come from the functions
behind escalate, list and show) and adds the chart it is drawn with.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from lscp.loaders import Graph
from lscp.model.citation import parse_citation
from lscp import queries
from lscp.queries import EntitySummary, SearchHit, list_entities
from lscp.queries import PartnershipReport
from lscp.queries.browse import summarise
from lscp.queries.results import Cited, cite
from lscp.queries.lookup import bodies_serving, candidates_for, partnerships_covering


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
class PartnershipPage:
    """The report of `queries.partnership` and the chart the page draws it with."""

    report: PartnershipReport
    chart: ChartLink | None


def partnership_page(graph: Graph, partnership: str, edition: str | None = None) -> PartnershipPage:
    report = queries.partnership(graph, partnership, edition)
    name, shown = report.detail.name, report.edition
    chart = _link(partnership, {"edition": shown}, f"Structure chart of {name}: partners, lead representatives, boards "
                  "and groups with their reporting lines. The same facts are listed below.") if shown else None
    return PartnershipPage(report, chart)


def resolve(graph: Graph, text: str) -> tuple[str | None, list[SearchHit]]:
    """What a typed name means: one entity when it is unambiguous, else the candidates (the
    same rule as the CLI and the API: queries.lookup.candidates_for)."""
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
    names: dict[str | None, str] = {p.id: p.name for p in list_entities(graph, "partnerships")}
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
    params: dict[str, str | None] = {"highlight": target} if question == "accountable" else {"route": target, "when": when}
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


def edition_choices(graph: Graph, editions: list[EntitySummary]) -> list[tuple[str, str]]:
    """(id, label) for a drop-down: the edition's name without its curators' source note (e.g.
    "public-facts.md section 2"), with its date or "undated"."""
    choices = []
    for summary in editions:
        edition = graph.edition(summary.id)
        name = re.sub(r"\s*\([^()]*public-facts\.md[^()]*\)", "", edition.name)
        choices.append((edition.id, f"{name} ({edition.date or 'undated'})"))
    return choices


def changes_chart(editions: list[EntitySummary], before: str | None, after: str | None) -> ChartLink | None:
    """Changes are drawn on the chart of the partnership both editions belong to."""
    owners = {e.partnership for e in editions if e.id in (before, after)}
    owner = owners.pop() if len(owners) == 1 else None
    if owner is None:
        return None
    return _link(owner, {"before": before, "after": after},
                 "The structure chart with what was added, removed or changed marked. The table below lists the same changes.")
