"""A chart as plain data: boxes, lines, containers and a key, before any output format.

Every chart kind builds a `Chart`; `dot.py`, `mermaid.py` and `drawio.py` each turn one into
text. Builders add items in any order: the emitters sort, so output is deterministic.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from .style import LINE_WRAP, WRAP


@dataclass
class Node:
    """One box. `lines` are (role, text) pairs under the bold title: chair, holder, note, tag..."""

    id: str
    title: str
    style: str
    cluster: str | None = None
    lines: list[tuple[str, str]] = field(default_factory=list)
    order: tuple = ()
    status: str | None = None  # diff status: added, removed, changed, unchanged
    highlight: bool = False
    tooltip: str | None = None
    columns: int = 1  # lay the lines out in this many columns (a long list such as the agencies)

    @property
    def sort_key(self) -> tuple:
        return (self.order, self.id)


@dataclass
class Edge:
    """One line, `source` -type-> `target` as the data states it (drawing direction is the emitter's)."""

    source: str
    target: str
    type: str
    label: str | None = None
    status: str | None = None
    highlight: bool = False
    inferred: bool = False  # read into the text, not stated: labelled and listed in the key
    invisible: bool = False  # a layout hint only: never drawn, never exported
    minlen: int | None = None
    weight: int | None = None  # layout hints only: how hard dot keeps the two boxes close
    constraint: bool | None = None  # None: as the style table says for the type
    upward: bool | None = None  # None: as the style table says (True draws the target above)

    @property
    def sort_key(self) -> tuple:
        return (self.invisible, self.source, self.type, self.target, self.label or "")


@dataclass
class Cluster:
    """A container: the safeguarding partners, a tier of groups, a partnership, the agencies."""

    id: str
    label: str
    style: str
    parent: str | None = None
    order: tuple = ()

    @property
    def sort_key(self) -> tuple:
        return (self.order, self.id)


@dataclass
class Chart:
    title: str
    subtitle: list[str] = field(default_factory=list)
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    clusters: dict[str, Cluster] = field(default_factory=dict)
    same_rank: list[list[str]] = field(default_factory=list)
    orientation: str = "TB"
    legend: bool = True
    page: tuple[float, float] | None = None
    legend_extra: list[tuple[str, str]] = field(default_factory=list)  # (kind, text) e.g. diff statuses
    key_labels: dict[str, str] = field(default_factory=dict)  # relation type -> what the key says instead
    folded: dict[str, str] = field(default_factory=dict)  # relation type -> the label said once in the key
    codes: dict[str, str] = field(default_factory=dict)  # a letter on escalation lines -> its condition
    key_beside: str | None = None  # a box the key sits level with, to its right
    key_below: str | None = None  # or a box the key sits under (when there is no key_beside)

    # -- building -------------------------------------------------------------------
    def add_node(self, node: Node) -> Node:
        existing = self.nodes.get(node.id)
        if existing is not None:
            return existing
        self.nodes[node.id] = node
        return node

    def add_edge(self, edge: Edge) -> Edge | None:
        if edge.source not in self.nodes or edge.target not in self.nodes or edge.source == edge.target:
            return None
        for existing in self.edges:
            if (existing.source, existing.type, existing.target, existing.invisible) == (
                edge.source, edge.type, edge.target, edge.invisible
            ):
                if edge.label and edge.label not in (existing.label or "").split("; "):
                    existing.label = f"{existing.label}; {edge.label}" if existing.label else edge.label
                return existing
        self.edges.append(edge)
        return edge

    def add_cluster(self, cluster: Cluster) -> Cluster:
        return self.clusters.setdefault(cluster.id, cluster)

    def find_edges(self, source: str, type: str, target: str) -> list[Edge]:
        return [e for e in self.edges if (e.source, e.type, e.target) == (source, type, target) and not e.invisible]

    # -- reading, in the one deterministic order --------------------------------------
    def sorted_nodes(self, cluster: str | None = None) -> list[Node]:
        return sorted((n for n in self.nodes.values() if n.cluster == cluster), key=lambda n: n.sort_key)

    def sorted_clusters(self, parent: str | None = None) -> list[Cluster]:
        return sorted((c for c in self.clusters.values() if c.parent == parent), key=lambda c: c.sort_key)

    def sorted_edges(self, visible_only: bool = False) -> list[Edge]:
        edges = [e for e in self.edges if not (visible_only and e.invisible)]
        return sorted(edges, key=lambda e: e.sort_key)

    def used_node_styles(self) -> list[str]:
        """The box styles on the chart, in the style table's order (the key's order)."""
        from .style import NODE_STYLES

        used = {n.style for n in self.nodes.values()}
        return [name for name in NODE_STYLES if name in used]

    def used_edge_types(self) -> list[str]:
        """The relation types drawn, in the style table's order, then any others alphabetically."""
        from .style import EDGE_STYLES

        used = {e.type for e in self.edges if not e.invisible}
        return [t for t in EDGE_STYLES if t in used] + sorted(used - set(EDGE_STYLES))


def wrap(text: str, width: int = WRAP) -> list[str]:
    """Split a long name into lines of at most `width` characters (words are kept whole when they fit).

    >>> wrap("Serious Incidents and Learning Group", 20)
    ['Serious Incidents', 'and Learning Group']
    """
    text = " ".join(str(text).split())
    if not text:
        return [""]
    return textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False) or [""]


def wrap_line(text: str) -> list[str]:
    return wrap(text, LINE_WRAP)
