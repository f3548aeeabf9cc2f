"""Load a validated graph into Neo4j: the schema first, then ONE transaction of batched
`UNWIND $rows ...` statements, so a failure anywhere leaves the database as it was.

The database holds:

* `(:Entity:<Kind> {id})` per entity (`:Body`, `:Post`, ...): `kind`, `name`, `aliases`,
  `editions`, `origin` (file:line:column of the YAML record) and `json`, the full entity,
  from which it is rebuilt exactly;
* `(:Entity)-[:<TYPE>]->(:Entity)` per relation (`:CHAIRS`, `:REPORTS_TO`, ...): `rid` (its
  stable identity, the MERGE key), `key` (`Relation.key`), `idx` (its place in data order),
  `editions`, `origin` and `json`;
* one `(:Load {id: 'lscp'})`: what was loaded, when, how long it took.

A full load makes the database equal to the graph (update what is there, create what is
new, delete what is gone), so loading twice changes nothing. What is there is read first, so
new nodes and relationships are written with CREATE, not MERGE: ArcadeDB answers a MERGE on
two labels by scanning every node, which made a national load quadratic
(docs/profiles/neo4j-merge-plan.txt). `edition=E` replaces only the entities and relations
whose editions are exactly `[E]`. Values always travel as parameters; the only
text put into statements is a label or relationship type from the closed vocabularies of
`model/`, checked first.
"""
from __future__ import annotations

import datetime as dt
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from lscp.model import ENTITY_TYPES, Entity, Relation, UsageError
from lscp.model.entities import Versioned
from lscp.model.relations import ENDPOINTS

from ..reader import Origin, no_cycle_collection
from .neo4j_server import BackendError, Server, Settings, connect, translate_errors
from .protocol import Graph

LOAD_ID = "lscp"
BATCH_SIZE = 1000  # rows per statement: 250 to 5,000 load at the same rate within the noise
FORMAT = 1  # bump when the stored shape changes


# -- the closed vocabularies that may appear in statement text ------------------------
def label_of(kind: str) -> str:
    """The node label of an entity kind: 'body' -> 'Body'."""
    if kind not in ENTITY_TYPES:
        raise ValueError(f"not an entity kind: {kind!r}")
    return kind.capitalize()


def type_of(relation_type: str) -> str:
    """The relationship type of a relation type: 'reports_to' -> 'REPORTS_TO'."""
    if relation_type not in ENDPOINTS:
        raise ValueError(f"not a relation type: {relation_type!r}")
    return relation_type.upper()


# -- what is stored, and how it is read back ------------------------------------------
def encode(item: Entity | Relation) -> str:
    # pydantic's own serialiser: half the time of json.dumps(model_dump()), same JSON value
    return item.model_dump_json(by_alias=True)


def decode_entity(kind: str, text: str) -> Entity:
    return ENTITY_TYPES[kind].model_validate_json(text)  # parsed by pydantic-core: no dict in between


def decode_relation(text: str) -> Relation:
    return Relation.model_validate_json(text)


def origin_text(origin: Origin | None) -> str | None:
    return f"{origin.file}:{origin.line}:{origin.column}" if origin else None


def origin_of_text(text: str | None) -> Origin | None:
    if not text:
        return None
    file, line, column = text.rsplit(":", 2)
    return Origin(file, int(line), int(column))


def entity_row(entity: Entity, origin: Origin | None) -> dict:
    return {"id": entity.id, "props": {
        "kind": entity.kind, "name": entity.name, "aliases": list(entity.aliases),
        "editions": list(entity.editions) if isinstance(entity, Versioned) else [],
        "origin": origin_text(origin), "json": encode(entity),
    }}


def relation_rows(graph: Graph) -> list[dict]:
    """Every relation in data order, each with a stable `rid`: its key, its editions and which
    occurrence of that pair it is (the same fact may be recorded twice)."""
    seen: Counter = Counter()
    rows = []
    for index, relation in enumerate(graph.relation_list):
        identity = f"{relation.key}|{','.join(relation.editions)}"
        rid = f"{identity}#{seen[identity]}"
        seen[identity] += 1
        origin = graph.relation_origins[index] if index < len(graph.relation_origins) else None
        rows.append({"source": relation.source, "target": relation.target, "rid": rid, "type": relation.type,
                     "props": {"key": relation.key, "idx": index, "editions": list(relation.editions),
                               "origin": origin_text(origin), "json": encode(relation)}})
    return rows


# -- the plan: pure, so it can be checked without a server ---------------------------
@dataclass(frozen=True)
class Batch:
    """One statement of the load, reported to `progress` once the server has run it."""

    phase: str  # "entities" or "relations"
    label: str  # the node label or relationship type written
    rows: int
    number: int  # 1-based, over the whole load
    total: int


@dataclass
class LoadPlan:
    edition: str | None
    nodes: list[tuple[str, list[dict]]] = field(default_factory=list)  # (label, rows) per batch
    relations: list[tuple[str, list[dict]]] = field(default_factory=list)  # (type, rows) per batch
    entity_ids: list[str] = field(default_factory=list)
    relation_ids: list[str] = field(default_factory=list)
    # Replacing an edition: entities it states with other editions, and their relations
    # (the database must already hold them as they are, or the edition cannot stand alone).
    shared_ids: list[str] = field(default_factory=list)
    shared_relations: list[dict] = field(default_factory=list)

    @property
    def batches(self) -> int:
        return len(self.nodes) + len(self.relations)


def _chunks(rows: list[dict]) -> list[list[dict]]:
    return [rows[i:i + BATCH_SIZE] for i in range(0, len(rows), BATCH_SIZE)]


def plan_load(graph: Graph, edition: str | None = None) -> LoadPlan:
    """The batches a load writes: every entity and relation, or only those of exactly `[edition]`."""
    if edition is not None and edition not in {e.id for e in graph.entities("edition")}:
        known = ", ".join(e.id for e in graph.entities("edition"))
        raise UsageError(f"unknown edition {edition!r}; editions are: {known}")
    only = [edition] if edition else None
    plan = LoadPlan(edition)
    by_label: dict[str, list[dict]] = defaultdict(list)
    for entity in graph.entities():
        editions = list(entity.editions) if isinstance(entity, Versioned) else []
        if only is None or editions == only:
            by_label[label_of(entity.kind)].append(entity_row(entity, graph.origins.get(entity.id)))
            plan.entity_ids.append(entity.id)
        elif edition in editions:
            plan.shared_ids.append(entity.id)
    by_type: dict[str, list[dict]] = defaultdict(list)
    for row in relation_rows(graph):
        if only is None or row["props"]["editions"] == only:
            by_type[type_of(row["type"])].append(row)
            plan.relation_ids.append(row["rid"])
        elif edition in row["props"]["editions"]:
            plan.shared_relations.append({"source": row["source"], "rid": row["rid"]})
    plan.nodes = [(label, chunk) for label in sorted(by_label) for chunk in _chunks(by_label[label])]
    plan.relations = [(type_, chunk) for type_ in sorted(by_type) for chunk in _chunks(by_type[type_])]
    return plan


# -- statements -----------------------------------------------------------------------
# Created before the load's transaction: Neo4j keeps schema and data changes apart.
SCHEMA = ("CREATE CONSTRAINT lscp_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",)

# Both labels at creation: ArcadeDB refuses to add a label to a node created in the same
# transaction (it re-creates the vertex under the unique index); Neo4j accepts either.
# Every write returns a count: without RETURN, ArcadeDB streams each written node back.
CREATE_NODES = "UNWIND $rows AS row CREATE (n:Entity:%s {id: row.id}) SET n += row.props RETURN count(n) AS written"
UPDATE_NODES = "UNWIND $rows AS row MATCH (n:Entity {id: row.id}) SET n += row.props RETURN count(n) AS written"
CREATE_RELATIONS = (
    "UNWIND $rows AS row MATCH (a:Entity {id: row.source}) MATCH (b:Entity {id: row.target}) "
    "CREATE (a)-[r:%s {rid: row.rid}]->(b) SET r += row.props RETURN count(r) AS written"
)
UPDATE_RELATIONS = (  # from the source node's own relationships, found by the index
    "UNWIND $rows AS row MATCH (a:Entity {id: row.source})-[r:%s]->(:Entity) WHERE r.rid = row.rid "
    "SET r += row.props RETURN count(r) AS written"
)
EXISTING_NODES = "MATCH (n:Entity) RETURN n.id AS id, n.kind AS kind"
EXISTING_RELATIONS = "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS source, b.id AS target, r.rid AS rid"
DELETE_NODES = "UNWIND $ids AS id MATCH (n:Entity {id: id}) DETACH DELETE n"
DELETE_RELATIONS = "UNWIND $rows AS row MATCH (:Entity {id: row.source})-[r]->(:Entity) WHERE r.rid = row.rid DELETE r"
DELETE_EDITION_RELATIONS = "MATCH (:Entity)-[r]->(:Entity) WHERE r.editions = $editions DELETE r"
EDITION_NODES = "MATCH (n:Entity) WHERE n.editions = $editions RETURN n.id AS id"
HELD_RELATIONS = ("UNWIND $rows AS row MATCH (:Entity {id: row.source})-[r]->(:Entity) WHERE r.rid = row.rid "
                  "RETURN r.rid AS rid")
MISSING_IDS = "UNWIND $ids AS id OPTIONAL MATCH (n:Entity {id: id}) WITH id, n WHERE n IS NULL RETURN id"
COUNT_KINDS = "MATCH (n:Entity) RETURN n.kind AS kind, count(n) AS n"
COUNT_RELATIONS = "MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n"
EDITIONS = "MATCH (n:Entity:Edition) RETURN n.id AS id"
SAVE_LOAD = "MERGE (l:Load {id: $id}) SET l += $props RETURN properties(l) AS record"
READ_LOAD = "MATCH (l:Load {id: $id}) RETURN properties(l) AS record"


class LoadRecord(BaseModel):
    """What is loaded: as written by a load, or as read back by `status`."""

    uri: str
    database: str
    server: str
    loaded: bool = True
    mode: str | None = None  # "full" or "edition"
    edition: str | None = None
    editions: list[str] = []
    entities: int = 0
    relations: int = 0
    by_kind: dict[str, int] = {}
    loaded_at: str | None = None
    seconds: float | None = None
    full_loaded_at: str | None = None  # the last full load (an edition may have been replaced since)
    written_entities: int | None = None  # by this load (None when read back by status)
    written_relations: int | None = None


def load_graph(graph: Graph, settings: Settings, edition: str | None = None,
               progress: Callable[[Batch], None] | None = None) -> LoadRecord:
    """Write `graph` (or one edition of it) into the database in one transaction.

    `progress` is called after each batch has run; whatever it raises aborts the load and
    rolls it back."""
    with no_cycle_collection():  # the plan and the driver's rows stay alive until the end
        return _load(graph, settings, edition, progress)


def _load(graph: Graph, settings: Settings, edition: str | None,
          progress: Callable[[Batch], None] | None) -> LoadRecord:
    plan = plan_load(graph, edition)
    with connect(settings) as server:
        for statement in SCHEMA:
            with translate_errors(settings), server.session(write=True) as session:
                session.run(statement).consume()
        with server.session(write=True) as session:
            try:
                with translate_errors(settings):
                    started = time.perf_counter()
                    with session.begin_transaction(timeout=settings.load_timeout) as tx:  # the server's bound
                        if edition is not None and tx.run(READ_LOAD, id=LOAD_ID).single() is None:
                            raise BackendError(f"nothing is loaded in database {settings.database!r} yet: run a full "
                                               "`lscp neo4j load` before replacing one edition.")
                        _write(tx, plan, progress)
                        record = _record(tx, server, plan)
                        record.seconds = round(time.perf_counter() - started, 3)
                        saved = tx.run(SAVE_LOAD, id=LOAD_ID, props=_load_props(record)).single()["record"]
                        record.full_loaded_at = saved.get("full_loaded_at")
                        tx.commit()
            except BackendError as exc:
                raise BackendError(f"{exc} Nothing was written: the load was rolled back.") from None
    return record


def _write(tx, plan: LoadPlan, progress: Callable[[Batch], None] | None) -> None:
    number = 0

    def done(phase: str, label: str, rows: list[dict]) -> None:
        nonlocal number
        number += 1
        if progress is not None:
            progress(Batch(phase, label, len(rows), number, plan.batches))

    held_nodes, held_relations = _remove_what_goes(tx, plan)
    for label, rows in plan.nodes:
        new, held = _split(rows, "id", held_nodes)
        _run_batch(tx, CREATE_NODES % label, new)
        _run_batch(tx, UPDATE_NODES, held)
        done("entities", label, rows)
    for type_, rows in plan.relations:
        new, held = _split(rows, "rid", held_relations)
        written = _run_batch(tx, CREATE_RELATIONS % type_, new) + _run_batch(tx, UPDATE_RELATIONS % type_, held)
        if written != len(rows):
            _missing_endpoints(tx, rows)
        done("relations", type_, rows)


def _split(rows: list[dict], key: str, held: set[str]) -> tuple[list[dict], list[dict]]:
    """Rows the database does not hold yet (to create), and rows it holds (to update)."""
    return [r for r in rows if r[key] not in held], [r for r in rows if r[key] in held]


def _run_batch(tx, statement: str, rows: list[dict]) -> int:
    """Rows one statement wrote."""
    return tx.run(statement, rows=rows).single()["written"] if rows else 0


def _remove_what_goes(tx, plan: LoadPlan) -> tuple[set[str], set[str]]:
    """Delete what the load replaces: for a full load whatever the graph no longer holds, for an
    edition everything stated by exactly that edition. An id whose kind changed is deleted and
    created again under its new label (a full load writes its relations again).

    Returns the entity ids and relation rids the database still holds, which are updated in
    place; everything else the load writes is created."""
    wanted = {row["id"]: row["props"]["kind"] for _, rows in plan.nodes for row in rows}
    existing = {r["id"]: r["kind"] for r in tx.run(EXISTING_NODES)}
    changed = sorted(i for i, kind in wanted.items() if existing.get(i, kind) != kind)
    if plan.edition:
        _check_edition_stands_alone(tx, plan, changed)
        tx.run(DELETE_EDITION_RELATIONS, editions=[plan.edition]).consume()  # every relation it writes
        mine = [r["id"] for r in tx.run(EDITION_NODES, editions=[plan.edition])]
        gone = set(mine) - set(wanted)
        _delete_nodes(tx, sorted(gone))
        return set(existing) - gone, set()
    keep = set(plan.relation_ids)
    gone = (set(existing) - set(wanted)) | set(changed)
    held, stale = set(), []
    for r in tx.run(EXISTING_RELATIONS):
        if r["rid"] not in keep:
            stale.append({"source": r["source"], "rid": r["rid"]})
        elif r["source"] not in gone and r["target"] not in gone:  # DETACH DELETE takes the others
            held.add(r["rid"])
    for chunk in _chunks(stale):
        tx.run(DELETE_RELATIONS, rows=chunk).consume()
    _delete_nodes(tx, sorted(set(existing) - set(wanted)) + changed)
    return set(existing) - gone, held


def _delete_nodes(tx, ids: list[str]) -> None:
    for start in range(0, len(ids), BATCH_SIZE):
        tx.run(DELETE_NODES, ids=ids[start:start + BATCH_SIZE]).consume()


def _check_edition_stands_alone(tx, plan: LoadPlan, changed: list[str]) -> None:
    """Replacing one edition is safe only if what it shares with other editions is already in
    the database as the data now states it; otherwise only a full load is right."""
    mine = {r["id"] for r in tx.run(EDITION_NODES, editions=[plan.edition])}
    held: set[str] = set()
    for chunk in _chunks(plan.shared_relations):
        held |= {r["rid"] for r in tx.run(HELD_RELATIONS, rows=chunk)}
    problems = (
        ("the kind of {} changed", changed),
        ("{} now also belong to other editions", sorted(set(plan.shared_ids) & mine)),
        ("relations it shares with other editions changed ({})",
         [r["rid"] for r in plan.shared_relations if r["rid"] not in held]),
    )
    for problem, items in problems:
        if items:
            shown = ", ".join(items[:3]) + (" ..." if len(items) > 3 else "")
            raise BackendError(f"cannot replace edition {plan.edition} alone: {problem.format(shown)}; "
                               "run a full `lscp neo4j load` (without --edition).")


def _missing_endpoints(tx, rows: list[dict]) -> None:
    ids = sorted({row["source"] for row in rows} | {row["target"] for row in rows})
    missing = [record["id"] for record in tx.run(MISSING_IDS, ids=ids)]
    shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
    raise BackendError(f"relations refer to entities the database does not hold ({shown}): "
                       "run a full `lscp neo4j load` (without --edition).")


def _record(tx, server: Server, plan: LoadPlan) -> LoadRecord:
    by_kind = {r["kind"]: r["n"] for r in tx.run(COUNT_KINDS)}
    return LoadRecord(
        uri=server.settings.uri, database=server.settings.database, server=server.agent,
        mode="edition" if plan.edition else "full", edition=plan.edition,
        editions=sorted(r["id"] for r in tx.run(EDITIONS)),
        entities=sum(by_kind.values()), relations=tx.run(COUNT_RELATIONS).single()["n"],
        by_kind=dict(sorted(by_kind.items())),
        loaded_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        written_entities=len(plan.entity_ids), written_relations=len(plan.relation_ids),
    )


def _load_props(record: LoadRecord) -> dict:
    props = {"format": FORMAT, "mode": record.mode, "edition": record.edition, "editions": record.editions,
             "entities": record.entities, "relations": record.relations, "loaded_at": record.loaded_at,
             "seconds": record.seconds,
             "serial": uuid.uuid4().hex}  # tells two loads apart: both may finish within the same second
    if record.mode == "full":
        props["full_loaded_at"] = record.loaded_at
    return props


def read_load(server: Server) -> LoadRecord:
    """What the database holds, from its :Load node and live counts."""
    rows = server.read(READ_LOAD, id=LOAD_ID)
    base: dict[str, Any] = {"uri": server.settings.uri, "database": server.settings.database, "server": server.agent}
    if not rows:
        return LoadRecord(**base, loaded=False)
    stored = rows[0]["record"]
    by_kind = {r["kind"]: r["n"] for r in server.read(COUNT_KINDS)}
    return LoadRecord(
        **base, mode=stored.get("mode"), edition=stored.get("edition"), editions=list(stored.get("editions") or []),
        entities=sum(by_kind.values()), relations=server.read(COUNT_RELATIONS)[0]["n"],
        by_kind=dict(sorted(by_kind.items())), loaded_at=stored.get("loaded_at"), seconds=stored.get("seconds"),
        full_loaded_at=stored.get("full_loaded_at"),
    )


def load_status(settings: Settings) -> LoadRecord:
    """Editions loaded, counts and load time of the database `settings` points at."""
    with connect(settings) as server:
        return read_load(server)
