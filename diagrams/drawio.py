"""Chart -> an uncompressed draw.io file (mxfile/mxGraphModel) laid out as `dot` lays out the DOT.

Every box is its own vertex, every line an edge joined to its two boxes, every container a
container cell holding its boxes, so the chart opens in diagrams.net ready to finish by hand.
Positions come from `dot -Tjson0` of the very DOT text the SVG is drawn from.
"""
from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from lscp.loaders.inert import xml_text

from .chart import Chart, Edge, Node, wrap, wrap_line
from .dot import KEY_ID, ROLE_COLORS, chart_to_dot, key_rows
from .render import layout
from .style import (
    A4_LANDSCAPE,
    CLUSTER_BORDER,
    CLUSTER_FILL,
    FONT,
    HIGHLIGHT,
    HIGHLIGHT_PENWIDTH,
    LINE_SIZE,
    NODE_STYLES,
    STATUS_STYLES,
    TITLE_SIZE,
    edge_style,
)

_ARROWS = {  # graphviz arrowhead -> (draw.io endArrow, endFill)
    "normal": ("block", 1), "vee": ("open", 0), "empty": ("block", 0), "onormal": ("block", 0),
    "dot": ("oval", 1), "diamond": ("diamond", 1), "none": ("none", 0),
}


def _style(pairs: dict[str, object]) -> str:
    return "".join(f"{key}={value};" for key, value in pairs.items())


def _text(text: str) -> str:
    """Text for an html=1 label: escaped, so a name can never be read as markup."""
    return html.escape(str(text), quote=True)


def _node_value(node: Node) -> str:
    style = NODE_STYLES[node.style]
    light = style.text.lower() in ("#ffffff", "white")
    parts = ["<b>" + "<br>".join(_text(p) for p in wrap(node.title)) + "</b>"]
    for role, text in node.lines:
        color = style.text if light else ROLE_COLORS.get(role, "#1a1a1a")
        body = "<br>".join(_text(p) for p in wrap_line(text))
        parts.append(f'<font style="font-size: {LINE_SIZE}px" color="{color}">{body}</font>')
    return "<br>".join(parts)


def _key_value(chart: Chart) -> str:
    rows = ["<b>Key</b>"]
    for row in key_rows(chart):
        sample = "&#9632;" if row.kind in ("box", "status") else f"<b>{_text(row.extra)}</b>" if row.kind == "code" \
            else _text(row.extra)
        rows.append(f'<font color="{row.color}">{sample}</font> {_text(row.text)}')
    return "<br>".join(rows)


def _cell(container: ET.Element, **attrs: str) -> ET.Element:
    """A draw.io mxCell: its `parent` attribute is draw.io's, not ElementTree's argument."""
    return ET.SubElement(container, "mxCell", attrib=attrs)


def _points(spline: str) -> list[tuple[float, float]]:
    """The on-curve points of a graphviz spline ('e,x,y s,x,y x,y x,y ...'), in order."""
    coords = [_pair(token) for token in spline.split() if token[:2] not in ("e,", "s,")]
    return [coords[i] for i in range(0, len(coords), 3)]


def _pair(token: str) -> tuple[float, float]:
    x, y = token.split(",")
    return float(x), float(y)


def chart_to_drawio(chart: Chart, positions: dict | None = None) -> str:
    """The draw.io XML of a chart; `positions` is `dot -Tjson0` of its DOT (computed when None)."""
    positions = positions if positions is not None else layout(chart_to_dot(chart))
    height = float(positions["bb"].split(",")[3])
    objects = {o["name"]: o for o in positions.get("objects", [])}
    by_gvid = {o["_gvid"]: o["name"] for o in positions.get("objects", []) if "_gvid" in o}

    boxes: dict[str, tuple[float, float, float, float]] = {}  # absolute x, y, w, h (y down)
    for name, obj in objects.items():
        if "bb" in obj and name.startswith("cluster_"):
            x1, y1, x2, y2 = (float(v) for v in obj["bb"].split(","))
            boxes[name] = (x1, height - y2, x2 - x1, y2 - y1)
        elif "pos" in obj:
            x, y = (float(v) for v in obj["pos"].split(","))
            w, h = float(obj["width"]) * 72, float(obj["height"]) * 72
            boxes[name] = (x - w / 2, height - y - h / 2, w, h)

    width_px, height_px = (round(v * 100) for v in A4_LANDSCAPE)
    mxfile = ET.Element("mxfile", host="lscp", type="device")
    diagram = ET.SubElement(mxfile, "diagram", id="lscp", name=chart.title[:100])
    model = ET.SubElement(diagram, "mxGraphModel", dx="0", dy="0", grid="1", gridSize="10", guides="1",
                          tooltips="1", connect="1", arrows="1", fold="1", page="1", pageScale="1",
                          pageWidth=str(width_px), pageHeight=str(height_px), math="0", shadow="0")
    root = ET.SubElement(model, "root")
    _cell(root, id="0")
    _cell(root, id="1", parent="0")

    def geometry(cell, name: str, parent: str | None) -> None:
        x, y, w, h = boxes.get(name, (0.0, 0.0, 120.0, 40.0))
        if parent is not None and f"cluster_{parent}" in boxes:
            px, py, _, _ = boxes[f"cluster_{parent}"]
            x, y = x - px, y - py
        ET.SubElement(cell, "mxGeometry", x=f"{x:.1f}", y=f"{y:.1f}", width=f"{w:.1f}", height=f"{h:.1f}",
                      attrib={"as": "geometry"})

    title = "<br>".join([f'<b><font style="font-size: 16px">{_text(chart.title)}</font></b>',
                         *(_text(line) for line in chart.subtitle)])
    cell = _cell(root, id="title", value=title, parent="1", vertex="1",
                         style="text;" + _style({"html": 1, "align": "center", "verticalAlign": "top",
                                                 "whiteSpace": "wrap", "fontFamily": FONT, "fontSize": 10}))
    if "lp" in positions:  # where dot put the graph's label
        lx, ly = (float(v) for v in positions["lp"].split(","))
        lw, lh = float(positions.get("lwidth", 6)) * 72, float(positions.get("lheight", 0.6)) * 72
    else:
        lw, lh = float(positions["bb"].split(",")[2]), 14.0 * (len(chart.subtitle) + 2)
        lx, ly = lw / 2, height - lh / 2
    ET.SubElement(cell, "mxGeometry", x=f"{lx - lw / 2:.1f}", y=f"{height - ly - lh / 2:.1f}", width=f"{lw:.1f}",
                  height=f"{lh:.1f}", attrib={"as": "geometry"})

    def add_cluster(cluster_id: str, parent: str | None) -> None:
        cluster = chart.clusters[cluster_id]
        cell = _cell(root, id=f"c:{cluster.id}", value=_text(cluster.label),
                             parent=f"c:{parent}" if parent else "1", vertex="1", style=_style({
                                 "rounded": 1, "whiteSpace": "wrap", "html": 1, "container": 1, "collapsible": 0,
                                 "recursiveResize": 0, "fillColor": CLUSTER_FILL.get(cluster.style, "#ffffff"),
                                 "strokeColor": CLUSTER_BORDER, "verticalAlign": "top", "align": "left",
                                 "spacingLeft": 6, "fontStyle": 1, "fontSize": 11, "fontColor": "#404040",
                                 "fontFamily": FONT, "arcSize": 4}))
        geometry(cell, f"cluster_{cluster.id}", parent)
        for child in chart.sorted_clusters(cluster.id):
            add_cluster(child.id, cluster.id)

    for cluster in chart.sorted_clusters(None):
        add_cluster(cluster.id, None)
    for node in sorted(chart.nodes.values(), key=lambda n: (n.cluster or "", n.sort_key)):
        style = NODE_STYLES[node.style]
        border, penwidth = style.border, style.penwidth
        dashed = style.dashed
        if node.status:
            border, penwidth = STATUS_STYLES[node.status].color, STATUS_STYLES[node.status].penwidth
            dashed = dashed or STATUS_STYLES[node.status].dashed
        if node.highlight:
            border, penwidth = HIGHLIGHT, HIGHLIGHT_PENWIDTH
        cell = _cell(root, id=f"n:{node.id}", value=_node_value(node),
                             parent=f"c:{node.cluster}" if node.cluster else "1", vertex="1", style=_style({
                                 "rounded": 1 if style.rounded else 0, "whiteSpace": "wrap", "html": 1,
                                 "fillColor": style.fill, "strokeColor": border, "strokeWidth": f"{penwidth:g}",
                                 "fontColor": style.text, "fontSize": TITLE_SIZE, "fontFamily": FONT,
                                 "dashed": 1 if dashed else 0, "arcSize": 12}))
        geometry(cell, node.id, node.cluster)
    if chart.legend and KEY_ID in boxes:
        cell = _cell(root, id="key", value=_key_value(chart), parent="1", vertex="1",
                             style=_style({"rounded": 0, "whiteSpace": "wrap", "html": 1, "align": "left",
                                           "verticalAlign": "top", "spacing": 6, "fillColor": "#ffffff",
                                           "strokeColor": "#bfbfbf", "fontSize": 9, "fontFamily": FONT}))
        geometry(cell, KEY_ID, None)

    splines = {}
    for edge in positions.get("edges", []):
        tail, head = by_gvid.get(edge["tail"]), by_gvid.get(edge["head"])
        if "pos" in edge:
            splines[(tail, head, edge.get("tooltip", ""))] = _points(edge["pos"])
    for index, edge in enumerate(chart.sorted_edges(visible_only=True)):
        _add_edge(root, index, edge, splines, height)
    ET.indent(mxfile, space="  ")
    return xml_text(ET.tostring(mxfile, encoding="unicode")) + "\n"  # control characters would make it invalid XML


def _add_edge(root, index: int, edge: Edge, splines: dict, height: float) -> None:
    style = edge_style(edge.type)
    tooltip = f"{edge.source} {edge.type} {edge.target}"
    points = splines.get((edge.source, edge.target, tooltip))
    if points is None:  # drawn from the target down (dir=back): the spline runs the other way
        points = list(reversed(splines.get((edge.target, edge.source, tooltip), [])))
    color, penwidth, line = style.color, style.penwidth, style.style
    if edge.status:
        color, penwidth = STATUS_STYLES[edge.status].color, max(penwidth, STATUS_STYLES[edge.status].penwidth)
        line = "dashed" if STATUS_STYLES[edge.status].dashed else line
    if edge.highlight:
        color, penwidth = HIGHLIGHT, HIGHLIGHT_PENWIDTH
    arrow, fill = _ARROWS.get(style.arrowhead, ("block", 1))
    pairs = {"html": 1, "rounded": 1, "curved": 1, "edgeStyle": "none", "endArrow": arrow, "endFill": fill,
             "strokeColor": color, "strokeWidth": f"{penwidth:g}", "fontSize": 8, "fontColor": color,
             "fontFamily": FONT, "labelBackgroundColor": "#ffffff"}
    if line in ("dashed", "dotted"):
        pairs.update({"dashed": 1, "dashPattern": "1 3" if line == "dotted" else "6 4"})
    cell = _cell(root, id=f"e:{index}", value=_text(edge.label or ""), parent="1", edge="1",
                         source=f"n:{edge.source}", target=f"n:{edge.target}", style=_style(pairs))
    geometry = ET.SubElement(cell, "mxGeometry", relative="1", attrib={"as": "geometry"})
    inner = points[1:-1]
    if inner:
        array = ET.SubElement(geometry, "Array", attrib={"as": "points"})
        for x, y in inner:
            ET.SubElement(array, "mxPoint", x=f"{x:.1f}", y=f"{height - y:.1f}")
