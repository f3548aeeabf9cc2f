"""Names with characters XML 1.0 cannot hold (NUL, vertical tab, ESC, unit separator) still
give well-formed GraphML and draw.io files, parsed by real XML parsers, with those characters
as visible escapes; the HTML in a name stays text."""
from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from lscp.api.cli import main

from .test_outputs_world import hostile_world


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return hostile_world(tmp_path_factory.mktemp("hostile"))


def test_graphml_stays_well_formed(world, tmp_path):
    out = tmp_path / "world.graphml"
    assert main(["--data", str(world), "export", "--format", "graphml", "-o", str(out)]) == 0
    ET.parse(out)  # raises on a character XML forbids
    graph = nx.read_graphml(out, force_multigraph=True)
    labels = {n: d["label"] for n, d in graph.nodes(data=True)}
    assert labels["test.hostile-7"] == "Null\\x00 Vertical\\x0b Unit\\x1f Group"
    assert labels["test.hostile-6"].startswith("\\x1b]0;owned\\x07\\x1b[31mRed Group")
    assert labels["test.hostile-8"] == "<script>alert(1)</script> Group | pipe"  # text, escaped by the writer


@pytest.mark.graphviz
def test_drawio_stays_well_formed(world, tmp_path):
    if shutil.which("dot") is None:
        pytest.fail("graphviz `dot` is required (make install-dev installs it)")
    out = tmp_path / "world.drawio"
    assert main(["--data", str(world), "diagram", "test.tscp", "--format", "drawio", "-o", str(out)]) == 0
    root = ET.parse(out).getroot()
    values = " ".join(cell.get("value", "") for cell in root.iter("mxCell"))
    assert "Null\\x00 Vertical" in values  # (the chart wraps titles at whitespace, \v and \x1f included)
    assert "&lt;script&gt;alert(1)" in values and "<script>" not in values  # an html=1 label: escaped markup
