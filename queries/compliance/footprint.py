"""Which organisations must be partners: every ICB (CCG before July 2022) and police force whose
area overlaps the partnership's (s16E(3) "any part of which"), dated by their existence."""
from __future__ import annotations

from lscp.model.entities import Organisation

from .outcome import Fact
from .scope import Scope, first_day

ICB_FROM = "2022-07-01"
FOOTPRINT_SECTORS = ("health-commissioner", "police")


def ancestors(scope: Scope, area: str) -> set[str]:
    """The area and every area it lies within."""
    found, todo = set(), [area]
    while todo:
        current = todo.pop()
        if current in found or current not in scope.graph.by_id:
            continue
        found.add(current)
        todo += list(getattr(scope.graph.by_id[current], "within", []))
    return found


def overlaps(scope: Scope, a: str, b: str) -> bool:
    return a in ancestors(scope, b) or b in ancestors(scope, a)


def areas_of_partnership(scope: Scope) -> list[str]:
    return [r.target for r in scope.graph.relations("covers", source=scope.partnership.id) if scope.current(r)]


def existed(scope: Scope, org: str) -> bool:
    """Whether the organisation existed at the date, from the succession the registry records
    (a successor exists from the day its predecessor is succeeded, a predecessor until then)."""
    graph = scope.graph
    starts = [first_day(r.since) for r in graph.relations("succeeded_by", target=org) if r.since]
    ends = [first_day(r.since) for r in graph.relations("succeeded_by", source=org) if r.since]
    return not (starts and min(starts) > scope.as_at) and not (ends and min(ends) <= scope.as_at)


def footprint(scope: Scope, org: Organisation) -> list[Fact]:
    """The areas an organisation covers at the date, each with its source."""
    found = []
    if org.area:
        found.append(Fact(f"{org.name} is an organisation of {scope.graph.by_id[org.area].name}", list(org.src)))
    for relation in scope.graph.relations("covers", source=org.id):
        if scope.current(relation):
            dates = f" ({relation.since or '…'} to {relation.until or '…'})" if relation.since or relation.until else ""
            found.append(Fact(f"{org.name} covers {scope.graph.by_id[relation.target].name}{dates}",
                              list(relation.src), relation))
    return found


def required_partners(scope: Scope) -> dict[str, list[Fact]]:
    """Health commissioners and police forces that overlap the partnership's areas at the date,
    with the facts that place them there."""
    areas = areas_of_partnership(scope)
    required: dict[str, list[Fact]] = {}
    for org in _commissioners_and_forces(scope.graph):
        if not existed(scope, org.id):
            continue
        # An organisation's `area` is where it belongs (the HIOW ICB's is the whole HIPS footprint, not
        # each part of it), so it places the organisation only when within the partnership's area;
        # a dated `covers` relation states an overlap either way.
        inside = org.area and any(area in ancestors(scope, org.area) for area in areas)
        covered = [r.target for r in scope.graph.relations("covers", source=org.id) if scope.current(r)]
        if inside or any(overlaps(scope, place, area) for place in covered for area in areas):
            required[org.id] = footprint(scope, org)
    return required


def _commissioners_and_forces(graph) -> list[Organisation]:
    """The ICBs, CCGs and police forces, once per graph (not the country's schools each time)."""
    if "compliance.footprint" not in graph.cache:
        graph.cache["compliance.footprint"] = [o for o in graph.entities("organisation")
                                               if o.sector in FOOTPRINT_SECTORS and not o.collective]
    return graph.cache["compliance.footprint"]


def is_ccg(org: Organisation) -> bool:
    return any("clinical commissioning" in n.lower() or n.upper().split()[-1:] == ["CCG"] for n in org.all_names())
