"""Chart -> DOT text for graphviz `dot`: quoted ids, HTML-like labels, everything escaped and sorted."""
from __future__ import annotations

import re

from .chart import Chart, Cluster, Edge, Node, wrap, wrap_line
from .style import (
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

KEY_ID = "_key"  # entity ids start with a letter or digit, so this never collides

ROLE_COLORS = {
    "chair": "#1a1a1a",
    "holder": "#404040",
    "note": "#6f6f6f",
    "shared": "#7030a0",
    "independent": "#9a6b00",
    "count": "#1a1a1a",
    "list": "#404040",
    "partnership": "#404040",
    "step": HIGHLIGHT,
    **{status: style.color for status, style in STATUS_STYLES.items()},
}
ITALIC_ROLES = {"holder", "note", "list"}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def html_text(text: str) -> str:
    """Text safe inside a graphviz HTML-like label (it is parsed as XML).

    >>> html_text('<script>alert(1)</script> & "x"')
    '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;'
    """
    text = _CONTROL.sub("", str(text))
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace('"', "&quot;").replace("'", "&#39;")
    )


def quote(text: str) -> str:
    """A DOT double-quoted string; backslashes doubled so escString sequences (\\N, \\G) stay text.

    >>> quote('a "b" \\\\ c')
    '"a \\\\"b\\\\" \\\\\\\\ c"'
    """
    text = _CONTROL.sub("", str(text)).replace("\n", " ").replace("\r", " ")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _attrs(pairs: list[tuple[str, object]]) -> str:
    parts = []
    for name, value in pairs:
        if value is None:
            continue
        if isinstance(value, _Html):
            parts.append(f"{name}=<{value.text}>")
        elif isinstance(value, float):
            parts.append(f"{name}={value:g}")
        elif isinstance(value, (int,)) and not isinstance(value, bool):
            parts.append(f"{name}={value}")
        else:
            parts.append(f"{name}={quote(value)}")
    return ", ".join(parts)


class _Html:
    def __init__(self, text: str):
        self.text = text


# -- labels ---------------------------------------------------------------------------
def node_label(node: Node) -> str:
    style = NODE_STYLES[node.style]
    light = style.text.lower() in ("#ffffff", "white")
    title = "<BR/>".join(html_text(part) for part in wrap(node.title))
    parts = []
    for role, text in node.lines:
        color = style.text if light else ROLE_COLORS.get(role, "#1a1a1a")
        body = "<BR/>".join(html_text(part) for part in wrap_line(text))
        if role in ITALIC_ROLES:
            body = f"<I>{body}</I>"
        parts.append(f'<FONT POINT-SIZE="{LINE_SIZE}" COLOR="{color}">{body}</FONT>')
    if node.columns > 1 and parts:
        # A long list: left-aligned columns under the title, filled top to bottom.
        rows = -(-len(parts) // node.columns)
        columns = [parts[i:i + rows] for i in range(0, len(parts), rows)]
        cells = "".join(f'<TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP">{"<BR/>".join(c)}</TD>' for c in columns)
        return (f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2"><TR><TD COLSPAN="{len(columns)}"><B>{title}</B></TD>'
                f'</TR><TR>{cells}</TR></TABLE>')
    return "<BR/>".join([f"<B>{title}</B>", *parts])


def _edge_label(edge: Edge) -> str | None:
    if not edge.label:
        return None
    color = HIGHLIGHT if edge.highlight else edge_style(edge.type).color
    if edge.status:
        color = STATUS_STYLES[edge.status].color
    body = "<BR/>".join(html_text(part) for part in wrap(edge.label, 26))
    return f'<FONT POINT-SIZE="8" COLOR="{color}">{body}</FONT>'


def _title_label(chart: Chart) -> str:
    parts = [f'<FONT POINT-SIZE="18"><B>{html_text(chart.title)}</B></FONT>']
    for line in chart.subtitle:
        parts.append(f'<FONT POINT-SIZE="10" COLOR="#404040">{html_text(line)}</FONT>')
    return "<BR/>".join(parts)


_GLYPHS = {"solid": "———", "bold": "━━━", "dashed": "‒ ‒ ‒", "dotted": "· · · · ·"}
_HEADS = {"normal": "▶", "vee": "›", "empty": "▷", "onormal": "▷", "dot": "●", "diamond": "◆", "none": ""}


def line_sample(style: str, arrowhead: str) -> str:
    return _GLYPHS.get(style, "———") + _HEADS.get(arrowhead, "▶")


def key_rows(chart: Chart) -> list[tuple[str, str, str, str]]:
    """The key as (kind, colour, second colour or sample, text) rows: boxes, lines, emphasis."""
    rows = []
    for name in chart.used_node_styles():
        style = NODE_STYLES[name]
        rows.append(("box", style.fill, style.border, style.label))
    for relation_type in chart.used_edge_types():
        style = edge_style(relation_type)
        text = chart.key_labels.get(relation_type, style.label)
        rows.append(("line", style.color, line_sample(style.style, style.arrowhead), text))
    if any(n.highlight for n in chart.nodes.values()) or any(e.highlight for e in chart.edges):
        rows.append(("line", HIGHLIGHT, line_sample("bold", "normal"), "highlighted steps (numbered)"))
    statuses = sorted({n.status for n in chart.nodes.values() if n.status}
                      | {e.status for e in chart.edges if e.status}, key=list(STATUS_STYLES).index)
    for status in statuses:
        style = STATUS_STYLES[status]
        rows.append(("status", style.color, "dashed" if style.dashed else "solid", style.label))
    for kind, text in chart.legend_extra:
        rows.append(("note", "#404040", "", text))
    return rows


def _key_cells(kind: str, color: str, extra: str, text: str) -> str:
    label = f'<TD ALIGN="LEFT"><FONT POINT-SIZE="8">{html_text(text)}</FONT></TD>'
    if kind == "box":
        sample = f'<TD BGCOLOR="{color}" BORDER="1" COLOR="{extra}" WIDTH="26" HEIGHT="11"> </TD>'
    elif kind == "line":
        sample = f'<TD WIDTH="26" ALIGN="CENTER"><FONT POINT-SIZE="8" COLOR="{color}">{html_text(extra)}</FONT></TD>'
    elif kind == "status":
        sample = f'<TD BGCOLOR="#ffffff" BORDER="2" COLOR="{color}" WIDTH="26" HEIGHT="11"> </TD>'
    else:
        sample = '<TD WIDTH="26"> </TD>'
    return sample + label


def _key_label(chart: Chart) -> str:
    """The key as one table: boxes in the left pair of columns, lines and emphasis in the right."""
    rows = key_rows(chart)
    boxes = [r for r in rows if r[0] == "box"]
    others = [r for r in rows if r[0] != "box"]
    height = max(len(boxes), len(others))
    cells = ['<TABLE BORDER="1" COLOR="#bfbfbf" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1" BGCOLOR="#ffffff">',
             '<TR><TD COLSPAN="4" ALIGN="LEFT"><B>Key</B></TD></TR>']
    for index in range(height):
        left = _key_cells(*boxes[index]) if index < len(boxes) else '<TD> </TD><TD> </TD>'
        right = _key_cells(*others[index]) if index < len(others) else '<TD> </TD><TD> </TD>'
        cells.append(f"<TR>{left}{right}</TR>")
    cells.append("</TABLE>")
    return "".join(cells)


# -- the whole text -------------------------------------------------------------------
def _node_line(node: Node, indent: str) -> str:
    style = NODE_STYLES[node.style]
    styles = ["filled"]
    if style.rounded:
        styles.insert(0, "rounded")
    border, penwidth = style.border, style.penwidth
    if style.dashed:
        styles.append("dashed")
    if node.status:
        status = STATUS_STYLES[node.status]
        border, penwidth = status.color, status.penwidth
        if status.dashed and "dashed" not in styles:
            styles.append("dashed")
    if node.highlight:
        border, penwidth = HIGHLIGHT, HIGHLIGHT_PENWIDTH
    attrs = [
        ("label", _Html(node_label(node))),
        ("style", ",".join(styles)),
        ("fillcolor", style.fill),
        ("color", border),
        ("penwidth", float(penwidth)),
        ("fontcolor", style.text),
        ("tooltip", node.tooltip or node.title),
    ]
    return f"{indent}{quote(node.id)} [{_attrs(attrs)}];"


def _edge_line(edge: Edge) -> str:
    if edge.invisible:
        attrs = [("style", "invis"), ("minlen", edge.minlen)]
        return f"  {quote(edge.source)} -> {quote(edge.target)} [{_attrs(attrs)}];"
    style = edge_style(edge.type)
    color, penwidth, line = style.color, style.penwidth, style.style
    if edge.status:
        status = STATUS_STYLES[edge.status]
        color, penwidth = status.color, max(style.penwidth, status.penwidth if edge.status != "unchanged" else 1.0)
        line = "dashed" if status.dashed else ("solid" if line == "bold" else line)
    if edge.highlight:
        color, penwidth = HIGHLIGHT, HIGHLIGHT_PENWIDTH
    label = _edge_label(edge)
    tail, head = edge.source, edge.target
    attrs: list[tuple[str, object]] = [("color", color), ("penwidth", float(penwidth)), ("style", line)]
    if style.upward:
        tail, head = head, tail
        attrs += [("dir", "back"), ("arrowtail", style.arrowhead)]
    else:
        attrs += [("arrowhead", style.arrowhead)]
    if not (style.constraint if edge.constraint is None else edge.constraint):
        attrs.append(("constraint", "false"))
    attrs.append(("label", _Html(label) if label else None))
    attrs.append(("tooltip", f"{edge.source} {edge.type} {edge.target}"))
    attrs.append(("minlen", edge.minlen))
    return f"  {quote(tail)} -> {quote(head)} [{_attrs(attrs)}];"


def _cluster_lines(chart: Chart, cluster: Cluster, indent: str) -> list[str]:
    inner = indent + "  "
    label = f'<FONT POINT-SIZE="11" COLOR="#404040"><B>{html_text(cluster.label)}</B></FONT>'
    lines = [
        f"{indent}subgraph {quote('cluster_' + cluster.id)} {{",
    ]
    attrs = [("label", _Html(label)), ("style", "rounded,filled"), ("fillcolor", CLUSTER_FILL.get(cluster.style, "#ffffff")),
             ("color", CLUSTER_BORDER), ("labeljust", "l"), ("margin", 12)]
    lines += [f"{inner}{_attrs([pair])};" for pair in attrs]
    for child in chart.sorted_clusters(cluster.id):
        lines += _cluster_lines(chart, child, inner)
    for node in chart.sorted_nodes(cluster.id):
        lines.append(_node_line(node, inner))
    lines.append(f"{indent}}}")
    return lines


def chart_to_dot(chart: Chart) -> str:
    """The DOT text of a chart: same chart, same bytes."""
    lines = ["digraph lscp {"]
    graph_attrs: list[tuple[str, object]] = [
        ("rankdir", chart.orientation),
        ("newrank", "true"),
        ("compound", "true"),
        ("fontname", FONT),
        ("labelloc", "t"),
        ("label", _Html(_title_label(chart))),
        ("nodesep", 0.25),
        ("ranksep", 0.45),
        ("pad", 0.25),
        ("outputorder", "edgesfirst"),
    ]
    if chart.page:
        graph_attrs += [("size", f"{chart.page[0]:g},{chart.page[1]:g}"), ("ratio", "fill")]
    lines.append(f"  graph [{_attrs(graph_attrs)}];")
    lines.append(f"  node [{_attrs([('shape', 'box'), ('fontname', FONT), ('fontsize', TITLE_SIZE), ('margin', '0.14,0.06')])}];")
    lines.append(f"  edge [{_attrs([('fontname', FONT), ('fontsize', 8), ('arrowsize', 0.8)])}];")
    for cluster in chart.sorted_clusters(None):
        lines += _cluster_lines(chart, cluster, "  ")
    for node in chart.sorted_nodes(None):
        lines.append(_node_line(node, "  "))
    if chart.legend:
        lines.append(f"  {quote(KEY_ID)} [{_attrs([('shape', 'plaintext'), ('margin', 0.0), ('label', _Html(_key_label(chart)))])}];")
    for group in sorted(sorted(set(g)) for g in chart.same_rank if len(set(g)) > 1):
        lines.append("  { rank=same; " + " ".join(f"{quote(n)};" for n in group) + " }")
    if chart.legend and chart.key_beside in chart.nodes:
        lines.append(f"  {{ rank=same; {quote(KEY_ID)}; {quote(chart.key_beside)}; }}")
    elif chart.legend:
        lines.append(f"  {{ rank=sink; {quote(KEY_ID)}; }}")
    for edge in chart.sorted_edges():
        lines.append(_edge_line(edge))
    lines.append("}")
    return "\n".join(lines) + "\n"


__all__ = ["KEY_ID", "chart_to_dot", "html_text", "key_rows", "line_sample", "node_label", "quote"]
