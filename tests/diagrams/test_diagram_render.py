"""Rendering with the real graphviz `dot`: magic bytes, every body named, text escaped, same bytes twice."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from diagram_worlds import HOSTILE

from lscp.diagrams import RenderError, build_chart, chart_to_dot, export, highlight_steps_to_dot, render, structure_to_dot

pytestmark = pytest.mark.graphviz
SVG = "{http://www.w3.org/2000/svg}"


def svg_text(svg: bytes) -> str:
    """All the text an SVG shows, line by line, as a reader sees it (entities decoded)."""
    root = ET.fromstring(svg)
    return "\n".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


@pytest.mark.parametrize("fmt, magic", [("svg", b"<?xml"), ("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF-")])
def test_render_gives_each_format(world, dot_binary, fmt, magic):
    assert render(structure_to_dot(world, "test.tscp"), fmt).startswith(magic)


def test_svg_is_xml_and_names_every_body(world, dot_binary):
    svg = render(structure_to_dot(world, "test.tscp"), "svg")
    assert ET.fromstring(svg).tag == f"{SVG}svg"
    shown = " ".join(svg_text(svg).split())
    for body_id in ("test.board", "test.exec", "test.learning", "test.audit", "test.business", "test.hub"):
        assert world.by_id[body_id].name in shown


def test_svg_fits_a4_landscape(world, dot_binary):
    root = ET.fromstring(render(structure_to_dot(world, "test.tscp"), "svg"))
    width, height = (float(root.get(side).removesuffix("pt")) for side in ("width", "height"))
    assert width <= 11.69 * 72 + 1 and height <= 8.27 * 72 + 1


def test_hostile_name_renders_as_text(hostile_world, dot_binary):
    svg = render(structure_to_dot(hostile_world, "test.tscp"), "svg")
    assert b"<script" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg.decode()
    assert "<script>alert(1)</script>" in svg_text(svg)  # shown to the reader, as text
    ET.fromstring(svg)  # still well-formed


def test_highlighted_edges_are_drawn_in_the_highlight_colour(world, dot_binary):
    steps = [("test.audit", "feeds_into", "test.learning", None), ("test.learning", "reports_to", "test.board", None)]
    root = ET.fromstring(render(highlight_steps_to_dot(world, "test.tscp", steps), "svg"))
    highlighted = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == "edge":
            title = group.find(f"{SVG}title").text
            highlighted[title] = any(p.get("stroke") == "#e36c09" for p in group.iter(f"{SVG}path"))
    # dot names an edge tail->head; reports_to and feeds_into are drawn down from the box above
    assert highlighted["test.learning->test.audit"] and highlighted["test.board->test.learning"]
    assert not highlighted["test.ceo->test.dcs"]


def test_same_data_same_svg_bytes(world, dot_binary):
    for chart in (build_chart(world, "test.tscp"), build_chart(world, "multi"),
                  build_chart(world, "test.tscp", diff=("test-2020", "test-2021"))):
        dot_text = chart_to_dot(chart)
        assert render(dot_text, "svg") == render(dot_text, "svg")


def test_png_export_of_every_chart_kind(world, dot_binary):
    for request in ({"target": "test.tscp"}, {"target": "multi", "edition": "multi-2022"},
                    {"target": None, "compare": ("test.tscp", "other.ocp")}):
        target = request.pop("target")
        assert export(build_chart(world, target, **request), "png").startswith(b"\x89PNG")


def test_bad_dot_text_is_a_render_error(dot_binary):
    with pytest.raises(RenderError, match="graphviz dot -Tsvg failed"):
        render("digraph { a -> }", "svg")
    with pytest.raises(RenderError, match="cannot render 'gif'"):
        render("digraph {}", "gif")


def test_hostile_name_in_every_title_position(dot_binary):
    """A hostile partnership name lands in the graph title, a cluster label and a box."""
    from diagram_worlds import build_testshire

    world = build_testshire()
    world.by_id["test.tscp"] = world.by_id["test.tscp"].model_copy(update={"name": HOSTILE + " \\N \\G"})
    svg = render(structure_to_dot(world, "test.tscp"), "svg")
    assert b"<script" not in svg
    assert '"x" \\N \\G' in svg_text(svg)  # escString sequences stay as typed
