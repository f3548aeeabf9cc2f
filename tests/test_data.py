"""The bundled data: loads clean, cites real lines that mention what they cite, exports faithfully."""
from __future__ import annotations

import json

import networkx as nx
import pytest

from lscp.loaders import default_data_dir, load
from lscp.loaders.export import to_data, to_graphml, to_json_text
from lscp.loaders.lint import citation_findings
from lscp.loaders.schema import data_schema_text


@pytest.fixture(scope="module")
def graph():
    return load()


def test_bundled_data_loads_clean(graph):
    assert len(graph.entities("partnership")) >= 7
    assert len(graph.entities("edition")) >= 9


def test_every_citation_mentions_what_it_cites(graph):
    assert [str(f) for f in citation_findings(graph)] == []


def test_every_entity_and_relation_is_cited(graph):
    assert all(e.src for e in graph.entities())
    assert all(r.src for r in graph.relation_list)


def test_json_export_round_trips(graph):
    data = json.loads(to_json_text(graph))
    assert {e["id"] for e in data["entities"]} == set(graph.by_id)
    assert len(data["relations"]) == len(graph.relation_list)
    assert to_json_text(graph) == to_json_text(load())  # deterministic


def test_graphml_export_round_trips_nodes_and_edges(graph):
    back = nx.read_graphml(__import__("io").BytesIO(to_graphml(graph).encode()), force_multigraph=True)
    assert set(back.nodes) == set(graph.by_id)
    edges = sorted((u, v, d["type"]) for u, v, d in back.edges(data=True))
    expected = sorted((r["from"], r["to"], r["type"]) for r in to_data(graph)["relations"])
    assert edges == expected


def test_published_json_schema_is_current():
    published = default_data_dir().parent / "docs" / "lscp-data.schema.json"
    assert published.read_text() == data_schema_text(), "run: lscp schema -o docs/lscp-data.schema.json"
