"""The graph the queries ask, and its two backends side by side.

`Graph` (protocol.py) is what the queries, charts and API read. `MemoryGraph` (memory.py) holds
the data files in memory; `Neo4jGraph` (neo4j_graph.py) answers from a Neo4j database, which
`neo4j_load.py` fills and `neo4j_server.py` connects to. The Neo4j modules import the optional
driver, so they are imported only when asked for."""
from __future__ import annotations

from .memory import MemoryGraph
from .protocol import Graph, Lookups

__all__ = ["Graph", "Lookups", "MemoryGraph"]
