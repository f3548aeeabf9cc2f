"""What the routes share: the loaded graph, and the parameters several of them take."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Query, Request

from loaders import Graph


def get_graph(request: Request) -> Graph:
    return request.app.state.graph


GraphDep = Annotated[Graph, Depends(get_graph)]

EntityId = Annotated[str, Path(description="An entity id, e.g. southampton.silg.", examples=["southampton.silg"])]
Edition = Annotated[str | None, Query(description="Answer as stated in this edition (default: the current one).",
                                      examples=["southampton-2022"])]
Area = Annotated[str | None, Query(description="Only the partnerships of this area.", examples=["southampton"])]
