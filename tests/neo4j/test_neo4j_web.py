"""`lscp serve --backend neo4j`: the web app and its API answer the same from the database."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from lscp.api.http import create_app
from lscp.loaders.graphs.neo4j_load import load_graph
from lscp.loaders.graphs.neo4j_graph import open_neo4j_graph

pytestmark = pytest.mark.neo4j

PATHS = [
    "/api/overview", "/api/entities?kind=bodies&area=southampton", "/api/entities/southampton.silg",
    "/api/search?q=serious+incidents", "/api/accountable/southampton.silg", "/api/accountable/plymouth.strategic-partners",
    "/api/accountabilities/southampton.scc.chief-executive", "/api/escalate/portsmouth.board?when=split-decision",
    "/api/vacancy/southampton.designated-doctor", "/api/load/southampton.designated-doctor", "/api/gaps?area=portsmouth",
    "/api/compare?p=southampton.sscp&p=portsmouth.pscp", "/api/diff?before=hips-2019&after=hips-2022",
    "/api/raci?area=southampton", "/api/coverage", "/api/entities/southampton.slig",
    "/api/charts/southampton.sscp.dot?highlight=southampton.silg", "/api/charts/hips.mermaid?before=hips-2019&after=hips-2022",
    "/", "/search?q=board", "/entities/portsmouth.board", "/partnerships/southampton.sscp",
    "/ask?question=accountable&id=southampton.silg", "/ask?question=escalate&id=portsmouth.board&when=split-decision",
    "/compare?p=southampton.sscp&p=portsmouth.pscp", "/changes?before=hips-2019&after=hips-2022",
]


@pytest.fixture(scope="module")
def clients(bolt_server, memory_graph):
    settings = bolt_server.database("lscp_web")
    load_graph(memory_graph, settings)
    graph = open_neo4j_graph(settings.uri, settings.user, settings.password, settings.database,
                             sources_dir=memory_graph.sources_dir)
    with TestClient(create_app(memory_graph), raise_server_exceptions=False) as memory, \
            TestClient(create_app(graph), raise_server_exceptions=False) as neo4j:
        yield memory, neo4j
    graph.close()


@pytest.mark.parametrize("path", PATHS)
def test_the_same_page_and_answer_from_either_backend(clients, path):
    memory, neo4j = clients
    expected, got = memory.get(path), neo4j.get(path)
    assert (got.status_code, got.headers.get("content-type")) == (expected.status_code, expected.headers.get("content-type"))
    assert got.content == expected.content
    if path.startswith("/api/"):
        assert expected.status_code == (404 if "slig" in path else 200), expected.text[:300]
