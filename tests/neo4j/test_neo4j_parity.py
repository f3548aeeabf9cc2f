"""Every query gives the same answer, to the byte of its JSON, from memory and from Neo4j.

The same loaded graph is written to the database and kept in memory, so the data curators
are editing meanwhile cannot make the two differ."""
from __future__ import annotations

import pytest

from lscp import queries
from lscp.api.output import to_json
from lscp.loaders.export import to_graphml, to_json_text
from lscp.loaders.graphs.neo4j_load import load_graph
from lscp.model import LscpError
from lscp.loaders.graphs.neo4j_graph import open_neo4j_graph
from lscp.queries.scope import KINDS

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def backends(bolt_server, memory_graph):
    settings = bolt_server.database("lscp_parity")
    load_graph(memory_graph, settings)
    graph = open_neo4j_graph(settings.uri, settings.user, settings.password, settings.database,
                             sources_dir=memory_graph.sources_dir)
    yield memory_graph, graph
    graph.close()


def outcome(query, graph, *args, **kwargs) -> str:
    """The answer as JSON, or the error a user would see."""
    try:
        return to_json(query(graph, *args, **kwargs))
    except LscpError as exc:
        return f"{type(exc).__name__}: {exc}"


def same(backends, query, *args, **kwargs) -> str:
    memory, neo4j = backends
    expected = outcome(query, memory, *args, **kwargs)
    assert outcome(query, neo4j, *args, **kwargs) == expected, f"{query.__name__}{args}{kwargs} differs"
    return expected


def answers(backends, query, *args, **kwargs) -> str:
    """Same on both backends, and an answer rather than an error."""
    expected = same(backends, query, *args, **kwargs)
    assert not expected.startswith(("NotFound", "UsageError")), expected
    return expected


def ids(graph, kind: str) -> list[str]:
    return [e.id for e in graph.entities(kind)]


# -- the Graph surface itself -----------------------------------------------------------
def test_every_entity_and_relation_is_rebuilt_exactly(backends):
    memory, neo4j = backends
    assert sorted(neo4j.by_id) == sorted(memory.by_id)
    assert all(neo4j.by_id[i] == memory.by_id[i] for i in memory.by_id)
    assert neo4j.relation_list == memory.relation_list
    assert dict(neo4j.origins) == dict(memory.origins)
    assert neo4j.relation_origins == memory.relation_origins


def test_relation_filters_match(backends):
    memory, neo4j = backends
    filters = [{"type": "chairs"}, {"type": ("reports_to", "feeds_into")}, {"source": "southampton.silg"},
               {"target": "portsmouth.board"}, {"type": "member_of", "target": "plymouth.strategic-partners"},
               {"edition": "hips-2019"}, {"type": "partner_of", "edition": "hips-2022"}, {"source": "no.such-id"},
               {"type": "no_such_type"}]
    for given in filters:
        assert neo4j.relations(**given) == memory.relations(**given), given


def test_relations_left_out_of_the_expansion_come_when_asked(backends):
    """A partnership's relevant agencies are fetched only when a question asks for them: on a
    fresh snapshot, before and after the walk that reaches the partnership without them."""
    memory, neo4j = backends
    for partnership in ids(memory, "partnership"):
        for types in (("partner_of",), "relevant_agency_of", ("partner_of", "relevant_agency_of"), None):
            fresh = open_neo4j_graph(neo4j.server.settings.uri, neo4j.server.settings.user,
                                     neo4j.server.settings.password, neo4j.server.settings.database)
            with fresh:
                for body in [b.id for b in memory.entities("body") if b.partnership == partnership][:1]:
                    fresh.relations(source=body)  # the expansion reaches the partnership
                assert fresh.relations(type=types, target=partnership) == memory.relations(type=types, target=partnership)
                assert fresh.relations(target=partnership) == memory.relations(target=partnership)


def test_entities_of_each_kind_and_cited_lines_match(backends):
    memory, neo4j = backends
    for kind in (*KINDS, None, "no-such-kind"):
        assert neo4j.entities(kind) == memory.entities(kind), kind
    assert neo4j.source_lines("004", 243, 259) == memory.source_lines("004", 243, 259)
    assert neo4j.suggest("southampton.slig") == memory.suggest("southampton.slig")


# -- every query -------------------------------------------------------------------------
def test_overview(backends):
    answers(backends, queries.overview)


def test_list_entities(backends):
    memory, _ = backends
    for kind in ("bodies", "posts", "organisations", "partnerships", "editions", "people", "functions", "areas"):
        answers(backends, queries.list_entities, kind)
    for area in ids(memory, "area"):
        answers(backends, queries.list_entities, "bodies", area=area)
        answers(backends, queries.list_entities, "organisations", area=area)
    for edition in ids(memory, "edition"):
        answers(backends, queries.list_entities, "posts", edition=edition)


def test_search(backends):
    for text in ("Serious Incidents", "board", "designated doctor", "ICB", "plymouth strategic", "hips", "MESC",
                 "southampton.silg", "nothing-matches-this"):
        same(backends, queries.search, text)
    same(backends, queries.search, "group", limit=5)


def test_show(backends):
    memory, _ = backends
    for entity_id in ("southampton.silg", "portsmouth.board", "plymouth.strategic-partners", "hips.health-group"):
        answers(backends, queries.show, entity_id)
    for entity_id in memory.by_id:
        same(backends, queries.show, entity_id)


def test_accountable(backends):
    memory, _ = backends
    for target in ("southampton.silg", "portsmouth.board", "plymouth.strategic-partners", "southampton.sscp"):
        answers(backends, queries.accountable, target)
    answers(backends, queries.accountable, "hips.health-group", edition="hips-2019")
    for kind in ("body", "post", "function", "partnership"):
        for target in ids(memory, kind):
            same(backends, queries.accountable, target)


def test_accountabilities(backends):
    memory, _ = backends
    leads = sorted({r.source for r in memory.relations("lead_representative_of")})
    partners = sorted({r.target for r in memory.relations("lead_representative_of")})
    for target in leads + partners[:3]:
        answers(backends, queries.accountabilities, target)


def test_escalation(backends):
    memory, _ = backends
    answers(backends, queries.escalation, "portsmouth.board", condition="split-decision")
    answers(backends, queries.escalation, "southampton.silg")
    for body in ids(memory, "body"):
        same(backends, queries.escalation, body)


def test_gaps(backends):
    answers(backends, queries.gaps)
    answers(backends, queries.gaps, area="southampton")
    answers(backends, queries.gaps, area="plymouth", rules="wt2023")
    answers(backends, queries.gaps, edition="hips-2019")


def test_compliance_check(backends):
    from lscp.queries.compliance import check

    answers(backends, check, "portsmouth-2019", rules="wt2023")
    answers(backends, check, "hampshire.hscp", rules="cwsa2026", as_at="2025-06-01", commencement="2025-01-01")


def test_vacancy(backends):
    memory, _ = backends
    chairs = sorted({r.source for r in memory.relations("chairs") if memory.by_id[r.source].kind in ("post", "person")})
    assert chairs
    for post in chairs:
        answers(backends, queries.vacancy, post)


def test_compare(backends):
    answers(backends, queries.compare, "southampton.sscp", "portsmouth.pscp")
    answers(backends, queries.compare, "plymouth", "portsmouth", "southampton")


def test_diff(backends):
    answers(backends, queries.diff, "hips-2019", "hips-2022")
    answers(backends, queries.diff, "portsmouth-2019", "portsmouth-2021")
    answers(backends, queries.diff, "portsmouth-2017", "portsmouth-2019")


def test_load(backends):
    memory, _ = backends
    for target in ids(memory, "person") + ["southampton.designated-doctor", "portsmouth-city-council"]:
        answers(backends, queries.load, target)


def test_raci(backends):
    for area in ("southampton", "portsmouth", "plymouth", "hips-area"):
        answers(backends, queries.raci, area)


def test_coverage(backends):
    answers(backends, queries.coverage)
    answers(backends, queries.coverage, doc="004")


def test_errors_are_the_same(backends):
    assert same(backends, queries.show, "southampton.slig").startswith("NotFound: No entity with id 'southampton.slig'.")
    assert same(backends, queries.accountable, "southampton").startswith("UsageError")
    assert same(backends, queries.list_entities, "bodies", edition="no-such-edition").startswith("UsageError")


def test_export(backends):
    memory, neo4j = backends
    assert to_json_text(neo4j) == to_json_text(memory)
    assert to_graphml(neo4j) == to_graphml(memory)
