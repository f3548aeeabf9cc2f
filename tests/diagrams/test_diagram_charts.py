"""The bundled data's charts: the committed docs/charts are current, and every body is drawn."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from lscp.diagrams import build_chart, chart_to_dot, render
from lscp.diagrams.charts import CHARTS_DIR, expected_dots, stale
from lscp.diagrams.common import chart_editions
from lscp.queries.editions import seen_in
from lscp.loaders import load


@pytest.fixture(scope="module")
def bundled():
    return load()


def test_committed_charts_are_current(bundled):
    assert stale(bundled) == [], "docs/charts is stale: run `.venv/bin/python -m diagrams.charts` and commit it"


def test_every_committed_chart_has_its_svg(bundled):
    for stem in expected_dots(bundled):
        assert (CHARTS_DIR / f"{stem}.svg").is_file(), f"docs/charts/{stem}.svg is missing"


def test_southampton_chart_shows_every_body_and_the_partners(bundled):
    chart = build_chart(bundled, "southampton")
    editions = chart_editions(bundled, "southampton.sscp")
    bodies = [b.id for b in bundled.entities("body")
              if b.partnership == "southampton.sscp" and seen_in(b, editions)]
    assert bodies and set(bodies) <= set(chart.nodes)
    assert {"southampton-city-council", "hiow-icb", "hiow-constabulary"} <= set(chart.nodes)


@pytest.mark.parametrize("edition", ["hips-2019", "hips-2022"])
def test_hips_chart_shows_its_groups_and_the_four_partnerships(bundled, edition):
    chart = build_chart(bundled, "hips", edition=edition)
    groups = [b.id for b in bundled.entities("body") if b.partnership == "hips" and seen_in(b, [edition])]
    assert groups and set(groups) <= set(chart.nodes)
    assert {"hampshire.hscp", "iow.iowscp", "portsmouth.pscp", "southampton.sscp"} <= set(chart.nodes)


@pytest.mark.graphviz
@pytest.mark.parametrize("target, edition", [("southampton", None), ("hips", "hips-2019"), ("hips", "hips-2022")])
def test_bundled_svg_names_every_box(bundled, dot_binary, target, edition):
    chart = build_chart(bundled, target, edition=edition)
    svg = render(chart_to_dot(chart), "svg")
    root = ET.fromstring(svg)
    shown = " ".join(" ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")).split())
    for node in chart.nodes.values():
        first_word_run = " ".join(node.title.split()[:2])
        assert first_word_run in shown, node.id


@pytest.mark.graphviz
@pytest.mark.parametrize("target", ["southampton", "hips"])
def test_pdf_and_svg_fit_an_a4_landscape_page(bundled, dot_binary, target):
    import re

    dot_text = chart_to_dot(build_chart(bundled, target))
    box = re.search(rb"MediaBox \[ ?0 0 ([\d.]+) ([\d.]+) ?\]", render(dot_text, "pdf"))
    assert box and float(box[1]) <= 842 and float(box[2]) <= 596  # A4 landscape, in points
    root = ET.fromstring(render(dot_text, "svg"))
    assert float(root.get("width").removesuffix("pt")) <= 842 and float(root.get("height").removesuffix("pt")) <= 596
