"""What every chart kind shares: options, the editions shown, and what goes in each box."""
from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from lscp.loaders import Graph
from lscp.model import Entity, NotFound, Relation, UsageError
from lscp.model.entities import Body, Edition, Organisation, Partnership, Post
from lscp.queries.editions import editions_of, seen_in, with_supplements
from lscp.queries.scope import current_editions

from .chart import Chart, Edge, Node
from .style import A4_LANDSCAPE, BODY_STYLE

KINDS = ("partners", "bodies", "posts", "agencies", "external")
"""Parts of a chart that can be left out: the safeguarding partners with their lead
representatives and delegates; the partnership's bodies; posts (independent posts and
those on escalation, scrutiny or accountability lines); relevant agencies; and bodies of
other partnerships that a line leads to."""


@dataclass(frozen=True)
class ChartOptions:
    """How a chart is drawn. `depth` limits tiers (0: board and executive only)."""

    orientation: str = "TB"
    depth: int | None = None
    kinds: frozenset[str] = field(default_factory=lambda: frozenset(KINDS))
    all_agencies: bool = False
    legend: bool = True
    page: tuple[float, float] | None = A4_LANDSCAPE

    def __post_init__(self):
        if self.orientation not in ("TB", "LR"):
            raise UsageError(f"orientation {self.orientation!r} is not TB or LR")
        if self.depth is not None and self.depth < 0:
            raise UsageError(f"depth {self.depth} is negative; use 0 for the board and executive only")
        unknown = sorted(set(self.kinds) - set(KINDS))
        if unknown:
            raise UsageError(f"unknown kind(s) {', '.join(unknown)}; use any of: {', '.join(KINDS)}")

    def has(self, kind: str) -> bool:
        return kind in self.kinds


def parse_kinds(text: str | None) -> frozenset[str]:
    """'partners,bodies' -> frozenset; None -> every kind."""
    if text is None:
        return frozenset(KINDS)
    return frozenset(part.strip() for part in text.split(",") if part.strip())


# -- editions ----------------------------------------------------------------------------
def chart_editions(graph: Graph, partnership_id: str, edition: str | None = None) -> tuple[str, ...]:
    """The editions a chart shows: the one asked for (with what it supplements), or by default
    the partnership's latest arrangements edition plus its current editions (`current_editions`)."""
    own = editions_of(graph, partnership_id)
    if edition is not None:
        if edition not in {e.id for e in own}:
            listed = ", ".join(e.id for e in own) or "none"
            raise UsageError(f"edition {edition!r} is not an edition of {partnership_id}; its editions are: {listed}")
        return tuple(sorted(with_supplements(graph, edition)))
    if not own:
        raise UsageError(
            f"no edition describes {partnership_id}, so there is nothing to draw; "
            f"partnerships with editions: {', '.join(sorted({e.partnership for e in graph.entities_of(Edition)}))}"
        )
    chosen = {e for e in current_editions(graph) if graph.edition(e).partnership == partnership_id}
    arrangements = [e for e in own if e.edition_kind == "arrangements"]
    if arrangements:
        chosen |= with_supplements(graph, arrangements[-1].id)
    if not chosen:
        chosen = with_supplements(graph, own[-1].id)
    return tuple(sorted(chosen))


def edition_names(graph: Graph, editions: Iterable[str]) -> str:
    return "; ".join(graph.edition(e).name for e in sorted(editions, key=lambda e: (graph.edition(e).date or "", e)))


def partnership(graph: Graph, partnership_id: str) -> Partnership:
    entity = graph.entity(partnership_id)
    if not isinstance(entity, Partnership):
        raise UsageError(f"{partnership_id} is a {entity.kind}, not a partnership")
    return entity


def check_ids(graph: Graph, ids: Iterable[str]) -> None:
    for entity_id in ids:
        if entity_id not in graph.by_id:
            raise NotFound(entity_id, graph.suggest(entity_id))


# -- what goes in a box ---------------------------------------------------------------------
def short_name(graph: Graph, entity_id: str) -> str:
    """A name for a chair line: the post or organisation, '(independent)' when it is."""
    entity = graph.by_id[entity_id]
    if isinstance(entity, Post) and entity.independent:
        return f"{entity.name} (independent)"
    return entity.name


def chair_lines(graph: Graph, entity: Entity, editions: Collection[str] | None) -> list[tuple[str, str]]:
    """'Chair: …' (rotating when stated), 'Vice chair: …', or 'Chair not stated'."""
    lines = []
    for relation_type, word in (("chairs", "Chair"), ("vice_chairs", "Vice chair")):
        chairs = [r for r in graph.relations(relation_type, target=entity.id) if seen_in(r, editions)]
        if chairs:
            names = sorted({short_name(graph, r.source) for r in chairs})
            prefix = f"{word} (rotating)" if any(r.rotating for r in chairs) else word
            lines.append(("chair", f"{prefix}: {' / '.join(names)}"))
        elif relation_type == "chairs" and any(n.field == "chair" for n in entity.not_stated):
            lines.append(("note", "Chair not stated"))
    return lines


def shared_lines(graph: Graph, entity: Entity, editions: Collection[str] | None) -> list[tuple[str, str]]:
    shared = [r for r in graph.relations("shared_with", source=entity.id) if seen_in(r, editions)]
    names = sorted({graph.by_id[r.target].name for r in shared})
    return [("shared", f"Shared with {name}") for name in names]


def holder_lines(graph: Graph, post: Entity, editions: Collection[str] | None) -> list[tuple[str, str]]:
    holders = [r for r in graph.relations("holds", target=post.id) if seen_in(r, editions)]
    names = sorted({graph.by_id[r.source].name for r in holders})
    return [("holder", ", ".join(names))] if names else []


def entity_style(entity: Entity) -> str:
    """The style key of an entity's box (one style per kind, body kinds grouped)."""
    if isinstance(entity, Body):
        return BODY_STYLE.get(entity.body_kind, "group")
    if isinstance(entity, Post):
        return "independent-post" if entity.independent else "post"
    if isinstance(entity, Partnership):
        return "partnership"
    return "organisation"


def entity_node(graph: Graph, entity: Entity, editions: Collection[str] | None, cluster: str | None = None,
                order: tuple = (), role: str | None = None) -> Node:
    """A box for any entity: title, then chair, sharing, holder and independence lines."""
    lines: list[tuple[str, str]] = []
    if role:
        lines.append(("note", role))
    if isinstance(entity, Post):
        lines += holder_lines(graph, entity, editions)
        if entity.independent:
            lines.append(("independent", "Independent"))
    if isinstance(entity, (Body, Partnership)):
        lines += chair_lines(graph, entity, editions)
    if isinstance(entity, (Body, Post)):
        lines += shared_lines(graph, entity, editions)
    kind = getattr(entity, "body_kind", None) or entity.kind
    return Node(id=entity.id, title=entity.name, style=entity_style(entity), cluster=cluster, lines=lines,
                order=order, tooltip=f"{entity.id} ({kind})")


def humanise(word: str) -> str:
    """'disputed-rapid-review' -> 'disputed rapid review'."""
    return word.replace("-", " ").replace("_", " ")


INFERRED_LABEL = "(inferred)"


def relation_label(relation: Relation) -> str | None:
    """The words on a line: the escalation condition, the member's capacity; "(inferred)" when
    the relation is read into the text rather than stated (the key says so)."""
    words = None
    if relation.type == "escalates_to" and relation.condition:
        words = humanise(relation.condition)
    elif relation.type == "member_of" and relation.capacity:
        words = humanise(relation.capacity)
    if relation.inferred:
        return f"{words} {INFERRED_LABEL}" if words else INFERRED_LABEL
    return words


def add_relation_edges(graph: Graph, chart: Chart, editions: Collection[str], types: Iterable[str],
                       keep=lambda relation: True) -> None:
    """Draw every relation of these types, in these editions, between two boxes already on the chart."""
    types = tuple(sorted(types))
    for relation in graph.relations(types):
        if relation.source in chart.nodes and relation.target in chart.nodes and seen_in(relation, editions) \
                and keep(relation):
            chart.add_edge(Edge(relation.source, relation.target, relation.type, label=relation_label(relation),
                                inferred=relation.inferred))


def organisation_order(entity: Entity) -> tuple:
    from .style import SECTOR_ORDER

    sector = entity.sector if isinstance(entity, Organisation) else "other"
    return (SECTOR_ORDER.get(sector, 9), entity.name)
