"""Whole-graph exports: JSON (the data as loaded) and GraphML (for graph tools)."""
from __future__ import annotations

import io
import json

import networkx as nx

from .graphs import Graph


def to_data(graph: Graph) -> dict:
    """Entities by id and relations in a stable order, as plain data."""
    entities = [
        {"kind": e.kind, **e.model_dump(mode="json", exclude_defaults=True)} for e in graph.entities()
    ]
    relations = sorted(
        (r.model_dump(mode="json", by_alias=True, exclude_defaults=True) for r in graph.relation_list),
        key=lambda r: (r["from"], r["type"], r["to"], json.dumps(r, sort_keys=True)),
    )
    return {"entities": entities, "relations": relations}


def to_json_text(graph: Graph) -> str:
    return json.dumps(to_data(graph), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _scalar(value):
    if isinstance(value, (str, int, float, bool)):
        return value
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """A graph whose attributes are all scalars, as GraphML requires."""
    out = nx.MultiDiGraph()
    for item in to_data(graph)["entities"]:
        out.add_node(item["id"], **{k: _scalar(v) for k, v in item.items() if k != "id"})
    for index, item in enumerate(to_data(graph)["relations"]):
        attrs = {k: _scalar(v) for k, v in item.items() if k not in ("from", "to")}
        out.add_edge(item["from"], item["to"], key=f"r{index}", **attrs)
    return out


def to_graphml(graph: Graph) -> str:
    buffer = io.BytesIO()
    nx.write_graphml(to_networkx(graph), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().decode("utf-8")
