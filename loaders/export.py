"""Whole-graph exports: JSON (the data as loaded), GraphML (for graph tools such as Gephi, yEd,
networkx, igraph) and CSV (nodes.csv and edges.csv, for spreadsheets). docs/exports.md
describes each format's columns and how lists are written."""
from __future__ import annotations

import csv
import hashlib
import io
import json

import networkx as nx
from lscp.model.citation import Citation

from lscp import __version__

from .graphs import Graph
from .inert import csv_cell, flat, joined, xml_text

FIRST_NODE_COLUMNS = ("id", "kind", "name")
FIRST_EDGE_COLUMNS = ("id", "from", "type", "to", "src")


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


def edge_id(record: dict) -> str:
    """A relation's id, from the relation itself: its ends, type and a digest of every field,
    so adding or removing another relation never changes it (an edited relation gets a new one).

    >>> edge_id({"from": "a.post", "type": "chairs", "to": "a.board", "src": ["004:252"]})[:-10]
    'a.post:chairs:a.board:'
    """
    digest = hashlib.sha256(json.dumps(record, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:10]
    return f"{record['from']}:{record['type']}:{record['to']}:{digest}"


def _edges(data: dict) -> list[tuple[str, dict]]:
    """(id, record) of every relation; a relation written twice word for word is one fact."""
    return list({edge_id(r): r for r in data["relations"]}.items())


def data_version(data: dict) -> str:
    """A digest of the whole export: equal for equal data, whoever exports it when."""
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def metadata(graph: Graph, data: dict, generated_at: str | None = None) -> dict[str, str]:
    """What the export is of: editions and data version (and, only if asked, when it was made,
    which would otherwise make two exports of the same data differ)."""
    found = {
        "editions": joined(sorted(e.id for e in graph.entities("edition"))),
        "data_version": data_version(data),
        "lscp_version": __version__,
        "list_encoding": "'; '-joined; a ';' or '\\' inside a value is escaped with '\\'; nested values are JSON",
    }
    if generated_at:
        found["generated_at"] = generated_at
    return found


def _cited(value):
    """Citations as their text (`004:252`, a URL) wherever they are, for cells and attributes."""
    if isinstance(value, dict):
        if {"doc", "start", "end", "url"} >= set(value) and ("doc" in value or "url" in value):
            return str(Citation(**value))
        return {k: _cited(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_cited(v) for v in value]
    return value


def _attribute(value):
    value = flat(_cited(value))
    return xml_text(value) if isinstance(value, str) else value


def to_networkx(graph: Graph, generated_at: str | None = None) -> nx.MultiDiGraph:
    """A graph whose attributes are all scalars, as GraphML requires; `label` is what Gephi and
    yEd show: an entity's name, a relation's type in words."""
    data = to_data(graph)
    out: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    out.graph.update({k: xml_text(v) for k, v in metadata(graph, data, generated_at).items()})
    for item in data["entities"]:
        attributes = {k: _attribute(v) for k, v in item.items() if k != "id"}
        out.add_node(item["id"], label=attributes.pop("name"), **attributes)
    for ident, item in _edges(data):
        attributes = {k: _attribute(v) for k, v in item.items() if k not in ("from", "to")}
        # the id twice: as the GraphML edge id, and as data for readers that renumber edges (igraph)
        out.add_edge(item["from"], item["to"], key=ident, relation_id=ident, label=item["type"].replace("_", " "),
                     **attributes)
    return out


def to_graphml(graph: Graph, generated_at: str | None = None) -> str:
    buffer = io.BytesIO()
    nx.write_graphml(to_networkx(graph, generated_at), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().decode("utf-8")


def _csv(header: list[str], rows: list[dict], bom: bool) -> str:
    """RFC 4180: every field that needs it quoted, CRLF line ends; each cell inert (csv_cell)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(str(flat(_cited(row[c])))) if c in row else "" for c in header])
    return ("\ufeff" if bom else "") + buffer.getvalue()


def _columns(rows: list[dict], first: tuple[str, ...]) -> list[str]:
    return [*first, *sorted({k for row in rows for k in row} - set(first))]


def to_csv_files(graph: Graph, bom: bool = False) -> dict[str, str]:
    """nodes.csv (one row per entity) and edges.csv (one row per relation, with its id and
    citations); `bom` starts each with a byte order mark so Excel reads UTF-8."""
    data = to_data(graph)
    nodes = data["entities"]
    edges = [{"id": ident, **record} for ident, record in _edges(data)]
    return {
        "nodes.csv": _csv(_columns(nodes, FIRST_NODE_COLUMNS), nodes, bom),
        "edges.csv": _csv(_columns(edges, FIRST_EDGE_COLUMNS), edges, bom),
    }
