"""What is loaded: areas, partnerships, their editions and bodies, at a glance."""
from __future__ import annotations

from pydantic import BaseModel

from lscp.loaders import Graph
from lscp.model.entities import Body, Partnership

from .editions import editions_of


class PartnershipOverview(BaseModel):
    id: str
    name: str
    kind: str
    areas: list[str]
    editions: list[str]
    partners: list[str]
    bodies: list[str]


class Overview(BaseModel):
    areas: list[str]
    partnerships: list[PartnershipOverview]
    counts: dict[str, int]


def overview(graph: Graph) -> Overview:
    """Every partnership with editions (the ones the documents describe), with counts."""
    rows = []
    for partnership in graph.entities_of(Partnership):
        editions = sorted(e.id for e in editions_of(graph, partnership.id))
        if not editions:
            continue
        rows.append(PartnershipOverview(
            id=partnership.id, name=partnership.name, kind=partnership.partnership_kind,
            areas=sorted({r.target for r in graph.relations("covers", source=partnership.id)}),
            editions=editions,
            partners=sorted({graph.by_id[r.source].name for r in graph.relations("partner_of", target=partnership.id)}),
            bodies=sorted(b.name for b in graph.entities_of(Body) if b.partnership == partnership.id),
        ))
    counts = {kind: len(graph.entities(kind)) for kind in sorted({e.kind for e in graph.entities()})}
    counts["relation"] = len(graph.relation_list)
    return Overview(areas=[a.id for a in graph.entities("area")], partnerships=rows, counts=counts)
