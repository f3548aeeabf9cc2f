"""Change and comparison: an edition diff of one partnership, and two partnerships side by side."""
from __future__ import annotations

from dataclasses import replace

from lscp.loaders import Graph
from lscp.model import UsageError
from lscp.model.entities import Versioned

from .chart import Chart, Cluster, Node
from lscp.queries.editions import editions_of, seen_in

from .common import ChartOptions, edition_names, humanise, partnership
from .dot import chart_to_dot
from .hips import build_multi_area, local_partnerships, period_editions
from .structure import AGENCIES_ID, FOOTNOTE, build_structure
from .targets import base_chart, is_multi_area, resolve_target

# The relations whose difference makes a box "changed" between two editions.
SIGNATURE = ("accountable_to", "chairs", "delegates_to", "escalates_to", "feeds_into", "holds",
             "lead_representative_of", "member_of", "reports_to", "scrutinises", "shared_with", "supports",
             "vice_chairs")


def diff_chart(graph: Graph, target: str, first: str, second: str, options: ChartOptions | None = None) -> Chart:
    """What changed from edition `first` to edition `second` of one partnership: boxes and lines
    added, removed or changed, each in its own style, with a key."""
    options = options or ChartOptions()
    partnership_id = resolve_target(graph, target)
    own = {e.id for e in editions_of(graph, partnership_id)}
    for edition in (first, second):
        if edition not in own:
            raise UsageError(f"edition {edition!r} is not an edition of {partnership_id}; "
                             f"its editions are: {', '.join(sorted(own)) or 'none'}")
    if first == second:
        raise UsageError("--diff needs two different editions")
    editions = (first, second)
    entity = partnership(graph, partnership_id)
    chart = Chart(
        title=f"{entity.name}: what changed",
        subtitle=[f"From {edition_names(graph, [first])} to {edition_names(graph, [second])}",
                  "A box or line only in the earlier edition may be one the later document does not restate.",
                  FOOTNOTE],
        orientation=options.orientation, legend=options.legend, page=options.page,
    )
    periods = {first: {first}, second: {second}}
    if is_multi_area(graph, partnership_id):
        # Local lines count for the HIPS edition in force when their local edition was written.
        locals_ = [p.id for p in local_partnerships(graph, partnership_id)]
        for edition in editions:
            periods[edition] |= period_editions(graph, partnership_id, edition, locals_)
        scope = tuple(sorted(periods[first] | periods[second]))
        build_multi_area(graph, chart, entity, editions, scope, local_partnerships(graph, partnership_id), options)
    else:
        build_structure(graph, chart, entity, editions, options)
    mark_changes(graph, chart, partnership_id, periods[first], periods[second], (first, second))
    return chart


def diff_to_dot(graph: Graph, target: str, first: str, second: str, options: ChartOptions | None = None) -> str:
    """DOT text of the edition diff chart."""
    return chart_to_dot(diff_chart(graph, target, first, second, options))


def _presence(editions: list[str], first: set[str], second: set[str]) -> str | None:
    if not editions:
        return "unchanged"
    before, after = bool(first & set(editions)), bool(second & set(editions))
    if before and after:
        return "unchanged"
    if after:
        return "added"
    if before:
        return "removed"
    return None


def _signature(graph: Graph, entity_id: str, editions: set[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for relation in graph.relations(SIGNATURE, source=entity_id) + graph.relations(SIGNATURE, target=entity_id):
        if seen_in(relation, editions):
            found.setdefault(relation.type, set()).add(relation.key)
    return found


def mark_changes(graph: Graph, chart: Chart, partnership_id: str, first: set[str], second: set[str],
                 names: tuple[str, str]) -> None:
    """Give every box and line of a chart its status from the `first` editions to the `second`
    (`names`: the two editions compared, as the boxes' notes name them)."""
    for node in chart.nodes.values():
        entity = graph.by_id.get(node.id)
        if entity is None:
            if node.id == AGENCIES_ID:
                _mark_agencies(graph, node, partnership_id, first, second, names)
            continue
        if isinstance(entity, Versioned):
            status = _presence(list(entity.editions), first, second)
        else:  # an organisation or partnership: present as the relations that bring it say
            linked = [r for r in graph.relations(("partner_of", "relevant_agency_of"), source=entity.id)
                      if r.target == partnership_id]
            status = _presence(sorted({e for r in linked for e in r.editions}), first, second) if linked else None
        if status == "unchanged":
            before, after = _signature(graph, entity.id, first), _signature(graph, entity.id, second)
            differing = sorted(t for t in set(before) | set(after) if before.get(t) != after.get(t))
            if differing:
                status = "changed"
                node.lines.append(("changed", "Changed: " + ", ".join(humanise(t) for t in differing)))
        if status == "added":
            node.lines.append(("added", f"New in {names[1]}"))
        elif status == "removed":
            node.lines.append(("removed", f"Only in {names[0]}"))
        node.status = status
    for edge in chart.edges:
        if edge.invisible:
            continue
        relations = [r for r in graph.relations(edge.type, source=edge.source) if r.target == edge.target]
        if relations:
            edge.status = _presence(sorted({e for r in relations for e in r.editions}), first, second) \
                if all(r.editions for r in relations) else "unchanged"


def _mark_agencies(graph: Graph, node: Node, partnership_id: str, first: set[str], second: set[str],
                   names: tuple[str, str]) -> None:
    counts = [len({r.source for r in graph.relations("relevant_agency_of", target=partnership_id)
                   if seen_in(r, editions)}) for editions in (first, second)]
    node.status = "changed" if counts[0] != counts[1] else "unchanged"
    if node.status == "changed":
        node.lines.append(("changed", f"Listed: {counts[0]} in {names[0]}, {counts[1]} in {names[1]}"))


# -- side by side ------------------------------------------------------------------------
def compare_chart(graph: Graph, first: str, second: str, options: ChartOptions | None = None) -> Chart:
    """Two partnerships' charts side by side on one page, each in its own container."""
    options = options or ChartOptions()
    left, right = resolve_target(graph, first), resolve_target(graph, second)
    if left == right:
        raise UsageError(f"--compare needs two different partnerships, not {left} twice")
    sides = [(left, "a", base_chart(graph, left, None, options)), (right, "b", base_chart(graph, right, None, options))]
    names = [graph.entity(p).name for p, _, _ in sides]
    chart = Chart(title=f"{names[0]} and {names[1]}", subtitle=[FOOTNOTE], orientation=options.orientation,
                  legend=options.legend, page=options.page)
    for index, (_partnership_id, prefix, side) in enumerate(sides):
        root = f"side-{prefix}"
        editions = side.subtitle[0].split(": ", 1)[-1]  # "Structure chart: <edition names>"
        chart.add_cluster(Cluster(root, f"{side.title}: {editions}", "side", order=(index,)))
        _merge(chart, side, prefix, root)
    chart.key_below = sides[0][2].key_below and f"a/{sides[0][2].key_below}"
    return chart


def compare_to_dot(graph: Graph, first: str, second: str, options: ChartOptions | None = None) -> str:
    """DOT text of two partnerships side by side."""
    return chart_to_dot(compare_chart(graph, first, second, options))


def _merge(chart: Chart, side: Chart, prefix: str, root: str) -> None:
    """Copy a chart into another under a container, prefixing every id so the two never collide."""
    def pid(value: str) -> str:
        return f"{prefix}/{value}"

    for cluster in side.clusters.values():
        chart.add_cluster(replace(cluster, id=pid(cluster.id), parent=pid(cluster.parent) if cluster.parent else root))
    for node in side.nodes.values():
        chart.add_node(replace(node, id=pid(node.id), cluster=pid(node.cluster) if node.cluster else root,
                               lines=list(node.lines), tooltip=node.tooltip or node.id))
    for edge in side.edges:
        # A condition said once in a side's key goes back on its lines: the two sides share one key.
        label = edge.label if edge.label or edge.invisible else side.folded.get(edge.type)
        chart.edges.append(replace(edge, source=pid(edge.source), target=pid(edge.target), label=label))
    chart.same_rank += [[pid(n) for n in group] for group in side.same_rank]
