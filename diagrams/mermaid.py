"""Chart -> Mermaid flowchart text (renders on GitHub): one line per box, line and style."""
from __future__ import annotations

import re

from .chart import Chart, Cluster, Node, wrap, wrap_line
from .dot import key_rows
from .style import HIGHLIGHT, HIGHLIGHT_PENWIDTH, NODE_STYLES, STATUS_STYLES, edge_style

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Characters Mermaid's parser or its HTML labels would read as syntax: written as #code; entities.
_SPECIAL = set('"#&<>|[](){}`\\;:%')
_LINKS = {  # (line style, has arrow) -> Mermaid link
    ("solid", True): "-->", ("solid", False): "---",
    ("dashed", True): "-.->", ("dashed", False): "-.-",
    ("dotted", True): "-.->", ("dotted", False): "-.-",
    ("bold", True): "==>", ("bold", False): "===",
}


def mermaid_text(text: str) -> str:
    """Text safe inside a quoted Mermaid label: specials become #NN; entity codes.

    >>> mermaid_text('<b> & "x"')
    '#60;b#62; #38; #34;x#34;'
    """
    text = _CONTROL.sub(" ", str(text))
    return "".join(f"#{ord(ch)};" if ch in _SPECIAL else ch for ch in text)


def _ids(chart: Chart) -> dict[str, str]:
    """Mermaid-safe ids (letters, digits, underscore), unique, assigned in sorted order."""
    found, used = {}, set()
    for name in sorted(chart.nodes) + [f"cluster:{c}" for c in sorted(chart.clusters)]:
        prefix = "c_" if name.startswith("cluster:") else "n_"
        base = prefix + re.sub(r"[^A-Za-z0-9]", "_", name.removeprefix("cluster:"))
        candidate, index = base, 2
        while candidate in used:
            candidate, index = f"{base}_{index}", index + 1
        used.add(candidate)
        found[name] = candidate
    return found


def _label(node: Node) -> str:
    title = "<br/>".join(mermaid_text(part) for part in wrap(node.title))
    lines = ["<br/>".join(mermaid_text(part) for part in wrap_line(text)) for _, text in node.lines]
    return "<br/>".join([f"<b>{title}</b>", *lines])


def _node_line(node: Node, ids: dict[str, str], indent: str) -> str:
    return f'{indent}{ids[node.id]}["{_label(node)}"]'


def _cluster_lines(chart: Chart, cluster: Cluster, ids: dict[str, str], indent: str) -> list[str]:
    lines = [f'{indent}subgraph {ids["cluster:" + cluster.id]}["{mermaid_text(cluster.label)}"]']
    for child in chart.sorted_clusters(cluster.id):
        lines += _cluster_lines(chart, child, ids, indent + "    ")
    lines += [_node_line(node, ids, indent + "    ") for node in chart.sorted_nodes(cluster.id)]
    lines.append(f"{indent}end")
    return lines


def _class_def(name: str) -> str:
    style = NODE_STYLES[name]
    parts = [f"fill:{style.fill}", f"stroke:{style.border}", f"stroke-width:{style.penwidth:g}px",
             f"color:{style.text}"]
    if style.dashed:
        parts.append("stroke-dasharray:5 4")
    return f"    classDef s_{name.replace('-', '_')} {','.join(parts)}"


def chart_to_mermaid(chart: Chart) -> str:
    """The Mermaid flowchart of a chart. Lines to a box above (reports to, feeds into...) are drawn
    from it down without an arrowhead, so the layout keeps the hierarchy the right way up."""
    ids = _ids(chart)
    lines = [f"flowchart {chart.orientation}", f"    %% {mermaid_text(chart.title)}"]
    lines += [f"    %% {mermaid_text(line)}" for line in chart.subtitle]
    for cluster in chart.sorted_clusters(None):
        lines += _cluster_lines(chart, cluster, ids, "    ")
    lines += [_node_line(node, ids, "    ") for node in chart.sorted_nodes(None)]
    link_styles = []
    for index, edge in enumerate(chart.sorted_edges(visible_only=True)):
        style = edge_style(edge.type)
        upward = style.upward  # per-chart layout overrides are dot's business, not the reader's
        tail, head = (edge.target, edge.source) if upward else (edge.source, edge.target)
        line = "dashed" if edge.status == "removed" else style.style
        link = _LINKS[(line, not upward and style.arrowhead != "none")]
        label = f'|"{mermaid_text(edge.label)}"|' if edge.label else ""
        lines.append(f"    {ids[tail]} {link}{label} {ids[head]}")
        color, width = style.color, style.penwidth
        if edge.status:
            color, width = STATUS_STYLES[edge.status].color, max(width, STATUS_STYLES[edge.status].penwidth)
        if edge.highlight:
            color, width = HIGHLIGHT, HIGHLIGHT_PENWIDTH
        link_styles.append(f"    linkStyle {index} stroke:{color},stroke-width:{width:g}px")
    if chart.legend:
        lines += _key(chart)
    lines += link_styles
    styles = sorted({n.style for n in chart.nodes.values()} | (set(NODE_STYLES) if chart.legend else set()))
    lines += [_class_def(name) for name in styles]
    by_style: dict[str, list[str]] = {}
    for node in chart.nodes.values():
        by_style.setdefault(node.style, []).append(ids[node.id])
    for name in sorted(by_style):
        lines.append(f"    class {','.join(sorted(by_style[name]))} s_{name.replace('-', '_')}")
    for node in sorted(chart.nodes.values(), key=lambda n: ids[n.id]):
        if node.highlight:
            lines.append(f"    style {ids[node.id]} stroke:{HIGHLIGHT},stroke-width:{HIGHLIGHT_PENWIDTH:g}px")
        elif node.status:
            status = STATUS_STYLES[node.status]
            dash = ",stroke-dasharray:5 4" if status.dashed else ""
            lines.append(f"    style {ids[node.id]} stroke:{status.color},stroke-width:{status.penwidth:g}px{dash}")
    return "\n".join(lines) + "\n"


def _key(chart: Chart) -> list[str]:
    """The key: a sample box per box style used, and one box naming each kind of line."""
    lines = ['    subgraph lscp_key["Key"]']
    words = []
    styles = []
    for index, (kind, color, extra, text, _, _) in enumerate(key_rows(chart)):
        if kind == "box":
            name = next(n for n, s in NODE_STYLES.items() if s.label == text)
            lines.append(f'        key_{name.replace("-", "_")}["{mermaid_text(text)}"]:::s_{name.replace("-", "_")}')
        elif kind == "status":
            lines.append(f'        key_status_{index}["{mermaid_text(text)}"]')
            dash = ",stroke-dasharray:5 4" if extra == "dashed" else ""
            styles.append(f"    style key_status_{index} fill:#ffffff,stroke:{color},stroke-width:3px{dash}")
        elif kind == "code":
            words.append(f"{mermaid_text(extra)}#58; {mermaid_text(text)}")
        else:
            words.append(f"{mermaid_text(extra)} {mermaid_text(text)}".strip())
    if words:
        lines.append(f'        key_lines["{"<br/>".join(words)}"]')
    lines.append("    end")
    return lines + styles
