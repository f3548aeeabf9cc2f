"""Questions over the graph: plain functions, graph first, typed results out."""
from .browse import EntityDetail, EntitySummary, SearchHit, list_entities, search, show
from .overview import Overview, overview

__all__ = [
    "EntityDetail", "EntitySummary", "Overview", "SearchHit", "list_entities", "overview", "search", "show",
]
