"""Mermaid text: a flowchart GitHub renders, one line per box and per line, names escaped."""
from __future__ import annotations

import re

from lscp.diagrams import build_chart, chart_to_mermaid
from lscp.diagrams.mermaid import mermaid_text

NODE = re.compile(r'^\s+(n_\w+)\["(.*)"\]$')
LINK = re.compile(r'^\s+(n_\w+) (-->|---|-\.->|-\.-|==>|===)(\|"[^"]*"\|)? (n_\w+)$')


def parse(text: str):
    lines = text.splitlines()
    nodes = {m[1]: m[2] for m in map(NODE.match, lines) if m}
    links = [(m[1], m[2], m[4]) for m in map(LINK.match, lines) if m]
    return lines, nodes, links


def test_structure_chart_parses_as_a_flowchart(world):
    chart = build_chart(world, "test.tscp")
    lines, nodes, links = parse(chart_to_mermaid(chart))
    assert lines[0] == "flowchart TB"
    assert len(nodes) == len(chart.nodes)  # one line per box
    assert len(links) == len(chart.sorted_edges(visible_only=True))  # one line per line
    assert all(a in nodes and b in nodes for a, _, b in links)
    assert sum(line.strip().startswith("subgraph ") for line in lines) == \
        sum(line.strip() == "end" for line in lines) == len(chart.clusters) + 1  # + the key
    assert sum(line.strip().startswith("linkStyle ") for line in lines) == len(links)


def test_lines_to_the_box_above_keep_the_hierarchy_upright(world):
    _, nodes, links = parse(chart_to_mermaid(build_chart(world, "test.tscp")))
    # the learning group reports to the board: drawn from the board down, without an arrowhead
    assert ("n_test_board", "---", "n_test_learning") in links
    # the independent chair scrutinises the partnership: an arrow from the chair
    assert ("n_test_chair", "-.->", "n_test_tscp") in links


def test_every_chart_kind_parses(world):
    for chart in (build_chart(world, "multi"), build_chart(world, "test.tscp", diff=("test-2020", "test-2021")),
                  build_chart(world, compare=("test.tscp", "other.ocp")),
                  build_chart(world, None, steps=[("test.audit", "feeds_into", "test.learning")], flow=True)):
        text = chart_to_mermaid(chart)
        lines, nodes, links = parse(text)
        assert lines[0].startswith("flowchart ")
        assert len(nodes) == len(chart.nodes)


def test_hostile_names_are_escaped(hostile_world):
    text = chart_to_mermaid(build_chart(hostile_world, "test.tscp"))
    assert "<script" not in text and "alert(1)" not in text
    _, nodes, _ = parse(text)
    assert "#60;script#62;alert#40;1#41;#60;/script#62;" in nodes["n_test_learning"]
    assert '"' not in nodes["n_test_learning"]


def test_mermaid_text_escapes_syntax():
    assert mermaid_text('a|b]c"d#e') == "a#124;b#93;c#34;d#35;e"
