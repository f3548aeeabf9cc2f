"""Loading into Neo4j: one transaction, idempotent, one edition replaced alone, failures roll back."""
from __future__ import annotations

from collections import Counter

import pytest
from neo4j import GraphDatabase

from lscp.loaders import Graph, MemoryGraph
from lscp.loaders.graphs.neo4j_load import load_graph, load_status, plan_load
from lscp.loaders.graphs.neo4j_server import BackendError
from lscp.model import Function, UsageError
from lscp.loaders.graphs.neo4j_graph import open_neo4j_graph

pytestmark = pytest.mark.neo4j

EDITION = "hips-2022"  # replaced in these tests
OTHER = "plymouth-2020"  # must stay as it was


@pytest.fixture(scope="module")
def settings(bolt_server):
    return bolt_server.database("lscp_load")


@pytest.fixture()
def empty(bolt_server, settings):
    bolt_server.database(settings.database)  # empties it of lscp data
    return settings


@pytest.fixture()
def loaded(empty, memory_graph):
    load_graph(memory_graph, empty)
    return empty


def snapshot(settings) -> dict:
    """Everything lscp wrote: nodes with labels and properties, relationships, the load record."""
    with GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password)) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (n:Entity) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props", database_=settings.database)
        nodes = {r["id"]: (sorted(r["labels"]), r["props"]) for r in records}
        records, _, _ = driver.execute_query(
            "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props",
            database_=settings.database)
        relationships = {r["props"]["rid"]: (r["a"], r["type"], r["b"], r["props"]) for r in records}
        assert len(relationships) == len(records), "every relationship has its own rid"
        records, _, _ = driver.execute_query("MATCH (l:Load) RETURN properties(l) AS props", database_=settings.database)
    return {"nodes": nodes, "relationships": relationships, "load": [r["props"] for r in records]}


def variant(graph: Graph, drop=(), change=None, add=(), entities=None) -> MemoryGraph:
    """A copy of the graph with relations dropped, changed or added, and entities replaced."""
    change = change or {}
    relations, origins = [], []
    for index, relation in enumerate(graph.relation_list):
        if index in drop:
            continue
        relations.append(change.get(index, relation))
        origins.append(graph.relation_origins[index])
    relations += list(add)
    origins += [None] * len(add)
    by_id = {**graph.by_id, **(entities or {})}
    return MemoryGraph(by_id=by_id, relation_list=relations, origins=graph.origins, relation_origins=origins,
                 sources_dir=graph.sources_dir)


def only_in(graph: Graph, edition: str) -> list[int]:
    return [i for i, r in enumerate(graph.relation_list) if r.editions == [edition]]


def test_a_full_load_writes_every_entity_and_relation(empty, memory_graph):
    record = load_graph(memory_graph, empty)
    assert (record.entities, record.relations) == (len(memory_graph.by_id), len(memory_graph.relation_list))
    assert record.by_kind == dict(sorted(Counter(e.kind for e in memory_graph.entities()).items()))
    assert record.editions == [e.id for e in memory_graph.entities("edition")]
    status = load_status(empty)
    assert status.model_dump(exclude={"written_entities", "written_relations"}) == \
        record.model_dump(exclude={"written_entities", "written_relations"})
    nodes = snapshot(empty)["nodes"]
    assert nodes["southampton.silg"][0] == ["Body", "Entity"]
    assert nodes["southampton.silg"][1]["kind"] == "body"


def test_loading_twice_changes_nothing(loaded, memory_graph):
    before = snapshot(loaded)
    record = load_graph(memory_graph, loaded)
    after = snapshot(loaded)
    assert (record.entities, record.relations) == (len(before["nodes"]), len(before["relationships"]))
    assert (after["nodes"], after["relationships"]) == (before["nodes"], before["relationships"])


def test_replacing_an_edition_with_the_same_data_changes_nothing(loaded, memory_graph):
    before = snapshot(loaded)
    record = load_graph(memory_graph, loaded, edition=EDITION)
    after = snapshot(loaded)
    assert (after["nodes"], after["relationships"]) == (before["nodes"], before["relationships"])
    assert (record.mode, record.edition, record.written_relations) == ("edition", EDITION, len(only_in(memory_graph, EDITION)))
    assert load_status(loaded).full_loaded_at == before["load"][0]["full_loaded_at"]


def test_replacing_one_edition_leaves_the_others_untouched(loaded, memory_graph):
    mine, others = only_in(memory_graph, EDITION), only_in(memory_graph, OTHER)
    body = next(e for e in memory_graph.entities() if getattr(e, "editions", None) == [EDITION])
    changed = variant(
        memory_graph,
        drop={mine[0], others[0]},  # the first is deleted from the database, the second is not
        change={mine[1]: memory_graph.relation_list[mine[1]].model_copy(update={"note": "restated in 2022"}),
                others[1]: memory_graph.relation_list[others[1]].model_copy(update={"note": "not loaded"})},
        entities={body.id: body.model_copy(update={"name": "Renamed in this test"})},
    )
    before = snapshot(loaded)
    load_graph(changed, loaded, edition=EDITION)
    after = snapshot(loaded)

    def outside(state):
        return ({i: n for i, n in state["nodes"].items() if n[1]["editions"] != [EDITION]},
                {k: r for k, r in state["relationships"].items() if r[3]["editions"] != [EDITION]})

    assert outside(after) == outside(before)
    assert after["nodes"][body.id][1]["name"] == "Renamed in this test"
    stated = {r[3]["json"] for r in after["relationships"].values() if r[3]["editions"] == [EDITION]}
    assert stated == {r["props"]["json"] for _, rows in plan_load(changed, EDITION).relations for r in rows}
    assert len(after["relationships"]) == len(before["relationships"]) - 1
    assert load_status(loaded).relations == len(before["relationships"]) - 1


def test_a_load_that_fails_in_its_last_batch_leaves_the_database_as_it_was(loaded, memory_graph):
    changed = variant(memory_graph, drop=set(only_in(memory_graph, OTHER)[:5]),
                      entities={"southampton.silg": memory_graph.by_id["southampton.silg"].model_copy(update={"name": "X"})})
    before = snapshot(loaded)

    def fail_last(batch):
        if batch.number == batch.total:
            raise RuntimeError("the network went down")

    with pytest.raises(RuntimeError, match="network went down"):
        load_graph(changed, loaded, progress=fail_last)
    assert snapshot(loaded) == before
    with pytest.raises(RuntimeError):
        load_graph(changed, loaded, edition=OTHER, progress=fail_last)
    assert snapshot(loaded) == before


def test_a_first_load_that_fails_leaves_nothing(empty, memory_graph):
    def fail_last(batch):
        if batch.number == batch.total:
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        load_graph(memory_graph, empty, progress=fail_last)
    assert snapshot(empty) == {"nodes": {}, "relationships": {}, "load": []}
    assert not load_status(empty).loaded


def test_an_edition_is_replaced_only_after_a_full_load(empty, memory_graph):
    with pytest.raises(BackendError) as refused:
        load_graph(memory_graph, empty, edition=EDITION)
    assert str(refused.value) == (
        f"nothing is loaded in database {empty.database!r} yet: run a full `lscp neo4j load` before replacing "
        "one edition. Nothing was written: the load was rolled back.")
    with pytest.raises(UsageError, match="unknown edition 'hips-2099'; editions are: "):
        load_graph(memory_graph, empty, edition="hips-2099")


def test_an_edition_that_needs_entities_the_database_lacks_is_refused(loaded, memory_graph):
    relation = memory_graph.relation_list[only_in(memory_graph, EDITION)[0]]
    newcomer = memory_graph.entities("organisation")[0].model_copy(update={"id": "hips.newcomer"})  # in no edition
    changed = variant(memory_graph, add=[relation.model_copy(update={"source": "hips.newcomer"})],
                      entities={"hips.newcomer": newcomer})
    before = snapshot(loaded)
    with pytest.raises(BackendError, match=r"relations refer to entities the database does not hold \(hips.newcomer\): "
                                           r"run a full `lscp neo4j load` \(without --edition\)\. Nothing was written"):
        load_graph(changed, loaded, edition=EDITION)
    assert snapshot(loaded) == before


def test_an_entity_whose_kind_changed_is_relabelled(loaded, memory_graph):
    person = memory_graph.entities("person")[0]
    changed = variant(memory_graph, entities={person.id: Function(id=person.id, name=person.name, src=person.src)})
    record = load_graph(changed, loaded)
    nodes, relationships = snapshot(loaded)["nodes"], snapshot(loaded)["relationships"]
    assert nodes[person.id][0] == ["Entity", "Function"]
    assert record.by_kind["person"] == len(memory_graph.entities("person")) - 1
    assert len(relationships) == len(memory_graph.relation_list)


def test_an_open_graph_is_a_snapshot_until_refreshed(loaded, memory_graph):
    silg = memory_graph.by_id["southampton.silg"]
    with open_neo4j_graph(loaded.uri, loaded.user, loaded.password, loaded.database) as graph:
        assert graph.entity("southampton.silg") == silg
        assert not graph.refresh()
        load_graph(variant(memory_graph, entities={silg.id: silg.model_copy(update={"name": "Renamed"})}), loaded)
        assert graph.entity("southampton.silg").name == silg.name
        assert graph.refresh()
        assert graph.entity("southampton.silg").name == "Renamed"


def test_a_database_loaded_by_another_version_is_refused(loaded):
    with GraphDatabase.driver(loaded.uri, auth=(loaded.user, loaded.password)) as driver:
        driver.execute_query("MATCH (l:Load) SET l.format = 0", database_=loaded.database)
    with pytest.raises(BackendError, match="was loaded by another version of lscp: run `lscp neo4j load` again"):
        open_neo4j_graph(loaded.uri, loaded.user, loaded.password, loaded.database)


def test_an_edition_whose_shared_facts_changed_needs_a_full_load(loaded, memory_graph):
    index = only_in(memory_graph, EDITION)[0]
    spread = memory_graph.relation_list[index].model_copy(update={"editions": [EDITION, OTHER]})
    mine = next(e for e in memory_graph.entities() if getattr(e, "editions", None) == [EDITION])
    before = snapshot(loaded)
    with pytest.raises(BackendError, match=rf"cannot replace edition {EDITION} alone: relations it shares with other "
                                           r"editions changed \(.*\); run a full `lscp neo4j load` \(without --edition\)"):
        load_graph(variant(memory_graph, change={index: spread}), loaded, edition=EDITION)
    with pytest.raises(BackendError, match=rf"cannot replace edition {EDITION} alone: {mine.id} now also belong"):
        load_graph(variant(memory_graph, entities={mine.id: mine.model_copy(update={"editions": [EDITION, OTHER]})}),
                   loaded, edition=EDITION)
    assert snapshot(loaded) == before
