"""What the routes share: the loaded graph, the parameters several of them take, and a cache."""
from __future__ import annotations

import threading
from typing import Annotated, TypeVar
from collections.abc import Callable, Hashable

from fastapi import Depends, Path, Query, Request
from starlette.concurrency import run_in_threadpool

from lscp.loaders import Graph


async def get_graph(request: Request) -> Graph:
    """Async so FastAPI calls it in the event loop, not through the thread pool."""
    return request.app.state.graph


GraphDep = Annotated[Graph, Depends(get_graph)]
T = TypeVar("T")


async def answer(graph: Graph, question: Callable[..., T], *args, **kwargs) -> T:
    """`question(graph, ...)` in the event loop when the graph is in memory (milliseconds of CPU,
    no I/O); in the thread pool when it asks a database (Neo4j) over the network."""
    if not graph.io_bound:
        return question(graph, *args, **kwargs)
    return await run_in_threadpool(question, graph, *args, **kwargs)


# Every string parameter is bounded (issue 15): longer answers 422 naming the limit. Ids are far
# shorter; the search box of the pages caps at the same length.
MAX_LENGTH = 200


def id_path(example: str, what: str = "An entity id"):
    """The `{entity_id}` path parameter, resolved to one id: an id as given, else a name or an
    abbreviation (SILG) resolved through search (queries.lookup); a name matching several
    entities answers 404 with their ids and areas (errors.py: NotFound)."""
    from lscp.queries.lookup import resolve

    async def resolved_id(graph, entity_id) -> str:
        return await answer(graph, resolve, entity_id)

    # Annotations set as objects: the module's `from __future__` would leave strings naming locals.
    resolved_id.__annotations__ = {
        "graph": GraphDep, "return": str,
        "entity_id": Annotated[str, Path(description=f"{what}, e.g. {example}, or a name or abbreviation "
                                         "that search resolves to one entity.", examples=[example],
                                         max_length=MAX_LENGTH)]}
    return Depends(resolved_id)


EntityId = Annotated[str, id_path("southampton.silg")]
TypedEdition = Annotated[str | None, Query(alias="edition", description="Answer as stated in this edition "
                                           "(default: the current one); an id or a name.", examples=["southampton-2022"],
                                           max_length=MAX_LENGTH)]
TypedArea = Annotated[str | None, Query(alias="area", description="Only the partnerships of this area (an id or a name).",
                                        examples=["southampton"], max_length=MAX_LENGTH)]


async def resolved_edition(graph: GraphDep, edition: TypedEdition = None) -> str | None:
    from lscp.queries.lookup import resolve

    return None if edition is None else await answer(graph, resolve, edition, ("edition",))


async def resolved_area(graph: GraphDep, area: TypedArea = None) -> str | None:
    from lscp.queries.lookup import resolve

    return None if area is None else await answer(graph, resolve, area, ("area",))


Edition = Annotated[str | None, Depends(resolved_edition)]
Area = Annotated[str | None, Depends(resolved_area)]


class Memo:
    """Answers already made, bounded in count and bytes, oldest out first. The graph never changes
    during a server's life, so nothing in it goes stale; the bounds only cap memory."""

    def __init__(self, max_items: int, max_bytes: int):
        self.max_items, self.max_bytes = max_items, max_bytes
        self._items: dict[Hashable, tuple[object, int]] = {}
        self._bytes = 0
        self._lock = threading.Lock()  # sync routes (charts) run in the thread pool

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._items

    def get(self, key: Hashable):
        found = self._items.get(key)
        return found[0] if found else None

    def put(self, key: Hashable, value, size: int) -> None:
        if size > self.max_bytes // 4:  # one huge answer must not flush everything else
            return
        with self._lock:
            if key in self._items:
                return
            while self._items and (len(self._items) >= self.max_items or self._bytes + size > self.max_bytes):
                self._bytes -= self._items.pop(next(iter(self._items)))[1]
            self._items[key] = (value, size)
            self._bytes += size
