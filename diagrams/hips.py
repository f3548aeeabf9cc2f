"""The HIPS chart: the Executive and its subgroups above the four local partnerships, with the
stated lines between local and HIPS groups (recreating the lost Figure 1 / Diagram 2)."""
from __future__ import annotations

from collections.abc import Iterable

from lscp.loaders import Graph
from lscp.model import Entity, UsageError
from lscp.model.entities import Body, Edition, Organisation, Partnership, Post, Versioned
from lscp.queries.editions import editions_of, seen_in
from lscp.queries.scope import area_closure, partnership_of

from .chart import Chart, Cluster, Edge
from .common import (
    ChartOptions,
    chart_editions,
    edition_names,
    entity_node,
    partnership,
    relation_label,
)
from .dot import chart_to_dot
from .structure import FOOTNOTE, fold_conditions, grid, tiers_of

LINKS = ("accountable_to", "delegates_to", "escalates_to", "feeds_into", "member_of", "reports_to",
         "scrutinises", "supports")
HIPS = "hips"
MAX_COLUMN = 3  # boxes a container stacks in one column before it uses two


def local_partnerships(graph: Graph, footprint_partnership: str) -> list[Partnership]:
    """The safeguarding children partnerships of the areas a multi-area arrangement covers."""
    covered = set()
    for relation in graph.relations("covers", source=footprint_partnership):
        covered |= area_closure(graph, relation.target)
    found = {r.source for r in graph.relations("covers") if r.target in covered and r.source != footprint_partnership}
    locals_ = [graph.by_id[p] for p in sorted(found)]
    return sorted((p for p in locals_ if isinstance(p, Partnership)
                   and p.partnership_kind == "safeguarding-children-partnership"), key=lambda p: (p.name, p.id))


def period_editions(graph: Graph, footprint_partnership: str, edition: str, locals_: Iterable[str]) -> set[str]:
    """The local editions in force during an edition of the arrangement: dated from it up to its next edition."""
    own = editions_of(graph, footprint_partnership)
    start = graph.edition(edition).date or ""
    later = [e.date for e in own if e.date and e.date > start]
    end = min(later) if later else None
    locals_ = set(locals_)
    return {e.id for e in graph.entities_of(Edition)
            if e.partnership in locals_ and (e.date or "") >= start and (end is None or (e.date or "") < end)}


def _home(graph: Graph, entity: Entity, area_partnership: dict[str, str]) -> str | None:
    """The partnership an entity is drawn in: its own, or the local one of its organisation's area."""
    found = partnership_of(graph, entity)
    if found:
        return found
    if isinstance(entity, Versioned):  # a post of a local edition (a partner's delegate)
        owners = {graph.edition(e).partnership for e in entity.editions} & set(area_partnership.values())
        if len(owners) == 1:
            return owners.pop()
    organisation = entity if isinstance(entity, Organisation) else None
    if isinstance(entity, Post) and isinstance(within := graph.by_id.get(entity.within), Organisation):
        organisation = within
    if organisation is not None and organisation.area:
        return area_partnership.get(organisation.area)
    return None


def multi_area_chart(graph: Graph, partnership_id: str = HIPS, edition: str | None = None,
                     options: ChartOptions | None = None) -> Chart:
    """A multi-area arrangement (HIPS) with its bodies and the local partnerships it works alongside."""
    options = options or ChartOptions()
    target = partnership(graph, partnership_id)
    if target.partnership_kind != "multi-area-arrangement":
        raise UsageError(f"{partnership_id} is a {target.partnership_kind}, not a multi-area arrangement; "
                         f"draw it with its structure chart")
    editions = chart_editions(graph, target.id, edition)
    chosen = max(editions, key=lambda e: (graph.edition(e).date or "", e))
    locals_ = local_partnerships(graph, target.id)
    local_editions = period_editions(graph, target.id, chosen, [p.id for p in locals_])
    scope = set(editions) | local_editions
    subtitle = [f"Arrangements: {edition_names(graph, editions)}"]
    if local_editions:
        subtitle.append(f"Local lines from: {edition_names(graph, local_editions)}")
    chart = Chart(title=target.name, subtitle=[*subtitle, FOOTNOTE], orientation=options.orientation,
                  legend=options.legend, page=options.page)
    build_multi_area(graph, chart, target, tuple(sorted(editions)), tuple(sorted(scope)), locals_, options)
    return chart


def hips_to_dot(graph: Graph, edition: str | None = None, options: ChartOptions | None = None,
                partnership_id: str = HIPS) -> str:
    """DOT text of the HIPS chart for an edition (hips-2019, hips-2022; default the latest)."""
    return chart_to_dot(multi_area_chart(graph, partnership_id, edition, options))


def build_multi_area(graph: Graph, chart: Chart, target: Partnership, editions: tuple[str, ...],
                     scope: tuple[str, ...], locals_: list[Partnership], options: ChartOptions) -> None:
    # The arrangement's own bodies, by tier.
    bodies = [b for b in graph.entities_of(Body) if b.partnership == target.id and seen_in(b, editions)]
    tiers = tiers_of(graph, bodies, editions)
    if options.depth is not None:
        tiers = {b: t for b, t in tiers.items() if t <= options.depth}
    chart.add_cluster(Cluster("footprint", target.name, "footprint", order=(0,)))
    for body_id in sorted(tiers):
        body = graph.by_id[body_id]
        chart.add_node(entity_node(graph, body, editions, cluster="footprint", order=(tiers[body_id], body.name)))
    # One row, the Executive in the middle: lines from the local partnerships below then reach it
    # straight up, instead of detouring round a second row of the container.
    top = sorted((b for b, t in tiers.items() if t == 0), key=lambda b: chart.nodes[b].sort_key)
    rest = sorted((b for b, t in tiers.items() if t > 0), key=lambda b: chart.nodes[b].sort_key)
    row = rest[:len(rest) // 2] + top + rest[len(rest) // 2:]
    chart.same_rank.append(row)
    for left, right in zip(row, row[1:]):
        chart.add_edge(Edge(left, right, "layout", invisible=True))
    depth = 0

    # The local partnerships, one container each, and what of theirs a stated line joins to HIPS.
    area_partnership: dict[str, str] = {}
    for local in locals_:
        for relation in graph.relations("covers", source=local.id):
            area_partnership.setdefault(relation.target, local.id)
    for index, local in enumerate(locals_):
        cluster = f"local-{local.id}"
        # The partnership's box names it; the container names the area, to stay narrow.
        areas = sorted({graph.by_id[r.target].name for r in graph.relations("covers", source=local.id)})
        chart.add_cluster(Cluster(cluster, " and ".join(areas) or local.name, "local", order=(1, index)))
        chart.add_node(entity_node(graph, local, scope, cluster=cluster, order=(0,)))
    hips_nodes = set(tiers)
    inner: dict[str, str] = {}
    for relation in graph.relations(LINKS):
        if not seen_in(relation, scope):
            continue
        for here, there in ((relation.source, relation.target), (relation.target, relation.source)):
            if here not in hips_nodes or there in hips_nodes or there == target.id:
                continue
            entity = graph.by_id[there]
            if not seen_in(entity, scope) or (isinstance(entity, Post) and not options.has("posts")):
                continue
            home = _home(graph, entity, area_partnership)
            if home == target.id:
                cluster = "footprint"
            elif home in {p.id for p in locals_}:
                cluster = f"local-{home}"
            else:
                cluster = "across"
                chart.add_cluster(Cluster("across", "Across the HIPS area", "local", order=(2,)))
            if there not in chart.nodes:
                node = entity_node(graph, entity, scope, cluster=cluster, order=(1, entity.name))
                if isinstance(entity, Body) and entity.partnership and cluster == "across":
                    node.style = "external"
                chart.add_node(node)
            if cluster != "footprint":
                inner[there] = home if home is not None and cluster != "across" else ""
    for relation in graph.relations(LINKS):
        if relation.source in chart.nodes and relation.target in chart.nodes and seen_in(relation, scope) \
                and (relation.source in hips_nodes or relation.target in hips_nodes):
            chart.add_edge(Edge(relation.source, relation.target, relation.type, label=relation_label(relation),
                                inferred=relation.inferred))

    fold_conditions(chart)

    # Layout: what is across the area (members without a local home) in a row on top; HIPS below
    # it; the local
    # partnerships in a row below (dot orders them to cross the fewest lines), each holding what
    # a line joins to HIPS under it; the key under the tallest of them.
    anchors = sorted(b for b, t in tiers.items() if t == 0) or sorted(hips_nodes)
    heads: list[str] = []
    deepest: list[str] = []
    for home in [p.id for p in locals_] + (["across"] if "across" in chart.clusters else []):
        members = sorted((n for n, h in inner.items() if (h or "across") == home and n != home),
                         key=lambda n: chart.nodes[n].sort_key)
        if home == "across":  # one row above the Executive, like the partners above a partnership
            grid(chart, members, max(1, len(members)))
            for member in members if anchors else []:  # centred over the Executive
                chart.add_edge(Edge(member, anchors[0], "layout", invisible=True))
            continue
        rows = grid(chart, members, 1 if len(members) <= MAX_COLUMN else 2)
        heads.append(home)
        for first in (rows[0] if rows else []):
            chart.add_edge(Edge(home, first, "layout", invisible=True))
        if len(rows) + 1 > len(deepest):
            deepest = [home, *(row[0] for row in rows)]
    for head in heads:
        if anchors:
            chart.add_edge(Edge(anchors[0], head, "layout", invisible=True, minlen=depth + 1))
    chart.same_rank.append(heads)
    across = {n for n, h in inner.items() if not h}
    for edge in chart.edges:
        if not edge.invisible and ({edge.source, edge.target} & across or {edge.source, edge.target} <= hips_nodes):
            edge.constraint = False  # held level with the Executive: its lines must not rank it
    chart.key_below = deepest[-1] if deepest else (anchors[-1] if anchors else None)
