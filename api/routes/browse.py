"""Browsing: what is loaded, lists, search, one entity, and what the documents leave uncited."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from lscp import queries
from lscp.queries import DocumentCoverage, EntityDetail, EntitySummary, Overview, SearchHit
from lscp.queries.browse import SHOW_LIMIT
from lscp.queries.scope import KIND_WORDS

from ..deps import MAX_LENGTH, Area, EntityId, GraphDep
from ..errors import ERROR_RESPONSES

router = APIRouter(prefix="/api", tags=["browse"], responses=ERROR_RESPONSES)


@router.get("/overview", operation_id="overview", response_model=Overview)
def overview(graph: GraphDep) -> Overview:
    """Areas, partnerships with their editions, partners and bodies, and counts."""
    return queries.overview(graph)


@router.get("/entities", operation_id="list_entities", response_model=list[EntitySummary])
def list_entities(
    graph: GraphDep,
    kind: Annotated[str, Query(description="bodies, posts, organisations, partnerships, editions, people, functions, areas or sources.",
                               examples=["bodies"], max_length=MAX_LENGTH, json_schema_extra={"enum": list(KIND_WORDS)})],
    area: Area = None,
    edition: Annotated[str | None, Query(description="Only what this edition states.", examples=["hips-2019"],
                                         max_length=MAX_LENGTH)] = None,
) -> list[EntitySummary]:
    """Entities of one kind, optionally within an area and an edition, sorted by id."""
    return queries.list_entities(graph, kind, area=area, edition=edition)


@router.get("/entities/{entity_id}", operation_id="show_entity", response_model=EntityDetail)
def show_entity(
    graph: GraphDep,
    entity_id: EntityId,
    everything: Annotated[bool, Query(alias="all", description=f"List every relation, not only the first {SHOW_LIMIT} "
                                                               "of each type and direction (`omitted` counts the rest).")] = False,
) -> EntityDetail:
    """One entity, its relations in and out, each citation with the cited lines."""
    return queries.show(graph, entity_id, limit=None if everything else SHOW_LIMIT)


@router.get("/search", operation_id="search", response_model=list[SearchHit])
def search(
    graph: GraphDep,
    q: Annotated[str, Query(description="Words of a name, alias or id.", examples=["serious incidents"],
                            max_length=MAX_LENGTH)],
    limit: Annotated[int, Query(ge=1, le=500, description="At most this many hits.")] = 20,
) -> list[SearchHit]:
    """Entities whose name, alias or id matches every word, best first."""
    return queries.search(graph, q, limit=limit)


@router.get("/coverage", operation_id="coverage", response_model=list[DocumentCoverage])
def coverage(
    graph: GraphDep,
    doc: Annotated[str | None, Query(description="One source document id.", examples=["004"],
                                     max_length=MAX_LENGTH)] = None,
) -> list[DocumentCoverage]:
    """Per source document: the share of lines some fact cites, and the uncited ranges."""
    return queries.coverage(graph, doc=doc)
