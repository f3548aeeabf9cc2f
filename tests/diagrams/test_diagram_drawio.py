"""draw.io: well-formed XML, one vertex per box, edges joined to boxes, containers holding them."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from lscp.diagrams import build_chart, chart_to_drawio

pytestmark = pytest.mark.graphviz


def cells(xml_text: str) -> list[ET.Element]:
    root = ET.fromstring(xml_text)
    assert root.tag == "mxfile"
    assert root.find("diagram/mxGraphModel/root") is not None
    return root.findall("diagram/mxGraphModel/root/mxCell")


def test_one_vertex_per_box_and_edges_with_ends(world, dot_binary):
    chart = build_chart(world, "test.tscp")
    found = cells(chart_to_drawio(chart))
    ids = {c.get("id") for c in found}
    boxes = [c for c in found if c.get("id", "").startswith("n:")]
    assert sorted(c.get("id") for c in boxes) == sorted(f"n:{n}" for n in chart.nodes)
    assert all(c.get("vertex") == "1" for c in boxes)
    edges = [c for c in found if c.get("edge") == "1"]
    assert len(edges) == len(chart.sorted_edges(visible_only=True))
    assert all(e.get("source") in ids and e.get("target") in ids for e in edges)


def test_containers_hold_their_boxes(world, dot_binary):
    chart = build_chart(world, "test.tscp")
    found = {c.get("id"): c for c in cells(chart_to_drawio(chart))}
    for cluster in chart.clusters:
        assert "container=1" in found[f"c:{cluster}"].get("style")
    assert found["n:test.learning"].get("parent") == "c:tier-1"
    assert found["n:test.tscp"].get("parent") == "1"
    geometry = found["n:test.learning"].find("mxGeometry")
    assert float(geometry.get("x")) >= 0 and float(geometry.get("y")) >= 0  # relative to its container


def test_positions_come_from_dot(world, dot_binary):
    found = {c.get("id"): c for c in cells(chart_to_drawio(build_chart(world, "test.tscp")))}
    board = float(found["c:tier-0"].find("mxGeometry").get("y"))
    groups = float(found["c:tier-1"].find("mxGeometry").get("y"))
    partners = float(found["c:partners"].find("mxGeometry").get("y"))
    assert partners < board < groups  # partners on top, then the board, then the groups


def test_hostile_names_are_escaped(hostile_world, dot_binary):
    text = chart_to_drawio(build_chart(hostile_world, "test.tscp"))
    assert "<script" not in text
    found = {c.get("id"): c for c in cells(text)}
    value = found["n:test.learning"].get("value")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in value  # HTML-escaped inside the label
    assert "<script" not in value


def test_same_chart_same_bytes(world, dot_binary):
    chart = build_chart(world, "multi")
    assert chart_to_drawio(chart) == chart_to_drawio(build_chart(world, "multi"))
