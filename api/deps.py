"""What the routes share: the loaded graph, the parameters several of them take, and a cache."""
from __future__ import annotations

import threading
from typing import Annotated, Callable, Hashable, TypeVar

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


TypedId = Annotated[str, Path(description="An entity id (southampton.silg), or a name or abbreviation (SILG) that "
                                         "search resolves to one entity; several matches answer 404 with them.",
                             examples=["southampton.silg"])]


async def resolved_id(graph: GraphDep, entity_id: TypedId) -> str:
    """The id a path names: an id as given, else a name resolved through search (queries.lookup)."""
    from lscp.queries.lookup import resolve

    return await answer(graph, resolve, entity_id)


# Every route taking an entity id takes a name too: the dependency resolves it, and a name that
# matches several entities answers 404 with their ids (errors.py: NotFound).
EntityId = Annotated[str, Depends(resolved_id)]
TypedEdition = Annotated[str | None, Query(alias="edition", description="Answer as stated in this edition "
                                           "(default: the current one); an id or a name.", examples=["southampton-2022"])]
TypedArea = Annotated[str | None, Query(alias="area", description="Only the partnerships of this area (an id or a name).",
                                        examples=["southampton"])]


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
