"""The structure chart of one partnership: partners on top, then the board, then groups by tier."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from lscp.loaders import Graph
from lscp.model import Relation
from lscp.model.entities import Body, Organisation, Partnership, Post
from lscp.queries.editions import seen_in

from .chart import Chart, Cluster, Edge, Node
from .common import (
    INFERRED_LABEL,
    ChartOptions,
    add_relation_edges,
    chart_editions,
    edition_names,
    entity_node,
    organisation_order,
    partnership,
)
from .dot import chart_to_dot
from .style import SECTOR_LABELS

# partner_of is not drawn: the partners' container says it, and lines from each partner down
# to the partnership would cross their own lead representatives.
DRAWN = ("accountable_to", "delegates_to", "escalates_to", "feeds_into", "lead_representative_of",
         "member_of", "reports_to", "scrutinises")
ROUTES = ("accountable_to", "escalates_to", "scrutinises")
UPWARD = ("reports_to", "feeds_into")
TOP_KINDS = ("board", "executive")
AGENCY_COLUMNS = 4
AGENCIES_ID = "_agencies"  # entity ids start with a letter or digit, so this never collides
FOOTNOTE = "Drawn by lscp from the cited documents: only the lines they state are drawn."


def structure_chart(graph: Graph, partnership_id: str, edition: str | None = None,
                    options: ChartOptions | None = None) -> Chart:
    """The structure chart of a partnership in an edition (default: its current arrangements)."""
    options = options or ChartOptions()
    target = partnership(graph, partnership_id)
    editions = chart_editions(graph, target.id, edition)
    chart = Chart(
        title=target.name,
        subtitle=[f"Structure chart: {edition_names(graph, editions)}", FOOTNOTE],
        orientation=options.orientation, legend=options.legend, page=options.page,
    )
    build_structure(graph, chart, target, editions, options)
    return chart


def structure_to_dot(graph: Graph, partnership_id: str, edition: str | None = None,
                     options: ChartOptions | None = None) -> str:
    """DOT text of a partnership's structure chart.

    >>> from loaders import load
    >>> structure_to_dot(load(), "southampton.sscp").startswith("digraph lscp {")
    True
    """
    return chart_to_dot(structure_chart(graph, partnership_id, edition, options))


def build_structure(graph: Graph, chart: Chart, target: Partnership, editions: Iterable[str],
                    options: ChartOptions) -> None:
    """Add a partnership's structure to a chart (also used inside comparison and diff charts)."""
    editions = tuple(editions)
    chart.add_node(entity_node(graph, target, editions, order=(0,)))
    bottoms = _partners(graph, chart, target, editions) if options.has("partners") else []
    tiers = _bodies(graph, chart, target, editions, options) if options.has("bodies") else {}
    beside = _posts(graph, chart, target, editions) if options.has("posts") else []
    external = _external(graph, chart, target, editions) if options.has("external") else []
    add_relation_edges(graph, chart, editions, DRAWN, keep=lambda r: _drawn(graph, r))
    for edge in chart.edges:
        source, target_cluster = chart.nodes[edge.source].cluster, chart.nodes[edge.target].cluster
        if (source == "partners") != (target_cluster == "partners"):
            # Everything else sits below the partners' block: draw the line downward from it,
            # and let it pull the box it reaches under its end of the block.
            edge.upward, edge.constraint = target_cluster == "partners", True
        elif {edge.source, edge.target} & set(beside + external):
            edge.constraint = False  # it would fight the rank the box is held at
    fold_conditions(chart)
    deepest = max(tiers.values(), default=0)
    if options.has("agencies"):
        _agencies(graph, chart, target, editions, options.all_agencies, deepest)
    chart.key_beside = AGENCIES_ID if AGENCIES_ID in chart.nodes else None
    lowest = sorted(tiers, key=lambda b: (-tiers[b], chart.nodes[b].sort_key))
    chart.key_below = lowest[0] if lowest else target.id
    # Layout hints (never drawn): partners above the partnership, the partnership above tier 0,
    # each tier one rank below the last; independent posts and other partnerships beside it.
    for node_id in bottoms:
        chart.add_edge(Edge(node_id, target.id, "layout", invisible=True))
    for body_id, tier in tiers.items():
        chart.add_edge(Edge(target.id, body_id, "layout", invisible=True, minlen=tier + 1))
    if beside:
        # Independent posts level with the partnership, to its left (a flat edge orders a rank).
        chart.same_rank.append([target.id, *beside])
        for post_id in beside:
            chart.add_edge(Edge(post_id, target.id, "layout", invisible=True, weight=10))
    top = sorted((b for b, t in tiers.items() if t == 0), key=lambda b: chart.nodes[b].sort_key)
    if external:  # level with the board when there is one, where the short row has room, to its right
        row = [*(top or [target.id])]
        chart.same_rank.append([*row, *external])
        for left, right in zip([row[-1], *external], external):
            chart.add_edge(Edge(left, right, "layout", invisible=True, weight=10))
    for tier in sorted(set(tiers.values())):
        chart.same_rank.append(sorted(b for b, t in tiers.items() if t == tier))


def fold_conditions(chart: Chart) -> None:
    """Keep escalation conditions off crowded lines: one condition for every line is said once in
    the key; several conditions on three or more lines become letters, spelt out in the key."""
    escalations = [e for e in chart.edges if e.type == "escalates_to" and not e.invisible]
    # the condition without the "(inferred)" an inferred line keeps on it (the key explains it)
    when = {id(e): (e.label or "").removesuffix(INFERRED_LABEL).strip() or None for e in escalations}
    conditions = sorted({c for c in when.values() if c})
    mark = {id(e): INFERRED_LABEL if e.inferred else None for e in escalations}
    if len(escalations) > 1 and len(conditions) == 1 and all(when.values()):
        condition = conditions[0]
        chart.key_labels["escalates_to"] = f"escalates to ({condition})"
        chart.folded["escalates_to"] = condition
        for edge in escalations:
            edge.label = mark[id(edge)]
    elif len(conditions) > 1 and len(escalations) > 2:
        letters = {condition: chr(ord("A") + index) for index, condition in enumerate(conditions[:26])}
        for edge in escalations:
            said = when[id(edge)]
            if said in letters:
                edge.label = " ".join(w for w in (letters[said], mark[id(edge)]) if w)
        chart.codes.update({letter: condition for condition, letter in letters.items()})
        chart.key_labels["escalates_to"] = "escalates to (the letter on the line says when)"


def _drawn(graph: Graph, relation: Relation) -> bool:
    # Organisations are members of most groups; drawing each membership would bury the chart.
    if relation.type == "member_of":
        return graph.by_id[relation.source].kind in ("post", "body")
    return True


def _partners(graph: Graph, chart: Chart, target: Partnership, editions: tuple[str, ...]) -> list[str]:
    """Partners with their lead representatives and delegates; returns the lowest box of each."""
    organisations = [graph.by_id[i] for i in sorted({r.source for r in graph.relations("partner_of", target=target.id)
                                                      if seen_in(r, editions)})]
    if not organisations:
        return []
    chart.add_cluster(Cluster("partners", "Safeguarding partners, their lead representatives and delegates",
                              "partners", order=(0,)))
    bottoms, levels = [], defaultdict(list)
    for index, organisation in enumerate(sorted(organisations, key=organisation_order)):
        node = entity_node(graph, organisation, editions, cluster="partners", order=(index, 0))
        node.style = "partner"
        if any(n.field == "lead-representative" for n in organisation.not_stated):
            node.lines.append(("note", "Lead representative not stated"))
        chart.add_node(node)
        levels[0].append(organisation.id)
        lowest = organisation.id
        leads = [graph.by_id[i] for i in sorted({r.source for r in graph.relations("lead_representative_of",
                                                                                     target=organisation.id)
                                                  if seen_in(r, editions)})]
        leads = [lead for lead in leads if seen_in(lead, editions)]
        for lead in leads:
            chart.add_node(entity_node(graph, lead, editions, "partners", (index, 1, lead.id), "Lead representative"))
            levels[1].append(lead.id)
            lowest = lead.id
            # Delegates stack under their lead representative, one per row, so three partners
            # with two delegates each stay three columns wide.
            for level, delegate in enumerate(_delegates(graph, lead.id, editions), start=2):
                chart.add_node(entity_node(graph, delegate, editions, "partners", (index, level, delegate.id),
                                           "Delegate"))
                levels[level].append(delegate.id)
                if lowest != lead.id:
                    chart.add_edge(Edge(lowest, delegate.id, "layout", invisible=True))
                lowest = delegate.id
        bottoms.append(lowest)
    chart.same_rank += [levels[level] for level in sorted(levels)]
    for row in levels.values():  # keep the partners' columns in their order on every row
        for left, right in zip(row, row[1:]):
            chart.add_edge(Edge(left, right, "layout", invisible=True))
    return bottoms


def _delegates(graph: Graph, post_id: str, editions: tuple[str, ...]) -> list[Post]:
    found = sorted({r.target for r in graph.relations("delegates_to", source=post_id) if seen_in(r, editions)})
    return [post for i in found if isinstance(post := graph.by_id[i], Post) and seen_in(post, editions)]


def tiers_of(graph: Graph, bodies: list[Body], editions: tuple[str, ...]) -> dict[str, int]:
    """Tier 0: boards and executives; below them, one tier per reports_to / feeds_into step.
    A group with no stated line sits in tier 1."""
    ids = {b.id for b in bodies}
    parents: dict[str, list[str]] = defaultdict(list)
    for relation in graph.relations(UPWARD):
        if relation.source in ids and relation.target in ids and seen_in(relation, editions):
            parents[relation.source].append(relation.target)
    kinds = {b.id: b.body_kind for b in bodies}
    tiers: dict[str, int] = {}

    def tier(body_id: str, seen: frozenset[str]) -> int:
        if body_id in tiers:
            return tiers[body_id]
        if kinds[body_id] in TOP_KINDS:
            return 0
        above = [p for p in sorted(set(parents[body_id])) if p not in seen]
        return 1 + max((tier(p, seen | {body_id}) for p in above), default=0)

    for body_id in sorted(ids):
        tiers[body_id] = tier(body_id, frozenset())
    return tiers


def _tier_label(graph: Graph, tier: int, body_ids: list[str]) -> str:
    if tier > 0:
        return f"Tier {tier} groups"
    kinds = sorted({graph.entity_of(b, Body).body_kind for b in body_ids}, key=TOP_KINDS.index)
    return " and ".join(k.capitalize() for k in kinds)


def _bodies(graph: Graph, chart: Chart, target: Partnership, editions: tuple[str, ...],
            options: ChartOptions) -> dict[str, int]:
    bodies = [b for b in graph.entities_of(Body) if b.partnership == target.id and seen_in(b, editions)]
    tiers = tiers_of(graph, bodies, editions)
    if options.depth is not None:
        tiers = {b: t for b, t in tiers.items() if t <= options.depth}
    stated_up = {r.source for r in graph.relations(UPWARD) if seen_in(r, editions)}
    for tier in sorted(set(tiers.values())):
        members = sorted(b for b, t in tiers.items() if t == tier)
        chart.add_cluster(Cluster(f"tier-{tier}", _tier_label(graph, tier, members), "tier", order=(1, tier)))
        for body_id in members:
            body = graph.entity_of(body_id, Body)
            kind_rank = TOP_KINDS.index(body.body_kind) if body.body_kind in TOP_KINDS else len(TOP_KINDS)
            node = entity_node(graph, body, editions, cluster=f"tier-{tier}", order=(kind_rank, body.name))
            if tier > 0 and body_id not in stated_up and any(n.field == "reports-to" for n in body.not_stated):
                node.lines.append(("note", "Reporting line not stated"))
            chart.add_node(node)
    return tiers


def _posts(graph: Graph, chart: Chart, target: Partnership, editions: tuple[str, ...]) -> list[str]:
    """Independent posts of the partnership, then posts on escalation, scrutiny or accountability
    lines; returns the independent posts (drawn beside the partnership)."""
    from lscp.queries.scope import partnership_of

    independent = []
    for post in graph.entities_of(Post):
        if post.independent and seen_in(post, editions) and partnership_of(graph, post) == target.id:
            chart.add_node(entity_node(graph, post, editions, order=(2, post.name)))
            independent.append(post.id)
    for _ in range(2):  # a route may pass through a post that is itself on another route
        for relation in graph.relations(ROUTES):
            if not seen_in(relation, editions):
                continue
            for here, there in ((relation.source, relation.target), (relation.target, relation.source)):
                entity = graph.by_id[there]
                if here in chart.nodes and there not in chart.nodes and isinstance(entity, Post) \
                        and seen_in(entity, editions):
                    chart.add_node(entity_node(graph, entity, editions, order=(3, entity.name)))
    return independent


def _external(graph: Graph, chart: Chart, target: Partnership, editions: tuple[str, ...]) -> list[str]:
    """Bodies of other partnerships that a stated line from this chart leads to."""
    found = []
    for relation in graph.relations(("reports_to", "feeds_into", "escalates_to", "member_of")):
        if relation.source not in chart.nodes or relation.target in chart.nodes or not seen_in(relation, editions):
            continue
        entity = graph.by_id[relation.target]
        if not isinstance(entity, Body) or entity.partnership == target.id:
            continue
        chart.add_cluster(Cluster("external", "Other partnerships", "external", order=(8,)))
        node = entity_node(graph, entity, (), cluster="external", order=(entity.name,))
        node.style = "external"
        if entity.partnership:
            node.lines.append(("partnership", graph.by_id[entity.partnership].name))
        chart.add_node(node)
        found.append(entity.id)
    return sorted(set(found))


def _agencies(graph: Graph, chart: Chart, target: Partnership, editions: tuple[str, ...],
              all_agencies: bool, deepest: int) -> None:
    """Relevant agencies as one box listing each sector with its count (a sector with one agency
    names it), or with `all_agencies` one box per agency in a container per sector."""
    agencies = [graph.entity_of(i, Organisation) for i in sorted({r.source for r in graph.relations("relevant_agency_of",
                                                                                 target=target.id)
                                                  if seen_in(r, editions)})]
    if not agencies:
        return
    by_sector: dict[str, list[Organisation]] = defaultdict(list)
    for agency in agencies:
        by_sector[agency.sector].append(agency)
    sectors = sorted(by_sector, key=lambda s: (SECTOR_LABELS.get(s, s), s))
    title = f"Relevant agencies ({len(agencies)})"
    heads = []
    if all_agencies:
        chart.add_cluster(Cluster("agencies", title, "agencies", order=(9,)))
        for sector in sectors:
            members = sorted(by_sector[sector], key=lambda a: (a.name, a.id))
            cluster = f"agencies-{sector}"
            chart.add_cluster(Cluster(cluster, f"{SECTOR_LABELS.get(sector, sector)} ({len(members)})",
                                      "agencies", parent="agencies", order=(SECTOR_LABELS.get(sector, sector),)))
            for agency in members:
                node = entity_node(graph, agency, editions, cluster=cluster, order=(agency.name,))
                node.style = "agency"
                chart.add_node(node)
            heads.append(grid(chart, [a.id for a in members], AGENCY_COLUMNS)[0][0])
    else:
        lines = [("count", f"{SECTOR_LABELS.get(sector, sector)}: {len(by_sector[sector])}") for sector in sectors]
        chart.add_node(Node(AGENCIES_ID, title, "agencies", lines=lines, order=(9,), columns=2,
                            tooltip="Relevant agencies by sector (lscp diagram --all-agencies names each)"))
        heads.append(AGENCIES_ID)
    for head in heads:
        chart.add_edge(Edge(target.id, head, "layout", invisible=True, minlen=deepest + 2))


def grid(chart: Chart, ids: list[str], columns: int) -> list[list[str]]:
    """Arrange boxes in rows of `columns` (invisible edges stack each row under the last)."""
    rows = [ids[i:i + columns] for i in range(0, len(ids), columns)]
    for upper, lower in zip(rows, rows[1:]):
        for above, below in zip(upper, lower):
            chart.add_edge(Edge(above, below, "layout", invisible=True))
    for row in rows:
        chart.same_rank.append(row)
    return rows
