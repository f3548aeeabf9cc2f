"""What a chart is of: a partnership id, `hips`, or an area (drawn as the partnership covering it)."""
from __future__ import annotations

from lscp.loaders import Graph
from lscp.model import NotFound, UsageError
from lscp.model.entities import Area, Partnership
from lscp.model.suggest import closest

from lscp.queries.editions import editions_of

from .chart import Chart
from .common import ChartOptions
from .hips import multi_area_chart
from .structure import structure_chart


def resolve_target(graph: Graph, target: str) -> str:
    """The partnership to draw for TARGET: a partnership id, `hips`, or an area id.

    An area is drawn as the partnership that covers it (a safeguarding children partnership or
    a multi-area arrangement, preferring one with arrangements, then the latest edition).
    """
    entity = graph.by_id.get(target)
    if entity is None:
        choices = [e.id for e in graph.entities() if isinstance(e, (Partnership, Area))]
        raise NotFound(target, closest(target, choices, n=3))
    if isinstance(entity, Partnership):
        return entity.id
    if isinstance(entity, Area):
        covering = [graph.by_id[r.source] for r in graph.relations("covers", target=entity.id)]
        candidates = [p for p in covering if isinstance(p, Partnership)
                      and p.partnership_kind in ("safeguarding-children-partnership", "multi-area-arrangement")]
        if not candidates:
            raise UsageError(f"no safeguarding children partnership covers the area {target!r}; "
                             f"give a partnership id instead")
        return max(candidates, key=lambda p: _rank(graph, p.id)).id
    raise UsageError(f"{target} is a {entity.kind}; give a partnership id, an area id or 'hips'")


def _rank(graph: Graph, partnership_id: str) -> tuple:
    own = editions_of(graph, partnership_id)
    has_arrangements = any(e.edition_kind == "arrangements" for e in own)
    latest = own[-1].date or "" if own else ""
    return (has_arrangements, latest, partnership_id)


def is_multi_area(graph: Graph, partnership_id: str) -> bool:
    entity = graph.entity(partnership_id)
    return isinstance(entity, Partnership) and entity.partnership_kind == "multi-area-arrangement"


def base_chart(graph: Graph, target: str, edition: str | None = None,
               options: ChartOptions | None = None) -> Chart:
    """The chart of a target: the HIPS chart for a multi-area arrangement, else the structure chart."""
    partnership_id = resolve_target(graph, target)
    if is_multi_area(graph, partnership_id):
        return multi_area_chart(graph, partnership_id, edition, options)
    return structure_chart(graph, partnership_id, edition, options)
