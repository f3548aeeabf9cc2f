"""Chart -> DOT text for graphviz `dot`: quoted ids, HTML-like labels, everything escaped and sorted."""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

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
KEY_COLUMNS = 3  # a wide, short key: charts are width-bound on an A4 landscape page

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
    """Text safe inside a graphviz HTML-like label: parsed as XML, then searched for escString
    sequences (\\N, \\G...), so markup is escaped and each backslash doubled.

    >>> html_text('<script>alert(1)</script> & "x"')
    '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;'
    """
    text = _CONTROL.sub("", str(text))
    return (
        text.replace("\\", "\\\\")
        .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace('"', "&quot;").replace("'", "&#39;")
    )


def quote(text: str) -> str:
    """A DOT double-quoted string; backslashes doubled so escString sequences (\\N, \\G) stay text.

    >>> quote('a "b" \\\\ c')
    '"a \\\\"b\\\\" \\\\\\\\ c"'
    """
    text = _CONTROL.sub("", str(text)).replace("\n", " ").replace("\r", " ")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _attrs(pairs: Sequence[tuple[str, object]]) -> str:
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
            parts.append(f"{name}={quote(str(value))}")
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
        return (f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2">'
                f'<TR><TD COLSPAN="{len(columns)}"><B>{title}</B></TD>'
                f'</TR><TR>{cells}</TR></TABLE>')
    return "<BR/>".join([f"<B>{title}</B>", *parts])


def _edge_label(edge: Edge, chart_codes: dict[str, str]) -> str | None:
    if not edge.label:
        return None
    color = HIGHLIGHT if edge.highlight else edge_style(edge.type).color
    if edge.status:
        color = STATUS_STYLES[edge.status].color
    body = "<BR/>".join(html_text(part) for part in wrap(edge.label, 26))
    if edge.label in chart_codes:  # a letter spelt out in the key
        body = f"<B>{body}</B>"
    return f'<FONT POINT-SIZE="8" COLOR="{color}">{body}</FONT>'


def _title_label(chart: Chart) -> str:
    parts = [f'<FONT POINT-SIZE="18"><B>{html_text(chart.title)}</B></FONT>']
    for line in chart.subtitle:
        parts.append(f'<FONT POINT-SIZE="10" COLOR="#404040">{html_text(line)}</FONT>')
    return "<BR/>".join(parts)


_GLYPHS = {"solid": "────", "bold": "━━━━", "dashed": "╌╌╌╌", "dotted": "┈┈┈┈"}
_HEADS = {"normal": "▶", "vee": "▶", "empty": "▷", "onormal": "▷", "dot": "●", "diamond": "◆", "none": ""}


def line_sample(style: str, arrowhead: str) -> str:
    return _GLYPHS.get(style, "———") + _HEADS.get(arrowhead, "▶")


class KeyRow(NamedTuple):
    """One row of the key: a box sample (fill, border), a line sample, or a diff status."""

    kind: str  # box, line, status, note
    color: str  # fill of a box; colour of a line or status
    extra: str  # border of a box; text sample of a line (for text-only keys); dashed/solid of a status
    text: str
    line: str = "solid"  # solid, dashed, dotted, bold (lines)
    head: str = "normal"  # graphviz arrowhead (lines)


INFERRED_KEY = ("(inferred): a line read into the text, not stated by it; "
                "the relation's note in lscp show says how")


def key_rows(chart: Chart) -> list[KeyRow]:
    """The key of a chart: the box styles used, then the relation types drawn, then emphasis."""
    rows = []
    for name in chart.used_node_styles():
        box = NODE_STYLES[name]
        rows.append(KeyRow("box", box.fill, box.border, box.label, "dashed" if box.dashed else "solid"))
    for relation_type in chart.used_edge_types():
        line = edge_style(relation_type)
        text = chart.key_labels.get(relation_type, line.label)
        rows.append(KeyRow("line", line.color, line_sample(line.style, line.arrowhead), text, line.style,
                           line.arrowhead))
    if any(n.highlight for n in chart.nodes.values()) or any(e.highlight for e in chart.edges):
        rows.append(KeyRow("line", HIGHLIGHT, line_sample("bold", "normal"), "highlighted steps (numbered)", "bold"))
    statuses = sorted({n.status for n in chart.nodes.values() if n.status}
                      | {e.status for e in chart.edges if e.status}, key=list(STATUS_STYLES).index)
    for status in statuses:
        shown = STATUS_STYLES[status]
        rows.append(KeyRow("status", shown.color, "dashed" if shown.dashed else "solid", shown.label))
    for letter, condition in sorted(chart.codes.items()):
        rows.append(KeyRow("code", edge_style("escalates_to").color, letter, f"escalation when: {condition}"))
    if any(e.inferred and not e.invisible for e in chart.edges):
        rows.append(KeyRow("note", "#404040", "", INFERRED_KEY))
    for _, text in chart.legend_extra:
        rows.append(KeyRow("note", "#404040", "", text))
    return rows


_LINE_WIDTH = {"bold": 3, "solid": 2, "dashed": 2, "dotted": 2}
_CELL_STYLE = {"dashed": ' STYLE="dashed"', "dotted": ' STYLE="dotted"'}


def _key_cells(row: KeyRow) -> str:
    label = f'<TD ALIGN="LEFT"><FONT POINT-SIZE="8">{html_text(row.text)}</FONT></TD>'
    if row.kind == "box":
        sample = (f'<TD BGCOLOR="{row.color}" BORDER="1" COLOR="{row.extra}"{_CELL_STYLE.get(row.line, "")}'
                  ' WIDTH="26" HEIGHT="11"> </TD>')
    elif row.kind == "line":
        # A real line: the bottom border of a cell, dashed or dotted as the edges are, then the head.
        head = html_text(_HEADS.get(row.head, "▶"))
        sample = ('<TD><TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
                  f'<TD SIDES="B" BORDER="{_LINE_WIDTH.get(row.line, 2)}" COLOR="{row.color}"'
                  f'{_CELL_STYLE.get(row.line, "")}'
                  ' WIDTH="22" HEIGHT="5"></TD>'
                  f'<TD ROWSPAN="2"><FONT POINT-SIZE="7" COLOR="{row.color}">{head or " "}</FONT></TD></TR>'
                  '<TR><TD HEIGHT="5"></TD></TR></TABLE></TD>')
    elif row.kind == "status":
        style = ' STYLE="dashed"' if row.extra == "dashed" else ""
        sample = f'<TD BGCOLOR="#ffffff" BORDER="2" COLOR="{row.color}"{style} WIDTH="26" HEIGHT="11"> </TD>'
    elif row.kind == "code":
        sample = f'<TD WIDTH="26"><FONT POINT-SIZE="8" COLOR="{row.color}"><B>{html_text(row.extra)}</B></FONT></TD>'
    else:
        sample = '<TD WIDTH="26"> </TD>'
    return sample + label


def _key_label(chart: Chart) -> str:
    """The key as one table: boxes in the left pair of columns, lines and emphasis in the right."""
    rows = key_rows(chart)
    height = max(1, -(-len(rows) // KEY_COLUMNS))
    columns = [rows[i:i + height] for i in range(0, len(rows), height)] or [[]]
    cells = ['<TABLE BORDER="1" COLOR="#bfbfbf" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1" BGCOLOR="#ffffff">',
             f'<TR><TD COLSPAN="{2 * len(columns)}" ALIGN="LEFT"><B>Key</B></TD></TR>']
    for index in range(height):
        row = "".join(_key_cells(column[index]) if index < len(column) else "<TD> </TD><TD> </TD>"
                      for column in columns)
        cells.append(f"<TR>{row}</TR>")
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
    attrs: list[tuple[str, object]] = [
        ("label", _Html(node_label(node))),
        ("style", ",".join(styles)),
        ("fillcolor", style.fill),
        ("color", border),
        ("penwidth", float(penwidth)),
        ("fontcolor", style.text),
        ("tooltip", node.tooltip or node.title),
    ]
    return f"{indent}{quote(node.id)} [{_attrs(attrs)}];"


def _edge_line(edge: Edge, codes: dict[str, str]) -> str:
    if edge.invisible:
        layout = [("style", "invis"), ("minlen", edge.minlen), ("weight", edge.weight)]
        return f"  {quote(edge.source)} -> {quote(edge.target)} [{_attrs(layout)}];"
    style = edge_style(edge.type)
    color, penwidth, line = style.color, style.penwidth, style.style
    if edge.status:
        status = STATUS_STYLES[edge.status]
        color, penwidth = status.color, max(style.penwidth, status.penwidth if edge.status != "unchanged" else 1.0)
        line = "dashed" if status.dashed else ("solid" if line == "bold" else line)
    if edge.highlight:
        color, penwidth = HIGHLIGHT, HIGHLIGHT_PENWIDTH
    label = _edge_label(edge, codes)
    tail, head = edge.source, edge.target
    attrs: list[tuple[str, object]] = [("color", color), ("penwidth", float(penwidth)), ("style", line)]
    if style.upward if edge.upward is None else edge.upward:
        tail, head = head, tail
        attrs += [("dir", "back"), ("arrowtail", style.arrowhead)]
    else:
        attrs += [("arrowhead", style.arrowhead)]
    if not (style.constraint if edge.constraint is None else edge.constraint):
        # Neither ranks nor pulls boxes sideways: a cross-reference, not a line of the hierarchy.
        attrs += [("constraint", "false"), ("weight", 0)]
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
    attrs = [("label", _Html(label)), ("style", "rounded,filled"),
             ("fillcolor", CLUSTER_FILL.get(cluster.style, "#ffffff")),
             ("color", CLUSTER_BORDER), ("labeljust", "l"), ("margin", 8)]
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
        ("remincross", "false"),  # keep the order the builders chose (partners: authority, health, police)
        ("compound", "true"),
        ("fontname", FONT),
        ("labelloc", "t"),
        ("label", _Html(_title_label(chart))),
        ("nodesep", 0.22),
        ("ranksep", 0.4),
        ("pad", 0.25),
        ("outputorder", "edgesfirst"),
    ]
    if chart.page:
        # Scaled down uniformly to fit the page (never up); `ratio=fill` would shrink it further
        # to stretch it to the page's exact shape, and `page` only paginates PostScript.
        # margin=0: the PDF device otherwise adds half an inch round the drawing, past the page.
        graph_attrs += [("size", f"{chart.page[0]:g},{chart.page[1]:g}"), ("margin", 0), ("center", "true")]
    lines.append(f"  graph [{_attrs(graph_attrs)}];")
    node_defaults = [("shape", "box"), ("fontname", FONT), ("fontsize", TITLE_SIZE), ("margin", "0.14,0.06")]
    lines.append(f"  node [{_attrs(node_defaults)}];")
    lines.append(f"  edge [{_attrs([('fontname', FONT), ('fontsize', 8), ('arrowsize', 0.8)])}];")
    for cluster in chart.sorted_clusters(None):
        lines += _cluster_lines(chart, cluster, "  ")
    for node in chart.sorted_nodes(None):
        lines.append(_node_line(node, "  "))
    if chart.legend:
        key = [("shape", "plaintext"), ("margin", 0.0), ("label", _Html(_key_label(chart)))]
        lines.append(f"  {quote(KEY_ID)} [{_attrs(key)}];")
    for group in sorted(sorted(set(g)) for g in chart.same_rank if len(set(g)) > 1):
        lines.append("  { rank=same; " + " ".join(f"{quote(n)};" for n in group) + " }")
    if chart.legend and chart.key_beside in chart.nodes:
        lines.append(f"  {{ rank=same; {quote(KEY_ID)}; {quote(chart.key_beside)}; }}")
        lines.append(f"  {quote(KEY_ID)} -> {quote(chart.key_beside)} [style=\"invis\"];")
    elif chart.legend and chart.key_below in chart.nodes:
        lines.append(f"  {quote(chart.key_below)} -> {quote(KEY_ID)} [style=\"invis\"];")
    for edge in chart.sorted_edges():
        lines.append(_edge_line(edge, chart.codes))
    lines.append("}")
    return "\n".join(lines) + "\n"


__all__ = ["KEY_ID", "KeyRow", "chart_to_dot", "html_text", "key_rows", "line_sample", "node_label", "quote"]
