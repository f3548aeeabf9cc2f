"""The graph every query runs on, answered from a Neo4j database instead of memory.

`Neo4jGraph` implements `Graph` (graphs/protocol.py) as `MemoryGraph` does, so every
function in `queries/` runs on it unchanged and gives the same answer. Each answer
comes from parameterised Cypher, read lazily and kept for the life of the object (a
snapshot; `refresh()` drops it when the database has been loaded again):

* an entity by id, entities of a kind (by label), all ids: one MATCH each;
* the relations of a node: its neighbourhood, fetched with that of everything above it
  by iterative upward expansion (one query per level, along the steps the accountability
  and escalation walks take), so a walk costs a few round trips, not one per step; the
  hundreds of relevant agencies of a partnership only when a question asks for them;
* relations of a type: one MATCH per kind of source node the type allows;
* search: names, aliases and ids matched in the database (`entities_matching`), then ranked
  here as the in-memory name index ranks them.

Entities and relations are rebuilt from the `json` the loader stored, so they are equal to
the ones the YAML loader builds; an entity met at the end of a fetched relation is decoded
only when asked for. Plans and profiles: docs/profiles/neo4j-query-plans.txt.
"""
from __future__ import annotations

import functools
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

from typing import Any

from lscp.model import ENTITY_TYPES, Entity, Relation
from lscp.model.entities import Body, Post
from lscp.model.relations import ENDPOINTS

from .. import default_data_dir
from ..names import rank_by_score
from ..reader import Origin
from .neo4j_load import (
    FORMAT, LOAD_ID, READ_LOAD, decode_entity, decode_relation, label_of, origin_of_text, type_of,
)
from .neo4j_server import BackendError, Server, Settings, connect
from .protocol import Lookups

# The steps the walks take upward from a node: reports to, is accountable to, escalates to
# (out); is delegated by, chaired by, carried out by, led by, has as partner, has as a member (in).
UP_OUT = ["REPORTS_TO", "ACCOUNTABLE_TO", "ESCALATES_TO"]
UP_IN = ["DELEGATES_TO", "CHAIRS", "RESPONSIBLE_FOR", "LEAD_REPRESENTATIVE_OF", "PARTNER_OF", "MEMBER_OF"]
MAX_LEVELS = 12
# Relationship types that come into a node by the hundred (a partnership's relevant agencies)
# and that no walk climbs: left out of the expansion, fetched only when asked for.
DEFERRED_IN = ["RELEVANT_AGENCY_OF"]

ENTITY_FIELDS = "n.id AS id, n.kind AS kind, n.json AS json, n.origin AS origin"
RELATION_FIELDS = "r.rid AS rid, r.idx AS idx, r.json AS json, r.origin AS origin"
ONE_ENTITY = f"MATCH (n:Entity {{id: $id}}) RETURN {ENTITY_FIELDS}"
ALL_ENTITIES = f"MATCH (n:Entity) RETURN {ENTITY_FIELDS}"
KIND_ENTITIES = f"MATCH (n:%s) RETURN {ENTITY_FIELDS}"
MATCHING_ENTITIES = (
    "MATCH (n:Entity) WHERE any(name IN [n.name, n.id] + coalesce(n.aliases, []) "
    f"WHERE all(word IN $words WHERE toLower(name) CONTAINS word)) RETURN {ENTITY_FIELDS}"
)
ALL_RELATIONS = f"MATCH (:Entity)-[r]->(:Entity) RETURN {RELATION_FIELDS}"
# Relations of a type, from the labels of its source kinds: ArcadeDB otherwise reads every
# node's relationships (77 ms instead of 1 ms at scale 0.1, docs/profiles/neo4j-query-plans.txt).
TYPE_RELATIONS = f"MATCH (:%s)-[r:%s]->(:Entity) RETURN {RELATION_FIELDS}"
# One level of the upward expansion: every relation touching the frontier, the entity at the
# other end, and whether the step leads upward (then the other end joins the next frontier).
NEIGHBOURHOOD = (
    "UNWIND $ids AS id MATCH (n:Entity {id: id})-[r]-(m:Entity) "
    "WHERE NOT (endNode(r) = n AND type(r) IN $deferred) "
    f"RETURN n.id AS node, {RELATION_FIELDS}, "
    "m.id AS other_id, m.kind AS other_kind, m.json AS other_json, m.origin AS other_origin, "
    "(startNode(r) = n AND type(r) IN $up_out) OR (endNode(r) = n AND type(r) IN $up_in) AS up"
)


# The types in the pattern, not in a WHERE: ArcadeDB then expands from the indexed node
# (8 ms instead of 117, docs/profiles/neo4j-query-plans.txt).
DEFERRED = (
    f"MATCH (n:Entity {{id: $id}})<-[r:{'|'.join(DEFERRED_IN)}]-(m:Entity) RETURN {RELATION_FIELDS}, "
    "m.id AS other_id, m.kind AS other_kind, m.json AS other_json, m.origin AS other_origin"
)


def _locked(method):
    """Reads that fill the snapshot run one at a time (the web app answers from threads)."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)

    return wrapper


class _Entities(Mapping):
    """`graph.by_id`: entities fetched by id on first use."""

    def __init__(self, graph: Neo4jGraph):
        self._graph = graph

    def __getitem__(self, entity_id: str) -> Entity:
        entity = self._graph._lookup(entity_id)
        if entity is None:
            raise KeyError(entity_id)
        return entity

    def __contains__(self, entity_id: object) -> bool:
        return self._graph._lookup(entity_id) is not None

    def __iter__(self) -> Iterator[str]:
        return iter([e.id for e in self._graph.entities()])

    def __len__(self) -> int:
        return len(self._graph.entities())


class Neo4jGraph(Lookups):
    """`Graph` answered by Cypher from a loaded Neo4j database.

    For example (needs a server, so not a doctest; tests/neo4j runs the same against one)::

        graph = open_neo4j_graph("bolt://localhost:7687", "neo4j", "secret", "neo4j")
        graph.entity("southampton.silg").name  # 'Serious Incidents and Learning Group'
    """

    io_bound = True  # every answer may wait on the database: the web app asks from its thread pool

    def __init__(self, server: Server, sources_dir: Path | None = None):
        self.server = server
        self.sources_dir = sources_dir
        self._lock = threading.RLock()
        self.cache: dict[Any, Any] = {}
        self._source_lines: dict[str, list[str]] = {}
        self._stamp = self._read_stamp()
        self._forget()

    def _read_stamp(self) -> tuple:
        """What identifies the load the database holds; refuses a database lscp cannot read."""
        rows = self.server.read(READ_LOAD, id=LOAD_ID)
        settings = self.server.settings
        if not rows:
            raise BackendError(f"database {settings.database!r} at {settings.uri} holds no lscp data: "
                               "run `lscp neo4j load` first.")
        load = rows[0]["record"]
        if load.get("format") != FORMAT:
            raise BackendError(f"database {settings.database!r} at {settings.uri} was loaded by another version of "
                               "lscp: run `lscp neo4j load` again.")
        return load.get("serial"), load.get("loaded_at"), load.get("mode"), load.get("edition")

    # -- snapshot -------------------------------------------------------------------
    def _forget(self) -> None:
        self._entities: dict[str, Entity] = {}
        self._undecoded: dict[str, tuple[str, str, str | None]] = {}  # id -> (kind, json, origin), decoded on use
        self._deferred: set[str] = set()  # nodes whose DEFERRED_IN relations are not fetched yet
        self._origins: dict[str, Origin | None] = {}
        self._absent: set[str] = set()
        self._kinds: dict[str | None, list[Entity]] = {}
        self._relations: dict[str, Relation] = {}  # by rid
        self._rids: dict[int, str] = {}  # id(relation) -> rid: equal relations stay apart
        self._order: dict[str, tuple[int, str]] = {}
        self._relation_origins: dict[str, Origin | None] = {}
        self._out: dict[str, list[Relation]] = {}
        self._in: dict[str, list[Relation]] = {}
        self._types: dict[str, list[Relation]] = {}
        self._all: list[Relation] | None = None
        self.cache.clear()

    @_locked
    def refresh(self) -> bool:
        """Drop what was read if the database has been loaded again since; True if it had."""
        stamp = self._read_stamp()
        if stamp == self._stamp:
            return False
        self._stamp = stamp
        self._forget()
        return True

    def close(self) -> None:
        self.server.close()

    def __enter__(self) -> Neo4jGraph:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        settings = self.server.settings
        return f"Neo4jGraph({settings.uri!r}, database={settings.database!r})"

    # -- the Graph surface ----------------------------------------------------------
    @property
    def by_id(self) -> Mapping[str, Entity]:
        return _Entities(self)

    @property
    @_locked
    def relation_list(self) -> list[Relation]:
        if self._all is None:
            self._all = self._relations_of(self.server.read(ALL_RELATIONS))
        return self._all

    @property
    def origins(self) -> Mapping[str, Origin]:
        self.entities()
        return {i: o for i, o in self._origins.items() if o is not None}

    @property
    def relation_origins(self) -> list[Origin | None]:
        return [self._relation_origins.get(self._rid(r)) for r in self.relation_list]

    @_locked
    def entities(self, kind: str | None = None) -> list[Entity]:
        """Entities of a kind (all when None), sorted by id: one MATCH on the kind's label."""
        if kind not in self._kinds:
            if kind is None:
                rows = self.server.read(ALL_ENTITIES)
            elif kind in ENTITY_TYPES:
                rows = self.server.read(KIND_ENTITIES % label_of(kind))
            else:
                rows = []
            self._kinds[kind] = sorted(self._entities_of(rows), key=lambda e: e.id)
        return list(self._kinds[kind])

    @_locked
    def entities_matching(self, words: list[str]) -> list[Entity]:
        """Entities whose name, an alias or the id contains every (lower-case) word, by id."""
        return sorted(self._entities_of(self.server.read(MATCHING_ENTITIES, words=list(words))), key=lambda e: e.id)

    def ranked_matches(self, words: list[str], text: str, limit: int) -> list[tuple[int, Entity, str]]:
        """The `limit` best (score, entity, matched name): the entities containing every word,
        found in the database, ranked as the in-memory name index ranks them."""
        return rank_by_score(self.entities_matching(words), words, text, limit)

    def relations(self, type: str | tuple[str, ...] | None = None, source: str | None = None,
                  target: str | None = None, edition: str | None = None) -> list[Relation]:
        """Relations matching every filter given, in data order (as `Graph.relations`)."""
        types = (type,) if isinstance(type, str) else type
        if source is not None:
            pool = self._neighbourhood(source, self._out)
        elif target is not None:
            pool = self._incoming(target, types)
        elif types is not None:
            pool = sorted({self._rid(r): r for t in types for r in self._of_type(t)}.values(), key=self._sort_key)
        else:
            pool = self.relation_list
        return [
            r for r in pool
            if (source is None or r.source == source) and (target is None or r.target == target)
            and (types is None or r.type in types)
            and (edition is None or not r.editions or edition in r.editions)
        ]

    # -- reads ------------------------------------------------------------------------
    @_locked
    def _lookup(self, entity_id: object) -> Entity | None:
        if not isinstance(entity_id, str):
            return None
        if entity_id in self._entities:
            return self._entities[entity_id]
        if entity_id in self._undecoded:
            return self._entity_from(entity_id, *self._undecoded.pop(entity_id))
        if entity_id in self._absent or None in self._kinds:
            return None
        found = self._entities_of(self.server.read(ONE_ENTITY, id=entity_id))
        if not found:
            self._absent.add(entity_id)
        return found[0] if found else None

    def _entities_of(self, rows: list[dict]) -> list[Entity]:
        return [self._entity_from(row["id"], row["kind"], row["json"], row["origin"]) for row in rows]

    def _entity_from(self, entity_id: str, kind: str, text: str, origin: str | None) -> Entity:
        if entity_id not in self._entities:
            self._entities[entity_id] = decode_entity(kind, text)
            self._origins[entity_id] = origin_of_text(origin)
        return self._entities[entity_id]

    def _relations_of(self, rows: list[dict]) -> list[Relation]:
        found = {row["rid"]: self._relation_from(row) for row in rows}
        return sorted(found.values(), key=self._sort_key)

    def _relation_from(self, row: dict) -> Relation:
        rid = row["rid"]
        if rid not in self._relations:
            self._relations[rid] = decode_relation(row["json"])
            self._rids[id(self._relations[rid])] = rid
            self._order[rid] = (row["idx"], rid)
            self._relation_origins[rid] = origin_of_text(row["origin"])
        return self._relations[rid]

    def _rid(self, relation: Relation) -> str:
        return self._rids.get(id(relation), "")

    def _sort_key(self, relation: Relation) -> tuple[int, str]:
        return self._order[self._rids[id(relation)]]

    @_locked
    def _of_type(self, relation_type: str) -> list[Relation]:
        if relation_type not in ENDPOINTS:
            return []
        if relation_type not in self._types:
            sources = ENDPOINTS[relation_type][0]
            query = " UNION ALL ".join(TYPE_RELATIONS % (label_of(kind), type_of(relation_type)) for kind in sources)
            self._types[relation_type] = self._relations_of(self.server.read(query))
        return self._types[relation_type]

    @_locked
    def _neighbourhood(self, node: str, side: dict[str, list[Relation]]) -> list[Relation]:
        if node not in side:
            self._expand_upward(node)
        return side[node]

    @_locked
    def _incoming(self, node: str, types: tuple[str, ...] | None) -> list[Relation]:
        """Relations into `node`, with the deferred ones fetched if these types include them."""
        pool = self._neighbourhood(node, self._in)
        wanted = [t for t in DEFERRED_IN if types is None or t.lower() in types]
        if node in self._deferred and wanted:
            rows = self.server.read(DEFERRED, id=node)
            for row in rows:
                self._keep_other(row)
            merged = {self._rid(r): r for r in pool + self._relations_of(rows)}
            self._in[node] = pool = sorted(merged.values(), key=self._sort_key)
            self._deferred.discard(node)
        return pool

    def _takes_deferred(self, node: str) -> bool:
        """Whether deferred relations can come into this node (a partnership: one more query)."""
        entity = self._lookup(node)
        return entity is not None and any(entity.kind in ENDPOINTS[t.lower()][1] for t in DEFERRED_IN)

    def _keep_other(self, row: dict) -> None:
        """The entity at the other end of a fetched relation, kept undecoded until asked for."""
        other = row["other_id"]
        if other not in self._entities:
            self._undecoded.setdefault(other, (row["other_kind"], row["other_json"], row["other_origin"]))

    def _expand_upward(self, start: str) -> None:
        """Fetch the neighbourhood of `start` and of every node above it, one level per query."""
        frontier, level = [start], 0
        while frontier and level < MAX_LEVELS:
            rows = self.server.read(NEIGHBOURHOOD, ids=frontier, up_out=UP_OUT, up_in=UP_IN, deferred=DEFERRED_IN)
            touching: dict[str, dict[str, dict]] = {node: {} for node in frontier}
            above: set[str] = set()
            for row in rows:
                touching[row["node"]][row["rid"]] = row
                self._keep_other(row)
                if row["up"]:
                    above.add(row["other_id"])
            for node, found in touching.items():
                relations = self._relations_of(list(found.values()))
                self._out[node] = [r for r in relations if r.source == node]
                self._in[node] = [r for r in relations if r.target == node]
                if self._takes_deferred(node):
                    self._deferred.add(node)
                above |= self._containers(node)
            frontier, level = sorted(n for n in above if n not in self._out), level + 1

    def _containers(self, node: str) -> set[str]:
        """What a body or post is part of (its partnership, the body or organisation holding it)."""
        entity = self._lookup(node)
        if isinstance(entity, Body) and entity.partnership:
            return {entity.partnership}
        return {entity.within} if isinstance(entity, Post) else set()


def open_neo4j_graph(uri: str | None = None, user: str | None = None, password: str | None = None,
                     database: str | None = None, sources_dir: str | Path | None = None) -> Neo4jGraph:
    """A Graph answered from Neo4j; missing settings come from NEO4J_URI, NEO4J_USER,
    NEO4J_PASSWORD, NEO4J_DATABASE. Cited lines are read from `sources_dir` (default: the
    bundled data/sources)."""
    settings = Settings.from_env(uri=uri, user=user, password=password, database=database)
    server = connect(settings)
    try:
        return Neo4jGraph(server, Path(sources_dir) if sources_dir else default_data_dir() / "sources")
    except BaseException:
        server.close()
        raise
